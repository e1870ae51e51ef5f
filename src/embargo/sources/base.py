"""What every source parser produces: publisher records as FollowTheMoney entities.

A *record* is one entry as the publisher lists it (an SDN `ent_num`, a UN reference number, an
OpenSanctions entity): the listed party itself (`entity`) plus the entities that only exist because
of it (`related`: Sanction, Identification/Passport, Address, UnknownLink for "Linked To", Ownership,
Family ...). The record is the unit that is versioned and compared between list versions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from followthemoney import EntityProxy, model


class SourceError(Exception):
    """A list file that cannot be read as a whole. Nothing of it may be stored."""

    def __init__(self, path: str, reason: str, location: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.location = location
        where = f" ({location})" if location else ""
        super().__init__(f"{path}{where}: {reason}")


@dataclass(frozen=True)
class Problem:
    """One bad row or element, reported with where it is; the rest of the file still loads."""

    path: str
    location: str  # "line 1234", "element sdnEntry[uid=36]", "row 17" ...
    reason: str

    def __str__(self) -> str:
        return f"{self.path} {self.location}: {self.reason}"


@dataclass
class Record:
    """One publisher entry: the listed party and the entities hanging on it."""

    source_id: str
    entity: EntityProxy
    related: list[EntityProxy] = field(default_factory=list)
    # The publisher's own fields, verbatim (for audit, and so that an amendment the parser
    # does not model is still seen as a change).
    raw: dict[str, str] = field(default_factory=dict)

    @property
    def entity_id(self) -> str:
        assert self.entity.id is not None
        return self.entity.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "entity": self.entity.to_dict(),
            "related": [r.to_dict() for r in self.related],
            "raw": self.raw,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls(
            source_id=data["source_id"],
            entity=model.get_proxy(data["entity"]),
            related=[model.get_proxy(r) for r in data.get("related", [])],
            raw=data.get("raw", {}),
        )


@dataclass
class ParsedList:
    """A whole list file, parsed."""

    source: str  # OpenSanctions spelling: us_ofac_sdn, us_ofac_cons, un_sc_sanctions ...
    path: str
    records: list[Record]
    published: date | None = None  # from the file's content, where the format has it
    problems: list[Problem] = field(default_factory=list)
    format: str = ""  # the parser that read it, e.g. "ofac_csv"

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)
