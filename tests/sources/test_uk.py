"""UK lists: the FCDO UK Sanctions List spreadsheet (ODS) and the OFSI ConList CSV."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from embargo.sources import ParsedList, SourceError, read_list, uk_conlist_csv, uk_ods
from embargo.sources.ids import entity_id

ODS = "uk/UK_Sanctions_List-2025-08-11.ods"
CONLIST = "uk/conlist-excerpt-2020.csv"


@pytest.fixture(scope="module")
def ods(data_dir: Path) -> ParsedList:
    return read_list(data_dir / ODS)


@pytest.fixture(scope="module")
def conlist(data_dir: Path) -> ParsedList:
    return read_list(data_dir / CONLIST)


def odfpy_rows(path: Path) -> list[list[str]]:
    """The sheet's rows read independently of the parser, with odfpy."""
    doc = load(str(path))
    table = next(
        t for t in doc.getElementsByType(Table) if t.getAttribute("name") == "UK_Sanction_List"
    )
    rows = []
    for row in table.getElementsByType(TableRow):
        cells: list[str] = []
        for cell in row.getElementsByType(TableCell):
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            cells.extend([teletype.extractText(cell).strip()] * min(repeat, 10))
        if any(cells):
            rows.append(cells[:8])
    return rows


def test_ods_counts_match_an_independent_read(ods: ParsedList, data_dir: Path) -> None:
    rows = odfpy_rows(data_dir / ODS)
    header, data = rows[0], rows[1:]
    assert header == [
        "Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type",
        "Designation source", "Date Designated", "Sanctions Imposed",
    ]  # fmt: skip
    assert len(data) == 5302  # designations, as the data README counts them
    named = {r[0] for r in data if r[2]}
    blank = [r[0] for r in data if not r[2]]
    assert blank == ["BEL0174", "RUS1467"]  # the publisher left these names empty
    assert len(ods) == len(named) == 5300
    assert {r.source_id for r in ods} == named
    assert Counter(r.entity.schema.name for r in ods) == {
        "Person": sum(1 for r in data if r[4] == "Individual" and r[2]),
        "Organization": sum(1 for r in data if r[4] == "Entity" and r[2]),
        "Vessel": sum(1 for r in data if r[4] == "Ship" and r[2]),
    }


def test_ods_repeated_cells_and_rows() -> None:
    from lxml import etree

    ns = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    row = etree.fromstring(
        f"<table:table-row {ns}>"
        '<table:table-cell table:number-columns-repeated="2"><text:p>a</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="3"/>'
        '<table:table-cell><text:p>b<text:s text:c="3"/>c</text:p><text:p>d</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16000"/>'
        "</table:table-row>"
    )
    assert uk_ods.row_cells(row) == ["a", "a", "", "", "", "b   c\nd"]


def test_ods_blank_names_are_problems_with_their_row(ods: ParsedList) -> None:
    assert [(p.location, p.reason.split(" (")[0]) for p in ods.problems] == [
        ("row 649", "blank Unique ID or Name, skipped"),
        ("row 3524", "blank Unique ID or Name, skipped"),
    ]
    assert "BEL0174" in ods.problems[0].reason  # the skipped row's content is not lost


def test_ods_known_entry(ods: ParsedList) -> None:
    assert ods.format == "uk_ods" and ods.source == "gb_fcdo_sanctions"
    assert ods.published is None  # the sheet carries no list date
    record = next(r for r in ods if r.source_id == "RUS0001")
    assert record.entity_id == entity_id("gb_fcdo_sanctions", "RUS0001") == "gb-fcdo-rus0001"
    assert record.entity.schema.name == "Person"
    assert record.entity.get("name") == ["Kiselyov Dmitry Konstantinovich"]
    (sanction,) = record.related
    assert sanction.schema.name == "Sanction"
    assert sanction.get("entity") == [record.entity_id]
    assert sanction.get("program") == ["Russia"]
    assert sanction.get("startDate") == ["2020-12-31"]
    assert sorted(sanction.get("provisions")) == [
        "Asset freeze", "Director Disqualification Sanction", "Travel Ban", "Trust Services Sanctions",
    ]  # fmt: skip
    assert record.raw["OFSI Group ID"] == "12944"
    assert record.raw["Date Designated"] == "31-12-2020"
    ship = next(r for r in ods if r.entity.schema.name == "Vessel")
    assert ship.related[0].get("program")


def rewrite_ods(source: Path, target: Path, change: object) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "content.xml":
                data = change(data)  # type: ignore[operator]
            dst.writestr(item, data)


def test_ods_groups_designations_of_one_unique_id(data_dir: Path, tmp_path: Path) -> None:
    # Give AFG0002 the Unique ID of AFG0001: one party designated under two regimes' rows.
    copy = tmp_path / "grouped.ods"
    rewrite_ods(
        data_dir / ODS,
        copy,
        lambda d: d.replace(b"<text:p>AFG0002</text:p>", b"<text:p>AFG0001</text:p>", 1),
    )
    parsed = read_list(copy)
    assert len(parsed) == 5299
    record = next(r for r in parsed if r.source_id == "AFG0001")
    assert record.entity.get("name")[0] == "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"
    assert "ROSHAN MONEY EXCHANGE" in record.entity.get("alias")
    assert len(record.raw) > 8  # both rows' differing fields kept, keyed


def test_ods_blank_id_row_is_a_problem(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "blank.ods"
    rewrite_ods(
        data_dir / ODS,
        copy,
        lambda d: d.replace(b"<text:p>AFG0002</text:p>", b"<text:p></text:p>", 1),
    )
    parsed = read_list(copy)
    assert len(parsed) == 5299
    assert parsed.problems[0].location == "row 3"


def test_ods_truncated_content_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "truncated.ods"
    rewrite_ods(data_dir / ODS, copy, lambda d: d[: len(d) // 2])
    with pytest.raises(SourceError, match="not well-formed") as err:
        read_list(copy)
    assert err.value.location and err.value.location.startswith("sheet UK_Sanction_List row ")


def test_ods_date_line_above_header_is_the_publication_date(data_dir: Path, tmp_path: Path) -> None:
    row = (
        b'<table:table-row><table:table-cell office:value-type="string"><text:p>Last Updated</text:p>'
        b'</table:table-cell><table:table-cell office:value-type="string"><text:p>11/08/2025</text:p>'
        b"</table:table-cell></table:table-row>"
    )
    copy = tmp_path / "dated.ods"
    rewrite_ods(
        data_dir / ODS, copy, lambda d: re.sub(rb"(<table:table-row )", row + rb"\1", d, count=1)
    )
    parsed = read_list(copy)
    assert parsed.published == date(2025, 8, 11)
    assert len(parsed) == 5300
    assert parsed.problems[0].location == "row 650"  # row numbers count the new line


def test_ods_list_after_a_cover_sheet(data_dir: Path, tmp_path: Path) -> None:
    cover = (
        b'<table:table table:name="About"><table:table-row><table:table-cell office:value-type="string">'
        b"<text:p>UK Sanctions List, published 11/08/2025</text:p></table:table-cell></table:table-row>"
        b"</table:table>"
    )
    copy = tmp_path / "cover.ods"
    rewrite_ods(
        data_dir / ODS,
        copy,
        lambda d: d.replace(b"<table:table table:name=", cover + b"<table:table table:name=", 1),
    )
    parsed = read_list(copy)
    assert len(parsed) == 5300
    assert parsed.published == date(2025, 8, 11)


def test_conlist_groups_names_by_group_id(conlist: ParsedList, data_dir: Path) -> None:
    assert conlist.format == "uk_conlist_csv" and conlist.source == "gb_hmt_sanctions"
    assert conlist.published is None and conlist.problems == []
    text = (data_dir / CONLIST).read_text(encoding="cp1252").splitlines()
    groups = {line.rsplit(",", 1)[1] for line in text[1:]}
    assert len(conlist) == len(groups) == 41
    record = next(r for r in conlist if r.source_id == "13814")
    names = record.entity.get("name") + record.entity.get("alias")
    rows = [line for line in text if line.endswith(",13814")]
    assert len(names) == len(rows) == 6
    assert record.entity.get("name") == ["Yasser Aziz ABBAS"]  # the "Prime Alias" row


def test_conlist_known_entry(conlist: ParsedList) -> None:
    record = next(r for r in conlist if r.source_id == "13349")
    entity = record.entity
    assert entity.id == "gb-hmt-13349" and entity.schema.name == "Person"
    assert entity.get("name") == ["Sheikh Farooq AL-QAHTANI"]
    assert entity.get("lastName") == ["AL-QAHTANI"]
    assert sorted(entity.get("birthDate")) == ["1980", "1981"]  # "00/00/1980" is a year
    assert sorted(entity.get("nationality")) == ["qa", "sa"]
    assert entity.get("birthCountry") == ["sa"]
    passport = next(r for r in record.related if r.schema.name == "Passport")
    assert passport.get("number") == ["592667"]
    sanction = next(r for r in record.related if r.schema.name == "Sanction")
    assert sanction.get("program") == ["The ISIL (Da'esh) and Al-Qaida organisations"]
    assert sanction.get("listingDate") == ["2016-04-01"]
    # the two rows differ only in DOB: both kept, keyed by row
    assert sorted(v for k, v in record.raw.items() if k.startswith("DOB[")) == [
        "00/00/1980",
        "00/00/1981",
    ]
    address = next(r for r in record.related if r.schema.name == "Address")
    assert address.get("summary") == ["Country: Afghanistan (since 2009)"]  # not a country code


def test_conlist_full_file_layout(conlist: ParsedList, data_dir: Path, tmp_path: Path) -> None:
    """The real ConList.csv: a "Last Updated" line, no blank leading header cell."""
    lines = (
        (data_dir / CONLIST)
        .read_bytes()
        .split(b"\r\n" if b"\r\n" in (data_dir / CONLIST).read_bytes() else b"\n")
    )
    header = lines[0].removeprefix(b",")
    copy = tmp_path / "ConList.csv"
    copy.write_bytes(b"\n".join([b"Last Updated,11/08/2020", header, *lines[1:]]))
    assert uk_conlist_csv.sniff(copy, copy.read_bytes()[:4096]) == "gb_hmt_sanctions"
    parsed = read_list(copy)
    assert parsed.published == date(2020, 8, 11)
    assert [r.to_dict() for r in parsed] == [r.to_dict() for r in conlist]


def test_conlist_bad_rows_and_truncation(data_dir: Path, tmp_path: Path) -> None:
    lines = (data_dir / CONLIST).read_text(encoding="cp1252").splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join([*lines[:3], "ONLY,THREE,FIELDS", *lines[3:]]) + "\n", encoding="cp1252"
    )
    parsed = read_list(bad)
    assert [(p.location, p.reason) for p in parsed.problems] == [
        ("line 4", "3 fields, expected 30")
    ]
    assert len(parsed) == 41
    cut = tmp_path / "cut.csv"
    cut.write_text("\n".join(lines[:10]) + '\nX,Y,"unterminated', encoding="cp1252")
    with pytest.raises(SourceError) as err:
        read_list(cut)
    assert err.value.location == "line 11"


def test_detection(data_dir: Path) -> None:
    head = (data_dir / CONLIST).read_bytes()[:4096]
    assert uk_conlist_csv.sniff(data_dir / CONLIST, head) == "gb_hmt_sanctions"
    assert uk_ods.sniff(data_dir / CONLIST, head) is None
    ods_head = (data_dir / ODS).read_bytes()[:4096]
    assert uk_ods.sniff(data_dir / ODS, ods_head) == "gb_fcdo_sanctions"
    assert uk_conlist_csv.sniff(data_dir / ODS, ods_head) is None
