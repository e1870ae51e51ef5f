"""The versioned list store (SQLAlchemy 2 Core; SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)

from embargo.settings import database_url
from embargo.sources.base import ParsedList, Problem, Record
from embargo.store import schema as t
from embargo.store.publication import file_checksum, resolve_published
from embargo.store.records import decode, encode, external_refs, field_changes
from embargo.store.types import (
    Changes,
    FieldChange,
    LoadResult,
    RecordChange,
    RecordRef,
    Span,
    StoreError,
    Version,
    VersionNotFound,
)

CHUNK = 500  # ids per IN (...) list: well under every driver's parameter limit
_DATE_REF = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class _Held:
    """A span in force at some position, with its content hash."""

    span_id: int
    state_id: int
    hash: str
    end_ord: int | None


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def natural_key(value: str) -> tuple[tuple[int, int | str], ...]:
    """Sort "36" before "306" before "10001": publisher ids are mostly numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", value)
        if part
    )


def _in_force(ordinal: int) -> Any:
    return and_(
        t.spans.c.start_ord <= ordinal,
        or_(t.spans.c.end_ord.is_(None), t.spans.c.end_ord > ordinal),
    )


class Store:
    """Every loaded version of every source; the changes between any two versions of a source."""

    def __init__(self, url: str) -> None:
        self.url = database_url(url)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        t.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- loading -------------------------------------------------------------------------

    def load(
        self,
        parsed: ParsedList,
        published: date | None = None,
        filename: str | None = None,
        checksum: str | None = None,
    ) -> LoadResult:
        """Store a parsed list as a new version of its source, in one transaction."""
        source = parsed.source
        day = resolve_published(parsed.published, published, filename or parsed.path)
        if checksum is None:
            checksum = _fallback_checksum(parsed)
        problems = list(parsed.problems)
        encoded: dict[str, tuple[str, bytes, Record]] = {}
        for record in parsed.records:
            if record.entity_id in encoded:
                problems.append(
                    Problem(
                        parsed.path,
                        f"record {record.source_id}",
                        f"duplicate entity id {record.entity_id}; this later entry was not stored",
                    )
                )
                continue
            digest, data = encode(record)
            encoded[record.entity_id] = (digest, data, record)

        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Serialise loads of one source: positions are renumbered below.
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": source})
            known = conn.execute(
                select(t.versions)
                .where(t.versions.c.source == source, t.versions.c.checksum == checksum)
                .order_by(t.versions.c.id)
                .limit(1)
            ).first()
            if known is not None:
                return LoadResult(_version(known), False, 0, 0, 0, [])
            count = conn.execute(
                select(func.count()).where(t.versions.c.source == source)
            ).scalar_one()
            pos = conn.execute(
                select(func.count()).where(
                    t.versions.c.source == source, t.versions.c.published <= day
                )
            ).scalar_one()
            if pos < count:
                _shift(conn, source, pos)
            last = count  # the highest position once this version is in
            version_id = conn.execute(
                insert(t.versions)
                .values(
                    source=source,
                    published=day,
                    ordinal=pos,
                    checksum=checksum,
                    loaded_at=datetime.now(UTC),
                    filename=filename or Path(parsed.path).name,
                    format=parsed.format or None,
                    record_count=len(encoded),
                    problem_count=len(problems),
                )
                .returning(t.versions.c.id)
            ).scalar_one()

            prev = _held_at(conn, source, pos - 1) if pos > 0 else {}
            added = [e for e in encoded if e not in prev]
            removed = [e for e in prev if e not in encoded]
            changed = [e for e in encoded if e in prev and prev[e].hash != encoded[e][0]]
            state_ids = _ensure_states(conn, source, [encoded[e] for e in added + changed])
            _close(conn, source, pos, last, [(e, prev[e]) for e in removed + changed])
            _open(
                conn,
                source,
                pos,
                last,
                [(e, state_ids[encoded[e][0]]) for e in added + changed],
            )
            conn.execute(
                update(t.versions)
                .where(t.versions.c.id == version_id)
                .values(added=len(added), removed=len(removed), changed=len(changed))
            )
            if pos < last:
                _recount(conn, source, pos + 1)
            if problems:
                conn.execute(
                    insert(t.problems),
                    [
                        {
                            "version_id": version_id,
                            "path": p.path,
                            "location": p.location,
                            "reason": p.reason,
                        }
                        for p in problems
                    ],
                )
            row = conn.execute(select(t.versions).where(t.versions.c.id == version_id)).one()
        return LoadResult(_version(row), True, len(added), len(removed), len(changed), problems)

    # -- versions ------------------------------------------------------------------------

    def sources(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.versions.c.source).distinct().order_by("source"))
            return [r[0] for r in rows]

    def versions(self, source: str | None = None) -> list[Version]:
        query = select(t.versions).order_by(t.versions.c.source, t.versions.c.ordinal)
        if source is not None:
            query = query.where(t.versions.c.source == source)
        with self.engine.connect() as conn:
            return [_version(r) for r in conn.execute(query)]

    def get(self, version_id: int) -> Version:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.versions).where(t.versions.c.id == version_id)).first()
        if row is None:
            raise VersionNotFound(f"no version with id {version_id}")
        return _version(row)

    def find_checksum(self, source: str, checksum: str) -> Version | None:
        """The version of `source` loaded from a file with this checksum, if any."""
        query = (
            select(t.versions)
            .where(t.versions.c.source == source, t.versions.c.checksum == checksum)
            .order_by(t.versions.c.id)
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _version(row)

    def latest(self, source: str) -> Version | None:
        query = (
            select(t.versions)
            .where(t.versions.c.source == source)
            .order_by(t.versions.c.ordinal.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _version(row)

    def version_at(self, source: str, day: date) -> Version | None:
        """The version in force on `day`: the latest published on or before it."""
        query = (
            select(t.versions)
            .where(t.versions.c.source == source, t.versions.c.published <= day)
            .order_by(t.versions.c.ordinal.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _version(row)

    def resolve(self, source: str, ref: str) -> Version:
        """A version from a YYYY-MM-DD date (the one in force that day) or a version id."""
        ref = ref.strip()
        if _DATE_REF.match(ref):
            try:
                day = date.fromisoformat(ref)
            except ValueError as exc:
                raise VersionNotFound(f"{ref!r} is not a valid date") from exc
            found = self.version_at(source, day)
            if found is None:
                known = self.versions(source)
                if not known:
                    raise VersionNotFound(f"no versions of {source} are loaded")
                raise VersionNotFound(
                    f"no version of {source} in force on {day}: "
                    f"the first was published {known[0].published}"
                )
            return found
        if ref.isdigit():
            version = self.get(int(ref))
            if version.source != source:
                raise VersionNotFound(f"version {ref} belongs to {version.source}, not {source}")
            return version
        raise VersionNotFound(f"{ref!r} is neither a date (YYYY-MM-DD) nor a version id")

    def problems(self, version: Version) -> list[Problem]:
        query = (
            select(t.problems.c.path, t.problems.c.location, t.problems.c.reason)
            .where(t.problems.c.version_id == version.id)
            .order_by(t.problems.c.id)
        )
        with self.engine.connect() as conn:
            return [Problem(*r) for r in conn.execute(query)]

    def schema_counts(self, version: Version) -> dict[str, int]:
        """Records in force in a version, by the listed entity's schema."""
        with self.engine.connect() as conn:
            ordinal = _ordinal(conn, version.id)
            rows = conn.execute(
                select(t.states.c.schema, func.count())
                .select_from(t.spans.join(t.states, t.states.c.id == t.spans.c.state_id))
                .where(t.spans.c.source == version.source, _in_force(ordinal))
                .group_by(t.states.c.schema)
                .order_by(t.states.c.schema)
            )
            return {schema: n for schema, n in rows}

    # -- records -------------------------------------------------------------------------

    def records(self, version: Version, related: Container[str] | None = None) -> Iterator[Record]:
        """The records in force in a version, in publisher id order; with `related`, each
        with only its related entities of those schemata."""
        for data in self.encoded_records(version):
            yield decode(data, related)

    def encoded_records(self, version: Version) -> list[bytes]:
        """records(), each still as stored (store.records.decode reads it back): for a reader
        that decodes them in several processes."""
        with self.engine.connect() as conn:
            ordinal = _ordinal(conn, version.id)
            rows = conn.execute(
                select(t.states.c.source_id, t.states.c.data)
                .select_from(t.spans.join(t.states, t.states.c.id == t.spans.c.state_id))
                .where(t.spans.c.source == version.source, _in_force(ordinal))
            ).all()
        rows.sort(key=lambda r: natural_key(r[0]))
        return [data for _, data in rows]

    def records_as_of(
        self,
        day: date | None = None,
        sources: Iterable[str] | None = None,
        related: Container[str] | None = None,
    ) -> Iterator[tuple[Version, Record]]:
        """Each source's version in force on `day` (the latest if None) with its records (see
        records() for `related`)."""
        for version in self.versions_as_of(day, sources):
            for record in self.records(version, related):
                yield version, record

    def versions_as_of(
        self, day: date | None = None, sources: Iterable[str] | None = None
    ) -> list[Version]:
        """Each source's version in force on `day` (the latest if None), by source name."""
        found = []
        for source in sorted(sources) if sources is not None else self.sources():
            version = self.latest(source) if day is None else self.version_at(source, day)
            if version is not None:
                found.append(version)
        return found

    # -- changes -------------------------------------------------------------------------

    def changes(self, old: Version, new: Version) -> Changes:
        """What was added, removed and changed from `old` to `new` (same source)."""
        if old.source != new.source:
            raise StoreError(f"cannot compare versions of {old.source} and {new.source}")
        source = old.source
        with self.engine.connect() as conn:
            before = _refs_at(conn, source, _ordinal(conn, old.id))
            after = _refs_at(conn, source, _ordinal(conn, new.id))
            changed_ids = sorted(
                (e for e in after if e in before and before[e][0] != after[e][0]),
                key=lambda e: natural_key(after[e][1].source_id),
            )
            wanted = [before[e][0] for e in changed_ids] + [after[e][0] for e in changed_ids]
            records = _load_states(conn, wanted)
            refs: set[str] = set()
            for state_id in wanted:
                refs |= external_refs(records[state_id])
            captions = _captions(conn, source, sorted(refs))
        result = Changes(old=old, new=new)
        result.added = sorted(
            (after[e][1] for e in after if e not in before), key=lambda r: natural_key(r.source_id)
        )
        result.removed = sorted(
            (before[e][1] for e in before if e not in after),
            key=lambda r: natural_key(r.source_id),
        )
        for entity_id in changed_ids:
            ref = after[entity_id][1]
            diff = field_changes(
                records[before[entity_id][0]], records[after[entity_id][0]], captions
            )
            result.changed.append(
                RecordChange(
                    entity_id=ref.entity_id,
                    source_id=ref.source_id,
                    schema=ref.schema,
                    caption=ref.caption,
                    fields={k: FieldChange(old=a, new=b) for k, (a, b) in diff.items()},
                )
            )
        return result

    # -- insight support -----------------------------------------------------------------

    def spans(self, source: str) -> list[Span]:
        """Every (record, content, from version, to version) stretch of a source's history."""
        with self.engine.connect() as conn:
            by_ord = _ordinal_map(conn, source)
            rows = conn.execute(
                select(
                    t.spans.c.entity_id,
                    t.states.c.source_id,
                    t.spans.c.state_id,
                    t.spans.c.start_ord,
                    t.spans.c.end_ord,
                )
                .select_from(t.spans.join(t.states, t.states.c.id == t.spans.c.state_id))
                .where(t.spans.c.source == source)
                .order_by(t.spans.c.entity_id, t.spans.c.start_ord)
            )
            return [
                Span(e, sid, state, by_ord[start], None if end is None else by_ord[end])
                for e, sid, state, start, end in rows
            ]

    def states(self, state_ids: Iterable[int]) -> dict[int, Record]:
        with self.engine.connect() as conn:
            return _load_states(conn, list(state_ids))

    def first_listed(self, source: str) -> dict[str, date]:
        """Per entity, the publication date of the earliest version that holds it."""
        with self.engine.connect() as conn:
            published = {
                o: d
                for o, d in conn.execute(
                    select(t.versions.c.ordinal, t.versions.c.published).where(
                        t.versions.c.source == source
                    )
                )
            }
            rows = conn.execute(
                select(t.spans.c.entity_id, func.min(t.spans.c.start_ord))
                .where(t.spans.c.source == source)
                .group_by(t.spans.c.entity_id)
            )
            return {e: published[o] for e, o in rows}

    # -- conditional GET memory (embargo update) -----------------------------------------

    def http_validators(self, url: str) -> dict[str, str | None] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.http_cache).where(t.http_cache.c.url == url)).first()
        if row is None:
            return None
        return {"etag": row.etag, "last_modified": row.last_modified, "checksum": row.checksum}

    def remember_http(
        self, url: str, etag: str | None, last_modified: str | None, checksum: str | None
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.http_cache.delete().where(t.http_cache.c.url == url))
            conn.execute(
                insert(t.http_cache).values(
                    url=url,
                    etag=etag,
                    last_modified=last_modified,
                    checksum=checksum,
                    fetched_at=datetime.now(UTC),
                )
            )

    # -- sizes ---------------------------------------------------------------------------

    def row_counts(self) -> dict[str, int]:
        """Rows per table (tests compare them before and after a failed load)."""
        with self.engine.connect() as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in t.metadata.sorted_tables
            }


# -- helpers (all run inside the caller's connection / transaction) ----------------------


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _version(row: Any) -> Version:
    loaded_at = row.loaded_at
    if loaded_at.tzinfo is None:  # SQLite keeps no zone; we always write UTC
        loaded_at = loaded_at.replace(tzinfo=UTC)
    return Version(
        id=row.id,
        source=row.source,
        published=row.published,
        checksum=row.checksum,
        loaded_at=loaded_at,
        filename=row.filename,
        format=row.format,
        record_count=row.record_count,
        added=row.added,
        removed=row.removed,
        changed=row.changed,
        problem_count=row.problem_count,
    )


def _fallback_checksum(parsed: ParsedList) -> str:
    """The file's sha256 when the caller gave none; content hash if there is no file."""
    path = Path(parsed.path)
    if path.is_file():
        return file_checksum([path])
    digest = hashlib.sha256()
    for record in parsed.records:
        digest.update(encode(record)[0].encode("ascii"))
    return digest.hexdigest()


def _ordinal(conn: Connection, version_id: int) -> int:
    found = conn.execute(
        select(t.versions.c.ordinal).where(t.versions.c.id == version_id)
    ).scalar_one_or_none()
    if found is None:
        raise VersionNotFound(f"no version with id {version_id}")
    return int(found)


def _ordinal_map(conn: Connection, source: str) -> dict[int, int]:
    rows = conn.execute(
        select(t.versions.c.ordinal, t.versions.c.id).where(t.versions.c.source == source)
    )
    return {o: i for o, i in rows}


def _shift(conn: Connection, source: str, pos: int) -> None:
    """Open position `pos` for an older version arriving late.

    Spans in force at pos-1 are stretched over the new slot, so it starts as a copy of its
    predecessor; the load then applies the differences to it.
    """
    conn.execute(
        update(t.versions)
        .where(t.versions.c.source == source, t.versions.c.ordinal >= pos)
        .values(ordinal=t.versions.c.ordinal + 1)
    )
    conn.execute(
        update(t.spans)
        .where(t.spans.c.source == source, t.spans.c.start_ord >= pos)
        .values(start_ord=t.spans.c.start_ord + 1)
    )
    conn.execute(
        update(t.spans)
        .where(t.spans.c.source == source, t.spans.c.end_ord >= pos)
        .values(end_ord=t.spans.c.end_ord + 1)
    )


def _held_at(conn: Connection, source: str, ordinal: int) -> dict[str, _Held]:
    rows = conn.execute(
        select(
            t.spans.c.entity_id,
            t.spans.c.id,
            t.spans.c.state_id,
            t.states.c.hash,
            t.spans.c.end_ord,
        )
        .select_from(t.spans.join(t.states, t.states.c.id == t.spans.c.state_id))
        .where(t.spans.c.source == source, _in_force(ordinal))
    )
    return {e: _Held(s, st, h, end) for e, s, st, h, end in rows}


def _state_ids_at(conn: Connection, source: str, ordinal: int) -> dict[str, int]:
    rows = conn.execute(
        select(t.spans.c.entity_id, t.spans.c.state_id).where(
            t.spans.c.source == source, _in_force(ordinal)
        )
    )
    return {e: s for e, s in rows}


def _refs_at(conn: Connection, source: str, ordinal: int) -> dict[str, tuple[int, RecordRef]]:
    rows = conn.execute(
        select(
            t.spans.c.entity_id,
            t.spans.c.state_id,
            t.states.c.source_id,
            t.states.c.schema,
            t.states.c.caption,
        )
        .select_from(t.spans.join(t.states, t.states.c.id == t.spans.c.state_id))
        .where(t.spans.c.source == source, _in_force(ordinal))
    )
    return {e: (st, RecordRef(e, sid, schema, cap)) for e, st, sid, schema, cap in rows}


def _ensure_states(
    conn: Connection, source: str, items: list[tuple[str, bytes, Record]]
) -> dict[str, int]:
    """State ids by hash, inserting the contents not stored yet (in bulk)."""
    wanted = {digest: (data, record) for digest, data, record in items}
    ids: dict[str, int] = {}
    hashes = list(wanted)
    for chunk in _chunks(hashes):
        rows = conn.execute(
            select(t.states.c.hash, t.states.c.id).where(
                t.states.c.source == source, t.states.c.hash.in_(chunk)
            )
        )
        ids.update({h: i for h, i in rows})
    missing = [h for h in hashes if h not in ids]
    if missing:
        rows = [
            {
                "source": source,
                "entity_id": wanted[h][1].entity_id,
                "source_id": wanted[h][1].source_id,
                "schema": wanted[h][1].entity.schema.name,
                "caption": wanted[h][1].entity.caption or wanted[h][1].source_id,
                "hash": h,
                "data": wanted[h][0],
            }
            for h in missing
        ]
        result = conn.execute(
            insert(t.states).returning(
                t.states.c.hash, t.states.c.id, sort_by_parameter_order=True
            ),
            rows,
        )
        ids.update({h: i for h, i in result})
    return ids


def _close(
    conn: Connection, source: str, pos: int, last: int, held: list[tuple[str, _Held]]
) -> None:
    """End spans at `pos`; where they reached beyond it, keep the part after `pos`."""
    if not held:
        return
    conn.execute(
        update(t.spans).where(t.spans.c.id == bindparam("span_id")).values(end_ord=pos),
        [{"span_id": h.span_id} for _, h in held],
    )
    rest = [
        {
            "source": source,
            "entity_id": entity_id,
            "state_id": h.state_id,
            "start_ord": pos + 1,
            "end_ord": h.end_ord,
        }
        for entity_id, h in held
        if (h.end_ord is None and pos < last) or (h.end_ord is not None and h.end_ord > pos + 1)
    ]
    if rest:
        conn.execute(insert(t.spans), rest)


def _open(conn: Connection, source: str, pos: int, last: int, items: list[tuple[str, int]]) -> None:
    """Start spans at `pos`, joining a span of the same content that starts right after."""
    if not items:
        return
    following: dict[str, tuple[int, int]] = {}
    if pos < last:
        rows = conn.execute(
            select(t.spans.c.entity_id, t.spans.c.id, t.spans.c.state_id).where(
                t.spans.c.source == source, t.spans.c.start_ord == pos + 1
            )
        )
        following = {e: (i, s) for e, i, s in rows}
    joined: list[dict[str, int]] = []
    fresh: list[dict[str, Any]] = []
    for entity_id, state_id in items:
        after = following.get(entity_id)
        if after is not None and after[1] == state_id:
            joined.append({"span_id": after[0]})
        else:
            fresh.append(
                {
                    "source": source,
                    "entity_id": entity_id,
                    "state_id": state_id,
                    "start_ord": pos,
                    "end_ord": None if pos == last else pos + 1,
                }
            )
    if joined:
        conn.execute(
            update(t.spans).where(t.spans.c.id == bindparam("span_id")).values(start_ord=pos),
            joined,
        )
    if fresh:
        conn.execute(insert(t.spans), fresh)


def _recount(conn: Connection, source: str, ordinal: int) -> None:
    """Recompute a version's added/removed/changed after its predecessor changed."""
    before = _state_ids_at(conn, source, ordinal - 1)
    after = _state_ids_at(conn, source, ordinal)
    conn.execute(
        update(t.versions)
        .where(t.versions.c.source == source, t.versions.c.ordinal == ordinal)
        .values(
            added=sum(1 for e in after if e not in before),
            removed=sum(1 for e in before if e not in after),
            changed=sum(1 for e in after if e in before and before[e] != after[e]),
        )
    )


def _load_states(conn: Connection, state_ids: list[int]) -> dict[int, Record]:
    found: dict[int, Record] = {}
    unique = sorted(set(state_ids))
    for chunk in _chunks(unique):
        rows = conn.execute(select(t.states.c.id, t.states.c.data).where(t.states.c.id.in_(chunk)))
        found.update({i: decode(d) for i, d in rows})
    return found


def _captions(conn: Connection, source: str, entity_ids: list[str]) -> dict[str, str]:
    """Captions of referenced records (the latest stored content of each)."""
    captions: dict[str, str] = {}
    for chunk in _chunks(entity_ids):
        rows = conn.execute(
            select(t.states.c.entity_id, t.states.c.caption)
            .where(t.states.c.source == source, t.states.c.entity_id.in_(chunk))
            .order_by(t.states.c.id)
        )
        captions.update({e: c for e, c in rows})
    return captions
