"""Name similarity over aligned name parts.

Tokens of the query and of one listed name are compared pairwise (similarity from the index's
blocking keys: exact, OSA edit similarity, phonetic skeleton, shared name symbol; initials), then
aligned one-to-one, best pairs first. The score is the weighted share of the query explained by
the listed name:

    quality = sum(sim * w, aligned) / (sum(w, aligned) + sum(w, unaligned query tokens))
    score = quality * (1 - LIST_EXTRA * share of the listed name's weight left unaligned)

with w the token's rarity weight (legal forms count a quarter). Unaligned list tokens cost less
than unaligned query tokens because lists carry full names (middle names, patronymics) that a
payment usually omits (a patronymic costs half again). A name where fewer than two parts agree
(a single given name or surname) is capped below any sensible threshold, so "Mehmet" or "KAYA"
alone never alerts, unless the listed name itself has only that one part.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from embargo.index.screening import IndexedName, ScreeningIndex
from embargo.names import NameForm
from embargo.names.particles import PARTICLES

LIST_EXTRA = 0.5  # cost of a listed token the query does not mention, relative to a query token
ALIGN_MIN = 0.55  # below this two tokens are not the same name part
STRONG_PART = 0.75  # a part that counts towards the two-part rule
PARTIAL_CAP = 0.6
# A one-part name (SOBAR, AL-HISN) must be spelled nearly the same: one edit in five letters
# or a consonant skeleton is another name. Ship names are copied by hand into shipping papers,
# so for vessels and aircraft one typo is allowed.
SINGLE_PART_MIN = 0.86
SINGLE_PART_MIN_OBJECT = 0.8
OBJECT_SCHEMATA = frozenset({"Vessel", "Airplane", "Vehicle"})
PATRONYMIC_FACTOR = 0.5  # a listed patronymic (Vladimirovich) is often left out
FAMILY_FACTOR = 1.75  # a listed family name left out costs more than a middle name
MIDDLE_FACTOR = 0.6  # a listed middle name (second given name) is the part most often left out
PATRONYMIC_ENDINGS = (
    "ovich",
    "evich",
    "ovna",
    "evna",
    "ovic",
    "evic",
    "ogly",
    "oglu",
    "kyzy",
)  # most a name with fewer than two agreeing parts can score
LEGAL_FACTOR = 0.25
LEGAL_SWAP = 0.1  # a different legal form on each side (GmbH vs Co. Ltd.): nearly no evidence
INITIAL_SIM = 0.85
UNKNOWN_WEIGHT = 0.8  # a query token that is in no listed name
COMPACT_MIN = 0.88  # joined spellings (Abubakar / Abu Bakar) compare as one string
COMPACT_DISCOUNT = 0.04


@dataclass(slots=True)
class NameScore:
    score: float
    alignment: list[tuple[str, str, float]]
    compact: bool = False


def token_similarity(
    index: ScreeningIndex, query_token: str, tid: int, abjad: str, person: bool
) -> float:
    """Similarity of a query token and a listed token, from blocking keys or edit distance."""
    sim = index.expand(query_token, abjad).get(tid)
    if sim is not None:
        return sim
    return _unrelated_similarity(index, query_token, tid, abjad, person)


def _unrelated_similarity(
    index: ScreeningIndex, query_token: str, tid: int, abjad: str, person: bool
) -> float:
    """token_similarity of a listed token that is not among the query token's expansions."""
    listed = index.tokens[tid]
    if len(query_token) == 1 or len(listed) == 1:
        # An initial in the query stands for a listed person's name part, nothing else.
        if person and len(query_token) == 1 and query_token[0] == listed[0]:
            return INITIAL_SIM
        return 0.0
    return index.pair_similarity(query_token, tid, abjad)


def _patronymic(token: str) -> bool:
    return token.endswith(PATRONYMIC_ENDINGS) and len(token) > 6


def _single_part_min(index: ScreeningIndex, name: IndexedName) -> float:
    if index.entities[name.entity].schema in OBJECT_SCHEMATA:
        return SINGLE_PART_MIN_OBJECT
    return SINGLE_PART_MIN


def score_name(
    index: ScreeningIndex,
    query: NameForm,
    q_weights: list[float],
    name: IndexedName,
    person: bool = False,
) -> NameScore:
    """How well one listed name explains the query name."""
    q_tokens = query.tokens
    l_ids = name.token_ids
    pairs: list[tuple[float, int, int]] = []
    for i, qt in enumerate(q_tokens):
        abjad = query.script(qt)
        related = index.expand(qt, abjad)  # once per query token, not per pair
        for j, tid in enumerate(l_ids):
            sim = related.get(tid)
            if sim is None:
                sim = _unrelated_similarity(index, qt, tid, abjad, person)
            if sim >= ALIGN_MIN:
                pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    q_used: set[int] = set()
    l_used: set[int] = set()
    alignment: list[tuple[str, str, float]] = []
    explained = 0.0  # sum of sim^2 * w over aligned pairs
    linear = 0.0  # sum of sim * w, for a name of one part
    matched = 0.0  # sum of w over aligned listed tokens
    missing_query = 0.0
    missing_list = 0.0
    strong = 0  # aligned name parts (not particles, not legal forms) with sim >= STRONG_PART
    full = 0  # of which whole words, not initials
    weakest = 1.0
    legal = name.form.legal
    for sim, i, j in pairs:
        if i in q_used or j in l_used:
            continue
        q_used.add(i)
        l_used.add(j)
        listed = index.tokens[l_ids[j]]
        w = float(index.weights[l_ids[j]])
        if listed in legal or index.is_legal_id(l_ids[j]):
            w *= LEGAL_FACTOR
        elif sim >= STRONG_PART and listed not in PARTICLES:
            strong += 1
            if len(q_tokens[i]) > 1 and len(listed) > 1:
                full += 1
            weakest = min(weakest, sim)
        # Squared: one near-miss among exact parts is a typo; several near-misses at once are
        # more likely another name.
        explained += sim * sim * w
        linear += sim * w
        matched += w
        alignment.append((q_tokens[i], listed, round(sim, 3)))
    # Legal forms left over on both sides (JOINT STOCK COMPANY vs jsc, a misspelled form the
    # patterns missed) are one legal form, not a difference.
    q_legal_left = [
        i
        for i, qt in enumerate(q_tokens)
        if i not in q_used and (qt in query.legal or index.is_legal_word(qt))
    ]
    l_legal_left = [
        j
        for j, tid in enumerate(l_ids)
        if j not in l_used and (index.tokens[tid] in legal or index.is_legal_id(tid))
    ]
    legal_cost = LEGAL_SWAP if q_legal_left and l_legal_left else LEGAL_FACTOR
    for i in range(len(q_tokens)):
        if i not in q_used:
            w = q_weights[i]
            if i in q_legal_left:
                w *= legal_cost
            missing_query += w
    for j, tid in enumerate(l_ids):
        if j not in l_used:
            listed = index.tokens[tid]
            w = float(index.weights[tid])
            if j in l_legal_left:
                w *= legal_cost
            elif person and _patronymic(listed):
                w *= PATRONYMIC_FACTOR
            elif tid in name.family:
                w *= FAMILY_FACTOR
            elif tid in name.middle:
                w *= MIDDLE_FACTOR
            missing_list += w
    score = 0.0
    if matched:
        if len(alignment) == 1:
            explained = linear  # one part: nothing to compound with
        quality = explained / (matched + missing_query)
        score = quality * (1.0 - LIST_EXTRA * missing_list / (matched + missing_list))
    compact = False
    q_joined = "".join(q_tokens)
    l_joined = "".join(index.tokens[t] for t in l_ids)
    if len(q_tokens) != len(l_ids) and min(len(q_joined), len(l_joined)) >= 6:
        joined = Indel.normalized_similarity(q_joined, l_joined)
        if joined >= COMPACT_MIN and joined - COMPACT_DISCOUNT > score:
            score = joined - COMPACT_DISCOUNT
            compact = True
            alignment = [(" ".join(q_tokens), " ".join(index.tokens[t] for t in l_ids), joined)]
    # People are never identified by one name part when the list gives them two or more; a
    # single-part name (a mononym, HAMAS, a vessel) must be spelled nearly the same.
    parts = sum(
        1
        for t in l_ids
        if not index.is_legal_id(t)
        and index.tokens[t] not in legal
        and index.tokens[t] not in PARTICLES
    )
    needed = min(2, max(parts, 1))
    if person:
        # A one-word alias ("LUCAS") does not identify "Lucas Dias": the query's own parts
        # must agree too.
        q_parts = sum(1 for t in q_tokens if t not in PARTICLES and len(t) > 1)
        needed = max(needed, min(2, q_parts))
    if (
        (not compact or person)
        and (strong < needed or full == 0)
        or needed == 1
        and not compact
        and weakest < _single_part_min(index, name)
    ):
        score = min(score, PARTIAL_CAP)
    return NameScore(score=score, alignment=alignment, compact=compact)
