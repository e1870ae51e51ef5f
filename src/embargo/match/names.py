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

from dataclasses import dataclass, field

from rapidfuzz.distance import OSA, Indel

from embargo.index.screening import IndexedName, ScreeningIndex
from embargo.names import NameForm, phonetic_form
from embargo.names.hangul import syllable_key
from embargo.names.text import particle_positions
from embargo.names.variants import strip_joined_prefix

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
LEGAL_FACTOR = 0.25
LEGAL_SWAP = 0.1  # a different legal form on each side (GmbH vs Co. Ltd.): nearly no evidence
INITIAL_SIM = 0.85
COMPACT_MIN = 0.88  # joined spellings (Abubakar / Abu Bakar) compare as one string
COMPACT_DISCOUNT = 0.04
HANGUL_SIM = 0.95  # one Korean syllable in another romanisation (Jong, Jeong, Chong)


@dataclass(slots=True)
class NameScore:
    score: float
    alignment: list[tuple[str, str, float]]
    compact: bool = False


@dataclass(slots=True)
class QueryToken:
    """What the scorer needs of one query token, computed once per query, not per name."""

    text: str
    abjad: str  # the abjad it was written in, or ""
    weight: float  # rarity weight
    related: dict[int, float]  # listed tokens found by blocking keys, with their similarity
    phonetic: str
    legal: bool  # a legal-form word
    part: bool  # a name part (not a particle, not an initial)
    # A Korean syllable written in Hangul: its spelling-system-blind key (see names.hangul).
    hangul_key: str | None = None
    # Similarities to listed tokens outside `related`, as scored for this query's candidates.
    scored: dict[int, float] = field(default_factory=dict)


def prepare_query(index: ScreeningIndex, query: NameForm, weights: list[float]) -> list[QueryToken]:
    tokens = []
    particles = particle_positions(query.tokens)
    for k, (token, weight) in enumerate(zip(query.tokens, weights, strict=True)):
        abjad = query.script(token)
        tokens.append(
            QueryToken(
                text=token,
                abjad=abjad,
                weight=weight,
                related=index.expand(token, abjad),
                phonetic=phonetic_form(token),
                legal=token in query.legal or index.is_legal_word(token),
                part=k not in particles and len(token) > 1,
                hangul_key=syllable_key(token) if token in query.hangul else None,
            )
        )
    return tokens


def _may_align(query: QueryToken, listed: str, listed_phonetic: str) -> bool:
    """Whether an alphabetic pair can reach ALIGN_MIN: a cheap upper bound of
    spelling_similarity (its edit similarities, raw and phonetic, and joined particles)."""
    return (
        OSA.normalized_similarity(query.text, listed, score_cutoff=ALIGN_MIN) > 0.0
        or OSA.normalized_similarity(query.phonetic, listed_phonetic, score_cutoff=ALIGN_MIN) > 0.0
        or strip_joined_prefix(query.text) is not None
        or strip_joined_prefix(listed) is not None
    )


def pair_similarity(index: ScreeningIndex, query: QueryToken, tid: int, person: bool) -> float:
    """Similarity of a query token and a listed token; 0.0 when it is surely below ALIGN_MIN."""
    if query.hangul_key is not None:
        # Written in Hangul the syllable is exact: only its romanisations are the same name.
        listed = index.tokens[tid]
        if listed == query.text:
            return 1.0
        return HANGUL_SIM if syllable_key(listed) == query.hangul_key else 0.0
    sim = query.related.get(tid)
    if sim is not None:
        return sim
    listed = index.tokens[tid]
    qt = query.text
    if len(qt) == 1 or len(listed) == 1:
        # An initial in the query stands for a listed person's name part, nothing else.
        if person and len(qt) == 1 and qt[0] == listed[0]:
            return INITIAL_SIM
        return 0.0
    sim = query.scored.get(tid)
    if sim is None:
        if query.abjad or tid in index.abjad_ids or _may_align(query, listed, index.phonetic[tid]):
            sim = index.pair_similarity(qt, tid, query.abjad)
        else:
            sim = 0.0
        query.scored[tid] = sim
    return sim


def _single_part_min(index: ScreeningIndex, name: IndexedName) -> float:
    if index.entities[name.entity].schema in OBJECT_SCHEMATA:
        return SINGLE_PART_MIN_OBJECT
    return SINGLE_PART_MIN


def score_name(
    index: ScreeningIndex,
    query: list[QueryToken],
    nidx: int,
    person: bool = False,
) -> NameScore:
    """How well listed name `nidx` explains the query name (tokens from prepare_query)."""
    name = index.names[nidx]
    l_ids = name.token_ids
    tokens = index.tokens
    weight_of = index.weight_of
    legal_ids = index.legal_ids
    pairs: list[tuple[float, int, int]] = []
    for i, qt in enumerate(query):
        related = qt.related if qt.hangul_key is None else {}
        for j, tid in enumerate(l_ids):
            sim = related.get(tid)  # inlined first step of pair_similarity: most pairs end here
            if sim is None:
                sim = pair_similarity(index, qt, tid, person)
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
    particles = index.name_particles[nidx]
    for sim, i, j in pairs:
        if i in q_used or j in l_used:
            continue
        q_used.add(i)
        l_used.add(j)
        tid = l_ids[j]
        listed = tokens[tid]
        w = weight_of[tid]
        if listed in legal or tid in legal_ids:
            w *= LEGAL_FACTOR
        elif sim >= STRONG_PART and (j not in particles or len(query[i].text) == 1):
            # An initial stands for the whole given name, Abd al-Khaliq as much as Adel.
            strong += 1
            if len(query[i].text) > 1 and len(listed) > 1:
                full += 1
            weakest = min(weakest, sim)
        # Squared: one near-miss among exact parts is a typo; several near-misses at once are
        # more likely another name.
        explained += sim * sim * w
        linear += sim * w
        matched += w
        alignment.append((query[i].text, listed, round(sim, 3)))
    # Legal forms left over on both sides (JOINT STOCK COMPANY vs jsc, a misspelled form the
    # patterns missed) are one legal form, not a difference.
    q_legal_left = [i for i, qt in enumerate(query) if i not in q_used and qt.legal]
    l_legal_left = [
        j
        for j, tid in enumerate(l_ids)
        if j not in l_used and (tokens[tid] in legal or tid in legal_ids)
    ]
    legal_cost = LEGAL_SWAP if q_legal_left and l_legal_left else LEGAL_FACTOR
    for i, qt in enumerate(query):
        if i not in q_used:
            w = qt.weight
            if i in q_legal_left:
                w *= legal_cost
            missing_query += w
    for j, tid in enumerate(l_ids):
        if j not in l_used:
            w = weight_of[tid]
            if j in l_legal_left:
                w *= legal_cost
            elif person and tid in index.patronymic_ids:
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
    if len(query) != len(l_ids):
        q_joined = "".join(qt.text for qt in query)
        l_joined = index.name_joined[nidx]
        if min(len(q_joined), len(l_joined)) >= 6:
            joined = Indel.normalized_similarity(q_joined, l_joined)
            if joined >= COMPACT_MIN and joined - COMPACT_DISCOUNT > score:
                score = joined - COMPACT_DISCOUNT
                compact = True
                alignment = [
                    (" ".join(qt.text for qt in query), " ".join(name.form.tokens), joined)
                ]
    # People are never identified by one name part when the list gives them two or more; a
    # single-part name (a mononym, HAMAS, a vessel) must be spelled nearly the same.
    needed = min(2, max(index.name_parts[nidx], 1))
    if person:
        # A one-word alias ("LUCAS") does not identify "Lucas Dias": the query's own parts
        # must agree too.
        needed = max(needed, min(2, sum(1 for qt in query if qt.part)))
    if (
        (not compact or person)
        and (strong < needed or full == 0)
        or needed == 1
        and not compact
        and weakest < _single_part_min(index, name)
    ):
        score = min(score, PARTIAL_CAP)
    return NameScore(score=score, alignment=alignment, compact=compact)
