"""OFAC Sanctions List Service "Enhanced XML" (`sanctionsData`, SDN_ENHANCED / CONS_ENHANCED).

One `entity` per listed party, with names (and their translations in other scripts), addresses,
`features` (birth date, nationality, place of birth, website, directives ...), identity
documents, the lists / programs / legal authorities it is on, and typed relationships to other
entities. The file carries its own reference tables (`referenceValues`: countries with ISO codes,
name-part types, relationship types ...) which this parser reads rather than hard-codes.

Source: `us_ofac_cons` when the export is filtered to the Consolidated List only or its file name
says CONS; every other export (full SDN_ENHANCED, programme-filtered exports such as IRGC or
YEMEN, which mix the SDN and other lists) is `us_ofac_sdn`. `read_list(source=...)` overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from embargo.sources import ids
from embargo.sources.base import ParsedList, Record, SourceError
from embargo.sources.ofac_xml import (
    SCHEMATA,
    Builder,
    add_address,
    apply_identifier,
    new_builder,
)
from embargo.sources.xml import (
    EntryError,
    add_or_note,
    child_text,
    collect_records,
    country_code,
    flatten,
    keep_unknown,
    make_entity,
    note,
    parse_xml,
    text,
)

FORMAT = "ofac_enhanced_xml"

# Name part type (lower-case) -> Person property.
NAME_PARTS = {
    "first name": "firstName",
    "middle name": "middleName",
    "last name": "lastName",
    "patronymic": "fatherName",
    "matronymic": "motherName",
}
# Order for composing a person's full name from its parts.
NAME_ORDER = ("first name", "middle name", "patronymic", "matronymic", "last name")

ADDRESS_PARTS = {
    "address1": "street",
    "address2": "street2",
    "address3": "street2",
    "city": "city",
    "state/province": "state",
    "postal code": "postalCode",
    "region": "region",
}

CONSOLIDATED = "Consolidated List"


@dataclass(frozen=True)
class RefValue:
    type: str
    value: str
    iso: str | None


def sniff(path: Path, head: bytes) -> str | None:
    if b"<sanctionsData" not in head:
        return None
    return detect_source(path, head)


def detect_source(path: Path, head: bytes) -> str:
    if "cons" in path.name.lower():
        return "us_ofac_cons"
    filters = re.search(rb"<filters>(.*?)</filters>", head, re.S)
    if filters:
        lists = re.findall(rb"<sanctionsList[^>]*>([^<]*)</sanctionsList>", filters.group(1))
        if lists == [CONSOLIDATED.encode()]:
            return "us_ofac_cons"
    return "us_ofac_sdn"


def parse(path: Path, source: str) -> ParsedList:
    root = parse_xml(path)
    if root.tag != "sanctionsData":
        raise SourceError(
            str(path), f"root element is <{root.tag}>, expected <sanctionsData>", "line 1"
        )
    refs = reference_values(root)
    parsed = ParsedList(source=source, path=str(path), records=[], published=published(root))
    collect_records(
        parsed,
        root.iterfind("entities/entity"),
        lambda el: parse_entity(el, source, refs),
        "entity id",
    )
    return parsed


def published(root: etree._Element) -> date | None:
    value = child_text(root, "publicationInfo/dataAsOf")
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def reference_values(root: etree._Element) -> dict[str, RefValue]:
    refs: dict[str, RefValue] = {}
    for el in root.iterfind("referenceValues/referenceValue"):
        ref_id = el.get("refId")
        if ref_id:
            refs[ref_id] = RefValue(
                child_text(el, "type") or "",
                child_text(el, "value") or "",
                child_text(el, "isoCode"),
            )
    return refs


def ref_country(el: etree._Element | None, refs: dict[str, RefValue]) -> str | None:
    """ISO code of a country element (`refId` into the COUNTRY table), else from its text."""
    if el is None:
        return None
    ref = refs.get(el.get("refId") or "")
    if ref is not None and ref.type == "COUNTRY" and ref.iso and len(ref.iso) == 2:
        return ref.iso.lower()
    return country_code(text(el))


def parse_entity(el: etree._Element, source: str, refs: dict[str, RefValue]) -> Record:
    entity_id = el.get("id")
    if not entity_id:
        raise EntryError("entity has no id attribute; skipped")
    kind = child_text(el, "generalInfo/entityType") or ""
    schema = SCHEMATA.get(kind.lower(), "LegalEntity")
    b = new_builder(source, entity_id, schema)
    if kind.lower() not in SCHEMATA:
        note(b.entity, f"entityType: {kind}")
    apply_names(b, el)
    if not b.entity.get("name"):
        raise EntryError(f"entity {entity_id} has no primary name; skipped")
    add_or_note(b.entity, "notes", child_text(el, "generalInfo/remarks"), "Remarks")
    apply_sanction(b, el)
    for addr in el.iterfind("addresses/address"):
        apply_address(b, addr, refs)
    for feature in el.iterfind("features/feature"):
        apply_feature(b, feature, refs)
    for doc in el.iterfind("identityDocuments/identityDocument"):
        apply_document(b, doc, refs)
    for rel in el.iterfind("relationships/relationship"):
        apply_relationship(b, rel, source)
    keep_unknown(b.entity, el, ENTITY_TAGS)
    return b.record(entity_id, flatten(el))


# Every entity child this parser reads; anything else is kept in notes.
ENTITY_TAGS = frozenset(
    {
        "generalInfo", "sanctionsLists", "sanctionsPrograms", "sanctionsTypes",
        "legalAuthorities", "names", "addresses", "features", "identityDocuments",
        "relationships",
    }
)  # fmt: skip


def translation_name(tr: etree._Element, person: bool) -> tuple[str | None, dict[str, list[str]]]:
    """The full name of one name translation and its parts by type."""
    parts: dict[str, list[str]] = {}
    for part in tr.iterfind("nameParts/namePart"):
        kind = (child_text(part, "type") or "").lower()
        value = child_text(part, "value")
        if value:
            parts.setdefault(kind, []).append(value)
    if person and any(k in parts for k in NAME_ORDER):
        # formattedFullName is "LAST, First"; compose natural order from the parts.
        full = " ".join(v for k in NAME_ORDER for v in parts.get(k, []))
        return full or child_text(tr, "formattedFullName"), parts
    return child_text(tr, "formattedFullName") or " ".join(sum(parts.values(), [])) or None, parts


def apply_names(b: Builder, el: etree._Element) -> None:
    person = b.entity.schema.name == "Person"
    for name in el.iterfind("names/name"):
        primary = child_text(name, "isPrimary") == "true"
        low = child_text(name, "isLowQuality") == "true"
        alias_type = (child_text(name, "aliasType") or "").upper()
        if alias_type.startswith("F.K.A"):
            prop = "previousName"
        elif low:
            prop = "weakAlias"
        else:
            prop = "alias"
        for tr in name.iterfind("translations/translation"):
            full, parts = translation_name(tr, person)
            if not full:
                continue
            if primary and child_text(tr, "isPrimary") == "true":
                b.entity.add("name", full)
                if person:
                    for kind, values in parts.items():
                        if kind in NAME_PARTS:
                            b.entity.add(NAME_PARTS[kind], values)
                        elif kind == "nickname":
                            b.entity.add("weakAlias", values)
                        elif kind == "maiden name":
                            b.entity.add("previousName", values)
            elif primary:
                b.entity.add("alias", full)  # the primary name in another script
            else:
                add_or_note(b.entity, prop, full, alias_type or "alias")


def apply_sanction(b: Builder, el: etree._Element) -> None:
    """The record's Sanction: programs, legal authorities, lists and when it was listed on them."""
    s = b.sanction
    s.add("recordId", el.get("id"))
    for prog in el.iterfind("sanctionsPrograms/sanctionsProgram"):
        s.add("program", text(prog))
    for auth in el.iterfind("legalAuthorities/legalAuthority"):
        s.add("reason", text(auth))
    for kind in el.iterfind("sanctionsTypes/sanctionsType"):
        s.add("provisions", text(kind))
    dates: list[str] = []
    for lst in el.iterfind("sanctionsLists/sanctionsList"):
        name = text(lst)
        published_on = lst.get("datePublished")
        s.add("description", f"{name} (since {published_on})" if published_on else name)
        if published_on:
            dates.append(published_on)
    if dates:
        s.add("listingDate", min(dates))
        s.add("startDate", min(dates))


def apply_address(b: Builder, addr: etree._Element, refs: dict[str, RefValue]) -> None:
    country_el = addr.find("country")
    country = text(country_el)
    code = ref_country(country_el, refs)
    for tr in addr.iterfind("translations/translation"):
        parts: dict[str, str | None] = {}
        for part in tr.iterfind("addressParts/addressPart"):
            prop = ADDRESS_PARTS.get((child_text(part, "type") or "").lower())
            value = child_text(part, "value")
            if not value:
                continue
            if prop is None:
                note(b.entity, f"address {child_text(part, 'type')}: {value}")
                continue
            parts[prop] = f"{parts[prop]}, {value}" if parts.get(prop) else value
        # The reference table's ISO code beats guessing from the country name.
        parts["country"] = country
        parts["countryCode"] = code
        add_address(b, parts, f"{addr.get('id')}-{tr.get('id')}")
    if not addr.findall("translations/translation") and (country or code):
        add_address(b, {"country": country, "countryCode": code}, addr.get("id") or "")


def apply_feature(b: Builder, feature: etree._Element, refs: dict[str, RefValue]) -> None:
    kind = child_text(feature, "type") or "feature"
    value = child_text(feature, "value")
    key = kind.lower()
    comment = child_text(feature, "comments")
    if comment:
        note(b.entity, f"{kind} ({value}): {comment}")
    valuedate = feature.find("valueDate")
    if valuedate is not None and key in (
        "birthdate",
        "organization established date",
        "aircraft manufacture date",
    ):
        prop = {"birthdate": "birthDate", "organization established date": "incorporationDate"}.get(
            key, "buildDate"
        )
        spans = date_span(valuedate)
        for iso in spans:
            add_or_note(b.entity, prop, iso, kind)
        if child_text(valuedate, "isApproximate") == "true":
            note(b.entity, f"{kind}: {value} (approximate)")
        if not spans:
            apply_identifier(b, kind, value)
        return
    if key in (
        "nationality country",
        "citizenship country",
        "nationality of registration",
        "vessel flag",
        "other vessel flag",
        "former vessel flag",
    ):
        ref = refs.get(child_text(feature, "valueRefId") or "")
        if ref is not None and ref.iso and len(ref.iso) == 2:
            value = ref.iso
    apply_identifier(b, kind, value)


def date_span(valuedate: etree._Element) -> list[str]:
    """ISO prefixes for an Enhanced `valueDate`: a day, a month, a year, or each year of a range."""
    begin = child_text(valuedate, "fromDateBegin")
    end = child_text(valuedate, "toDateEnd") or child_text(valuedate, "toDateBegin") or begin
    if not begin or not end:
        return []
    begin, end = begin[:10], end[:10]
    if begin == end:
        return [begin]
    if begin[:4] == end[:4]:
        if begin[5:] == "01-01" and end[5:] == "12-31":
            return [begin[:4]]
        if begin[:7] == end[:7] and begin[8:] == "01":
            return [begin[:7]]
        return [begin, end]
    first, last = int(begin[:4]), int(end[:4])
    if begin[5:] == "01-01" and end[5:] == "12-31" and last - first <= 30:
        return [str(y) for y in range(first, last + 1)]
    return [begin, end]


def apply_document(b: Builder, doc: etree._Element, refs: dict[str, RefValue]) -> None:
    kind = child_text(doc, "type") or "Identification"
    number = child_text(doc, "documentNumber")
    if not number:
        return
    country_el = doc.find("issuingCountry")
    country = ref_country(country_el, refs)
    extra = []
    for tag in ("issuingAuthority", "issuingLocation"):
        if child_text(doc, tag):
            extra.append(f"{tag}: {child_text(doc, tag)}")
    if child_text(doc, "isValid") == "false":
        extra.append("not valid")
    issued = child_text(doc, "issueDate")
    expires = child_text(doc, "expirationDate")
    apply_identifier(
        b, kind, number, country or text(country_el), issued, expires, "; ".join(extra) or None
    )


def apply_relationship(b: Builder, rel: etree._Element, source: str) -> None:
    """A typed link to another OFAC entity; its far end is that entity's record id."""
    other_el = rel.find("relatedEntity")
    other_id = other_el.get("entityId") if other_el is not None else None
    if not other_id:
        note(b.entity, f"relationship {rel.get('id')} without related entity")
        return
    other = ids.entity_id(source, other_id)
    kind = child_text(rel, "type") or "related"
    key = kind.lower()
    person = b.entity.schema.name == "Person"
    link_id = ids.related_id(b.id, "rel", rel.get("id") or other_id)
    if key == "owned or controlled by":
        link = make_entity("Ownership", link_id)
        link.add("owner", other)
        link.add("asset", b.id)
        link.add("role", kind)
    elif key == "owns, controls, or operates":
        link = make_entity("Ownership", link_id)
        link.add("owner", b.id)
        link.add("asset", other)
        link.add("role", kind)
    elif key == "family member of" and person:
        link = make_entity("Family", link_id)
        link.add("person", b.id)
        link.add("relative", other)
        link.add("relationship", kind)
    elif key == "associate of" and person:
        link = make_entity("Associate", link_id)
        link.add("person", b.id)
        link.add("associate", other)
        link.add("relationship", kind)
    else:
        link = make_entity("UnknownLink", link_id)
        link.add("subject", b.id)
        link.add("object", other)
        link.add("role", kind)
    link.add("namesMentioned", text(other_el))
    quality = child_text(rel, "quality")
    if quality:
        link.add("description", f"quality: {quality}")
    link.add("recordId", rel.get("id"))
    b.add_related(link)
