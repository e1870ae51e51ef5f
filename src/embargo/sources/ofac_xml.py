"""OFAC classic XML (`sdnList`): the SDN list `sdn.xml` and the consolidated (non-SDN) list.

Both files share one schema: `publshInformation/Publish_Date` (MM/DD/YYYY) and one `sdnEntry`
per listed party (uid, names, sdnType, programList, akaList, addressList, idList,
dateOfBirthList, placeOfBirthList, nationalityList, citizenshipList, vesselInfo, remarks).

Which list a file is cannot be read from its content (the consolidated file is an `sdnList`
too), so `sniff` decides by file name: a name containing "cons" (consolidated.xml,
CONS_PRIM...) is `us_ofac_cons`, anything else `us_ofac_sdn`; `read_list(source=...)` overrides.

The OFAC "idList" mixes identity documents with registry codes, contact details, vessel and
aircraft facts and sanction provisions; `apply_identifier` sorts them, and the Enhanced XML
parser reuses it for its `features` and `identityDocuments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
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

FORMAT = "ofac_xml"

AUTHORITY = "US Treasury Office of Foreign Assets Control (OFAC)"

SCHEMATA = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}

# idList / feature types that are plain FtM properties of the listed party.
IDENTIFIER_PROPS: dict[str, str] = {
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "swift/bic": "swiftBic",
    "tax id no.": "taxNumber",
    "v.a.t. number": "vatCode",
    "legal entity number": "leiCode",
    "government gazette number": "okpoCode",  # OFAC's label for the Russian OKPO code
    "unified social credit code (uscc)": "uscCode",
    "registration id": "registrationNumber",
    "registration number": "registrationNumber",
    "business registration number": "registrationNumber",
    "business registration document #": "registrationNumber",
    "public registration number": "registrationNumber",
    "company number": "registrationNumber",
    "commercial registry number": "registrationNumber",
    "c.r. no.": "registrationNumber",
    "gender": "gender",
    "target type": "classification",
    "organization type:": "sector",
    "title": "position",
    # vessels
    "vessel call sign": "callSign",
    "other vessel call sign": "callSign",
    "vessel type": "type",
    "other vessel type": "pastTypes",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "grossRegisteredTonnage",
    "mmsi": "mmsi",
    # aircraft
    "aircraft model": "model",
    "aircraft manufacturer's serial number (msn)": "serialNumber",
    "aircraft construction number (also called l/n or s/n or f/n)": "serialNumber",
    "aircraft mode s transponder code": "icaoCode",
    "aircraft tail number": "registrationNumber",
}

COUNTRY_PROPS: dict[str, str] = {
    "nationality country": "nationality",
    "citizenship country": "citizenship",
    "nationality of registration": "jurisdiction",
    "vessel flag": "flag",
    "other vessel flag": "pastFlags",
    "former vessel flag": "pastFlags",
}

DATE_PROPS: dict[str, str] = {
    "birthdate": "birthDate",
    "organization established date": "incorporationDate",
    "aircraft manufacture date": "buildDate",
    "vessel year of build": "buildDate",
}

# Types that describe the sanction rather than the party: they go to Sanction.provisions.
PROVISION_RE = re.compile(
    r"directive|executive order|secondary sanctions|additional sanctions|caatsa|ifca|peesa|"
    r"transactions prohibited|listing date|effective date|divestment|eo \d+",
    re.IGNORECASE,
)

PASSPORT_RE = re.compile(r"pass(port|eport)|pasaporte", re.IGNORECASE)

_DATE_FORMATS = (("%d %b %Y", 10), ("%b %Y", 7), ("%Y", 4), ("%Y-%m-%d", 10), ("%d %B %Y", 10))


def ofac_dates(value: str | None) -> list[str]:
    """ISO date prefixes from OFAC's date text: "08 Feb 1980", "Feb 1980", "circa 1962",
    "1975 to 1977" (each year of the range). Empty when the text is not a date."""
    if not value:
        return []
    cleaned = re.sub(r"^(circa|approximately|approx\.?)\s+", "", value.strip(), flags=re.I)
    if " to " in cleaned:
        start, end = (single_date(p) for p in cleaned.split(" to ", 1))
        if start and end and len(start) == len(end) == 4 and 0 <= int(end) - int(start) <= 30:
            return [str(y) for y in range(int(start), int(end) + 1)]
        return [d for d in (start, end) if d]
    one = single_date(cleaned)
    return [one] if one else []


def single_date(value: str) -> str | None:
    value = value.strip()
    for fmt, size in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()[:size]
        except ValueError:
            continue
    return None


@dataclass
class Builder:
    """The listed party of one entry and the entities hanging on it."""

    source: str
    entity: EntityProxy
    sanction: EntityProxy
    related: list[EntityProxy] = field(default_factory=list)

    @property
    def id(self) -> str:
        assert self.entity.id is not None
        return self.entity.id

    def add_related(self, entity: EntityProxy) -> None:
        for existing in self.related:
            if existing.id == entity.id:
                existing.merge(entity)  # a repeated document or address: keep both remarks
                return
        self.related.append(entity)

    def record(self, source_id: str, raw: dict[str, str]) -> Record:
        return Record(source_id, self.entity, [self.sanction, *self.related], raw)


def new_builder(source: str, source_id: str, schema: str) -> Builder:
    entity = make_entity(schema, ids.entity_id(source, source_id))
    entity.add("topics", "sanction")
    sanction = make_entity("Sanction", ids.related_id(entity.id or "", "sanction"))
    sanction.add("entity", entity.id)
    sanction.add("authority", AUTHORITY)
    sanction.add("country", "us")
    return Builder(source, entity, sanction)


def apply_identifier(
    b: Builder,
    kind: str,
    value: str | None,
    country: str | None = None,
    issued: str | None = None,
    expires: str | None = None,
    extra: str | None = None,
) -> None:
    """Sort one OFAC idList entry / Enhanced feature or document onto the record."""
    if not value:
        return
    key = kind.strip().lower().replace("\u2019", "'")
    label = kind.strip()
    if key in IDENTIFIER_PROPS:
        add_or_note(b.entity, IDENTIFIER_PROPS[key], value, label)
    elif key == "place of birth":
        add_or_note(b.entity, "birthPlace", value, label)
        # "Damascus, Syria": the last part often names the country.
        code = country_code(value.rsplit(",", 1)[-1])
        if code and "birthCountry" in b.entity.schema.properties:
            b.entity.add("birthCountry", code)
    elif key in COUNTRY_PROPS:
        add_country(b.entity, COUNTRY_PROPS[key], value, label)
    elif key in DATE_PROPS:
        dates = ofac_dates(value)
        for iso in dates:
            add_or_note(b.entity, DATE_PROPS[key], iso, label)
        if not dates:
            note(b.entity, f"{label}: {value}")
    elif key == "vessel registration identification" and re.fullmatch(
        r"(IMO\s*)?\d{7}", value, re.IGNORECASE
    ):
        digits = re.sub(r"\D", "", value)
        add_or_note(b.entity, "imoNumber", f"IMO{digits}", label)
    elif key.startswith("digital currency address"):
        wallet = make_entity("CryptoWallet", ids.related_id(b.id, "wallet", value))
        wallet.add("publicKey", value)
        wallet.add("currency", kind.rsplit("-", 1)[-1].strip())
        wallet.add("holder", b.id)
        b.add_related(wallet)
    elif key == "isin":
        security = make_entity("Security", ids.related_id(b.id, "security", value))
        security.add("isin", value)
        security.add("name", value)
        security.add("issuer", b.id)
        b.add_related(security)
    elif PROVISION_RE.search(key):
        b.sanction.add("provisions", f"{label} {value}".strip())
    elif key in (
        "equity ticker",
        "issuer name",
        "aircraft operator",
        "vessel owner",
    ) or key.startswith("previous"):
        note(b.entity, f"{label}: {value}")
    else:
        add_document(b, label, value, country, issued, expires, extra)


def add_document(
    b: Builder,
    kind: str,
    number: str,
    country: str | None,
    issued: str | None,
    expires: str | None,
    extra: str | None = None,
) -> None:
    """A Passport or Identification entity held by the listed party."""
    passport = bool(PASSPORT_RE.search(kind))
    if passport and b.entity.schema.name != "Person":
        passport = False
    schema = "Passport" if passport else "Identification"
    doc = make_entity(schema, ids.related_id(b.id, "id", kind, number, country))
    doc.add("holder", b.id)
    doc.add("number", number)
    doc.add("type", kind)
    if country:
        code = country_code(country)
        if code:
            doc.add("country", code)
        else:
            doc.add("description", f"country: {country}")
    for prop, value in (("startDate", issued), ("endDate", expires)):
        dates = ofac_dates(value)
        doc.add(prop, dates[:1])
        if value and not dates:
            doc.add("description", f"{prop}: {value}")
    if extra:
        doc.add("description", extra)
    if passport:
        add_or_note(b.entity, "passportNumber", number, kind)
    else:
        add_or_note(b.entity, "idNumber", number, kind)
    b.add_related(doc)


def add_address(b: Builder, parts: dict[str, str | None], address_id: str) -> None:
    """An Address entity from street/city/state/postal/country parts, linked by addressEntity."""
    country = parts.get("country")
    code = parts.get("countryCode") or country_code(country)
    values = [parts.get(k) for k in ("street", "street2", "city", "state", "postalCode", "region")]
    if not any(values):
        if code:
            b.entity.add("country", code)
        elif country:
            note(b.entity, f"Address country: {country}")
        return
    full = ", ".join(v for v in [*values, country] if v)
    addr = make_entity("Address", ids.related_id(b.id, "address", address_id))
    addr.add("full", full)
    for prop in ("street", "street2", "city", "state", "postalCode", "region"):
        addr.add(prop, parts.get(prop))
    if code:
        addr.add("country", code)
        b.entity.add("country", code)
    elif country:
        addr.add("remarks", f"country: {country}")
    b.add_related(addr)
    b.entity.add("addressEntity", addr.id)
    b.entity.add("address", full)


def person_name(first: str | None, last: str | None) -> str | None:
    joined = " ".join(p for p in (first, last) if p)
    return joined or None


# ---------------------------------------------------------------------------------------------
# The sdnList format


def sniff(path: Path, head: bytes) -> str | None:
    if b"<sdnList" not in head:
        return None
    return "us_ofac_cons" if "cons" in path.name.lower() else "us_ofac_sdn"


def parse(path: Path, source: str) -> ParsedList:
    root = parse_xml(path)
    if root.tag != "sdnList":
        raise SourceError(str(path), f"root element is <{root.tag}>, expected <sdnList>", "line 1")
    parsed = ParsedList(source=source, path=str(path), records=[], published=published(root))
    collect_records(parsed, root.iterfind("sdnEntry"), lambda el: parse_entry(el, source), "uid")
    resolve_links(parsed.records)
    return parsed


LINKED_RE = re.compile(r"Linked To: ([^;)]+)")


def resolve_links(records: list[Record]) -> None:
    """UnknownLinks for "(Linked To: NAME)" in remarks, to the record in the file with that name.

    A name with no record, or shared by two records, stays only in the remarks (in notes).
    """
    by_name: dict[str, str | None] = {}
    for record in records:
        for name in record.entity.get("name"):
            key = name.strip().rstrip(".").upper()
            by_name[key] = (
                None if by_name.get(key, record.entity_id) != record.entity_id else record.entity_id
            )
    for record in records:
        for remark in record.raw.get("remarks", "").split(";"):
            for name in LINKED_RE.findall(remark):
                target = by_name.get(name.strip().rstrip(".").upper())
                if target is None or target == record.entity_id:
                    continue
                link = make_entity(
                    "UnknownLink", ids.related_id(record.entity_id, "link", "Linked To", target)
                )
                link.add("subject", record.entity_id)
                link.add("object", target)
                link.add("role", "Linked To")
                if all(r.id != link.id for r in record.related):
                    record.related.append(link)


def published(root: etree._Element) -> date | None:
    value = child_text(root, "publshInformation/Publish_Date")
    if not value:
        return None
    try:
        return datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        return None


def parse_entry(el: etree._Element, source: str) -> Record:
    uid = child_text(el, "uid")
    if not uid:
        raise EntryError("sdnEntry has no <uid>; skipped")
    last = child_text(el, "lastName")
    first = child_text(el, "firstName")
    if not last and not first:
        raise EntryError(f"sdnEntry uid {uid} has no name; skipped")
    sdn_type = (child_text(el, "sdnType") or "").lower()
    schema = SCHEMATA.get(sdn_type, "LegalEntity")
    b = new_builder(source, uid, schema)
    entity = b.entity
    if sdn_type not in SCHEMATA:
        note(entity, f"sdnType: {child_text(el, 'sdnType')}")
    if schema == "Person":
        entity.add("name", person_name(first, last))
        entity.add("firstName", first)
        entity.add("lastName", last)
    else:
        entity.add("name", person_name(first, last))
    title = child_text(el, "title")
    add_or_note(entity, "position" if schema == "Person" else "notes", title, "Title")
    programs = children_text(el, "programList/program")
    b.sanction.add("program", programs)
    b.sanction.add("recordId", uid)
    add_or_note(entity, "notes", child_text(el, "remarks"), "Remarks")

    for aka in el.iterfind("akaList/aka"):
        apply_aka(b, aka)
    for addr in el.iterfind("addressList/address"):
        add_address(
            b,
            {
                "street": child_text(addr, "address1"),
                "street2": ", ".join(
                    children_text(addr, "address2") + children_text(addr, "address3")
                )
                or None,
                "city": child_text(addr, "city"),
                "state": child_text(addr, "stateOrProvince"),
                "postalCode": child_text(addr, "postalCode"),
                "country": child_text(addr, "country"),
            },
            child_text(addr, "uid") or str(addr.sourceline),
        )
    for item in el.iterfind("idList/id"):
        apply_identifier(
            b,
            child_text(item, "idType") or "Identification",
            child_text(item, "idNumber"),
            child_text(item, "idCountry"),
            child_text(item, "issueDate"),
            child_text(item, "expirationDate"),
        )
    for value in children_text(el, "dateOfBirthList/dateOfBirthItem/dateOfBirth"):
        apply_identifier(b, "Birthdate", value)
    for value in children_text(el, "placeOfBirthList/placeOfBirthItem/placeOfBirth"):
        apply_identifier(b, "Place of Birth", value)
    for value in children_text(el, "nationalityList/nationality/country"):
        apply_identifier(b, "Nationality Country", value)
    for value in children_text(el, "citizenshipList/citizenship/country"):
        apply_identifier(b, "Citizenship Country", value)
    vessel = el.find("vesselInfo")
    if vessel is not None:
        apply_vessel(b, vessel)
    keep_unknown(b.entity, el, ENTRY_TAGS)
    return b.record(uid, flatten(el))


# Every sdnEntry child this parser reads; anything else is kept in notes.
ENTRY_TAGS = frozenset(
    {
        "uid", "firstName", "lastName", "title", "sdnType", "remarks", "programList",
        "akaList", "addressList", "idList", "dateOfBirthList", "placeOfBirthList",
        "nationalityList", "citizenshipList", "vesselInfo",
    }
)  # fmt: skip


def apply_aka(b: Builder, aka: etree._Element) -> None:
    name = person_name(child_text(aka, "firstName"), child_text(aka, "lastName"))
    if not name:
        return
    kind = (child_text(aka, "type") or "").lower()
    weak = (child_text(aka, "category") or "").lower() == "weak"
    if kind.startswith("f.k.a"):
        prop = "previousName"
    elif weak:
        prop = "weakAlias"
    else:
        prop = "alias"
    add_or_note(b.entity, prop, name, child_text(aka, "type") or "aka")


VESSEL_FIELDS = {
    "callSign": "Vessel Call Sign",
    "vesselType": "Vessel Type",
    "vesselFlag": "Vessel Flag",
    "vesselOwner": "Vessel Owner",
    "tonnage": "Vessel Tonnage",
    "grossRegisteredTonnage": "Vessel Gross Registered Tonnage",
}


def apply_vessel(b: Builder, vessel: etree._Element) -> None:
    for child in vessel:
        if not isinstance(child.tag, str):
            continue
        kind = VESSEL_FIELDS.get(child.tag, child.tag)
        apply_identifier(b, kind, text(child))
