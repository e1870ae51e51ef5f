"""The truth for insight tests, computed straight from the SDN CSV files with the csv module.

Independent of the parsers and of embargo.insight: remarks are split on ";" and read with plain
regular expressions, the way an analyst would grep the file.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

HAMAS = "4695"

_TIES = (
    re.compile(r"^(?:alt\. )?(?:nationality|citizen) Turkey$"),
    re.compile(r"^(?:alt\. )?POB .*\bTurkey$"),
    re.compile(
        r"\(Turkey\)"
    ),  # a document issued by Turkey: passport, national ID, registration ...
)


@dataclass(frozen=True)
class Row:
    ent_num: str
    name: str
    program: str
    flag: str
    remarks: list[str]


def read_rows(path: Path) -> dict[str, Row]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    rows: dict[str, Row] = {}
    for cells in csv.reader(io.StringIO(text)):
        if len(cells) < 12 or not cells[0].strip().isdigit():
            continue
        remarks = [p.strip().rstrip(".").strip() for p in cells[11].split(";")]
        rows[cells[0].strip()] = Row(
            cells[0].strip(), cells[1].strip(), cells[3].strip(), cells[9].strip(), remarks
        )
    return rows


def hamas_linked(rows: dict[str, Row]) -> set[str]:
    """ent_nums whose remarks say "Linked To: HAMAS" (HAMAS itself has no such remark)."""
    return {r.ent_num for r in rows.values() if "Linked To: HAMAS" in r.remarks}


def turkey_tied(row: Row, flag: bool = True) -> bool:
    """Nationality, citizenship, place of birth or a document issued by Turkey; the flag too."""
    if flag and row.flag == "Turkey":
        return True
    return any(rx.search(part) for part in row.remarks for rx in _TIES)


def turkey_set(rows: dict[str, Row]) -> set[str]:
    return {r.ent_num for r in rows.values() if turkey_tied(r)}
