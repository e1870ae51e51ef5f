"""Name similarity over aligned name parts.

Tokens of the query and of one listed name are compared pairwise (similarity from the index's
blocking keys: exact, OSA edit similarity, phonetic skeleton, shared name symbol; initials; a
query word known to no list nor name one edit from a listed word is a typo of it), then
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
have the same letters with a part joined or split ("Kim Jongun", KIM Jong Un; "Boris
Borisovichrotenberg", ROTENBERG, Boris Borisovich, read given names first). One aligned pair
counts linearly (sim * w): a single part has nothing to compound with. Pairs of equal
similarity align the later query token first, then the later listed token.

The constants are in match.rules; the alignment itself runs compiled, all candidate names of a
query at once (match.align).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import OSA, Indel

from embargo.index.edits import QueryBound  # (the package checks first that it is built)
from embargo.index.screening import ScreeningIndex
from embargo.match import align
from embargo.match.rules import (
    ALIGN_MIN,
    COMPACT_MIN,
    COMPACT_PERSON_MIN,
    HANGUL_SIM,
    INITIAL_SIM,
    OBJECT_SCHEMATA,
    SKELETON_BOUND,
    STRONG_PART,
    TYPO_LENGTH,
    TYPO_SIM,
)
from embargo.names import NameForm, name_symbols, phonetic_form
from embargo.names.hangul import syllable_key
from embargo.names.text import HEBREW, particle_positions
from embargo.names.translit import written_in_latin
from embargo.names.variants import PHONETIC_ALIGNABLE, SHORT_WORD, hebrew_skeleton, skeleton

# What a query token is, as the alignment kernel reads it (align.QueryToken bits).
_Q_LEGAL = int(align.QueryToken.Q_LEGAL)
_Q_HONORIFIC = int(align.QueryToken.Q_HONORIFIC)
_Q_PART = int(align.QueryToken.Q_PART)
_Q_WORD = int(align.QueryToken.Q_WORD)
_Q_ABJAD = int(align.QueryToken.Q_ABJAD)
# What a query token is, as the spelling bounds read it (edits.QueryBound bits).
_B_SPELLED = int(QueryBound.B_SPELLED)
_B_ABJAD = int(QueryBound.B_ABJAD)
_B_HEBREW = int(QueryBound.B_HEBREW)


@dataclass(slots=True)
class NameScore:
    score: float
    alignment: list[tuple[str, str, float]]
    compact: bool = False


@dataclass(frozen=True, slots=True)
class QueryToken:
    """What the scorer needs of one query token, computed once per query, not per name (and
    kept across queries: prepare_query)."""

    text: str
    abjad: str  # the abjad it was written in, or ""
    weight: float  # rarity weight
    # Listed tokens found by blocking keys (ids), with their similarity (index.related_arrays).
    related: tuple[np.ndarray, np.ndarray]
    phonetic: str
    skeleton: str  # consonant skeleton, as its abjad writes it (hebrew_skeleton for Hebrew)
    legal: bool  # a legal-form word
    part: bool  # a name part (not a particle, not an initial)
    honorific: bool  # Sheikh, Haji, Eng. (names.titles.HONORIFICS)
    # The listed tokens it is, or that are it, with a particle joined (alnajdi, najdi): int32.
    joined: np.ndarray
    pair_key: int  # the integer its pair similarities are kept under (index.pair_sims)
    # A Korean syllable written in Hangul: its spelling-system-blind key (see names.hangul).
    hangul_key: str | None = None
    bound_flags: int = 0  # what the spelling bounds read of it (index.edits.QueryBound bits)
    # Written in Latin letters, known to no list nor to rigour's names (Jozq, Amix): a short
    # one is a misspelling, not another name (SimilarityRows).
    unknown: bool = False


# A query token as prepare_query keeps it, by what it depends on: its text, abjad, whether
# written in Hangul, its weight, whether a legal form of the query, whether a name part and
# whether the query is written in Latin letters.
QueryTokenKey = tuple[str, str, bool, float, bool, bool, bool]
QUERY_TOKENS_KEPT = 200_000


def prepare_query(
    index: ScreeningIndex,
    query: NameForm,
    weights: list[float],
    kept: dict[QueryTokenKey, QueryToken] | None = None,
) -> list[QueryToken]:
    """The query's tokens as the scorer reads them; `kept`, if given, keeps them (for the one
    index) from one call to the next: a query's tokens recur across queries."""
    tokens = []
    particles = particle_positions(query.tokens)
    latin = written_in_latin(query.text)
    for k, (token, weight) in enumerate(zip(query.tokens, weights, strict=True)):
        abjad = query.script(token) if query.abjad else ""
        key = (
            token,
            abjad,
            token in query.hangul,
            weight,
            token in query.legal,
            k not in particles and len(token) > 1,
            latin,
        )
        prepared = kept.get(key) if kept is not None else None
        if prepared is None:
            prepared = _query_token(index, *key)
            if kept is not None:
                if len(kept) >= QUERY_TOKENS_KEPT:
                    kept.clear()
                kept[key] = prepared
        tokens.append(prepared)
    return tokens


def _query_token(
    index: ScreeningIndex,
    token: str,
    abjad: str,
    hangul: bool,
    weight: float,
    legal: bool,
    part: bool,
    latin: bool,
) -> QueryToken:
    return QueryToken(
        text=token,
        abjad=abjad,
        weight=weight,
        related=index.related_arrays(token, abjad),
        phonetic=phonetic_form(token),
        skeleton=hebrew_skeleton(token) if abjad == HEBREW else skeleton(token),
        legal=legal or index.is_legal_word(token),
        part=part,
        honorific=token in index.honorific_words,
        hangul_key=syllable_key(token) if hangul else None,
        bound_flags=(_B_SPELLED if not hangul and len(token) > 1 else 0)
        | (_B_ABJAD if abjad else 0)
        | (_B_HEBREW if abjad == HEBREW else 0),
        joined=index.joined_ids(token),
        pair_key=index.pair_sims.key(token, abjad),
        unknown=latin and token not in index.token_ids and not name_symbols(token),
    )


@dataclass(slots=True)
class SimilarityRows:
    """Similarities of the query tokens (rows) to the distinct listed tokens of the candidate
    names (columns), for the pairs that reach ALIGN_MIN (0.0 where below it)."""

    tids: np.ndarray  # int32: the listed token of each column
    # For organisations and objects: a short word one letter off (BSRL for BARL, TJNG for TUNG)
    # is a typo, at its edit similarity; spelling_similarity's SHORT_WORD_PENALTY is for the
    # syllables of personal names (dong/song, wang/yang), which differ by a letter.
    plain: np.ndarray
    # For people: initials stand for the name parts they begin, and a short word no list nor
    # name has (QueryToken.unknown) is a typo as it is for the others. In both, a longer word
    # no list nor name has is a typo of a listed word one edit from it, at TYPO_SIM.
    person: np.ndarray


def similarity_rows(
    index: ScreeningIndex, table: align.NameTable, query: list[QueryToken], names: np.ndarray
) -> SimilarityRows:
    """Similarities of the query tokens to every token of the candidate names (int32), in one
    pass.

    Pairs found by a blocking key take their similarity from it. The others are compared with
    spelling_similarity only where a cheap bound, computed for all pairs at once in compiled
    code (index.edits.SpellingBounds.pairs), says they may reach ALIGN_MIN: raw edit
    similarity at ALIGN_MIN, phonetic at PHONETIC_ALIGNABLE, one written with a particle
    joined to the other (alnajdi, najdi), or, with an abjad spelling on either side (compared
    by consonants too), skeletons at SKELETON_BOUND. Measured on the 739k abjad pairs of the
    dev set and 40,000 throughput names that only the skeleton bound can admit, it skips 93%
    of them and misses 3 that spelling_similarity puts at ALIGN_MIN, 2 of them at
    STRONG_PART: the same 3 as a bound of 0.4, which skipped 92%. A pair the bound admits by
    skeleton only is scored by the abjad rules alone (index.edits.PairSimilarities): no
    other rule can bring it up.
    """
    tokens = index.tokens
    tids = table.distinct_tokens(names)
    # Hangul syllables are compared by their own rule below, not by blocking keys.
    related = [None if qt.hangul_key is not None else qt.related for qt in query]
    sims, known = table.related_matrix(tids, related, ALIGN_MIN)
    # The pairs of pairs_to_compare, compared and written into `sims`, in one compiled pass.
    index.spellings.similarities(
        query, tids, known.view(np.uint8), sims, ALIGN_MIN, PHONETIC_ALIGNABLE, SKELETON_BOUND,
        index.pair_sims, ALIGN_MIN,
    )  # fmt: skip
    for i, qt in enumerate(query):
        if qt.hangul_key is not None:
            # Written in Hangul the syllable is exact: only its romanisations are the same name.
            for col, tid in enumerate(tids.tolist()):
                if tokens[tid] == qt.text:
                    sims[i, col] = 1.0
                elif syllable_key(tokens[tid]) == qt.hangul_key:
                    sims[i, col] = HANGUL_SIM
    # Rows that differ between people and other entities: a copy of the whole, made on need.
    person, plain = sims, sims
    for i, qt in enumerate(query):
        if qt.hangul_key is not None:
            continue
        if len(qt.text) == 1:
            # An initial in the query stands for a listed person's name part, nothing else.
            initials = [
                col
                for col, tid in enumerate(tids.tolist())
                if len(tokens[tid]) > 1 and not known[i, col] and tokens[tid][0] == qt.text
            ]
            if initials:
                person = sims.copy() if person is sims else person
                person[i, initials] = INITIAL_SIM
        elif len(qt.text) <= SHORT_WORD and not qt.abjad:
            typos = _short_word_typos(index, qt, tids, sims[i])
            for col, edit in typos:
                plain = sims.copy() if plain is sims else plain
                plain[i, col] = edit
            if typos and qt.unknown:
                # A short name part no list has nor any name (Jozq, Amix) is no other name:
                # a typo of the one it is a letter from (PERIC, Jozo), for a person too.
                person = sims.copy() if person is sims else person
                for col, edit in typos:
                    person[i, col] = edit
        elif qt.unknown and len(qt.text) >= TYPO_LENGTH:
            mistyped = _mistyped_columns(index, qt, tids, sims[i])
            if mistyped:
                plain = sims.copy() if plain is sims else plain
                person = sims.copy() if person is sims else person
                plain[i, mistyped] = TYPO_SIM
                person[i, mistyped] = TYPO_SIM
    return SimilarityRows(tids, plain, person)


def pairs_to_compare(
    index: ScreeningIndex, query: list[QueryToken], tids: np.ndarray, known: np.ndarray
) -> tuple[list[int], list[int], list[bool]]:
    """The (query token, column) pairs similarity_rows compares by spelling, as rows, columns
    and whether each is near by spelling (the rest only by abjad rules), from the compiled
    bound; `known` (bool, query tokens x columns) marks pairs a blocking key already scored."""
    return index.spellings.pairs(
        query, tids, known.view(np.uint8), ALIGN_MIN, PHONETIC_ALIGNABLE, SKELETON_BOUND
    )


def _short_word_typos(
    index: ScreeningIndex, query: QueryToken, tids: np.ndarray, row: np.ndarray
) -> list[tuple[int, float]]:
    """The columns of short words one edit apart from a short alphabetic query token, with
    their edit similarity where it is the higher (see SimilarityRows)."""
    typos = []
    for col in np.flatnonzero((row > 0.0) & (row < STRONG_PART)).tolist():
        listed = index.tokens[tids[col]]
        if len(listed) <= SHORT_WORD:
            edit = OSA.normalized_similarity(query.text, listed)
            if edit > row[col]:
                typos.append((col, edit))
    return typos


def _mistyped_columns(
    index: ScreeningIndex, query: QueryToken, tids: np.ndarray, row: np.ndarray
) -> list[int]:
    """The columns of listed words one edit (OSA) from a query word that is no word of its
    own (QueryToken.unknown), where their similarity is under TYPO_SIM."""
    return [
        col
        for col in np.flatnonzero((row >= ALIGN_MIN) & (row < TYPO_SIM)).tolist()
        if OSA.distance(query.text, index.tokens[tids[col]], score_cutoff=1) <= 1
    ]


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
    written = "".join(texts)
    joined = Indel.normalized_similarity(written, l_joined, score_cutoff=cutoff)
    if joined < COMPACT_PERSON_MIN:
        natural = index.name_natural[nidx]  # ROTENBERG, Boris: as "Boris Borisovichrotenberg"
        if natural:
            moved = Indel.normalized_similarity(written, natural)
            if moved >= COMPACT_PERSON_MIN:
                return moved
        if len(texts) > 1:
            for order in (texts[-1:] + texts[:-1], texts[1:] + texts[:1]):
                moved = Indel.normalized_similarity("".join(order), l_joined)
                if moved >= COMPACT_PERSON_MIN:
                    return moved
    return joined


def name_table(index: ScreeningIndex) -> align.NameTable:
    """Every listed name as the alignment kernel reads it: token positions in flat arrays,
    with what each position is (legal form, particle, honorific ...; see match.align)."""
    start = [0]
    tids: list[int] = []
    flags: list[int] = []
    tokens = index.tokens
    bit = {p.name: int(p) for p in align.Position}
    for nidx, name in enumerate(index.names):
        particles = index.name_particles[nidx]
        legal = name.form.legal
        for j, tid in enumerate(name.token_ids):
            flag = 0
            if tokens[tid] in legal or tid in index.legal_ids:
                flag |= bit["P_LEGAL"]
            if j in particles:
                flag |= bit["P_PARTICLE"]
            if tid in index.honorific_ids:
                flag |= bit["P_HONORIFIC"]
            if tid in index.patronymic_ids:
                flag |= bit["P_PATRONYMIC"]
            if tid in name.family:
                flag |= bit["P_FAMILY"]
            if tid in name.middle:
                flag |= bit["P_MIDDLE"]
            if len(tokens[tid]) > 1:
                flag |= bit["P_WORD"]
            tids.append(tid)
            flags.append(flag)
        start.append(len(tids))
    return align.NameTable(
        np.array(start, dtype=np.int32),
        np.array(tids, dtype=np.int32),
        np.array(flags, dtype=np.uint8),
        np.array([index.weight_of[tid] for tid in tids], dtype=np.float64),
        np.array(index.name_parts, dtype=np.int32),
        np.array(
            [index.entities[n.entity].schema in OBJECT_SCHEMATA for n in index.names],
            dtype=np.uint8,
        ),
        np.array([len(joined) for joined in index.name_joined], dtype=np.int32),
        len(tokens),
    )


@dataclass(slots=True)
class NameScores:
    """The name scores of one query's candidates (score_names)."""

    scores: np.ndarray  # -1.0: a person's name with too few agreeing parts to reach `below`
    compact: np.ndarray  # compared joined (Abubakar / Abu Bakar)
    # (query position, list position, similarity) triples, for names scoring `explain` or more
    alignments: list[list[tuple[int, int, float]] | None]


def score_names(
    table: align.NameTable,
    index: ScreeningIndex,
    query: list[QueryToken],
    rows: SimilarityRows,
    names: np.ndarray,
    person: np.ndarray,
    office: np.ndarray,
    below: float = 0.0,
    explain: float = 0.0,
) -> NameScores:
    """How well each listed name in `names` (int32) explains the query name (tokens from
    prepare_query, similarities from similarity_rows over these names).

    `person`, `office` (uint8 per name): the listed entity is a person; the query's title of
    office (President Putin) is that person's position, which counts as one agreeing name
    part. A person's name with too few parts that could agree is capped at PARTIAL_CAP, so it
    is not aligned at all where that is under `below`.
    """
    weights = np.array([qt.weight for qt in query], dtype=np.float64)
    flags = np.array(
        [
            (_Q_LEGAL if qt.legal else 0)
            | (_Q_HONORIFIC if qt.honorific else 0)
            | (_Q_PART if qt.part else 0)
            | (_Q_WORD if len(qt.text) > 1 else 0)
            | (_Q_ABJAD if qt.abjad else 0)
            for qt in query
        ],
        dtype=np.uint8,
    )

    def joined(nidx: int, cutoff: float) -> float:
        return _joined_similarity(index, query, nidx, cutoff)

    scores, compact, alignments = table.score_names(
        names, rows.tids, person, office, rows.plain, rows.person, weights, flags,
        sum(len(qt.text) for qt in query), below, explain, joined,
    )  # fmt: skip
    return NameScores(scores, compact, alignments)


def name_score(
    index: ScreeningIndex, query: list[QueryToken], scores: NameScores, k: int, nidx: int
) -> NameScore:
    """Candidate `k` (listed name `nidx`) of score_names as a NameScore, with the spellings
    that aligned."""
    name = index.names[nidx]
    if scores.compact[k]:
        joined = _joined_similarity(index, query, nidx, COMPACT_MIN)
        texts = (" ".join(qt.text for qt in query), " ".join(name.form.tokens))
        return NameScore(float(scores.scores[k]), [(*texts, joined)], compact=True)
    aligned = scores.alignments[k] or []
    tokens, l_ids = index.tokens, name.token_ids
    return NameScore(
        float(scores.scores[k]),
        [(query[i].text, tokens[l_ids[j]], round(sim, 3)) for i, j, sim in aligned],
    )
