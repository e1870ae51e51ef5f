"""BIS Denied Persons List (`dpl.txt`): tab-separated, every field quoted, one row per order.

The file has no identifier. A record's `source_id` is `hash_id(name, first FR citation)`: the
publisher appends a citation to FR_Citation each time an order is renewed or modified
(" I. ASH": "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 ..."), so the first one, naming the
order that denied the party, stays put while the rest changes. Rows that share the key (one
party denied under one order at several addresses) become one record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from followthemoney import EntityProxy, model

from embargo.sources import tabular
from embargo.sources.base import ParsedList, Problem, Record, SourceError
from embargo.sources.ids import entity_id, hash_id, related_id

FORMAT = "bis_dpl"
SOURCE = "us_bis_denied"
COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
# The file writes effective dates the US way, updates in ISO.
US_DATES = ("%m/%d/%Y", "%Y-%m-%d")
# Volume, "F.R.", page — written "68 F.R. 38290", "80 F.R 17724", "81.F.R. 22576", "88 F.R.2603".
_CITATION = re.compile(r"(\d+)\s*\.?\s*F\.?\s*R\.?\s*(\d+)")


def sniff(path: Path, head: bytes) -> str | None:
    line = tabular.first_line(head)
    cells = [c.strip('"') for c in line.split("\t")]
    return SOURCE if cells[:2] == ["Name", "Street_Address"] and "FR_Citation" in cells else None


def first_citation(text: str) -> str:
    """The Federal Register citation of the original order: "68 F.R. 38290"."""
    match = _CITATION.search(text)
    return f"{match.group(1)} F.R. {match.group(2)}" if match else text.strip()


def record_key(row: dict[str, str]) -> str:
    return hash_id(row["Name"].strip().upper(), first_citation(row["FR_Citation"]))


def parse(path: Path, source: str = SOURCE) -> ParsedList:
    text = tabular.read_text(path)
    rows = tabular.iter_rows(path, text, delimiter="\t")
    header = next(rows, None)
    if header is None or [c.strip() for c in header.cells[:2]] != ["Name", "Street_Address"]:
        raise SourceError(str(path), "not a BIS Denied Persons List: header not found", "line 1")
    columns = [c.strip() for c in header.cells]
    missing = [c for c in ("Name", "FR_Citation", "Effective_Date") if c not in columns]
    if missing:
        raise SourceError(str(path), f"header lacks {', '.join(missing)}", "line 1")

    problems: list[Problem] = []
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if len(row.cells) != len(columns):
            problems.append(
                Problem(
                    str(path),
                    f"line {row.line}",
                    f"{len(row.cells)} fields, expected {len(columns)}",
                )
            )
            continue
        fields = dict(zip(columns, row.cells, strict=True))
        if not fields["Name"].strip():
            problems.append(Problem(str(path), f"line {row.line}", "no Name"))
            continue
        groups[record_key(fields)].append(fields)

    records = [make_record(source, key, group) for key, group in groups.items()]
    published = latest_update(group for rows in groups.values() for group in rows)
    return ParsedList(source, str(path), records, published, problems, FORMAT)


def latest_update(rows: Iterable[dict[str, str]]) -> date | None:
    """The list's date: its newest Last_Update. Typos from the future ("3033-09-30" is in the
    2023 file) are ignored."""
    today = date.today()
    dates = [tabular.to_date(tabular.iso_date(r.get("Last_Update", ""), US_DATES)) for r in rows]
    valid = [d for d in dates if d is not None and d <= today]
    return max(valid) if valid else None


def make_record(source: str, key: str, rows: list[dict[str, str]]) -> Record:
    first = rows[0]
    entity = model.make_entity("LegalEntity")
    entity.id = entity_id(source, key)
    entity.add("name", first["Name"].strip())
    entity.add("topics", "sanction")
    related: list[EntityProxy] = []
    for row in rows:
        tabular.note_unknown(entity, row, COLUMNS)
        address = make_address(entity, row)
        if address is not None and all(a.id != address.id for a in related):
            related.append(address)
    for row in rows:
        sanction = model.make_entity("Sanction")
        sanction.id = related_id(entity.id, "sanction", row["FR_Citation"], row["Effective_Date"])
        if any(s.id == sanction.id for s in related):
            continue
        sanction.add("entity", entity.id)
        sanction.add("authority", "US Bureau of Industry and Security")
        sanction.add("program", "Denied Persons List")
        sanction.add("country", "us")
        sanction.add("startDate", tabular.iso_date(row["Effective_Date"], US_DATES))
        sanction.add("endDate", tabular.iso_date(row["Expiration_Date"], US_DATES))
        sanction.add("modifiedAt", tabular.iso_date(row.get("Last_Update", ""), US_DATES))
        sanction.add("summary", row.get("Action"))
        sanction.add("reason", row["FR_Citation"])
        if row.get("Standard_Order", "").strip():
            sanction.add("provisions", f"Standard order: {row['Standard_Order'].strip()}")
        related.append(sanction)
    raw = tabular.merge_raw(rows, [r["Street_Address"] or r["City"] or r["Country"] for r in rows])
    return Record(key, entity, related, raw)


def make_address(entity: EntityProxy, row: dict[str, str]) -> EntityProxy | None:
    parts = [row.get(c, "").strip() for c in ("Street_Address", "City", "State", "Postal_Code")]
    country = row.get("Country", "").strip()
    if not any(parts) and not country:
        return None
    full = ", ".join(p for p in [*parts, country] if p)
    address = model.make_entity("Address")
    assert entity.id is not None
    address.id = related_id(entity.id, "address", full)
    address.add("full", full)
    address.add("street", parts[0])
    address.add("city", parts[1])
    address.add("state", parts[2])
    address.add("postalCode", parts[3])
    return tabular.attach_address(entity, address, full, country)
