"""A screener built from the store sees the versions in force on a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from embargo.index.entities import RELATED_SCHEMATA, entity_info
from embargo.match import Query, Screener
from embargo.sources import read_list
from embargo.store.records import decode, encode
from embargo.store.store import Store

SDN_OLD = "ofac/sdn-history/sdn-2023-12-12.csv.gz"
SDN_NEW = "ofac/sdn-history/sdn-2023-12-13.csv.gz"
UN = "un/un-consolidated-2026-02-27.xml.gz"


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


def test_the_index_reads_only_the_related_entities_it_uses(data_dir: Path, sqlite_url: str) -> None:
    """from_store reads records without their Sanction and link entities; what the index keeps
    of each (countries from addresses, identity documents) is the same as from whole records."""
    with Store(sqlite_url) as store:
        store.load(read_list(data_dir / UN))
        whole = [r for _, r in store.records_as_of()]
        read = [r for _, r in store.records_as_of(related=RELATED_SCHEMATA)]
    kinds = {e.schema.name for r in whole for e in r.related}
    assert {"Sanction", "Address", "Passport"} <= kinds
    assert {e.schema.name for r in read for e in r.related} == kinds & RELATED_SCHEMATA
    assert [entity_info("un", r) for r in read] == [entity_info("un", r) for r in whole]
    assert any(entity_info("un", r).ids for r in read)
    # The UN parser also sets the country of an address on the party: a record that gives it
    # only on the address keeps it too.
    record = next(
        r for r in whole if any(e.schema.name == "Address" and e.get("country") for e in r.related)
    )
    record.entity.pop("country")
    record.entity.pop("nationality")
    address = {c for e in record.related if e.schema.name == "Address" for c in e.get("country")}
    kept = entity_info("un", decode(encode(record)[1], RELATED_SCHEMATA))
    assert kept == entity_info("un", record)
    assert address <= kept.countries


def test_from_store_reads_in_two_processes_what_one_reads(data_dir: Path, sqlite_url: str) -> None:
    """from_store decodes the records and analyses their names in forked processes
    (parallel.fork_map): the index is the one from_records builds from the same records."""
    with Store(sqlite_url) as store:
        store.load(read_list(data_dir / SDN_NEW))
        stored = Screener.from_store(store)
        records = [(v.source, r) for v, r in store.records_as_of(related=RELATED_SCHEMATA)]
    assert len(records) > 10_000  # (enough to be shared out: MIN_FORKED_ITEMS)
    direct = Screener.from_records(records)

    def names(screener: Screener) -> list[tuple[object, ...]]:
        return [
            (n.entity, n.form, n.token_ids, n.weak, n.family, n.middle)
            for n in screener.index.names
        ]

    assert stored.index.entities == direct.index.entities
    assert names(stored) == names(direct)
    assert stored.index.tokens == direct.index.tokens
    query = Query("Jihad Yaghmour")
    assert stored.match(query) == direct.match(query)
