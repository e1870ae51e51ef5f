"""Insight commands on the nine SDN snapshots, against truth computed from the raw CSV files.

The store holds the nine snapshots of `ofac/sdn-history`; every expected number below is
computed here from the files with the csv module (insight_truth), never copied from the issue.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import insight_truth as truth
import pytest
from lxml import etree, html
from PIL import Image
from typer.testing import CliRunner

from embargo.cli import app
from embargo.insight import demo_insight
from embargo.sources import read_list
from embargo.store import Store, file_checksum

runner = CliRunner()
pytestmark = pytest.mark.slow  # loads many list versions


@pytest.fixture(scope="module")
def snapshots(data_dir: Path) -> dict[date, dict[str, truth.Row]]:
    files = sorted((data_dir / "ofac/sdn-history").glob("sdn-*.csv.gz"))
    assert len(files) == 9
    return {date.fromisoformat(f.name[4:14]): truth.read_rows(f) for f in files}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('insight') / 'embargo.db'}"
    with Store(url) as store:
        for path in sorted((data_dir / "ofac/sdn-history").glob("sdn-*.csv.gz")):
            store.load(read_list(path), checksum=file_checksum([path]))
    return url


def invoke(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def as_json(db: str, *args: str) -> dict:
    code, out, err = invoke(db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_hamas_timeline_at_the_snapshots(db: str, snapshots) -> None:
    data = as_json(db, "timeline", "--linked-to", "HAMAS")
    points = data["points"]
    assert [p["date"] for p in points] == [d.isoformat() for d in snapshots]
    expected = [truth.hamas_linked(rows) for rows in snapshots.values()]
    assert [p["total"] for p in points] == [len(s) for s in expected]
    for i in range(1, len(points)):
        assert points[i]["added"] == len(expected[i] - expected[i - 1])
        assert points[i]["removed"] == len(expected[i - 1] - expected[i])


def test_country_timeline_at_the_snapshots(db: str, snapshots) -> None:
    data = as_json(
        db, "timeline", "--country", "Türkiye", "--from", "2022-01-01", "--to", "2024-12-31"
    )
    totals = {p["date"]: p["total"] for p in data["points"]}
    expected = {
        d.isoformat(): len(truth.turkey_set(rows))
        for d, rows in snapshots.items()
        if d.year >= 2022
    }
    assert totals == expected


def test_whole_list_timeline_counts_every_entry(db: str, snapshots) -> None:
    data = as_json(db, "timeline")
    assert [p["total"] for p in data["points"]] == [len(rows) for rows in snapshots.values()]


@pytest.mark.parametrize(
    ("country", "party"),
    [
        ("TR", "4695"),
        ("TUR", "ofac-4695"),
        ("Turkey", "HAMAS"),
        ("Turkish", "hamas"),
        ("Türkiye", "4695"),
    ],
)
def test_hamas_linked_tied_to_turkey_on_13_december(
    db: str, snapshots, country: str, party: str
) -> None:
    rows = snapshots[date(2023, 12, 13)]
    expected = {e for e in truth.hamas_linked(rows) if truth.turkey_tied(rows[e])}
    data = as_json(
        db, "exposure", "--country", country, "--linked-to", party, "--as-of", "2023-12-13"
    )
    assert data["country"] == "TR" and data["as_of"] == "2023-12-13"
    assert {e["source_id"] for e in data["entities"]} == expected
    before = snapshots[date(2023, 12, 12)]
    for entity in data["entities"]:
        assert entity["evidence"], entity
        assert entity["source"] == "us_ofac_sdn"
        assert entity["entity_id"] == f"ofac-{entity['source_id']}"
        new = entity["source_id"] not in before
        assert (entity["first_listed"] == "2023-12-13") == new


def test_all_turkey_ties_on_3_may_2024(db: str, snapshots) -> None:
    expected = truth.turkey_set(snapshots[date(2024, 5, 3)])
    data = as_json(db, "exposure", "--country", "TR", "--as-of", "2024-05-03")
    found = {e["source_id"]: e for e in data["entities"]}
    assert set(found) == expected
    # first_listed: the earliest snapshot holding the entry.
    for ent_num, entity in found.items():
        first = min(d for d, rows in snapshots.items() if ent_num in rows)
        assert entity["first_listed"] == first.isoformat()
    flags = [e for e in found.values() if any(x["kind"] == "flag" for x in e["evidence"])]
    assert {e["schema"] for e in flags} == {"Vessel"}
    assert {e["source_id"] for e in flags} == {
        r.ent_num for r in snapshots[date(2024, 5, 3)].values() if r.flag == "Turkey"
    }


def test_exposure_latest_by_default_and_program_filter(db: str, snapshots) -> None:
    rows = snapshots[date(2024, 5, 3)]
    data = as_json(db, "exposure", "--country", "TR", "--linked-to", "4695", "--program", "sdgt")
    assert data["as_of"] == "2024-05-03"
    expected = {
        e
        for e in truth.hamas_linked(rows)
        if truth.turkey_tied(rows[e]) and "SDGT" in rows[e].program
    }
    assert {e["source_id"] for e in data["entities"]} == expected


def test_depth_two_reaches_further(db: str) -> None:
    one = as_json(db, "exposure", "--country", "PS", "--linked-to", "4695")
    two = as_json(db, "exposure", "--country", "PS", "--linked-to", "4695", "--depth", "2")
    ids1 = {e["entity_id"] for e in one["entities"]}
    ids2 = {e["entity_id"] for e in two["entities"]}
    assert ids1 < ids2
    assert "ofac-4695" not in ids2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["exposure", "--country", "Narnia"], "unknown country 'Narnia'"),
        (["exposure", "--country", "TR", "--linked-to", "NOBODY AT ALL"], "NOBODY AT ALL"),
        (["exposure", "--country", "TR", "--as-of", "2020-01-01"], "2021-08-18"),
        (["exposure", "--country", "TR", "--as-of", "13/12/2023"], "not a date"),
        (["exposure", "--country", "TR", "--program", "NOPROGRAM"], "NOPROGRAM"),
        (["exposure", "--country", "TR", "--source", "un_sc_sanctions"], "un_sc_sanctions"),
        (["timeline", "--to", "2020-01-01"], "2021-08-18"),
    ],
)
def test_bad_input_exits_2(db: str, args: list[str], message: str) -> None:
    code, out, err = invoke(db, *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert out == ""


def test_ambiguous_name_lists_the_candidates(db: str, snapshots) -> None:
    rows = snapshots[date(2024, 5, 3)]
    name = "AL-AQSA FOUNDATION"
    candidates = {r.ent_num for r in rows.values() if r.name == name}
    assert len(candidates) > 1
    code, _, err = invoke(db, "exposure", "--country", "TR", "--linked-to", name)
    assert code == 2
    err = " ".join(err.split())
    assert "names" in err
    for ent_num in candidates:
        assert f"ofac-{ent_num}" in err


def test_names_go_through_the_matcher(db: str, snapshots) -> None:
    """A name that is no exact caption resolves when the matcher finds one party for it."""
    code, out, err = invoke(
        db, "exposure", "--country", "TR", "--linked-to", "Jihad Muhammad Shaker Yaghmour", "--json"
    )
    assert code == 0, err
    assert "ofac-46168" in err and "matcher" in err
    assert json.loads(out)["entities"] == []  # only HAMAS is linked to him, tied to no country
    code, _, err = invoke(db, "exposure", "--country", "TR", "--linked-to", "Al Aqsa Foundatio")
    assert code == 2
    rows = snapshots[date(2024, 5, 3)]
    for ent_num in (r.ent_num for r in rows.values() if r.name == "AL-AQSA FOUNDATION"):
        assert f"ofac-{ent_num}" in " ".join(err.split())


def test_bad_input_writes_nothing(db: str, tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    report = tmp_path / "report.html"
    for args in (
        ["timeline", "--linked-to", "NOBODY AT ALL", "--chart", str(chart)],
        ["timeline", "--country", "Narnia", "--chart", str(chart)],
        ["timeline", "--chart", str(tmp_path / "chart.gif")],
        ["report", "--from", "2020-01-01", "--to", "2023-12-13", "-o", str(report)],
        ["report", "--from", "2023-12-12", "--to", "2023-12-13", "-o", str(tmp_path / "r.pdf")],
        [
            "report",
            "--from",
            "2023-12-12",
            "--to",
            "2023-12-13",
            "--source",
            "eu_fsf",
            "-o",
            str(report),
        ],
    ):
        code, _, err = invoke(db, *args)
        assert code == 2, (args, err)
    assert list(tmp_path.iterdir()) == []


def test_chart_png_and_svg(db: str, tmp_path: Path) -> None:
    png, svg = tmp_path / "hamas.png", tmp_path / "hamas.svg"
    code, _, err = invoke(db, "timeline", "--linked-to", "HAMAS", "--chart", str(png))
    assert code == 0, err
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 600)
    code, _, err = invoke(
        db, "timeline", "--linked-to", "HAMAS", "--country", "TR", "--chart", str(svg)
    )
    assert code == 0, err
    root = etree.parse(str(svg)).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text()
    assert "HAMAS" in text or "linked to" in text.lower() or "<path" in text


def _added_13_december(snapshots) -> dict[str, truth.Row]:
    before, after = snapshots[date(2023, 12, 12)], snapshots[date(2023, 12, 13)]
    return {e: after[e] for e in after if e not in before}


def test_html_report_of_13_december(db: str, snapshots, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = invoke(
        db, "report", "--from", "2023-12-12", "--to", "2023-12-13", "-o", str(out)
    )
    assert code == 0, err
    added = _added_13_december(snapshots)
    assert len(added) == 8
    before, after = snapshots[date(2023, 12, 12)], snapshots[date(2023, 12, 13)]
    removed = {e for e in before if e not in after}
    doc = html.parse(str(out)).getroot()
    # Self-contained: no scripts, stylesheets or images from anywhere but the file itself.
    assert not doc.xpath("//script | //link | //iframe | //object")
    sources = doc.xpath("//img/@src")
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert not [h for h in doc.xpath("//@href") if not h.startswith("#")]
    names = [h.text_content() for h in doc.xpath('//div[@id="added"]//section/h3')]
    assert sorted(names) == sorted(r.name for r in added.values())
    assert len(doc.xpath('//div[@id="removed"]//section')) == len(removed)
    sections = {s.get("id"): s for s in doc.xpath('//div[@id="added"]//section')}
    assert set(sections) == {f"ofac-{e}" for e in added}
    for ent_num, row in added.items():
        text = sections[f"ofac-{ent_num}"].text_content()
        if "Linked To: HAMAS" in row.remarks:
            assert "HAMAS" in text  # the link is shown
        if truth.turkey_tied(row):
            assert "Türkiye (TR)" in text  # and the evidence
    # Counts by programme: the added column equals the programmes of the added rows.
    expected: dict[str, int] = {}
    for row in added.values():
        for program in row.program.split("] ["):
            expected[program] = expected.get(program, 0) + 1
    table = doc.xpath('//h2[text()="By programme"]/following-sibling::table[1]')[0]
    got = {
        tr.xpath("td[1]")[0].text_content(): int(tr.xpath("td[2]")[0].text_content())
        for tr in table.xpath("tr[td]")
    }
    assert {k: v for k, v in got.items() if v} == expected


def test_markdown_report(db: str, snapshots, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, _, err = invoke(
        db, "report", "--from", "2023-12-12", "--to", "2024-01-30", "-o", str(out)
    )
    assert code == 0, err
    text = out.read_text()
    before, after = snapshots[date(2023, 12, 12)], snapshots[date(2024, 1, 30)]
    assert f"## Added ({len([e for e in after if e not in before])})" in text
    assert f"## Removed ({len([e for e in before if e not in after])})" in text
    assert "](data:image/png;base64," in text
    for row in _added_13_december(snapshots).values():
        assert f"### {row.name}" in text


def test_demo_insight(db: str, tmp_path: Path) -> None:
    with Store(db) as store:
        written = demo_insight(store, tmp_path)
    assert written["chart"] == tmp_path / "hamas-timeline.png"
    assert written["report"] == tmp_path / "report-2023-12-13.html"
    with Image.open(written["chart"]) as image:
        assert image.size == (1200, 600)
    doc = html.parse(str(written["report"])).getroot()
    assert len(doc.xpath('//div[@id="added"]//section')) == 8
