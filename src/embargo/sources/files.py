"""Opening list files whatever they are wrapped in (.gz, .xz, .bz2, a one-file .zip)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
from pathlib import Path
from typing import IO

from embargo.sources.base import SourceError


def open_binary(path: str | Path) -> IO[bytes]:
    """A binary stream of the list file's content, decompressed."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            magic = fh.read(6)
        if magic[:2] == b"\x1f\x8b":
            return gzip.open(path, "rb")
        if magic[:6] == b"\xfd7zXZ\x00":
            return lzma.open(path, "rb")
        if magic[:3] == b"BZh":
            return bz2.open(path, "rb")
        if magic[:4] == b"PK\x03\x04" and not _is_opendocument(path):
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise SourceError(
                    str(path), f"zip archive holds {len(members)} files, expected one"
                )
            return archive.open(members[0])
        return path.open("rb")
    except (OSError, zipfile.BadZipFile, EOFError, lzma.LZMAError) as exc:
        raise SourceError(str(path), f"cannot open: {exc}") from exc


def read_bytes(path: str | Path) -> bytes:
    """The whole decompressed content; a truncated archive is an error, not a short file."""
    try:
        with open_binary(path) as fh:
            return fh.read()
    except (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile) as exc:
        raise SourceError(str(path), f"cannot read (truncated or corrupt?): {exc}") from exc


def head(path: str | Path, size: int = 4096) -> bytes:
    """The first bytes of the decompressed content, for format detection."""
    try:
        with open_binary(path) as fh:
            return fh.read(size)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        raise SourceError(str(path), f"cannot read: {exc}") from exc


def _is_opendocument(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "mimetype" in archive.namelist() and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument"
            )
    except zipfile.BadZipFile:
        return False


def as_text_stream(data: bytes, encoding: str = "utf-8") -> io.StringIO:
    return io.StringIO(data.decode(encoding, errors="strict"))
