"""UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`, `dateGenerated` attribute).

`INDIVIDUALS/INDIVIDUAL` become Persons and `ENTITIES/ENTITY` Organizations; the record id is the
UN permanent reference number (`REFERENCE_NUMBER`, e.g. "QDi.154"), `DATAID` stays in `raw` and
on the Sanction (`recordId`).

The UN splits names positionally (FIRST_NAME .. FOURTH_NAME) without saying which is the family
name, so they map to firstName / secondName / middleName (third and fourth) and the full name is
their concatenation. Alias QUALITY "Good" / "a.k.a." is an alias, "Low" a weakAlias,
"f.k.a." a previousName.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from followthemoney import EntityProxy
from lxml import etree

from embargo.sources import ids
from embargo.sources.base import ParsedList, Record, SourceError
from embargo.sources.xml import (
    EntryError,
    add_country,
    add_or_note,
    child_text,
    children_text,
    collect_records,
    country_code,
    flatten,
    keep_unknown,
    make_entity,
    note,
    parse_xml,
    text,
)

FORMAT = "un_xml"
SOURCE = "un_sc_sanctions"
AUTHORITY = "United Nations Security Council"

PASSPORT_RE = re.compile(r"pass(port|eport)|pasaporte", re.IGNORECASE)


def sniff(path: Path, head: bytes) -> str | None:
    return SOURCE if b"<CONSOLIDATED_LIST" in head else None


def parse(path: Path, source: str) -> ParsedList:
    root = parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise SourceError(
            str(path), f"root element is <{root.tag}>, expected <CONSOLIDATED_LIST>", "line 1"
        )
    parsed = ParsedList(source=source, path=str(path), records=[], published=published(root))
    schemata = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
    entries = [*root.iterfind("INDIVIDUALS/INDIVIDUAL"), *root.iterfind("ENTITIES/ENTITY")]
    collect_records(
        parsed, entries, lambda el: parse_entry(el, source, schemata[el.tag]), "reference"
    )
    return parsed


def published(root: etree._Element) -> date | None:
    value = root.get("dateGenerated")
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def parse_entry(el: etree._Element, source: str, schema: str) -> Record:
    ref = child_text(el, "REFERENCE_NUMBER")
    if not ref:
        raise EntryError(
            f"{el.tag} has no REFERENCE_NUMBER (DATAID {child_text(el, 'DATAID')}); skipped"
        )
    parts = [child_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    name = " ".join(p for p in parts if p)
    if not name:
        raise EntryError(f"{el.tag} {ref} has no name; skipped")
    entity = make_entity(schema, ids.entity_id(source, ref))
    entity.add("topics", "sanction")
    entity.add("name", name)
    if schema == "Person":
        entity.add("firstName", parts[0])
        entity.add("secondName", parts[1])
        entity.add("middleName", parts[2:])
    entity.add("alias", child_text(el, "NAME_ORIGINAL_SCRIPT"))
    add_or_note(entity, "notes", child_text(el, "COMMENTS1"), "Comments")
    for value in children_text(el, "TITLE/VALUE"):
        add_or_note(entity, "title", value, "Title")
    for value in children_text(el, "DESIGNATION/VALUE"):
        add_or_note(entity, "position", value, "Designation")
    for value in children_text(el, "NATIONALITY/VALUE"):
        add_country(entity, "nationality", value, "Nationality")
    add_or_note(entity, "gender", child_text(el, "GENDER"), "Gender")
    for value in children_text(el, "LAST_DAY_UPDATED/VALUE"):
        add_or_note(entity, "modifiedAt", value, "Last updated")

    related = [sanction(el, entity.id or "", ref)]
    for alias in el.iterfind("INDIVIDUAL_ALIAS"):
        apply_alias(entity, alias)
    for alias in el.iterfind("ENTITY_ALIAS"):
        apply_alias(entity, alias)
    for dob in el.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        apply_birth_date(entity, dob)
    for pob in el.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        apply_birth_place(entity, pob)
    for i, addr in enumerate(
        [*el.iterfind("INDIVIDUAL_ADDRESS"), *el.iterfind("ENTITY_ADDRESS")], start=1
    ):
        address = apply_address(entity, addr, i)
        if address is not None:
            add_related(related, address)
    for doc in el.iterfind("INDIVIDUAL_DOCUMENT"):
        document = apply_document(entity, doc)
        if document is not None:
            add_related(related, document)
    keep_unknown(entity, el, ENTRY_TAGS)
    return Record(ref, entity, related, flatten(el))


# Every INDIVIDUAL / ENTITY child this parser reads or deliberately leaves to `raw` (list
# bookkeeping: DATAID, VERSIONNUM, SORT_KEY ...); anything else is kept in notes.
ENTRY_TAGS = frozenset(
    {
        "DATAID", "VERSIONNUM", "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME",
        "UN_LIST_TYPE", "REFERENCE_NUMBER", "LISTED_ON", "NAME_ORIGINAL_SCRIPT", "COMMENTS1",
        "TITLE", "DESIGNATION", "NATIONALITY", "LIST_TYPE", "LAST_DAY_UPDATED", "GENDER",
        "INDIVIDUAL_ALIAS", "ENTITY_ALIAS", "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS",
        "INDIVIDUAL_DATE_OF_BIRTH", "INDIVIDUAL_PLACE_OF_BIRTH", "INDIVIDUAL_DOCUMENT",
        "SORT_KEY", "SORT_KEY_LAST_MOD",
    }
)  # fmt: skip


def add_related(related: list[EntityProxy], entity: EntityProxy) -> None:
    """Append, merging a repeat (the UN lists some addresses twice with different notes)."""
    for existing in related:
        if existing.id == entity.id:
            existing.merge(entity)
            return
    related.append(entity)


def sanction(el: etree._Element, entity_id: str, ref: str) -> EntityProxy:
    s = make_entity("Sanction", ids.related_id(entity_id, "sanction"))
    s.add("entity", entity_id)
    s.add("authority", AUTHORITY)
    s.add("program", child_text(el, "UN_LIST_TYPE"))
    s.add("unscId", ref)
    s.add("recordId", child_text(el, "DATAID"))
    listed = child_text(el, "LISTED_ON")
    add_or_note(s, "listingDate", listed, "Listed on")
    add_or_note(s, "startDate", listed, "Listed on")
    for value in children_text(el, "LIST_TYPE/VALUE"):
        s.add("description", value)
    return s


def apply_alias(entity: EntityProxy, alias: etree._Element) -> None:
    name = child_text(alias, "ALIAS_NAME")
    quality = (child_text(alias, "QUALITY") or "").lower()
    if name:
        if quality.startswith("f.k.a"):
            prop = "previousName"
        elif quality == "low":
            prop = "weakAlias"
        else:
            prop = "alias"
        add_or_note(entity, prop, name, "Alias")
        alias_note = child_text(alias, "NOTE")
        if alias_note:
            note(entity, f"alias {name}: {alias_note}")
    # Some aliases carry the birth facts used under that name.
    for iso in birth_dates(child_text(alias, "DATE_OF_BIRTH")):
        add_or_note(entity, "birthDate", iso, "Date of birth (alias)")
    if child_text(alias, "DATE_OF_BIRTH") and not birth_dates(child_text(alias, "DATE_OF_BIRTH")):
        note(entity, f"Date of birth ({name}): {child_text(alias, 'DATE_OF_BIRTH')}")
    city = child_text(alias, "CITY_OF_BIRTH")
    country = child_text(alias, "COUNTRY_OF_BIRTH")
    place = ", ".join(p for p in (city, country) if p)
    add_or_note(entity, "birthPlace", place or None, "Place of birth (alias)")
    add_country(entity, "birthCountry", country, "Country of birth (alias)")


def birth_dates(value: str | None) -> list[str]:
    """ISO prefixes from a UN date ("1936-07-01", "1936-07-01T00:00:00", "1962")."""
    if not value:
        return []
    value = value.strip()[:10]
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return [value]
    return []


def apply_birth_date(entity: EntityProxy, dob: etree._Element) -> None:
    kind = (child_text(dob, "TYPE_OF_DATE") or "").upper()
    values: list[str] = []
    values += birth_dates(child_text(dob, "DATE"))
    values += birth_dates(child_text(dob, "YEAR"))
    start, end = child_text(dob, "FROM_YEAR"), child_text(dob, "TO_YEAR")
    if start and end and start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= 30:
        values += [str(y) for y in range(int(start), int(end) + 1)]
    elif start or end:
        values += birth_dates(start) + birth_dates(end)
    for iso in values:
        add_or_note(entity, "birthDate", iso, "Date of birth")
    extra = child_text(dob, "NOTE")
    if extra:
        note(entity, f"Date of birth: {extra}")
    if kind == "APPROXIMATELY" and values:
        note(entity, f"Date of birth approximately {', '.join(values)}")
    if not values and not extra and len(dob):
        loose = "; ".join(f"{c.tag}={text(c)}" for c in dob if text(c))
        if loose and loose != f"TYPE_OF_DATE={child_text(dob, 'TYPE_OF_DATE')}":
            note(entity, f"Date of birth: {loose}")


def apply_birth_place(entity: EntityProxy, pob: etree._Element) -> None:
    parts = [child_text(pob, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
    place = ", ".join(p for p in parts if p)
    add_or_note(entity, "birthPlace", place or None, "Place of birth")
    add_country(entity, "birthCountry", child_text(pob, "COUNTRY"), "Country of birth")
    extra = child_text(pob, "NOTE")
    if extra:
        note(entity, f"Place of birth: {extra}")


def apply_address(entity: EntityProxy, addr: etree._Element, index: int) -> EntityProxy | None:
    street = child_text(addr, "STREET")
    city = child_text(addr, "CITY")
    state = child_text(addr, "STATE_PROVINCE")
    postal = child_text(addr, "ZIP_CODE")
    country = child_text(addr, "COUNTRY")
    remark = child_text(addr, "NOTE")
    code = country_code(country)
    if code:
        entity.add("country", code)
    elif country:
        note(entity, f"Address country: {country}")
    if not any((street, city, state, postal)):
        if remark:
            note(entity, f"Address ({country or 'unknown country'}): {remark}")
        return None
    full = ", ".join(p for p in (street, city, state, postal, country) if p)
    address = make_entity(
        "Address", ids.related_id(entity.id, "address", street, city, state, postal, country)
    )
    address.add("full", full)
    address.add("street", street)
    address.add("city", city)
    address.add("state", state)
    address.add("postalCode", postal)
    address.add("country", code)
    address.add("remarks", remark)
    entity.add("addressEntity", address.id)
    entity.add("address", full)
    return address


def apply_document(entity: EntityProxy, doc: etree._Element) -> EntityProxy | None:
    kind = " / ".join(
        children_text(doc, "TYPE_OF_DOCUMENT") + children_text(doc, "TYPE_OF_DOCUMENT2")
    )
    number = child_text(doc, "NUMBER")
    country = child_text(doc, "ISSUING_COUNTRY") or child_text(doc, "COUNTRY_OF_ISSUE")
    remark = child_text(doc, "NOTE")
    if not number:
        loose = "; ".join(f"{c.tag}={text(c)}" for c in doc if text(c))
        if loose:
            note(entity, f"Document: {loose}")
        return None
    passport = bool(PASSPORT_RE.search(kind))
    schema = "Passport" if passport else "Identification"
    document = make_entity(schema, ids.related_id(entity.id, "id", kind, number, country))
    document.add("holder", entity.id)
    document.add("number", number)
    document.add("type", kind or None)
    code = country_code(country)
    document.add("country", code)
    if country and not code:
        document.add("description", f"country: {country}")
    for other in (child_text(doc, "COUNTRY_OF_ISSUE"),):
        if other and other != country:
            document.add("description", f"country of issue: {other}")
    issued = child_text(doc, "DATE_OF_ISSUE")
    for iso in birth_dates(issued):
        document.add("startDate", iso)
    if issued and not birth_dates(issued):
        document.add("description", f"issued: {issued}")
    city = child_text(doc, "CITY_OF_ISSUE")
    if city:
        document.add("description", f"issued in {city}")
    document.add("description", remark)
    add_or_note(entity, "passportNumber" if passport else "idNumber", number, kind or "Document")
    return document
