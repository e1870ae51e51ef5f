"""Which day a list file was published, and the checksum that identifies a publication."""

from __future__ import annotations

import hashlib
import lzma
import re
import zlib
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from embargo.sources import files
from embargo.sources.base import SourceError

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")

# OFAC's CSV set: the primary file names the others; they are one publication together.
_COMPANIONS: dict[str, tuple[str, ...]] = {
    "sdn": ("add", "alt", "sdn_comments"),
    "cons_prim": ("cons_add", "cons_alt", "cons_comments"),
}


def date_in_name(name: str) -> date | None:
    """The last valid YYYY-MM-DD in a file name (`sdn-2023-12-13.csv.gz` → 2023-12-13)."""
    found = None
    for match in _DATE_IN_NAME.finditer(Path(name).name):
        try:
            found = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return found


def resolve_published(
    from_content: date | None, given: date | None, path: str | Path | None
) -> date:
    """Content date, else the caller's, else a date in the file name, else the file's mtime (UTC)."""
    if from_content is not None:
        return from_content
    if given is not None:
        return given
    if path is not None:
        named = date_in_name(str(path))
        if named is not None:
            return named
        try:
            return datetime.fromtimestamp(Path(path).stat().st_mtime, UTC).date()
        except OSError:
            pass
    return datetime.now(UTC).date()


def companion_files(path: str | Path) -> list[Path]:
    """The file and the sibling files read with it (sdn.csv → add.csv, alt.csv, sdn_comments.csv)."""
    path = Path(path)
    stem = path.name.lower().partition(".")[0]
    found = [path]
    for other in _COMPANIONS.get(stem, ()):
        for candidate in path.parent.glob("*"):
            cname = candidate.name.lower()
            if cname.partition(".")[0] == other and candidate.is_file():
                found.append(candidate)
    return found


def file_checksum(paths: Iterable[str | Path]) -> str:
    """sha256 of the published bytes; for a set of files, of their names and digests.

    Compressed files are hashed decompressed: `sdn.csv` and our `sdn.csv.gz` copy of it are the
    same publication.
    """
    paths = sorted({Path(p) for p in paths}, key=lambda p: p.name)
    digests = []
    for path in paths:
        digest = hashlib.sha256()
        try:
            with files.open_binary(path) as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    digest.update(block)
        except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
            raise SourceError(str(path), f"cannot read (truncated or corrupt?): {exc}") from exc
        digests.append((_plain_name(path.name), digest.hexdigest()))
    if len(digests) == 1:
        return digests[0][1]
    joined = "".join(f"{name}\0{hexdigest}\n" for name, hexdigest in digests)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _plain_name(name: str) -> str:
    for suffix in (".gz", ".xz", ".bz2"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name
