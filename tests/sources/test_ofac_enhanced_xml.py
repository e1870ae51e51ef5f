"""OFAC Enhanced XML (`sanctionsData`) parser, on the real consolidated and IRGC / YEMEN exports."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from embargo.sources import ofac_enhanced_xml, read_list
from embargo.sources.base import Record, SourceError

CONS = "ofac/consolidated-enhanced-2025-01-14/CONS_ENHANCED.ZIP"
IRGC = "ofac/enhanced-xml-filtered/IRGC-2024-08-28.xml.gz"
YEMEN = "ofac/enhanced-xml-filtered/YEMEN-2024-05-24.xml.gz"


@pytest.fixture(scope="module")
def cons(data_dir: Path):
    return read_list(data_dir / CONS)


@pytest.fixture(scope="module")
def irgc(data_dir: Path):
    return read_list(data_dir / IRGC)


def by_id(parsed, source_id: str):
    return next(r for r in parsed.records if r.source_id == source_id)


def test_consolidated_counts_and_date(cons) -> None:
    assert cons.format == "ofac_enhanced_xml"
    assert cons.source == "us_ofac_cons"
    assert cons.published == date(2025, 1, 10)
    assert len(cons.records) == 443
    assert cons.problems == []


def test_filtered_exports_are_sdn(irgc, data_dir: Path) -> None:
    assert irgc.source == "us_ofac_sdn"
    assert irgc.published == date(2024, 8, 28)
    assert len(irgc.records) == 293
    schemata = {r.entity.schema.name for r in irgc.records}
    assert schemata == {"Person", "Organization", "Airplane"}
    yemen = read_list(data_dir / YEMEN)
    assert (yemen.source, yemen.published, len(yemen.records)) == (
        "us_ofac_sdn",
        date(2024, 5, 24),
        10,
    )
    forced = read_list(data_dir / YEMEN, source="us_ofac_cons")
    assert forced.source == "us_ofac_cons"


def test_person_with_documents_scripts_and_address(irgc) -> None:
    rec = by_id(irgc, "26120")  # Mhd Amer ALCHWIKI
    person = rec.entity
    assert person.get("name") == ["Mhd Amer ALCHWIKI"]
    assert person.get("firstName") == ["Mhd"]
    assert person.get("middleName") == ["Amer"]
    assert person.get("lastName") == ["ALCHWIKI"]
    assert "Мхд Амер Альшвики" in person.get("alias")  # Cyrillic translation
    assert person.get("birthDate") == ["1972-09-04"]
    assert person.get("birthPlace") == ["Damascus, Syria"]
    assert person.get("birthCountry") == ["sy"]
    assert person.get("nationality") == ["sy"]
    assert person.get("citizenship") == ["sy"]
    assert person.get("gender") == ["male"]
    passports = [e for e in rec.related if e.schema.name == "Passport"]
    assert {p.first("number") for p in passports} == {
        "N012430661",
        "N010794545",
        "N007024509",
        "N005668098",
    }
    address = next(e for e in rec.related if e.schema.name == "Address")
    assert address.get("city") == ["London"] and address.get("postalCode") == ["W3 9HL"]
    assert address.get("country") == ["gb"]
    sanction = next(e for e in rec.related if e.schema.name == "Sanction")
    assert set(sanction.get("program")) == {"IFSR", "IRGC", "SDGT", "SYRIA"}
    assert sanction.get("listingDate") == ["2018-11-20"]
    assert "Block" in sanction.get("provisions")


def test_relationships_resolve_to_records(irgc) -> None:
    ids = {r.entity_id for r in irgc.records}
    plane = by_id(irgc, "24475")  # aircraft EP-PUL
    assert plane.entity.schema.name == "Airplane"
    assert plane.entity.get("serialNumber") == ["33448393"]
    assert plane.entity.get("model") == ["IL-76"]
    assert plane.entity.get("buildDate") == ["1983"]
    owner = next(e for e in plane.related if e.schema.name == "Ownership")
    assert owner.get("owner") == ["ofac-13109"] and owner.get("asset") == ["ofac-24475"]
    assert "ofac-13109" in ids  # POUYA AIR is in the same export
    links = [
        e for r in irgc.records for e in r.related if e.schema.name in ("Ownership", "UnknownLink")
    ]
    assert len(links) == 229
    support = next(
        e
        for e in by_id(irgc, "26120").related
        if e.schema.name == "UnknownLink" and e.get("role") == ["Providing support to"]
    )
    assert support.get("subject") == ["ofac-26120"]


def test_consolidated_matches_classic_identifiers(cons) -> None:
    rec = by_id(cons, "17015")
    org = rec.entity
    assert org.get("swiftBic") == ["BFEARUMM"]
    assert org.get("okpoCode") == ["00005061"]
    assert "ВЭБ.РФ" in org.get("alias")
    sanction = next(e for e in rec.related if e.schema.name == "Sanction")
    assert sanction.get("listingDate") == ["2014-07-16"]
    assert "SDN List (since 2018-08-15)" in sanction.get("description")
    person = by_id(cons, "26182").entity
    assert person.get("birthDate") == ["1980-02-08"]
    assert person.get("citizenship") == ["tr"]


def _valuedate(begin: str, end: str) -> etree._Element:
    return etree.fromstring(
        f"<valueDate><fromDateBegin>{begin}</fromDateBegin><toDateEnd>{end}</toDateEnd></valueDate>"
    )


def test_date_span() -> None:
    span = ofac_enhanced_xml.date_span
    assert span(_valuedate("1962-01-01", "1962-12-31")) == ["1962"]
    assert span(_valuedate("1972-09-04", "1972-09-04")) == ["1972-09-04"]
    assert span(_valuedate("1980-02-01", "1980-02-29")) == ["1980-02"]
    assert span(_valuedate("1960-01-01", "1962-12-31")) == ["1960", "1961", "1962"]


def test_entity_without_name_is_a_problem(data_dir: Path, tmp_path: Path) -> None:
    data = gzip.decompress((data_dir / YEMEN).read_bytes())
    root = etree.fromstring(data)
    ns = {"o": root.nsmap[None]}
    first = root.find("o:entities/o:entity", ns)
    first.remove(first.find("o:names", ns))
    path = tmp_path / "YEMEN.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    parsed = read_list(path)
    assert len(parsed.records) == 9
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert problem.location.startswith("element <entity> at line ")
    assert "no primary name" in problem.reason


def test_malformed_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "SDN_ENHANCED.XML"
    path.write_text("<sanctionsData>\n<publicationInfo>\n<dataAsOf>2024</dataAsOf>\n<entities>")
    with pytest.raises(SourceError) as err:
        read_list(path)
    assert err.value.location == "line 4"


def test_ids_unique_and_records_round_trip(irgc) -> None:
    all_ids = [e.id for r in irgc.records for e in (r.entity, *r.related)]
    assert len(all_ids) == len(set(all_ids))
    for record in irgc.records:
        assert Record.from_dict(record.to_dict()).to_dict() == record.to_dict()
        assert record.raw and all(isinstance(v, str) for v in record.raw.values())
