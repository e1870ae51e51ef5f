"""Reading delimited text lists (CSV, TSV) with the line each row starts on, and small helpers
shared by the tabular parsers: country and date normalisation, merging the raw fields of rows
that make up one record."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from followthemoney import EntityProxy
from followthemoney.types import registry

from embargo.sources import files
from embargo.sources.base import SourceError

# Wider than any real field; the csv module's default (128 KiB) is enough, but a stray quote
# must not make one "field" swallow the rest of the file silently.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True)
class Row:
    line: int  # physical line the row starts on, 1-based
    cells: list[str]


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM); Windows-1252 where the publisher saved from Excel."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourceError(str(path), f"undecodable text: {exc.reason}", f"line {line}") from exc


def read_text(path: Path) -> str:
    return decode(path, files.read_bytes(path))


def iter_rows(path: Path, text: str, delimiter: str = ",") -> Iterator[Row]:
    """Rows of delimited text with their starting line.

    A file cut off inside a quoted field, or whose last line lacks its line end and has fewer
    fields than the row before it, is truncated: that is a SourceError, never a short last
    record (publishers do omit the final newline, so a complete last row is accepted).
    """
    # StringIO(newline="") splits on \n, \r\n and \r only; str.splitlines would also split
    # on U+2028, \x1c ... inside fields and miscount lines.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last = 0
    previous: list[str] = []
    pending: Row | None = None
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if not cells:
                continue
            if pending is not None:
                yield pending
            pending, previous = Row(start, cells), (pending.cells if pending else [])
    except csv.Error as exc:
        raise SourceError(
            str(path), f"malformed or truncated delimited text: {exc}", f"line {last + 1}"
        ) from exc
    if pending is None:
        return
    unterminated = not text.endswith(("\n", "\r"))
    if unterminated and previous and len(pending.cells) < len(previous):
        raise SourceError(
            str(path), "file ends in the middle of a row (truncated?)", f"line {pending.line}"
        )
    yield pending


def first_line(head: bytes) -> str:
    """The first line of a file's head, decoded leniently, for sniffing."""
    text = head.decode("utf-8-sig", errors="replace")
    return text.splitlines()[0] if text else ""


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO code for a country name or code, as FollowTheMoney reads it."""
    text = text.strip()
    if not text:
        return None
    # ISO codes need no name lookup (which builds rigour's territory table, ~2 s, on first use).
    if len(text) == 2 and text.lower() in registry.country.names:
        return text.lower()
    return registry.country.clean_text(text)


@lru_cache(maxsize=4096)
def clean_url(text: str) -> str | None:
    """A URL as FollowTheMoney cleans it; cached because lists repeat a handful of URLs."""
    return registry.url.clean(text.strip()) if text.strip() else None


# Unambiguous spellings only; a format with day and month as numbers (01/02/2003) is the
# caller's to name, since publishers differ on which comes first.
_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y")


def iso_date(text: str, formats: Sequence[str] = _DATE_FORMATS) -> str | None:
    """An ISO date (or year / year-month prefix) from the publishers' common spellings."""
    text = text.strip()
    if not text:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        return text
    return None


def to_date(text: str | None) -> date | None:
    if not text or len(text) != 10:
        return None
    return date.fromisoformat(text)


def merge_raw(rows: Sequence[Mapping[str, str]], keys: Sequence[str]) -> dict[str, str]:
    """The raw fields of the rows that make up one record, without depending on row order.

    A field every row agrees on is kept under its own name; one that differs is kept once per
    row as `field[key]`, the key naming the row (a regime, a sub-list, a name) so that the
    same content always yields the same dict whatever order the publisher wrote the rows in.
    """
    if len(rows) == 1:
        return {k: v for k, v in rows[0].items() if v != ""}
    out: dict[str, str] = {}
    fields = list(dict.fromkeys(f for row in rows for f in row))
    seen: dict[str, int] = {}
    labels = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        labels.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    for name in fields:
        values = [row.get(name, "") for row in rows]
        if len(set(values)) == 1:
            if values[0] != "":
                out[name] = values[0]
            continue
        for label, value in zip(labels, values, strict=True):
            if value != "":
                out[f"{name}[{label}]"] = value
    return dict(sorted(out.items()))


def note_unknown(entity: EntityProxy, row: Mapping[str, str], known: Collection[str]) -> None:
    """Columns the parser does not model (a publisher adds one) go to the entity's notes, so
    they are seen by screening and not only in `raw`."""
    for name, value in row.items():
        if name not in known and value.strip():
            entity.add("notes", f"{name}: {value.strip()}")


def attach_address(
    entity: EntityProxy, address: EntityProxy, full: str, country: str
) -> EntityProxy:
    """Give `address` its country and hang it on `entity`; a country the model cannot clean is
    kept in the address summary rather than dropped."""
    code = country_code(country) if country else None
    address.add("country", code)
    if country and code is None:
        address.add("summary", f"Country: {country}")
    entity.add("addressEntity", address.id)
    entity.add("address", full)
    entity.add("country", code)
    return address
