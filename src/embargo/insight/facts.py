"""What insight needs from one stored record state, computed once per state.

A *state* is one distinct content of one record (the store keeps each once, however many
versions hold it), so evidence, links and programmes are derived per state and cached.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from embargo.insight.evidence import Evidence, record_evidence
from embargo.insight.links import Link, record_links
from embargo.sources.base import Record


@dataclass(frozen=True)
class StateFacts:
    state_id: int
    source: str
    entity_id: str
    source_id: str
    schema: str
    caption: str
    programs: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    links: tuple[Link, ...] = field(default=())

    def countries(self) -> set[str]:
        return {e.country for e in self.evidence}

    def evidence_for(self, country: str | None) -> list[Evidence]:
        return [e for e in self.evidence if country is None or e.country == country]

    def payload(self) -> str:
        """The part of the facts kept as JSON in the cache table."""
        return json.dumps(
            {
                "evidence": [[e.kind, e.country, e.value, e.specific] for e in self.evidence],
                "links": [[k.source, k.target, k.schema, k.role] for k in self.links],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_row(cls, row: Any) -> StateFacts:
        data = json.loads(row.payload)
        return cls(
            state_id=row.state_id,
            source=row.source,
            entity_id=row.entity_id,
            source_id=row.source_id,
            schema=row.schema,
            caption=row.caption,
            programs=tuple(p for p in row.programs.split("|") if p),
            evidence=tuple(Evidence(*e) for e in data["evidence"]),
            links=tuple(Link(*k) for k in data["links"]),
        )


def record_programs(record: Record) -> tuple[str, ...]:
    """The sanctions programmes of a record: `program` / `programId` of its entities (OFAC
    puts them on the Sanction, OpenSanctions on the party)."""
    found: set[str] = set()
    for entity in (record.entity, *record.related):
        for prop in ("program", "programId"):
            found.update(p.strip() for p in entity.get(prop, quiet=True) if p.strip())
    return tuple(sorted(found))


def state_facts(state_id: int, source: str, record: Record) -> StateFacts:
    return StateFacts(
        state_id=state_id,
        source=source,
        entity_id=record.entity_id,
        source_id=record.source_id,
        schema=record.entity.schema.name,
        caption=record.entity.caption,
        programs=record_programs(record),
        evidence=tuple(record_evidence(record)),
        links=tuple(record_links(record)),
    )
