"""Insight commands: `exposure` (who is tied to a country, linked to whom, on a date),
`timeline` (how that set grew and shrank, version by version, with a chart) and `report` (the
analyst's digest of a change). Bad input exits 2 before anything is written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from embargo.cli.app import app, console, err_console, fail, state

if TYPE_CHECKING:
    from embargo.insight.history import History, Query


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(f"{option} {value!r} is not a date (use YYYY-MM-DD)")


def _query(
    history: History,
    country: str | None,
    linked_to: str | None,
    depth: int,
    program: str | None,
) -> Query:
    """The query from the options; every bad part is an InsightError (exit 2)."""
    from embargo.insight.countries import parse_country
    from embargo.insight.history import Query

    code = parse_country(country) if country is not None else None
    party = history.resolve_party(linked_to) if linked_to is not None else None
    if party is not None and party.how.startswith("matcher"):
        err_console.print(
            f"--linked-to {linked_to!r}: {party.caption} ({party.entity_id}) by {party.how}",
            highlight=False,
            markup=False,
        )
    if depth < 1:
        fail(f"--depth {depth}: must be 1 or more")
    checked = history.check_program(program) if program is not None else None
    return Query(country=code, linked_to=party, depth=depth, program=checked)


def _open(ctx: typer.Context, source: str | None) -> History:
    from embargo.insight.history import History
    from embargo.store import Store

    store = Store(state(ctx).db_url)
    return History.load(store, [source] if source else None)


@app.command()
def exposure(
    ctx: typer.Context,
    country: str = typer.Option(
        ..., "--country", help="ISO code, name or adjective: TR, TUR, Turkey, Türkiye, Turkish."
    ),
    source: str = typer.Option(None, "--source", help="Only this source (default: all loaded)."),
    linked_to: str = typer.Option(
        None,
        "--linked-to",
        help="Only parties linked to this one: record id (4695), entity id or exact name.",
    ),
    depth: int = typer.Option(1, "--depth", help="Link hops from --linked-to."),
    program: str = typer.Option(
        None, "--program", help="Only parties under this programme (SDGT ...)."
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="The versions in force on this date (default: latest)."
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
) -> None:
    """Listed parties tied to a country (nationality, citizenship, birth place, papers,
    registration, address, flag), with the evidence and the date first listed."""
    from embargo.insight.countries import country_name
    from embargo.insight.errors import InsightError

    day = _day(as_of, "--as-of")
    try:
        history = _open(ctx, source)
        query = _query(history, country, linked_to, depth, program)
        found = history.exposure(query, day)
    except InsightError as exc:
        fail(str(exc))
    when = day or history.steps[-1].published
    assert query.country is not None
    if as_json:
        out = {
            "country": query.country,
            "as_of": when.isoformat(),
            "entities": [e.to_dict() for e in found],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    table = Table(title=escape(f"{query.title(history.sources)} — as of {when}: {len(found)}"))
    for column in ("source id", "name", "schema", "evidence", "first listed"):
        table.add_column(column)
    for e in found:
        table.add_row(
            escape(e.facts.source_id),
            escape(e.facts.caption),
            e.facts.schema,
            escape("\n".join(f"{x['kind']}: {x['value']}" for x in e.evidence)),
            e.first_listed.isoformat(),
        )
    console.print(table)
    console.print(f"{len(found)} parties tied to {country_name(query.country)}", highlight=False)


@app.command()
def timeline(
    ctx: typer.Context,
    country: str = typer.Option(None, "--country", help="Only parties tied to this country."),
    linked_to: str = typer.Option(None, "--linked-to", help="Only parties linked to this one."),
    depth: int = typer.Option(1, "--depth", help="Link hops from --linked-to."),
    program: str = typer.Option(None, "--program", help="Only parties under this programme."),
    source: str = typer.Option(None, "--source", help="Only this source (default: all loaded)."),
    start: str = typer.Option(None, "--from", help="First date (default: the first version)."),
    end: str = typer.Option(None, "--to", help="Last date (default: the latest version)."),
    as_json: bool = typer.Option(False, "--json", help="JSON on stdout."),
    chart: Path = typer.Option(None, "--chart", help="Write a step chart: FILE.png or FILE.svg."),
) -> None:
    """How many listed parties match, version by version, and how many came and went."""
    from embargo.insight.chart import chart_format, render
    from embargo.insight.errors import InsightError

    first, last = _day(start, "--from"), _day(end, "--to")
    if first and last and last < first:
        fail(f"--to {last} is before --from {first}")
    if chart is not None:
        try:
            chart_format(chart)
        except ValueError as exc:
            fail(str(exc))
    try:
        history = _open(ctx, source)
        query = _query(history, country, linked_to, depth, program)
        points = history.timeline(query, first, last)
    except InsightError as exc:
        fail(str(exc))
    title = query.title(history.sources)
    if chart is not None:
        data = render(points, title, chart_format(chart))
        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_bytes(data)
    if as_json:
        print(json.dumps({"query": title, "points": [p.to_dict() for p in points]}, indent=2))
        return
    table = Table(title=escape(title))
    for column in ("date", "total", "added", "removed"):
        table.add_column(column, justify="right")
    shown = 0
    for i, p in enumerate(points):
        # Versions where nothing matching moved say nothing; first and last frame the rest.
        if p.added or p.removed or i in (0, len(points) - 1):
            table.add_row(p.date.isoformat(), str(p.total), f"+{p.added}", f"-{p.removed}")
            shown += 1
    console.print(table)
    console.print(
        f"{len(points)} versions, {len(points) - shown} without change not shown"
        + (f"; chart written to {chart}" if chart else ""),
        highlight=False,
    )


@app.command()
def report(
    ctx: typer.Context,
    start: str = typer.Option(..., "--from", help="The version in force on this date ..."),
    end: str = typer.Option(..., "--to", help="... compared with the one in force on this date."),
    source: str = typer.Option(None, "--source", help="Only this source (default: all loaded)."),
    output: Path = typer.Option(
        ..., "-o", "--output", help="FILE.html (self-contained) or FILE.md."
    ),
) -> None:
    """The analyst's digest of a change: counts by programme and country, every added, removed
    and amended party with evidence, links and changed fields, and the timeline chart."""
    from embargo.insight.errors import InsightError
    from embargo.insight.report import build, report_format, write_report
    from embargo.store import Store

    first, last = _day(start, "--from"), _day(end, "--to")
    assert first is not None and last is not None
    try:
        report_format(output)
        with Store(state(ctx).db_url) as store:
            digest = build(store, first, last, [source] if source else None)
    except InsightError as exc:
        fail(str(exc))
    output.parent.mkdir(parents=True, exist_ok=True)
    write_report(digest, output)
    counts = ", ".join(f"{len(digest.of(c))} {c}" for c in ("added", "removed", "amended"))
    console.print(f"{counts}; report written to {output}", highlight=False)
