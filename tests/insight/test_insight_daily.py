"""Timeline steps over daily SDN files (a slice of the 2021–2024 daily history, Oct–Dec 2023),
checked against counts taken from each daily file with the csv module."""

from __future__ import annotations

import json
import tarfile
from datetime import date
from pathlib import Path

import insight_truth as truth
import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.sources import read_list
from embargo.store import Store, file_checksum

# Every daily file in these ranges: Hamas designations fall on several of these days, and the
# gap between the ranges holds one more (the step then shows on the first day after it).
RANGES = ((date(2023, 10, 12), date(2023, 11, 3)), (date(2023, 12, 12), date(2023, 12, 13)))

runner = CliRunner()
pytestmark = pytest.mark.slow  # loads many list versions


def _wanted(name: str) -> date | None:
    stem = Path(name).name
    if not (stem.startswith("sdn-") and stem.endswith(".csv")):
        return None
    day = date.fromisoformat(stem[4:14])
    return day if any(a <= day <= b for a, b in RANGES) else None


@pytest.fixture(scope="module")
def daily_files(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> list[Path]:
    out = tmp_path_factory.mktemp("daily")
    found = []
    with tarfile.open(data_dir / "ofac/sdn-daily-2021-2024.tar.xz", "r:xz") as tar:
        for member in tar:
            day = _wanted(member.name)
            if member.isfile() and day is not None:
                source = tar.extractfile(member)
                assert source is not None
                target = out / Path(member.name).name
                target.write_bytes(source.read())
                found.append(target)
    found.sort()
    assert len(found) >= 8
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, daily_files: list[Path]) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('insight-daily') / 'embargo.db'}"
    with Store(url) as store:
        for path in daily_files:
            store.load(read_list(path), checksum=file_checksum([path]))
    return url


def _json(db: str, *args: str) -> dict:
    result = runner.invoke(app, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_hamas_daily_steps(db: str, daily_files: list[Path]) -> None:
    linked = {
        date.fromisoformat(p.name[4:14]): truth.hamas_linked(truth.read_rows(p))
        for p in daily_files
    }
    days = sorted(linked)
    points = _json(db, "timeline", "--linked-to", "4695")["points"]
    assert [p["date"] for p in points] == [d.isoformat() for d in days]
    assert [p["total"] for p in points] == [len(linked[d]) for d in days]
    steps = [p["date"] for p in points[1:] if p["added"] or p["removed"]]
    expected = [
        d.isoformat() for prev, d in zip(days, days[1:], strict=False) if linked[d] != linked[prev]
    ]
    assert steps == expected
    assert len(expected) >= 3  # the slice holds several designation days
    for prev, d, p in zip(days, days[1:], points[1:], strict=False):
        assert p["added"] == len(linked[d] - linked[prev])
        assert p["removed"] == len(linked[prev] - linked[d])


def test_turkey_daily_and_between_versions(db: str, daily_files: list[Path]) -> None:
    rows = {date.fromisoformat(p.name[4:14]): truth.read_rows(p) for p in daily_files}
    points = _json(db, "timeline", "--country", "TR", "--from", "2023-10-20", "--to", "2023-12-13")
    expected = {
        d.isoformat(): len(truth.turkey_set(r))
        for d, r in rows.items()
        if date(2023, 10, 20) <= d <= date(2023, 12, 13)
    }
    assert {p["date"]: p["total"] for p in points["points"]} == expected
    # A day without a file answers with the version in force: the latest one before it.
    day = date(2023, 11, 1)
    in_force = max(d for d in rows if d <= day)
    data = _json(
        db, "exposure", "--country", "TR", "--linked-to", "HAMAS", "--as-of", day.isoformat()
    )
    r = rows[in_force]
    assert {e["source_id"] for e in data["entities"]} == {
        e for e in truth.hamas_linked(r) if truth.turkey_tied(r[e])
    }
