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
   Spellings written in an abjad (Arabic, Hebrew: names.text marks them) are compared by
   `abjad_spelling` instead: the letters written, in order, with short vowels free between them
   but the vowels an abjad writes (word-initial and -final ones, alif) required; Hebrew is
   read back letter by letter from translit's table (`hebrew_spelling`), and an Arabic article
   written joined (الرزاق) may be left out. Baltic nominative endings (Putinas, Putins) and a
   European c (Ricardo = Рикардо) are two more spelling rules. The rules that compare two
   tokens by these keys (`spelling_similarity`, `abjad_similarity`) are compiled, in
   names.spelling; this module makes what they read of each token.
2. `name_symbols(token)`: the Wikidata given/family-name items rigour tags a token with
   (Muhammad, Mohammed, Mohamed share Q5837762; Husayn, Hussein share Q1164078). Two tokens
   sharing one is a curated spelling equivalence. Precomputed into data/name_symbols.tsv.gz by
   build_symbols.py, because rigour's tagger takes seconds to load in every process.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

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
    # Hungarian and Polish orthography: cs is ch, gy a palatal d (Russian ди, дь), sz s:
    # Vlagyimir Vlagyimirovics = Vladimir Vladimirovich, Szergej = Sergey.
    ("cs", "C"),
    ("gy", "d"),
    ("sz", "s"),
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
    """The consonant skeleton of an ASCII token ('' when too short to be evidence).

    With hebrew=True, of a Latin spelling as Hebrew letters would write it (v as the vowel
    letter ו); a Hebrew spelling itself: hebrew_skeleton.
    """
    text = token
    if text.endswith("h") and len(text) > 3 and text[-2] in "aeiou":
        text = text[:-1]
    text = text.replace("tsh", "C").replace("ch", "C").replace("ck", "k").replace("c", "k")
    text = _DIGRAPH_RE.sub(_digraph, text).translate(
        _SKELETON_HEBREW if hebrew else _SKELETON_EXTRA
    )
    return _consonants(text)


def _consonants(text: str) -> str:
    # A doubled letter is one consonant (Hassan, shadda), but the same consonant twice across
    # a vowel is written twice by an abjad too (Aruri: ارور).
    out: list[str] = []
    previous = ""
    for char in text:
        if char.isdigit():
            return ""
        if char not in VOWELS and char != previous:
            out.append(char)
        previous = char
    result = "".join(out)
    return result if len(result) >= MIN_SKELETON else ""


# Skeleton letters of the letters of a Hebrew romanisation (translit.HEBREW_LATIN), each read
# on its own: joined, ICU-style digraph rules would merge two letters (טז "tz" is not j).
HEBREW_SKELETON_LETTERS = {
    "a": "a", "w": "w", "y": "y", "ch": "h", "t": "d", "th": "d", "dh": "d", "p": "b", "q": "k",
    "ts": "ds", "sh": "s", "zh": "zh",
}  # fmt: skip


@lru_cache(maxsize=200_000)
def hebrew_skeleton(token: str) -> str:
    """The consonant skeleton of a Hebrew spelling, letter by letter (see hebrew_letters)."""
    letters = hebrew_letters(token)
    return _consonants("".join(HEBREW_SKELETON_LETTERS.get(c, c) for c in letters))


# Hebrew letters whose skeleton letter (ח -> h, כ -> k) is only one of the Latin spellings
# they stand for: ח is also ch (Burchik, -ovich: skeleton s), כ is also kh (h), ב/פ (b) are
# also v/f (Latin skeletons write v as f), ג and ז are also j and zh (a geresh dropped: see
# HEBREW_LETTERS).
HEBREW_SKELETON_ALTERNATIVES = {"h": "s", "k": "h", "b": "f", "g": "j", "z": "zh"}
MAX_SKELETON_VARIANTS = 16


def hebrew_skeleton_variants(skel: str) -> set[str]:
    """Skeletons of the Latin spellings a Hebrew token's skeleton can stand for (itself included)."""
    out = {""}
    for char in skel:
        alternative = HEBREW_SKELETON_ALTERNATIVES.get(char)
        out = {v + char for v in out} | ({v + alternative for v in out} if alternative else set())
        if len(out) > MAX_SKELETON_VARIANTS:  # a long name of many ח/כ: only the ICU reading
            return {skel}
    if len(skel) > 2 and skel[-1] == "h":  # a final ח/ה (Saleh) Latin may leave silent
        out |= {v[:-1] for v in out}
    # Two ח in a row read as ch + ch collapse like any repeated consonant.
    return {"".join(c for i, c in enumerate(v) if i == 0 or v[i - 1] != c) for v in out}


@lru_cache(maxsize=500_000)
def phonetic_form(token: str) -> str:
    """The token with the skeleton's consonant rules but vowels kept in two classes.

    Compared by edit distance, this tolerates romanisation (Cihat ~ jihad, Yağmur ~ yaghmour,
    Dzhikhad ~ jihad) without the skeleton's blindness to vowels (Stewart vs Saderat).
    """
    return _collapse(_phonetic_letters(token), "")


_FINAL_F = re.compile("f+$")


def _phonetic_letters(token: str) -> str:
    text = token
    if text.endswith("h") and len(text) > 3 and text[-2] in "aeiou":
        text = text[:-1]
    text = _DIGRAPH_RE.sub(_digraph, text).translate(_VOWEL_CLASS).lower()
    # Final devoicing makes a final v an f (Russian Лавров, Greek Λαβρόφ, German -off): as
    # t -> d and p -> b above, one letter for both.
    return _FINAL_F.sub("v", text) if len(text) > 3 else text


def _collapse(text: str, keep: str) -> str:
    """Repeated letters once, except those in `keep`."""
    out: list[str] = []
    for char in text:
        if not out or out[-1] != char or char in keep:
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


# Turkish forms of Arabic given names that spelling rules cannot reach: Turkish vowel harmony
# writes the Arabic a as e and a final b as p (Zaynab is Zeynep, Rajab Recep, Amina Emine), and
# Muhammad became Mehmet. Each is the Turkish form its Wikipedia/Wikidata entry names; rigour's
# name items do not join them (Mehmet has an item of its own).
TURKISH_FORMS = {
    "mehmet": "muhammad", "mehmed": "muhammad", "muhammet": "muhammad", "recep": "rajab",
    "zeynep": "zaynab", "emine": "amina", "hatice": "khadija", "ayse": "aisha",
    "osman": "uthman", "rukiye": "ruqayya", "sumeyye": "sumayya", "tayyip": "tayyib",
}  # fmt: skip
_TURKISH_ORIGINS = frozenset(TURKISH_FORMS.values())


def name_symbols(token: str) -> frozenset[str]:
    """Wikidata name items rigour's person-name tagger assigns to this token (precomputed),
    and for a Turkish form (TURKISH_FORMS) those of the Arabic name, which shares a symbol of
    its own with it."""
    if len(token) < SYMBOL_MIN_LENGTH:
        return frozenset()
    symbols = symbol_table().get(token, frozenset())
    origin = TURKISH_FORMS.get(token)
    if origin is not None:
        symbols = symbols | symbol_table().get(origin, frozenset()) | {f"tr:{origin}"}
    elif token in _TURKISH_ORIGINS:
        symbols = symbols | {f"tr:{token}"}
    return symbols


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


@lru_cache(maxsize=200_000)
def joined_rests(token: str) -> tuple[str, ...]:
    """The words a token is, written with a particle joined to it: alnajdi is najdi, and with
    the sun-letter assimilation that doubles the consonant, ashshami is shami too."""
    rest = strip_joined_prefix(token)
    if rest is None:
        return ()
    if rest[0] == rest[1]:
        return (rest, rest[1:])
    return (rest,)


ABJAD_FIT = 0.95  # the abjad spelling fits the other letter by letter
ABJAD_SHORT_FIT = 0.85  # ... but has fewer than three consonants
# The scorer and expand() skip spelling_similarity for alphabetic pairs, not joined, whose raw
# edit similarity is below this and phonetic one below PHONETIC_ALIGNABLE (index.edits): rules
# beyond those two for such pairs only raise a pair that is already at least this similar.
ALIGNABLE = 0.55
# The phonetic edit similarity under which the phonetic rule (PHONETIC_FACTOR times it) stays
# under ALIGNABLE: 0.5789 on paper, a little less for floating point.
PHONETIC_ALIGNABLE = 0.57


# The Latin spellings (as phonetic forms) each letter of a Hebrew romanisation (translit.
# HEBREW_LATIN) stands for. Hebrew tokens are read letter by letter, not through phonetic_form,
# whose digraphs would join two Hebrew letters into one sound (טז "tz" is not j).
# ח (ch) is also kh and h; כ/ק (k, q) also kh, ch and a European c (Carlos); ב (b) is b or v
# and פ (p) p or f; ז (z) is also an s between vowels; צ (ts) is ts, tz, z or a Slavic c
# (Cvetic); ת/ט (t) is t or th; ש (sh) is sh or s. ג is g, and j too: the formal ג׳ (with a
# geresh) is j, but everyday Hebrew spelling of foreign names drops the geresh (גוליו Julio,
# גוזה Jose, ג'ורג' or גורג George); so is ז z and zh (ז׳ without it: זרקו Zharko, זנג Zhang).
HEBREW_LETTERS = {
    "b": "[bvf]", "g": "[gj]", "d": "d", "h": "h", "ch": "[hc]", "w": "[vu]", "z": "(?:zh?|s)",
    "t": "d", "y": "i", "k": "[khjc]", "q": "[khjc]", "p": "[bvf]", "f": "[fv]", "s": "s",
    "sh": "s", "ts": "(?:ds|j|z|s)", "j": "j", "zh": "zh?", "th": "d", "dh": "d",
}  # fmt: skip
# tsh is ט + ש (t, sh) rather than צ + ה: a medial ה after צ is rarer.
HEBREW_UNITS = re.compile("t(?=sh)|sh|ts|zh|ch|th|dh|.")
HEBREW_VOWEL_LETTERS = frozenset("awy")


def hebrew_letters(token: str) -> list[str]:
    """A Hebrew romanisation split back into its letters (sh, ts ... are one letter)."""
    return HEBREW_UNITS.findall(token)


def _vowel_needed(letters: list[str] | str, i: int, vowel_letters: str = "wyvi") -> bool:
    """Whether the alif/alef at position i is a vowel of its own: not a word-initial carrier
    of the waw/ya after it (او, או for o; اي for i), nor a final one after them (-iya, -ie)."""
    if i == 0 and len(letters) > 1 and letters[1] in vowel_letters:
        return False
    return not (i > 0 and i == len(letters) - 1 and letters[i - 1] in vowel_letters)


@lru_cache(maxsize=200_000)
def hebrew_spelling(token: str) -> AbjadSpelling | None:
    """abjad_spelling for a Hebrew spelling, read letter by letter.

    Hebrew writes a vowel at either end of a word with a letter (א/ע/ה for a and e, י for i,
    ו for o and u): a Latin vowel there needs its letter. Inside the word short vowels are left
    out, but alef (a) is a vowel that Latin writes too, unless it only carries the vowel of the
    ו or י next to it (או for o, -יה for -iya).
    """
    letters = hebrew_letters(token)
    if not letters:
        return None
    last = len(letters) - 1

    def letter_class(i: int, letter: str) -> str:
        if letter == "a":
            return "[aiu]" if _vowel_needed(letters, i) else "[aiu]?"
        if letter == "ch" and i == last and i > 1:
            return "[hc]?"
        if letter == "m" and i < last and letters[i + 1] in ("b", "p"):
            return "m?"  # phonetic_form reads Latin mb as b (Greek μπ)
        return HEBREW_LETTERS.get(letter, re.escape(letter))

    # Hebrew writes a final vowel with a letter: nothing may follow the last one.
    return _spelling(letters, letters[0] in HEBREW_VOWEL_LETTERS, letter_class, False)


SHORT_VOWELS = frozenset("aiu")  # the vowels of phonetic forms, free between abjad letters
# Pattern text whose letters are exactly the characters it can match: no escapes, ranges,
# negations or wildcards (AbjadSpelling.admits relies on it).
_PLAIN_PATTERN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789[]()?:|*")


@lru_cache(maxsize=1024)  # a few dozen distinct letter classes
def _class_facts(letter_class: str) -> tuple[frozenset[str], bool, bool] | None:
    """The characters a letter class can match (a superset), whether it can match nothing,
    and whether it always matches a consonant (a character outside SHORT_VOWELS); None for
    a class whose text does not list the characters it matches."""
    if not set(letter_class) <= _PLAIN_PATTERN:
        return None
    chars = frozenset(c for c in letter_class if c.isalnum())
    empty = re.fullmatch(letter_class, "") is not None
    return chars, empty, not empty and not chars & SHORT_VOWELS


@lru_cache(maxsize=200_000)
def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source)


class AbjadSpelling:
    """The pattern of Latin spellings an abjad spelling can stand for (see _spelling), with
    cheap facts every match must agree with: the characters it can match, those it can start
    and end with, and how many consonants it needs. Most Latin tokens an abjad token is
    compared with fail those checks, and compiling a pattern costs far more (~100 µs) than the
    checks of all its comparisons: it is compiled only for a reading that passes them. The
    compiled rules (names.spelling) read the pattern as an automaton instead (a few µs)."""

    __slots__ = ("source", "chars", "first", "last", "consonants", "_pattern")

    def __init__(self, classes: Sequence[str], opening_vowel: bool, closing_vowel: bool) -> None:
        parts = ["^[aiu]*" if opening_vowel else "^"]
        for i, letter_class in enumerate(classes):
            if i:
                parts.append("[aiu]*")
            parts.append(letter_class)
        parts.append("[aiu]*$" if closing_vowel else "$")
        self.source = "".join(parts)
        self._pattern: re.Pattern[str] | None = None
        self.chars: frozenset[str] | None = None  # None: no checks, the pattern decides
        self.first: frozenset[str] = frozenset()
        self.last: frozenset[str] = frozenset()
        self.consonants = 0
        facts = [f for c in classes if (f := _class_facts(c)) is not None]
        if not classes or len(facts) < len(classes):
            return
        self.chars = SHORT_VOWELS.union(*(chars for chars, _, _ in facts))
        self.consonants = sum(1 for _, _, consonant in facts if consonant)
        self.first = _edge_chars(facts, opening_vowel, closing_vowel)
        self.last = _edge_chars(facts[::-1], closing_vowel, opening_vowel)

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = _compile(self.source)
        return self._pattern

    def admits(self, reading: str) -> bool:
        """False only if the pattern cannot match the reading (True does not mean it does)."""
        if self.chars is None or not reading:
            return True
        return (
            reading[0] in self.first
            and reading[-1] in self.last
            and self.chars.issuperset(reading)
            and len(reading) - reading.count("a") - reading.count("i") - reading.count("u")
            >= self.consonants
        )

    def matches(self, reading: str) -> bool:
        return self.admits(reading) and self.pattern.match(reading) is not None


def _edge_chars(
    facts: Sequence[tuple[frozenset[str], bool, bool]], vowel_before: bool, vowel_after: bool
) -> frozenset[str]:
    """The characters a match can start with (facts in order) or end with (facts reversed):
    a free vowel before the first class, those of each class up to the first that cannot match
    nothing, and the free vowels between and after classes that matched nothing."""
    out: set[str] = set(SHORT_VOWELS) if vowel_before else set()
    for i, (chars, empty, _) in enumerate(facts):
        if i:
            out |= SHORT_VOWELS
        out |= chars
        if not empty:
            return frozenset(out)
    return frozenset(out | SHORT_VOWELS if vowel_after else out)


def _spelling(
    letters: Sequence[str],
    opening_vowel: bool,
    letter_class: Callable[[int, str], str],
    closing_vowel: bool,
) -> AbjadSpelling:
    """Letter classes joined by optional short vowels [aiu]*, anchored at both ends; a vowel
    may open the word only where its first letter can write one, close it only if allowed."""
    classes = [letter_class(i, letter) for i, letter in enumerate(letters)]
    return AbjadSpelling(classes, opening_vowel, closing_vowel)


ABJAD_VOWEL_LETTERS = frozenset("aiv")  # alif/ayin, ya, waw (in phonetic forms)
ABJAD_VOWELS = frozenset("aiuvwy")  # letters of either romanisation that may write a vowel


# Letters an Arabic romanisation keeps apart in its phonetic form for abjad_spelling: upper
# case, phonetic_form's rules pass them by, and they come out as letters phonetic forms
# otherwise never have (t is d there, x is ks, e is i).
_ABJAD_TH, _ABJAD_DH, _ABJAD_FINAL_YA = "t", "x", "e"
_ABJAD_MARKS = re.compile("th|dh|dz|e$")
_ABJAD_MARK = {
    "th": _ABJAD_TH.upper(),
    "dh": _ABJAD_DH.upper(),
    "dz": _ABJAD_DH.upper(),
    "e": _ABJAD_FINAL_YA.upper(),
}


def _mark_abjad_letters(token: str) -> str:
    """An Arabic romanisation with ث, ذ, ض, ظ and a final ى marked (see ABJAD_LETTERS)."""
    return _ABJAD_MARKS.sub(lambda m: _ABJAD_MARK[m.group(0)], token)


def abjad_letters(token: str) -> str:
    """The phonetic form of an Arabic romanisation, ض and ظ (dz) one letter as written."""
    return phonetic_form(token.replace("dz", "d"))


@lru_cache(maxsize=200_000)
def abjad_spelling(token: str, hebrew: bool = False) -> AbjadSpelling | None:
    """The alphabetic spellings an abjad spelling can stand for (phonetic forms).

    An abjad writes consonants and long vowels only: short vowels may be inserted between
    letters; alif (a) may be a, i or u or nothing; waw (v after phonetic_form) is v, u or o (u);
    ya (i) stays i (e and y fold to i); a final h may be silent (ta marbuta). A vowel at the
    start of a word is always written (with alif, ayin, waw or ya): a Latin vowel there needs
    its letter; and an alif is a vowel Latin writes too, unless it carries the vowel of a waw
    or ya next to it. Hebrew: hebrew_spelling.
    """
    if hebrew:
        return hebrew_spelling(token)
    # تش writes a foreign ch (Chizhov, -ovich) as well as t + sh (Mohtasham): c is either.
    # ث (th), ذ (dh), ض and ظ (dz, see translit.ARABIC_FOLD) and a final ى (e) keep letters of
    # their own through phonetic_form, which would make th and dh a d and e an i.
    form = phonetic_form(_mark_abjad_letters(token.replace("tsh", "ch")))
    if not form:
        return None
    last = len(form) - 1

    def letter_class(i: int, char: str) -> str:
        if char == "a":
            return "[aiu]" if _vowel_needed(form, i) else "[aiu]?"
        if char == "h" and i == last and i > 1:
            return "h?"
        return ABJAD_LETTERS.get(char) or re.escape(char)

    return _spelling(form, form[0] in ABJAD_VOWEL_LETTERS, letter_class, True)


# Latin spellings of one abjad letter (in its phonetic form).
ABJAD_LETTERS = {
    "v": "[vu]",
    "f": "[fv]",  # Arabic has no v and writes ف
    "b": "[bv]",  # Arabic ب is also a Persian p
    "j": "(?:j|zh|g)",  # ج: zh, which Arabic lacks (Chizhov), and g in Egypt (Gamal, Maged)
    "c": "(?:c|d[aiu]*s)",
    # ك is the Persian گ where a keyboard lacks it (كل Gul), ق a g in the Maghreb and the Gulf
    # (قاسمي Gasmi, قاسم Gasim).
    "k": "[kg]",
    # Turkish, Persian and Urdu say ث as s (ثاقب Saqib, Uthman/Osman) and ذ, ض, ظ as z (نذیر
    # Nazir, فضل Fazl, كاظم Kazim); Arabic as th/t and dh/d (phonetic d).
    _ABJAD_TH: "[ds]",
    _ABJAD_DH: "[dz]",
    _ABJAD_FINAL_YA: "[ai]",  # a final ى: Musa or Haqqani (translit.ARABIC_FINAL_YA)
}

# A European c is k before a, o, u and consonants and s before e, i, y (Carlos, Cesar), where
# phonetic_form reads it as the Turkish c (j: Cihat). An abjad writes the sound, so both
# readings of a Latin c are tried against an abjad spelling.
_EUROPEAN_C = ((re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"c(?![hk])"), "k"))


@lru_cache(maxsize=200_000)
def european_form(token: str) -> str:
    """phonetic_form with a c read as k or s (Carlos, Cesar), not j."""
    european = token
    for pattern, repl in _EUROPEAN_C:
        european = pattern.sub(repl, european)
    return phonetic_form(european)


def latin_readings(token: str) -> tuple[str, ...]:
    """Phonetic forms of an alphabetic token as an abjad writer may have heard it."""
    forms = [phonetic_form(token)]
    if "c" in token and european_form(token) != forms[0]:
        forms.append(european_form(token))
    # Two vowels in a row may be two letters of the abjad (חמינאי, Khamenei: e-i as alef-yod),
    # which phonetic_form's collapse (ii -> i) would leave one short of.
    vowels = _collapse(_phonetic_letters(token), "aiu")
    if vowels not in forms:
        forms.append(vowels)
    return tuple(forms)


# The other letters an Arabic romanisation's letters may be read as, by the index's keys
# (the spelling pattern reads them so already: ABJAD_LETTERS).
ARABIC_ALTERNATIVES = (("dz", "z"), ("dz", "d"), ("dh", "z"), ("th", "s"), ("k", "g"), ("q", "g"))


@lru_cache(maxsize=100_000)
def arabic_spellings(token: str) -> tuple[str, ...]:
    """An Arabic romanisation and its spellings with ض/ظ (dz) read as z or d, ذ as z, ث as s,
    ك and ق as g (every occurrence alike), for looking its listed spellings up by key: Fazl
    and Fadl for فضل (fdzl)."""
    out = [token]
    for written, said in ARABIC_ALTERNATIVES:
        if written in token:
            out += [spelling.replace(written, said) for spelling in out]
    return tuple(dict.fromkeys(out))


SKELETON_ENDS_CAP = 0.7  # consonants agree, but not the vowels an abjad writes at either end


# ICU writes غ ش ث خ چ as gh sh th kh ch; a final dh or zh is more often د/ز + a silent ه
# (Persian -zadeh, زاده) than ذ or ژ.
ARABIC_H_DIGRAPHS = frozenset("gstkc")


ABJAD_ARTICLE = "al"  # Arabic writes the article joined to its word (الرزاق): al + razzaq
MIN_ARTICLE_REST = 3


def abjad_article_rest(token: str) -> str | None:
    """The word after an article an abjad spelling has joined to it, if any."""
    if token.startswith(ABJAD_ARTICLE) and len(token) - len(ABJAD_ARTICLE) >= MIN_ARTICLE_REST:
        return token[len(ABJAD_ARTICLE) :]
    return None


# Lithuanian and Latvian give every masculine name a nominative ending, foreign ones too:
# Putin is Putinas (lt) and Putins (lv), Vladimir Vladimiras/Vladimirs.
DECLENSION_ENDINGS = ("as", "is", "ys", "us", "s")
MIN_STEM = 4
DECLINED_SIM = 0.9


@lru_cache(maxsize=200_000)
def declension_stem(token: str) -> str | None:
    """The name a Baltic nominative ending was added to, if the token has one."""
    for ending in DECLENSION_ENDINGS:
        stem = token[: -len(ending)]
        if token.endswith(ending) and len(stem) >= MIN_STEM and stem[-1] not in VOWELS:
            return stem
    return None


def _vowel_share(token: str) -> float:
    return sum(1 for c in token if c in "aeiou") / max(len(token), 1)


# Serbian and Croatian Latin writes the Cyrillic ц ч ћ ш ж џ х ј as c č ć š ž dž h j, and the
# lists drop the marks (Шаренац: SARENAC, Ивица: IVICA, Караџић: KARADZIC), where a Russian-style
# romanisation of the same Cyrillic, or of its Russian spelling, writes ts ch sh zh dzh kh y
# (sharenats, ivitsa, karadzhich). Read in that order, shch (щ) is sc.
SLAVIC_LATIN = (
    ("dzh", "dz"), ("sh", "s"), ("zh", "z"), ("ch", "c"), ("ts", "c"), ("kh", "h"), ("y", "j"),
)  # fmt: skip
# The Slavic reading is for words of this many letters or more: in shorter ones it would
# merge different Chinese syllables (chen and cen, zhang and zang).
SLAVIC_MIN = 6


@lru_cache(maxsize=200_000)
def slavic_latin(token: str) -> str:
    """A token as Serbian and Croatian Latin spell its Cyrillic, marks dropped (SLAVIC_LATIN):
    sharenats, stanishich and zhuplyanin read as sarenac, stanisic and zupljanin."""
    for written, latin in SLAVIC_LATIN:
        if written in token:
            token = token.replace(written, latin)
    return token


@lru_cache(maxsize=200_000)
def turkish_form(token: str) -> str:
    """phonetic_form with th read as s and dh as z, as Turkish, Persian and Urdu say the Arabic
    ث and ذ: Osman is Uthman, Husi Houthi, Nihaz Nihadh, Sabit Thabit, Zakir Dhakir."""
    return phonetic_form(token.replace("th", "s").replace("dh", "z"))
