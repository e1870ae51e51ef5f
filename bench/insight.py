"""Insight benchmark: timeline and exposure over the whole OFAC SDN history (9 snapshots, then
295 daily files) in SQLite, printed beside the load figures.

Each query is timed in-process on a fresh `History` (spans and cached facts read from the
database each time); the one-off computation of per-state facts after the load is shown apart.
Goal: every timeline and exposure under 1 s. Set EMBARGO_BENCH_INSIGHT_DB to a file path to keep
the loaded database between runs (files already in it are recognised by checksum, not re-read).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from bench import console
from bench.load import inputs
from embargo.insight.history import History, Query
from embargo.settings import shared_data_dir
from embargo.store import Store
from embargo.store.loader import list_files, load_file

SOURCE = "us_ofac_sdn"
EXPOSURE_DAYS = (
    date(2021, 9, 1),
    date(2022, 8, 2),
    date(2023, 10, 7),
    date(2023, 12, 13),
    date(2024, 5, 3),
)
REPEAT = 3


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Best of REPEAT wall-clock runs (the machine is shared; the best is the least disturbed)."""
    times, result = [], None
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def run() -> None:
    data = shared_data_dir()
    with tempfile.TemporaryDirectory(prefix="embargo-bench-insight-") as tmp:
        kept = os.environ.get("EMBARGO_BENCH_INSIGHT_DB")
        db = Path(kept) if kept else Path(tmp) / "bench.db"
        with Store(f"sqlite:///{db}") as store:
            files = records = created = 0
            started = time.perf_counter()
            for path in inputs(data):
                for item in list_files(path):
                    result = load_file(store, item)
                    files += 1
                    records += result.version.record_count
                    created += int(result.created)
                    if files % 50 == 0:
                        console.print(
                            f"  {files} files, {time.perf_counter() - started:.0f} s",
                            highlight=False,
                        )
            load_seconds = time.perf_counter() - started
            versions = len(store.versions(SOURCE))
            rows = store.row_counts()

            started = time.perf_counter()
            history = History.load(store, [SOURCE])
            facts_seconds = time.perf_counter() - started
            computed = history.computed
            hamas = history.resolve_party("4695")

            measures: list[tuple[str, float, str]] = []

            def timeline(query: Query) -> Callable[[], Any]:
                return lambda: History.load(store, [SOURCE]).timeline(query)

            for label, query in (
                ("timeline: every party", Query()),
                ("timeline: linked to HAMAS", Query(linked_to=hamas)),
                ("timeline: tied to TR", Query(country="TR")),
                ("timeline: linked to HAMAS, tied to TR", Query(linked_to=hamas, country="TR")),
                ("timeline: linked to HAMAS, 2 hops", Query(linked_to=hamas, depth=2)),
            ):
                seconds, points = _timed(timeline(query))
                steps = sum(1 for p in points[1:] if p.added or p.removed)
                measures.append(
                    (
                        label,
                        seconds,
                        f"{len(points)} points, {steps} steps, last {points[-1].total}",
                    )
                )
            exposure_times = []
            for day in EXPOSURE_DAYS:
                seconds, found = _timed(
                    lambda day=day: History.load(store, [SOURCE]).exposure(Query(country="TR"), day)
                )
                exposure_times.append(seconds)
                measures.append(
                    (f"exposure: tied to TR on {day}", seconds, f"{len(found)} parties")
                )
            seconds, found = _timed(
                lambda: History.load(store, [SOURCE]).exposure(
                    Query(country="TR", linked_to=hamas), date(2023, 12, 13)
                )
            )
            measures.append(
                (
                    "exposure: HAMAS-linked, tied to TR on 2023-12-13",
                    seconds,
                    f"{len(found)} parties",
                )
            )
        size = db.stat().st_size

    table = Table(title="Insight: OFAC SDN history in SQLite (9 snapshots + 295 daily files)")
    table.add_column("measure")
    table.add_column("seconds", justify="right")
    table.add_column("result / detail", justify="right")
    table.add_row("load: files read", "", str(files))
    table.add_row("load: versions stored (new in this run)", "", f"{versions} ({created})")
    table.add_row(
        "load: total (parse + store)",
        f"{load_seconds:.1f}",
        f"{records / load_seconds:,.0f} entities/s",
    )
    table.add_row(
        "load: record states / spans", "", f"{rows['store_states']:,} / {rows['store_spans']:,}"
    )
    table.add_row("load: database size", "", f"{size / 2**20:,.1f} MiB")
    table.add_row(
        "insight facts, computed once after load", f"{facts_seconds:.1f}", f"{computed:,} states"
    )
    for label, seconds, detail in measures:
        mark = "" if seconds < 1 else " [red](over 1 s)[/]"
        table.add_row(label, f"{seconds:.3f}{mark}", detail)
    table.add_row(
        "exposure: median over the dates",
        f"{statistics.median(exposure_times):.3f}",
        f"{len(EXPOSURE_DAYS)} dates",
    )
    console.print(table)


if __name__ == "__main__":
    run()
