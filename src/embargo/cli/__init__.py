"""Command-line face of Embargo: one Typer app, commands grouped by stage."""

from __future__ import annotations

import importlib

from embargo.cli.app import app

# Each module registers its commands on `app`; a stage not built yet is simply absent.
for _name in ("lists", "screening", "text", "insight"):
    try:
        importlib.import_module(f"embargo.cli.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"embargo.cli.{_name}":
            raise


def main() -> None:
    app()
