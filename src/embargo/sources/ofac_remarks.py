"""The OFAC `Remarks` column, parsed: pure functions from remark text to FtM-ready facts.

OFAC packs everything that has no column of its own into one `;`-separated text:
"DOB 15 Jul 1967; alt. DOB 1967; POB Beit Hanina, Jerusalem, Israel; nationality Turkey;
Gender Male; National ID No. 12180149578 (Turkey); Linked To: HAMAS."

`parse_remarks(text)` returns a `Remarks` with entity property values (`values`), identity
documents, "Linked To" names, sanction provisions and `notes` (every part not understood, verbatim:
nothing is dropped). The caller (ofac_csv) decides which values its schema can hold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from followthemoney.types import registry

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# Spans longer than this are not expanded year by year (a typo like "1960 to 2960" stays a note).
MAX_RANGE_YEARS = 25

_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:\d{{1,2}} {_MON} \d{{4}}|{_MON} \d{{4}}|\d{{4}})"
DATE_RE = re.compile(rf"^(?:(?P<d>\d{{1,2}}) )?(?:(?P<m>{_MON}) )?(?P<y>\d{{4}})$", re.I)
RANGE_RE = re.compile(rf"^(?P<a>{_DATE})\s*(?:to|-)\s*(?P<b>{_DATE})$", re.I)
CIRCA_RE = re.compile(r"^(?:circa|approximately|about)\s+(?P<rest>.+)$", re.I)

ALT_RE = re.compile(r"^alt\.\s+", re.I)
# `a.k.a. 'NAME'` / `f.k.a. 'NAME'` / `n.k.a. 'NAME'`; names may contain quotes ('Abd'), so greedy.
AKA_RE = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+'(?P<name>.*)'\.?$", re.I | re.S)
# A document's value: number, then optional "(Country)", "issued DATE", "expires DATE".
DOC_VALUE_RE = re.compile(
    r"^(?P<number>.+?)"
    r"(?:\s+\((?P<country>[^()]+)\))?"
    r"(?:,?\s+issued\s+(?P<issued>.+?))?"
    r"(?:,?\s+expires\s+(?P<expires>.+?))?\.?$",
    re.I,
)

# Sanction provisions: OFAC's notes on what the listing means, for the Sanction entity.
PROVISION_RE = re.compile(
    r"^(?:Secondary sanctions risk|Additional Sanctions Information|Transactions Prohibited For"
    r"|Executive Order \d+ (?:Directive )?(?:Determination|Information)|IFCA Determination"
    r"|Listing Date \(|Effective Date \(|For more information on directives|CAATSA)",
    re.I,
)

# Simple "Label value" parts → (entity property, value kind). Order matters: longest labels first
# where one is a prefix of another.
SIMPLE: tuple[tuple[str, str, str], ...] = (
    (r"Vessel Registration Identification IMO", "imoNumber", "text"),
    (r"Identification Number IMO", "imoNumber", "text"),
    (r"Company Number IMO", "imoNumber", "text"),
    (r"Vessel Registration Identification", "registrationNumber", "text"),
    (r"MMSI", "mmsi", "text"),
    (r"SWIFT/BIC", "swiftBic", "text"),
    (r"Website", "website", "text"),
    (r"Email Address", "email", "text"),
    (r"Email", "email", "text"),
    (r"(?:Phone Number|Phone No\.|Telephone No\.|Telephone|Phone)", "phone", "text"),
    (r"Organization Established Date", "incorporationDate", "date"),
    (r"Organization Type", "sector", "text"),
    (r"Target Type", "classification", "text"),
    (r"Gender", "gender", "gender"),
    (r"Nationality of Registration", "country", "country"),
    (r"nationality", "nationality", "country"),
    (r"citizen", "citizenship", "country"),
    (r"ethnicity", "ethnicity", "text"),
    (r"Position:", "position", "text"),
    (r"Occupation:", "profession", "text"),
    (r"Aircraft Construction Number \(also called L/N or S/N or F/N\)", "serialNumber", "text"),
    (r"Aircraft Manufacturer's Serial Number \(MSN\)", "serialNumber", "text"),
    (r"Aircraft Serial Identification", "serialNumber", "text"),
    (r"Aircraft Model", "model", "text"),
    (r"Aircraft Manufacture Date", "buildDate", "date"),
    (r"Aircraft Tail Number", "registrationNumber", "text"),
    (r"Vessel Year of Build", "buildDate", "date"),
    (r"Former Vessel Flag", "pastFlags", "country"),
    (r"Other Vessel Flag", "pastFlags", "country"),
    (r"Other Vessel Call Sign", "callSign", "text"),
    (r"Other Vessel Type", "pastTypes", "text"),
)
# One alternation (group N+1 = label N) instead of thirty patterns tried one after another.
SIMPLE_RE = re.compile(
    "^(?:" + "|".join(f"({label})" for label, _, _ in SIMPLE) + r")\s*:?\s+(?P<value>.+?)\.?$",
    re.I | re.S,
)

# Identity documents. The label → the entity property the number also goes to. Passports become
# FtM Passport entities, the others Identification entities.
PASSPORT_LABELS = (
    r"British National Overseas Passport",
    r"Diplomatic Passport(?: Laissez-Passer)?",
    r"Stateless Person Passport",
    r"Passport Booklet:?",
    r"Passport",
)
ID_LABELS: tuple[tuple[str, str], ...] = (
    # tax numbers
    (r"Tax ID No\.", "taxNumber"),
    (r"R\.F\.C\.(?: #)?", "taxNumber"),
    (r"RFC", "taxNumber"),
    (r"NIT #", "taxNumber"),
    (r"RUC #", "taxNumber"),
    (r"RIF #", "taxNumber"),
    (r"RTN", "taxNumber"),
    (r"US FEIN", "taxNumber"),
    (r"Italian Fiscal Code:?", "taxNumber"),
    (r"Fiscal Code", "taxNumber"),
    (r"C\.U\.I\.T\.", "taxNumber"),
    (r"C\.I\.F\.", "taxNumber"),
    (r"N\.I\.F\.", "taxNumber"),
    (r"Paraguayan tax identification number", "taxNumber"),
    (r"Romanian Tax Registration", "taxNumber"),
    (r"Numero Unico de Identificacao Tributaria \(NUIT\)", "taxNumber"),
    (r"V\.A\.T\. Number", "vatCode"),
    # personal identity numbers
    (r"National ID No\.", "idNumber"),
    (r"Cedula No\.", "idNumber"),
    (r"Identification Number", "idNumber"),
    (r"C\.U\.R\.P\.(?: #)?", "idNumber"),
    (r"CURP", "idNumber"),
    (r"C\.U\.I\.P\.", "idNumber"),
    (r"C\.U\.I\.", "idNumber"),
    (r"D\.N\.I\.", "idNumber"),
    (r"N\.I\.E\.", "idNumber"),
    (r"I\.F\.E\.", "idNumber"),
    (r"SSN", "socialSecurityNumber"),
    (r"Personal ID Card", "idNumber"),
    (r"Credencial electoral", "idNumber"),
    (r"National Foreign ID Number", "idNumber"),
    (r"Turkish Identifica?tion Number", "idNumber"),
    (r"Turkish Identificiation Number", "idNumber"),
    (r"Kenyan ID No\.", "idNumber"),
    (r"Citizen's Card Number", "idNumber"),
    (r"Numero de Identidad", "idNumber"),
    (r"Tazkira National ID Card", "idNumber"),
    (r"Bosnian Personal ID No\.", "idNumber"),
    (r"Moroccan Personal ID No\.", "idNumber"),
    (r"Refugee ID Card", "idNumber"),
    (r"Stateless Person ID Card", "idNumber"),
    (r"CNP \(Personal Numerical Code\)", "idNumber"),
    (r"Birth Certificate Number", "idNumber"),
    (r"Electoral Registry No\.", "idNumber"),
    (r"Cartilla de Servicio Militar Nacional", "idNumber"),
    (r"Driver's License No\.", "idNumber"),
    (r"Residency Number", "idNumber"),
    (r"Travel Document Number", "idNumber"),
    (r"VisaNumberID", "idNumber"),
    (r"Military Registration Number", "idNumber"),
    (r"UAE Identification", "idNumber"),
    (r"Public Security and Immigration No\.", "idNumber"),
    (r"Immigration No\.", "idNumber"),
    (r"Seafarer's Identification Document", "idNumber"),
    (r"Romanian Permanent Resident CAN", "idNumber"),
    (r"Pilot License Number", "idNumber"),
    (r"SRE Permit No\.", "idNumber"),
    (r"Permit Number", "idNumber"),
    # company / registry numbers
    (r"Registration Number", "registrationNumber"),
    (r"Registration ID", "registrationNumber"),
    (r"Business Registration Number", "registrationNumber"),
    (r"Business Registration Document #", "registrationNumber"),
    (r"UK Company Number", "registrationNumber"),
    (r"Company Number", "registrationNumber"),
    (r"Commercial Registry Number", "registrationNumber"),
    (r"Romanian C\.R\.", "registrationNumber"),
    (r"C\.R\. No\.", "registrationNumber"),
    (r"Government Gazette Number", "registrationNumber"),
    (r"Folio Mercantil No\.", "registrationNumber"),
    (r"Matricula Mercantil No\.?", "registrationNumber"),
    (r"Chamber of Commerce Number", "registrationNumber"),
    (r"Istanbul Chamber of Comm\. No\.", "registrationNumber"),
    (r"Dubai Chamber of Commerce Membership No\.", "registrationNumber"),
    (r"Trade License No\.", "registrationNumber"),
    (r"Tourism License No\.", "registrationNumber"),
    (r"Afghan Money Service Provider License Number", "registrationNumber"),
    (r"MSB Registration Number", "registrationNumber"),
    (r"License", "registrationNumber"),
    (r"Unified Social Credit Code \(USCC\)", "registrationNumber"),
    (r"United Social Credit Code Certificate \(USCCC\)", "registrationNumber"),
    (r"Economic Register Number \(CBLS\)", "registrationNumber"),
    (r"Central Registration System Number", "registrationNumber"),
    (r"Public Registration Number", "registrationNumber"),
    (r"Business Number", "registrationNumber"),
    (r"Enterprise Number", "registrationNumber"),
    (r"Branch Unit Number", "registrationNumber"),
    (r"Certificate of Incorporation Number", "registrationNumber"),
    (r"Registered Charity No\.", "registrationNumber"),
    (r"Organization Code", "registrationNumber"),
    (r"LE Number", "registrationNumber"),
    (r"File Number", "registrationNumber"),
    (r"BIK \(RU\)", "registrationNumber"),
    (r"Legal Entity Number", "leiCode"),
    (r"D-U-N-S Number", "dunsCode"),
)


def _label_re(labels: list[str]) -> re.Pattern[str]:
    # Longest label first so "Business Registration Number" wins over "Registration Number".
    alternation = "|".join(sorted(labels, key=len, reverse=True))
    return re.compile(rf"^(?P<label>{alternation})\s*:?\s+(?P<value>\S.*)$", re.I | re.S)


PASSPORT_RE = _label_re(list(PASSPORT_LABELS))
ID_RE = _label_re([label for label, _ in ID_LABELS])
_ID_PROPS = [(re.compile(rf"^{label}$", re.I), prop) for label, prop in ID_LABELS]
# A `;` is a separator unless a `)` closes before the next `(` (it is inside parentheses).
_SPLIT_RE = re.compile(r";(?![^()]*\))")
DOB_RE = re.compile(r"^DOB\s+(?P<value>.+)$", re.I | re.S)
POB_RE = re.compile(r"^POB\s+(?P<value>.+)$", re.I | re.S)
LINKED_RE = re.compile(r"^Linked To:\s*(?P<name>.+)$", re.I | re.S)
OPERATOR_RE = re.compile(r"^Aircraft Operator\s+(?P<name>.+?)\.?$", re.I | re.S)
WALLET_RE = re.compile(r"^Digital Currency Address - (?P<currency>\S+)\s+(?P<key>\S+?)\.?$", re.I)


@dataclass
class Document:
    """A passport or identification number found in the remarks."""

    kind: str  # "passport" or "identification"
    label: str  # as written: "Passport", "National ID No.", "Tax ID No." ...
    number: str
    prop: str  # the entity property the number also goes to: passportNumber, idNumber ...
    country: str | None = None  # ISO code
    issued: list[str] = field(default_factory=list)  # ISO date prefixes
    expires: list[str] = field(default_factory=list)
    text: str = ""  # the whole remark part


@dataclass
class Wallet:
    currency: str
    key: str


@dataclass
class Remarks:
    values: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    documents: list[Document] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # "Linked To" target names, verbatim
    operators: list[str] = field(default_factory=list)  # "Aircraft Operator" names
    wallets: list[Wallet] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, prop: str, value: str | None) -> None:
        if value and value not in self.values[prop]:
            self.values[prop].append(value)


def split_remarks(text: str) -> list[str]:
    """Split on `;` outside parentheses ("Registration Number 123 (a; b)" stays whole)."""
    parts = _SPLIT_RE.split(text) if "(" in text else text.split(";")
    return [p for p in (" ".join(part.split()) for part in parts) if p]


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO code for an OFAC country name ("Turkey", "Korea, North", "Türkiye"), or None."""
    text = text.strip().rstrip(".").strip()
    if not text:
        return None
    return registry.country.clean_text(text)


def _one_date(text: str) -> tuple[int, int | None, int | None] | None:
    m = DATE_RE.match(text.strip())
    if m is None:
        return None
    month = MONTHS.get(m.group("m")[:3].lower()) if m.group("m") else None
    day = int(m.group("d")) if m.group("d") else None
    if day is not None and (month is None or not 1 <= day <= 31):
        return None
    return int(m.group("y")), month, day


def _iso(parts: tuple[int, int | None, int | None]) -> str:
    year, month, day = parts
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str) -> list[str]:
    """OFAC date text → FtM ISO date prefixes; [] when not a date.

    "12 Mar 1975" → ["1975-03-12"]; "Mar 1975" → ["1975-03"]; "1975" / "circa 1975" → ["1975"];
    "1960 to 1962" or "01 Jan 1960 to 31 Dec 1962" → ["1960", "1961", "1962"] (each year of
    the span, since FtM has no ranges and a matcher should accept any of them).
    """
    text = " ".join(text.split()).rstrip(".").strip()
    circa = CIRCA_RE.match(text)
    if circa:
        text = circa.group("rest")
    single = _one_date(text)
    if single is not None:
        return [str(single[0])] if circa else [_iso(single)]
    rng = RANGE_RE.match(text)
    if rng:
        start, end = _one_date(rng.group("a")), _one_date(rng.group("b"))
        if start and end and 0 <= end[0] - start[0] <= MAX_RANGE_YEARS:
            return [str(y) for y in range(start[0], end[0] + 1)]
    return []


def parse_place(text: str) -> tuple[str, str | None]:
    """Birth place text and, when its last comma part is a country, that country's code."""
    place = " ".join(text.split()).rstrip(".").strip()
    last = place.rsplit(",", 1)[-1]
    return place, country_code(last)


def parse_document(label: str, value: str, kind: str, prop: str, text: str) -> Document | None:
    """`Passport 1084010 (Egypt) issued 01 Jan 2000 expires ...` → a Document."""
    m = DOC_VALUE_RE.match(value.strip())
    if m is None:
        return None
    number = m.group("number").strip().rstrip(",").strip()
    if not number or not any(ch.isalnum() for ch in number):
        return None
    doc = Document(kind=kind, label=label.rstrip(":").strip(), number=number, prop=prop, text=text)
    if m.group("country"):
        code = country_code(m.group("country"))
        if code is None:
            # "(Naing)" inside a Burmese NRC number, "(RU)" ...: part of the number.
            doc.number = value.strip().rstrip(".")
            doc.issued, doc.expires = [], []
            return doc
        doc.country = code
    if m.group("issued"):
        doc.issued = parse_date(m.group("issued"))
    if m.group("expires"):
        doc.expires = parse_date(m.group("expires"))
    return doc


@lru_cache(maxsize=1024)
def _id_prop(label: str) -> str:
    for pattern, prop in _ID_PROPS:
        if pattern.match(label):
            return prop
    return "idNumber"


def parse_part(part: str, out: Remarks) -> None:
    """Interpret one remark part into `out`; whatever is not understood goes to notes."""
    if _parse_part(part, out) is False:
        out.notes.append(part)


def _parse_part(part: str, out: Remarks) -> bool:
    if part[1:5].lower() == ".k.a":
        m = AKA_RE.match(part)
        if m:
            # Quoted aliases in the remarks are OFAC's "weak" (low quality) aliases; the strong
            # ones are in alt.csv (in the 2023-12-28 set the two are disjoint: 3,391 remark
            # aliases, none also in alt.csv). All three kinds go to weakAlias: their weakness
            # matters more for matching than whether the name is former or current.
            out.add("weakAlias", m.group("name").strip())
            return True
    if part.startswith("Linked To"):
        m = LINKED_RE.match(part)
        if m:
            out.links.append(m.group("name").strip())
            return True
    body = ALT_RE.sub("", part) if part[:4].lower() == "alt." else part
    if PROVISION_RE.match(body):
        out.provisions.append(part.rstrip("."))
        return True
    m = DOB_RE.match(body)
    if m:
        dates = parse_date(m.group("value"))
        if not dates:
            return False
        for d in dates:
            out.add("birthDate", d)
        if len(dates) > 1 or CIRCA_RE.match(m.group("value").strip()):
            out.notes.append(part.rstrip("."))  # keep "circa" / the range as written
        return True
    m = POB_RE.match(body)
    if m:
        place, country = parse_place(m.group("value"))
        out.add("birthPlace", place)
        out.add("birthCountry", country)
        return True
    m = OPERATOR_RE.match(body)
    if m:
        out.operators.append(m.group("name").strip())
        return True
    m = WALLET_RE.match(body)
    if m:
        out.wallets.append(Wallet(m.group("currency"), m.group("key")))
        return True
    m = PASSPORT_RE.match(body)
    if m:
        doc = parse_document(m.group("label"), m.group("value"), "passport", "passportNumber", part)
        if doc is None:
            return False
        out.documents.append(doc)
        return True
    m = SIMPLE_RE.match(body)
    if m:
        index = next(i for i in range(len(SIMPLE)) if m.group(i + 1) is not None)
        _, prop, kind = SIMPLE[index]
        return _simple(prop, kind, m.group("value"), part, out)
    m = ID_RE.match(body)
    if m:
        label = m.group("label")
        doc = parse_document(label, m.group("value"), "identification", _id_prop(label), part)
        if doc is None:
            return False
        out.documents.append(doc)
        return True
    return False


def _simple(prop: str, kind: str, value: str, part: str, out: Remarks) -> bool:
    value = value.strip()
    if kind == "date":
        dates = parse_date(value)
        if not dates:
            return False
        for d in dates:
            out.add(prop, d)
        return True
    if kind == "country":
        code = country_code(value)
        if code is None:
            return False
        out.add(prop, code)
        return True
    if kind == "gender":
        gender = value.rstrip(".").strip().lower()
        if gender not in ("male", "female"):
            return False
        out.add(prop, gender)
        return True
    out.add(prop, value.rstrip(".") if prop != "website" else value)
    return True


def parse_remarks(text: str | None) -> Remarks:
    """The whole Remarks text (with any sdn_comments continuation appended) → Remarks."""
    out = Remarks()
    if not text:
        return out
    for part in split_remarks(text):
        parse_part(part, out)
    return out
