"""What the store hands out: versions, load results, changes and presence spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from embargo.sources.base import Problem


class StoreError(Exception):
    """A store operation that cannot be done as asked."""


class VersionNotFound(StoreError, LookupError):
    """No version matches a reference (a date before the first version, an unknown id ...)."""


@dataclass(frozen=True)
class Version:
    """One published version of one source's list, as loaded."""

    id: int
    source: str
    published: date
    checksum: str
    loaded_at: datetime  # UTC
    filename: str | None
    format: str | None
    record_count: int
    added: int  # counts versus the previous version of the same source (by publication date)
    removed: int
    changed: int
    problem_count: int


@dataclass
class LoadResult:
    version: Version
    created: bool  # False when a file with the same checksum was already loaded
    added: int
    removed: int
    changed: int
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class RecordRef:
    entity_id: str
    source_id: str
    schema: str
    caption: str

    def to_dict(self) -> dict[str, str]:
        return {
            "entity_id": self.entity_id,
            "source_id": self.source_id,
            "schema": self.schema,
            "caption": self.caption,
        }


@dataclass(frozen=True)
class FieldChange:
    old: list[str]
    new: list[str]


@dataclass(frozen=True)
class RecordChange(RecordRef):
    fields: dict[str, FieldChange] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:  # type: ignore[override]
        data: dict[str, object] = dict(super().to_dict())
        data["fields"] = {k: {"old": v.old, "new": v.new} for k, v in self.fields.items()}
        return data


@dataclass
class Changes:
    old: Version
    new: Version
    added: list[RecordRef] = field(default_factory=list)
    removed: list[RecordRef] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, object]]]:
        return {
            "added": [r.to_dict() for r in self.added],  # type: ignore[misc]
            "removed": [r.to_dict() for r in self.removed],  # type: ignore[misc]
            "changed": [r.to_dict() for r in self.changed],
        }

    def __len__(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


@dataclass(frozen=True)
class Span:
    """A record held this content (state) from `start_version_id` up to, excluding, `end_version_id`."""

    entity_id: str
    source_id: str
    state_id: int
    start_version_id: int
    end_version_id: int | None  # None: still in force in the latest version
