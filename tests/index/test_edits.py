"""The compiled edit bounds (index.edits) decide exactly as RapidFuzz's OSA similarity does."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from embargo.index import ScreeningIndex
from embargo.index.edits import QueryBound, Spellings, allowed_distances, osa_distance
from embargo.match.names import QueryToken, pairs_to_compare, prepare_query
from embargo.match.rules import ALIGN_MIN, SKELETON_BOUND
from embargo.names import NameForm
from embargo.names.spelling import spelling_similarity
from embargo.names.text import ARABIC, HEBREW
from embargo.names.variants import PHONETIC_ALIGNABLE, joined_rests

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


def reference_pairs(
    index: ScreeningIndex, query: list[QueryToken], tids: np.ndarray, known: np.ndarray
) -> list[tuple[int, int, bool]]:
    """SpellingBounds.pairs pair by pair with RapidFuzz: near by raw similarity at ALIGN_MIN,
    phonetic at PHONETIC_ALIGNABLE or a particle joined to one of them; else, with an abjad
    side, by skeletons at SKELETON_BOUND."""
    out = []
    for i, qt in enumerate(query):
        if not qt.bound_flags & QueryBound.B_SPELLED:
            continue
        hebrew = qt.abjad == HEBREW
        for j, tid in enumerate(tids.tolist()):
            listed = index.tokens[tid]
            if len(listed) < 2 or known[i, j]:
                continue
            near = (
                listed in joined_rests(qt.text)
                or qt.text in joined_rests(listed)
                or OSA.normalized_similarity(qt.text, listed) >= ALIGN_MIN
                or OSA.normalized_similarity(qt.phonetic, index.phonetic[tid]) >= PHONETIC_ALIGNABLE
            )
            if not near:
                if not qt.abjad and tid not in index.abjad_ids:
                    continue
                consonants = (index.hebrew_skeletons if hebrew else index.skeletons)[tid]
                if (
                    qt.skeleton
                    and consonants
                    and OSA.normalized_similarity(qt.skeleton, consonants) < SKELETON_BOUND
                ):
                    continue
            out.append((i, j, near))
    return out


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_pairs_is_the_pairwise_rule(sdn_index: ScreeningIndex, data: st.DataObject) -> None:
    tokens = sdn_index.tokens
    words = [t for t in tokens[::13] if len(t) > 1]
    short = [t for t in tokens if 3 <= len(t) <= 4 and t.isalpha()]
    written = data.draw(
        st.lists(
            st.sampled_from(words)
            | st.sampled_from(
                ["mhmd", "alrhmn", "abdulrahman", "yaghmour", "j", "k", "hsyn", "ivn"]
            )
            | st.text(alphabet="abdhklmnrstuwy", min_size=1, max_size=9)
            # Written with a particle joined, and words listed with one joined (alnajdi).
            | st.sampled_from(words).map(lambda w: "al" + w)
            # A longer particle on a short word: the two are less than ALIGN_MIN alike.
            | st.tuples(st.sampled_from(["abu", "abd", "ibn", "bin"]), st.sampled_from(short)).map(
                "".join
            )
            | st.sampled_from(sorted(sdn_index.joined_from)),
            min_size=1,
            max_size=4,
        )
    )
    scripts = data.draw(st.lists(st.sampled_from(["", "", ARABIC, HEBREW]), min_size=4, max_size=4))
    form = NameForm(
        " ".join(written),
        tuple(written),
        abjad=frozenset(t for t, s in zip(written, scripts, strict=False) if s),
        hebrew=frozenset(t for t, s in zip(written, scripts, strict=False) if s == HEBREW),
    )
    query = prepare_query(sdn_index, form, [1.0] * len(written))
    drawn = data.draw(st.lists(st.integers(0, len(tokens) - 1), min_size=1, max_size=300))
    # With the tokens a Hebrew writer gives no skeleton where an Arabic one gives one (ivan).
    v_tokens = [
        tid
        for tid in range(0, len(tokens))
        if bool(sdn_index.skeletons[tid]) != bool(sdn_index.hebrew_skeletons[tid])
    ]
    # With the listed tokens each query token is with a particle joined, either way.
    joined = [int(t) for w in written for t in sdn_index.joined_ids(w)]
    tids = np.array(sorted({*drawn, *v_tokens[:40], *joined}), dtype=np.int32)
    known = np.array(
        data.draw(
            st.lists(
                st.booleans(), min_size=len(query) * len(tids), max_size=len(query) * len(tids)
            )
        ),
        dtype=np.uint8,
    ).reshape(len(query), len(tids))
    rows, cols, near = pairs_to_compare(sdn_index, query, tids, known.astype(bool))
    got = list(zip(rows, cols, near, strict=True))
    assert got == reference_pairs(sdn_index, query, tids, known)


def test_phonetic_bound_leaves_out_what_cannot_align(sdn_index: ScreeningIndex) -> None:
    # Phonetic forms 0.55 alike (4 edits in 9 letters) are not enough: the phonetic rule
    # discounts them by PHONETIC_FACTOR, under ALIGN_MIN; such pairs are not compared.
    index = sdn_index
    words = [
        tid
        for tid in range(0, len(index.tokens), 3)
        if len(index.tokens[tid]) > 1 and tid not in index.abjad_ids and not index.pseudo[tid]
    ]
    phonetic = [index.phonetic[tid] for tid in words]
    scores = cdist(phonetic[:300], phonetic, scorer=OSA.normalized_similarity, dtype=np.float64)
    found = 0
    for i, j in zip(
        *np.nonzero((scores >= ALIGN_MIN) & (scores < PHONETIC_ALIGNABLE)), strict=True
    ):
        a, b = index.tokens[words[i]], index.tokens[words[j]]
        if OSA.normalized_similarity(a, b) >= ALIGN_MIN or joined_rests(a) or joined_rests(b):
            continue
        assert spelling_similarity(a, b) < ALIGN_MIN, (a, b)
        form = NameForm(a, (a,))
        query = prepare_query(index, form, [1.0])
        tids = np.array([words[j]], dtype=np.int32)
        rows, _, _ = pairs_to_compare(index, query, tids, np.zeros((1, 1), dtype=bool))
        assert len(rows) == 0, (a, b)
        found += 1
    assert found > 10
