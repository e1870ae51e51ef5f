"""Batch screening files: CSV, JSONL or Parquet rows in, one JSONL result line per row out.

Every input record yields exactly one `InputRow`, in input order: either a `Query` or the reason it
could not become one (no name, unknown schema, bad date, malformed JSON ...), with where it is in
the file. Rows stream: nothing here holds more than one Parquet batch or one line in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import lzma
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthemoney import model

from embargo.match.types import DEFAULT_SCHEMA, Match, Query
from embargo.sources import files
from embargo.sources.base import SourceError

FIELDS = ("id", "name", "schema", "birth_date", "nationality", "country", "id_number")
MULTI_FIELDS = ("nationality", "country", "id_number")
FORMATS = ("csv", "jsonl", "parquet")
MULTI_SEPARATOR = ";"
CSV_DELIMITERS = (",", "\t", ";", "|")
PARQUET_BATCH = 10_000

_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_COMPRESSED = (".gz", ".xz", ".bz2")


class BatchError(Exception):
    """An input file that cannot be read at all (missing, no `name` column, not Parquet ...)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class InputRow:
    """One input record: its query, or why it has none. `id` is echoed back in the output."""

    number: int  # 1-based record number (header and blank lines not counted)
    location: str  # "line 12" (CSV, JSONL) or "row 7" (Parquet)
    id: str | int
    query: Query | None = None
    error: str | None = None


def _schemata() -> dict[str, str]:
    # Only schemata the matcher can score: parties and the assets that are listed by name.
    return {name.lower(): name for name, schema in model.schemata.items() if schema.matchable}


SCHEMATA = _schemata()
# The values files hold, as written ("Person", "person"): most rows' schema in one lookup.
_SCHEMA_OF = {**SCHEMATA, **{name: name for name in SCHEMATA.values()}}
_HAS_ALNUM = re.compile(r"[^\W_]")  # a character str.isalnum() accepts


def parse_schema(value: str | None) -> str:
    """The FtM schema name for `value` (case-insensitive); empty means LegalEntity."""
    name = _SCHEMA_OF.get(value) if value is not None else None
    if name is not None:
        return name
    if value is None or not value.strip():
        return DEFAULT_SCHEMA
    name = SCHEMATA.get(value.strip().lower())
    if name is None:
        raise ValueError(
            f"unknown schema {value.strip()!r} (use Person, Organization, Company, Vessel, "
            "Airplane or LegalEntity)"
        )
    return name


def parse_birth_date(value: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, checked to be a real date; anything else is an error."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if MULTI_SEPARATOR in text:
        raise ValueError(f"one birth date expected, got {text!r}")
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            dt.date(int(parts[0]), 1, 1)
        elif len(parts) == 2 and (len(parts[0]), len(parts[1])) == (4, 2):
            dt.date(int(parts[0]), int(parts[1]), 1)
        elif len(parts) == 3 and tuple(map(len, parts)) == (4, 2, 2):
            dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        else:
            raise ValueError(text)
    except ValueError:
        raise ValueError(f"bad birth date {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return text


def split_values(value: Any) -> tuple[str, ...]:
    """A multi-value cell: a list, or one string with values separated by ';'."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if not isinstance(item, str | int):
            raise ValueError(f"expected text, got {type(item).__name__} {item!r}")
        for part in str(item).split(MULTI_SEPARATOR):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def make_query(
    name: Any,
    schema: str | None = None,
    birth_date: str | None = None,
    nationality: Any = None,
    country: Any = None,
    id_number: Any = None,
    id: str | None = None,
) -> Query:
    """A validated Query; ValueError says what is wrong (shared by the CLI and batch reader)."""
    if name is None or (isinstance(name, str) and not name.strip()):
        raise ValueError("no name")
    if not isinstance(name, str):
        raise ValueError(f"name must be text, got {type(name).__name__} {name!r}")
    # A name made only of invisible characters is as empty as a blank one.
    if not _HAS_ALNUM.search(name):
        raise ValueError(f"name {name!r} has no letters or digits")
    if birth_date is not None and not isinstance(birth_date, str):
        raise ValueError(f"bad birth date {birth_date!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if schema is not None and not isinstance(schema, str):
        raise ValueError(f"unknown schema {schema!r}")
    return Query(
        name=name.strip(),
        schema=parse_schema(schema),
        birth_date=parse_birth_date(birth_date),
        nationality=split_values(nationality),
        country=split_values(country),
        id_number=split_values(id_number),
        id=id,
    )


def row_from_fields(fields: Mapping[str, Any], number: int, location: str) -> InputRow:
    """Turn one record's fields (keys already lower-cased) into an InputRow."""
    raw_id = fields.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        row_id: str | int = number
    elif isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        row_id = json.dumps(raw_id, ensure_ascii=False)
    else:
        row_id = raw_id.strip() if isinstance(raw_id, str) else raw_id
    try:
        birth = fields.get("birth_date")
        if isinstance(birth, dt.datetime):
            birth = birth.date().isoformat()
        elif isinstance(birth, dt.date):
            birth = birth.isoformat()
        elif isinstance(birth, int) and not isinstance(birth, bool):
            birth = str(birth)  # a bare year read as a number
        query = make_query(
            fields.get("name"),
            schema=fields.get("schema"),
            birth_date=birth,
            nationality=fields.get("nationality"),
            country=fields.get("country"),
            id_number=fields.get("id_number"),
            id=str(row_id),
        )
    except ValueError as exc:
        return InputRow(number, location, row_id, error=str(exc))
    return InputRow(number, location, row_id, query=query)


# -- format detection -------------------------------------------------------------------------


def detect_format(path: str | Path) -> str:
    """csv, jsonl or parquet: Parquet by its magic bytes, else the extension, else the content."""
    path = Path(path)
    if not path.is_file():
        raise BatchError(path, "no such file")
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == b"PAR1":
        return "parquet"
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in _COMPRESSED:
        suffixes.pop()
    if suffixes and suffixes[-1] in _EXTENSIONS:
        return _EXTENSIONS[suffixes[-1]]
    try:
        start = files.head(path, 1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    except SourceError as exc:
        raise BatchError(path, exc.reason) from exc
    return "jsonl" if start.startswith(b"{") else "csv"


def read_queries(path: str | Path, format: str | None = None) -> Iterator[InputRow]:
    """Every record of a screening input file as an InputRow, in file order."""
    path = Path(path)
    fmt = format or detect_format(path)
    if fmt == "csv":
        return _read_csv(path)
    if fmt == "jsonl":
        return _read_jsonl(path)
    if fmt == "parquet":
        return _read_parquet(path)
    raise BatchError(path, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _decoded_lines(path: Path, bad: set[int]) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is noted in `bad` (by line number)."""
    try:
        stream = files.open_binary(path)
    except SourceError as exc:
        raise BatchError(path, exc.reason) from exc
    number = 0
    try:
        with stream as fh:
            for number, raw in enumerate(fh, start=1):
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    bad.add(number)
                    text = raw.decode("utf-8", errors="replace")
                yield text
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        raise BatchError(path, f"cannot read after line {number} (truncated?): {exc}") from exc


def _header_delimiter(header: str) -> str:
    return max(CSV_DELIMITERS, key=header.count)


def _read_csv(path: Path) -> Iterator[InputRow]:
    """Checks the header now (a file without `name` fails before any work), rows lazily."""
    bad: set[int] = set()
    lines = _decoded_lines(path, bad)
    header_line = next(lines, None)
    if header_line is None:
        return iter(())
    delimiter = _header_delimiter(header_line)
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
    if "name" not in header:
        raise BatchError(
            path, f"line 1: no 'name' column in header {header!r} (fields: {', '.join(FIELDS)})"
        )
    return _csv_rows(path, lines, header, delimiter, bad)


def _csv_rows(
    path: Path, lines: Iterator[str], header: list[str], delimiter: str, bad: set[int]
) -> Iterator[InputRow]:
    reader = csv.reader(lines, delimiter=delimiter)
    reader_end = 1  # physical line where the previous record ended
    number = 0
    try:
        for cells in reader:
            start, reader_end = reader_end + 1, reader.line_num + 1
            if not cells:
                continue  # a blank line is not a record
            number += 1
            location = f"line {start}"
            if bad and any(n in bad for n in range(start, reader_end + 1)):
                yield _error_row(number, location, cells, header, "not valid UTF-8 text")
                continue
            if len(cells) != len(header):
                reason = f"{len(cells)} fields where the header has {len(header)}"
                yield _error_row(number, location, cells, header, reason)
                continue
            yield row_from_fields(dict(zip(header, cells, strict=True)), number, location)
    except csv.Error as exc:
        raise BatchError(path, f"line {reader.line_num + 1}: malformed CSV: {exc}") from exc


def _error_row(
    number: int, location: str, cells: Sequence[str], header: Sequence[str], reason: str
) -> InputRow:
    # Still echo the record's own id when it can be found, so the caller can match it up.
    row_id: str | int = number
    if "id" in header:
        position = header.index("id")
        if position < len(cells) and cells[position].strip():
            row_id = cells[position].strip()
    return InputRow(number, location, row_id, error=reason)


def _read_jsonl(path: Path) -> Iterator[InputRow]:
    bad: set[int] = set()
    number = 0
    for line_no, line in enumerate(_decoded_lines(path, bad), start=1):
        if not line.strip():
            continue
        number += 1
        location = f"line {line_no}"
        if line_no in bad:
            yield InputRow(number, location, number, error="not valid UTF-8 text")
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputRow(number, location, number, error=f"malformed JSON: {exc.msg}")
            continue
        if not isinstance(data, dict):
            reason = f"expected a JSON object, got {type(data).__name__}"
            yield InputRow(number, location, number, error=reason)
            continue
        fields = {str(k).strip().lower(): v for k, v in data.items()}
        yield row_from_fields(fields, number, location)


def _read_parquet(path: Path) -> Iterator[InputRow]:
    """Opens and checks the file now, reads batches lazily."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise BatchError(path, f"cannot read as Parquet: {exc}") from exc
    names = {name.lower(): name for name in parquet.schema_arrow.names}
    if "name" not in names:
        raise BatchError(path, f"no 'name' column in {parquet.schema_arrow.names}")
    columns = [names[f] for f in FIELDS if f in names]
    return _parquet_rows(parquet, columns)


def _parquet_rows(parquet: Any, columns: list[str]) -> Iterator[InputRow]:
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
        for record in batch.to_pylist():
            number += 1
            fields = {k.lower(): v for k, v in record.items()}
            yield row_from_fields(fields, number, f"row {number}")


# -- output -----------------------------------------------------------------------------------


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


def result_line(row: InputRow, matches: Sequence[Match]) -> str:
    """The JSONL output line for a screened row: its id and its matches, best first."""
    if not matches:  # most rows: the line json.dumps would write, without building it
        return f'{{"id": {_ENCODER.encode(row.id)}, "matches": []}}\n'
    return _ENCODER.encode({"id": row.id, "matches": [m.to_dict() for m in matches]}) + "\n"


def error_line(row: InputRow) -> str:
    """The JSONL output line for a row that could not be screened, so no record goes missing."""
    data = {"id": row.id, "error": f"{row.location}: {row.error}"}
    return json.dumps(data, ensure_ascii=False) + "\n"


def parquet_rows(path: str | Path) -> int | None:
    """How many rows a Parquet file holds (for a progress total), None for other formats."""
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # noqa: BLE001 - only a progress hint
        return None


__all__ = [
    "FIELDS",
    "FORMATS",
    "BatchError",
    "InputRow",
    "detect_format",
    "error_line",
    "make_query",
    "read_queries",
    "result_line",
]
