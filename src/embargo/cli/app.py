"""The Typer application and what every command shares: the database option and error exits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

import typer
from rich.console import Console

from embargo.settings import database_url

app = typer.Typer(
    name="embargo",
    help="Sanctions screening and sanctions-list intelligence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


@dataclass
class AppState:
    db_url: str


@app.callback()
def _main(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        envvar="EMBARGO_DB",
        help="Database: an SQLite file path (default ./embargo.db) or a postgresql:// URL.",
    ),
) -> None:
    ctx.obj = AppState(db_url=database_url(db))


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj


def fail(message: str, code: int = 2) -> NoReturn:
    """A clear error on stderr and a non-zero exit; callers must not have written anything."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)
