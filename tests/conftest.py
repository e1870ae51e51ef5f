"""Shared fixtures: the real list data in ../shared/data, and fresh databases."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from embargo.settings import shared_data_dir

DATA = shared_data_dir()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"shared data not found at {DATA}; set EMBARGO_SHARED")
    return DATA


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'embargo.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the local PostgreSQL started by scripts/postgres.sh."""
    base = os.environ.get("EMBARGO_TEST_PG_URL")
    if not base:
        if os.environ.get("CI"):
            pytest.fail("EMBARGO_TEST_PG_URL not set: scripts/postgres.sh did not start PostgreSQL")
        pytest.skip("no local PostgreSQL (run scripts/postgres.sh start)")
    import uuid

    from sqlalchemy import create_engine, text

    name = f"embargo_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
