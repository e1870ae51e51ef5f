"""Name similarity over aligned name parts.

Tokens of the query and of one listed name are compared pairwise (similarity from the index's
blocking keys: exact, OSA edit similarity, phonetic skeleton, shared name symbol; initials), then
aligned one-to-one, best pairs first. The score is the weighted share of the query explained by
the listed name:

    quality = sum(sim² * w, aligned) / (sum(w, aligned) + sum(w, unaligned query tokens))
    score = quality * (1 - LIST_EXTRA * share of the listed name's weight left unaligned)

with w the token's rarity weight (legal forms, and a person's honorific only one side writes,
count a quarter). Unaligned list tokens cost less
than unaligned query tokens because lists carry full names (middle names, patronymics) that a
payment usually omits (a patronymic costs half again). A name where fewer than two parts agree
(a single given name or surname) is capped below any sensible threshold, so "Mehmet" or "KAYA"
alone never alerts, unless the listed name itself has only that one part or a title of office
written with it agrees with the listed person's position ("Präsident Putin"), or the names
have the same letters with a part joined or split ("Kim Jongun", KIM Jong Un). One aligned pair
counts linearly (sim * w): a single part has nothing to compound with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import OSA, Indel
from rapidfuzz.process import cdist

from embargo.index.screening import IndexedName, ScreeningIndex
from embargo.names import NameForm, phonetic_form
from embargo.names.hangul import syllable_key
from embargo.names.text import HEBREW, particle_positions
from embargo.names.variants import SHORT_WORD, hebrew_skeleton, skeleton, strip_joined_prefix

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
# An honorific only one side of a person's name writes (Sheikh Ahmad Khazai, KHAZAI, Ahmad).
HONORIFIC_FACTOR = 0.25
LEGAL_SWAP = 0.1  # a different legal form on each side (GmbH vs Co. Ltd.): nearly no evidence
INITIAL_SIM = 0.85
COMPACT_MIN = 0.88  # joined spellings (Abubakar / Abu Bakar) compare as one string
COMPACT_DISCOUNT = 0.04
# A person's name with the same letters but a part joined or split (Kim Jongun, KIM Jong Un;
# Mao Ze Dong, MAO Zedong) is one name part written two ways: it passes the two-part rule.
COMPACT_PERSON_MIN = 0.95
HANGUL_SIM = 0.95  # one Korean syllable in another romanisation (Jong, Jeong, Chong)
SKELETON_BOUND = 0.5  # skeleton edit similarity below which an abjad pair is not scored


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
    skeleton: str  # consonant skeleton, as its abjad writes it (hebrew_skeleton for Hebrew)
    legal: bool  # a legal-form word
    part: bool  # a name part (not a particle, not an initial)
    honorific: bool  # Sheikh, Haji, Eng. (names.titles.HONORIFICS)
    # A Korean syllable written in Hangul: its spelling-system-blind key (see names.hangul).
    hangul_key: str | None = None


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
                skeleton=hebrew_skeleton(token) if abjad == HEBREW else skeleton(token),
                legal=token in query.legal or index.is_legal_word(token),
                part=k not in particles and len(token) > 1,
                honorific=token in index.honorific_words,
                hangul_key=syllable_key(token) if token in query.hangul else None,
            )
        )
    return tokens


@dataclass(slots=True)
class SimilarityRows:
    """Per query token, its similarity to each listed token of the candidate names, for the
    pairs that reach ALIGN_MIN (absent: below it)."""

    # For organisations and objects: a short word one letter off (BSRL for BARL, TJNG for TUNG)
    # is a typo, at its edit similarity; spelling_similarity's SHORT_WORD_PENALTY is for the
    # syllables of personal names (dong/song, wang/yang), which differ by a letter.
    plain: list[dict[int, float]]
    # For people: initials stand for the name parts they begin.
    person: list[dict[int, float]]


def similarity_rows(
    index: ScreeningIndex, query: list[QueryToken], names: Iterable[int]
) -> SimilarityRows:
    """Similarities of the query tokens to every token of the candidate names, in one pass.

    Pairs found by a blocking key take their similarity from it. The others are compared with
    spelling_similarity only where a cheap bound, computed for all pairs at once with
    RapidFuzz's cdist, says they may reach ALIGN_MIN: raw or phonetic edit similarity at
    ALIGN_MIN, a joined particle on either side, or, with an abjad spelling on either side
    (compared by consonants too), skeletons at SKELETON_BOUND. Measured on the 739k abjad
    pairs of the dev set and 40,000 throughput names that only the skeleton bound can admit, it
    skips 93% of them and misses 3 that spelling_similarity puts at ALIGN_MIN, 2 of them at
    STRONG_PART: the same 3 as a bound of 0.4, which skipped 92%.
    """
    tokens = index.tokens
    tids = list({tid for nidx in names for tid in index.names[nidx].token_ids})
    words = [tid for tid in tids if len(tokens[tid]) > 1]
    plain: list[dict[int, float]] = []
    person: list[dict[int, float]] = []
    # The tokens compared by spelling: neither Hangul syllables nor initials.
    spelled = [i for i, qt in enumerate(query) if qt.hangul_key is None and len(qt.text) > 1]
    bounds = _alignable(index, [query[i] for i in spelled], words)
    may_align = dict(zip(spelled, bounds, strict=True))
    for i, qt in enumerate(query):
        row: dict[int, float] = {}
        if qt.hangul_key is not None:
            # Written in Hangul the syllable is exact: only its romanisations are the same name.
            for tid in tids:
                if tokens[tid] == qt.text:
                    row[tid] = 1.0
                elif syllable_key(tokens[tid]) == qt.hangul_key:
                    row[tid] = HANGUL_SIM
            plain.append(row)
            person.append(row)
            continue
        related = qt.related
        for tid in tids:
            sim = related.get(tid)
            if sim is not None and sim >= ALIGN_MIN:
                row[tid] = sim
        if len(qt.text) == 1:
            plain.append(row)
            # An initial in the query stands for a listed person's name part, nothing else.
            initials = dict(row)
            for tid in words:
                if tid not in related and tokens[tid][0] == qt.text:
                    initials[tid] = INITIAL_SIM
            person.append(initials)
            continue
        for col in np.flatnonzero(may_align[i]):
            tid = words[col]
            if tid not in related:
                sim = index.pair_similarity(qt.text, tid, qt.abjad)
                if sim >= ALIGN_MIN:
                    row[tid] = sim
        plain.append(_short_word_typos(index, qt, row))
        person.append(row)
    return SimilarityRows(plain, person)


def _short_word_typos(
    index: ScreeningIndex, query: QueryToken, row: dict[int, float]
) -> dict[int, float]:
    """The row with short words one edit apart at their edit similarity (see SimilarityRows)."""
    if len(query.text) > SHORT_WORD or query.abjad:
        return row
    typos = None
    for tid, sim in row.items():
        listed = index.tokens[tid]
        if sim < STRONG_PART and len(listed) <= SHORT_WORD:
            edit = OSA.normalized_similarity(query.text, listed)
            if edit > sim:
                typos = typos or dict(row)
                typos[tid] = edit
    return typos or row


def _alignable(index: ScreeningIndex, query: list[QueryToken], tids: list[int]) -> np.ndarray:
    """Which (query token, listed token) pairs may reach ALIGN_MIN (see similarity_rows)."""
    if not query or not tids:
        return np.zeros((len(query), len(tids)), dtype=bool)
    tokens, phonetic = index.tokens, index.phonetic
    cols = np.array(tids)
    may = _edit_bound([qt.text for qt in query], [tokens[t] for t in tids], ALIGN_MIN)
    may |= _edit_bound([qt.phonetic for qt in query], [phonetic[t] for t in tids], ALIGN_MIN)
    may |= index.joinable_mask[cols]
    abjad = index.abjad_mask[cols]
    any_abjad = bool(abjad.any())
    for i, qt in enumerate(query):
        if strip_joined_prefix(qt.text) is not None:
            may[i] = True
            continue
        if not qt.abjad and not any_abjad:
            continue
        # A token too short for a skeleton has nothing cheaper to tell it by.
        if not qt.skeleton:
            if qt.abjad:
                may[i] = True
            else:
                may[i] |= abjad
            continue
        hebrew = qt.abjad == HEBREW
        skeletons = index.hebrew_skeletons if hebrew else index.skeletons
        alike = _edit_bound([qt.skeleton], [skeletons[t] for t in tids], SKELETON_BOUND)[0]
        alike |= (index.no_hebrew_skeleton if hebrew else index.no_skeleton)[cols]
        may[i] |= alike if qt.abjad else alike & abjad
    return may


def _edit_bound(queries: list[str], choices: list[str], cutoff: float) -> np.ndarray:
    """Which pairs have OSA similarity at `cutoff` or above, all at once in C++."""
    scores = cdist(
        queries, choices, scorer=OSA.normalized_similarity, score_cutoff=cutoff, dtype=np.float32
    )
    return scores > 0.0


def _single_part_min(index: ScreeningIndex, name: IndexedName) -> float:
    if index.entities[name.entity].schema in OBJECT_SCHEMATA:
        return SINGLE_PART_MIN_OBJECT
    return SINGLE_PART_MIN


def _joined_similarity(
    index: ScreeningIndex, query: list[QueryToken], nidx: int, cutoff: float = 0.0
) -> float:
    """Similarity of the query and listed name written without spaces, where they have a
    different number of tokens (0.0 otherwise, when either is too short to tell, or when it is
    under `cutoff`). With its family name moved to the other end (Jongun Kim, KIM Jong Un) the
    query must have the same letters (COMPACT_PERSON_MIN): letters shared across a moved
    boundary prove little."""
    if len(query) == len(index.names[nidx].token_ids):
        return 0.0
    l_joined = index.name_joined[nidx]
    q_length = sum(len(qt.text) for qt in query)
    total = q_length + len(l_joined)
    # Indel similarity is 1 - distance / total, and the distance is at least the length gap.
    if min(q_length, len(l_joined)) < 6 or abs(q_length - len(l_joined)) > (1 - cutoff) * total:
        return 0.0
    texts = [qt.text for qt in query]
    joined = Indel.normalized_similarity("".join(texts), l_joined, score_cutoff=cutoff)
    if joined < COMPACT_PERSON_MIN and len(texts) > 1:
        for order in (texts[-1:] + texts[:-1], texts[1:] + texts[:1]):
            moved = Indel.normalized_similarity("".join(order), l_joined)
            if moved >= COMPACT_PERSON_MIN:
                return moved
    return joined


def score_name(
    index: ScreeningIndex,
    query: list[QueryToken],
    rows: SimilarityRows,
    nidx: int,
    person: bool = False,
    below: float = 0.0,
    office: bool = False,
) -> NameScore | None:
    """How well listed name `nidx` explains the query name (tokens from prepare_query,
    similarities from similarity_rows over candidates including `nidx`).

    `office`: the query's title of office (President Putin) is the listed person's position,
    which counts as one agreeing name part. None when the score is surely under `below`: a
    person's name with too few parts that could agree is capped at PARTIAL_CAP, so it is not
    aligned at all when that is under.
    """
    name = index.names[nidx]
    l_ids = name.token_ids
    tokens = index.tokens
    weight_of = index.weight_of
    legal_ids = index.legal_ids
    pairs: list[tuple[float, int, int]] = []
    for i, row in enumerate(rows.person if person else rows.plain):
        if row:
            for j, tid in enumerate(l_ids):
                sim = row.get(tid)
                if sim is not None:
                    pairs.append((sim, i, j))
    needed = min(2, max(index.name_parts[nidx], 1))
    if person:
        # A one-word alias ("LUCAS") does not identify "Lucas Dias": the query's own parts
        # must agree too.
        needed = max(needed, min(2, sum(1 for qt in query if qt.part)))
        agreeing = len({i for sim, i, _ in pairs if sim >= STRONG_PART}) + office
        if (
            below > PARTIAL_CAP
            and agreeing < needed
            and not _joined_similarity(index, query, nidx, COMPACT_PERSON_MIN)
        ):
            return None
    pairs.sort(reverse=True)
    q_used: set[int] = set()
    l_used: set[int] = set()
    alignment: list[tuple[str, str, float]] = []
    explained = 0.0  # sum of sim^2 * w over aligned pairs
    linear = 0.0  # sum of sim * w, for a name of one part
    matched = 0.0  # sum of w over aligned listed tokens
    missing_query = 0.0
    missing_list = 0.0
    # Aligned name parts (not particles, not legal forms) with sim >= STRONG_PART, and an
    # agreeing office.
    strong = int(office)
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
            elif person and qt.honorific:
                w *= HONORIFIC_FACTOR
            missing_query += w
    for j, tid in enumerate(l_ids):
        if j not in l_used:
            w = weight_of[tid]
            if j in l_legal_left:
                w *= legal_cost
            elif person and tid in index.honorific_ids:
                w *= HONORIFIC_FACTOR
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
    joined = _joined_similarity(index, query, nidx, COMPACT_MIN)
    if joined and joined - COMPACT_DISCOUNT > score:
        score = joined - COMPACT_DISCOUNT
        compact = True
        alignment = [(" ".join(qt.text for qt in query), " ".join(name.form.tokens), joined)]
    # People are never identified by one name part when the list gives them two or more; a
    # single-part name (a mononym, HAMAS, a vessel) must be spelled nearly the same.
    if (
        (not compact or person and joined < COMPACT_PERSON_MIN)
        and (strong < needed or full == 0)
        or needed == 1
        and not compact
        and weakest < _single_part_min(index, name)
    ):
        score = min(score, PARTIAL_CAP)
    return NameScore(score=score, alignment=alignment, compact=compact)
