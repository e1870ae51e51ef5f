"""Tables: versions, content-addressed record states, and presence spans over version positions.

A record's content is stored once per distinct content (a *state*, keyed by its hash); which state
is in force in which version is a *span* over the source's version positions (`ordinal`, 0 = the
earliest published). A version that changes nothing costs one row, so storage grows with what
changed, not with the number of versions.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

versions = Table(
    "store_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False),
    Column("published", Date, nullable=False),
    # Position among the source's versions by (published, id); shifted when an older file
    # arrives late. Not unique-constrained: the shift updates rows one by one.
    Column("ordinal", Integer, nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("filename", Text),
    Column("format", String(64)),
    Column("record_count", Integer, nullable=False, default=0),
    Column("added", Integer, nullable=False, default=0),
    Column("removed", Integer, nullable=False, default=0),
    Column("changed", Integer, nullable=False, default=0),
    Column("problem_count", Integer, nullable=False, default=0),
    Index("ix_store_versions_source_ordinal", "source", "ordinal"),
    Index("ix_store_versions_source_checksum", "source", "checksum"),
    Index("ix_store_versions_source_published", "source", "published"),
)

states = Table(
    "store_states",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("source_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("caption", Text, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),  # zlib-compressed canonical JSON
    UniqueConstraint("source", "hash", name="uq_store_states_source_hash"),
    Index("ix_store_states_source_entity", "source", "entity_id"),
)

spans = Table(
    "store_spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("state_id", Integer, ForeignKey("store_states.id"), nullable=False),
    Column("start_ord", Integer, nullable=False),
    Column("end_ord", Integer),  # exclusive; NULL = still in force
    Index("ix_store_spans_source_start", "source", "start_ord"),
    Index("ix_store_spans_source_end", "source", "end_ord"),
    Index("ix_store_spans_source_entity", "source", "entity_id"),
    Index("ix_store_spans_state", "state_id"),
)

problems = Table(
    "store_problems",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version_id", Integer, ForeignKey("store_versions.id"), nullable=False, index=True),
    Column("path", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

# Conditional-GET memory for `embargo update`: the validators of the last good download per URL.
http_cache = Table(
    "store_http_cache",
    metadata,
    Column("url", String(1000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checksum", String(64)),
    Column("fetched_at", DateTime(timezone=True)),
)
