"""`embargo scan FILE|-`: listed parties in a news text, web page, MT103 or pacs.008 message."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from embargo.cli.app import app, console, fail, state
from embargo.cli.screening import build_screener, check_threshold, parse_as_of
from embargo.text import FORMATS, ScanError, ScanResult, scan
from embargo.text.html import HtmlError

MAX_INPUT = 64 * 2**20  # a message or article, not a corpus: refuse what cannot be one


def read_input(path: str) -> bytes:
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT + 1)
        else:
            with Path(path).open("rb") as fh:
                data = fh.read(MAX_INPUT + 1)
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    if len(data) > MAX_INPUT:
        fail(f"{path}: larger than {MAX_INPUT // 2**20} MiB; split it")
    return data


def result_tables(result: ScanResult) -> list[Table]:
    payment = result.format in ("mt103", "pacs008")
    mentions = Table(title=f"Listed parties found ({result.format})")
    mentions.add_column("at", justify="right")
    if payment:
        mentions.add_column("field")
    mentions.add_column("text")
    mentions.add_column("score", justify="right")
    mentions.add_column("listed as")
    mentions.add_column("source")
    mentions.add_column("source_id")
    for m in result.mentions:
        row = [f"{m.start}-{m.end}"]
        if payment:
            row.append(m.field or "")
        row += [escape(" ".join(m.text.split())), f"{m.score:.3f}", escape(m.caption)]
        row += [m.source, m.source_id]
        mentions.add_row(*row)
    tables = [mentions]
    if payment:
        countries = Table(title="Country risk")
        for col in ("country", "level", "field", "text", "at"):
            countries.add_column(col)
        for c in result.countries:
            countries.add_row(
                c.country, c.level, c.field or "", escape(c.text), f"{c.start}-{c.end}"
            )
        tables.append(countries)
    return tables


@app.command("scan")
def scan_command(
    ctx: typer.Context,
    path: str = typer.Argument(..., help="The file to scan, or - for standard input."),
    format: str = typer.Option(
        "auto", "--format", help="auto, text, html, mt103 or pacs008 (auto: from the content)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    threshold: float | None = typer.Option(None, "--threshold", help="Default: the engine's."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Scan against the list versions in force on this date."
    ),
    source: list[str] | None = typer.Option(None, "--source", help="Only these sources."),
    sectoral: bool = typer.Option(
        False, "--sectoral", help="Also report Russia, Belarus, Venezuela as country risk."
    ),
) -> None:
    """Find listed parties named in text, HTML, SWIFT MT103 or ISO 20022 pacs.008."""
    if format not in FORMATS:
        fail(f"--format {format!r}: use one of {', '.join(FORMATS)}")
    check_threshold(threshold)
    day = parse_as_of(as_of)
    data = read_input(path)
    screener = build_screener(state(ctx).db_url, day, source)
    try:
        result = scan(
            data, format=format, screener=screener, threshold=threshold, sectoral=sectoral
        )
    except (ScanError, HtmlError) as exc:
        fail(f"{path}: {exc}")
    if as_json:
        payload = result.to_dict()
        payload["threshold"] = screener.threshold if threshold is None else threshold
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        return
    for table in result_tables(result):
        console.print(table)
