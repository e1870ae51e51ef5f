"""Country evidence: which countries a listed party is tied to, how, and by what the list said.

One declarative table (`RULES`) maps FollowTheMoney schema/property pairs to a kind of tie; it
applies to whatever any source parser produces, so no source needs code of its own here.

Kinds: `nationality`, `citizenship`, `birth_place`, `id_document` (the issuing country of a
person's passport, national ID ...), `registration` (jurisdiction, and the issuing country of an
organisation's numbers: company number, tax ID ...), `address`,
`flag` (a vessel's flag). A generic FtM `country` (or `mainCountry`) on the party counts as
`address`: the sources that set it (OFAC/UN/OpenSanctions) take it from where the party is
located, and it is dropped when an address of the same country says more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from followthemoney import EntityProxy, model

from embargo.insight.countries import country_code, country_in_place, country_name
from embargo.sources.base import Record

KINDS = (
    "nationality",
    "citizenship",
    "birth_place",
    "id_document",
    "registration",
    "address",
    "flag",
)


@dataclass(frozen=True)
class Rule:
    """Entities of `schema` (or a descendant) tie to the country in `prop` as `kind`."""

    schema: str
    prop: str
    kind: str
    # "country": a country-typed property (FtM holds a code); "place": free text to read a
    # country out of ("Istanbul, Turkey").
    parse: Literal["country", "place"] = "country"
    # Where the evidence value comes from: alternatives in order, each a space-separated list of
    # properties whose texts are joined ("summary" = the list's own words, else "type number";
    # "@schema" is the schema's label, "Passport"); none → the place text for "place" rules,
    # else the country's name.
    value: tuple[str, ...] = ()
    # Rules on the party itself, or on the entities that hang on its record (papers, addresses).
    on: Literal["party", "related"] = "party"
    # The kind when the party is no person: a company's "Identification Number (Turkey)" or
    # "Tax ID No." is its registration, not an identity paper.
    org_kind: str | None = None


RULES: tuple[Rule, ...] = (
    Rule("Person", "nationality", "nationality"),
    Rule("Person", "citizenship", "citizenship"),
    Rule("Person", "birthPlace", "birth_place", parse="place"),
    Rule("Person", "birthCountry", "birth_place"),
    Rule("LegalEntity", "jurisdiction", "registration"),
    Rule("Vessel", "flag", "flag"),
    Rule("Thing", "address", "address", parse="place"),
    Rule("Thing", "country", "address"),
    Rule("LegalEntity", "mainCountry", "address"),
    Rule(
        "Identification",
        "country",
        "id_document",
        value=("summary", "type number", "@schema number"),
        on="related",
        org_kind="registration",
    ),
    Rule("Address", "country", "address", value=("full",), on="related"),
    Rule("Address", "full", "address", parse="place", on="related"),
)


@dataclass(frozen=True, order=True)
class Evidence:
    kind: str
    country: str  # upper-case code, e.g. "TR"
    value: str  # what the list said: "Istanbul, Turkey", "Passport U12345678", "Türkiye"
    # False when the value is only the country's name; dropped if a fuller value of the same
    # kind and country exists (birthCountry beside birthPlace, country beside an address).
    specific: bool = True

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}


def _applies(rule: Rule, entity: EntityProxy) -> bool:
    return entity.schema.is_a(rule.schema) and rule.prop in entity.schema.properties


_ALT_PREFIX = re.compile(r"^alt\.\s+", re.IGNORECASE)


def _value(rule: Rule, entity: EntityProxy, raw: str, code: str) -> tuple[str, bool]:
    for alternative in rule.value:
        parts = [
            entity.schema.label if p == "@schema" else " ".join(entity.get(p, quiet=True))
            for p in alternative.split()
        ]
        if all(parts):
            # OFAC words a second paper as "alt. Passport ..."; the "alt." says nothing here.
            return _ALT_PREFIX.sub("", " ".join(parts)).strip(), True
    if rule.parse == "place":
        return raw, True
    return country_name(code), False


def _apply(rule: Rule, entity: EntityProxy, party: EntityProxy) -> Iterable[Evidence]:
    if not _applies(rule, entity):
        return
    kind = rule.org_kind if rule.org_kind and not party.schema.is_a("Person") else rule.kind
    for raw in entity.get(rule.prop, quiet=True):
        code = country_code(raw) if rule.parse == "country" else country_in_place(raw)
        if code is None:
            continue
        value, specific = _value(rule, entity, raw, code)
        yield Evidence(kind, code, value, specific)


def _belongs(related: EntityProxy, party_id: str | None) -> bool:
    """Papers held by someone else (a relative's passport in an FtM record) are not ties."""
    holders = related.get("holder", quiet=True)
    return not holders or party_id in holders


def record_evidence(record: Record) -> list[Evidence]:
    """Every country tie of a record's party, deduplicated and sorted."""
    found: set[Evidence] = set()
    for rule in RULES:
        if rule.on == "party":
            found.update(_apply(rule, record.entity, record.entity))
        else:
            for related in record.related:
                if _belongs(related, record.entity.id):
                    found.update(_apply(rule, related, record.entity))
    specific = {(e.kind, e.country) for e in found if e.specific}
    return sorted(e for e in found if e.specific or (e.kind, e.country) not in specific)


def validate_rules() -> None:
    """Every rule must name a real schema and one of its properties (checked by the tests)."""
    for rule in RULES:
        schema = model.get(rule.schema)
        kinds = {rule.kind, rule.org_kind or rule.kind}
        if schema is None or rule.prop not in schema.properties or not kinds <= set(KINDS):
            raise ValueError(f"bad evidence rule {rule}")
        for prop in " ".join(rule.value).split():
            if prop != "@schema" and prop not in schema.properties:
                raise ValueError(f"bad evidence rule {rule}: no property {prop!r}")
