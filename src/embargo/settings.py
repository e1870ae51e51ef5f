"""Where Embargo finds its database and the shared list data."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "embargo.db"


def database_url(db: str | None = None) -> str:
    """Turn `--db`, `EMBARGO_DB` or the default into an SQLAlchemy URL (a path means SQLite)."""
    value = db or os.environ.get("EMBARGO_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):
            # Plain postgresql:// URLs use psycopg 3, the driver we install.
            return "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def shared_data_dir() -> Path:
    """The shared real-data folder: `EMBARGO_SHARED`/data, else ../shared/data from the checkout."""
    root = os.environ.get("EMBARGO_SHARED")
    if root:
        return Path(root) / "data"
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "data"
