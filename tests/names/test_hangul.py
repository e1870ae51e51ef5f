"""Hangul names romanised as the UN and OFAC lists write North Korean names."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.match import Query, Screener
from embargo.names import analyse_name
from embargo.names.hangul import hangul_tokens, romanise_syllable, syllable_key
from embargo.sources import read_list

UN_FILE = "un/un-consolidated-2024-09-26.xml.gz"


@pytest.mark.parametrize(
    ("hangul", "listed"),
    [
        ("현광일", ("hyon", "kwang", "il")),  # UN KPi.015 HYON KWANG IL
        ("김영철", ("kim", "yong", "chol")),  # UN KPi.024 KIM YONG CHOL
        ("손정혁", ("son", "jong", "hyok")),  # UN KPi.031 SON JONG HYOK
        ("리원호", ("ri", "won", "ho")),  # UN KPi.033 RI WON HO
        ("최룡해", ("choe", "ryong", "hae")),  # OFAC CHOE, Ryong Hae
        ("김정은", ("kim", "jong", "un")),
    ],
)
def test_korean_names_romanise_syllable_by_syllable(hangul: str, listed: tuple[str, ...]) -> None:
    assert hangul_tokens(hangul) == listed
    assert analyse_name(hangul, "person").tokens == listed


def test_syllable_tables() -> None:
    assert romanise_syllable("각") == "kak"  # initial, vowel and final consonant
    assert romanise_syllable("의") == "ui"  # silent initial
    assert romanise_syllable("이") == "yi"  # the surname Lee/Yi, not an initial "i"
    assert hangul_tokens("Kim") is None


def test_long_hangul_words_are_one_token() -> None:
    # A foreign name in Hangul (Vladimir) is not a Korean surname and given name.
    assert len(hangul_tokens("블라디미르") or ()) == 1


@pytest.fixture(scope="module")
def un_screener(data_dir: Path) -> Screener:
    parsed = read_list(data_dir / UN_FILE)
    return Screener.from_records((parsed.source, r) for r in parsed.records)


@pytest.mark.parametrize(("hangul", "reference"), [("현광일", "KPi.015"), ("손정혁", "KPi.031")])
def test_hangul_query_finds_the_listed_korean(
    un_screener: Screener, hangul: str, reference: str
) -> None:
    found = un_screener.match(Query(name=hangul, schema="Person"))
    assert found and found[0].source_id == reference


def test_one_other_syllable_is_another_korean_name(un_screener: Screener) -> None:
    # 김영철 is KIM YONG CHOL (KPi.024); 김종철, Kim Jong Chol, differs by one syllable: in
    # Hangul that is another name, not a misspelling, whatever rigour's name symbols say.
    found = un_screener.match(Query(name="김영철", schema="Person"))
    assert any(m.source_id == "KPi.024" for m in found)
    other = un_screener.match(Query(name="김종철", schema="Person"))
    assert all(m.source_id != "KPi.024" for m in other)


def test_syllable_keys_join_romanisation_systems() -> None:
    same = [("jong", "jeong"), ("jong", "chong"), ("jong", "jung"), ("kwang", "gwang"),
            ("un", "eun"), ("pak", "park"), ("yi", "lee"), ("chol", "cheol")]  # fmt: skip
    assert all(syllable_key(a) == syllable_key(b) for a, b in same)
    assert syllable_key("jong") != syllable_key("yong")
