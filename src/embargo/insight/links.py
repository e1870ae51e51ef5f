"""Links between parties: FtM relationship entities (UnknownLink, Ownership, Family, Associate,
Directorship, Membership ...) read generically through each schema's edge definition, and a
graph over them that answers "linked to X within N hops" both ways."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from followthemoney import EntityProxy

from embargo.sources.base import Record


@dataclass(frozen=True, order=True)
class Link:
    """One edge: `source` → `target` as the relationship entity states it."""

    source: str  # entity id at the schema's edge source (UnknownLink subject, Ownership owner)
    target: str  # entity id at the edge target (UnknownLink object, Ownership asset)
    schema: str  # "UnknownLink", "Ownership" ...
    role: str  # "Linked To", a family relationship, or the schema's edge label

    def other(self, entity_id: str) -> str:
        return self.target if self.source == entity_id else self.source

    def to_dict(self) -> dict[str, str]:
        return {
            "source": self.source,
            "target": self.target,
            "schema": self.schema,
            "role": self.role,
        }


def entity_links(entity: EntityProxy) -> list[Link]:
    schema = entity.schema
    if not schema.edge or not schema.edge_source or not schema.edge_target:
        return []
    roles = entity.get("role", quiet=True) or entity.get("relationship", quiet=True)
    role = roles[0] if roles else (schema.edge_label or schema.name)
    return [
        Link(s, t, schema.name, role)
        for s in entity.get(schema.edge_source, quiet=True)
        for t in entity.get(schema.edge_target, quiet=True)
        if s != t
    ]


def record_links(record: Record) -> list[Link]:
    """The edges a record states (the party itself may be a relationship entity)."""
    links: set[Link] = set()
    for entity in (record.entity, *record.related):
        links.update(entity_links(entity))
    return sorted(links)


class LinkGraph:
    """An undirected multigraph of entity ids; edges can be added and removed as list versions
    come and go (a count per edge, since two records may state the same link)."""

    def __init__(self) -> None:
        self._adj: dict[str, dict[str, int]] = defaultdict(dict)

    def add(self, a: str, b: str) -> None:
        self._adj[a][b] = self._adj[a].get(b, 0) + 1
        self._adj[b][a] = self._adj[b].get(a, 0) + 1

    def remove(self, a: str, b: str) -> None:
        for x, y in ((a, b), (b, a)):
            count = self._adj[x].get(y, 0) - 1
            if count > 0:
                self._adj[x][y] = count
            else:
                self._adj[x].pop(y, None)

    def add_links(self, links: Iterable[Link]) -> None:
        for link in links:
            self.add(link.source, link.target)

    def neighbours(self, entity_id: str) -> set[str]:
        return set(self._adj.get(entity_id, ()))

    def within(self, start: str, depth: int) -> set[str]:
        """Entities reachable from `start` in 1..depth hops (`start` itself excluded)."""
        seen = {start}
        frontier = {start}
        for _ in range(depth):
            nxt: set[str] = set()
            for node in frontier:
                nxt.update(n for n in self._adj.get(node, ()) if n not in seen)
            if not nxt:
                break
            seen |= nxt
            frontier = nxt
        seen.discard(start)
        return seen
