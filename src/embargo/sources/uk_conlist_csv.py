"""OFSI Consolidated List CSV (`ConList.csv`, the 2020-era layout): one row per name of a
designated party, grouped by `Group ID` into one record.

The full file starts with a `Last Updated,DD/MM/YYYY` line (the list date). Some copies carry a
header with an extra blank first cell while data rows do not (saved from a spreadsheet with an
index column removed): that blank cell is dropped so the columns line up again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from followthemoney import EntityProxy, model

from embargo.sources import tabular
from embargo.sources.base import ParsedList, Problem, Record, SourceError
from embargo.sources.ids import entity_id, related_id

FORMAT = "uk_conlist_csv"
SOURCE = "gb_hmt_sanctions"
REQUIRED = ("Name 6", "Group Type", "Group ID")
NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_PARTS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
KNOWN = {
    *NAME_PARTS, *ADDRESS_PARTS, "Title", "DOB", "Town of Birth", "Country of Birth", "Nationality",
    "Passport Details", "NI Number", "Position", "Post/Zip Code", "Country", "Other Information",
    "Group Type", "Alias Type", "Regime", "Listed On", "Last Updated", "Group ID",
}  # fmt: skip
UK_DATES = ("%d/%m/%Y", "%Y-%m-%d")
_NUMBERED = re.compile(r"\(?\d+\)\s*")  # "1) Saudi Arabia 2) Qatar", "(1) ... (2) ..."
_DOB = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def sniff(path: Path, head: bytes) -> str | None:
    text = head.decode("cp1252", errors="replace").lstrip("\ufeff\u00ef\u00bb\u00bf")
    lines = text.splitlines()
    if not lines:
        return None
    header = (
        lines[1] if lines[0].lower().startswith("last updated") and len(lines) > 1 else lines[0]
    )
    return SOURCE if all(c in header for c in REQUIRED) else None


def parse(path: Path, source: str = SOURCE) -> ParsedList:
    text = tabular.read_text(path)
    rows = tabular.iter_rows(path, text)
    first = next(rows, None)
    published = None
    if first is not None and first.cells and first.cells[0].strip().lower() == "last updated":
        value = first.cells[1] if len(first.cells) > 1 else ""
        published = tabular.to_date(tabular.iso_date(value, UK_DATES))
        first = next(rows, None)
    if first is None or not all(c in [h.strip() for h in first.cells] for c in REQUIRED):
        where = f"line {first.line}" if first else "line 1"
        raise SourceError(
            str(path), f"not an OFSI ConList CSV: no header with {', '.join(REQUIRED)}", where
        )
    header = [h.strip() for h in first.cells]
    problems: list[Problem] = []
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        cells = row.cells
        if len(cells) == len(header) - 1 and header[0] == "":
            cells = ["", *cells]  # the header's spurious leading blank cell
        elif len(cells) == len(header) + 1 and cells[-1] == "":
            cells = cells[:-1]  # a trailing comma
        where = f"line {row.line}"
        if len(cells) != len(header):
            problems.append(
                Problem(str(path), where, f"{len(row.cells)} fields, expected {len(header)}")
            )
            continue
        fields = {h: c for h, c in zip(header, cells, strict=True) if h}
        if not fields.get("Group ID", "").strip() or not any(
            fields.get(n, "").strip() for n in NAME_PARTS
        ):
            problems.append(Problem(str(path), where, "row without Group ID or name"))
            continue
        groups[fields["Group ID"].strip()].append(fields)
    records = [make_record(source, key, group) for key, group in groups.items()]
    return ParsedList(source, str(path), records, published, problems, FORMAT)


def full_name(row: dict[str, str]) -> str:
    """Given names (Name 1-5) then the family or entity name (Name 6), as OFSI prints them."""
    return " ".join(row[n] for n in NAME_PARTS if row.get(n))


def is_primary(row: dict[str, str]) -> bool:
    return row.get("Alias Type", "").strip().lower() in ("primary name", "prime alias")


def numbered(value: str) -> list[str]:
    """Split OFSI's numbered lists ("1) Saudi Arabia 2) Qatar") into their items."""
    items = [v.strip(" ,;.") for v in _NUMBERED.split(value)]
    return [v for v in items if v]


def dob(value: str) -> str | None:
    """OFSI writes unknown day/month as 00: 00/00/1980 is 1980, 00/05/1980 is 1980-05."""
    match = _DOB.match(value.strip())
    if not match:
        return tabular.iso_date(value, UK_DATES)
    day, month, year = match.groups()
    if month == "00":
        return year
    if day == "00":
        return f"{year}-{month}"
    return tabular.iso_date(value, UK_DATES)


def make_record(source: str, key: str, verbatim: list[dict[str, str]]) -> Record:
    rows = [{k: v.strip() for k, v in row.items()} for row in verbatim]
    # Primary names first so the entity's first name is the listed one, whatever the row order.
    ordered = sorted(rows, key=lambda r: not is_primary(r))
    first = ordered[0]
    kind = first.get("Group Type", "").lower()
    schema = SCHEMATA.get(kind, "LegalEntity")
    entity = model.make_entity(schema)
    entity.id = entity_id(source, key)
    related: list[EntityProxy] = []
    has_primary = any(is_primary(r) for r in rows)
    for row in ordered:
        name = full_name(row)
        prop = "name" if is_primary(row) or (not has_primary and row is first) else "alias"
        if prop == "name" or name not in entity.get("name"):
            entity.add(prop, name)
        if schema == "Person" and prop == "name":
            entity.add("firstName", row.get("Name 1") or None)
            entity.add("middleName", [row[n] for n in NAME_PARTS[1:5] if row.get(n)])
            entity.add("lastName", row.get("Name 6") or None)
        add_details(entity, row)
        tabular.note_unknown(entity, row, KNOWN)
        address = make_address(entity, row)
        if address is not None:
            related.append(address)
        passport = make_document(entity, row, "Passport Details", "Passport", "passport")
        if passport is not None:
            related.append(passport)
        national_id = make_document(entity, row, "NI Number", "Identification", "National ID")
        if national_id is not None:
            related.append(national_id)
        related.append(make_sanction(entity, row))
    entity.add("topics", "sanction")
    if kind and kind not in SCHEMATA:
        entity.add("notes", f"Group Type: {first['Group Type']}")
    labels = [f"{full_name(r)}|{r.get('Alias Type', '')}" for r in rows]
    raw = tabular.merge_raw(verbatim, labels)
    return Record(key, entity, list({r.id: r for r in related}.values()), raw)


def add(entity: EntityProxy, prop: str, value: str | None, label: str) -> None:
    """Add where the schema has the property and the value is valid; otherwise into notes."""
    if not value:
        return
    target = entity.schema.get(prop)
    if target is not None and target.type.clean(value) is not None:
        entity.add(prop, value)
    else:
        entity.add("notes", f"{label}: {value}")


def add_details(entity: EntityProxy, row: dict[str, str]) -> None:
    add(entity, "title", row.get("Title"), "Title")
    if row.get("DOB"):
        add(entity, "birthDate", dob(row["DOB"]) or row["DOB"], "DOB")
    for town in numbered(row.get("Town of Birth", "")):
        add(entity, "birthPlace", town, "Town of birth")
    for country in numbered(row.get("Country of Birth", "")):
        add(entity, "birthCountry", tabular.country_code(country) or country, "Country of birth")
    for nationality in numbered(row.get("Nationality", "")):
        add(entity, "nationality", tabular.country_code(nationality) or nationality, "Nationality")
    for position in numbered(row.get("Position", "")):
        add(entity, "position", position, "Position")
    add(entity, "notes", row.get("Other Information"), "Other information")


def make_address(entity: EntityProxy, row: dict[str, str]) -> EntityProxy | None:
    parts = [row.get(p, "") for p in (*ADDRESS_PARTS, "Post/Zip Code")]
    country = row.get("Country", "")
    if not any(parts) and not country:
        return None
    assert entity.id is not None
    full = ", ".join(p for p in [*parts, country] if p)
    address = model.make_entity("Address")
    address.id = related_id(entity.id, "address", full)
    address.add("full", full)
    address.add("postalCode", row.get("Post/Zip Code") or None)
    return tabular.attach_address(entity, address, full, country)


_DOC_NUMBER = re.compile(r"(?:no\.?|number|:)\s*([A-Z]{0,4}\s?[0-9][A-Z0-9/-]{3,})", re.I)


def make_document(
    entity: EntityProxy, row: dict[str, str], column: str, schema: str, kind: str
) -> EntityProxy | None:
    """A Passport / Identification from OFSI's free-text document columns; the text is kept
    whole in `summary`, the number is lifted out where it is written as "No ..."."""
    text = row.get(column, "")
    if not text:
        return None
    assert entity.id is not None
    doc = model.make_entity(schema)
    doc.id = related_id(entity.id, kind.lower().replace(" ", "-"), text)
    doc.add("holder", entity.id)
    doc.add("type", kind)
    doc.add("summary", text)
    match = _DOC_NUMBER.search(text)
    doc.add("number", match.group(1).strip() if match else text)
    return doc


def make_sanction(entity: EntityProxy, row: dict[str, str]) -> EntityProxy:
    assert entity.id is not None
    regime = row.get("Regime", "")
    sanction = model.make_entity("Sanction")
    sanction.id = related_id(entity.id, "sanction", regime)
    sanction.add("entity", entity.id)
    sanction.add("authority", "HM Treasury Office of Financial Sanctions Implementation")
    sanction.add("country", "gb")
    sanction.add("program", regime or None)
    listed = row.get("Listed On", "")
    sanction.add("listingDate", tabular.iso_date(listed, UK_DATES))
    sanction.add("startDate", tabular.iso_date(listed, UK_DATES))
    sanction.add("modifiedAt", tabular.iso_date(row.get("Last Updated", ""), UK_DATES))
    return sanction
