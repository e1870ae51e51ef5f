"""Reading screening inputs (CSV, JSONL, Parquet) into queries and writing JSONL results."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from embargo.match.batch import (
    BatchError,
    InputRow,
    detect_format,
    error_line,
    make_query,
    read_queries,
    result_line,
)
from embargo.match.types import Match, Query

# Real SDN entries (2023-12-13): 46168 YAGHMOUR, 37444 the vessel GRACEFUL (IMO 1011551).
CSV_TEXT = (
    "id,name,schema,birth_date,nationality,country,id_number\n"
    "c1,Jihad Yaghmour,Person,1967-07-15,TR;Turkey,,12180149578\n"
    ",GRACEFUL,Vessel,,,,IMO 1011551\n"
    "c3,,Person,,,,\n"
    "c4,Zaher Jabarin,Dinosaur,,,,\n"
    "c5,Mehmet Kaya,Person,1975-13-01,DE,,\n"
    '"c6","Musa Dudin, ""Abu Ibrahim""",person,1967,,"Turkey; Qatar",\n'
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_rows_keep_order_ids_and_lines(tmp_path: Path) -> None:
    rows = list(read_queries(write(tmp_path / "in.csv", CSV_TEXT)))
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.id for r in rows] == ["c1", 2, "c3", "c4", "c5", "c6"]
    assert [r.location for r in rows] == [f"line {n}" for n in range(2, 8)]
    first = rows[0].query
    assert first == Query(
        name="Jihad Yaghmour",
        schema="Person",
        birth_date="1967-07-15",
        nationality=("TR", "Turkey"),
        country=(),
        id_number=("12180149578",),
        id="c1",
    )
    assert rows[1].query is not None and rows[1].query.schema == "Vessel"
    assert rows[1].query.id == "2"  # id defaults to the 1-based data row number
    assert rows[2].error == "no name"
    assert rows[3].error is not None and "unknown schema 'Dinosaur'" in rows[3].error
    assert rows[4].error is not None and "bad birth date '1975-13-01'" in rows[4].error
    last = rows[5].query
    assert last is not None
    assert last.name == 'Musa Dudin, "Abu Ibrahim"'
    assert last.schema == "Person"  # schema names are case-insensitive
    assert last.country == ("Turkey", "Qatar")


def test_csv_multiline_cell_reports_the_starting_line(tmp_path: Path) -> None:
    text = 'name,id\n"HAMAS\nLEADER",a\nIsmail Haniyeh,b\n\nSaleh al-Arouri,c\n'
    rows = list(read_queries(write(tmp_path / "in.csv", text)))
    assert [(r.id, r.location) for r in rows] == [("a", "line 2"), ("b", "line 4"), ("c", "line 6")]
    assert [r.number for r in rows] == [1, 2, 3]  # a blank line is not a record


def test_csv_semicolon_delimiter_and_ragged_rows(tmp_path: Path) -> None:
    text = "name;schema\nHAMAS;Organization\nZaher Jabarin;Person;extra\n"
    rows = list(read_queries(write(tmp_path / "in.txt", text)))
    assert rows[0].query is not None and rows[0].query.schema == "Organization"
    assert rows[1].error == "3 fields where the header has 2"


def test_csv_invalid_utf8_is_a_bad_row_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"name\nJihad Yaghmour\nCihat Ya\xf0mur\nZaher Jabarin\n")
    rows = list(read_queries(path))
    assert [r.error for r in rows] == [None, "not valid UTF-8 text", None]
    assert rows[1].location == "line 3"


def test_csv_without_name_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="no 'name' column"):
        read_queries(write(tmp_path / "in.csv", "full_name,id\nHAMAS,1\n"))  # before any row


def test_gzipped_csv(tmp_path: Path) -> None:
    path = tmp_path / "in.csv.gz"
    path.write_bytes(gzip.compress(CSV_TEXT.encode()))
    assert detect_format(path) == "csv"
    assert len(list(read_queries(path))) == 6


def test_jsonl_rows(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "name": "Jihad Yaghmour", "nationality": ["TR", "Turkey"]}),
        "",
        "{not json",
        json.dumps({"name": "ДЖИХАД ЯГМУР", "birth_date": 1967}),
        json.dumps(["Zaher Jabarin"]),
        json.dumps({"Name": "GRACEFUL", "Schema": "vessel", "id_number": 1011551}),
        json.dumps({"id": "x", "name": 42}),
    ]
    path = write(tmp_path / "queries", "\n".join(lines) + "\n")
    assert detect_format(path) == "jsonl"  # no extension: detected from the content
    rows = list(read_queries(path))
    assert [r.id for r in rows] == [7, 2, 3, 4, 5, "x"]
    assert [r.location for r in rows] == [
        "line 1",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
        "line 7",
    ]
    assert rows[0].query is not None and rows[0].query.nationality == ("TR", "Turkey")
    assert rows[0].query.id == "7"
    assert rows[1].error is not None and rows[1].error.startswith("malformed JSON")
    assert rows[2].query is not None and rows[2].query.birth_date == "1967"
    assert rows[3].error == "expected a JSON object, got list"
    vessel = rows[4].query
    assert vessel is not None and vessel.schema == "Vessel" and vessel.id_number == ("1011551",)
    assert rows[5].error is not None and rows[5].error.startswith("name must be text")


def test_parquet_rows(tmp_path: Path) -> None:
    import datetime as dt

    table = pa.table(
        {
            "id": ["p1", None, "p3"],
            "name": ["Jihad Yaghmour", "HAMAS", None],
            "schema": ["Person", "Organization", "Person"],
            "birth_date": [dt.date(1967, 7, 15), None, None],
            "nationality": [["TR"], [], None],
        }
    )
    path = tmp_path / "in.data"
    pq.write_table(table, path)
    assert detect_format(path) == "parquet"  # by magic bytes, whatever the extension
    rows = list(read_queries(path))
    assert [r.id for r in rows] == ["p1", 2, "p3"]
    assert [r.location for r in rows] == ["row 1", "row 2", "row 3"]
    assert rows[0].query is not None and rows[0].query.birth_date == "1967-07-15"
    assert rows[0].query.nationality == ("TR",)
    assert rows[2].error == "no name"


def test_parquet_without_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"full_name": ["HAMAS"]}), path)
    with pytest.raises(BatchError, match="no 'name' column"):
        read_queries(path)


def test_not_parquet_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="cannot read as Parquet"):
        list(read_queries(write(tmp_path / "in.parquet", "name\nHAMAS\n")))


def test_make_query_validation() -> None:
    assert make_query("  Jihad Yaghmour ").name == "Jihad Yaghmour"
    assert make_query("X", birth_date="1967-07").birth_date == "1967-07"
    assert make_query("X", id_number=["1", "1;2"]).id_number == ("1", "2")
    for bad in ("1967-7-15", "15 Jul 1967", "1967-02-30", "1967;1968"):
        with pytest.raises(ValueError):
            make_query("X", birth_date=bad)
    with pytest.raises(ValueError, match="no letters"):
        make_query("\u200b\u00ad")
    assert make_query("X", schema="airplane").schema == "Airplane"


def test_output_lines() -> None:
    row = InputRow(3, "line 4", "c3", query=make_query("Jihad Yaghmour"))
    match = Match(
        entity_id="ofac-46168",
        source="us_ofac_sdn",
        source_id="46168",
        schema="Person",
        caption="YAGHMOUR, Jihad Muhammad Shaker",
        score=0.97,
        explanation={"features": [{"name": "name", "value": 0.97}]},
    )
    data = json.loads(result_line(row, [match]))
    assert data == {"id": "c3", "matches": [match.to_dict()]}
    assert set(data["matches"][0]) == {
        "entity_id",
        "source",
        "source_id",
        "schema",
        "caption",
        "score",
        "explanation",
    }
    bad = InputRow(4, "line 5", 4, error="no name")
    assert json.loads(error_line(bad)) == {"id": 4, "error": "line 5: no name"}


@pytest.mark.parametrize("row_id", ["c3", 17, 'a "quoted" \\ id', "Ağ-7\u200b", ""])
def test_line_without_matches_is_what_json_writes(row_id: str | int) -> None:
    row = InputRow(1, "line 2", row_id, query=make_query("Mehmet Kaya"))
    written = json.dumps({"id": row_id, "matches": []}, ensure_ascii=False, default=str)
    assert result_line(row, []) == written + "\n"


def test_truncated_gzip_is_an_error_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "in.csv.gz"
    body = "name\n" + "Jihad Yaghmour\n" * 5000
    path.write_bytes(gzip.compress(body.encode())[:-200])
    with pytest.raises(BatchError, match="truncated"):
        list(read_queries(path))
