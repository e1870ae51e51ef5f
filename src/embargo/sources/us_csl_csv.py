"""trade.gov Consolidated Screening List CSV (`consolidated.csv`): 13 US export / sanctions lists
in one file, one row per (party, sub-list).

`source_id` is the `_id` column: the OFAC entity number for Treasury rows, a content hash
assigned by trade.gov for the others. An OFAC party on several Treasury lists (SDN and SSI,
SDN and CAPTA ...) has one row per list under the same `_id`; those rows become one record
with one Sanction per sub-list.

The `ids` column is "; "-separated entries of comma-separated parts. Older files write each
entry with its type last ("CA, BC166787, Passport"), newer ones with the type first
("Passport, AD00060, ZW"); the order is decided once per file from the entries' shape.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from followthemoney import EntityProxy, model

from embargo.sources import tabular
from embargo.sources.base import ParsedList, Problem, Record, SourceError
from embargo.sources.ids import entity_id, related_id

FORMAT = "us_csl_csv"
SOURCE = "us_trade_csl"
REQUIRED = ("_id", "source", "name", "type")
SCHEMATA = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    "": "LegalEntity",  # BIS / State lists do not say what the party is
}
KNOWN = {
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
    "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
}  # fmt: skip
# ids entry types that are attributes of the party, not identity documents.
ATTRIBUTES = {
    "gender": "gender",
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "telephone": "phone",
    "swift/bic": "swiftBic",
    "organization established date": "incorporationDate",
    "vessel registration identification": "imoNumber",
    "mmsi": "mmsi",
    "former vessel flag": "pastFlags",
    "aircraft model": "model",
    "aircraft manufacturer's serial number (msn)": "serialNumber",
    "aircraft manufacture date": "buildDate",
    "isin": "isinCode",
    "equity ticker": "ticker",
    "nationality of registration": "jurisdiction",
    "organization type": "legalForm",
    "aircraft tail number": "registrationNumber",
    "aircraft operator": "notes",  # a name, not an entity in this file
    "issuer name": "notes",
}
# ids entry types that qualify the sanction rather than describe the party.
_SANCTION_INFO = re.compile(
    r"sanction|directive|listing date|effective date|divestment|executive order|"
    r"transactions prohibited|target type|caatsa",
    re.I,
)
_DATE = re.compile(r"^(\d{4}(-\d{2}-\d{2})?|\d{1,2} [A-Z][a-z]{2} \d{4})$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_YEAR_RANGE = re.compile(r"^(\d{4}) to (\d{4})$")


def sniff(path: Path, head: bytes) -> str | None:
    line = tabular.first_line(head)
    cells = [c.strip('"') for c in line.split(",")]
    return SOURCE if cells[:3] == ["_id", "source", "entity_number"] else None


def parse(path: Path, source: str = SOURCE) -> ParsedList:
    text = tabular.read_text(path)
    rows = tabular.iter_rows(path, text)
    header = next(rows, None)
    if header is None:
        raise SourceError(str(path), "empty file")
    columns = [c.strip() for c in header.cells]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise SourceError(
            str(path), f"not a Consolidated Screening List CSV: no {', '.join(missing)}", "line 1"
        )
    problems: list[Problem] = []
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        where = f"line {row.line}"
        if len(row.cells) != len(columns):
            problems.append(
                Problem(str(path), where, f"{len(row.cells)} fields, expected {len(columns)}")
            )
            continue
        if [c.strip() for c in row.cells] == columns:
            problems.append(Problem(str(path), where, "repeated header row"))
            continue
        fields = dict(zip(columns, row.cells, strict=True))
        if not fields["_id"].strip() or not fields["name"].strip():
            problems.append(Problem(str(path), where, "row without _id or name"))
            continue
        groups[fields["_id"].strip()].append(fields)

    type_first = ids_type_first(f["ids"] for g in groups.values() for f in g if f.get("ids"))
    records = [make_record(source, key, group, type_first) for key, group in groups.items()]
    return ParsedList(source, str(path), records, None, problems, FORMAT)


def ids_type_first(values: Iterable[str]) -> bool:
    """Whether this file writes ids entries type first ("Gender, Male") or last ("Male, Gender")."""
    score = 0
    for value in values:
        for entry in split_list(value):
            parts = [p.strip() for p in entry.split(", ")]
            if len(parts) < 2:
                continue
            score += _type_like(parts[0]) - _type_like(parts[-1])
    return score >= 0


def _type_like(part: str) -> int:
    if part.endswith((":", " -")) or part.lower() in ("gender", "passport", "website"):
        return 1
    if _COUNTRY.match(part) or _DATE.match(part) or part in ("Male", "Female"):
        return -1
    return 0


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def make_record(source: str, key: str, rows: list[dict[str, str]], type_first: bool) -> Record:
    first = rows[0]
    schema = SCHEMATA.get(first.get("type", "").strip().lower(), "LegalEntity")
    entity = model.make_entity(schema)
    entity.id = entity_id(source, key)
    related: list[EntityProxy] = []
    for row in rows:
        entity.add("name", row["name"].strip())
        for alias in split_list(row.get("alt_names", "")):
            entity.add("alias", alias)
        title = row.get("title", "").strip()
        if title:
            entity.add("position" if schema == "Person" else "notes", title, quiet=True)
        entity.add("notes", row.get("remarks", "").strip() or None)
        add_countries(entity, "citizenship", row.get("citizenships", ""))
        add_countries(entity, "nationality", row.get("nationalities", ""))
        for dob in split_list(row.get("dates_of_birth", "")):
            for value in birth_dates(dob):
                add_or_note(entity, "birthDate", value, "Date of birth")
        for pob in split_list(row.get("places_of_birth", "")):
            add_or_note(entity, "birthPlace", pob, "Place of birth")
        add_vessel(entity, row)
        tabular.note_unknown(entity, row, KNOWN)
        for address in split_list(row.get("addresses", "")):
            related.append(make_address(entity, address))
        related.append(make_sanction(entity, row))
    if entity.has("name"):
        entity.add("topics", "sanction")
    for row in rows:
        for entry in split_list(row.get("ids", "")):
            ident = add_id_entry(entity, related, entry, type_first)
            if ident is not None and all(r.id != ident.id for r in related):
                related.append(ident)
    unique = list({r.id: r for r in related}.values())
    raw = tabular.merge_raw(rows, [r["source"] for r in rows])
    return Record(key, entity, unique, raw)


def birth_dates(value: str) -> list[str]:
    """ISO dates of one dates_of_birth item; OFAC's "1969 to 1971" is each year of the range."""
    match = _YEAR_RANGE.match(value)
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        if 0 <= end - start <= 10:
            return [str(year) for year in range(start, end + 1)]
    return [tabular.iso_date(value) or value]


def add_or_note(entity: EntityProxy, prop: str, value: str, label: str) -> None:
    """Add a value where the schema has the property and it is valid there; otherwise keep it,
    readable, in notes (nothing the publisher wrote is dropped)."""
    target = entity.schema.get(prop)
    if target is not None and target.type.clean(value) is not None:
        entity.add(prop, value)
    else:
        entity.add("notes", f"{label}: {value}")


def add_countries(entity: EntityProxy, prop: str, value: str) -> None:
    for item in split_list(value):
        add_or_note(entity, prop, tabular.country_code(item) or item, prop.capitalize())


def add_vessel(entity: EntityProxy, row: dict[str, str]) -> None:
    mapping = {
        "call_sign": ("callSign", "Call sign"),
        "vessel_type": ("type", "Vessel type"),
        "gross_tonnage": ("tonnage", "Gross tonnage"),
        "gross_registered_tonnage": ("grossRegisteredTonnage", "Gross registered tonnage"),
        "vessel_flag": ("flag", "Vessel flag"),
        "vessel_owner": ("", "Vessel owner"),  # a name, not an entity in this file
    }
    for column, (prop, label) in mapping.items():
        value = row.get(column, "").strip()
        if not value:
            continue
        if prop == "flag":
            value = tabular.country_code(value) or value
        if prop and entity.schema.get(prop) is not None:
            entity.add(prop, value)
        else:
            entity.add("notes", f"{label}: {value}")


def make_address(entity: EntityProxy, full: str) -> EntityProxy:
    assert entity.id is not None
    address = model.make_entity("Address")
    address.id = related_id(entity.id, "address", full)
    address.add("full", full)
    last = full.rsplit(",", 1)[-1].strip()
    code = tabular.country_code(last) if _COUNTRY.match(last) else None
    address.add("country", code)
    entity.add("addressEntity", address.id)
    entity.add("address", full)
    entity.add("country", code)
    return address


def make_sanction(entity: EntityProxy, row: dict[str, str]) -> EntityProxy:
    assert entity.id is not None
    sub_list = row["source"].strip()
    sanction = model.make_entity("Sanction")
    sanction.id = related_id(entity.id, "sanction", sub_list)
    sanction.add("entity", entity.id)
    sanction.add("authority", sub_list)
    sanction.add("country", "us")
    sanction.add("program", split_list(row.get("programs", "")))
    sanction.add("startDate", tabular.iso_date(row.get("start_date", "")))
    sanction.add("endDate", tabular.iso_date(row.get("end_date", "")))
    sanction.add("reason", row.get("federal_register_notice", "").strip() or None)
    for column in ("source_list_url", "source_information_url"):
        url = tabular.clean_url(row.get(column, ""))
        if url:
            sanction.add("sourceUrl", url, cleaned=True)
        elif row.get(column, "").strip():
            sanction.add("summary", f"{column}: {row[column].strip()}")
    for column, label in (
        ("standard_order", "Standard order"),
        ("license_requirement", "License requirement"),
        ("license_policy", "License policy"),
    ):
        value = row.get(column, "").strip()
        if value:
            sanction.add("provisions", f"{label}: {value}")
    return sanction


def split_id_entry(entry: str, type_first: bool) -> tuple[str, str, str | None, list[str]]:
    """(type, number, country code, ISO dates) of one ids entry."""
    parts = [p.strip() for p in entry.split(", ")]
    if len(parts) == 1:
        return parts[0], "", None, []
    kind = parts.pop(0) if type_first else parts.pop()
    country: str | None = None
    dates: list[str] = []
    rest: list[str] = []
    for part in parts:
        if country is None and _COUNTRY.match(part) and tabular.country_code(part):
            country = tabular.country_code(part)
        elif _DATE.match(part) and len(parts) > 1:
            dates.append(tabular.iso_date(part) or part)
        else:
            rest.append(part)
    if not rest and dates:  # the value itself is a date ("Listing Date ..., 2022-02-24")
        rest, dates = dates, []
    return kind, ", ".join(rest), country, sorted(dates)


def add_id_entry(
    entity: EntityProxy, related: list[EntityProxy], entry: str, type_first: bool
) -> EntityProxy | None:
    """File one ids entry: an attribute of the party, sanction detail, or an Identification."""
    kind, number, country, dates = split_id_entry(entry, type_first)
    label = kind.rstrip(" :-")
    prop = ATTRIBUTES.get(label.lower())
    if prop is not None and number:
        if prop in ("jurisdiction", "pastFlags"):
            number = tabular.country_code(number) or number
        elif prop.endswith("Date"):
            number = tabular.iso_date(number) or number
        if prop == "notes":
            entity.add("notes", f"{label}: {number}")
        else:
            add_or_note(entity, prop, number, label)
        return None
    if _SANCTION_INFO.search(label) or not number:
        text = f"{label}: {number}" if number else label
        for sanction in related:
            if sanction.schema.name == "Sanction":
                sanction.add("provisions", text)
        return None
    assert entity.id is not None
    schema = "Passport" if "passport" in label.lower() else "Identification"
    ident = model.make_entity(schema)
    ident.id = related_id(entity.id, "id", label, number, country)
    ident.add("holder", entity.id)
    ident.add("type", label)
    ident.add("number", number)
    ident.add("country", country)
    if dates:
        ident.add("startDate", dates[0])
    if len(dates) > 1:
        ident.add("endDate", dates[-1])
    return ident
