"""trade.gov Consolidated Screening List CSV."""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import ParsedList, SourceError, read_list, us_csl_csv

CSL_2022 = "us-csl/consolidated-2022-05.csv.gz"
CSL_2023 = "us-csl/csl-2023-11-30.csv.gz"


@pytest.fixture(scope="module")
def csl(data_dir: Path) -> ParsedList:
    return read_list(data_dir / CSL_2022)


def rows_of(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_records_are_rows_grouped_by_id(csl: ParsedList, data_dir: Path) -> None:
    assert csl.format == "us_csl_csv" and csl.source == "us_trade_csl"
    assert csl.problems == [] and csl.published is None
    rows = rows_of(data_dir / CSL_2022)
    assert len(rows) == 14160
    per_id = Counter(r["_id"] for r in rows)
    assert len(csl) == len(per_id) == 14048
    assert {r.source_id for r in csl} == set(per_id)
    # one Sanction per (party, sub-list) row
    sanctions = Counter(x.schema.name for r in csl for x in r.related)["Sanction"]
    assert sanctions == len({(r["_id"], r["source"]) for r in rows})
    assert Counter(r.entity.schema.name for r in csl) == {
        "Person": 5284, "Organization": 4423, "LegalEntity": 3625, "Vessel": 433, "Airplane": 283,
    }  # fmt: skip


def test_party_on_two_treasury_lists(csl: ParsedList) -> None:
    record = next(r for r in csl if r.source_id == "34616")
    assert record.entity_id == "trade-csl-34616"
    assert record.entity.get("name") == ["ARIMERO HOLDING LIMITED"]
    authorities = sorted(
        x.get("authority")[0] for x in record.related if x.schema.name == "Sanction"
    )
    assert authorities == [
        "Capta List (CAP) - Treasury Department",
        "Specially Designated Nationals (SDN) - Treasury Department",
    ]
    (ident,) = [x for x in record.related if x.schema.name == "Identification"]
    assert (ident.get("type"), ident.get("number"), ident.get("country")) == (
        ["Registration Number"], ["C146742"], ["cy"],
    )  # fmt: skip
    # differing fields kept per sub-list, shared ones once
    assert record.raw["name"] == "ARIMERO HOLDING LIMITED"
    assert record.raw["source_list_url[Specially Designated Nationals (SDN) - Treasury Department]"]


def test_person_fields(csl: ParsedList) -> None:
    record = next(r for r in csl if r.source_id == "21944")
    entity = record.entity
    assert entity.schema.name == "Person"
    assert entity.get("name") == ["'ABBAS, Rim"]
    assert entity.get("birthDate") == ["1973-03-25"]
    assert entity.get("nationality") == ["sy"]
    assert entity.get("position") == ["Scientific Studies and Research Center Employee"]
    (sanction,) = [x for x in record.related if x.schema.name == "Sanction"]
    assert sanction.get("program") == ["SYRIA"]
    assert sanction.get("entity") == [entity.id]


def test_passport_entries_type_last(csl: ParsedList, data_dir: Path) -> None:
    """The 2022 file writes ids entries type last: "JO, 2014-08-30, 2009-08-31, K475336, Passport"."""
    row = next(r for r in rows_of(data_dir / CSL_2022) if "K475336, Passport" in r["ids"])
    record = next(r for r in csl if r.source_id == row["_id"])
    passport = next(x for x in record.related if x.get("number", quiet=True) == ["K475336"])
    assert passport.schema.name == "Passport"
    assert passport.get("country") == ["jo"]
    assert passport.get("startDate") == ["2009-08-31"] and passport.get("endDate") == ["2014-08-30"]
    male = [r for r in csl if r.entity.get("gender", quiet=True) == ["male"]]
    assert len(male) > 1000  # "Male, Gender" is an attribute, not a document


def test_birth_year_ranges(csl: ParsedList, data_dir: Path) -> None:
    row = next(r for r in rows_of(data_dir / CSL_2022) if r["dates_of_birth"] == "1969 to 1971")
    record = next(r for r in csl if r.source_id == row["_id"])
    assert sorted(record.entity.get("birthDate")) == ["1969", "1970", "1971"]


def test_dpl_rows_without_type(csl: ParsedList) -> None:
    record = next(r for r in csl if r.source_id == "deb7a1d5743a85c354ca1a2c7f2664e2104b32d7")
    assert record.entity.schema.name == "LegalEntity"
    sanction = next(x for x in record.related if x.schema.name == "Sanction")
    assert sanction.get("authority") == [
        "Denied Persons List (DPL) - Bureau of Industry and Security"
    ]
    assert sanction.get("startDate") == ["2003-06-19"] and sanction.get("endDate") == ["2056-06-29"]
    address = next(x for x in record.related if x.schema.name == "Address")
    assert address.get("country") == ["us"]


def test_2023_file_is_truncated(data_dir: Path) -> None:
    """The archived 2023 copy ends in the middle of a quoted field: it must not load."""
    with pytest.raises(SourceError, match="truncated") as err:
        read_list(data_dir / CSL_2023)
    assert err.value.location == "line 4233"


def test_2023_layout_without_its_cut_row(data_dir: Path, tmp_path: Path) -> None:
    """Type-first ids entries and the embedded repeated header row (a Problem, not a record)."""
    with gzip.open(data_dir / CSL_2023, "rb") as fh:
        data = fh.read()
    whole = data[: data.rindex(b"\n") + 1]  # drop the cut-off last row
    copy = tmp_path / "csl.csv"
    copy.write_bytes(whole)
    parsed = read_list(copy)
    assert [(p.location, p.reason) for p in parsed.problems] == [("line 2", "repeated header row")]
    rows = list(csv.DictReader(io.StringIO(whole.decode("utf-8"))))
    ids = {r["_id"] for r in rows if r["_id"] != "_id"}
    assert len(parsed) == len(ids)
    record = next(r for r in parsed if r.source_id == "17016")
    assert record.entity.get("swiftBic") == ["GAZPRUMM"]
    assert record.entity.get("incorporationDate") == ["1990-07-31"]
    registration = next(
        x
        for x in record.related
        if x.schema.name == "Identification" and x.get("type") == ["Registration Number"]
    )
    assert registration.get("number") == ["1027700167110"] and registration.get("country") == ["ru"]
    sanction = next(x for x in record.related if x.schema.name == "Sanction")
    assert any(
        p.startswith("Listing Date (EO 14024 Directive 3)") for p in sanction.get("provisions")
    )


def test_bad_rows(data_dir: Path, tmp_path: Path) -> None:
    with gzip.open(data_dir / CSL_2022, "rt", encoding="utf-8", newline="") as fh:
        lines = fh.read().splitlines(keepends=True)[:50]
    copy = tmp_path / "bad.csv"
    copy.write_text("".join([*lines[:5], "1,2,3\n", *lines[5:]]), encoding="utf-8")
    parsed = read_list(copy)
    assert [(p.location, p.reason) for p in parsed.problems] == [
        ("line 6", "3 fields, expected 29")
    ]
    cut = tmp_path / "cut.csv"
    cut.write_text("".join(lines[:10]) + lines[10][:40], encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_list(cut)
    assert err.value.location == "line 11"


def test_detection(data_dir: Path) -> None:
    with gzip.open(data_dir / CSL_2022) as fh:
        head = fh.read(4096)
    assert us_csl_csv.sniff(data_dir / CSL_2022, head) == "us_trade_csl"
    assert us_csl_csv.sniff(data_dir / "uk/conlist-excerpt-2020.csv", b"Name 6,Name 1") is None


MINE = {
    "uk/UK_Sanctions_List-2025-08-11.ods": ("uk_ods", "gb_fcdo_sanctions"),
    "uk/conlist-excerpt-2020.csv": ("uk_conlist_csv", "gb_hmt_sanctions"),
    "opensanctions/yente-fixture-zala/entities.ftm.json": ("ftm_json", "opensanctions"),
    "opensanctions/wd_persons-sa-2024-03-09/targets.nested.json": ("ftm_json", "opensanctions"),
    CSL_2022: ("us_csl_csv", "us_trade_csl"),
    CSL_2023: ("us_csl_csv", "us_trade_csl"),
    "us-bis-dpl/dpl-2023-11-30.txt": ("bis_dpl", "us_bis_denied"),
}
OTHERS = [
    "ofac/sdn-history/sdn-2023-12-13.csv.gz",
    "ofac/sdn-2019-01-full/add.csv.gz",
    "ofac/consolidated-xml-2024-05-06/consolidated.xml.gz",
    "un/un-consolidated-2024-09-26.xml.gz",
    "opensanctions/wd_persons-sa-2024-03-09/senzing.json",
    "opensanctions/wd_persons-sa-2024-03-09/targets.simple.csv",
    "matching/yente-candidate-generation/positives_un_untreated.csv",
]


@pytest.mark.parametrize("name", sorted(MINE))
def test_read_list_detects_each_shared_file(data_dir: Path, name: str) -> None:
    from embargo.sources import detect

    module, source = detect(data_dir / name)
    assert (module.FORMAT, source) == MINE[name]


@pytest.mark.parametrize("name", OTHERS)
def test_sniffers_leave_other_formats_alone(data_dir: Path, name: str) -> None:
    from embargo.sources import bis_dpl, files, ftm_json, uk_conlist_csv, uk_ods

    head = files.head(data_dir / name)
    for module in (uk_ods, uk_conlist_csv, ftm_json, us_csl_csv, bis_dpl):
        assert module.sniff(data_dir / name, head) is None, module.FORMAT


def test_rows_keep_their_starting_line() -> None:
    from embargo.sources.tabular import iter_rows

    text = 'a,b\r\n1,"x\u2028y"\r\n2,"multi\nline"\n3,z'
    rows = list(iter_rows(Path("t.csv"), text))
    assert [(r.line, r.cells) for r in rows] == [
        (1, ["a", "b"]),
        (2, ["1", "x\u2028y"]),
        (3, ["2", "multi\nline"]),
        (5, ["3", "z"]),  # a complete last row without its newline is fine
    ]


def test_records_round_trip_with_unique_ids(csl: ParsedList) -> None:
    from embargo.sources import Record

    ids = [e.id for r in csl for e in [r.entity, *r.related]]
    assert len(ids) == len(set(ids))
    for record in csl.records[:500]:
        assert Record.from_dict(record.to_dict()).to_dict() == record.to_dict()
        assert all(isinstance(v, str) for v in record.raw.values())
