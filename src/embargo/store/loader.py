"""From paths on the command line to loaded versions: single files, directories, tar archives.

A tar archive of daily files (295 × 2.7 MB) is read as a stream, never unpacked as a whole: a
first pass reads the member names to fix the date order, the second passes each member on as
soon as all earlier dates are done; members that arrive early wait gzipped in a temporary
directory.
"""

from __future__ import annotations

import gzip
import hashlib
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from embargo.sources import detect, files, read_list
from embargo.sources.base import SourceError
from embargo.store.publication import companion_files, date_in_name, file_checksum
from embargo.store.store import Store
from embargo.store.types import LoadResult

ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")
# Read together with their primary file (sdn.csv), never loaded on their own.
COMPANION_STEMS = frozenset({"add", "alt", "sdn_comments", "cons_add", "cons_alt", "cons_comments"})


@dataclass(frozen=True)
class ListFile:
    """One list file to load: where it is now, how to name it, what we know of it."""

    path: Path
    name: str  # for messages: the path, or "archive.tar.xz:member.csv"
    published: date | None  # from the archive member's name or time; None for plain files
    checksum: str | None = None  # known already (archive members are hashed while spilled)


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def list_files(path: str | Path) -> Iterator[ListFile]:
    """The list files a command-line path stands for, in publication order."""
    path = Path(path)
    if path.is_dir():
        members = [
            p
            for p in path.iterdir()
            if p.is_file() and p.name.lower().partition(".")[0] not in COMPANION_STEMS
        ]
        members.sort(key=lambda p: (date_in_name(p.name) or date.min, p.name))
        for member in members:
            yield from list_files(member)
    elif is_archive(path) and path.is_file():
        yield from archive_members(path)
    else:
        yield ListFile(path=path, name=str(path), published=None)


def archive_members(path: Path) -> Iterator[ListFile]:
    """The archive's files in date order (name date, else member time), streamed."""
    try:
        with _open_tar(path) as tar:
            found = [
                (m.name, _member_day(m))
                for m in tar
                if m.isfile() and Path(m.name).name.lower().partition(".")[0] not in COMPANION_STEMS
            ]
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise SourceError(str(path), f"cannot read archive: {exc}") from exc
    order = sorted(found, key=lambda item: (item[1], item[0]))
    rank = {name: i for i, (name, _) in enumerate(order)}
    with tempfile.TemporaryDirectory(prefix="embargo-load-") as tmp:
        waiting: dict[int, ListFile] = {}
        following = 0
        try:
            with _open_tar(path) as tar:
                for member in tar:
                    if not member.isfile() or member.name not in rank:
                        continue
                    position = rank[member.name]
                    source = tar.extractfile(member)
                    assert source is not None
                    day = order[position][1]
                    display = f"{path}:{member.name}"
                    if position == following:
                        item = _spill(source, Path(tmp), position, member.name, display, day, False)
                        yield item
                        item.path.unlink()
                        following += 1
                        while following in waiting:
                            item = waiting.pop(following)
                            yield item
                            item.path.unlink()
                            following += 1
                    else:
                        waiting[position] = _spill(
                            source, Path(tmp), position, member.name, display, day, True
                        )
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise SourceError(str(path), f"cannot read archive: {exc}") from exc
        if waiting or following != len(order):
            raise SourceError(str(path), "archive changed while it was read")


@contextmanager
def _open_tar(path: Path) -> Iterator[tarfile.TarFile]:
    """A streaming tar reader over our own decompressor.

    tarfile's "r|xz" decompresses in 10 KB reads and re-joins its whole buffer on each: with
    a 1000:1 ratio that copies gigabytes. lzma/gzip file objects buffer properly.
    """
    with files.open_binary(path) as stream, tarfile.open(fileobj=stream, mode="r|") as tar:
        yield tar


def _member_day(member: tarfile.TarInfo) -> date:
    return date_in_name(member.name) or datetime.fromtimestamp(member.mtime, UTC).date()


def _spill(
    source: IO[bytes], tmp: Path, position: int, name: str, display: str, day: date, packed: bool
) -> ListFile:
    """Copy a member to a temporary file (gzipped if it must wait), hashing its bytes.

    The position prefix keeps equal base names apart and stops a parser from taking other
    spilled members for sibling files of this one.
    """
    target = tmp / f"{position:06d}-{Path(name).name}{'.gz' if packed else ''}"
    digest = hashlib.sha256()
    with target.open("wb") as raw:
        out: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) if packed else raw
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            out.write(block)
        if packed:
            out.close()
    return ListFile(path=target, name=display, published=day, checksum=digest.hexdigest())


def load_file(
    store: Store, item: ListFile, source: str | None = None, published: date | None = None
) -> LoadResult:
    """Parse and store one list file; SourceError (naming the file) when it cannot be read."""
    try:
        # A file already loaded is recognised by its checksum before the costly parse.
        checksum = item.checksum or file_checksum(companion_files(item.path))
        detected = source or detect(item.path)[1]
        known = store.find_checksum(detected, checksum)
        if known is not None:
            return LoadResult(known, False, 0, 0, 0, [])
        parsed = read_list(item.path, source=source)
    except SourceError as exc:
        if item.name != str(item.path):
            # Name the archive member, not our temporary copy of it.
            raise SourceError(item.name, exc.reason, exc.location) from exc
        raise
    if item.name != str(item.path):
        parsed.path = item.name
        parsed.problems = [
            replace(p, path=item.name) if p.path == str(item.path) else p for p in parsed.problems
        ]
    return store.load(
        parsed,
        published=item.published or published,
        filename=Path(item.name.rpartition(":")[2] or item.name).name,
        checksum=checksum,
    )
