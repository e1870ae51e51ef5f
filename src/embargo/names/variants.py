"""Spelling-variant keys for name tokens: a phonetic skeleton and rigour's name symbols.

Two independent, documented sources of equivalence:

1. `skeleton(token)` and `phonetic_form(token)`: a consonant skeleton for Arabic-, Persian- and Turkish-origin names, where
   romanisations differ mostly in vowels and in how one Arabic letter is written. Rules, in order:
   digraphs for one Arabic/Cyrillic letter collapse (dzh/dj/c -> j: Джихад, Djihad, Cihat; kh -> h
   (خ is "h" in Turkish: Halit/Khalid); gh -> g (ğ, غ); q/ck -> k; ph -> f; sh -> s (ş); th/dh -> d;
   ou/oo -> u); voiced/voiceless final pairs merge (t -> d: Mehmet/Mehmed/Muhammad, Cihat/Jihad;
   p -> b: Persian پ is often written ب); w and y are semi-vowels (و and ي are written w/u/o
   and y/i/ee) and are dropped with the vowels; repeated
   consonants collapse (Hassan/Hasan); a final h after a vowel is silent (Abdullah/Abdulla).
   Semi-vowels are dropped at the start too: an abjad writes an initial vowel with alif, waw or
   ya (Igor -> ygwr). Example: Yaghmour, Yağmur, Ягмур (yagmur), يغمور (yghmwr) -> gmr.
2. `name_symbols(token)`: the Wikidata given/family-name items rigour tags a token with
   (Muhammad, Mohammed, Mohamed share Q5837762; Husayn, Hussein share Q1164078). Two tokens
   sharing one is a curated spelling equivalence. Precomputed into data/name_symbols.tsv.gz by
   build_symbols.py, because rigour's tagger takes seconds to load in every process.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ch", "C"),  # its own sound (Ç, ch), kept apart from c -> j
    ("sh", "s"),
    ("ph", "f"),
    ("th", "d"),
    ("dh", "d"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("oe", "u"),  # Dutch/Afrikaans romanisation: Poetin, Toeareg
    ("tz", "j"),  # Greek ΤΖ for a foreign j: Τζαμάλ = Jamal
    ("mb", "b"),  # Greek ΜΠ for a foreign b: Μπαμπαμοράντι = Babamoradi
    ("x", "ks"),
    ("q", "k"),
    ("c", "j"),
    ("t", "d"),
    ("p", "b"),
)
_DIGRAPH_MAP = dict(DIGRAPHS)
# Vowel classes for the phonetic form: o/u and e/i/y are the vowels romanisations swap most.
_VOWEL_CLASS = str.maketrans({"o": "u", "e": "i", "y": "i", "w": "v"})
# One left-to-right pass, longest spelling first (dzh before dj, ch before c, th before t).
_DIGRAPH_RE = re.compile("|".join(sorted(_DIGRAPH_MAP, key=len, reverse=True)))


def _digraph(m: re.Match[str]) -> str:
    return _DIGRAPH_MAP[m.group(0)]


VOWELS = frozenset("aeiouwy")
MIN_SKELETON = 2


# The skeleton additionally treats every spelling of "ch"/"tsh" as one sibilant (Arabic script
# writes Russian ч as تش or ش), v as f (Arabic has no v and writes ف: Vanessa -> fanysa), and
# a European c as k (Victor -> fyktwr); Turkish c = j is left to the phonetic form.
# Hebrew writes v with ו (vav), so for a Hebrew spelling v is a semi-vowel like w.
_SKELETON_EXTRA = str.maketrans({"C": "s", "v": "f"})
_SKELETON_HEBREW = str.maketrans({"C": "s", "v": "w"})


@lru_cache(maxsize=500_000)
def skeleton(token: str, hebrew: bool = False) -> str:
    """The consonant skeleton of an ASCII token ('' when too short to be evidence)."""
    text = token
    if text.endswith("h") and len(text) > 3 and text[-2] in "aeiou":
        text = text[:-1]
    text = text.replace("tsh", "C").replace("ch", "C").replace("ck", "k").replace("c", "k")
    text = _DIGRAPH_RE.sub(_digraph, text).translate(
        _SKELETON_HEBREW if hebrew else _SKELETON_EXTRA
    )
    out: list[str] = []
    for char in text:
        if char.isdigit():
            return ""
        if char in VOWELS:
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    result = "".join(out)
    return result if len(result) >= MIN_SKELETON else ""


# Hebrew letters whose romanisation (ICU: ח -> h, כ -> k) is only one of the Latin spellings
# they stand for: ח is also ch/kh (Burchik, -ovich: skeleton s, h), כ is also kh (h).
HEBREW_SKELETON_ALTERNATIVES = {"h": "s", "k": "h"}
MAX_SKELETON_VARIANTS = 8


def hebrew_skeleton_variants(skel: str) -> set[str]:
    """Skeletons of the Latin spellings a Hebrew token's skeleton can stand for (itself included)."""
    out = {""}
    for char in skel:
        alternative = HEBREW_SKELETON_ALTERNATIVES.get(char)
        out = {v + char for v in out} | ({v + alternative for v in out} if alternative else set())
        if len(out) > MAX_SKELETON_VARIANTS:  # a long name of many ח/כ: only the ICU reading
            return {skel}
    # Two ח in a row read as ch + ch collapse like any repeated consonant.
    return {"".join(c for i, c in enumerate(v) if i == 0 or v[i - 1] != c) for v in out}


@lru_cache(maxsize=500_000)
def phonetic_form(token: str) -> str:
    """The token with the skeleton's consonant rules but vowels kept in two classes.

    Compared by edit distance, this tolerates romanisation (Cihat ~ jihad, Yağmur ~ yaghmour,
    Dzhikhad ~ jihad) without the skeleton's blindness to vowels (Stewart vs Saderat).
    """
    text = token
    if text.endswith("h") and len(text) > 3 and text[-2] in "aeiou":
        text = text[:-1]
    text = _DIGRAPH_RE.sub(_digraph, text).translate(_VOWEL_CLASS).lower()
    out: list[str] = []
    for char in text:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


SYMBOLS_FILE = Path(__file__).parent / "data" / "name_symbols.tsv.gz"


@lru_cache(maxsize=1)
def symbol_table() -> dict[str, frozenset[str]]:
    """word -> Wikidata name items it shares with another spelling (see build_symbols.py)."""
    table: dict[str, frozenset[str]] = {}
    with gzip.open(SYMBOLS_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, items = line.rstrip("\n").partition("\t")
            table[word] = frozenset(items.split(","))
    return table


SYMBOL_MIN_LENGTH = 4  # short romanised syllables (min, bin, li) share items across languages


def name_symbols(token: str) -> frozenset[str]:
    """Wikidata name items rigour's person-name tagger assigns to this token (precomputed)."""
    if len(token) < SYMBOL_MIN_LENGTH:
        return frozenset()
    return symbol_table().get(token, frozenset())


PHONETIC_FACTOR = 0.95
SHORT_WORD = 4
SHORT_WORD_PENALTY = 0.15  # a spelling that only agrees after the phonetic rules is not identical
# In a word of one or two syllables the phonetic rules erase what tells names apart (ye/yi,
# le/lee, lu/lo are different surnames): phonetic equality counts only up to this, unless one
# side was written in an abjad, which has no short vowels to tell them apart.
TINY_WORD = 3
TINY_PHONETIC = 0.75
SKELETON_FACTOR = 0.85
SKELETON_CAP = 0.85  # consonants agree, long vowels do not
SHORT_SKELETON_CAP = 0.8


# Words written joined to the next one in some spellings (Alnajdi = al-Najdi, Ibnhayan = Ibn
# Hayan, Abumustafa = Abu Mustafa).
JOINED_PREFIXES = ("al", "el", "ul", "ibn", "bin", "abu", "abd")
JOINED_SIM = 0.92


_PREFIX_STARTS = frozenset(p[0] for p in JOINED_PREFIXES)


@lru_cache(maxsize=200_000)  # called twice for every pair of tokens compared
def strip_joined_prefix(token: str) -> str | None:
    """The word after a particle written joined to it, if there is one of 3+ letters."""
    if not token or token[0] not in _PREFIX_STARTS:
        return None
    for prefix in JOINED_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            return token[len(prefix) :]
    return None


def _joined(a: str, b: str) -> bool:
    rest = strip_joined_prefix(a)
    if rest is None:
        return False
    # Sun-letter assimilation doubles the consonant: ashshami = ash-Shami.
    return rest == b or (rest[0] == rest[1] and rest[1:] == b) if len(rest) > 1 else rest == b


ABJAD_FIT = 0.95  # the abjad spelling fits the other letter by letter
ABJAD_SHORT_FIT = 0.85  # ... but has fewer than three consonants


# Hebrew letters that stand for several Latin spellings: ח (h) is also kh/ch (Mikhail, -ovich),
# כ (k) is also kh, צ (z) is ts/tz (Tsekov).
HEBREW_LETTERS = {"h": "[hc]", "k": "[kh]", "z": "(?:z|ds|j|s)"}


@lru_cache(maxsize=200_000)
def abjad_pattern(token: str, hebrew: bool = False) -> re.Pattern[str] | None:
    """A pattern for alphabetic spellings an abjad spelling can stand for (phonetic forms).

    An abjad writes consonants and long vowels only: short vowels may be inserted anywhere;
    alif (a) may be a, i or u or nothing; waw (v after phonetic_form) is v, u or o (u); ya (i)
    stays i (e and y fold to i); a final h may be silent (ta marbuta, Hebrew final he).
    """
    form = phonetic_form(token)
    if not form:
        return None
    parts = ["^[aiu]*"]
    for i, char in enumerate(form):
        if char == "a":
            parts.append("[aiu]?")
        elif char == "v":
            parts.append("[vu]")
        elif char == "f":  # Arabic has no v and writes ف
            parts.append("[fv]")
        elif char == "b":  # Hebrew ב is b or v
            parts.append("[bv]")
        elif char == "h" and i == len(form) - 1 and i > 1:
            parts.append("[hc]?" if hebrew else "h?")
        elif hebrew and char in HEBREW_LETTERS:
            parts.append(HEBREW_LETTERS[char])
        else:
            parts.append(re.escape(char))
        parts.append("[aiu]*")
    parts.append("$")
    return re.compile("".join(parts))


def abjad_fit(abjad_token: str, other: str, hebrew: bool = False) -> float:
    """How well an abjad spelling fits an alphabetic one: all its letters, in order."""
    pattern = abjad_pattern(abjad_token, hebrew)
    if pattern is None or not pattern.match(phonetic_form(other)):
        return 0.0
    consonants = sum(1 for c in phonetic_form(abjad_token) if c not in "aiuv")
    return ABJAD_FIT if consonants >= 3 else ABJAD_SHORT_FIT


@lru_cache(maxsize=200_000)  # called for every abjad pair; tokens recur across pairs
def _vowel_share(token: str) -> float:
    return sum(1 for c in token if c in "aeiou") / max(len(token), 1)


def spelling_similarity(a: str, b: str, abjad: str = "") -> float:
    """Similarity in [0, 1] of two ASCII name tokens as spellings of the same name part.

    The best of: edit similarity (OSA, transpositions count once); edit similarity of the
    phonetic forms, discounted; and, when one side was written in an abjad ("arabic" or
    "hebrew"), similarity of the consonant skeletons, discounted more (an abjad spelling has
    nothing else to compare).
    """
    if a == b:
        return 1.0
    if _joined(a, b) or _joined(b, a):
        return JOINED_SIM
    sim = OSA.normalized_similarity(a, b)
    pa, pb = phonetic_form(a), phonetic_form(b)
    if pa == pb:
        tiny = (
            not abjad and max(len(a), len(b)) <= TINY_WORD
        )  # an abjad spelling has no vowels to tell
        sim = max(sim, TINY_PHONETIC if tiny else PHONETIC_FACTOR)
    else:
        sim = max(sim, PHONETIC_FACTOR * OSA.normalized_similarity(pa, pb))
        if max(len(a), len(b)) <= SHORT_WORD:
            # One letter of a 3-4 letter word (dong/song, wang/yang) is another name.
            sim -= SHORT_WORD_PENALTY
    if abjad and sim < ABJAD_FIT:  # the abjad fit and skeleton never exceed ABJAD_FIT
        # The abjad spelling is the one with fewer vowel letters.
        hebrew = abjad == "hebrew"
        if _vowel_share(a) <= _vowel_share(b):
            fit = abjad_fit(a, b, hebrew)
        else:
            fit = abjad_fit(b, a, hebrew)
        sa, sb = skeleton(a, hebrew), skeleton(b, hebrew)
        if sa and sb:
            # Same consonants but the long vowels disagree (Hussein/Hassan): weaker.
            skel = SKELETON_FACTOR * OSA.normalized_similarity(sa, sb)
            skel = min(skel, SHORT_SKELETON_CAP if min(len(sa), len(sb)) < 3 else SKELETON_CAP)
            fit = max(fit, skel)
        sim = max(sim, fit)
    return sim
