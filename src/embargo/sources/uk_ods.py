"""FCDO UK Sanctions List summary spreadsheet (ODS, sheet `UK_Sanction_List`).

One row per designation: Unique ID, OFSI Group ID, Name, Regime Name, Type, Designation source,
Date Designated, Sanctions Imposed. Rows are grouped by Unique ID into one record with one
Sanction per regime.

`content.xml` is streamed with lxml rather than loaded with odfpy: odfpy builds a full DOM and
takes ~2.5 s on the 5k-row file, iterparse ~0.2 s. Spreadsheet repeat counts
(`number-columns-repeated`, `number-rows-repeated`) are expanded, except for trailing empty
cells/rows, which Excel writes as one repeated cell/row up to column 16384 / row 1048576.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from followthemoney import EntityProxy, model
from lxml import etree

from embargo.sources import tabular
from embargo.sources.base import ParsedList, Problem, Record, SourceError
from embargo.sources.ids import entity_id, related_id

FORMAT = "uk_ods"
SOURCE = "gb_fcdo_sanctions"
SHEET = "UK_Sanction_List"
REQUIRED = ("Unique ID", "Name", "Regime Name")
COLUMNS = (
    "Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Designation source",
    "Date Designated", "Sanctions Imposed",
)  # fmt: skip
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
UK_DATES = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
T_TABLE, T_ROW, T_CELL = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell"
T_COVERED = f"{{{_TABLE}}}covered-table-cell"
T_NAME = f"{{{_TABLE}}}name"
COLS_REPEATED = f"{{{_TABLE}}}number-columns-repeated"
ROWS_REPEATED = f"{{{_TABLE}}}number-rows-repeated"
P, S, TAB, BREAK = (f"{{{_TEXT}}}{t}" for t in ("p", "s", "tab", "line-break"))
VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_WS = re.compile(r"[ \t\r\n]+")
_DATE_IN_TEXT = re.compile(r"\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SheetRow:
    sheet: str
    number: int  # spreadsheet row number, 1-based
    cells: list[str]


def sniff(path: Path, head: bytes) -> str | None:
    if not head.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            if not archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument.spreadsheet"
            ):
                return None
            with archive.open("content.xml") as fh:
                start = fh.read(256 * 1024)
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return SOURCE if b"Unique ID" in start and b"Regime Name" in start else None


def cell_text(cell: etree._Element) -> str:
    """A cell's text as the spreadsheet shows it.

    ODF collapses whitespace in paragraph text (the file's indentation is not content); real
    spaces, tabs and line breaks are written as <text:s c=N/>, <text:tab/>, <text:line-break/>.
    Paragraphs are joined by newlines.
    """
    paragraphs = ["".join(_inline(p)).strip(" ") for p in cell.iter(P)]
    if paragraphs:
        return "\n".join(paragraphs)
    # A number or date cell may carry its value only in attributes.
    kind = cell.get(VALUE_TYPE)
    if kind == "date":
        return cell.get(f"{{{_OFFICE}}}date-value", "")
    if kind in ("float", "percentage", "currency"):
        return cell.get(f"{{{_OFFICE}}}value", "")
    return ""


def _inline(element: etree._Element) -> Iterator[str]:
    if element.tag == S:
        yield " " * int(element.get(f"{{{_TEXT}}}c", "1"))
    elif element.tag == TAB:
        yield "\t"
    elif element.tag == BREAK:
        yield "\n"
    elif element.text:
        yield _WS.sub(" ", element.text)
    for child in element:
        yield from _inline(child)
        if child.tail:
            yield _WS.sub(" ", child.tail)


def row_cells(row: etree._Element) -> list[str]:
    cells: list[str] = []
    pending_empty = 0  # empty repeated cells are only materialised if a value follows
    for cell in row:
        if cell.tag not in (T_CELL, T_COVERED):
            continue
        repeat = int(cell.get(COLS_REPEATED, "1"))
        text = cell_text(cell)
        if text == "":
            pending_empty += repeat
            continue
        cells.extend([""] * pending_empty)
        pending_empty = 0
        cells.extend([text] * min(repeat, 1024))
    return cells


def iter_sheets(path: Path) -> Iterator[SheetRow]:
    """The non-empty rows of every sheet, in order, each with its sheet's name."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(str(path), f"not a readable ODS file: {exc}") from exc
    with archive:
        try:
            stream = archive.open("content.xml")
        except KeyError as exc:
            raise SourceError(str(path), "ODS file has no content.xml") from exc
        with stream:
            yield from _iter_rows(path, stream)


def _iter_rows(path: Path, stream: IO[bytes]) -> Iterator[SheetRow]:
    number = 0
    sheet = ""
    try:
        for event, element in etree.iterparse(
            stream, events=("start", "end"), tag=(T_TABLE, T_ROW)
        ):
            if element.tag == T_TABLE:
                if event == "start":
                    sheet, number = element.get(T_NAME, ""), 0
                continue
            if event != "end":
                continue
            repeat = int(element.get(ROWS_REPEATED, "1"))
            cells = row_cells(element)
            if any(cells):
                for offset in range(repeat):
                    yield SheetRow(sheet, number + offset + 1, cells)
            number += repeat
            element.clear(keep_tail=False)
    except etree.XMLSyntaxError as exc:
        raise SourceError(
            str(path),
            f"content.xml is not well-formed (truncated?): {exc}",
            f"sheet {sheet} row {number + 1}",
        ) from exc
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise SourceError(str(path), f"cannot read content.xml: {exc}") from exc


def parse(path: Path, source: str = SOURCE) -> ParsedList:
    """The list is the first sheet with the header row (FCDO names it UK_Sanction_List; a
    cover or notes sheet before it is skipped)."""
    rows = iter_sheets(path)
    published: date | None = None
    header: list[str] | None = None
    sheet = ""
    for row in rows:
        if all(c in row.cells for c in REQUIRED):
            header, sheet = [c.strip() for c in row.cells], row.sheet
            break
        # Anything above the header ("Last Updated 11/08/2025" ...) dates the list.
        match = _DATE_IN_TEXT.search(" ".join(row.cells))
        if match and published is None:
            published = tabular.to_date(tabular.iso_date(match.group(0), UK_DATES))
    if header is None:
        raise SourceError(str(path), f"no header row with {', '.join(REQUIRED)}", f"sheet {SHEET}")

    problems: list[Problem] = []
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    other: dict[str, int] = {}
    for row in rows:
        if row.sheet != sheet:
            # Read on to the end (a truncated file must still fail), but not as the list.
            other[row.sheet] = other.get(row.sheet, 0) + 1
            continue
        where = f"row {row.number}" if sheet == SHEET else f"sheet {sheet} row {row.number}"
        if len(row.cells) > len(header) and any(row.cells[len(header) :]):
            problems.append(Problem(str(path), where, "values beyond the header's columns"))
            continue
        cells = row.cells + [""] * (len(header) - len(row.cells))
        fields = {h: c for h, c in zip(header, cells, strict=False) if h}
        if not fields.get("Unique ID", "").strip() or not fields.get("Name", "").strip():
            # Kept readable in the reason: the row is skipped, its content is not lost.
            content = "; ".join(f"{k}={v}" for k, v in fields.items() if v)
            problems.append(
                Problem(str(path), where, f"blank Unique ID or Name, skipped ({content})")
            )
            continue
        groups[fields["Unique ID"].strip()].append(fields)

    for name, count in other.items():
        problems.append(Problem(str(path), f"sheet {name}", f"{count} rows not read: not the list"))
    records = []
    for key, group in groups.items():
        record, issues = make_record(source, key, group)
        records.append(record)
        problems.extend(Problem(str(path), f"Unique ID {key}", issue) for issue in issues)
    return ParsedList(source, str(path), records, published, problems, FORMAT)


def make_record(source: str, key: str, verbatim: list[dict[str, str]]) -> tuple[Record, list[str]]:
    rows = [{k: v.strip() for k, v in row.items()} for row in verbatim]
    issues: list[str] = []
    first = rows[0]
    kinds = {r.get("Type", "").lower() for r in rows}
    if len(kinds) > 1:
        issues.append(f"conflicting Type values: {sorted(kinds)}")
    kind = first.get("Type", "").lower()
    entity = model.make_entity(SCHEMATA.get(kind, "LegalEntity"))
    entity.id = entity_id(source, key)
    entity.add("name", first["Name"])
    for row in rows[1:]:
        if row["Name"] != first["Name"]:
            entity.add("alias", row["Name"])  # named differently under another regime
    entity.add("topics", "sanction")
    if kind and kind not in SCHEMATA:
        entity.add("notes", f"Type: {first['Type']}")
    related: list[EntityProxy] = []
    for row in rows:
        tabular.note_unknown(entity, row, COLUMNS)
        related.append(make_sanction(entity, row))
    raw = tabular.merge_raw(verbatim, [r.get("Regime Name", "") for r in rows])
    return Record(key, entity, list({r.id: r for r in related}.values()), raw), issues


def make_sanction(entity: EntityProxy, row: dict[str, str]) -> EntityProxy:
    assert entity.id is not None
    regime = row.get("Regime Name", "")
    sanction = model.make_entity("Sanction")
    sanction.id = related_id(entity.id, "sanction", regime)
    sanction.add("entity", entity.id)
    sanction.add("authority", "UK Foreign, Commonwealth & Development Office")
    sanction.add("country", "gb")
    sanction.add("program", regime or None)
    designated = row.get("Date Designated", "")
    sanction.add("listingDate", tabular.iso_date(designated, UK_DATES) or None)
    sanction.add("startDate", tabular.iso_date(designated, UK_DATES) or None)
    if designated and not tabular.iso_date(designated, UK_DATES):
        sanction.add("summary", f"Date Designated: {designated}")
    if row.get("Designation source"):
        # "UK", "UN" or "UK|UN": whether the UK designated on its own or implements the UN.
        sanction.add("summary", f"Designation source: {row['Designation source']}")
    for measure in row.get("Sanctions Imposed", "").split(","):
        sanction.add("provisions", measure.strip() or None)
    return sanction
