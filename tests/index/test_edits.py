"""The compiled edit bound (index.edits) decides exactly as RapidFuzz's OSA similarity does."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from embargo.index import ScreeningIndex
from embargo.index.edits import Spellings, allowed_distances, osa_distance
from embargo.match.rules import ALIGN_MIN, SKELETON_BOUND

# Letters that make transpositions and repeats likely, two beyond ASCII and one beyond the BMP.
WORDS = st.text(alphabet="abcdeyz'жé𝔸", max_size=14)
LONG = st.text(alphabet="abcd", min_size=60, max_size=90)  # past the 64-letter bit-parallel path


def rapidfuzz_within(queries: list[str], listed: list[str], cutoff: float) -> list[list[bool]]:
    scores = cdist(
        queries, listed, scorer=OSA.normalized_similarity, score_cutoff=cutoff, dtype=np.float64
    )
    return (scores > 0.0).tolist()


@settings(max_examples=400, deadline=None)
@given(WORDS | LONG, WORDS | LONG)
def test_osa_distance_is_rapidfuzz(a: str, b: str) -> None:
    assert osa_distance(a, b) == OSA.distance(a, b)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(WORDS | LONG, min_size=1, max_size=4),
    st.lists(WORDS, min_size=1, max_size=40),
    st.sampled_from([ALIGN_MIN, SKELETON_BOUND, 0.6, 0.3, 0.75, 1.0]),
)
def test_within_is_rapidfuzz_cutoff(queries: list[str], listed: list[str], cutoff: float) -> None:
    spellings = Spellings(listed)
    tids = np.arange(len(listed), dtype=np.int32)[::-1].copy()
    got = spellings.within(queries, tids, cutoff)
    assert got.tolist() == rapidfuzz_within(queries, [listed[t] for t in tids], cutoff)


def test_boundary_lengths_follow_rapidfuzz() -> None:
    # 1 - 9/20 is 0.55 on paper; RapidFuzz's floating point puts it under ALIGN_MIN.
    assert OSA.normalized_similarity("a" * 20, "a" * 11 + "b" * 9, score_cutoff=ALIGN_MIN) == 0
    assert allowed_distances(ALIGN_MIN, 20)[20] == 8
    assert allowed_distances(ALIGN_MIN, 300)[300] >= 134  # the table grows on demand


def test_within_on_real_tokens(sdn_index: ScreeningIndex) -> None:
    tokens = sdn_index.tokens
    spellings = Spellings(tokens)
    tids = np.arange(0, len(tokens), 7, dtype=np.int32)
    queries = ["yaghmour", "mehmet", "mhmd", "alkhatib", "kaya", "abdulrahman"]
    got = spellings.within(queries, tids, ALIGN_MIN)
    assert got.tolist() == rapidfuzz_within(queries, [tokens[t] for t in tids], ALIGN_MIN)
    assert got.sum() > 10


def test_within_long_repeated_letters() -> None:
    # More than 255 of one letter: the letter counts must not wrap around.
    listed = ["a" * 300, "a" * 290 + "b" * 10, "a" * 260, "b" * 300, "ab" * 150]
    queries = ["a" * 300, "a" * 280, "ab" * 140]
    tids = np.arange(len(listed), dtype=np.int32)
    for cutoff in (ALIGN_MIN, 0.9):
        got = Spellings(listed).within(queries, tids, cutoff)
        assert got.tolist() == rapidfuzz_within(queries, listed, cutoff)
