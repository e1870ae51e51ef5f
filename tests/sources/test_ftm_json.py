"""FollowTheMoney JSON lines (OpenSanctions exports, yente fixtures)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from followthemoney import model

from embargo.sources import ParsedList, SourceError, ftm_json, read_list

ZALA = "opensanctions/yente-fixture-zala/entities.ftm.json"
EU = "opensanctions/yente-fixture-t1-eu_fsf/entities.ftm.json"
SPENDEN = "opensanctions/yente-tests-fixture/parteispenden/entities.ftm.json"
WD = "opensanctions/wd_persons-sa-2024-03-09/entities.ftm.json"
NEWLINE = b"\n"
WD_NESTED = "opensanctions/wd_persons-sa-2024-03-09/targets.nested.json"


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def all_ids(parsed: ParsedList) -> list[str]:
    return [e.id for r in parsed for e in [r.entity, *r.related]]  # type: ignore[misc]


@pytest.mark.parametrize("name", [ZALA, EU, SPENDEN, WD])
def test_every_entity_lands_exactly_once(data_dir: Path, name: str) -> None:
    parsed = read_list(data_dir / name)
    assert parsed.format == "ftm_json" and parsed.source == "opensanctions"
    assert parsed.problems == []
    source = lines(data_dir / name)
    ids = all_ids(parsed)
    assert sorted(ids) == sorted(e["id"] for e in source)
    # every Thing but Address is a record of its own, keyed by its unchanged FtM id
    things = {
        e["id"] for e in source if model.get(e["schema"]).is_a("Thing") and e["schema"] != "Address"
    }
    assert things <= {r.source_id for r in parsed}
    assert all(r.entity_id == r.source_id for r in parsed)


def test_zala_links_hang_on_their_party(data_dir: Path) -> None:
    parsed = read_list(data_dir / ZALA)
    source = {e["id"]: e for e in lines(data_dir / ZALA)}
    records = {r.source_id: r for r in parsed}
    assert len(parsed) == 17  # 11 Company + 6 Person
    assert Counter(x.schema.name for r in parsed for x in r.related) == {
        "Sanction": 41, "Ownership": 14, "Address": 11, "Family": 4, "Directorship": 3, "Passport": 1,
    }  # fmt: skip
    for record in parsed:
        for link in record.related:
            if link.schema.name == "Sanction":
                assert link.get("entity") == [record.source_id]
            elif link.schema.name == "Ownership":
                assert link.get("owner") == [record.source_id] or link.get("asset") == [
                    record.source_id
                ]
                if link.get("owner")[0] in records:
                    assert link.get("owner") == [record.source_id]
            elif link.schema.name == "Address":
                assert link.id in record.entity.get("addressEntity")
    # metadata kept verbatim
    zala = next(r for r in parsed if "ZALA" in " ".join(r.entity.get("name")).upper())
    assert json.loads(zala.raw["datasets"]) == source[zala.source_id]["datasets"]
    assert zala.raw["first_seen"] == source[zala.source_id]["first_seen"]
    sanction = next(x for x in zala.related if x.schema.name == "Sanction")
    assert f"{sanction.id}/datasets" in zala.raw
    assert parsed.published == date.fromisoformat(
        max(max(e["last_change"], e["last_seen"]) for e in source.values())[:10]
    )


def test_properties_are_kept_verbatim(data_dir: Path) -> None:
    parsed = read_list(data_dir / EU)
    source = {e["id"]: e for e in lines(data_dir / EU)}
    for record in parsed:
        assert record.entity.to_dict()["properties"] == {
            k: v for k, v in source[record.source_id]["properties"].items()
        }


def test_payments_without_metadata(data_dir: Path) -> None:
    parsed = read_list(data_dir / SPENDEN)
    assert parsed.published is None  # no last_change / last_seen in this export
    assert len(parsed) == 96  # 56 Company + 22 Person + 18 Organization
    payments = [(r, x) for r in parsed for x in r.related if x.schema.name == "Payment"]
    assert len(payments) == 290
    assert all(x.get("payer") == [r.source_id] for r, x in payments)


def test_nested_targets_are_flattened(data_dir: Path) -> None:
    nested = read_list(data_dir / WD_NESTED)
    assert nested.problems == []
    persons = [r for r in nested if r.entity.schema.name == "Person"]
    assert len(persons) == 100
    for record in nested:
        for value in record.entity.to_dict()["properties"].values():
            assert all(isinstance(v, str) for v in value)
    assert Counter(x.schema.name for r in nested for x in r.related) == {
        "Family": 139,
        "Occupancy": 21,
    }


def test_bad_lines_are_problems_with_their_line(data_dir: Path, tmp_path: Path) -> None:
    text = (data_dir / ZALA).read_text().splitlines()
    bad = tmp_path / "entities.ftm.json"
    bad.write_text(
        "\n".join(
            [
                *text[:2],
                "{not json",
                json.dumps({"id": "x-1", "schema": "Dragon", "properties": {}}),
                json.dumps({"schema": "Person", "properties": {"name": ["No Id"]}}),
                json.dumps(
                    {"id": "x-2", "schema": "Person", "properties": {"name": ["A"], "wings": ["2"]}}
                ),
                *text[2:],
            ]
        )
        + "\n"
    )
    parsed = read_list(bad)
    assert [(p.location, p.reason.split(":")[0]) for p in parsed.problems] == [
        ("line 3", "not valid JSON"),
        ("line 4", "entity x-1"),
        ("line 5", "entity without an id"),
        ("line 6", "entity x-2"),
    ]
    assert len(parsed) == 18  # the 17 plus x-2, whose unknown property went to notes
    x2 = next(r for r in parsed if r.source_id == "x-2")
    assert x2.entity.get("notes") == ['wings: ["2"]']


def test_truncated_last_line_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    data = (data_dir / ZALA).read_bytes()
    cut = tmp_path / "entities.ftm.json"
    half = data[: len(data) // 2]
    cut.write_bytes(half)
    with pytest.raises(SourceError, match="truncated") as err:
        read_list(cut)
    assert err.value.location == f"line {half.count(NEWLINE) + 1}"


def test_forced_source_and_detection(data_dir: Path) -> None:
    parsed = read_list(data_dir / EU, source="eu_fsf")
    assert parsed.source == "eu_fsf"
    assert parsed.records[0].entity_id == parsed.records[0].source_id  # never re-prefixed
    senzing = data_dir / "opensanctions/wd_persons-sa-2024-03-09/senzing.json"
    assert ftm_json.sniff(senzing, senzing.read_bytes()[:4096]) is None


def test_other_json_is_an_error(data_dir: Path) -> None:
    senzing = data_dir / "opensanctions/wd_persons-sa-2024-03-09/senzing.json"
    with pytest.raises(SourceError, match="no FtM entity"):
        ftm_json.parse(senzing, "opensanctions")
