"""`embargo match` and `embargo screen` on a real store: SDN of 12 and 13 December 2023.

46168 YAGHMOUR, Jihad Muhammad Shaker was designated on 13 Dec 2023 (Hamas financiers in
Türkiye): it is in the 2023-12-13 file and not in the 2023-12-12 one, which is what `--as-of`
must see.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.sources import read_list
from embargo.store import Store

YAGHMOUR = "ofac-46168"
KAYA = "ofac-46233"  # KAYA, Mehmet, born 1988, Turkish

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('screening') / 'embargo.db'}"
    with Store(url) as store:
        for day in ("2023-12-12", "2023-12-13"):
            store.load(read_list(data_dir / "ofac" / "sdn-history" / f"sdn-{day}.csv.gz"))
    return url


def invoke(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_match_json_finds_the_listed_person(db: str) -> None:
    code, out, _ = invoke(
        db, "match", "Jihad Yaghmour", "--schema", "Person", "--birth-date", "1967", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["query"]["name"] == "Jihad Yaghmour"
    assert data["query"]["schema"] == "Person"
    assert data["query"]["birth_date"] == "1967"
    assert data["threshold"] > 0
    top = data["matches"][0]
    assert top["entity_id"] == YAGHMOUR
    assert top["source"] == "us_ofac_sdn" and top["source_id"] == "46168"
    assert top["score"] >= data["threshold"]
    assert top["explanation"]  # every result says why
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_match_as_of_sees_the_version_in_force(db: str) -> None:
    code, out, _ = invoke(db, "match", "Jihad Yaghmour", "--as-of", "2023-12-12", "--json")
    assert code == 0
    assert YAGHMOUR not in {m["entity_id"] for m in json.loads(out)["matches"]}


def test_match_table_and_threshold(db: str) -> None:
    code, out, _ = invoke(db, "match", "Jihad Yaghmour", "--threshold", "0.5")
    assert code == 0
    assert "46168" in out and "YAGHMOUR" in out
    code, out, _ = invoke(db, "match", "Jihad Yaghmour", "--threshold", "1.0", "--json")
    assert code == 0
    assert all(m["score"] >= 1.0 for m in json.loads(out)["matches"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match", "Jihad Yaghmour", "--schema", "Dinosaur"], "unknown schema"),
        (["match", "Jihad Yaghmour", "--birth-date", "15 Jul 1967"], "bad birth date"),
        (["match", "Jihad Yaghmour", "--as-of", "yesterday"], "not a date"),
        (["match", "Jihad Yaghmour", "--threshold", "1.5"], "outside [0, 1]"),
        (["match", "Jihad Yaghmour", "--as-of", "2001-01-01"], "no list version was in force"),
        (["match", "   "], "no name"),
    ],
)
def test_match_refuses_bad_input(db: str, args: list[str], message: str) -> None:
    code, _, err = invoke(db, *args)
    assert code == 2
    assert message in " ".join(err.split())


def test_match_on_an_empty_database(sqlite_url: str) -> None:
    code, _, err = invoke(sqlite_url, "match", "Jihad Yaghmour")
    assert code == 2
    assert "no lists loaded" in err


# The same seven records in every input format: two alerts, one clear miss, three bad rows.
ROWS = [
    {"id": "a1", "name": "Jihad Yaghmour", "schema": "Person", "birth_date": "1967-07-15"},
    {"id": "a2", "name": "Zzyzx Quarmby Fenwhistle", "schema": "Person"},
    {"id": "a3", "name": "", "schema": "Person"},
    {"id": "a4", "name": "ДЖИХАД ЯГМУР", "schema": "Dinosaur"},
    {"id": "", "name": "Jihad Yaghmour", "schema": "", "nationality": "TR;Turkey"},
    {"id": "a6", "name": "Mehmet Kaya", "schema": "Person", "birth_date": "1988-13-45"},
    {"id": "a7", "name": "Jіhad Yaghmоur", "schema": "Person"},  # Cyrillic і and о
]
FIELDS = ["id", "name", "schema", "birth_date", "nationality"]


def write_csv(path: Path) -> Path:
    lines = [",".join(FIELDS)]
    for row in ROWS:
        lines.append(",".join(f'"{row.get(f, "")}"' for f in FIELDS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path) -> Path:
    lines = [
        json.dumps({k: v for k, v in row.items() if v != ""}, ensure_ascii=False) for row in ROWS
    ]
    lines.insert(3, "{broken json")  # an eighth record, malformed
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_parquet(path: Path) -> Path:
    columns = {f: [row.get(f) or None for row in ROWS] for f in FIELDS}
    pq.write_table(pa.table(columns), path)
    return path


def screen(db: str, source: Path, tmp_path: Path, *extra: str) -> tuple[list[dict], str, str]:
    output = tmp_path / "out.jsonl"
    code, out, err = invoke(db, "screen", str(source), "-o", str(output), *extra)
    assert code == 0, err
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return lines, out, err


def check_common(lines: list[dict], ids: list[object]) -> None:
    assert [line["id"] for line in lines] == ids  # one line per input record, input order
    hits = {line["id"]: line for line in lines if "matches" in line}
    assert hits[ids[0]]["matches"][0]["entity_id"] == YAGHMOUR
    assert hits[ids[1]]["matches"] == []
    for line in lines:
        for match in line.get("matches", []):
            assert set(match) == {
                "entity_id",
                "source",
                "source_id",
                "schema",
                "caption",
                "score",
                "explanation",
            }
        scores = [m["score"] for m in line.get("matches", [])]
        assert scores == sorted(scores, reverse=True)


def test_screen_csv(db: str, tmp_path: Path) -> None:
    lines, out, err = screen(db, write_csv(tmp_path / "in.csv"), tmp_path)
    check_common(lines, ["a1", "a2", "a3", "a4", 5, "a6", "a7"])
    by_id = {line["id"]: line for line in lines}
    assert by_id[5]["matches"][0]["entity_id"] == YAGHMOUR  # id defaults to the row number
    assert by_id["a7"]["matches"][0]["entity_id"] == YAGHMOUR  # homoglyphs see through
    assert by_id["a3"]["error"] == "line 4: no name"
    assert "unknown schema" in by_id["a4"]["error"] and by_id["a4"]["error"].startswith("line 5")
    assert "bad birth date" in by_id["a6"]["error"]
    assert "in.csv line 4: no name\n" in err  # one line per bad row, never wrapped
    assert "7 records screened" in out and "3 bad rows" in out
    assert "names/s" in out


def test_screen_jsonl(db: str, tmp_path: Path) -> None:
    lines, out, err = screen(db, write_jsonl(tmp_path / "in.jsonl"), tmp_path)
    check_common(lines, ["a1", "a2", "a3", 4, "a4", 6, "a6", "a7"])
    by_id = {line["id"]: line for line in lines}
    assert by_id[4]["error"].startswith("line 4: malformed JSON")
    assert "in.jsonl line 4: malformed JSON" in err
    assert "8 records screened" in out and "4 bad rows" in out


def test_screen_parquet_and_threshold(db: str, tmp_path: Path) -> None:
    lines, _, err = screen(db, write_parquet(tmp_path / "in.parquet"), tmp_path)
    check_common(lines, ["a1", "a2", "a3", "a4", 5, "a6", "a7"])
    assert {line["id"]: line for line in lines}["a3"]["error"] == "row 3: no name"
    assert "in.parquet row 3: no name" in " ".join(err.split())
    # Only matches at or above the threshold are written.
    strict, _, _ = screen(db, tmp_path / "in.parquet", tmp_path, "--threshold", "0.99")
    for line in strict:
        assert all(m["score"] >= 0.99 for m in line.get("matches", []))
    assert [line["id"] for line in strict] == [line["id"] for line in lines]


def test_screen_as_of_and_forced_format(db: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "queries.data")
    lines, _, _ = screen(db, source, tmp_path, "--format", "jsonl", "--as-of", "2023-12-12")
    assert all(YAGHMOUR not in {m["entity_id"] for m in line.get("matches", [])} for line in lines)


def test_screen_refuses_unreadable_input(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "in.csv"
    bad.write_text("full_name\nJihad Yaghmour\n", encoding="utf-8")
    code, _, err = invoke(db, "screen", str(bad), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2 and "no 'name' column" in " ".join(err.split())
    code, _, err = invoke(db, "screen", str(tmp_path / "missing.csv"), "-o", "x.jsonl")
    assert code == 2 and "no such file" in " ".join(err.split())
    code, _, err = invoke(db, "screen", str(bad), "-o", "x.jsonl", "--format", "xml")
    assert code == 2 and "--format" in err
