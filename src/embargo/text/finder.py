"""Find listed names in running text: Aho-Corasick over normalised name variants, then verify.

Index (built once from the listed entities):
- every strong name and alias (weak aliases only when not made of common words) is cut into
  words like text is (tokens.py) and normalised (normal.py); persons are also indexed surname
  first/last and as first + last name (middle names dropped), hyphenated names also joined;
- the *exact* automaton holds the normalised token sequences (" jihad yaghmour "), the *fuzzy*
  automaton the phonetic skeletons of names of two words or more (" jd ygmr "), which catches
  other romanisations and scripts (Yagmur, Ягмур, يغمور);
- a one-word name is indexed only if it is not ordinary vocabulary (vocab.py) and is the name
  of no more than a handful of listed entities.

Scan: the text becomes a normalised token stream (and a skeleton stream) with a map back to
character offsets; automaton hits are filtered by case rules (a one-word name must be written
as a proper noun, a commonish acronym in capitals; a name made only of common words must be
capitalised), then every candidate span is scored against its candidate entities by the
screening scorer and kept at or above the threshold.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Protocol

import ahocorasick

from embargo.index.entities import EntityInfo
from embargo.memory import gc_paused
from embargo.names.particles import ABD_FORMS, ABU_FORMS, ARTICLES, LINKS, SUN_ARTICLES
from embargo.names.text import OBJECT, PERSON, kind_of_schema
from embargo.text import vocab
from embargo.text.normal import fuzzy_key, norm_token
from embargo.text.tokens import (
    Token,
    is_capitalised,
    is_cased,
    joined_hyphen_tokens,
    name_has_hyphen,
    name_tokens,
    strip_possessive,
    tokenize,
)

# Lower-case words that belong inside names (Arabic, Romance, Germanic, Dutch particles).
PARTICLES = frozenset(
    ARTICLES | LINKS | set(SUN_ARTICLES) | ABD_FORMS | ABU_FORMS
    | {"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos",
       "das", "do", "y", "e", "zu", "af", "av", "ter", "ten", "of", "the", "and", "for"}
)  # fmt: skip
# A one-word name that is also a word of more listed names than this is a name part (a common
# given name or surname, a word like BANK), not a name.
MAX_SINGLE_DF = 8
MIN_SINGLE_LENGTH = 3
# A skeleton key must carry some evidence: total consonant skeleton length.
MIN_FUZZY_KEY = 6
MAX_ORDERINGS_WORDS = 8  # names longer than this are only indexed as written
UPPER_CONTEXT = 0.7  # share of capital letters above which capitals say nothing


@dataclass(frozen=True, slots=True)
class Variant:
    """One way an entity's name can appear in text."""

    entity: int
    words: int  # normalised tokens in the key
    zipf: float  # commonness of its rarest word (for one-word variants: of the word)
    common: bool  # every word is common vocabulary: must be capitalised in text
    kind: str
    weak: bool
    onsets: tuple[str, ...] = ()  # first sound of each word with a skeleton (see `onset`)


@dataclass(slots=True)
class Candidate:
    start: int  # character offsets in the scanned text
    end: int
    words: str  # the span's words as the tokeniser read them (hyphenation joined), for scoring
    entities: dict[int, bool] = field(default_factory=dict)  # entity -> found by exact key


@dataclass
class Verified:
    entity: EntityInfo
    score: float
    explanation: dict[str, Any]


class Verifier(Protocol):
    """Scores a span of text as a name against candidate listed entities."""

    threshold: float

    def verify(self, text: str, candidates: Sequence[EntityInfo]) -> list[Verified]: ...


def person_orderings(name: str, words: list[str]) -> list[list[str]]:
    """The word orders a person's name is written in: as listed, surname first/last, short."""
    if "," in name:
        last_part, given_part = name.split(",", 1)
        last, given = name_tokens(last_part), name_tokens(given_part)
        if not last or not given:
            return [words]
        out = [given + last, last + given]
        if len(given) > 1:
            out += [given[:1] + last, last + given[:1]]
        return out
    if len(words) < 2:
        return [words]
    out = [words, words[-1:] + words[:-1]]
    if len(words) > 2:
        out += [[words[0], words[-1]], [words[-1], words[0]]]
    return out


class MentionIndex:
    """The automata over all listed names, and the entities they point to."""

    def __init__(self, entities: Iterable[EntityInfo]) -> None:
        with gc_paused():  # ~100k keys of small acyclic objects: collections only cost time
            self._build(list(entities))

    def _build(self, entities: list[EntityInfo]) -> None:
        self.entities: list[EntityInfo] = entities
        pending: dict[str, dict[int, Variant]] = {}
        fuzzy_pending: dict[str, dict[int, Variant]] = {}
        part_df: dict[str, set[int]] = {}  # word -> entities with a longer name containing it
        for eidx, info in enumerate(self.entities):
            kind = kind_of_schema(info.schema)
            for name, weak in info.names:
                for words in self._word_lists(name, kind):
                    self._add_variant(eidx, kind, weak, words, pending, fuzzy_pending, part_df)
        self.exact = ahocorasick.Automaton()
        for key, variants in pending.items():
            if key.count(" ") == 2 and len(part_df.get(key[1:-1], ())) > MAX_SINGLE_DF:
                continue  # a one-word name that is a part of many other names: a name part
            self.exact.add_word(key, (len(key), tuple(variants.values())))
        self.fuzzy = ahocorasick.Automaton()
        for key, variants in fuzzy_pending.items():
            self.fuzzy.add_word(key, (len(key), tuple(variants.values())))
        self.exact.make_automaton()
        if len(self.fuzzy):
            self.fuzzy.make_automaton()
        self.keys = len(self.exact) + len(self.fuzzy)

    @staticmethod
    def _word_lists(name: str, kind: str) -> list[list[str]]:
        words = name_tokens(name)
        if not words:
            return []
        lists = [words]
        if kind == PERSON and len(words) <= MAX_ORDERINGS_WORDS:
            lists = person_orderings(name, words)
        if name_has_hyphen(name):
            joined_name = name.replace("-", "")
            joined = joined_hyphen_tokens(name)
            if joined and joined != words:
                if kind == PERSON and len(joined) <= MAX_ORDERINGS_WORDS:
                    lists += person_orderings(joined_name, joined)
                else:
                    lists.append(joined)
        return lists

    def _add_variant(
        self,
        eidx: int,
        kind: str,
        weak: bool,
        words: list[str],
        pending: dict[str, dict[int, Variant]],
        fuzzy_pending: dict[str, dict[int, Variant]],
        part_df: dict[str, set[int]],
    ) -> None:
        norms: list[str] = []
        zipfs: list[float] = []
        for word in words:
            for part in norm_token(word):
                norms.append(part)
                zipfs.append(vocab.commonness(word, part))
        if not norms:
            return
        if len(norms) > 1:
            for part in norms:
                part_df.setdefault(part, set()).add(eidx)
        rarest = min(zipfs)
        common = rarest >= vocab.COMMON_ZIPF
        if len(norms) == 1:
            token = norms[0]
            if weak or len(token) < MIN_SINGLE_LENGTH or rarest >= vocab.ACRONYM_ZIPF:
                return
            if kind == OBJECT and rarest >= vocab.VESSEL_ZIPF:
                return
        elif weak and common:
            return
        onsets = tuple(onset(t) for t in norms if fuzzy_key(t))
        variant = Variant(eidx, len(norms), rarest, common, kind, weak, onsets)
        key = " " + " ".join(norms) + " "
        _keep(pending.setdefault(key, {}), variant)
        if len(norms) >= 2:
            skel = [s for s in (fuzzy_key(t) for t in norms) if s]
            if len(skel) >= 2 and sum(map(len, skel)) >= MIN_FUZZY_KEY:
                fkey = " " + " ".join(skel) + " "
                if fkey != key:
                    _keep(fuzzy_pending.setdefault(fkey, {}), variant)


def _keep(slot: dict[int, Variant], variant: Variant) -> None:
    """One variant per entity and key: the strong, less common one."""
    old = slot.get(variant.entity)
    if old is None or (old.weak and not variant.weak) or (variant.zipf < old.zipf):
        slot[variant.entity] = variant


@dataclass(slots=True)
class Stream:
    """Normalised tokens of a text joined by spaces, with the way back to the original."""

    text: str
    starts: list[int]  # where each normalised token starts in `text`
    owner: list[int]  # the original token each normalised token comes from


def build_streams(tokens: Sequence[Token]) -> tuple[Stream, Stream, list[str]]:
    """The exact and skeleton streams of a token sequence (list comprehensions: this is the
    per-token inner loop of every scan)."""
    normed = [norm_token(tok.text) for tok in tokens]
    if all(len(n) == 1 for n in normed):
        norms = [n[0] for n in normed]
        owner = list(range(len(norms)))
    else:
        norms = [part for n in normed for part in n]
        owner = [i for i, n in enumerate(normed) for _ in n]
    exact = make_stream(norms, owner)
    keys = [fuzzy_key(n) for n in norms]
    kept = [j for j, k in enumerate(keys) if k]
    skel = make_stream([keys[j] for j in kept], [owner[j] for j in kept])
    return exact, skel, norms


def make_stream(parts: list[str], owner: list[int]) -> Stream:
    # Token j starts after the leading space and j earlier tokens with their spaces.
    ends = list(accumulate(len(p) + 1 for p in parts))
    starts = [1] + [e + 1 for e in ends[:-1]] if parts else []
    return Stream(" " + " ".join(parts) + " ", starts, owner)


class MentionFinder:
    """Finds listed parties in running text; `verifier` is the screening scorer."""

    def __init__(self, index: MentionIndex, verifier: Verifier) -> None:
        self.index = index
        self.verifier = verifier
        self._cache: dict[tuple[str, tuple[int, ...]], list[Verified]] = {}

    def candidates(self, text: str) -> tuple[list[Token], list[Candidate]]:
        """Spans of `text` that look like a listed name, with their candidate entities."""
        with gc_paused():
            return self._candidates(text)

    def _candidates(self, text: str) -> tuple[list[Token], list[Candidate]]:
        tokens = tokenize(text)
        if not tokens:
            return tokens, []
        exact, skel, _ = build_streams(tokens)
        found: dict[tuple[int, int], Candidate] = {}
        for stream, automaton, is_exact in (
            (exact, self.index.exact, True),
            (skel, self.index.fuzzy, False),
        ):
            if not len(automaton) or len(stream.text) < 3:
                continue
            for end, (length, variants) in automaton.iter(stream.text):
                first = bisect.bisect_left(stream.starts, end - length + 2)
                last = bisect.bisect_right(stream.starts, end - 1) - 1
                t0, t1 = stream.owner[first], stream.owner[last]
                words = [tokens[i].text for i in range(t0, t1 + 1)]
                if t1 > t0 and not _gaps_ok(text, tokens, t0, t1):
                    continue
                for variant in variants:
                    if not self._case_ok(variant, words, text, tokens[t0].start):
                        continue
                    if not is_exact and not _fuzzy_ok(words, variant):
                        continue
                    span = (tokens[t0].start, _end(tokens[t1]))
                    cand = found.get(span)
                    if cand is None:
                        cand = found[span] = Candidate(span[0], span[1], " ".join(words))
                    cand.entities[variant.entity] = (
                        cand.entities.get(variant.entity, False) or is_exact
                    )
        return tokens, sorted(found.values(), key=lambda c: (c.start, -c.end))

    @staticmethod
    def _case_ok(variant: Variant, words: list[str], text: str, at: int) -> bool:
        """Is the span written the way a name is, given how common its words are?"""
        if variant.words == 1:
            word = words[0]
            if not is_capitalised(word):
                return False
            # The word as written counts too: MIG is rare, but Миг is Russian for "moment".
            zipf = max(variant.zipf, vocab.text_zipf(word))
            if not is_cased(word) and (len(word) < 4 or zipf >= vocab.RARE_ZIPF):
                # No capitals to go by, and abjads drop vowels: أضف ("add") romanises to the
                # acronym ADF. Only long, rare words may stand alone.
                return False
            limit = vocab.COMMON_ZIPF
            if variant.kind == PERSON:
                limit = vocab.PERSON_ZIPF
            elif variant.kind == OBJECT:
                limit = vocab.VESSEL_ZIPF
            if zipf < limit:
                return True
            if variant.kind == OBJECT or not word.isupper() or len(word) > 6:
                return False
            # Capitals mark an acronym only where the text around is not all capitals,
            # or where the word cannot be a word at all (no vowels: PKK, KGK).
            if not any(c in "AEIOUaeiou" for c in word):
                return zipf < vocab.ACRONYM_ZIPF
            return zipf < vocab.ACRONYM_ZIPF and not _mostly_upper(text, at)
        # Running text capitalises names: a lower-case word inside the span ("officials said
        # Mehmet") is a sign it is not one, unless it is a name particle or the text has no
        # capitals at all.
        lower = [w for w in words if not is_capitalised(w) and w.casefold() not in PARTICLES]
        if lower and not _no_capitals(text, at):
            return False
        if variant.common:
            return is_capitalised(words[0]) and is_capitalised(words[-1])
        return True

    def find(self, text: str) -> list[tuple[Candidate, Verified]]:
        """Verified mentions in `text`: (span, scored entity), best first per span."""
        _, cands = self.candidates(text)
        out: list[tuple[Candidate, Verified]] = []
        for cand in cands:
            key = (cand.words.casefold(), tuple(sorted(cand.entities)))
            verified = self._cache.get(key)
            if verified is None:
                infos = [self.index.entities[e] for e in sorted(cand.entities)]
                verified = self.verifier.verify(cand.words, infos)
                if len(self._cache) < 100_000:
                    self._cache[key] = verified
            for v in verified:
                out.append((cand, v))
        return _drop_nested(out)


# Between the words of a name: spaces, hyphens, apostrophes, one comma ("KAYA, Mehmet"), or
# the full stop of an initial. Sentence punctuation between two words means two sentences.
_GAP_RE = re.compile(r"[\s\-\u2010\u2011\u00ad'\u2019]*(?:,[\s\u00ad]*)?")


def _end(token: Token) -> int:
    """Where a token ends, an English possessive left out ("Hamas's" -> "Hamas")."""
    cut = len(token.text) - len(strip_possessive(token.text))
    return token.end - cut


def _gaps_ok(text: str, tokens: Sequence[Token], t0: int, t1: int) -> bool:
    for i in range(t0, t1):
        gap_start, gap_end = tokens[i].end, tokens[i + 1].start
        if gap_start == gap_end:
            continue
        if _GAP_RE.fullmatch(text, gap_start, gap_end):
            continue
        if (
            len(tokens[i].text) <= 2
            and text[gap_start] == "."
            and (_GAP_RE.fullmatch(text, gap_start + 1, gap_end))
        ):
            continue  # an initial: "J. Yaghmour"
        return False
    return True


def onset(token: str) -> str:
    """The first sound of a romanised word, as an abjad writes it unambiguously.

    Arabic and Persian script write consonants exactly (ش is sh, س is s, خ is kh) where
    Latin spellings and the skeleton merge them (Turkish ş, Halit/Khalid); vowels at the start
    (alef, ayn) are all one.
    """
    head = token[:2]
    if head in _DIGRAPH_ONSETS:
        return head
    first = token[:1]
    return "a" if first in "aeiou" else _ONSET_CLASS.get(first, first)


_DIGRAPH_ONSETS = frozenset({"sh", "kh", "gh", "th", "dh", "zh"})
_ONSET_CLASS = {"q": "k", "c": "k"}


def _fuzzy_ok(words: list[str], variant: Variant) -> bool:
    """A spelling-variant match in a script without capitals needs more than sound-alikes.

    Capitals are what marks a name in Latin, Cyrillic or Greek text; Arabic, Persian or CJK text
    has none, and two ordinary words there often share a consonant skeleton with some name.
    So: one word must be rare, and each word must start with the sound the listed one does.
    """
    if any(is_cased(w) for w in words):
        return True
    if not any(vocab.text_zipf(w) < vocab.RARE_ZIPF for w in words):
        return False
    norms = [t for w in words for t in norm_token(w) if fuzzy_key(t)]
    return tuple(onset(t) for t in norms) == variant.onsets


def _no_capitals(text: str, at: int, radius: int = 300) -> bool:
    window = text[max(0, at - radius) : at + radius]
    return not any(c.isupper() for c in window)


def _mostly_upper(text: str, at: int, radius: int = 300) -> bool:
    window = text[max(0, at - radius) : at + radius]
    letters = [c for c in window if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    if not cased:
        return False
    return sum(1 for c in cased if c.isupper()) / len(cased) > UPPER_CONTEXT


def _drop_nested(
    found: list[tuple[Candidate, Verified]],
) -> list[tuple[Candidate, Verified]]:
    """A mention inside a longer mention of the same entity is the same mention."""
    by_entity: dict[str, list[tuple[Candidate, Verified]]] = {}
    for item in found:
        by_entity.setdefault(item[1].entity.entity_id, []).append(item)
    keep: list[tuple[Candidate, Verified]] = []
    for items in by_entity.values():
        items.sort(key=lambda it: (it[0].start, -(it[0].end - it[0].start)))
        last_end = -1
        last: tuple[Candidate, Verified] | None = None
        for item in items:
            cand = item[0]
            if last is not None and cand.end <= last_end:
                continue
            if last is not None and cand.start < last_end:
                # Overlapping spans of one entity: keep the better scored.
                if item[1].score > last[1].score:
                    keep[-1] = item
                    last, last_end = item, cand.end
                continue
            keep.append(item)
            last, last_end = item, cand.end
    keep.sort(key=lambda it: (it[0].start, it[0].end, -it[1].score))
    return keep
