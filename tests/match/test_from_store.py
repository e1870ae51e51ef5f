"""A screener built from the store sees the versions in force on a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from embargo.match import Query, Screener
from embargo.sources import read_list
from embargo.store.store import Store

SDN_OLD = "ofac/sdn-history/sdn-2023-12-12.csv.gz"
SDN_NEW = "ofac/sdn-history/sdn-2023-12-13.csv.gz"


def test_from_store_as_of(data_dir: Path, sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        for rel in (SDN_OLD, SDN_NEW):
            store.load(read_list(data_dir / rel))
        latest = Screener.from_store(store)
        before = Screener.from_store(store, as_of=date(2023, 12, 12))
    query = Query("Jihad Yaghmour")
    # Designated on 13 Dec 2023: not on the list of the 12th.
    assert [m.source_id for m in latest.match(query)][:1] == ["46168"]
    assert all(m.source_id != "46168" for m in before.match(query))
    assert len(before) < len(latest)
