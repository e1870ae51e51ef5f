"""The in-memory index over the real SDN list of 13 Dec 2023."""

from __future__ import annotations

import pickle
from itertools import islice
from pathlib import Path

from tests.index.conftest import SDN_2023_12_13

from embargo.index import CandidateFinder, ScreeningIndex, entity_info
from embargo.index.screening import deletions
from embargo.match.names import STRONG_PART
from embargo.names import analyse_name
from embargo.sources import read_list


def entity_ids(index: ScreeningIndex, name: str, limit: int = 48) -> list[str]:
    finder = CandidateFinder(index)
    ids, _ = finder.find(analyse_name(name), limit)
    return [index.entities[index.names[i].entity].entity_id for i in ids.tolist()]


def test_contents(sdn_index: ScreeningIndex) -> None:
    assert len(sdn_index) == 13863  # one entity per SDN entry
    assert len(sdn_index.names) > len(sdn_index)  # a.k.a. names from the remarks
    info = next(e for e in sdn_index.entities if e.entity_id == "ofac-46168")
    assert info.schema == "Person"
    assert "1967-07-15" in info.birth_dates
    assert info.nationalities == {"tr"}
    assert "12180149578" in info.ids  # National ID No. from the remarks


def test_rarity_weights(sdn_index: ScreeningIndex) -> None:
    # Common tokens must count less than rare ones when gathering candidates.
    assert sdn_index.weight("muhammad") < 0.5 < sdn_index.weight("kaya")
    assert sdn_index.weight("ali") < sdn_index.weight("yaghmour") == 1.0
    assert sdn_index.weight("never-listed") == 1.0


def test_deletion_keys() -> None:
    assert deletions("kaya") == {"aya", "kya", "kaa", "kay"}
    assert deletions("ali") == set()


def test_expansion_finds_spelling_variants(sdn_index: ScreeningIndex) -> None:
    related = {sdn_index.tokens[t]: s for t, s in sdn_index.expand("mohamed").items()}
    assert related["muhammad"] >= 0.9  # rigour name symbol
    assert "mohammed" in related  # edit distance 1
    typo = {sdn_index.tokens[t] for t in sdn_index.expand("yaghmuor")}
    assert "yaghmour" in typo  # transposition


def test_candidates_for_acceptance_spellings(sdn_index: ScreeningIndex) -> None:
    for name in ("Cihat Yağmur", "Jihad Yaghmour", "ДЖИХАД ЯГМУР", "Jіhad Yaghmоur", "YAGHMOUR J."):
        assert "ofac-46168" in entity_ids(sdn_index, name)[:5], name
    arabic = CandidateFinder(sdn_index).find(analyse_name("جهاد يغمور"), 48)[0]
    assert any(
        sdn_index.entities[sdn_index.names[i].entity].entity_id == "ofac-46168"
        for i in arabic.tolist()
    )


def test_joined_pairs_are_found(sdn_index: ScreeningIndex) -> None:
    # "IZZ-AL-DIN, Hasan" is izz din hasan; "Hasan Izzaldin" splits the same way; a query that
    # joins two listed words ("Barzanabd Ghafur") finds them through the joined-pair keys.
    assert "ofac-6926" in entity_ids(sdn_index, "Hasan Izzaldin")[:3]
    assert "ofac-7853" in entity_ids(sdn_index, "Barzanabd Ghafur Tikriti")[:10]
    assert "ofac-7853" in entity_ids(sdn_index, "Barzan Tikriti")[:10]


def test_identifier_lookup(sdn_index: ScreeningIndex) -> None:
    hits = sdn_index.entities_by_id(["12180149578"])
    assert {sdn_index.entities[i].entity_id for i in hits} == {"ofac-46168"}
    assert sdn_index.entities_by_id(["121-801-495 78"]) == hits  # punctuation ignored


def test_common_tokens_do_not_flood(sdn_index: ScreeningIndex) -> None:
    # Among many MUHAMMADs the one that also matches a rare token comes first.
    assert entity_ids(sdn_index, "Muhammad Yaghmour")[0] == "ofac-46168"


def test_hebrew_spellings_reach_their_listed_tokens(sdn_index: ScreeningIndex) -> None:
    # BURCHIK, Mikhail Leonidovich (SDN 23945) as Hebrew writes it: ח for ch.
    related = sdn_index.expand("bwrhyk", "hebrew")
    assert sdn_index.token_ids["burchik"] in related


def test_short_name_symbols_are_weaker(sdn_index: ScreeningIndex) -> None:
    # Wikidata gives Zhang, Chang and Chong one item, and Wang and Hong another: a hint, not
    # the same surname, and no agreeing name part on its own.
    related = sdn_index.expand("zhang")
    chong = sdn_index.token_ids.get("chong")
    assert chong is None or related.get(chong, 0.0) < 0.9
    hong = sdn_index.token_ids["hong"]
    assert 0.0 < sdn_index.expand("wang").get(hong, 0.0) < STRONG_PART


def test_expansions_pass_between_indexes_of_the_same_lists(data_dir: Path) -> None:
    # Screener.screen's workers pass on the tokens they expand: one learned is taken as made.
    parsed = read_list(data_dir / SDN_2023_12_13)
    records = list(islice(parsed.records, 4000))
    made_by, learner = (
        ScreeningIndex(entity_info(parsed.source, r) for r in records) for _ in "ab"
    )
    assert made_by.fresh_expansions() == []  # from now on kept
    keys = [("yaghmur", ""), ("cihat", ""), ("yghmwr", "arabic"), ("kaya", ""), ("mhmd", "hebrew")]
    made = {key: made_by.expand(*key) for key in keys}
    made_by.expand("kaya")  # (already made: not passed on again)
    fresh = pickle.loads(pickle.dumps(made_by.fresh_expansions()))  # as a queue passes them
    assert [key for key, _ in fresh] == keys and made_by.fresh_expansions() == []
    assert any(len(found) > 1 for _, found in fresh)
    learner.learn_expansions(fresh)
    for key, found in fresh:
        assert learner.expand(*key) is found  # taken, not made again
        assert found == made[key]
    # What the learner makes itself it would have made the same way.
    assert learner.expand("yaghmour") == made_by.expand("yaghmour")
