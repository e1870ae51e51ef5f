"""What a screening query is and what a match says: shared by the Python API, CLI and (later) HTTP."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Schemas a query may name; anything the FtM model knows is accepted by the engine.
DEFAULT_SCHEMA = "LegalEntity"


@dataclass(frozen=True)
class Query:
    """One thing to screen. Only `name` is required."""

    name: str
    schema: str = DEFAULT_SCHEMA  # Person, Organization, Company, Vessel, Airplane, LegalEntity ...
    birth_date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    nationality: tuple[str, ...] = ()  # countries as given: "TR", "Turkey", "Türkiye", "Turkish"
    country: tuple[str, ...] = ()
    id_number: tuple[str, ...] = ()
    id: str | None = None  # the caller's own record id, echoed back


@dataclass(frozen=True)
class Feature:
    """One piece of evidence in a score: what it is, its value in [0, 1] or [-1, 1], its weight."""

    name: str
    value: float
    weight: float
    detail: str = ""


@dataclass
class Match:
    entity_id: str
    source: str
    source_id: str
    schema: str
    caption: str
    score: float
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
