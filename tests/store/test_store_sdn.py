"""Acceptance on the real OFAC SDN history: changes checked against the raw CSV rows."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
from pathlib import Path

import pytest

from embargo.sources import SourceError, read_list
from embargo.sources.base import ParsedList
from embargo.store import Store, file_checksum
from embargo.store.loader import ListFile, load_file

SOURCE = "us_ofac_sdn"
DAYS = ("2023-12-12", "2023-12-13", "2024-05-03")
HAMAS_TURKEY = {"46168", "46230", "46231", "46232", "46233", "46428", "46468", "46469"}


def history(data_dir: Path, day: str) -> Path:
    return data_dir / "ofac" / "sdn-history" / f"sdn-{day}.csv.gz"


def raw_rows(path: Path) -> dict[str, tuple[str, ...]]:
    """ent_num → the whole raw row, read with nothing but the csv module."""
    data = gzip.decompress(path.read_bytes())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    rows = {}
    for row in csv.reader(io.StringIO(text.rstrip("\x1a\r\n"))):
        if row and row[0].strip():
            rows[row[0].strip()] = tuple(cell.strip() for cell in row)
    return rows


def raw_changes(
    old: dict[str, tuple[str, ...]], new: dict[str, tuple[str, ...]]
) -> tuple[set[str], set[str], set[str]]:
    return (
        new.keys() - old.keys(),
        old.keys() - new.keys(),
        {k for k in old.keys() & new.keys() if old[k] != new[k]},
    )


@pytest.fixture(scope="module")
def parsed_lists(data_dir: Path) -> dict[str, tuple[ParsedList, str]]:
    """The three snapshots, parsed once for the module, with their checksums."""
    return {
        day: (read_list(history(data_dir, day)), file_checksum([history(data_dir, day)]))
        for day in DAYS
    }


def _fill(url: str, parsed_lists, order) -> Store:
    store = Store(url)
    for day in order:
        parsed, checksum = parsed_lists[day]
        result = store.load(parsed, checksum=checksum)
        assert result.created
    return store


def _sets(store: Store, old: str, new: str):
    changes = store.changes(store.resolve(SOURCE, old), store.resolve(SOURCE, new))
    return changes, (
        {r.source_id for r in changes.added},
        {r.source_id for r in changes.removed},
        {r.source_id for r in changes.changed},
    )


@pytest.fixture(scope="module")
def in_order(tmp_path_factory, parsed_lists) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('in-order') / 'embargo.db'}"
    store = _fill(url, parsed_lists, DAYS)
    yield store
    store.close()


def test_hamas_turkey_designations(in_order: Store, data_dir: Path) -> None:
    changes, (added, removed, changed) = _sets(in_order, "2023-12-12", "2023-12-13")
    truth = raw_changes(
        raw_rows(history(data_dir, "2023-12-12")), raw_rows(history(data_dir, "2023-12-13"))
    )
    assert (added, removed, changed) == truth
    assert added == HAMAS_TURKEY and not removed and not changed
    captions = {r.source_id: r.caption for r in changes.added}
    assert captions["46233"] == "KAYA, Mehmet"
    assert captions["46168"].startswith("YAGHMOUR")
    assert captions["46230"].startswith("AL-DIN")
    assert all(r.schema == "Person" for r in changes.added)
    version = in_order.resolve(SOURCE, "2023-12-13")
    assert (version.added, version.removed, version.changed) == (8, 0, 0)


def test_five_months_exact_against_raw_rows(in_order: Store, data_dir: Path) -> None:
    changes, sets = _sets(in_order, "2023-12-13", "2024-05-03")
    truth = raw_changes(
        raw_rows(history(data_dir, "2023-12-13")), raw_rows(history(data_dir, "2024-05-03"))
    )
    assert sets == truth
    assert len(truth[0]) > 1000 and truth[1] and truth[2]
    # Every change names the fields that differ, old and new values sorted.
    for change in changes.changed:
        assert change.fields, change.source_id
        for diff in change.fields.values():
            assert diff.old != diff.new
            assert diff.old == sorted(diff.old) and diff.new == sorted(diff.new)


def test_records_round_trip(in_order: Store, parsed_lists) -> None:
    version = in_order.resolve(SOURCE, "2023-12-13")
    stored = {r.source_id: r.to_dict() for r in in_order.records(version)}
    parsed, _ = parsed_lists["2023-12-13"]
    assert len(stored) == version.record_count == len({r.entity_id for r in parsed.records})
    for record in parsed.records[:200]:
        assert stored[record.source_id]["raw"] == record.raw
        assert stored[record.source_id]["entity"]["id"] == record.entity_id


def test_out_of_order_load_gives_the_same_changes(tmp_path, in_order, parsed_lists) -> None:
    with _fill(f"sqlite:///{tmp_path / 'shuffled.db'}", parsed_lists, DAYS[::-1]) as shuffled:
        for old, new in zip(DAYS, DAYS[1:], strict=False):
            a, _ = _sets(in_order, old, new)
            b, _ = _sets(shuffled, old, new)
            assert a.to_dict() == b.to_dict()
        assert [
            (v.published, v.added, v.removed, v.changed) for v in shuffled.versions(SOURCE)
        ] == [(v.published, v.added, v.removed, v.changed) for v in in_order.versions(SOURCE)]


def test_identical_reload_creates_no_version(in_order: Store, data_dir: Path, tmp_path) -> None:
    before = in_order.row_counts()
    result = load_file(in_order, ListFile(history(data_dir, "2023-12-13"), "again", None))
    assert not result.created
    # The same publication unpacked is the same checksum too.
    plain = tmp_path / "sdn-2023-12-13.csv"
    with gzip.open(history(data_dir, "2023-12-13")) as src, plain.open("wb") as out:
        shutil.copyfileobj(src, out)
    assert not load_file(in_order, ListFile(plain, str(plain), None)).created
    assert in_order.row_counts() == before


@pytest.mark.parametrize("damage", ["truncated-gzip", "not-a-list"])
def test_bad_file_leaves_store_unchanged(in_order: Store, data_dir: Path, tmp_path, damage) -> None:
    source = history(data_dir, "2024-01-30")
    bad = tmp_path / "sdn-2024-01-30.csv.gz"
    if damage == "truncated-gzip":
        bad.write_bytes(source.read_bytes()[:200_000])
    else:
        bad.write_bytes(gzip.compress(b"<html><body>Service unavailable</body></html>"))
    before = (len(in_order.versions()), in_order.row_counts())
    with pytest.raises(SourceError) as error:
        load_file(in_order, ListFile(bad, str(bad), None))
    assert str(bad) in str(error.value)
    assert (len(in_order.versions()), in_order.row_counts()) == before


@pytest.mark.postgres
def test_same_results_on_postgres(postgres_url: str, in_order: Store, parsed_lists) -> None:
    with _fill(postgres_url, parsed_lists, (DAYS[2], DAYS[0], DAYS[1])) as pg:
        for old, new in zip(DAYS, DAYS[1:], strict=False):
            a, _ = _sets(in_order, old, new)
            b, _ = _sets(pg, old, new)
            assert a.to_dict() == b.to_dict()
        v = pg.resolve(SOURCE, "2023-12-13")
        assert [r.to_dict() for r in pg.records(v)][:50] == [
            r.to_dict() for r in in_order.records(in_order.resolve(SOURCE, "2023-12-13"))
        ][:50]
        assert pg.first_listed(SOURCE) == in_order.first_listed(SOURCE)
