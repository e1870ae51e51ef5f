"""The OFAC CSV parser on the real published files in ../shared/data/ofac."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest
from followthemoney import EntityProxy

from embargo.sources import ParsedList, Record, SourceError, detect, ofac_csv, read_list


def _by_id(parsed: ParsedList) -> dict[str, Record]:
    return {r.source_id: r for r in parsed}


def _related(record: Record, schema: str) -> list[EntityProxy]:
    return [e for e in record.related if e.schema.name == schema]


@pytest.fixture(scope="module")
def sdn_1213(data_dir: Path) -> ParsedList:
    return read_list(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz")


@pytest.fixture(scope="module")
def sdn_0503(data_dir: Path) -> ParsedList:
    return read_list(data_dir / "ofac/sdn-history/sdn-2024-05-03.csv.gz")


@pytest.fixture(scope="module")
def full_1228(data_dir: Path) -> ParsedList:
    return read_list(data_dir / "ofac/sdn-2023-12-28-full/sdn.csv.gz")


def test_detection_and_counts(sdn_1213: ParsedList, sdn_0503: ParsedList) -> None:
    # Record counts from the data README.
    assert (sdn_1213.source, sdn_1213.format, len(sdn_1213)) == ("us_ofac_sdn", "ofac_csv", 13_863)
    assert len(sdn_0503) == 14_965
    assert sdn_1213.published is None
    # Every record's id is derived from its ent_num; no ent_num twice.
    assert all(r.entity_id == f"ofac-{r.source_id}" for r in sdn_1213)
    assert len({r.source_id for r in sdn_1213}) == len(sdn_1213)


def test_sibling_files_are_not_taken_for_sdn(data_dir: Path) -> None:
    folder = data_dir / "ofac/sdn-2023-12-28-full"
    for name in ("add.csv.gz", "alt.csv.gz", "sdn_comments.csv"):
        with pytest.raises(SourceError):
            detect(folder / name)
    module, source = detect(folder / "sdn.csv.gz")
    assert (module.FORMAT, source) == ("ofac_csv", "us_ofac_sdn")


def test_yaghmour_turkey_facts(sdn_1213: ParsedList) -> None:
    record = _by_id(sdn_1213)["46168"]
    person = record.entity
    assert person.schema.name == "Person"
    assert person.id == "ofac-46168"
    assert person.get("name") == ["YAGHMOUR, Jihad Muhammad Shaker"]
    assert person.get("lastName") == ["YAGHMOUR"]
    assert person.get("firstName") == ["Jihad Muhammad Shaker"]
    assert person.get("nationality") == ["tr"]
    assert sorted(person.get("birthDate")) == ["1967", "1967-04-15", "1967-07-15"]
    assert person.get("birthPlace") == ["Beit Hanina, Jerusalem, Israel"]
    assert person.get("birthCountry") == ["il"]
    assert person.get("gender") == ["male"]
    assert person.get("idNumber") == ["12180149578"]
    [ident] = _related(record, "Identification")
    assert ident.get("holder") == ["ofac-46168"]
    assert ident.get("number") == ["12180149578"]
    assert ident.get("country") == ["tr"]
    assert ident.get("type") == ["National ID No."]
    [sanction] = _related(record, "Sanction")
    assert sanction.id == "ofac-46168-sanction"
    assert sanction.get("entity") == ["ofac-46168"]
    assert sanction.get("program") == ["SDGT"]
    assert sanction.get("country") == ["us"]
    assert sanction.get("authority") == ["Office of Foreign Assets Control"]
    assert sanction.get("provisions")[0].startswith("Secondary sanctions risk: section 1(b)")
    [link] = _related(record, "UnknownLink")
    assert (link.get("subject"), link.get("object"), link.get("role")) == (
        ["ofac-46168"],
        ["ofac-4695"],
        ["Linked To"],
    )
    # raw keeps the publisher's 12 columns verbatim
    assert record.raw["SDN_Name"] == "YAGHMOUR, Jihad Muhammad Shaker"
    assert record.raw["Remarks"].endswith("Linked To: HAMAS.")
    assert len(record.raw) == 12


def test_kaya_born_in_mardin(sdn_1213: ParsedList) -> None:
    person = _by_id(sdn_1213)["46233"].entity
    assert person.get("name") == ["KAYA, Mehmet"]
    assert person.get("birthPlace") == ["Mardin, Turkey"]
    assert person.get("birthCountry") == ["tr"]
    assert person.get("nationality") == ["tr"]
    assert person.get("birthDate") == ["1988-01-01"]


def test_hamas_program_and_links_counted_from_the_csv(data_dir: Path, sdn_1213: ParsedList) -> None:
    records = _by_id(sdn_1213)
    hamas = records["4695"]
    assert hamas.entity.schema.name == "Organization"
    [sanction] = _related(hamas, "Sanction")
    assert sanction.get("program") == ["FTO", "SDGT"]
    # Count the rows whose remarks say "Linked To: HAMAS" straight from the file.
    with gzip.open(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz", "rt") as fh:
        expected = sum(
            1
            for row in csv.reader(fh)
            if len(row) == 12
            and any(p.strip().rstrip(".") == "Linked To: HAMAS" for p in row[11].split(";"))
        )
    linked = [
        r
        for r in sdn_1213
        if any(e.get("object") == ["ofac-4695"] for e in _related(r, "UnknownLink"))
    ]
    assert expected > 20
    assert len(linked) == expected


def test_unresolved_link_is_a_problem_and_a_note(data_dir: Path, sdn_1213: ParsedList) -> None:
    # Rosneft is on OFAC's non-SDN lists, not an SDN_Name in this file.
    problems = [p for p in sdn_1213.problems if "Linked To target not found" in p.reason]
    rosneft = next(p for p in problems if "ROSNEFT" in p.reason)
    line = int(rosneft.location.removeprefix("line "))
    with gzip.open(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz", "rt", newline="") as fh:
        text = fh.read().split("\r\n")[line - 1]
    ent_num = text.split(",", 1)[0]
    assert "Linked To: OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY" in text
    notes = _by_id(sdn_1213)[ent_num].entity.get("notes")
    assert "Linked To: OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY." in notes


def test_vessel(sdn_0503: ParsedList) -> None:
    # 4243,"EBANO","vessel","CUBA",-0- ,-0- ,"General Cargo","2595","1865","Panama",-0- ,
    # "Vessel Registration Identification IMO 7406784; f.k.a. 'ANA I'; f.k.a. 'SAND SWAN'."
    vessel = _by_id(sdn_0503)["4243"].entity
    assert vessel.schema.name == "Vessel"
    assert vessel.get("imoNumber") == ["7406784"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("type") == ["General Cargo"]
    assert vessel.get("tonnage") == ["2595"]
    assert vessel.get("grossRegisteredTonnage") == ["1865"]
    assert vessel.get("weakAlias") == ["ANA I", "SAND SWAN"]


def test_aircraft(sdn_0503: ParsedList) -> None:
    records = _by_id(sdn_0503)
    record = records["15431"]
    plane = record.entity
    assert plane.schema.name == "Airplane"
    assert plane.get("name") == ["EP-GOM"]
    assert plane.get("serialNumber") == ["8401", "1023409321"]
    assert plane.get("model") == ["IL76-TD"]
    assert plane.get("buildDate") == ["1992"]
    pouya = next(r for r in sdn_0503 if r.entity.get("name") == ["POUYA AIR"])
    [link] = _related(record, "UnknownLink")
    assert link.get("object") == [pouya.entity_id]
    # "Aircraft Operator YAS AIR": an operator entity when YAS AIR is listed, else a note.
    yas = [r for r in sdn_0503 if r.entity.get("name") == ["YAS AIR"]]
    if yas:
        assert plane.get("operator") == [yas[0].entity_id]
    else:
        assert "Aircraft Operator: YAS AIR" in plane.get("notes")


def test_weak_alias_from_remarks(sdn_1213: ParsedList) -> None:
    bank = _by_id(sdn_1213)["306"].entity
    assert bank.get("name") == ["BANCO NACIONAL DE CUBA"]
    assert bank.get("weakAlias") == ["BNC"]
    assert bank.get("alias") == []  # no alt.csv next to a history file


def test_full_set_with_siblings(full_1228: ParsedList) -> None:
    assert len(full_1228) == 13_821
    records = _by_id(full_1228)
    bank = records["306"]
    # alt.csv: 306,220,"aka","NATIONAL BANK OF CUBA"; the remark alias stays weak.
    assert bank.entity.get("alias") == ["NATIONAL BANK OF CUBA"]
    assert bank.entity.get("weakAlias") == ["BNC"]
    assert bank.raw["aliases"] == "220|aka|NATIONAL BANK OF CUBA|-0-"
    # add.csv: four addresses, Zurich / Madrid / Tokyo / Panama City
    addresses = _related(bank, "Address")
    assert len(addresses) == 4
    zurich = next(a for a in addresses if a.get("city") == ["Zurich CH-8022"])
    assert zurich.get("street") == ["Zweierstrasse 35"]
    assert zurich.get("country") == ["ch"]
    assert zurich.get("full") == ["Zweierstrasse 35, Zurich CH-8022, Switzerland"]
    assert sorted(bank.entity.get("addressEntity")) == sorted(a.id for a in addresses)
    assert set(bank.entity.get("country")) == {"ch", "es", "jp", "pa"}
    assert bank.raw["addresses"].count("\n") == 3
    assert "199|Zweierstrasse 35|Zurich CH-8022|Switzerland|-0-" in bank.raw["addresses"]
    # fka → previousName
    iran = records["4642"].entity
    assert "IRAN OVERSEAS INVESTMENT BANK PLC" in iran.get("previousName")
    # sdn_comments.csv continues the cut-off remarks of 17018 (Sberbank)
    sber = records["17018"]
    assert "comments" in sber.raw
    assert "7707083893" in sber.entity.get("taxNumber")
    assert "1027700132195" in sber.entity.get("registrationNumber")
    # comments for ent_nums that are not in this sdn.csv are reported, not dropped silently
    assert any("not in sdn.csv.gz" in p.reason for p in full_1228.problems)


def test_consolidated_set(data_dir: Path) -> None:
    path = data_dir / "ofac/consolidated-2025-12-19/cons_prim.csv"
    parsed = read_list(path)
    assert (parsed.source, parsed.format, len(parsed)) == ("us_ofac_cons", "ofac_csv", 442)
    haniya = _by_id(parsed)["9639"]
    assert haniya.entity.id == "ofac-9639"
    assert haniya.entity.get("alias") == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert haniya.entity.get("birthDate") == ["1962"]
    assert haniya.entity.get("birthPlace") == ["Shati"]
    [sanction] = _related(haniya, "Sanction")
    assert sanction.get("program") == ["NS-PLC"]
    # cons_comments.csv continues 17018's remarks here too
    assert "SBERBANK INDIA" in _by_id(parsed)["17018"].entity.get("weakAlias")


def test_duplicate_ent_num_is_a_problem(data_dir: Path) -> None:
    parsed = read_list(data_dir / "ofac/sdn-2022-01-full/sdn.csv.gz")
    assert len(parsed) == 9_043  # 9,044 rows, ent_num 2677 twice
    [dup] = [p for p in parsed.problems if "duplicate ent_num" in p.reason]
    assert dup.location == "line 9044"
    assert "2677" in dup.reason


def test_cut_sibling_file_loads_and_is_reported(data_dir: Path) -> None:
    # The archived 2019 add.csv stops inside its last field ("-0" of "-0- "), without CRLF/0x1A.
    parsed = read_list(data_dir / "ofac/sdn-2019-01-full/sdn.csv.gz")
    assert len(parsed) == 7_379
    [cut] = [p for p in parsed.problems if "ends mid-row" in p.reason]
    assert cut.path.endswith("add.csv.gz")
    assert cut.location == "line 11696"
    with_addresses = [r for r in parsed if "addresses" in r.raw]
    assert sum(r.raw["addresses"].count("\n") + 1 for r in with_addresses) == 11_696


def _head_lines(data_dir: Path, count: int) -> list[str]:
    with gzip.open(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz", "rt", newline="") as fh:
        return [fh.readline() for _ in range(count)]


def test_bad_rows_are_reported_with_their_line(data_dir: Path, tmp_path: Path) -> None:
    lines = _head_lines(data_dir, 40)
    lines.insert(9, '999999,"TOO SHORT",-0- ,"SDGT"\r\n')  # line 10
    lines.insert(19, 'abc,"NOT A NUMBER",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')
    path = tmp_path / "sdn.csv"
    path.write_bytes(("".join(lines) + "\x1a").encode("utf-8"))
    parsed = read_list(path)
    assert len(parsed) == 40
    assert [(p.location, p.reason) for p in parsed.problems] == [
        ("line 10", "4 columns, expected 12"),
        ("line 20", "ent_num 'abc' is not a number"),
    ]
    assert all(p.path == str(path) for p in parsed.problems)


def test_truncated_file_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    text = "".join(_head_lines(data_dir, 30))
    cut = text[: text.index("a.k.a. 'BNC'")]  # inside the quoted Remarks of line 3
    path = tmp_path / "sdn.csv"
    path.write_text(cut, encoding="utf-8", newline="")
    with pytest.raises(SourceError) as err:
        ofac_csv.parse(path, "us_ofac_sdn")
    assert err.value.location == "line 3"
    # cut inside an unquoted row: fewer columns and no end mark
    path.write_text(
        text[: text.index(",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n173")], newline=""
    )
    with pytest.raises(SourceError) as err:
        ofac_csv.parse(path, "us_ofac_sdn")
    assert err.value.location == "line 1"


def test_not_this_format(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_text("name,country\nACME,Cuba\n", encoding="utf-8")
    assert ofac_csv.sniff(path, path.read_bytes()) is None
    with pytest.raises(SourceError):
        read_list(path)
    with pytest.raises(SourceError) as err:
        ofac_csv.parse(path, "us_ofac_sdn")
    assert "no OFAC SDN rows" in err.value.reason


def test_gzip_and_upper_case_siblings(data_dir: Path, tmp_path: Path) -> None:
    src = data_dir / "ofac/consolidated-2025-12-19"
    (tmp_path / "CONS_PRIM.CSV.gz").write_bytes(gzip.compress((src / "cons_prim.csv").read_bytes()))
    (tmp_path / "CONS_ALT.CSV").write_bytes((src / "cons_alt.csv").read_bytes())
    parsed = read_list(tmp_path / "CONS_PRIM.CSV.gz")
    assert parsed.source == "us_ofac_cons"
    assert _by_id(parsed)["9639"].entity.get("alias") == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert "aliases" in _by_id(parsed)["9639"].raw
    assert "addresses" not in _by_id(parsed)["9639"].raw


def test_records_round_trip(sdn_1213: ParsedList) -> None:
    record = _by_id(sdn_1213)["46168"]
    again = Record.from_dict(record.to_dict())
    assert again.entity.to_dict() == record.entity.to_dict()
    assert [e.to_dict() for e in again.related] == [e.to_dict() for e in record.related]


def test_split_programs() -> None:
    assert ofac_csv.split_programs("FTO] [SDGT") == ["FTO", "SDGT"]
    assert ofac_csv.split_programs("[SDGT] [IRGC]") == ["SDGT", "IRGC"]
    assert ofac_csv.split_programs("-0- ") == []


def test_sniff_reads_only_the_first_line() -> None:
    head = io.BytesIO(
        b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    )
    assert ofac_csv.sniff(Path("sdn.csv"), head.getvalue()) == "us_ofac_sdn"
    assert ofac_csv.sniff(Path("cons_prim.csv"), head.getvalue()) == "us_ofac_cons"
    assert ofac_csv.sniff(Path("add.csv"), b'36,25,-0- ,"Havana","Cuba",-0- \r\n') is None


def test_second_parse_is_identical(data_dir: Path, sdn_1213: ParsedList) -> None:
    # The second parse reuses cached Remarks: the records must not differ (nor share state).
    again = ofac_csv.parse(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz", "us_ofac_sdn")
    assert [r.to_dict() for r in again] == [r.to_dict() for r in sdn_1213]
    assert again.problems == sdn_1213.problems
