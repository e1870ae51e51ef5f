"""Several sources in one store, and the insight tables on PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import insight_truth as truth
import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.insight.history import History, Query
from embargo.insight.report import build
from embargo.sources import read_list
from embargo.store import Store, file_checksum

runner = CliRunner()
pytestmark = pytest.mark.slow  # loads several list versions

SDN_DAYS = ("2023-12-12", "2023-12-13")


def _load(url: str, data_dir: Path, others: bool) -> None:
    paths = [data_dir / f"ofac/sdn-history/sdn-{d}.csv.gz" for d in SDN_DAYS]
    if others:
        paths += [
            data_dir / "ofac/consolidated-xml-2024-05-06/consolidated.xml.gz",
            data_dir / "un/un-consolidated-2024-09-26.xml.gz",
        ]
    with Store(url) as store:
        for path in paths:
            store.load(read_list(path), checksum=file_checksum([path]))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('insight-multi') / 'embargo.db'}"
    _load(url, data_dir, others=True)
    return url


def _json(db: str, *args: str) -> dict:
    result = runner.invoke(app, ["--db", db, *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_sources_share_one_timeline(db: str, data_dir: Path) -> None:
    points = _json(db, "timeline", "--country", "TR")["points"]
    assert [p["date"] for p in points] == [*SDN_DAYS, "2024-05-06", "2024-09-26"]
    sdn = truth.turkey_set(truth.read_rows(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz"))
    assert points[1]["total"] == len(sdn)
    # Later versions of other sources add their own Turkey-tied parties, never remove SDN's.
    assert points[2]["total"] >= points[1]["total"] and points[3]["total"] >= points[2]["total"]
    assert all(p["removed"] == 0 for p in points)


def test_exposure_by_source(db: str, data_dir: Path) -> None:
    sdn = truth.turkey_set(truth.read_rows(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz"))
    only = _json(db, "exposure", "--country", "TR", "--source", "us_ofac_sdn")
    assert {e["source_id"] for e in only["entities"]} == sdn
    everything = _json(db, "exposure", "--country", "TR", "--as-of", "2024-12-31")
    by_source: dict[str, set[str]] = {}
    for e in everything["entities"]:
        by_source.setdefault(e["source"], set()).add(e["source_id"])
        assert e["evidence"]
    assert by_source["us_ofac_sdn"] == sdn
    assert by_source.keys() <= {"us_ofac_sdn", "us_ofac_cons", "un_sc_sanctions"}
    assert len(by_source) > 1
    # Before the UN version exists, the UN list simply is not in the answer.
    early = _json(db, "exposure", "--country", "TR", "--as-of", "2024-05-06")
    assert "un_sc_sanctions" not in {e["source"] for e in early["entities"]}


def test_report_notes_sources_without_a_start_version(db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["--db", db, "report", "--from", "2023-12-12", "--to", "2024-12-31", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert "Not compared: no version of un_sc_sanctions in force on 2023-12-12" in text
    assert 'id="added"' in text


@pytest.mark.postgres
def test_insight_on_postgres(postgres_url: str, data_dir: Path) -> None:
    _load(postgres_url, data_dir, others=False)
    rows = truth.read_rows(data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz")
    expected = {e for e in truth.hamas_linked(rows) if truth.turkey_tied(rows[e])}
    with Store(postgres_url) as store:
        history = History.load(store, ["us_ofac_sdn"])
        hamas = history.resolve_party("HAMAS")
        found = history.exposure(Query(country="TR", linked_to=hamas), date(2023, 12, 13))
        assert {e.facts.source_id for e in found} == expected
        points = history.timeline(Query(linked_to=hamas))
        assert [p.total for p in points] == [
            len(truth.hamas_linked(truth.read_rows(data_dir / f"ofac/sdn-history/sdn-{d}.csv.gz")))
            for d in SDN_DAYS
        ]
        digest = build(store, date(2023, 12, 12), date(2023, 12, 13), ["us_ofac_sdn"])
        assert len(digest.of("added")) == 8
        # A second History reads the cached facts instead of computing them again.
        assert History.load(store, ["us_ofac_sdn"]).computed == 0
