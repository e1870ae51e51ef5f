"""Evidence besides the name: birth date, nationality/country, identifiers, schema.

Each function returns a Feature whose `value` is the additive adjustment to the name score
(positive supports, negative contradicts) and whose `weight` says how much that kind of evidence
can move the score at most. Missing data on either side gives no feature (None): absence is not
evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import countrynames
from followthemoney import model

from embargo.index.entities import EntityInfo, normalise_id
from embargo.match.types import DEFAULT_SCHEMA, Feature, Query

DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

# Adjustments. A clear contradiction of birth year (>= 5 years) and nationality together
# (-0.2 - 0.12) pushes even an identical name (1.0) below the default threshold 0.7; either one
# alone does not: lists give alternative birth dates years apart, people hold two nationalities.
DOB_EXACT = 0.05
DOB_YEAR = 0.02
DOB_NEAR = 0.0  # one year apart: typos and alternative DOBs are common on lists
DOB_PENALTIES = ((2, -0.05), (5, -0.2), (10, -0.25))  # (min years apart, adjustment)
NAT_MATCH = 0.03
NAT_CONFLICT = -0.12
COUNTRY_CONFLICT = -0.05
ID_MATCH = 0.35
SCHEMA_CONFLICT = -0.5
# The most all supporting features except an identifier can add to a name score.
MAX_SUPPORT = DOB_EXACT + NAT_MATCH


def parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    m = DATE.match(value.strip())
    if m is None:
        return None
    year, month, day = m.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def birth_date_feature(query: str | None, listed: Iterable[str]) -> Feature | None:
    if not query:
        return None
    q = parse_date(query)
    dates = [d for d in (parse_date(v) for v in listed) if d is not None]
    if q is None or not dates:
        return None
    best: Feature | None = None
    for d in dates:
        gap = abs(q[0] - d[0])
        if gap == 0:
            if q[1] and d[1] and q[2] and d[2] and (q[1], q[2]) == (d[1], d[2]):
                feature = Feature("birth_date", DOB_EXACT, DOB_EXACT, f"{query} = {_fmt(d)}")
            elif q[1] and d[1] and q[1] != d[1]:
                feature = Feature("birth_date", 0.0, DOB_YEAR, f"{query} same year as {_fmt(d)}")
            else:
                feature = Feature("birth_date", DOB_YEAR, DOB_YEAR, f"{query} ~ {_fmt(d)}")
        elif gap == 1:
            feature = Feature("birth_date", DOB_NEAR, DOB_YEAR, f"{query} one year from {_fmt(d)}")
        else:
            adjust = 0.0
            for years, penalty in DOB_PENALTIES:
                if gap >= years:
                    adjust = penalty
            feature = Feature(
                "birth_date",
                adjust,
                -DOB_PENALTIES[-1][1],
                f"{query} is {gap} years from {_fmt(d)}",
            )
        if best is None or feature.value > best.value:
            best = feature
    return best


def _fmt(d: tuple[int, int | None, int | None]) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(d) if p is not None)


@lru_cache(maxsize=10_000)
def country_code(value: str) -> str | None:
    """ISO code (lower case) of a country, demonym or code: 'German', 'Türkiye', 'TR' -> de/tr."""
    code = countrynames.to_code(value)
    return code.lower() if code else None


def load_country_names() -> None:
    """Read countrynames' data now (a quarter of a second, on its first lookup otherwise), so
    that the processes forked after share it."""
    countrynames.to_code("de")


def codes(values: Iterable[str]) -> set[str]:
    return {c for c in (country_code(v) for v in values) if c}


def country_feature(
    query: Query, info: EntityInfo, person: bool, asked: set[str] | None = None
) -> Feature | None:
    if asked is None:
        asked = codes(query.nationality) | codes(query.country)
    if not asked:
        return None
    listed_codes = {c.lower() for c in info.countries}
    nationality = {c.lower() for c in info.nationalities}
    if asked & listed_codes:
        shared = ", ".join(sorted(asked & listed_codes))
        return Feature("country", NAT_MATCH, NAT_MATCH, f"shared country {shared}")
    if person and nationality and codes(query.nationality):
        return Feature(
            "nationality",
            NAT_CONFLICT,
            -NAT_CONFLICT,
            f"query {', '.join(sorted(asked))} vs listed nationality {', '.join(sorted(nationality))}",
        )
    if listed_codes:
        return Feature(
            "country",
            COUNTRY_CONFLICT,
            -COUNTRY_CONFLICT,
            f"query {', '.join(sorted(asked))} vs listed {', '.join(sorted(listed_codes))}",
        )
    return None


def id_feature(query: Query, info: EntityInfo, asked: set[str] | None = None) -> Feature | None:
    if not query.id_number or not info.ids:
        return None
    if asked is None:
        asked = {normalise_id(v) for v in query.id_number}
    shared = asked & info.ids
    if shared:
        return Feature("identifier", ID_MATCH, ID_MATCH, f"identifier {sorted(shared)[0]} matches")
    return None


@lru_cache(maxsize=1024)
def schemas_compatible(query_schema: str, listed_schema: str) -> bool:
    """Person vs Company vs Vessel: can these two describe the same thing?"""
    if query_schema in (DEFAULT_SCHEMA, "Thing", ""):
        return True
    q = model.get(query_schema)
    e = model.get(listed_schema)
    if q is None or e is None:
        return True
    return q.can_match(e) or e.can_match(q) or q.is_a(e) or e.is_a(q)


def schema_feature(query: Query, info: EntityInfo) -> Feature | None:
    if schemas_compatible(query.schema, info.schema):
        return None
    return Feature(
        "schema", SCHEMA_CONFLICT, -SCHEMA_CONFLICT, f"query {query.schema} vs listed {info.schema}"
    )


class QueryEvidence:
    """A query's non-name evidence, parsed once and compared with each candidate."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self.countries = codes(query.nationality) | codes(query.country)
        self.ids = {normalise_id(v) for v in query.id_number}

    def features(self, info: EntityInfo) -> list[Feature]:
        query = self.query
        found = [
            birth_date_feature(query.birth_date, info.birth_dates) if query.birth_date else None,
            country_feature(query, info, info.schema == "Person", self.countries)
            if self.countries
            else None,
            id_feature(query, info, self.ids) if self.ids else None,
            schema_feature(query, info),
        ]
        return [f for f in found if f is not None]
