"""`embargo load / lists / changes` through the real CLI, parsing its --json output."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app

SOURCE = "us_ofac_sdn"


def history(data_dir: Path, day: str) -> Path:
    return data_dir / "ofac" / "sdn-history" / f"sdn-{day}.csv.gz"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    # Rich wraps messages at the terminal width; compare words, not line breaks.
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, data_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("cli") / "embargo.db"
    code, out, err = run(
        db,
        "load",
        str(history(data_dir, "2023-12-13")),
        str(history(data_dir, "2023-12-12")),
        "--json",
    )
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["published"], r["created"], r["records"]) for r in rows] == [
        ("2023-12-13", True, 13863),
        ("2023-12-12", True, 13855),
    ]
    # Loaded out of order: the later-loaded, older file is the first version of the source.
    assert (rows[1]["added"], rows[1]["removed"], rows[1]["changed"]) == (13855, 0, 0)
    assert all(p["location"].startswith("line ") for r in rows for p in r["problems"])
    return db


def test_changes_json_shape(loaded: Path) -> None:
    code, out, err = run(
        loaded,
        "changes",
        "--source",
        SOURCE,
        "--from",
        "2023-12-12",
        "--to",
        "2023-12-13",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"added", "removed", "changed"}
    assert data["removed"] == [] and data["changed"] == []
    assert {e["source_id"] for e in data["added"]} == {
        "46168", "46230", "46231", "46232", "46233", "46428", "46468", "46469"
    }  # fmt: skip
    kaya = next(e for e in data["added"] if e["source_id"] == "46233")
    assert kaya == {
        "entity_id": "ofac-46233",
        "source_id": "46233",
        "schema": "Person",
        "caption": "KAYA, Mehmet",
    }


def test_changes_reverse_and_table(loaded: Path) -> None:
    code, out, _ = run(loaded, "changes", "--from", "2023-12-13", "--to", "2023-12-12", "--json")
    assert code == 0
    assert len(json.loads(out)["removed"]) == 8
    code, out, _ = run(loaded, "changes", "--from", "2023-12-12", "--to", "2023-12-13")
    assert code == 0
    assert "KAYA, Mehmet" in out and "46233" in out


def test_changes_errors(loaded: Path) -> None:
    code, _, err = run(loaded, "changes", "--source", SOURCE, "--from", "2020-01-01")
    assert code == 2
    assert "first was published 2023-12-12" in err
    code, _, err = run(loaded, "changes", "--source", "nope", "--from", "2023-12-12")
    assert code == 2 and "unknown source" in err


def test_lists_json(loaded: Path) -> None:
    code, out, _ = run(loaded, "lists", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["source"] == SOURCE
    assert row["published"] == "2023-12-13"
    assert row["versions"] == 2 and row["records"] == 13863
    assert sum(row["schemas"].values()) == 13863
    assert row["age_days"] > 0


def test_reload_is_unchanged(loaded: Path, data_dir: Path) -> None:
    code, out, _ = run(loaded, "load", str(history(data_dir, "2023-12-12")), "--json")
    assert code == 0
    assert json.loads(out)[0]["created"] is False
    code, out, _ = run(loaded, "load", str(history(data_dir, "2023-12-12")))
    assert "unchanged" in out


def test_bad_file_fails_and_keeps_earlier_files(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "embargo.db"
    bad = tmp_path / "sdn-2024-01-30.csv.gz"
    bad.write_bytes(history(data_dir, "2024-01-30").read_bytes()[:150_000])
    code, out, err = run(db, "load", str(history(data_dir, "2023-12-12")), str(bad))
    assert code == 2
    assert str(bad) in "".join(err.split())  # the path may be wrapped anywhere
    assert "nothing of this file was stored" in err
    assert "1 file(s) loaded before it stay stored" in err
    code, out, _ = run(db, "lists", "--json")
    assert [r["versions"] for r in json.loads(out)] == [1]


def _member(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def test_load_archive_in_date_order(tmp_path: Path, data_dir: Path) -> None:
    archive = tmp_path / "daily.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        # Deliberately not in date order, like the real daily archive.
        for day in ("2023-12-13", "2023-12-12", "2024-01-30"):
            _member(
                tar, f"sdnall/sdn-{day}.csv", gzip.decompress(history(data_dir, day).read_bytes())
            )
    db = tmp_path / "embargo.db"
    code, out, err = run(db, "load", str(archive), "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["published"] for r in rows] == ["2023-12-12", "2023-12-13", "2024-01-30"]
    assert [r["version_id"] for r in rows] == [1, 2, 3]
    assert rows[1]["added"] == 8
    assert all("sdnall/sdn-" in r["file"] for r in rows)
    # The archive's members are the same publications as the gzipped snapshots.
    code, out, _ = run(db, "load", str(history(data_dir, "2023-12-13")), "--json")
    assert json.loads(out)[0]["created"] is False


def test_an_opensanctions_dataset_under_its_own_name(tmp_path: Path, data_dir: Path) -> None:
    """Two OpenSanctions files are one source by default, where the later would stand as a new
    version of the other; with --source opensanctions:DATASET each is a list of its own, in
    force beside the other and screened with it."""
    fixtures = data_dir / "opensanctions"
    db = tmp_path / "embargo.db"
    code, _, err = run(db, "load", str(fixtures / "yente-fixture-zala" / "entities.ftm.json"))
    assert code == 0, err
    eu_fsf = str(fixtures / "yente-fixture-t1-eu_fsf" / "entities.ftm.json")
    code, _, err = run(db, "load", eu_fsf, "--source", "opensanctions:eu_fsf")
    assert code == 0, err
    code, out, _ = run(db, "lists", "--json")
    assert [(r["source"], r["title"], r["records"]) for r in json.loads(out)] == [
        ("opensanctions", "OpenSanctions FollowTheMoney data", 17),
        ("opensanctions:eu_fsf", "OpenSanctions FollowTheMoney data: eu_fsf", 7),
    ]
    code, out, err = run(db, "match", "Inter Tobacco LLC", "--schema", "Organization", "--json")
    assert code == 0, err
    assert json.loads(out)["matches"][0]["source"] == "opensanctions:eu_fsf"
    for bad in ("opensanctions:", "opensanctions:EU FSF", "sdn:eu_fsf"):
        code, _, err = run(db, "load", eu_fsf, "--source", bad)
        assert code == 2 and "unknown source" in err
