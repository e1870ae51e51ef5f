"""BIS Denied Persons List (dpl.txt)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from embargo.sources import ParsedList, SourceError, bis_dpl, read_list
from embargo.sources.ids import hash_id

DPL = "us-bis-dpl/dpl-2023-11-30.txt"


@pytest.fixture(scope="module")
def dpl(data_dir: Path) -> ParsedList:
    return read_list(data_dir / DPL)


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_counts_and_grouping(dpl: ParsedList, data_dir: Path) -> None:
    assert dpl.format == "bis_dpl" and dpl.source == "us_bis_denied"
    assert dpl.problems == []
    rows = rows_of(data_dir / DPL)
    assert len(rows) == 665
    # every row's address is on its record; no row is lost to grouping
    addresses = sum(1 for r in dpl for x in r.related if x.schema.name == "Address")
    distinct = {
        (r["Name"].strip().upper(), *re.findall(r"\d+", r["FR_Citation"])[:2])
        + tuple(r[c] for c in ("Street_Address", "City", "State", "Postal_Code", "Country"))
        for r in rows
    }
    assert addresses == len(distinct)
    keys = {
        hash_id(r["Name"].strip().upper(), bis_dpl.first_citation(r["FR_Citation"])) for r in rows
    }
    assert len(dpl) == len(keys) == 547
    assert all(r.entity.schema.name == "LegalEntity" for r in dpl)


def test_published_is_newest_sane_update(dpl: ParsedList) -> None:
    # the file also has a "3033-09-30" typo, which is not the list date
    assert dpl.published == date(2023, 11, 28)


def test_known_entry(dpl: ParsedList) -> None:
    key = hash_id("AARON ABRAHAM VILLA", "87 F.R. 52741")
    record = next(r for r in dpl if r.source_id == key)
    assert record.entity_id == f"usbis-{key}"
    assert record.entity.get("name") == ["AARON ABRAHAM VILLA"]
    (address,) = [x for x in record.related if x.schema.name == "Address"]
    assert address.get("city") == ["EL PASO"] and address.get("postalCode") == ["79905"]
    (sanction,) = [x for x in record.related if x.schema.name == "Sanction"]
    assert sanction.get("startDate") == ["2022-08-24"]  # 08/24/2022, US order
    assert sanction.get("endDate") == ["2026-01-14"]
    assert sanction.get("entity") == [record.entity_id]
    assert record.raw["FR_Citation"] == "87 F.R. 52741 8/29/2022"


def test_id_survives_appended_citations() -> None:
    assert bis_dpl.first_citation("68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06") == "68 F.R. 38290"
    for spelling in ("81.F.R. 22576 4/18/2016", "81 F.R 22576", "81 F.R.  22576", "81 F.R.22576"):
        assert bis_dpl.first_citation(spelling) == "81 F.R. 22576"
    one = {"Name": " I. ASH", "FR_Citation": "68 F.R. 38290 6/27/03"}
    two = {"Name": "I. Ash", "FR_Citation": "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06"}
    assert bis_dpl.record_key(one) == bis_dpl.record_key(two)


def test_several_addresses_one_record(dpl: ParsedList) -> None:
    record = next(r for r in dpl if r.entity.get("name") == ["ABDULAH AL NASSER"])
    assert len([x for x in record.related if x.schema.name == "Address"]) == 2
    assert "Street_Address[605 TRAIL LAKE DRIVE]" in record.raw


def test_bad_rows_and_truncation(data_dir: Path, tmp_path: Path) -> None:
    lines = (data_dir / DPL).read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "dpl.txt"
    bad.write_text("".join([*lines[:3], '"ONLY"\t"TWO"\n', *lines[3:]]), encoding="utf-8")
    parsed = read_list(bad)
    assert [(p.location, p.reason) for p in parsed.problems] == [
        ("line 4", "2 fields, expected 12")
    ]
    assert len(parsed) == 547
    cut = tmp_path / "cut.txt"
    cut.write_text("".join(lines[:20]) + lines[20][:30], encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_list(cut)
    assert err.value.location == "line 21"
    other = tmp_path / "other.txt"
    other.write_text("".join(lines[:20]) + lines[20].split("\t")[0] + "\n", encoding="utf-8")
    assert [p.location for p in read_list(other).problems] == ["line 21"]  # complete, just short


def test_detection(data_dir: Path) -> None:
    head = (data_dir / DPL).read_bytes()[:4096]
    assert bis_dpl.sniff(data_dir / DPL, head) == "us_bis_denied"
    assert bis_dpl.sniff(data_dir / DPL, b"_id,source,entity_number") is None


def test_unknown_column_goes_to_notes(data_dir: Path, tmp_path: Path) -> None:
    lines = (data_dir / DPL).read_text(encoding="utf-8").splitlines()
    extra = [lines[0] + '\t"Remarks"', *(line + '\t"seen"' for line in lines[1:])]
    copy = tmp_path / "dpl.txt"
    copy.write_text("\n".join(extra) + "\n", encoding="utf-8")
    parsed = read_list(copy)
    assert len(parsed) == 547 and parsed.problems == []
    assert all("Remarks: seen" in r.entity.get("notes") for r in parsed)
    assert all(r.raw["Remarks"] == "seen" for r in parsed)


def test_records_round_trip_with_unique_ids(dpl: ParsedList) -> None:
    from embargo.sources import Record

    ids = [e.id for r in dpl for e in [r.entity, *r.related]]
    assert len(ids) == len(set(ids))
    assert all(Record.from_dict(r.to_dict()).to_dict() == r.to_dict() for r in dpl)
