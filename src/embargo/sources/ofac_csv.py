"""OFAC's legacy CSV format: `sdn.csv` (+ add/alt/sdn_comments) and the consolidated `cons_*` set.

`sdn.csv` has no header: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
Tonnage, GRT, Vess_flag, Vess_owner, Remarks; `-0-` is null and the file ends with a 0x1A byte.
Sibling files of the same publication are read when they sit next to a file named `sdn.csv` /
`cons_prim.csv` (any case, optionally .gz): `add.csv` (addresses), `alt.csv` (strong aliases) and
`sdn_comments.csv` (the overflow of Remarks longer than the column allows). Files with other names
(the daily history `sdn-2023-12-13.csv.gz`) are read alone: a neighbouring add.csv would be of
another date.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from followthemoney import EntityProxy, model
from followthemoney.schema import Schema
from normality import squash_spaces

from embargo.memory import gc_paused
from embargo.sources import files, ids
from embargo.sources.base import ParsedList, Problem, Record, SourceError
from embargo.sources.ofac_remarks import Remarks, country_code, parse_remarks

# Daily files repeat almost every row of the day before: parsing each distinct Remarks text once
# per process halves the load of a file history. The cached Remarks are only read, never changed.
_parse_remarks = lru_cache(maxsize=40_000)(parse_remarks)

FORMAT = "ofac_csv"

SDN_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ADD_COLUMNS = ("ent_num", "Add_num", "Address", "City/State/Postal", "Country", "Add_remarks")
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
COMMENT_COLUMNS = ("ent_num", "Remarks")

SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
SDN_TYPES = frozenset(SCHEMAS) | {"-0-", ""}
AUTHORITY = "Office of Foreign Assets Control"
EOF_MARK = "\x1a"
NULL = "-0-"

# The primary file's name (without .csv/.gz) → the source and the sibling-file prefix.
PRIMARY_NAMES = {"sdn": ("us_ofac_sdn", ""), "cons_prim": ("us_ofac_cons", "cons_")}
_STEM_RE = re.compile(r"(\.csv)?(\.gz)?$", re.I)
_PROGRAM_SPLIT = re.compile(r"\]\s*\[")
_NUMBER_RE = re.compile(r"^\d+$")


def _stem(path: Path) -> str:
    return _STEM_RE.sub("", path.name).lower()


def sniff(path: Path, head: bytes) -> str | None:
    """The source if the file starts with a well-formed 12-column OFAC row."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    newline = text.find("\n")
    if newline < 0:
        return None
    try:
        row = next(csv.reader([text[:newline]]))
    except (csv.Error, StopIteration):
        return None
    if len(row) != 12 or not _NUMBER_RE.match(row[0].strip()):
        return None
    if row[2].strip().lower() not in SDN_TYPES:
        return None
    return source_for(path)


def source_for(path: Path) -> str:
    """us_ofac_cons for a `cons_*` file, else us_ofac_sdn: the content is the same shape."""
    return "us_ofac_cons" if _stem(path).startswith("cons_") else "us_ofac_sdn"


def _null(value: str) -> str | None:
    value = value.strip()
    return None if not value or value == NULL else value


@dataclass
class _Row:
    line: int
    cells: list[str]


@dataclass
class _Siblings:
    addresses: dict[str, list[_Row]] = field(default_factory=dict)
    aliases: dict[str, list[_Row]] = field(default_factory=dict)
    comments: dict[str, list[_Row]] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)


def _decode(data: bytes) -> str:
    # Current files are ASCII/UTF-8; older ones may be Windows-1252. latin-1 never fails, so
    # nothing is lost whatever the bytes are.
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_rows(
    path: Path, width: int, problems: list[Problem], strict_end: bool = True
) -> list[_Row]:
    """The rows of one OFAC CSV file; bad rows become Problems, a cut-off file a SourceError.

    A broken quote makes every later row boundary unreliable, so it fails the whole file.
    """
    text = _decode(files.read_bytes(path))
    body = text.rstrip("\r\n\t " + EOF_MARK)
    # OFAC ends its files with CRLF + 0x1A; some archived copies lost both. A file without them
    # is still whole when its last row has every column and ends with a closed field.
    terminated = len(body) < len(text.rstrip(" \t"))
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    rows: list[_Row] = []
    cells: list[str] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != width:
                problems.append(
                    Problem(str(path), f"line {line}", f"{len(cells)} columns, expected {width}")
                )
                continue
            if not _NUMBER_RE.match(cells[0].strip()):
                problems.append(
                    Problem(str(path), f"line {line}", f"ent_num {cells[0]!r} is not a number")
                )
                continue
            rows.append(_Row(line, cells))
    except csv.Error as exc:
        raise SourceError(str(path), f"malformed CSV: {exc}", f"line {reader.line_num}") from exc
    closed = body.endswith('"') or body.rstrip().endswith(NULL)
    if body and not terminated and not (len(cells) == width and closed):
        reason = "file ends mid-row (no final newline or 0x1A end mark, last row incomplete)"
        if strict_end:
            raise SourceError(str(path), f"{reason}: truncated?", f"line {reader.line_num}")
        # A sibling file (add/alt/comments) cut inside its last field: its rows are still
        # whole up to there, so they load and the cut is reported.
        problems.append(
            Problem(str(path), f"line {reader.line_num}", f"{reason}; its last field may be cut")
        )
    return rows


def find_siblings(path: Path) -> dict[str, Path]:
    """add/alt/comments files of the same publication, when `path` is sdn.csv or cons_prim.csv."""
    stem = _stem(path)
    if stem not in PRIMARY_NAMES:
        return {}
    prefix = PRIMARY_NAMES[stem][1]
    comments = f"{prefix}comments" if prefix else "sdn_comments"
    wanted = {f"{prefix}add": "add", f"{prefix}alt": "alt", comments: "comments"}
    found: dict[str, Path] = {}
    for candidate in sorted(path.parent.iterdir()):
        kind = wanted.get(_stem(candidate))
        if kind and candidate.is_file() and kind not in found:
            found[kind] = candidate
    return found


def _read_siblings(path: Path, problems: list[Problem]) -> _Siblings:
    out = _Siblings()
    widths = {"add": len(ADD_COLUMNS), "alt": len(ALT_COLUMNS), "comments": len(COMMENT_COLUMNS)}
    targets = {"add": out.addresses, "alt": out.aliases, "comments": out.comments}
    for kind, sibling in find_siblings(path).items():
        out.paths[kind] = str(sibling)
        for row in read_rows(sibling, widths[kind], problems, strict_end=False):
            targets[kind].setdefault(row.cells[0].strip(), []).append(row)
    return out


def parse(path: Path, source: str) -> ParsedList:
    with gc_paused():
        return _parse(Path(path), source)


def _parse(path: Path, source: str) -> ParsedList:
    problems: list[Problem] = []
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for row in read_rows(path, len(SDN_COLUMNS), problems):
        ent_num = row.cells[0].strip()
        if ent_num in seen:
            problems.append(
                Problem(
                    str(path),
                    f"line {row.line}",
                    f"duplicate ent_num {ent_num} (first on line {seen[ent_num]}); row skipped",
                )
            )
            continue
        seen[ent_num] = row.line
        rows.append(row)
    if not rows:
        first = f" ({problems[0].location}: {problems[0].reason})" if problems else ""
        raise SourceError(str(path), f"no OFAC SDN rows found{first}", "line 1")
    siblings = _read_siblings(path, problems)
    for kind, table in (
        ("add", siblings.addresses),
        ("alt", siblings.aliases),
        ("comments", siblings.comments),
    ):
        for ent_num, extra in table.items():
            if ent_num not in seen:
                problems.append(
                    Problem(
                        siblings.paths[kind],
                        f"line {extra[0].line}",
                        f"ent_num {ent_num} is not in {path.name}",
                    )
                )

    builder = _Builder(path, source)
    records = [builder.record(row, siblings) for row in rows]
    builder.resolve_links(records)
    problems.extend(builder.problems)
    return ParsedList(source=source, path=str(path), records=records, problems=problems)


@cache
def _schema(name: str) -> Schema:
    schema = model.get(name)
    if schema is None:
        raise KeyError(f"no FtM schema {name!r}")
    return schema


class _Props:
    """Property values of one entity under construction; the proxy is made once at the end.

    Values are clean when added (countries and dates are ISO already, the rest is publisher
    text), so the proxy is built with `cleaned=True`: FtM's per-value `add()` would cost more
    than the whole parse.
    """

    __slots__ = ("id", "schema", "values")

    def __init__(self, schema: str, entity_id: str) -> None:
        self.schema = _schema(schema)
        self.id = entity_id
        self.values: dict[str, list[str]] = {}

    def put(self, prop: str, value: str | None) -> bool:
        """Add a value if the schema has the property; False when it has not."""
        if prop not in self.schema.properties:
            return False
        if value:
            values = self.values.setdefault(prop, [])
            if value not in values:
                values.append(value)
        return True

    def put_all(self, prop: str, values: list[str]) -> None:
        for value in values:
            self.put(prop, value)

    def note(self, text: str) -> None:
        self.put("notes", text)

    def proxy(self) -> EntityProxy:
        return EntityProxy(self.schema, {"id": self.id, "properties": self.values}, cleaned=True)


class _Builder:
    """Turns rows into Records; collects link names to resolve once every row is known."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source
        self.problems: list[Problem] = []
        # (record, its props, line, name, role) of each "Linked To" / aircraft operator name.
        self.pending: list[tuple[Record, _Props, int, str, str]] = []

    def record(self, row: _Row, siblings: _Siblings) -> Record:
        cells = row.cells
        ent_num = cells[0].strip()
        entity_id = ids.entity_id(self.source, ent_num)
        raw = dict(zip(SDN_COLUMNS, cells, strict=True))
        sdn_type = (_null(cells[2]) or "").lower()
        props = _Props(SCHEMAS.get(sdn_type, "Organization"), entity_id)
        related: list[_Props] = []

        name = _null(cells[1])
        if name:
            props.put("name", name)
            if props.schema.name == "Person" and "," in name:
                last, first = name.split(",", 1)
                props.put("lastName", last.strip())
                props.put("firstName", first.strip())
        props.put("topics", "sanction")

        remarks_text = _null(cells[11]) or ""
        comments = siblings.comments.get(ent_num)
        if comments:
            extra = "".join(c.cells[1] for c in comments)
            raw["comments"] = extra
            # The comment continues the cut-off Remarks text exactly where it stops.
            remarks_text += extra
        remarks = _parse_remarks(remarks_text)

        self._columns(props, cells)
        self._remarks(props, related, remarks)
        related.append(self._sanction(entity_id, cells[3], remarks))
        raw_addresses = self._addresses(props, related, siblings.addresses.get(ent_num, ()))
        raw_aliases = self._aliases(props, siblings.aliases.get(ent_num, ()))
        if raw_addresses:
            raw["addresses"] = raw_addresses
        if raw_aliases:
            raw["aliases"] = raw_aliases
        record = Record(source_id=ent_num, entity=props.proxy(), raw=raw)
        record.related = _merge(related)
        for link in remarks.links:
            self.pending.append((record, props, row.line, link, "Linked To"))
        for operator in remarks.operators:
            self.pending.append((record, props, row.line, operator, "Aircraft Operator"))
        return record

    def _columns(self, props: _Props, cells: list[str]) -> None:
        title = _null(cells[4])
        if title and not props.put("position", title):
            props.note(f"Title: {title}")
        vessel = (
            ("callSign", cells[5], "Call sign"),
            ("type", cells[6], "Vessel type"),
            ("tonnage", cells[7], "Tonnage"),
            ("grossRegisteredTonnage", cells[8], "GRT"),
        )
        for prop, value, label in vessel:
            text = _null(value)
            if not text:
                continue
            clean = text.replace(",", "") if prop in ("tonnage", "grossRegisteredTonnage") else text
            if not props.put(prop, clean):
                props.note(f"{label}: {text}")
        flag = _null(cells[9])
        if flag:
            code = country_code(flag)
            if not (code and props.put("flag", code)):
                props.note(f"Vessel flag: {flag}")
        owner = _null(cells[10])
        if owner:
            props.note(f"Vessel owner: {owner}")

    def _remarks(self, props: _Props, related: list[_Props], remarks: Remarks) -> None:
        for prop, values in remarks.values.items():
            for value in values:
                if not props.put(prop, value):
                    props.note(f"{prop}: {value}")
        for note in remarks.notes:
            props.note(note)
        holder_ok = props.schema.is_a("LegalEntity")
        for doc in remarks.documents:
            if not (props.put(doc.prop, doc.number) or props.put("idNumber", doc.number)):
                props.note(doc.text)
            if not holder_ok:
                props.note(doc.text)
                continue
            schema = "Passport" if doc.kind == "passport" else "Identification"
            ident = _Props(
                schema, ids.related_id(props.id, doc.kind, doc.label, doc.number, doc.country)
            )
            ident.put("holder", props.id)
            ident.put("number", doc.number)
            ident.put("type", doc.label)
            ident.put("country", doc.country)
            ident.put_all("startDate", doc.issued)
            ident.put_all("endDate", doc.expires)
            ident.put("summary", doc.text)
            related.append(ident)
        for wallet in remarks.wallets:
            cw = _Props(
                "CryptoWallet", ids.related_id(props.id, "wallet", wallet.currency, wallet.key)
            )
            cw.put("publicKey", wallet.key)
            cw.put("currency", wallet.currency)
            if holder_ok:
                cw.put("holder", props.id)
            else:
                props.note(f"Digital Currency Address - {wallet.currency} {wallet.key}")
            related.append(cw)

    def _sanction(self, entity_id: str, program_cell: str, remarks: Remarks) -> _Props:
        sanction = _Props("Sanction", ids.related_id(entity_id, "sanction"))
        sanction.put("entity", entity_id)
        sanction.put("authority", AUTHORITY)
        sanction.put("country", "us")
        sanction.put_all("program", split_programs(program_cell))
        sanction.put_all("provisions", remarks.provisions)
        return sanction

    def _addresses(self, props: _Props, related: list[_Props], rows: Iterable[_Row]) -> str:
        texts = []
        for row in rows:
            add_num, street, city, country, remarks = (_null(c) for c in row.cells[1:])
            texts.append("|".join(c.strip() for c in row.cells[1:]))
            code = country_code(country) if country else None
            if code:
                props.put("country", code)
            if not (street or city):
                if country and not code:
                    props.note(f"Address country: {country}")
                continue
            address = _Props(
                "Address", ids.related_id(props.id, "address", add_num or "", street, city)
            )
            full = ", ".join(p for p in (street, city, country) if p)
            address.put("full", full)
            address.put("street", street)
            # OFAC's "City/State/Province/Postal Code" is one free-text field; kept whole.
            address.put("city", city)
            address.put("country", code)
            if country and not code:
                address.put("remarks", f"Country: {country}")
            address.put("remarks", remarks)
            related.append(address)
            props.put("addressEntity", address.id)
            props.put("address", full)
        return "\n".join(texts)

    def _aliases(self, props: _Props, rows: Iterable[_Row]) -> str:
        texts = []
        for row in rows:
            alt_type = (_null(row.cells[2]) or "").lower().replace(".", "")
            name = _null(row.cells[3])
            remarks = _null(row.cells[4]) or ""
            texts.append("|".join(c.strip() for c in row.cells[1:]))
            if not name:
                continue
            # alt.csv holds OFAC's strong aliases; an alt_remarks mentioning "weak" demotes it.
            if "weak" in remarks.lower():
                props.put("weakAlias", name)
            elif alt_type == "fka":
                props.put("previousName", name)
            else:  # aka, nka
                props.put("alias", name)
        return "\n".join(texts)

    def resolve_links(self, records: list[Record]) -> None:
        """UnknownLink entities for "Linked To: NAME"; the object is the row whose SDN_Name is NAME."""
        exact: dict[str, str] = {}
        loose: dict[str, str | None] = {}
        for record in records:
            name = _null(record.raw["SDN_Name"])
            if not name:
                continue
            exact.setdefault(name, record.entity_id)
            key = _loose(name)
            # Two parties with the same loose name cannot be told apart: no loose match then.
            loose[key] = None if key in loose else record.entity_id
        for record, props, line, name, role in self.pending:
            target = exact.get(name) or exact.get(name.rstrip(".")) or exact.get(name + ".")
            if target is None:
                target = loose.get(_loose(name))
            if target is None:
                if role == "Linked To":
                    self.problems.append(
                        Problem(
                            str(self.path), f"line {line}", f"Linked To target not found: {name!r}"
                        )
                    )
                record.entity.add("notes", f"{role}: {name}", cleaned=True)
                continue
            if role == "Aircraft Operator" and props.put("operator", target):
                record.entity.add("operator", target, cleaned=True)
                continue
            link_id = ids.related_id(record.entity_id, "link", role, target)
            if any(e.id == link_id for e in record.related):
                continue  # the same "Linked To" twice (directly and via a name variant)
            link = model.make_entity("UnknownLink")
            link.id = link_id
            link.add("subject", record.entity_id, cleaned=True)
            link.add("object", target, cleaned=True)
            link.add("role", role, cleaned=True)
            record.related.append(link)


def _merge(related: list[_Props]) -> list[EntityProxy]:
    """Proxies for the related entities; a document OFAC lists twice becomes one entity."""
    merged: dict[str, _Props] = {}
    for props in related:
        first = merged.setdefault(props.id, props)
        if first is not props:
            for prop, values in props.values.items():
                first.put_all(prop, values)
    return [props.proxy() for props in merged.values()]


def _loose(name: str) -> str:
    return (squash_spaces(name) or "").casefold().rstrip(".").strip()


def split_programs(cell: str) -> list[str]:
    """`FTO] [SDGT` (OFAC drops the outer brackets) or `[SDGT] [IRGC]` → ["FTO", "SDGT"]."""
    text = _null(cell)
    if not text:
        return []
    return [p.strip(" []") for p in _PROGRAM_SPLIT.split(text) if p.strip(" []")]
