"""`embargo match NAME` (one query, a table or JSON) and `embargo screen INPUT -o OUTPUT` (a file)."""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from embargo.cli.app import app, console, err_console, fail, state
from embargo.match.batch import (
    FORMATS,
    BatchError,
    InputRow,
    detect_format,
    error_line,
    make_query,
    parquet_rows,
    read_queries,
    result_line,
)
from embargo.match.types import Match, Query

if TYPE_CHECKING:
    from embargo.match import Screener

MAX_REPORTED = 50  # bad rows printed one by one on stderr; the rest are counted (all are in OUTPUT)


def parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(f"--as-of {value!r} is not a date (use YYYY-MM-DD)")


def check_threshold(value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        fail(f"--threshold {value} is outside [0, 1]")


def build_screener(db_url: str, as_of: date | None, sources: list[str] | None) -> Screener:
    """The screener over the versions in force on `as_of` (latest if None); fails if empty."""
    from embargo.match import Screener
    from embargo.store import Store, StoreError

    try:
        store = Store(db_url)
    except Exception as exc:  # SQLAlchemy errors: bad URL, unreachable server, not a database
        fail(f"cannot open the database {db_url}: {exc}")
    try:
        known = store.sources()
        if not known:
            fail(f"no lists loaded in {db_url}; load a list file first")
        if sources:
            unknown = sorted(set(sources) - set(known))
            if unknown:
                fail(f"source(s) not loaded: {', '.join(unknown)}; loaded: {', '.join(known)}")
        if as_of is not None:
            in_force = [s for s in (sources or known) if store.version_at(s, as_of) is not None]
            if not in_force:
                fail(f"no list version was in force on {as_of}")
        try:
            return Screener.from_store(store, as_of=as_of, sources=sources or None)
        except StoreError as exc:
            fail(str(exc))
    finally:
        store.close()


# -- match ------------------------------------------------------------------------------------


def explain_text(match: Match) -> str:
    """A short human reading of a match's explanation for the table's `why` column: each
    feature with its value, and for the name the query and list spellings that aligned."""
    explanation = match.explanation or {}
    if isinstance(explanation.get("summary"), str):
        return explanation["summary"]
    pairs = [
        f"{a[0]}↔{a[1]}" + (f" {float(a[2]):.2f}" if len(a) > 2 else "")
        for a in explanation.get("alignment", []) or []
        if isinstance(a, list | tuple) and len(a) >= 2
    ]
    parts: list[str] = []
    for feature in explanation.get("features", []) or []:
        if not isinstance(feature, dict):
            continue
        name = str(feature.get("name"))
        value = float(feature.get("value", 0.0))
        if name == "name" and pairs:
            parts.append(f"name {value:.2f}: {', '.join(pairs)}")
            continue
        text = f"{name} {value:+.2f}"
        if feature.get("detail"):
            text += f" ({feature['detail']})"
        parts.append(text)
    if parts:
        return "; ".join(parts)
    return json.dumps(explanation, ensure_ascii=False, default=str)[:200]


def matches_table(query_name: str, threshold: float, matches: list[Match]) -> Table:
    table = Table(title=f"Matches for {query_name!r} (threshold {threshold:.2f})")
    table.add_column("score", justify="right")
    table.add_column("caption")
    table.add_column("source")
    table.add_column("source_id")
    table.add_column("schema")
    table.add_column("why", overflow="fold")
    for m in matches:
        table.add_row(
            f"{m.score:.3f}",
            escape(m.caption),
            m.source,
            m.source_id,
            m.schema,
            escape(explain_text(m)),
        )
    return table


@app.command("match")
def match_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The name to screen, in any script or spelling."),
    schema: str = typer.Option(
        "LegalEntity",
        "--schema",
        help="Person, Organization, Company, Vessel, Airplane or LegalEntity (unknown).",
    ),
    birth_date: str | None = typer.Option(
        None, "--birth-date", help="YYYY, YYYY-MM or YYYY-MM-DD."
    ),
    nationality: list[str] | None = typer.Option(
        None, "--nationality", help="Country as code, name or adjective; repeat or use ';'."
    ),
    country: list[str] | None = typer.Option(None, "--country", help="Country of residence etc."),
    id_number: list[str] | None = typer.Option(
        None, "--id-number", help="Passport, national ID, IMO, BIC ...; repeat or use ';'."
    ),
    threshold: float | None = typer.Option(None, "--threshold", help="Default: the engine's."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Screen against the list versions in force on this date."
    ),
    source: list[str] | None = typer.Option(None, "--source", help="Only these sources."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many matches."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Screen one name against the loaded lists and explain every match."""
    check_threshold(threshold)
    day = parse_as_of(as_of)
    try:
        query = make_query(
            name,
            schema=schema,
            birth_date=birth_date,
            nationality=nationality or None,
            country=country or None,
            id_number=id_number or None,
        )
    except ValueError as exc:
        fail(str(exc))
    screener = build_screener(state(ctx).db_url, day, source)
    used = screener.threshold if threshold is None else threshold
    matches = screener.match(query, threshold=used, limit=limit)
    if as_json:
        payload: dict[str, Any] = {
            "query": {k: v for k, v in asdict(query).items() if k != "id"},
            "threshold": used,
            "matches": [m.to_dict() for m in matches],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        return
    if not matches:
        console.print(f"No match at or above {used:.2f} for {escape(query.name)!r}.")
        return
    console.print(matches_table(query.name, used, matches))


# -- screen -----------------------------------------------------------------------------------


def _screen_rows(
    screener: Screener, rows: Iterator[InputRow], threshold: float, limit: int
) -> Iterator[tuple[InputRow, list[Match] | None]]:
    """Each row with its matches (None for a bad row), in input order, as results come.

    One screen() over the whole file, so that its workers keep their caches from the first
    row to the last; it reads only a few chunks ahead, so the rows waiting for their results
    stay few whatever the file's size."""
    waiting: deque[InputRow] = deque()

    def good_queries() -> Iterator[Query]:
        for row in rows:
            waiting.append(row)
            if row.query is not None:
                yield row.query

    for matches in screener.screen(good_queries(), threshold=threshold, limit=limit):
        row = waiting.popleft()
        while row.query is None:
            yield row, None
            row = waiting.popleft()
        yield row, matches
    while waiting:  # bad rows after the last good one
        yield waiting.popleft(), None


@app.command("screen")
def screen_command(
    ctx: typer.Context,
    input: Path = typer.Argument(..., help="CSV, JSONL or Parquet with id, name, schema, ..."),
    output: Path = typer.Option(..., "--output", "-o", help="JSONL results, one line per row."),
    threshold: float | None = typer.Option(None, "--threshold", help="Default: the engine's."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Screen against the list versions in force on this date."
    ),
    input_format: str | None = typer.Option(
        None, "--format", help="Input format: csv, jsonl or parquet (default: detected)."
    ),
    source: list[str] | None = typer.Option(None, "--source", help="Only these sources."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many matches per row."),
) -> None:
    """Screen every record of a file; write one JSONL line per record, in input order."""
    check_threshold(threshold)
    day = parse_as_of(as_of)
    if input_format is not None and input_format not in FORMATS:
        fail(f"--format {input_format!r}: use one of {', '.join(FORMATS)}")
    try:
        fmt = input_format or detect_format(input)
        rows = read_queries(input, fmt)
    except BatchError as exc:
        fail(str(exc))
    if output.resolve() == input.resolve():
        fail("OUTPUT must not be the INPUT file")
    built = time.perf_counter()
    screener = build_screener(state(ctx).db_url, day, source)
    built = time.perf_counter() - built
    used = screener.threshold if threshold is None else threshold

    records = alerts = errors = 0
    started = time.perf_counter()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("screening"),
        BarColumn(),
        TextColumn("{task.completed:,} records"),
        TimeElapsedColumn(),
        console=err_console,
        disable=not err_console.is_terminal,
        transient=True,
    )
    total = parquet_rows(input) if fmt == "parquet" else None
    try:
        with output.open("w", encoding="utf-8") as out, progress:
            task = progress.add_task("screen", total=total)
            for row, matches in _screen_rows(screener, rows, used, limit):
                records += 1
                if matches is None:
                    errors += 1
                    if errors <= MAX_REPORTED:
                        err_console.print(
                            f"[yellow]{escape(str(input))} {row.location}:[/] {escape(row.error or '')}",
                            highlight=False,
                            soft_wrap=True,
                        )
                    out.write(error_line(row))
                else:
                    alerts += bool(matches)
                    out.write(result_line(row, matches))
                if records % 1000 == 0:
                    progress.update(task, completed=records)
            progress.update(task, completed=records)
    except BatchError as exc:
        fail(f"{exc} (output {output} is incomplete)")
    except OSError as exc:
        fail(f"cannot write {output}: {exc}")
    elapsed = time.perf_counter() - started
    if errors > MAX_REPORTED:
        err_console.print(
            f"[yellow]... and {errors - MAX_REPORTED:,} more bad rows[/] (each has an "
            f'"error" line in {escape(str(output))})',
            highlight=False,
        )
    rate = records / elapsed if elapsed > 0 else 0.0
    console.print(
        f"{records:,} records screened, {alerts:,} with matches ≥ {used:.2f}, {errors:,} bad rows; "
        f"{elapsed:.1f} s, {rate:,.0f} names/s (index of {len(screener):,} entities built in "
        f"{built:.1f} s) → {escape(str(output))}",
        highlight=False,
        soft_wrap=True,
    )
