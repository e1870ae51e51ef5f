"""What the index keeps of one listed entity: names, birth dates, countries, identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from followthemoney import EntityProxy, registry

from embargo.names.titles import offices_in_positions
from embargo.sources.base import Record

STRONG_NAME_PROPS = ("name", "alias", "previousName")
WEAK_NAME_PROPS = ("weakAlias",)
NATIONALITY_PROPS = ("nationality", "citizenship")
ID_SCHEMATA = frozenset({"Identification", "Passport"})
# The related entities entity_info reads: a record's others (Sanction, links) it leaves alone.
RELATED_SCHEMATA = ID_SCHEMATA | {"Address"}
NON_ID = re.compile(r"[^0-9A-Z]+")
MIN_ID_LENGTH = 4


def normalise_id(value: str) -> str:
    """Identifier compare form: upper-case letters and digits only ("AB 123-45" -> AB12345)."""
    return NON_ID.sub("", value.upper())


@dataclass
class EntityInfo:
    """One listed party as the screener sees it."""

    entity_id: str
    source: str
    source_id: str
    schema: str
    caption: str
    names: list[tuple[str, bool]] = field(default_factory=list)  # (name, weak)
    birth_dates: tuple[str, ...] = ()
    nationalities: frozenset[str] = frozenset()  # ISO codes, lower case
    countries: frozenset[str] = frozenset()  # every country-typed value, incl. nationality
    ids: frozenset[str] = frozenset()  # normalised identifiers
    family_names: tuple[str, ...] = ()  # lastName values, where the publisher separates them
    middle_names: tuple[str, ...] = ()  # middleName values and given names after the first
    positions: tuple[str, ...] = ()  # as the list writes them: "President of the Russian ..."
    offices: frozenset[str] = frozenset()  # the offices they name (names.titles)


def _type_values(entity: EntityProxy, type_name: str) -> set[str]:
    """Values of all properties of one type (only the filled properties are visited)."""
    return {value for prop, value in entity.itervalues() if prop.type.name == type_name}


def _identifiers(entity: EntityProxy, related: list[EntityProxy]) -> frozenset[str]:
    values = _type_values(entity, registry.identifier.name)
    for other in related:
        if other.schema.name in ID_SCHEMATA:
            values.update(other.get("number"))
    ids = {normalise_id(v) for v in values}
    return frozenset(v for v in ids if len(v) >= MIN_ID_LENGTH)


def entity_info(source: str, record: Record) -> EntityInfo:
    """Extract the screening view of a record's listed entity."""
    entity = record.entity
    names: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for props, weak in ((STRONG_NAME_PROPS, False), (WEAK_NAME_PROPS, True)):
        for prop in props:
            if prop not in entity.schema.properties:
                continue
            for value in entity.get(prop):
                if value not in seen:
                    seen.add(value)
                    names.append((value, weak))
    nationalities: set[str] = set()
    for prop in NATIONALITY_PROPS:
        if prop in entity.schema.properties:
            nationalities.update(entity.get(prop))
    countries = _type_values(entity, registry.country.name) | nationalities
    for other in record.related:
        if other.schema.is_a("Address"):
            countries.update(other.get("country"))
    family: tuple[str, ...] = ()
    middle: list[str] = []
    if "lastName" in entity.schema.properties:
        family = tuple(entity.get("lastName"))
        middle.extend(entity.get("middleName"))
        for given in entity.get("firstName"):
            middle.extend(given.split()[1:])  # "Jihad Muhammad Shaker": Muhammad, Shaker
    birth_dates: tuple[str, ...] = ()
    if "birthDate" in entity.schema.properties:
        birth_dates = tuple(sorted(set(entity.get("birthDate"))))
    positions: tuple[str, ...] = ()
    if "position" in entity.schema.properties:
        positions = tuple(entity.get("position"))
    return EntityInfo(
        entity_id=record.entity_id,
        source=source,
        source_id=record.source_id,
        schema=entity.schema.name,
        caption=entity.caption,
        names=names,
        birth_dates=birth_dates,
        nationalities=frozenset(nationalities),
        countries=frozenset(countries),
        ids=_identifiers(entity, record.related),
        family_names=family,
        middle_names=tuple(middle),
        positions=positions,
        offices=offices_in_positions(positions),
    )
