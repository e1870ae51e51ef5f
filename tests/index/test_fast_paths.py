"""The screening fast paths give exactly what the plain computations they replace give.

CandidateFinder.find, its per-token hits and the merge of a token's postings into them
(EvidenceAccumulator.best_per_name) are compared with the straightforward numpy versions they
replaced, and the cheap checks that spare compiling an abjad spelling's pattern
(names.variants.AbjadSpelling) with the compiled pattern itself, on names of the real SDN list.
"""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from tests.spelling_samples import ARABIC_ROMAN, HEBREW_ROMAN, LATIN, abjad_like

from embargo.index import CandidateFinder, ScreeningIndex
from embargo.index.accumulate import EvidenceAccumulator
from embargo.index.screening import INITIAL, LENGTH_TIEBREAK, MIN_TOKEN_SIM
from embargo.names import NameForm, analyse_name
from embargo.names.spelling import abjad_similarity, spelling_similarity
from embargo.names.variants import (
    ALIGNABLE,
    PHONETIC_ALIGNABLE,
    abjad_spelling,
    joined_rests,
    latin_readings,
    phonetic_form,
    skeleton,
)


def reference_hits(
    index: ScreeningIndex, token: str, exact_only: bool, abjad: str
) -> tuple[np.ndarray, np.ndarray]:
    """CandidateFinder.token_hits as first written: concatenate, sort by weight, unique."""
    related, weight = index.token_evidence(token, exact_only, abjad)
    if not related:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    ids = np.concatenate([index.postings[t] for t in related])
    w = np.concatenate(
        [np.full(len(index.postings[t]), weight * s) for t, s in related.items()]
    ).astype(np.float32)
    order = np.argsort(-w, kind="stable")
    ids, w = ids[order], w[order]
    uniq, first = np.unique(ids, return_index=True)
    return uniq, w[first]


def reference_find(
    index: ScreeningIndex,
    form: NameForm,
    limit: int,
    min_score: float,
    allowed: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """CandidateFinder.find as first written: a binary search for every token's hits."""
    tokens = form.tokens
    parts = [
        reference_hits(index, INITIAL + t, True, "")
        if len(t) == 1
        else reference_hits(index, t, False, form.script(t))
        for t in tokens
    ]
    parts = [p for p in parts if len(p[0])]
    joined = [
        reference_hits(index, a + b, True, "") for a, b in zip(tokens, tokens[1:], strict=False)
    ]
    joined = [p for p in joined if len(p[0])]
    if not parts and not joined:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    best = [float(w.max()) for _, w in parts]
    order = sorted(range(len(parts)), key=lambda i: -best[i])
    slack = sum(best) - min_score
    sources = []
    covered = 0.0
    for i in order:
        sources.append(parts[i][0])
        covered += best[i]
        if min_score > 0.0 and covered > slack:
            break
    sources += [p[0] for p in joined]
    ids = sources[0] if len(sources) == 1 else np.unique(np.concatenate(sources))
    score = np.zeros(len(ids), dtype=np.float64)
    for hit_ids, hit_w in parts + joined:
        pos = np.searchsorted(hit_ids, ids)
        pos[pos == len(hit_ids)] = 0
        found = hit_ids[pos] == ids
        score[found] += hit_w[pos[found]]
    if min_score > 0.0 or allowed is not None:
        keep = score >= min_score
        if allowed is not None:
            keep &= allowed[ids]
        ids, score = ids[keep], score[keep]
    rank = score - LENGTH_TIEBREAK * index.name_lengths[ids]
    order_ = np.lexsort((ids, -rank))[:limit]  # best first; equal ranks by name id
    return ids[order_], score[order_]


QUERIES = [
    "Jihad Yaghmour", "Cihat Yağmur", "ДЖИХАД ЯГМУР", "جهاد يغمور", "Mohammed Ali",
    "Muhammad Abdullah Hassan", "YAGHMOUR J.", "Hasan Izzaldin", "Barzanabd Ghafur Tikriti",
    "محمد علي حسن", "Banco Nacional de Cuba", "Aerocaribbean Airlines", "Ali Khamenei",
    "חמינאי עלי", "Ahmad Shah Massoud", "Kim Jong Un", "김정은", "Osama bin Laden",
    "Al Qaida", "Islamic Revolutionary Guard Corps", "Rosneft Oil Company", "Petr Ivanov",
]  # fmt: skip


def reference_best_per_name(
    postings: list[np.ndarray], weights: list[float]
) -> tuple[np.ndarray, np.ndarray, float]:
    """EvidenceAccumulator.best_per_name as first written, in numpy."""
    ids = np.concatenate(postings)
    if not len(ids):
        return ids, np.zeros(0, dtype=np.float32), 0.0
    per_token = np.array(weights, dtype=np.float64).astype(np.float32)
    w = np.repeat(per_token, [len(p) for p in postings])
    by_id = np.argsort(ids, kind="stable")
    ids, w = ids[by_id], w[by_id]
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    best = np.maximum.reduceat(w, starts)
    return ids[starts], best, float(best.max())


POSTINGS = st.lists(st.lists(st.integers(0, 49), unique=True).map(sorted), min_size=1, max_size=6)


@settings(max_examples=500, deadline=None)
@given(POSTINGS, st.data())
def test_best_per_name_equals_reference(lists: list[list[int]], data: st.DataObject) -> None:
    # Weights as rarity x similarity make them: some equal, some a float32 apart.
    weights = data.draw(
        st.lists(
            st.sampled_from([0.3, 1.7, 1.7000001, 2.25, 4.0]),
            min_size=len(lists),
            max_size=len(lists),
        )
    )
    accumulator = EvidenceAccumulator(np.ones(50), LENGTH_TIEBREAK)
    postings = [np.array(p, dtype=np.int32) for p in lists]
    for _ in range(2):  # and the scratch space is clean after each call
        ids, best, top = accumulator.best_per_name(postings, weights)
        want_ids, want_best, want_top = reference_best_per_name(postings, weights)
        assert ids.dtype == want_ids.dtype and best.dtype == want_best.dtype
        assert ids.tolist() == want_ids.tolist()
        assert best.tolist() == want_best.tolist()
        assert top == want_top


def test_find_equals_reference(sdn_index: ScreeningIndex) -> None:
    finder = CandidateFinder(sdn_index)
    # Listed names as queries too: they reach many candidates, with joined pairs and ties.
    names = [n.form.text for n in sdn_index.names[::97]]
    every_third = np.arange(len(sdn_index.names)) % 3 == 0
    for text in QUERIES + names:
        form = analyse_name(text)
        for limit, min_score, allowed in (
            (48, 0.0, None),
            (48, 0.4, None),
            (5, 0.8, None),
            (10_000, 0.3, None),
            (48, 0.0, every_third),
            (48, 0.4, every_third),
        ):
            ids, score = finder.find(form, limit, min_score, allowed)
            want_ids, want_score = reference_find(sdn_index, form, limit, min_score, allowed)
            assert ids.dtype == want_ids.dtype and score.dtype == want_score.dtype, text
            assert ids.tolist() == want_ids.tolist(), text
            assert score.tolist() == want_score.tolist(), text
        for token in form.tokens:
            hits = finder.token_hits(token, abjad=form.script(token))
            want = reference_hits(sdn_index, token, False, form.script(token))
            assert hits[0].tolist() == want[0].tolist(), token
            assert hits[1].tolist() == want[1].tolist(), token


def _agrees(abjad_token: str, other: str, hebrew: bool) -> None:
    spelling = abjad_spelling(abjad_token, hebrew)
    if spelling is None:
        return
    pattern = re.compile(spelling.source)
    for reading in latin_readings(other):
        expected = pattern.match(reading) is not None
        assert spelling.matches(reading) == expected, (abjad_token, reading, hebrew)
        if expected:
            assert spelling.admits(reading)


def test_abjad_checks_never_reject_a_listed_match(sdn_index: ScreeningIndex) -> None:
    latin = [t for t in sdn_index.tokens[::37] if t.isalpha() and len(t) > 2][:400]
    matched = 0
    for token in latin:
        abjad = abjad_like(token)
        # Listed tokens of the same consonants: the spellings an abjad token most often fits.
        alike = [sdn_index.tokens[t] for t in sdn_index.skeleton_index.get(skeleton(abjad), ())]
        for other in [token, *alike[:20], *latin[:100]]:
            _agrees(abjad, other, False)
            _agrees(abjad, other, True)
            spelling = abjad_spelling(abjad)
            matched += spelling is not None and any(
                spelling.matches(r) for r in latin_readings(other)
            )
    assert matched > 100  # the comparison saw matches, not only rejections


@settings(max_examples=400, deadline=None)
@given(ARABIC_ROMAN, HEBREW_ROMAN, LATIN)
def test_abjad_checks_never_reject_a_match(arabic: str, hebrew: str, other: str) -> None:
    _agrees(arabic, other, False)
    _agrees(hebrew, other, True)
    # A Latin spelling read from the abjad one's own letters often matches: cover that side.
    _agrees(arabic, arabic.replace("w", "o").replace("y", "i"), False)
    _agrees(hebrew, hebrew.replace("w", "o").replace("y", "e"), True)


def test_abjad_rules_alone_decide_pairs_far_in_spelling(sdn_index: ScreeningIndex) -> None:
    # The scorer scores a pair far apart by edit (under ALIGNABLE), phonetic form (under
    # PHONETIC_ALIGNABLE) and not one of the other with a particle joined, with
    # abjad_similarity alone: it must reach ALIGNABLE exactly when spelling_similarity does,
    # and then be equal to it.
    latin = [t for t in sdn_index.tokens[::23] if t.isalpha() and len(t) > 2][:300]
    far = reached = 0
    for token in latin[:120]:
        abjad = abjad_like(token)
        for other in latin:
            if (
                OSA.normalized_similarity(abjad, other) >= ALIGNABLE
                or OSA.normalized_similarity(phonetic_form(abjad), phonetic_form(other))
                >= PHONETIC_ALIGNABLE
                or other in joined_rests(abjad)
                or abjad in joined_rests(other)
            ):
                continue
            far += 1
            for script in ("arabic", "hebrew"):
                whole = spelling_similarity(abjad, other, script)
                alone = abjad_similarity(abjad, other, script)
                assert (whole >= ALIGNABLE) == (alone >= ALIGNABLE), (abjad, other, script)
                if whole >= ALIGNABLE:
                    reached += 1
                    assert whole == alone, (abjad, other, script)
    assert far > 10_000 and reached > 0


def test_expand_bound_keeps_every_alike_token(sdn_index: ScreeningIndex) -> None:
    # expand() compares an alphabetic query token only with the neighbours its edit bound
    # keeps: every neighbour it drops must be under MIN_TOKEN_SIM by spelling_similarity.
    tokens = sdn_index.tokens
    queries = [t for t in tokens[::41] if t.isalpha() and len(t) > 2][:400]
    queries += [t[:2] + t[3:] for t in queries[:200]] + [t.replace("o", "ou") for t in queries]
    # With particles joined, to listed words and to short ones (abukar is abu kar).
    short = [t for t in tokens[::7] if len(t) == 3 and t.isalpha()][:100]
    queries += ["al" + t for t in queries[:100]] + ["abu" + t for t in short]
    dropped = 0
    for token in queries:
        near = {
            tid
            for key in (skeleton(token), phonetic_form(token))
            for tid in (
                *sdn_index.skeleton_index.get(key, ()),
                *sdn_index.phonetic_index.get(key, ()),
            )
        } | set(sdn_index.joined_ids(token).tolist())
        near = {tid for tid in near if not sdn_index.pseudo[tid]}  # lookup keys, never compared
        compared: dict[int, float] = {}  # every neighbour the bound keeps, however alike
        sdn_index.spellings.related(
            token, phonetic_form(token), "", sorted(near), sdn_index.joined_ids(token),
            sdn_index.pseudo_mask, compared, sdn_index.pair_sims, ALIGNABLE,
            PHONETIC_ALIGNABLE, -1.0,
        )  # fmt: skip
        for tid in near:
            script = "arabic" if tid in sdn_index.abjad_ids else ""
            sim = spelling_similarity(token, tokens[tid], script)
            if tid in compared:
                assert compared[tid] == sim, tokens[tid]
            else:
                dropped += 1
                assert sim < MIN_TOKEN_SIM, tokens[tid]
    assert dropped > 1_000
