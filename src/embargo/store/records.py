"""Records as stored: canonical JSON, its hash, compression, and the fields compared in changes."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import defaultdict
from collections.abc import Container, Mapping
from typing import Any

from followthemoney import EntityProxy, registry

from embargo.sources.base import Record


def canonical(record: Record) -> dict[str, Any]:
    """`Record.to_dict()` with order-free parts sorted, so equal content hashes equally."""
    data = record.to_dict()
    data["entity"] = _canonical_entity(data["entity"])
    # Related entities are a set: order and exact repeats carry no meaning.
    unique = {_dumps(e): e for e in (_canonical_entity(r) for r in data["related"])}
    data["related"] = [unique[k] for k in sorted(unique)]
    return data


def _dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _canonical_entity(entity: dict[str, Any]) -> dict[str, Any]:
    props = entity.get("properties", {})
    return {
        **entity,
        "properties": {k: sorted(set(v)) for k, v in sorted(props.items()) if v},
    }


def encode(record: Record) -> tuple[str, bytes]:
    """(sha256 of canonical JSON, compressed canonical JSON)."""
    raw = _dumps(canonical(record)).encode("utf-8")
    return hashlib.sha256(raw).hexdigest(), zlib.compress(raw, 6)


def decode(data: bytes, related: Container[str] | None = None) -> Record:
    """A stored record; with `related`, only its related entities of those schemata (the
    screening index reads addresses and identity documents, not the Sanction entity every
    record has: a fifth less time to read all shared lists)."""
    content = json.loads(zlib.decompress(data))
    if related is not None:
        content["related"] = [r for r in content.get("related", ()) if r.get("schema") in related]
    return Record.from_dict(content)


def external_refs(record: Record) -> set[str]:
    """Entity ids this record points to that are not part of it (e.g. the target of "Linked To")."""
    local = {record.entity_id} | {r.id for r in record.related if r.id}
    refs: set[str] = set()
    for proxy in (record.entity, *record.related):
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity and value not in local:
                refs.add(value)
    return refs


def record_fields(record: Record, captions: Mapping[str, str]) -> dict[str, set[str]]:
    """The listed entity's properties by name, related entities' as "<Schema>.<prop>".

    Entity references are shown as their target's caption (from the record itself, else from
    `captions`); references back to the listed entity are left out, they never differ.
    """
    local: dict[str, str] = {r.id: r.caption for r in record.related if r.id}
    fields: dict[str, set[str]] = defaultdict(set)

    def add(key: str, proxy: EntityProxy) -> None:
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity:
                if value == record.entity_id:
                    continue
                value = local.get(value) or captions.get(value) or value
            fields[f"{key}{prop.name}"].add(value)

    add("", record.entity)
    for related in record.related:
        add(f"{related.schema.name}.", related)
    return fields


def field_changes(
    old: Record, new: Record, captions: Mapping[str, str]
) -> dict[str, tuple[list[str], list[str]]]:
    """Fields whose values differ; raw publisher fields only when nothing modelled differs."""
    changes: dict[str, tuple[list[str], list[str]]] = {}
    if old.entity.schema.name != new.entity.schema.name:
        changes["schema"] = ([old.entity.schema.name], [new.entity.schema.name])
    before, after = record_fields(old, captions), record_fields(new, captions)
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key, set()), after.get(key, set())
        if a != b:
            changes[key] = (sorted(a), sorted(b))
    if not changes:
        for key in sorted(old.raw.keys() | new.raw.keys()):
            a_raw, b_raw = old.raw.get(key), new.raw.get(key)
            if a_raw != b_raw:
                changes[f"raw.{key}"] = (
                    [] if a_raw is None else [a_raw],
                    [] if b_raw is None else [b_raw],
                )
    if not changes:
        # Same values, same raw row: only the ids of related entities moved (e.g. the parser
        # derives them differently now). Still a change of stored content; say which.
        a_ids = {r.id for r in old.related if r.id}
        b_ids = {r.id for r in new.related if r.id}
        if a_ids != b_ids:
            changes["related.id"] = (sorted(a_ids - b_ids), sorted(b_ids - a_ids))
    return changes
