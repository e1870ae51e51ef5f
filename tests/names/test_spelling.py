"""The compiled spelling rules (names.spelling) give exactly what the rules as first written in
Python give, kept here as the reference: on pairs of real list tokens (SDN spellings, and the
Arabic-script names of the UN list as romanised), on random romanised abjad spellings; and, for
the edit distance, what RapidFuzz gives, for the abjad patterns' automata what `re` gives.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from tests.spelling_samples import ARABIC_ROMAN, HEBREW_ROMAN, LATIN, abjad_like

from embargo.names import analyse_name
from embargo.names.spelling import (
    abjad_similarity,
    automaton,
    osa_similarity,
    spelling_similarity,
)
from embargo.names.variants import (
    ABJAD_FIT,
    ABJAD_SHORT_FIT,
    ABJAD_VOWELS,
    ALIGNABLE,
    ARABIC_H_DIGRAPHS,
    DECLINED_SIM,
    HEBREW_VOWEL_LETTERS,
    JOINED_SIM,
    PHONETIC_FACTOR,
    SHORT_SKELETON_CAP,
    SHORT_WORD,
    SHORT_WORD_PENALTY,
    SKELETON_CAP,
    SKELETON_ENDS_CAP,
    SKELETON_FACTOR,
    SLAVIC_MIN,
    TINY_PHONETIC,
    TINY_WORD,
    _vowel_share,
    abjad_article_rest,
    abjad_letters,
    abjad_spelling,
    declension_stem,
    european_form,
    hebrew_letters,
    hebrew_skeleton,
    joined_rests,
    latin_readings,
    phonetic_form,
    skeleton,
    slavic_latin,
    turkish_form,
)
from embargo.sources import read_list

SDN = "ofac/sdn-history/sdn-2023-12-13.csv.gz"
UN = "un/un-consolidated-2026-02-27.xml.gz"
SCRIPTS = ("", "arabic", "hebrew")


# The reference: spelling_similarity and abjad_similarity as first written, in Python.


def reference_spelling_similarity(a: str, b: str, abjad: str = "") -> float:
    if a == b:
        return 1.0
    if b in joined_rests(a) or a in joined_rests(b):
        return JOINED_SIM
    sim = OSA.normalized_similarity(a, b)
    pa, pb = phonetic_form(a), phonetic_form(b)
    if pa == pb:
        tiny = not abjad and max(len(a), len(b)) <= TINY_WORD
        sim = max(sim, TINY_PHONETIC if tiny else PHONETIC_FACTOR)
    else:
        sim = max(sim, PHONETIC_FACTOR * OSA.normalized_similarity(pa, pb))
        if max(len(a), len(b)) <= SHORT_WORD and not _transposed(a, b):
            sim -= SHORT_WORD_PENALTY
    if sim >= ALIGNABLE and ("c" in a) != ("c" in b):
        ea, eb = european_form(a), european_form(b)
        if ea != eb:
            european = PHONETIC_FACTOR * OSA.normalized_similarity(ea, eb)
            if max(len(a), len(b)) <= SHORT_WORD:
                european -= SHORT_WORD_PENALTY
        else:
            tiny = not abjad and max(len(a), len(b)) <= TINY_WORD
            european = TINY_PHONETIC if tiny else PHONETIC_FACTOR
        sim = max(sim, european)
    if ALIGNABLE <= sim < PHONETIC_FACTOR and max(len(a), len(b)) >= SLAVIC_MIN:
        sa, sb = slavic_latin(a), slavic_latin(b)
        if sa != a or sb != b:
            sim = max(sim, PHONETIC_FACTOR * OSA.normalized_similarity(sa, sb))
    if ALIGNABLE <= sim < PHONETIC_FACTOR and _interdental(a) != _interdental(b):
        turkish = PHONETIC_FACTOR * OSA.normalized_similarity(turkish_form(a), turkish_form(b))
        if max(len(a), len(b)) <= SHORT_WORD:
            turkish -= SHORT_WORD_PENALTY
        sim = max(sim, turkish)
    if ALIGNABLE <= sim < DECLINED_SIM and (declension_stem(a) == b or declension_stem(b) == a):
        sim = DECLINED_SIM
    if abjad and sim < ABJAD_FIT:
        sim = max(sim, reference_abjad_similarity(a, b, abjad))
    return sim


def reference_abjad_similarity(a: str, b: str, abjad: str) -> float:
    hebrew = abjad == "hebrew"
    if _vowel_share(a) <= _vowel_share(b):
        written, other = a, b
    else:
        written, other = b, a
    fit, fitted = _abjad_fit(written, other, hebrew), written
    rest = abjad_article_rest(written)
    if rest is not None and not fit:
        fit, fitted = _abjad_fit(rest, other, hebrew), rest
    agree = _hebrew_ends_agree if hebrew else _arabic_ends_agree
    if fit and not agree(fitted, other):
        fit = min(fit, SKELETON_ENDS_CAP)
    sa = hebrew_skeleton(written) if hebrew else skeleton(written)
    sb = skeleton(other, hebrew)
    if sa and sb:
        skel = SKELETON_FACTOR * OSA.normalized_similarity(sa, sb)
        skel = min(skel, SHORT_SKELETON_CAP if min(len(sa), len(sb)) < 3 else SKELETON_CAP)
        if not agree(written, other):
            skel = min(skel, SKELETON_ENDS_CAP)
        fit = max(fit, skel)
    return fit


def _abjad_fit(abjad_token: str, other: str, hebrew: bool) -> float:
    spelling = abjad_spelling(abjad_token, hebrew)
    if spelling is None or not any(
        re.match(spelling.source, form) for form in latin_readings(other)
    ):
        return 0.0
    letters = hebrew_letters(abjad_token) if hebrew else abjad_letters(abjad_token)
    consonants = sum(1 for c in letters if c not in ABJAD_VOWELS)
    enough = consonants >= 3 or (consonants == 2 and min(len(letters), len(other)) >= 4)
    return ABJAD_FIT if enough else ABJAD_SHORT_FIT


def _hebrew_ends_agree(hebrew_token: str, other: str) -> bool:
    letters = hebrew_letters(hebrew_token)
    latin = phonetic_form(other)
    if not letters or not latin:
        return True
    if letters[0] not in HEBREW_VOWEL_LETTERS and latin[0] in "aiu":
        return False
    if letters[-1] == "a" and len(letters) > 1 and letters[-2] not in "wy":
        return _ends_in(other, "ae")
    if latin[-1] in "aiu":
        return letters[-1] in HEBREW_VOWEL_LETTERS
    return True


def _arabic_ends_agree(arabic_token: str, other: str) -> bool:
    latin = phonetic_form(other)
    if len(arabic_token) < 2 or not latin:
        return True
    if arabic_token[0] not in "aiwy" and latin[0] in "aiu":
        return False
    latin_vowel = latin[-1] in "aiu"
    last, before = arabic_token[-1], arabic_token[-2]
    if last in "wye":  # e: a final ى, read as a or i (translit.ARABIC_FINAL_YA)
        return True
    if last == "h" and before in ARABIC_H_DIGRAPHS:
        last = before
    if before in "awy" and last in "ah":
        return True
    if last == "a":
        return _ends_in(other, "ae")
    if last == "h":
        return latin_vowel and _ends_in(other, "ae") or other.endswith("h")
    return not latin_vowel or other[-1] == "e"


def _ends_in(latin: str, vowels: str) -> bool:
    stem = latin[:-1] if latin.endswith("h") and len(latin) > 2 else latin
    return stem[-1:] in tuple(vowels)


def _interdental(token: str) -> bool:
    return "th" in token or "dh" in token


def _transposed(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def assert_same(a: str, b: str) -> None:
    for script in SCRIPTS:
        want = reference_spelling_similarity(a, b, script)
        assert spelling_similarity(a, b, script) == want, (a, b, script)
        if script:
            want = reference_abjad_similarity(a, b, script)
            assert abjad_similarity(a, b, script) == want, (a, b, script)


# Real tokens.


@pytest.fixture(scope="module")
def list_tokens(data_dir: Path) -> tuple[list[str], list[str]]:
    """SDN tokens, and the abjad spellings of the UN list's Arabic-script names."""
    sdn = read_list(data_dir / SDN)
    latin = sorted(
        {t for r in sdn.records for n in r.entity.get("name") for t in analyse_name(n).tokens}
    )
    un = read_list(data_dir / UN)
    arabic = sorted(
        {
            t
            for r in un.records
            for prop in ("name", "alias", "weakAlias")
            for n in r.entity.get(prop, quiet=True)
            for t in analyse_name(n).abjad
        }
    )
    return latin, arabic


def test_same_as_reference_on_list_tokens(list_tokens: tuple[list[str], list[str]]) -> None:
    latin, arabic = list_tokens
    assert len(latin) > 10_000 and len(arabic) > 300
    by_skeleton: dict[str, list[str]] = {}
    for token in latin:
        by_skeleton.setdefault(skeleton(token), []).append(token)
    sample = latin[::41]
    pairs = 0
    # Each query spelling against listed tokens of its consonants (the pairs expand() scores,
    # most of them alike) and against a spread of others (mostly not).
    for query in [*sample, *map(abjad_like, sample), *arabic]:
        for other in [*by_skeleton.get(skeleton(query), [])[:15], *latin[::997]]:
            assert_same(query, other)
            pairs += 1
    assert pairs > 30_000


# Particles joined, Baltic endings, th/dh, c, Slavic digraphs: the rules beyond edit distance.
EDGES = st.sampled_from(
    [
        "al",
        "abd",
        "abu",
        "ash",
        "as",
        "is",
        "th",
        "dh",
        "c",
        "ch",
        "h",
        "e",
        "ah",
        "iya",
        "ts",
        "sh",
        "zh",
        "dzh",
        "kh",
        "y",
    ]
)
WORDS = st.lists(st.one_of(LATIN, ARABIC_ROMAN, HEBREW_ROMAN, EDGES), min_size=1, max_size=3).map(
    "".join
)


@settings(max_examples=3000, deadline=None)
@given(WORDS, WORDS)
def test_same_as_reference_on_random_spellings(a: str, b: str) -> None:
    assert_same(a, b)
    assert_same(b, a)
    # A Latin spelling read from an abjad one's own letters often fits it: cover that side.
    assert_same(a, a.replace("w", "o").replace("y", "i"))
    assert_same(a, "al" + a)


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet="abcab\u00e9\U0001f600", max_size=12), st.text(alphabet="abcba", max_size=12)
)
def test_osa_similarity_is_rapidfuzz(a: str, b: str) -> None:
    assert osa_similarity(a, b) == OSA.normalized_similarity(a, b)
    assert osa_similarity(b, a) == OSA.normalized_similarity(b, a)


READINGS = st.text(alphabet="aiubdfghjklmnqrstvwyzcexo", max_size=10)


@settings(max_examples=2000, deadline=None)
@given(ARABIC_ROMAN, HEBREW_ROMAN, st.lists(READINGS, max_size=8))
def test_abjad_automaton_matches_as_re_does(arabic: str, hebrew: str, readings: list[str]) -> None:
    for token, is_hebrew in ((arabic, False), (hebrew, True)):
        spelling = abjad_spelling(token, is_hebrew)
        if spelling is None:
            continue
        made = automaton(spelling.source)
        assert made is not None, spelling.source
        pattern = re.compile(spelling.source)
        # Its own letters as Latin often match: cover that side too.
        for reading in [*readings, *latin_readings(token.replace("w", "o").replace("y", "i"))]:
            assert made.matches(reading) == (pattern.match(reading) is not None), (
                spelling.source,
                reading,
            )


@pytest.mark.parametrize(
    "source",
    [
        "^[aiu]*(?:j|zh|g)[aiu]*h?[aiu]*$",
        "^a(?:c|d[aiu]*s)b$",
        "^(?:zh?|s)[aiu]*[bvf]?$",
        "^(?:|x)y*$",
        "^$",
        "^[aiu]*$",
    ],
)
def test_automaton_of_every_construct(source: str) -> None:
    made = automaton(source)
    assert made is not None
    pattern = re.compile(source)
    for length in range(6):
        for reading in map("".join, itertools.product("aizhsdcbxy", repeat=length)):
            if length > 3 and hash(reading) % 7:  # a sample of the longer ones
                continue
            assert made.matches(reading) == (pattern.match(reading) is not None), reading


@pytest.mark.parametrize("source", ["^a+$", "^[a-z]$", "^[^a]$", "^a|b$", "abc", "^a{2}$", "^.$"])
def test_automaton_leaves_other_patterns_to_re(source: str) -> None:
    assert automaton(source) is None
