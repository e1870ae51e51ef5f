"""The versioned list store: every published version, changes between any two.

with Store("sqlite:///embargo.db") as store:
    result = store.load(read_list(path), checksum=file_checksum([path]))
    changes = store.changes(store.resolve(source, "2023-12-12"), store.latest(source))
"""

from embargo.store.publication import (
    companion_files,
    date_in_name,
    file_checksum,
    resolve_published,
)
from embargo.store.store import Store, natural_key
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

__all__ = [
    "Changes",
    "FieldChange",
    "LoadResult",
    "RecordChange",
    "RecordRef",
    "Span",
    "Store",
    "StoreError",
    "Version",
    "VersionNotFound",
    "companion_files",
    "date_in_name",
    "file_checksum",
    "natural_key",
    "resolve_published",
]
