"""The in-memory screening index: token vocabulary, postings and blocking keys.

Every listed name is normalised once (embargo.names) into canonical tokens; each distinct token
gets an integer id, a posting list (the names that contain it, as a numpy int32 array) and a
rarity weight from its inverse document frequency, so that MOHAMMED or KAYA count far less than
YAGHMOUR when gathering candidates. Adjacent token pairs are also indexed joined ("mao ze dong"
is found from "mao zedong"), but only as lookup keys, not as scored tokens.

A query token finds list tokens through blocking keys: exact; one-deletion neighbours (SymSpell:
edit distance <= 2 with one deletion each side); the phonetic form and the consonant skeleton
(names.variants); a particle written joined (Alnajdi -> najdi); rigour's name symbols (Wikidata
name items shared by two spellings, similarity 0.95). Every neighbour is scored with
names.spelling.spelling_similarity and kept from 0.6 up.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA

from embargo.index.entities import EntityInfo, normalise_id
from embargo.memory import KeptResults, gc_paused
from embargo.names import (
    PERSON,
    NameForm,
    analyse_name,
    kind_of_schema,
    name_symbols,
    phonetic_form,
    skeleton,
    spelling_similarity,
)
from embargo.names.spelling import abjad_similarity
from embargo.names.text import ARABIC, HEBREW, PARTICLES, particle_positions
from embargo.names.titles import HONORIFICS
from embargo.names.variants import (
    ALIGNABLE,
    PHONETIC_ALIGNABLE,
    SLAVIC_MIN,
    abjad_article_rest,
    arabic_spellings,
    declension_stem,
    hebrew_skeleton,
    hebrew_skeleton_variants,
    joined_rests,
    slavic_latin,
    strip_joined_prefix,
)

try:
    from embargo.index.accumulate import EvidenceAccumulator
    from embargo.index.edits import ListedToken, PairSimilarities, SpellingBounds, Spellings
except ImportError as error:  # a source checkout that was never built
    raise ImportError("embargo's compiled kernels are not built: run `make install`") from error

MIN_DELETE_LENGTH = 4  # shorter words have too many one-deletion neighbours to be useful
MIN_TOKEN_SIM = 0.6  # at least ALIGNABLE: expand() skips pairs its bound keeps below that
SYMBOL_SIM = 0.95
# Wikidata joins every romanisation of a one-syllable Chinese or Korean surname (Zhang, Chang,
# Chong, Jang; Wang, Wong, Hong): as different in a payment as in a list, so short words sharing
# a symbol count less, below match.names.STRONG_PART: such a link alone is no agreeing name part.
SYMBOL_SHORT = 5
SYMBOL_SHORT_SIM = 0.7
MIN_WEIGHT = 0.2
EXPANSIONS_KEPT = 1_000_000  # query tokens whose expansions are kept
PAIRS_KEPT = 2_000_000  # query token x listed token similarities kept (some 50 bytes each)
UNKNOWN_WEIGHT = 0.8  # a query token no listed token resembles
# Words that say "an organisation" without naming one; rigour does not count them as legal forms
# on their own (SOURAN CO = SOURAN COMPANY).
GENERIC_ORG_WORDS = frozenset({"co", "company", "corp", "corporation", "inc", "incorporated",
                               "limited", "ltd", "group", "llc", "jsc", "plc"})  # fmt: skip
LEGAL_TYPO_LENGTH = 5
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ovic", "evic", "ogly", "oglu", "kyzy")
# Among equal evidence the shorter listed name is closer: for a common name (Mohamed Ali)
# hundreds of longer names tie with the one that is exactly the query.
LENGTH_TIEBREAK = 1e-4  # per listed token; far below any difference in token weights
INITIAL = "^"  # prefix of the pseudo token for a person's name part initial
SPLIT_PART = 4  # the shortest part of an unlisted word read as two listed ones (regrouped)
LEGAL_WORDS_KEPT = 1_000_000  # query words whose legal-form status is_legal_word keeps


_NO_IDS = np.zeros(0, dtype=np.int32)
_NO_IDS.flags.writeable = False  # shared by every token joined to nothing


def deletions(token: str) -> set[str]:
    """Every string one character shorter than `token`."""
    if len(token) < MIN_DELETE_LENGTH:
        return set()
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


NameKey = tuple[str, str]  # a name as written, and its kind (names.PERSON ...)


def analysed_names(info: EntityInfo) -> dict[NameKey, NameForm]:
    """The names of a listed entity that the index analyses (its names, family and middle
    names), as analyse_name reads them: what ScreeningIndex takes ready-made."""
    kind = kind_of_schema(info.schema)
    texts = [*info.family_names, *info.middle_names, *(text for text, _ in info.names)]
    return {(text, kind): analyse_name(text, kind) for text in texts}


def _analysed(analysed: Mapping[NameKey, NameForm], text: str, kind: str) -> NameForm:
    form = analysed.get((text, kind))
    return analyse_name(text, kind) if form is None else form


# A query token (with the abjad it is written in) and the listed tokens it expands to.
Expansion = tuple[tuple[str, str], dict[int, float]]


@dataclass(slots=True)
class IndexedName:
    entity: int  # index into ScreeningIndex.entities
    form: NameForm
    token_ids: tuple[int, ...]
    weak: bool
    family: frozenset[int] = frozenset()  # token ids of the family name, where known
    middle: frozenset[int] = frozenset()  # token ids of middle names, where known


class ScreeningIndex:
    """Names, tokens and blocking keys of all listed entities, in memory."""

    def __init__(
        self, entities: Iterable[EntityInfo], analysed: Mapping[NameKey, NameForm] | None = None
    ) -> None:
        """`analysed`: the entities' names as analyse_name reads them, where already read
        (analysed_names, in other processes); the others are read here."""
        # Building allocates millions of small objects that all live on.
        with gc_paused():
            self._build(entities, analysed or {})
        # The index lives as long as the process: out of the cyclic collector's reach, or
        # every full collection during screening walks its millions of objects again (it
        # cost more than normalising the query names). Reference counting still frees.
        gc.freeze()

    def _build(self, entities: Iterable[EntityInfo], analysed: Mapping[NameKey, NameForm]) -> None:
        self.entities: list[EntityInfo] = []
        self.names: list[IndexedName] = []
        self.tokens: list[str] = []
        self.token_ids: dict[str, int] = {}
        self.pseudo: list[bool] = []  # joined adjacent pairs: lookup keys only
        self.abjad_ids: set[int] = set()  # tokens of names written in an abjad
        self.legal_words: set[str] = set()  # words of legal forms as the lists write them
        postings: list[list[int]] = []
        self.id_index: dict[str, list[int]] = {}

        def token_id(token: str, pseudo: bool) -> int:
            tid = self.token_ids.get(token)
            if tid is None:
                tid = len(self.tokens)
                self.token_ids[token] = tid
                self.tokens.append(token)
                self.pseudo.append(pseudo)
                postings.append([])
            elif not pseudo and self.pseudo[tid]:
                self.pseudo[tid] = False
            return tid

        for info in entities:
            eidx = len(self.entities)
            self.entities.append(info)
            kind = kind_of_schema(info.schema)
            for ident in info.ids:
                self.id_index.setdefault(ident, []).append(eidx)
            family_tokens: set[str] = set()
            for last in info.family_names:
                family_tokens.update(_analysed(analysed, last, kind).tokens)
            middle_tokens: set[str] = set()
            for middle_name in info.middle_names:
                middle_tokens.update(_analysed(analysed, middle_name, kind).tokens)
            middle_tokens -= family_tokens
            seen: set[tuple[str, ...]] = set()
            for text, weak in info.names:
                form = _analysed(analysed, text, kind)
                if not form.tokens:
                    continue
                # "YAGHMOUR, Jihad" and "Jihad YAGHMOUR" are one name to the scorer.
                key = (*sorted(form.tokens), "~" if weak else "")
                if key in seen:
                    continue
                seen.add(key)
                nidx = len(self.names)
                ids = tuple(token_id(t, False) for t in form.tokens)
                self.abjad_ids.update(token_id(t, False) for t in form.abjad)
                self.legal_words.update(form.legal_words)
                family = frozenset(
                    i for i, t in zip(ids, form.tokens, strict=True) if t in family_tokens
                )
                middle = frozenset(
                    i for i, t in zip(ids, form.tokens, strict=True) if t in middle_tokens
                )
                self.names.append(IndexedName(eidx, form, ids, weak, family, middle))
                keys = set(ids)
                for a, b in zip(form.tokens, form.tokens[1:], strict=False):
                    keys.add(token_id(a + b, True))
                if kind == PERSON:
                    # Initials: a query "B. Hasan" must reach HASAN, Bilal among many Hasans.
                    keys.update(token_id(INITIAL + t[0], True) for t in set(form.tokens))
                for tid in keys:
                    postings[tid].append(nidx)

        self.postings: list[np.ndarray] = [np.array(p, dtype=np.int32) for p in postings]
        n_names = max(len(self.names), 1)
        norm = math.log(1 + n_names)
        self.weights = np.array(
            [max(MIN_WEIGHT, math.log(1 + n_names / max(len(p), 1)) / norm) for p in postings],
            dtype=np.float32,
        )
        self.name_entity = np.array([n.entity for n in self.names], dtype=np.int32)
        self.name_lengths = np.array([len(n.token_ids) for n in self.names], dtype=np.float64)
        # Blocking keys over the vocabulary.
        self.delete_index: dict[str, list[int]] = {}
        self.skeleton_index: dict[str, list[int]] = {}
        self.hebrew_skeleton_index: dict[str, list[int]] = {}
        self.phonetic_index: dict[str, list[int]] = {}
        self.symbol_index: dict[str, list[int]] = {}
        for tid, token in enumerate(self.tokens):
            if self.pseudo[tid]:
                continue  # joined pairs are found by exact lookup only
            for key in deletions(token):
                self.delete_index.setdefault(key, []).append(tid)
            skel = skeleton(token)
            if skel:
                self.skeleton_index.setdefault(skel, []).append(tid)
            self.phonetic_index.setdefault(phonetic_form(token), []).append(tid)
            if "v" in token:  # Hebrew spellings write v as a vowel letter: its own key
                hebrew = skeleton(token, True)
                if hebrew and hebrew != skel:
                    self.hebrew_skeleton_index.setdefault(hebrew, []).append(tid)
            for sym in name_symbols(token):
                self.symbol_index.setdefault(sym, []).append(tid)
        # Short legal words (s, a, de, se) also occur in names: only whole words of 3+ letters
        # count, and typos only in words of LEGAL_TYPO_LENGTH+.
        self.legal_words = {w for w in self.legal_words if len(w) >= 3}
        self.legal_near: dict[str, list[str]] = {}  # one deletion -> the legal words
        for word in self.legal_words:
            if len(word) >= LEGAL_TYPO_LENGTH:
                for key in deletions(word):
                    self.legal_near.setdefault(key, []).append(word)
        # Words is_legal_word has looked at, and which of them are legal-form words: sets, so
        # that the candidate bound checks a whole query at C speed (legal_words_among).
        self._legal_seen: set[str] = set()
        self._legal_found: set[str] = set()
        # Per-token facts the scorer asks for every pair, computed once.
        # Joined pairs and initials (pseudo tokens) are lookup keys only, never compared.
        self.phonetic: list[str] = [
            "" if pseudo else phonetic_form(t)
            for t, pseudo in zip(self.tokens, self.pseudo, strict=True)
        ]
        # Consonant skeletons as an Arabic and as a Hebrew writer would write each token: the
        # scorer's cheap bound for pairs with an abjad spelling (edits.SpellingBounds).
        self.skeletons: list[str] = [
            "" if pseudo else skeleton(t)
            for t, pseudo in zip(self.tokens, self.pseudo, strict=True)
        ]
        # (They differ only in how a v is read: no digraph rule writes one.)
        self.hebrew_skeletons: list[str] = [
            skeleton(t, True) if "v" in t and sk else sk
            for t, sk in zip(self.tokens, self.skeletons, strict=True)
        ]
        self.abjad_mask = np.zeros(len(self.tokens), dtype=bool)
        self.abjad_mask[list(self.abjad_ids)] = True
        self.pseudo_mask = np.array(self.pseudo, dtype=np.uint8)  # (for expand's bound)
        # Listed tokens by the words they are with a particle joined (alnajdi: najdi).
        self.joined_from: dict[str, list[int]] = {}
        for tid, t in enumerate(self.tokens):
            for rest in () if self.pseudo[tid] else joined_rests(t):
                self.joined_from.setdefault(rest, []).append(tid)
        bit = {flag.name: int(flag) for flag in ListedToken}
        flags = np.array(
            [
                (bit["L_WORD"] if len(t) > 1 else 0)
                | (bit["L_ABJAD"] if tid in self.abjad_ids else 0)
                | (bit["L_NO_SKELETON"] if not self.skeletons[tid] else 0)
                | (bit["L_NO_HEBREW_SKELETON"] if not self.hebrew_skeletons[tid] else 0)
                for tid, t in enumerate(self.tokens)
            ],
            dtype=np.uint8,
        )
        self.spellings = SpellingBounds(
            Spellings(self.tokens),
            Spellings(self.phonetic),
            Spellings(self.skeletons),
            Spellings(self.hebrew_skeletons),
            flags,
        )
        self.legal_ids: frozenset[int] = self._legal_token_ids()
        # Honorifics (Sheikh, Haji, Eng.) as analysed: one only one side writes costs less.
        self.honorific_words: frozenset[str] = frozenset(
            token
            for word in HONORIFICS
            for token in analyse_name(word, PERSON).tokens
            if token not in PARTICLES
        )
        self.honorific_ids: frozenset[int] = frozenset(
            self.token_ids[w] for w in self.honorific_words if w in self.token_ids
        )
        self.patronymic_ids: frozenset[int] = frozenset(
            tid
            for tid, token in enumerate(self.tokens)
            if token.endswith(PATRONYMIC_ENDINGS) and len(token) > 6
        )
        self.weight_of: list[float] = self.weights.tolist()
        # Per name: its tokens written together (joined spellings compare as one string) and
        # its name parts (tokens that are neither particles nor legal forms).
        self.name_joined: list[str] = ["".join(n.form.tokens) for n in self.names]
        # ... and, for a name listed family name first, in the order a person writes it
        # (ROTENBERG, Boris Borisovich: borisborisovichrotenberg), "" if the same.
        self.name_natural: list[str] = [
            _natural_joined(n, joined)
            for n, joined in zip(self.names, self.name_joined, strict=True)
        ]
        self.name_particles: list[frozenset[int]] = [
            particle_positions(n.form.tokens) for n in self.names
        ]
        self.name_parts: list[int] = [
            sum(
                1
                for k, (tid, token) in enumerate(zip(n.token_ids, n.form.tokens, strict=True))
                if tid not in self.legal_ids and token not in n.form.legal and k not in particles
            )
            for n, particles in zip(self.names, self.name_particles, strict=True)
        ]
        # Kept per token; processes screening side by side pass on those they make
        # (fresh_expansions, learn_expansions): each would otherwise expand the same new tokens.
        self._expansions: KeptResults[tuple[str, str], dict[int, float]] = KeptResults(
            self._expanded, EXPANSIONS_KEPT
        )
        self._splits: dict[str, tuple[str, str] | None] = {}
        self._related_arrays: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._joined_ids: dict[str, np.ndarray] = {}
        self.pair_sims = PairSimilarities(
            self.tokens,
            self.abjad_mask.view(np.uint8),
            ARABIC,
            spelling_similarity,
            abjad_similarity,
            PAIRS_KEPT,
        )
        self._query_weights: dict[tuple[str, str], float] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def weight(self, token: str) -> float:
        tid = self.token_ids.get(token)
        return float(self.weights[tid]) if tid is not None else 1.0

    def expand(self, token: str, abjad: str = "") -> dict[int, float]:
        """List tokens related to a query token, with their similarity (cached per token)."""
        return self._expansions((token, abjad))

    def _expanded(self, key: tuple[str, str]) -> dict[int, float]:
        token, abjad = key
        found: dict[int, float] = {}
        exact = self.token_ids.get(token)
        if exact is not None:
            found[exact] = 1.0
        near: set[int] = set(self.delete_index.get(token, ()))
        for key_ in deletions(token):
            tid = self.token_ids.get(key_)
            if tid is not None:
                near.add(tid)
            near.update(self.delete_index.get(key_, ()))
        spellings = list(arabic_spellings(token)) if abjad == ARABIC else [token]
        if abjad:  # an abjad writes the article joined: alrzq is al-Razzaq, listed as razzaq
            for spelling in spellings[:]:
                article_rest = abjad_article_rest(spelling)
                if article_rest is not None:
                    spellings.append(article_rest)
        for spelling in spellings:
            skel = hebrew_skeleton(spelling) if abjad == HEBREW else skeleton(spelling)
            if skel:
                near.update(self.skeleton_index.get(skel, ()))
                if abjad == HEBREW:
                    for variant in hebrew_skeleton_variants(skel):
                        near.update(self.skeleton_index.get(variant, ()))
                        near.update(self.hebrew_skeleton_index.get(variant, ()))
            near.update(self.phonetic_index.get(phonetic_form(spelling), ()))
        slavic = slavic_latin(token) if not abjad and len(token) >= SLAVIC_MIN else token
        if slavic != token:  # sharenats (Шаренац) is listed as Serbian Latin writes it: sarenac
            tid = self.token_ids.get(slavic)
            if tid is not None:
                near.add(tid)
            near.update(self.phonetic_index.get(phonetic_form(slavic), ()))
        stem = declension_stem(token)  # Putinas, Putins: Putin with a Baltic ending
        if stem is not None:
            tid = self.token_ids.get(stem)
            if tid is not None:
                near.add(tid)
        rest = strip_joined_prefix(token)
        if rest is not None:
            for word in (rest, rest[1:]):
                tid = self.token_ids.get(word)
                if tid is not None:
                    near.add(tid)
        if near:
            # Most neighbours by consonant skeleton are not alike: for two alphabetic
            # spellings, neither the other with a particle joined, spelling_similarity stays
            # below ALIGNABLE (< MIN_TOKEN_SIM) unless their raw edit similarity reaches it or
            # their phonetic one PHONETIC_ALIGNABLE, which the compiled bound decides first.
            self.spellings.related(
                token, phonetic_form(token), abjad, near,
                _NO_IDS if abjad else self.joined_ids(token), self.pseudo_mask, found,
                self.pair_sims, ALIGNABLE, PHONETIC_ALIGNABLE, MIN_TOKEN_SIM,
            )  # fmt: skip
        for sym in name_symbols(token):
            for tid in self.symbol_index.get(sym, ()):
                short = min(len(token), len(self.tokens[tid])) <= SYMBOL_SHORT
                sim = SYMBOL_SHORT_SIM if short else SYMBOL_SIM
                if found.get(tid, 0.0) < sim:
                    found[tid] = sim
        return found

    def fresh_expansions(self) -> list[Expansion]:
        """The expansions made since the last call (the first call starts keeping them)."""
        return self._expansions.fresh()

    def learn_expansions(self, expansions: Iterable[Expansion]) -> None:
        """Take expansions another process made of this same index (fresh_expansions()) as
        if made here: expand() is a function of the token and the index alone."""
        self._expansions.learn(expansions)

    def regrouped(self, form: NameForm) -> NameForm | None:
        """The name with a space put back or taken out where that makes listed words of
        words no list has: two adjacent words that are one listed word with one of them
        unlisted (Was hington: washington), an unlisted word that is two listed ones
        (Borisovichrotenberg: borisovich rotenberg); None if there is no such place. Its
        candidates are the query's too; the letters decide the score (match.names)."""
        tokens, known = form.tokens, self.token_ids
        listed = [token in known for token in tokens]
        if all(listed) or form.abjad or form.hangul:
            return None
        out: list[str] = []
        changed = False
        k = 0
        while k < len(tokens):
            token = tokens[k]
            joined = token + tokens[k + 1] if k + 1 < len(tokens) else ""
            if joined and not (listed[k] and listed[k + 1]) and joined in known:
                out.append(joined)
                changed = True
                k += 2
                continue
            split = None if listed[k] else self._split(token)
            if split is not None:
                out += split
                changed = True
            else:
                out.append(token)
            k += 1
        if not changed:
            return None
        return NameForm(form.text, tuple(out), form.legal)

    def _split(self, token: str) -> tuple[str, str] | None:
        """An unlisted token as two listed ones of SPLIT_PART letters or more that one listed
        name has both of, the most even split first; None if there is none. (Most long words
        split into two listed ones somehow: Angela into ang and ela, Dawson into daw and son.)"""
        found = self._splits.get(token, False)
        if found is not False:
            return found
        found = None
        if len(token) >= 2 * SPLIT_PART and token.isalpha():
            known = self.token_ids
            for at in _split_places(len(token)):
                first = known.get(token[:at])
                if first is None:
                    continue
                second = known.get(token[at:])
                if second is not None and self._together(first, second):
                    found = (token[:at], token[at:])
                    break
        if len(self._splits) > 1_000_000:
            self._splits.clear()
        self._splits[token] = found
        return found

    def _together(self, first: int, second: int) -> bool:
        """Whether one listed name has both tokens."""
        a, b = self.postings[first], self.postings[second]
        return bool(len(np.intersect1d(a, b, assume_unique=True)))

    def joined_ids(self, token: str) -> np.ndarray:
        """The listed tokens (int32 ids) a query token is one of with a particle joined, either
        way (names.variants: alnajdi and najdi)."""
        found = self._joined_ids.get(token)
        if found is None:
            ids = [self.token_ids[rest] for rest in joined_rests(token) if rest in self.token_ids]
            ids += self.joined_from.get(token, ())
            found = np.array(ids, dtype=np.int32) if ids else _NO_IDS
            if len(self._joined_ids) > 1_000_000:
                self._joined_ids.clear()
            self._joined_ids[token] = found
        return found

    def related_arrays(self, token: str, abjad: str = "") -> tuple[np.ndarray, np.ndarray]:
        """expand() as arrays: the related token ids (int32) and their similarities."""
        key = (token, abjad)
        found = self._related_arrays.get(key)
        if found is None:
            related = self.expand(token, abjad)
            found = (
                np.fromiter(related.keys(), np.int32, len(related)),
                np.fromiter(related.values(), np.float64, len(related)),
            )
            if len(self._related_arrays) > 1_000_000:
                self._related_arrays.clear()
            self._related_arrays[key] = found
        return found

    def token_evidence(
        self, token: str, exact_only: bool = False, abjad: str = ""
    ) -> tuple[dict[int, float], float]:
        """The listed tokens a query token reaches (itself only, if `exact_only`), with their
        similarity, and the rarity weight that evidence counts with."""
        if exact_only:
            tid = self.token_ids.get(token)
            if tid is None:
                return {}, 0.0
            return {tid: 1.0}, self.weight_of[tid]
        # Every spelling of the name counts with the query token's own rarity: the lists' few
        # "mhmd" (محمد as romanised) must not outweigh their many Mohameds.
        return self.expand(token, abjad), self.query_weight(token, abjad)

    def query_weight(self, token: str, abjad: str = "") -> float:
        """A query token's rarity: its own if listed, else that of the rarest related token."""
        key = (token, abjad)
        weight = self._query_weights.get(key)
        if weight is None:
            tid = self.token_ids.get(token)
            if tid is not None:
                weight = self.weight_of[tid]
            else:
                related = self.expand(token, abjad)
                weight = max((self.weight_of[t] for t in related), default=UNKNOWN_WEIGHT)
            if len(self._query_weights) > 1_000_000:
                self._query_weights.clear()
            self._query_weights[key] = weight
        return weight

    def query_weights(self, form: NameForm) -> list[float]:
        """query_weight of each of the name's tokens, in the abjad it is written in."""
        cache = self._query_weights
        weights = []
        for token in form.tokens:
            key = (token, form.script(token) if form.abjad else "")
            weight = cache.get(key)
            weights.append(self.query_weight(*key) if weight is None else weight)
        return weights

    def _legal_token_ids(self) -> frozenset[int]:
        """Ids of the listed tokens is_legal_word accepts, found from the legal words' side
        through the deletion index (a few hundred lookups, not one per token)."""
        ids = {
            self.token_ids[w] for w in self.legal_words | GENERIC_ORG_WORDS if w in self.token_ids
        }
        for word in self.legal_words:
            near: set[int] = set(self.delete_index.get(word, ()))  # the word plus a letter
            if len(word) >= LEGAL_TYPO_LENGTH:
                for key in deletions(word):
                    tid = self.token_ids.get(key)  # the word less a letter
                    if tid is not None:
                        near.add(tid)
                    near.update(self.delete_index.get(key, ()))  # one letter changed
            ids.update(
                tid
                for tid in near
                if len(self.tokens[tid]) >= LEGAL_TYPO_LENGTH
                and OSA.distance(self.tokens[tid], word, score_cutoff=1) <= 1
            )
        return frozenset(ids)

    def is_legal_word(self, token: str) -> bool:
        """Whether a token is a legal-form word, up to one typo ("limiteed", "limted")."""
        if token not in self._legal_seen:
            self._look_up_legal(token)
        return token in self._legal_found

    def legal_words_among(self, tokens: tuple[str, ...]) -> set[str]:
        """A set holding the legal-form words among `tokens` (is_legal_word), and others met
        before: to test membership in, not to change."""
        if not self._legal_seen.issuperset(tokens):  # most queries' words were met before
            for token in tokens:
                if token not in self._legal_seen:
                    self._look_up_legal(token)
        return self._legal_found

    def _look_up_legal(self, token: str) -> None:
        if len(self._legal_seen) > LEGAL_WORDS_KEPT:
            self._legal_seen.clear()
            self._legal_found.clear()
        self._legal_seen.add(token)
        known = token in GENERIC_ORG_WORDS or token in self.legal_words
        if not known and len(token) >= LEGAL_TYPO_LENGTH:
            # One insertion, deletion, substitution or transposition away. Shared deletions
            # also pair words two edits apart (start, state: both give "stat"), so the
            # candidates they find are checked.
            near = set(self.legal_near.get(token, ()))
            for key in deletions(token):
                if key in self.legal_words:
                    near.add(key)
                near.update(self.legal_near.get(key, ()))
            known = any(OSA.distance(token, word, score_cutoff=1) <= 1 for word in near)
        if known:
            self._legal_found.add(token)

    def entities_by_id(self, values: Iterable[str]) -> set[int]:
        out: set[int] = set()
        for value in values:
            out.update(self.id_index.get(normalise_id(value), ()))
        return out


# A token's hits: the names it reaches (sorted ids), the best evidence weight for each, and
# the largest of those weights (find() ranks tokens by it for every query).
Hits = tuple[np.ndarray, np.ndarray, float]


class CandidateFinder:
    """Gathers candidate names for query tokens from the index, weighting tokens by rarity.

    find() and token_hits() work in one set of scratch arrays (index.accumulate): one thread at
    a time (Screener takes a lock around them)."""

    def __init__(self, index: ScreeningIndex, cache_size: int = 200_000) -> None:
        self.index = index
        self.cache_size = cache_size
        self._cache: dict[tuple[str, str, bool], Hits] = {}
        self._empty = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
        self._no_hits: Hits = (*self._empty, 0.0)
        self._accumulator = EvidenceAccumulator(index.name_lengths, LENGTH_TIEBREAK)

    def token_hits(
        self, token: str, exact_only: bool = False, abjad: str = ""
    ) -> tuple[np.ndarray, np.ndarray]:
        """Names reachable from one query token and the best evidence weight for each."""
        ids, weights, _ = self._hits(token, exact_only, abjad)
        return ids, weights

    def _hits(self, token: str, exact_only: bool, abjad: str) -> Hits:
        key = (token, abjad, exact_only)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        index = self.index
        related, weight = index.token_evidence(token, exact_only, abjad)
        if not related:
            hit = self._no_hits
        elif len(related) == 1:
            tid, sim = next(iter(related.items()))
            ids = index.postings[tid]
            w = np.full(len(ids), weight * sim, dtype=np.float32)
            hit = (ids, w, float(w[0]) if len(w) else 0.0)
        else:
            hit = self._accumulator.best_per_name(
                [index.postings[t] for t in related], [weight * s for s in related.values()]
            )
        if len(self._cache) > self.cache_size:
            self._cache.clear()
        self._cache[key] = hit
        return hit

    def find(
        self,
        form: NameForm,
        limit: int,
        min_score: float = 0.0,
        allowed: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Up to `limit` name indices with evidence >= min_score, best first, and that evidence;
        only names `allowed` marks (a mask over all names), if given.

        A name's evidence is the sum over query tokens of the best (rarity weight x token
        similarity) among its tokens: the numerator of the name score before squaring and
        penalties, so dividing by the query's weight bounds the name score from above.
        """
        # The token hits come from the cache first (most tokens of a batch recur); joined
        # pairs are looked up only if listed (most are not): no key, no cache entry.
        # Prefix filter: a name that matches none of the heaviest tokens whose best weights
        # add up to more than (total - min_score) cannot reach min_score, so candidates come
        # from those tokens' postings only (usually the single rarest token); every token's
        # evidence is then added to them. All compiled (index.accumulate): for the many
        # queries that end here with no candidate, this is most of their time.
        found = self._accumulator.find(
            form, self._cache, self._hits, self.index.token_ids, INITIAL, min_score, allowed, limit
        )
        return self._empty if found is None else found


@lru_cache(maxsize=64)
def _split_places(length: int) -> tuple[int, ...]:
    """Where a word of this length may split into two of SPLIT_PART letters or more, the
    most even first."""
    middle = length // 2
    places = range(SPLIT_PART, length - SPLIT_PART + 1)
    return tuple(sorted(places, key=lambda place: abs(place - middle)))


def _natural_joined(name: IndexedName, joined: str) -> str:
    """A name's tokens written together given names first, where the list puts the family
    name first; "" where that is how they are written already, or the family is not known."""
    if not name.family:
        return ""
    pairs = list(zip(name.token_ids, name.form.tokens, strict=True))
    given = [token for tid, token in pairs if tid not in name.family]
    family = [token for tid, token in pairs if tid in name.family]
    natural = "".join(given + family)
    return natural if given and natural != joined else ""
