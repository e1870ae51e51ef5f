"""Country evidence and links read from real parsed lists, checked against the raw files."""

from __future__ import annotations

from pathlib import Path

import insight_truth as truth
import pytest
from followthemoney import model

from embargo.insight.countries import UnknownCountry, country_code, country_in_place, parse_country
from embargo.insight.evidence import KINDS, RULES, record_evidence, validate_rules
from embargo.insight.links import LinkGraph, record_links
from embargo.sources import read_list
from embargo.sources.base import Record


@pytest.fixture(scope="module")
def sdn_2024(data_dir: Path):
    return read_list(data_dir / "ofac/sdn-history/sdn-2024-05-03.csv.gz")


@pytest.mark.parametrize("text", ["TR", "tr", "TUR", "Turkey", "Türkiye", "Turkish", " turkey "])
def test_turkey_spellings_are_one_country(text: str) -> None:
    assert parse_country(text) == "TR"


@pytest.mark.parametrize("text", ["Narnia", "", "XX1"])
def test_unknown_country_is_an_error(text: str) -> None:
    with pytest.raises(UnknownCountry, match="unknown country"):
        parse_country(text)


def test_country_in_place() -> None:
    assert country_in_place("Istanbul, Turkey") == "TR"
    assert country_in_place("Salfit, West Bank, Palestinian") == "PS"
    assert country_in_place("Mardin, Turkey.") == "TR"
    assert country_in_place("Somewhere") is None
    assert country_code(None) is None


def test_rules_are_valid() -> None:
    validate_rules()
    assert {r.kind for r in RULES} == set(KINDS)


def test_turkey_ties_match_the_file(data_dir: Path, sdn_2024) -> None:
    """Every SDN entry of 2024-05-03 tied to Turkey by the remarks (or flag), and no other."""
    rows = truth.read_rows(data_dir / "ofac/sdn-history/sdn-2024-05-03.csv.gz")
    expected = truth.turkey_set(rows)
    found = {
        r.source_id for r in sdn_2024.records if any(e.country == "TR" for e in record_evidence(r))
    }
    assert found == expected
    assert len(expected) > 100


def test_vessel_flag_and_kinds(data_dir: Path, sdn_2024) -> None:
    rows = truth.read_rows(data_dir / "ofac/sdn-history/sdn-2024-05-03.csv.gz")
    flagged = {r.ent_num for r in rows.values() if r.flag == "Turkey"}
    assert flagged
    by_id = {r.source_id: r for r in sdn_2024.records}
    for ent_num in flagged:
        kinds = {e.kind for e in record_evidence(by_id[ent_num]) if e.country == "TR"}
        assert "flag" in kinds
    # An organisation's numbers are its registration; a person's are identity papers.
    redin = {(e.kind, e.value) for e in record_evidence(by_id["27123"])}
    assert ("registration", "Registration Number 926549 (Turkey)") in redin
    assert ("registration", "Identification Number 3010560025 (Turkey)") in redin
    yaghmour = {(e.kind, e.value) for e in record_evidence(by_id["46168"])}
    assert ("id_document", "National ID No. 12180149578 (Turkey)") in yaghmour
    # birthCountry beside birthPlace gives one tie, with the place as the list wrote it.
    kaya = [e for e in record_evidence(by_id["46233"]) if e.kind == "birth_place"]
    assert [(e.country, e.value) for e in kaya] == [("TR", "Mardin, Turkey")]


def test_hamas_links_match_the_file(data_dir: Path) -> None:
    path = data_dir / "ofac/sdn-history/sdn-2023-12-13.csv.gz"
    expected = truth.hamas_linked(truth.read_rows(path))
    parsed = read_list(path)
    graph = LinkGraph()
    for record in parsed.records:
        graph.add_links(record_links(record))
    found = {e.removeprefix("ofac-") for e in graph.within("ofac-4695", 1)}
    assert found == expected
    # Two hops reach further (parties linked to those linked to HAMAS), never fewer.
    assert graph.within("ofac-4695", 2) > graph.within("ofac-4695", 1)


def test_addresses_count_when_the_source_has_them(data_dir: Path) -> None:
    """The full SDN set (with add.csv) yields address ties."""
    parsed = read_list(data_dir / "ofac/sdn-2023-12-28-full/sdn.csv.gz")
    redin = next(r for r in parsed.records if r.source_id == "27123")
    addresses = [e for e in record_evidence(redin) if e.kind == "address"]
    assert addresses and all(e.country == "TR" for e in addresses)
    assert any("Istanbul" in e.value for e in addresses)


def test_ftm_relationships_are_links_both_ways(data_dir: Path) -> None:
    """OpenSanctions FtM data: Ownership, Family, Directorship become edges of the graph."""
    parsed = read_list(data_dir / "opensanctions/yente-fixture-zala/entities.ftm.json")
    links = [k for r in parsed.records for k in record_links(r)]
    assert {"Ownership", "Family", "Directorship"} <= {k.schema for k in links}
    graph = LinkGraph()
    graph.add_links(links)
    owner = next(k for k in links if k.schema == "Ownership")
    assert owner.target in graph.within(owner.source, 1)
    assert owner.source in graph.within(owner.target, 1)


def _record(schema: str, **props: list[str]) -> Record:
    entity = model.make_entity(schema)
    entity.id = "x-1"
    for prop, values in props.items():
        entity.add(prop, values)
    return Record(source_id="1", entity=entity)


def test_papers_of_someone_else_are_not_ties() -> None:
    record = _record("Person", nationality=["Turkey"])
    passport = model.make_entity("Passport")
    passport.id = "x-2"
    passport.add("holder", "someone-else")
    passport.add("country", "Iran")
    passport.add("number", "P1")
    mine = model.make_entity("Passport")
    mine.id = "x-3"
    mine.add("holder", "x-1")
    mine.add("country", "Syria")
    mine.add("number", "P2")
    record.related = [passport, mine]
    found = {(e.kind, e.country, e.value) for e in record_evidence(record)}
    assert found == {("nationality", "TR", "Türkiye"), ("id_document", "SY", "Passport P2")}


def test_sanction_country_is_not_a_tie() -> None:
    """The Sanction's country is the sanctioning state (US), not a tie of the party."""
    record = _record("Organization", jurisdiction=["Turkey"])
    sanction = model.make_entity("Sanction")
    sanction.id = "x-s"
    sanction.add("entity", "x-1")
    sanction.add("country", "us")
    record.related = [sanction]
    assert [(e.kind, e.country) for e in record_evidence(record)] == [("registration", "TR")]


def test_link_graph_removal_and_depth() -> None:
    graph = LinkGraph()
    graph.add("a", "b")
    graph.add("b", "c")
    graph.add("a", "b")  # stated twice (two records)
    assert graph.within("a", 1) == {"b"}
    assert graph.within("a", 2) == {"b", "c"}
    assert graph.within("c", 2) == {"a", "b"}
    graph.remove("a", "b")
    assert graph.within("a", 1) == {"b"}  # still stated once
    graph.remove("a", "b")
    assert graph.within("a", 2) == set()
