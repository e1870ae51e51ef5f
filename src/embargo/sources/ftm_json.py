"""FollowTheMoney entities as JSON lines (OpenSanctions `entities.ftm.json`, yente fixtures), and
OpenSanctions `targets.nested.json` (the same, with adjacent entities nested in properties).

Every Thing entity (Person, Organization, Company, Vessel, Position ...) is a record whose
`source_id` is its FtM id, kept as-is: OpenSanctions ids are already global. Interval and link
entities (Sanction, Ownership, Family, Occupancy, Identification, Payment ...) and Addresses
hang on the record of the Thing they belong to (`related`):

- a link goes with the first Thing it references, its edge source first (Ownership.owner,
  Family.person, Payment.payer), then its other entity properties in schema order
  (Sanction.entity, Identification.holder ...);
- an Address goes with the first Thing (in file order) whose `addressEntity` names it.

A link or Address that references no Thing in the file is a record of its own.
OpenSanctions' own metadata (datasets, referents, first_seen, last_seen, last_change, target,
caption) is not part of the FtM entity and is kept in `raw`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy, model
from followthemoney.exc import FollowTheMoneyException

from embargo.sources import files
from embargo.sources.base import ParsedList, Problem, Record, SourceError

FORMAT = "ftm_json"
SOURCE = "opensanctions"
_HEAD = re.compile(rb'^\s*\{.*"(schema|properties)"\s*:', re.S)
_SCHEMA = re.compile(rb'"schema"\s*:\s*"[A-Z][A-Za-z]+"')
_META = ("caption", "datasets", "referents", "first_seen", "last_seen", "last_change", "target")


def sniff(path: Path, head: bytes) -> str | None:
    if not _HEAD.match(head):
        return None
    first = head.split(b"\n", 1)[0]
    # Senzing and other JSON lines exports have no FtM "schema" field.
    if _SCHEMA.search(first) or (b'"properties"' in first and b'"id"' in first):
        return SOURCE
    return None


def parse(path: Path, source: str = SOURCE) -> ParsedList:
    data = files.read_bytes(path)
    problems: list[Problem] = []
    entities: list[tuple[int, EntityProxy, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for line_no, line, complete in iter_lines(data):
        where = f"line {line_no}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if not complete:
                raise SourceError(
                    str(path), f"file ends inside a JSON line (truncated?): {exc}", where
                ) from exc
            problems.append(Problem(str(path), where, f"not valid JSON: {exc}"))
            continue
        try:
            flat = flatten(obj)
        except ValueError as exc:
            problems.append(Problem(str(path), where, str(exc)))
            continue
        for item in flat:
            entity, issue = to_entity(item)
            if entity is None:
                problems.append(Problem(str(path), where, issue or "not an FtM entity"))
                continue
            if issue:
                problems.append(Problem(str(path), where, issue))
            assert entity.id is not None
            if entity.id in seen:
                # Nested exports repeat shared entities; merge rather than duplicate.
                _, existing, meta = entities[seen[entity.id]]
                try:
                    existing.merge(entity)
                except FollowTheMoneyException as exc:
                    problems.append(Problem(str(path), where, f"entity {entity.id}: {exc}"))
                continue
            seen[entity.id] = len(entities)
            entities.append((line_no, entity, meta_of(item)))
    if not entities and problems:
        # Not one line was an entity: this is some other JSON, not a damaged FtM file.
        raise SourceError(str(path), f"no FtM entity in the file ({problems[0].reason})", "line 1")
    records = group(entities)
    return ParsedList(source, str(path), records, published(entities), problems, FORMAT)


def iter_lines(data: bytes) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes, whether the line ended with a newline)."""
    lines = data.split(b"\n")
    for index, raw in enumerate(lines):
        last = index == len(lines) - 1
        if last and not raw:
            return
        yield index + 1, raw, not last


def flatten(obj: Any) -> list[dict[str, Any]]:
    """An entity and the entities nested in its properties (targets.nested.json), each with
    plain id references. Reverse properties (`sanctions`, `ownershipOwner` ...) are only the
    nested entity seen from this side; the nested entity itself carries the forward link."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    out: list[dict[str, Any]] = []
    props = obj.get("properties")
    schema = model.get(obj.get("schema", "")) if isinstance(obj.get("schema"), str) else None
    if isinstance(props, dict) and any(
        isinstance(v, dict) for vs in props.values() if isinstance(vs, list) for v in vs
    ):
        flat_props: dict[str, Any] = {}
        for name, values in props.items():
            if not isinstance(values, list):
                flat_props[name] = values
                continue
            prop = schema.get(name) if schema is not None else None
            kept = []
            for value in values:
                if isinstance(value, dict):
                    out.extend(flatten(value))
                    if prop is not None and not prop.stub:
                        kept.append(value.get("id"))
                else:
                    kept.append(value)
            if kept:
                flat_props[name] = kept
        obj = {**obj, "properties": flat_props}
    return [obj, *out]


def to_entity(obj: dict[str, Any]) -> tuple[EntityProxy | None, str | None]:
    """The entity, and a note on anything in it FtM could not place."""
    if not obj.get("id") or not isinstance(obj.get("id"), str):
        return None, "entity without an id"
    schema = model.get(obj.get("schema") or "")
    if schema is None:
        return None, f"entity {obj['id']}: unknown schema {obj.get('schema')!r}"
    props = obj.get("properties") or {}
    if not isinstance(props, dict):
        return None, f"entity {obj['id']}: properties is not an object"
    unknown = sorted(k for k in props if schema.get(k) is None)
    try:
        entity = model.make_entity(schema)
        entity.id = obj["id"]
        for name, values in props.items():
            if name in unknown:
                continue
            for value in values if isinstance(values, list) else [values]:
                if value is None:
                    continue
                # Published FtM data is already clean; adding it as such keeps it verbatim.
                entity.unsafe_add(schema.properties[name], str(value), cleaned=True)
    except (FollowTheMoneyException, TypeError, ValueError) as exc:
        return None, f"entity {obj['id']}: {exc}"
    issue = None
    if unknown:
        issue = f"entity {obj['id']}: properties not in schema {schema.name}: {', '.join(unknown)}"
        if schema.get("notes") is not None:
            for name in unknown:
                entity.add("notes", f"{name}: {json.dumps(props[name], ensure_ascii=False)}")
    return entity, issue


def meta_of(obj: dict[str, Any]) -> dict[str, str]:
    """OpenSanctions metadata fields, as strings (lists and booleans JSON-encoded)."""
    meta: dict[str, str] = {}
    for key, value in obj.items():
        if key in ("id", "schema", "properties"):
            continue
        meta[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return meta


def is_record_schema(entity: EntityProxy) -> bool:
    return entity.schema.is_a("Thing") and not entity.schema.is_a("Address")


def owner_candidates(entity: EntityProxy) -> list[str]:
    """Ids a link entity refers to, the one it most belongs to first."""
    ids: list[str] = []
    schema = entity.schema
    if schema.edge_source:
        ids.extend(entity.get(schema.edge_source))
    for prop in schema.properties.values():
        if prop.type.name == "entity" and not prop.stub and prop.name != "proof":
            ids.extend(entity.get(prop))
    return list(dict.fromkeys(ids))


def group(entities: list[tuple[int, EntityProxy, dict[str, Any]]]) -> list[Record]:
    records: dict[str, Record] = {}
    for _, entity, meta in entities:
        if is_record_schema(entity):
            assert entity.id is not None
            records[entity.id] = Record(entity.id, entity, [], dict(meta))
    address_owner: dict[str, str] = {}
    for _, entity, _ in entities:
        if entity.id in records:
            for address_id in entity.get("addressEntity", quiet=True):
                address_owner.setdefault(address_id, entity.id)  # type: ignore[arg-type]
    for _, entity, meta in entities:
        assert entity.id is not None
        if entity.id in records:
            continue
        if entity.schema.is_a("Address"):
            owners = [address_owner[entity.id]] if entity.id in address_owner else []
        else:
            owners = [i for i in owner_candidates(entity) if i in records]
        if owners:
            record = records[owners[0]]
            record.related.append(entity)
            for key, value in meta.items():
                record.raw[f"{entity.id}/{key}"] = value
        else:
            records[entity.id] = Record(entity.id, entity, [], dict(meta))
    return list(records.values())


def published(entities: list[tuple[int, EntityProxy, dict[str, Any]]]) -> date | None:
    """The newest last_change / last_seen: when the exporting run last saw its data."""
    stamps = [
        meta[key][:10]
        for _, _, meta in entities
        for key in ("last_change", "last_seen")
        if meta.get(key)
    ]
    valid = [s for s in stamps if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)]
    return date.fromisoformat(max(valid)) if valid else None
