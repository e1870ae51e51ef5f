"""Queries over the whole list history: who is tied to a country, linked to whom, and when.

`History` lays the store's presence spans of the chosen sources on one version order (every
stored version of every chosen source, by publication date); a record state's facts (evidence,
links, programmes) come from the cache. A timeline then walks the versions once, applying only
what starts and ends at each (the link graph too), so its cost grows with the number of changes,
not with versions × records.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from normality import squash_spaces

from embargo.insight import cache
from embargo.insight.countries import country_name
from embargo.insight.errors import (
    AmbiguousParty,
    NoVersion,
    UnknownParty,
    UnknownProgram,
    UnknownSource,
)
from embargo.insight.facts import StateFacts
from embargo.insight.links import LinkGraph
from embargo.store import Store, Version, natural_key

Key = tuple[str, str]  # (source, entity_id)
# A name that is no exact caption resolves through the matcher only when one party scores this.
MATCH_THRESHOLD = 0.9


@dataclass(frozen=True)
class Party:
    """A resolved `--linked-to` target."""

    entity_id: str
    caption: str
    how: str = "id"  # "id", "entity id", "name", or "matcher (score 0.93)"


@dataclass(frozen=True)
class Query:
    country: str | None = None  # upper-case code
    linked_to: Party | None = None
    depth: int = 1
    program: str | None = None

    def title(self, sources: Iterable[str]) -> str:
        """The query in words, for chart titles and report headings."""
        parts = ["Listed parties"]
        if self.linked_to is not None:
            hops = "" if self.depth == 1 else f" (within {self.depth} hops)"
            parts.append(f"linked to {self.linked_to.caption}{hops}")
        if self.country is not None:
            parts.append(f"tied to {country_name(self.country)} ({self.country})")
        if self.program is not None:
            parts.append(f"under {self.program}")
        return ", ".join(parts) + " — " + ", ".join(sources)


@dataclass(frozen=True)
class Point:
    date: date
    total: int
    added: int
    removed: int
    version_id: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "total": self.total,
            "added": self.added,
            "removed": self.removed,
        }


@dataclass
class Exposed:
    """One party in an exposure answer."""

    source: str
    facts: StateFacts
    evidence: list[dict[str, str]]
    first_listed: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.facts.entity_id,
            "source": self.source,
            "source_id": self.facts.source_id,
            "schema": self.facts.schema,
            "caption": self.facts.caption,
            "evidence": self.evidence,
            "first_listed": self.first_listed.isoformat(),
        }


@dataclass
class _Span:
    key: Key
    state_id: int
    start: int  # step index
    end: int | None  # step index, exclusive


@dataclass
class History:
    """Every span of the chosen sources on one version order, with per-state facts cached."""

    store: Store
    sources: list[str]
    steps: list[Version]
    spans: list[_Span]
    starts: list[list[int]] = field(default_factory=list)
    ends: list[list[int]] = field(default_factory=list)
    computed: int = 0  # states whose facts were computed while loading

    @classmethod
    def load(cls, store: Store, sources: Iterable[str] | None = None) -> History:
        known = store.sources()
        chosen = sorted(set(sources)) if sources else known
        unknown = [s for s in chosen if s not in known]
        if unknown:
            raise UnknownSource(
                f"no versions of {', '.join(unknown)} are loaded"
                + (f"; loaded sources: {', '.join(known)}" if known else "")
            )
        if not chosen:
            raise NoVersion("no list versions are loaded")
        versions = [v for s in chosen for v in store.versions(s)]
        # Per source the store's order is (published, id); the merged order keeps it.
        order = {v.id: i for i, v in enumerate(versions)}
        steps = sorted(versions, key=lambda v: (v.published, v.source, order[v.id]))
        index = {v.id: i for i, v in enumerate(steps)}
        spans: list[_Span] = []
        computed = 0
        for source in chosen:
            raw = store.spans(source)
            computed += cache.ensure_facts(store, source, {s.state_id for s in raw})
            spans.extend(
                _Span(
                    (source, s.entity_id),
                    s.state_id,
                    index[s.start_version_id],
                    None if s.end_version_id is None else index[s.end_version_id],
                )
                for s in raw
            )
        history = cls(store, chosen, steps, spans, computed=computed)
        history.starts = [[] for _ in steps]
        history.ends = [[] for _ in steps]
        for i, span in enumerate(spans):
            history.starts[span.start].append(i)
            if span.end is not None:
                history.ends[span.end].append(i)
        return history

    # -- lookups -------------------------------------------------------------------------

    def step_at(self, day: date) -> int:
        """The last version published on or before `day`; `NoVersion` if there is none."""
        dates = [v.published for v in self.steps]
        i = bisect.bisect_right(dates, day) - 1
        if i < 0:
            first = self.steps[0].published
            raise NoVersion(
                f"no version of {', '.join(self.sources)} in force on {day}: "
                f"the first was published {first}"
            )
        return i

    def resolve_party(self, ref: str) -> Party:
        """A source record id (`4695`), an entity id (`ofac-4695`), an exact caption, else a
        name the matcher finds one listed party for (at or above MATCH_THRESHOLD)."""
        text = squash_spaces(ref)
        rows = cache.captions(self.store.engine, self.sources)
        latest: dict[str, str] = {}
        for _, entity_id, _, caption in rows:
            latest[entity_id] = caption
        for how, test in (
            ("entity id", lambda r: r[1] == text),
            ("id", lambda r: r[2] == text),
            ("name", lambda r: squash_spaces(r[3]).casefold() == text.casefold()),
        ):
            found = sorted({r[1] for r in rows if test(r)})
            if len(found) == 1:
                return Party(found[0], self._caption(found[0], latest), how)
            if len(found) > 1:
                raise AmbiguousParty(ref, [f"{e} ({self._caption(e, latest)})" for e in found])
        matched = self._match_name(text)
        if len(matched) == 1:
            entity_id, caption, score = matched[0]
            return Party(entity_id, caption, f"matcher (score {score:.2f})")
        if len(matched) > 1:
            raise AmbiguousParty(
                ref, [f"{e} ({caption}, score {score:.2f})" for e, caption, score in matched]
            )
        raise UnknownParty(
            f"no listed party in {', '.join(self.sources)} has the id, entity id or name {ref!r}"
        )

    def _match_name(self, text: str) -> list[tuple[str, str, float]]:
        """Listed parties (latest versions) whose names the screening matcher scores at or
        above MATCH_THRESHOLD for `text`: (entity id, caption, score), best first."""
        try:
            from embargo.match import Query as MatchQuery
            from embargo.match import Screener
        except ImportError:  # pragma: no cover - screening is part of the package
            return []
        screener = Screener.from_store(self.store, None, self.sources)
        matches = screener.match(
            MatchQuery(name=text, schema="LegalEntity"), threshold=MATCH_THRESHOLD, limit=10
        )
        best: dict[str, tuple[str, float]] = {}
        for m in matches:
            if m.entity_id not in best or m.score > best[m.entity_id][1]:
                best[m.entity_id] = (m.caption, m.score)
        return sorted(((e, c, s) for e, (c, s) in best.items()), key=lambda x: -x[2])

    def _caption(self, entity_id: str, fallback: dict[str, str]) -> str:
        # The caption the party had in its latest stored state.
        best: tuple[int, int] | None = None
        for i, span in enumerate(self.spans):
            if span.key[1] == entity_id and (best is None or span.start > best[0]):
                best = (span.start, i)
        if best is not None:
            facts = cache.load_facts(self.store.engine, [self.spans[best[1]].state_id])
            if facts:
                return next(iter(facts.values())).caption
        return fallback.get(entity_id, entity_id)

    def check_program(self, program: str) -> str:
        known = cache.known_programs(self.store.engine, self.sources)
        if program.upper() not in known:
            raise UnknownProgram(
                f"no stored record of {', '.join(self.sources)} is under programme {program!r}"
            )
        return program.upper()

    # -- filters -------------------------------------------------------------------------

    def _allowed(self, query: Query) -> set[int] | None:
        """State ids passing the per-state filters (country, programme); None = all."""
        allowed: set[int] | None = None
        engine = self.store.engine
        if query.country is not None:
            allowed = set()
            for source in self.sources:
                allowed |= cache.states_with_country(engine, source, query.country)
        if query.program is not None:
            by_program: set[int] = set()
            for source in self.sources:
                by_program |= cache.states_with_program(engine, source, query.program)
            allowed = by_program if allowed is None else allowed & by_program
        return allowed

    def _links(self) -> dict[int, list[tuple[str, str]]]:
        links: dict[int, list[tuple[str, str]]] = {}
        for source in self.sources:
            links.update(cache.state_links(self.store.engine, source))
        return links

    # -- answers -------------------------------------------------------------------------

    def timeline(
        self, query: Query, start: date | None = None, end: date | None = None
    ) -> list[Point]:
        """One point per stored version published in [start, end]: the number of parties
        matching the query, and how many entered and left the set since the version before."""
        if end is not None:
            self.step_at(end)  # a range ending before the first version is an error
        allowed = self._allowed(query)
        links = self._links() if query.linked_to is not None else {}
        graph = LinkGraph()
        members: set[Key] = set()
        reached: set[str] = set()
        current: set[Key] = set()
        points: list[Point] = []
        for k, version in enumerate(self.steps):
            if end is not None and version.published > end:
                break
            left: set[Key] = set()
            entered: set[Key] = set()
            graph_changed = False
            for i in self.ends[k]:
                span = self.spans[i]
                if allowed is None or span.state_id in allowed:
                    members.discard(span.key)
                    left.add(span.key)
                for a, b in links.get(span.state_id, ()):
                    graph.remove(a, b)
                    graph_changed = True
            for i in self.starts[k]:
                span = self.spans[i]
                if allowed is None or span.state_id in allowed:
                    members.add(span.key)
                    entered.add(span.key)
                for a, b in links.get(span.state_id, ()):
                    graph.add(a, b)
                    graph_changed = True
            if query.linked_to is None:
                added = len(entered - left)
                removed = len(left - entered)
                total = len(members)
            else:
                if graph_changed:
                    reached = graph.within(query.linked_to.entity_id, query.depth)
                if graph_changed or left or entered:
                    new = {(s, e) for e in reached for s in self.sources if (s, e) in members}
                    added, removed = len(new - current), len(current - new)
                    current = new
                else:
                    added = removed = 0
                total = len(current)
            if start is None or version.published >= start:
                points.append(
                    Point(version.published, total, added, removed, version.id, version.source)
                )
        return points

    def active(self, step: int) -> list[_Span]:
        return [s for s in self.spans if s.start <= step and (s.end is None or s.end > step)]

    def exposure(self, query: Query, day: date | None = None) -> list[Exposed]:
        """The parties matching the query in the versions in force on `day` (default: latest)."""
        step = len(self.steps) - 1 if day is None else self.step_at(day)
        active = self.active(step)
        allowed = self._allowed(query)
        chosen = [s for s in active if allowed is None or s.state_id in allowed]
        if query.linked_to is not None:
            links = self._links()
            graph = LinkGraph()
            for span in active:
                for a, b in links.get(span.state_id, ()):
                    graph.add(a, b)
            reached = graph.within(query.linked_to.entity_id, query.depth)
            chosen = [s for s in chosen if s.key[1] in reached]
        facts = cache.load_facts(self.store.engine, [s.state_id for s in chosen])
        first = self.first_listed({s.key for s in chosen})
        found = [
            Exposed(
                span.key[0],
                facts[span.state_id],
                [e.to_dict() for e in facts[span.state_id].evidence_for(query.country)],
                first[span.key],
            )
            for span in chosen
        ]
        found.sort(key=lambda x: (x.source, natural_key(x.facts.source_id)))
        return found

    def first_listed(self, keys: set[Key]) -> dict[Key, date]:
        """The publication date of the earliest stored version holding each record."""
        first: dict[Key, int] = {}
        for span in self.spans:
            if span.key in keys and (span.key not in first or span.start < first[span.key]):
                first[span.key] = span.start
        return {k: self.steps[i].published for k, i in first.items()}
