"""The end of `make demo`: the Hamas–Türkiye exposure and timeline from the stored SDN history,
the timeline chart, and the report of 13 December 2023."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from embargo.insight.chart import write_chart
from embargo.insight.history import History, Point, Query
from embargo.insight.report import build, write_report
from embargo.store import Store

SOURCE = "us_ofac_sdn"
PARTY = "4695"  # HAMAS on the SDN list
COUNTRY = "TR"
DESIGNATION_DAY = date(2023, 12, 13)


def _steps_table(title: str, points: list[Point]) -> Table:
    table = Table(title=escape(title))
    for column in ("date", "total", "added", "removed"):
        table.add_column(column, justify="right")
    for i, p in enumerate(points):
        if i == 0 or p.added or p.removed:
            table.add_row(p.date.isoformat(), str(p.total), f"+{p.added}", f"-{p.removed}")
    return table


def demo_insight(store: Store, out_dir: Path, console: Console | None = None) -> dict[str, Path]:
    """Print the Hamas–Türkiye exposure and timelines; write the chart and the 13 Dec 2023 report.

    Returns the files written: {"chart": out_dir/hamas-timeline.png, "report":
    out_dir/report-2023-12-13.html}.
    """
    console = console or Console()
    out_dir.mkdir(parents=True, exist_ok=True)
    history = History.load(store, [SOURCE])
    hamas = history.resolve_party(PARTY)
    linked = Query(linked_to=hamas)
    tied = Query(linked_to=hamas, country=COUNTRY)

    found = history.exposure(tied, DESIGNATION_DAY)
    table = Table(
        title=escape(f"{tied.title(history.sources)} — as of {DESIGNATION_DAY}: {len(found)}")
    )
    for column in ("id", "name", "evidence", "first listed"):
        table.add_column(column)
    for e in found:
        table.add_row(
            escape(e.facts.source_id),
            escape(e.facts.caption),
            escape("\n".join(f"{x['kind']}: {x['value']}" for x in e.evidence)),
            e.first_listed.isoformat(),
        )
    console.print(table)

    all_points = history.timeline(linked)
    console.print(_steps_table(linked.title(history.sources), all_points))
    console.print(_steps_table(tied.title(history.sources), history.timeline(tied)))

    chart = out_dir / "hamas-timeline.png"
    write_chart(all_points, linked.title(history.sources), chart)
    day_before = history.steps[max(history.step_at(DESIGNATION_DAY) - 1, 0)].published
    report = out_dir / f"report-{DESIGNATION_DAY}.html"
    write_report(build(store, day_before, DESIGNATION_DAY, [SOURCE]), report)
    console.print(f"chart: {chart}\nreport: {report}", highlight=False)
    return {"chart": chart, "report": report}
