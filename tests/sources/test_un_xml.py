"""UN Security Council Consolidated List XML parser, on three real list versions."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from embargo.sources import read_list, un_xml
from embargo.sources.base import Record, SourceError

UN = "un/un-consolidated-{}.xml.gz"


@pytest.fixture(scope="module")
def latest(data_dir: Path):
    return read_list(data_dir / UN.format("2026-02-27"))


def by_id(parsed, source_id: str):
    return next(r for r in parsed.records if r.source_id == source_id)


@pytest.mark.parametrize(
    ("day", "people", "entities"),
    [("2024-09-26", 682, 193), ("2025-11-20", 727, 273), ("2026-02-27", 730, 273)],
)
def test_counts_and_date(data_dir: Path, day: str, people: int, entities: int) -> None:
    parsed = read_list(data_dir / UN.format(day))
    assert parsed.format == "un_xml"
    assert parsed.source == "un_sc_sanctions"
    assert parsed.published == date.fromisoformat(day)
    schemata = [r.entity.schema.name for r in parsed.records]
    assert schemata.count("Person") == people
    assert schemata.count("Organization") == entities
    assert parsed.problems == []


def test_abu_ghaith(latest) -> None:
    rec = by_id(latest, "QDi.154")
    person = rec.entity
    assert rec.entity_id == "unsc-qdi-154"
    assert person.get("name") == ["SULAIMAN JASSEM SULAIMAN ALI ABO GHAITH"]
    assert person.get("firstName") == ["SULAIMAN"]
    assert "سليمان جاسم سليمان علي أبوغيث" in person.get("alias")  # NAME_ORIGINAL_SCRIPT
    assert person.get("weakAlias") == ["Abo Ghaith"]  # QUALITY Low
    assert person.get("birthDate") == ["1965-12-14"]
    assert person.get("nationality") == ["kw"]
    assert person.get("birthCountry") == ["kw"]
    passport = next(e for e in rec.related if e.schema.name == "Passport")
    assert passport.get("number") == ["849594"]
    assert passport.get("country") == ["kw"]
    assert passport.get("startDate") == ["1998-11-27"]
    sanction = next(e for e in rec.related if e.schema.name == "Sanction")
    assert sanction.get("program") == ["Al-Qaida"]
    assert sanction.get("listingDate") == ["2004-01-16"]
    assert sanction.get("unscId") == ["QDi.154"]
    assert rec.raw["DATAID"] == "111496"


def test_between_years_aliases_and_address_notes(latest) -> None:
    person = by_id(latest, "CDi.030").entity  # Bosco Ntaganda
    assert person.get("birthDate") == ["1973", "1974"]  # BETWEEN 1973 and 1974
    assert "Lydia" in person.get("weakAlias")
    assert "Bosco Ntaganda" in person.get("alias")
    assert person.get("birthPlace") == ["Bigogwe, Rwanda"]
    assert person.get("country") == ["be"]
    notes = person.get("notes")
    assert "alias Tango Romeo: Call sign" in notes
    assert "Address (Belgium): As of 14 December 2022" in notes
    assert person.get("gender") == ["male"]


def test_entity_and_alias_quality(latest) -> None:
    org = by_id(latest, "CDe.006").entity
    assert org.schema.name == "Organization"
    assert org.get("name") == ["M23"]
    assert "Mouvement du 23 mars" in org.get("alias")


def test_birth_facts_on_alias(latest) -> None:
    person = by_id(latest, "IQi.025").entity  # Tariq Aziz
    assert set(person.get("birthPlace")) == {"Mosul, Iraq", "Baghdad, Iraq"}
    assert person.get("birthDate") == ["1936-07-01"]


def test_unparsed_dates_are_kept(latest) -> None:
    notes = [n for r in latest.records for n in r.entity.get("notes")]
    assert "Date of birth: 24/06/1402 (Hijri Calendar)" in notes


def test_missing_reference_is_a_problem(data_dir: Path, tmp_path: Path) -> None:
    text = gzip.decompress((data_dir / UN.format("2026-02-27")).read_bytes()).decode()
    text = text.replace("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>", "", 1)
    path = tmp_path / "un.xml"
    path.write_text(text, encoding="utf-8")
    parsed = read_list(path)
    assert len(parsed.records) == 1002
    [problem] = parsed.problems
    assert problem.location == "element <INDIVIDUAL> at line 4"
    assert "no REFERENCE_NUMBER" in problem.reason


def test_truncated_is_a_source_error(data_dir: Path, tmp_path: Path) -> None:
    data = gzip.decompress((data_dir / UN.format("2024-09-26")).read_bytes())
    path = tmp_path / "un.xml"
    path.write_bytes(data[:50_000])
    with pytest.raises(SourceError) as err:
        un_xml.parse(path, "un_sc_sanctions")
    assert err.value.location and err.value.location.startswith("line ")


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        '<CONSOLIDATED_LIST dateGenerated="2024-01-01"><INDIVIDUALS/></CONSOLIDATED_LIST>'
    )
    with pytest.raises(SourceError, match="entities"):
        read_list(path)


def test_ids_unique_and_records_round_trip(latest) -> None:
    all_ids = [e.id for r in latest.records for e in (r.entity, *r.related)]
    assert len(all_ids) == len(set(all_ids))
    for record in latest.records:
        assert Record.from_dict(record.to_dict()).to_dict() == record.to_dict()
        assert record.raw and all(isinstance(v, str) for v in record.raw.values())
