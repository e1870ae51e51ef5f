"""Per-state insight facts, persisted beside the store in insight's own tables.

Evidence, links and programmes are computed once per stored record state (decoding a state is
the slow part) and kept in `insight_*` tables keyed by the store's state id, so a timeline over
hundreds of versions reads a few indexed rows instead of re-reading every record. The tables
live in their own `MetaData` on the store's engine; the store's own tables are not touched.
`FACTS_VERSION` is stored per row: rows from older rules are recomputed on next use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from embargo.insight.facts import StateFacts, state_facts
from embargo.store import Store

# Bump when evidence rules, link reading or programme reading change.
FACTS_VERSION = 2
CHUNK = 500

metadata = MetaData()

facts_table = Table(
    "insight_facts",
    metadata,
    Column("state_id", Integer, primary_key=True, autoincrement=False),
    Column("rules", Integer, nullable=False),
    Column("source", String(64), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("source_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("caption", Text, nullable=False),
    Column("programs", Text, nullable=False),  # "|"-joined
    Column("payload", Text, nullable=False),  # JSON: evidence and links
    Index("ix_insight_facts_source", "source"),
)

# One row per (state, country, kind): the country filter is an indexed lookup.
evidence_table = Table(
    "insight_evidence",
    metadata,
    Column("state_id", Integer, nullable=False),
    Column("source", String(64), nullable=False),
    Column("country", String(16), nullable=False),
    Column("kind", String(32), nullable=False),
    Index("ix_insight_evidence_country", "source", "country"),
    Index("ix_insight_evidence_state", "state_id"),
)

programs_table = Table(
    "insight_programs",
    metadata,
    Column("state_id", Integer, nullable=False),
    Column("source", String(64), nullable=False),
    Column("program", String(255), nullable=False),  # upper-cased
    Index("ix_insight_programs_program", "source", "program"),
    Index("ix_insight_programs_state", "state_id"),
)

links_table = Table(
    "insight_links",
    metadata,
    Column("state_id", Integer, nullable=False),
    Column("source", String(64), nullable=False),
    Column("a", String(255), nullable=False),  # edge source entity id
    Column("b", String(255), nullable=False),  # edge target entity id
    Index("ix_insight_links_source", "source"),
    Index("ix_insight_links_state", "state_id"),
)

_created: set[int] = set()


def ensure_tables(engine: Engine) -> None:
    key = id(engine)
    if key not in _created:
        metadata.create_all(engine)
        _created.add(key)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def ensure_facts(store: Store, source: str, state_ids: Iterable[int]) -> int:
    """Compute and store the facts of the given states that have none (or stale ones);
    returns how many were computed."""
    engine = store.engine
    ensure_tables(engine)
    wanted = set(state_ids)
    with engine.connect() as conn:
        have = {
            row.state_id
            for row in conn.execute(
                select(facts_table.c.state_id).where(
                    facts_table.c.source == source, facts_table.c.rules == FACTS_VERSION
                )
            )
        }
    missing = sorted(wanted - have)
    for chunk in _chunks(missing, 2000):
        records = store.states(chunk)
        facts = [state_facts(sid, source, records[sid]) for sid in chunk if sid in records]
        _write(engine, facts)
    return len(missing)


def _write(engine: Engine, facts: list[StateFacts]) -> None:
    if not facts:
        return
    ids = [f.state_id for f in facts]
    with engine.begin() as conn:
        for table in (facts_table, evidence_table, programs_table, links_table):
            for chunk in _chunks(ids):
                conn.execute(delete(table).where(table.c.state_id.in_(chunk)))
        conn.execute(
            insert(facts_table),
            [
                {
                    "state_id": f.state_id,
                    "rules": FACTS_VERSION,
                    "source": f.source,
                    "entity_id": f.entity_id,
                    "source_id": f.source_id,
                    "schema": f.schema,
                    "caption": f.caption,
                    "programs": "|".join(f.programs),
                    "payload": f.payload(),
                }
                for f in facts
            ],
        )
        evidence = [
            {"state_id": f.state_id, "source": f.source, "country": c, "kind": k}
            for f in facts
            for c, k in sorted({(e.country, e.kind) for e in f.evidence})
        ]
        if evidence:
            conn.execute(insert(evidence_table), evidence)
        programs = [
            {"state_id": f.state_id, "source": f.source, "program": p}
            for f in facts
            for p in sorted({p.upper() for p in f.programs})
        ]
        if programs:
            conn.execute(insert(programs_table), programs)
        links = [
            {"state_id": f.state_id, "source": f.source, "a": k.source, "b": k.target}
            for f in facts
            for k in f.links
        ]
        if links:
            conn.execute(insert(links_table), links)


def states_with_country(engine: Engine, source: str, country: str) -> set[int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(evidence_table.c.state_id)
            .where(evidence_table.c.source == source, evidence_table.c.country == country)
            .distinct()
        )
        return {r[0] for r in rows}


def states_with_program(engine: Engine, source: str, program: str) -> set[int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(programs_table.c.state_id)
            .where(programs_table.c.source == source, programs_table.c.program == program.upper())
            .distinct()
        )
        return {r[0] for r in rows}


def known_programs(engine: Engine, sources: Iterable[str]) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(programs_table.c.program)
            .where(programs_table.c.source.in_(list(sources)))
            .distinct()
        )
        return {r[0] for r in rows}


def state_links(engine: Engine, source: str) -> dict[int, list[tuple[str, str]]]:
    """Every stored state's edges, as (a, b) entity id pairs."""
    found: dict[int, list[tuple[str, str]]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(links_table.c.state_id, links_table.c.a, links_table.c.b).where(
                links_table.c.source == source
            )
        )
        for state_id, a, b in rows:
            found.setdefault(state_id, []).append((a, b))
    return found


def load_facts(engine: Engine, state_ids: Iterable[int]) -> dict[int, StateFacts]:
    ids = sorted(set(state_ids))
    found: dict[int, StateFacts] = {}
    with engine.connect() as conn:
        for chunk in _chunks(ids):
            rows = conn.execute(select(facts_table).where(facts_table.c.state_id.in_(chunk)))
            found.update({r.state_id: StateFacts.from_row(r) for r in rows})
    return found


def captions(engine: Engine, sources: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(source, entity_id, source_id, caption) of every stored state, for resolving a party."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                facts_table.c.source,
                facts_table.c.entity_id,
                facts_table.c.source_id,
                facts_table.c.caption,
            )
            .where(facts_table.c.source.in_(list(sources)))
            .distinct()
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]
