"""Load benchmark: the whole OFAC SDN history (9 snapshots, then 295 daily files) into SQLite.

Prints versions, time, throughput and database bytes per version, next to what a naive store
keeping a full copy of every version would need (the compressed record data alone, so a lower
bound for it).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from rich.table import Table
from sqlalchemy import func, select

from bench import console
from embargo.settings import shared_data_dir
from embargo.store import Store
from embargo.store import schema as t
from embargo.store.loader import list_files, load_file
from embargo.store.store import _in_force

SOURCE = "us_ofac_sdn"


def inputs(data: Path) -> list[Path]:
    ofac = data / "ofac"
    return [
        *sorted((ofac / "sdn-history").glob("sdn-*.csv.gz")),
        ofac / "sdn-daily-2021-2024.tar.xz",
    ]


def naive_bytes_per_version(store: Store) -> float:
    """Average compressed record bytes of one version: what a full copy per version stores."""
    total = 0
    with store.engine.connect() as conn:
        ordinals = (
            conn.execute(select(t.versions.c.ordinal).where(t.versions.c.source == SOURCE))
            .scalars()
            .all()
        )
        for ordinal in ordinals:
            total += conn.execute(
                select(func.coalesce(func.sum(func.length(t.states.c.data)), 0))
                .select_from(t.spans.join(t.states, t.states.c.id == t.spans.c.state_id))
                .where(t.spans.c.source == SOURCE, _in_force(ordinal))
            ).scalar_one()
    return total / max(len(ordinals), 1)


def run() -> None:
    data = shared_data_dir()
    with tempfile.TemporaryDirectory(prefix="embargo-bench-load-") as tmp:
        db = Path(tmp) / "bench.db"
        files_seen = created = records = 0
        started = time.perf_counter()
        cpu_started = time.process_time()
        with Store(f"sqlite:///{db}") as store:
            for path in inputs(data):
                for item in list_files(path):
                    result = load_file(store, item)
                    files_seen += 1
                    if result.created:  # known files are skipped before parsing
                        records += result.version.record_count
                        created += 1
                    if files_seen % 25 == 0:
                        console.print(
                            f"  {files_seen} files, {created} versions, "
                            f"{time.perf_counter() - started:.0f} s",
                            highlight=False,
                        )
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            versions = len(store.versions(SOURCE))
            rows = store.row_counts()
            naive = naive_bytes_per_version(store)
            # What the insight stage reads for a whole-history timeline.
            query_started = time.perf_counter()
            spans = store.spans(SOURCE)
            store.first_listed(SOURCE)
            query_seconds = time.perf_counter() - query_started
        size = db.stat().st_size

    table = Table(title="Load: OFAC SDN history into SQLite (9 snapshots + 295 daily files)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("reference: naive full copy per version", justify="right")
    table.add_row("files read", str(files_seen), "")
    table.add_row("versions stored (identical files skipped)", str(versions), "")
    table.add_row("total seconds (parse + store)", f"{elapsed:.1f}", "")
    table.add_row("CPU seconds of this process (wall is shared)", f"{cpu:.1f}", "")
    table.add_row("seconds per version", f"{elapsed / max(created, 1):.2f}", "")
    table.add_row("entities (records) per second", f"{records / elapsed:,.0f}", "")
    table.add_row(
        "record states / spans", f"{rows['store_states']:,} / {rows['store_spans']:,}", ""
    )
    table.add_row(
        "spans() + first_listed() over all versions", f"{query_seconds:.2f} s ({len(spans):,})", ""
    )
    table.add_row(
        "database size", f"{size / 2**20:,.1f} MiB", f"{naive * versions / 2**20:,.1f} MiB"
    )
    table.add_row(
        "database bytes per version", f"{size / versions:,.0f}", f"{naive:,.0f} (data only)"
    )
    console.print(table)


if __name__ == "__main__":
    run()
