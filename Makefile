# Embargo: `make demo` sets up and runs the main job; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
export EMBARGO_SHARED := $(abspath $(SHARED))

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml setup.py $(wildcard src/embargo/*/*.pyx src/embargo/*/*.pxd)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	bash scripts/demo.sh

test: install
	bash scripts/postgres.sh start
	. scripts/postgres.env && $(BIN)/python -m pytest -n 2 --dist loadfile -q

lint: install
	$(BIN)/ruff check src tests bench scripts setup.py
	$(BIN)/ruff format --check src tests bench scripts setup.py

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info embargo.db out
