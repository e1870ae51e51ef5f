"""OFAC classic `sdnList` XML parser, on the real consolidated list of 6 May 2024."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from embargo.sources import ofac_xml, read_list
from embargo.sources.base import Record, SourceError
from embargo.sources.ids import entity_id
from embargo.sources.xml import flatten, parse_xml, safe_parser

CONS = "ofac/consolidated-xml-2024-05-06/consolidated.xml.gz"
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"


@pytest.fixture(scope="module")
def cons(data_dir: Path):
    return read_list(data_dir / CONS)


def by_id(parsed, source_id: str):
    return next(r for r in parsed.records if r.source_id == source_id)


def test_counts_date_and_detection(cons) -> None:
    assert cons.format == "ofac_xml"
    assert cons.source == "us_ofac_cons"  # file name says consolidated
    assert cons.published == date(2024, 5, 6)
    assert len(cons.records) == 443
    assert cons.problems == []
    assert len({r.entity_id for r in cons.records}) == 443
    schemata = {r.entity.schema.name for r in cons.records}
    assert schemata == {"Person", "Organization"}
    all_ids = [e.id for r in cons.records for e in (r.entity, *r.related)]
    assert len(all_ids) == len(set(all_ids))
    assert all(Record.from_dict(r.to_dict()).to_dict() == r.to_dict() for r in cons.records)


def test_haniya(cons) -> None:
    rec = by_id(cons, "9639")
    person = rec.entity
    assert rec.entity_id == entity_id("us_ofac_cons", "9639") == "ofac-9639"
    assert person.schema.name == "Person"
    assert person.get("name") == ["Ismail Abdul Salah HANIYA"]
    assert person.get("lastName") == ["HANIYA"]
    assert set(person.get("alias")) == {"Ismail HANIYA", "Ismaeel HANIYYA"}
    assert person.get("birthDate") == ["1962"]
    assert person.get("birthPlace") == ["Shati"]
    sanction = next(e for e in rec.related if e.schema.name == "Sanction")
    assert sanction.get("program") == ["NS-PLC"]
    assert sanction.get("entity") == ["ofac-9639"]
    assert rec.raw["akaList/aka[9151]/lastName"] == "HANIYYA"


def test_passport_citizenship_gender(cons) -> None:
    rec = by_id(cons, "26182")  # Evren KAYAKIRAN, FSE-IR
    person = rec.entity
    assert person.get("birthDate") == ["1980-02-08"]
    assert person.get("citizenship") == ["tr"]
    assert person.get("gender") == ["male"]
    passport = next(e for e in rec.related if e.schema.name == "Passport")
    assert passport.get("number") == ["U00242309"]
    assert passport.get("country") == ["tr"]
    assert passport.get("holder") == [rec.entity_id]


def test_organisation_identifiers_and_addresses(cons) -> None:
    rec = by_id(cons, "17015")  # VNESHECONOMBANK
    org = rec.entity
    assert org.schema.name == "Organization"
    assert org.get("swiftBic") == ["BFEARUMM"]
    assert org.get("okpoCode") == ["00005061"]  # OFAC "Government Gazette Number"
    assert org.get("taxNumber") == ["7750004150"]
    assert org.get("incorporationDate") == ["1922-08-18"]
    assert "VEB" in org.get("weakAlias")  # category weak
    assert "VNESHECONOMBANK" in org.get("previousName")  # f.k.a.
    addresses = [e for e in rec.related if e.schema.name == "Address"]
    assert addresses and all(a.get("country") == ["ru"] for a in addresses)
    assert {a.id for a in addresses} == set(org.get("addressEntity"))
    assert "Moscow" in addresses[0].get("city")
    sanction = next(e for e in rec.related if e.schema.name == "Sanction")
    assert any("Subject to Directive 1" in p for p in sanction.get("provisions"))
    bik = next(e for e in rec.related if e.schema.name == "Identification")
    assert bik.get("type") == ["BIK (RU)"] and bik.get("number") == ["044525060"]


def test_unrecognised_values_kept_in_notes(cons) -> None:
    # CMIC issuer names and tickers have no FtM property: they must not be dropped.
    notes = [n for r in cons.records for n in r.entity.get("notes")]
    assert sum(n.startswith("Equity Ticker: ") for n in notes) == 69
    assert sum(n.startswith("Issuer Name: ") for n in notes) == 73


def test_same_file_named_sdn_is_sdn(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "sdn.xml"
    target.write_bytes(gzip.decompress((data_dir / CONS).read_bytes()))
    parsed = read_list(target)
    assert parsed.source == "us_ofac_sdn"
    assert len(parsed.records) == 443
    assert read_list(target, source="us_ofac_cons").source == "us_ofac_cons"


def test_raw_sees_every_amendment(cons, data_dir: Path) -> None:
    root = parse_xml(data_dir / CONS)
    entry = root.find("sdnEntry")
    before = flatten(entry)
    entry.find("placeOfBirthList/placeOfBirthItem/placeOfBirth").text = "Gaza"
    assert flatten(entry) != before
    assert before == by_id(cons, "9639").raw


SDN_SAMPLE = f"""<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="{NS}">
  <publshInformation><Publish_Date>12/13/2023</Publish_Date><Record_Count>3</Record_Count></publshInformation>
  <sdnEntry>
    <uid>9999001</uid><lastName>OCEAN STAR</lastName><sdnType>Vessel</sdnType>
    <programList><program>IRAN</program></programList>
    <idList>
      <id><uid>1</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 9187629</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>572469210</idNumber></id>
    </idList>
    <vesselInfo><callSign>T2EF4</callSign><vesselType>Crude Oil Tanker</vesselType>
      <vesselFlag>Tuvalu</vesselFlag><vesselOwner>Some Shipping Co</vesselOwner>
      <tonnage>150000</tonnage><grossRegisteredTonnage>81479</grossRegisteredTonnage></vesselInfo>
  </sdnEntry>
  <sdnEntry>
    <lastName>NO UID</lastName><sdnType>Entity</sdnType>
  </sdnEntry>
  <sdnEntry>
    <uid>9999003</uid><sdnType>Individual</sdnType>
  </sdnEntry>
  <sdnEntry>
    <uid>9999004</uid><firstName>Ali</firstName><lastName>EXAMPLE</lastName><sdnType>Individual</sdnType>
    <title>Commander</title><futureField>added by OFAC later</futureField>
    <idList><id><uid>5</uid><idType>Passport</idType><idNumber>A123</idNumber><idCountry>Iran</idCountry>
      <issueDate>01 Jan 2010</issueDate><expirationDate>31 Dec 2020</expirationDate></id></idList>
    <dateOfBirthList><dateOfBirthItem><uid>6</uid><dateOfBirth>circa 1975 to 1977</dateOfBirth></dateOfBirthItem>
      <dateOfBirthItem><uid>7</uid><dateOfBirth>Feb 1980</dateOfBirth></dateOfBirthItem>
      <dateOfBirthItem><uid>8</uid><dateOfBirth>sometime</dateOfBirth></dateOfBirthItem></dateOfBirthList>
    <nationalityList><nationality><uid>9</uid><country>Iran</country></nationality></nationalityList>
  </sdnEntry>
</sdnList>
"""


def test_vessel_dates_and_bad_entries(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(SDN_SAMPLE, encoding="utf-8")
    parsed = read_list(path)
    assert parsed.source == "us_ofac_sdn" and parsed.published == date(2023, 12, 13)
    assert [r.source_id for r in parsed.records] == ["9999001", "9999004"]
    vessel = parsed.records[0].entity
    assert vessel.schema.name == "Vessel"
    assert vessel.get("imoNumber") == ["IMO9187629"]
    assert vessel.get("mmsi") == ["572469210"]
    assert vessel.get("callSign") == ["T2EF4"]
    assert vessel.get("flag") == ["tv"]
    assert vessel.get("type") == ["Crude Oil Tanker"]
    assert vessel.get("grossRegisteredTonnage") == ["81479"]
    assert "Vessel Owner: Some Shipping Co" in vessel.get("notes")
    person = parsed.records[1].entity
    assert set(person.get("birthDate")) == {"1975", "1976", "1977", "1980-02"}
    assert "Birthdate: sometime" in person.get("notes")
    assert person.get("position") == ["Commander"]
    assert "futureField: added by OFAC later" in person.get("notes")  # unknown, kept
    assert person.get("nationality") == ["ir"]
    passport = next(e for e in parsed.records[1].related if e.schema.name == "Passport")
    assert passport.get("startDate") == ["2010-01-01"]
    assert passport.get("endDate") == ["2020-12-31"]
    locations = [p.location for p in parsed.problems]
    assert locations == ["element <sdnEntry> at line 15", "element <sdnEntry> at line 18"]
    assert "no <uid>" in parsed.problems[0].reason
    assert "no name" in parsed.problems[1].reason


def test_ofac_dates() -> None:
    assert ofac_xml.ofac_dates("08 Feb 1980") == ["1980-02-08"]
    assert ofac_xml.ofac_dates("Feb 1980") == ["1980-02"]
    assert ofac_xml.ofac_dates("circa 1962") == ["1962"]
    assert ofac_xml.ofac_dates("1962 to 1964") == ["1962", "1963", "1964"]
    assert ofac_xml.ofac_dates("unknown") == []


def test_truncated_xml_names_the_line(data_dir: Path, tmp_path: Path) -> None:
    data = gzip.decompress((data_dir / CONS).read_bytes())
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as err:
        read_list(path)
    assert err.value.location is not None and err.value.location.startswith("line ")
    assert int(err.value.location.split()[1]) > 1000
    assert "malformed XML" in err.value.reason


def test_truncated_gzip_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    raw = (data_dir / CONS).read_bytes()
    path = tmp_path / "consolidated.xml.gz"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(SourceError):
        ofac_xml.parse(path, "us_ofac_cons")


def test_xxe_is_neither_expanded_nor_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    payload = f"""<?xml version="1.0"?>
<!DOCTYPE sdnList [<!ENTITY xxe SYSTEM "file://{secret}">]>
<sdnList><publshInformation><Publish_Date>01/01/2024</Publish_Date></publshInformation>
<sdnEntry><uid>1</uid><lastName>&xxe;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>
"""
    path = tmp_path / "sdn.xml"
    path.write_text(payload)
    # The parser itself leaves the reference unexpanded and never opens the file ...
    root = etree.fromstring(payload.encode(), safe_parser())
    assert "TOP-SECRET" not in etree.tostring(root).decode()
    # ... and the list reader refuses the document outright.
    with pytest.raises(SourceError) as err:
        read_list(path)
    assert "entities" in err.value.reason
    assert "TOP-SECRET" not in str(err.value)


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    payload = (
        '<?xml version="1.0"?>\n<!DOCTYPE sdnList [' + "".join(lol) + "]>\n"
        "<sdnList><sdnEntry><uid>1</uid><lastName>&lol9;</lastName></sdnEntry></sdnList>"
    )
    # libxml2 either refuses the amplification or leaves the references unexpanded.
    try:
        root = etree.fromstring(payload.encode(), safe_parser())
    except etree.XMLSyntaxError as exc:
        assert "amplification" in str(exc) or "entity" in str(exc).lower()
    else:
        assert len(etree.tostring(root)) < 10_000
    path = tmp_path / "sdn.xml"
    path.write_text(payload)
    with pytest.raises(SourceError) as err:
        ofac_xml.parse(path, "us_ofac_sdn")
    assert err.value.location == "line 1"


def test_external_dtd_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE sdnList SYSTEM "http://example.invalid/evil.dtd">\n'
        "<sdnList><sdnEntry><uid>1</uid><lastName>&ext;</lastName></sdnEntry></sdnList>"
    )
    with pytest.raises(SourceError) as err:
        read_list(path)
    assert err.value.location == "line 3"
    assert "&ext;" in err.value.reason


def test_linked_to_remarks_become_links(cons) -> None:
    rec = by_id(cons, "17017")  # BM BANK JSC, "(Linked To: VTB BANK PUBLIC JOINT STOCK COMPANY)"
    [link] = [e for e in rec.related if e.schema.name == "UnknownLink"]
    assert link.get("subject") == ["ofac-17017"]
    assert link.get("object") == ["ofac-17013"]
    assert by_id(cons, "17013").entity.get("name") == ["VTB BANK PUBLIC JOINT STOCK COMPANY"]
    links = [e for r in cons.records for e in r.related if e.schema.name == "UnknownLink"]
    assert len(links) == 283  # every "Linked To" resolves; the Enhanced file has 283 too
