"""Homoglyph folding: look-alike letters of other scripts inside Latin words, and Latin inside Cyrillic.

Evasion pastes a Cyrillic "і" or "о" into a Latin name ("Jіhad Yaghmоur") so that exact and
transliterating matchers see a different word. Within one token we decide the intended script by
majority of letters and map the minority letters through a look-alike table (pairs taken from the
Unicode confusables data, restricted to letters that are visually identical in common fonts).
Folding happens before case folding because case decides the look-alike (Greek "Η" looks like H,
"η" like n).

Evasion uses other scripts too (Armenian օ, Cherokee Ꭵ, Lisu ꓳ, Coptic Ⲙ, Hebrew ן) and Latin
letters no romanisation reads (ɑ, ꭎ): in a word mostly Latin, such a letter becomes the ASCII
letter Unicode's confusables (UTS #39, ICU's skeleton) say it is drawn like.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import icu

from embargo.names.translit import letter_ascii

# Cyrillic / Greek letter -> Latin look-alike.
TO_LATIN: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ё": "e", "ї": "i",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x",
    "ε": "e", "β": "b", "γ": "y", "η": "n", "σ": "o",
}  # fmt: skip

# Latin letter -> Cyrillic look-alike (for Latin letters pasted into Cyrillic words).
TO_CYRILLIC: dict[str, str] = {
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р", "C": "С",
    "T": "Т", "Y": "У", "X": "Х", "I": "І",
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і", "k": "к",
}  # fmt: skip


def letter_script(char: str) -> str | None:
    """'Latin', 'Cyrillic', 'Greek', 'Other', or None for a non-letter."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.title()
    return "Other"


_SPOOF = icu.SpoofChecker()


@cache  # bounded by Unicode; a few hundred letters in practice
def confusable_latin(char: str) -> str | None:
    """The ASCII letter a character is drawn like by Unicode's confusables, if one; None for a
    Latin letter a romanisation reads (é, ø, ı are letters of their own, not disguises)."""
    if char.isascii() or not char.isalpha():
        return None
    if letter_script(char) == "Latin" and letter_ascii(char):
        return None
    skeleton = _SPOOF.getSkeleton(0, char)
    return skeleton if len(skeleton) == 1 and skeleton.isascii() and skeleton.isalpha() else None


def _latin_look_alike(char: str) -> str:
    return TO_LATIN.get(char) or confusable_latin(char) or char


@lru_cache(maxsize=100_000)
def fold_homoglyphs(token: str) -> str:
    """Map look-alike letters of a mixed-script token to the token's majority script."""
    if token.isascii():
        return token
    counts: dict[str, int] = {}
    for char in token:
        script = letter_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    latin = counts.get("Latin", 0)
    foreign = counts.get("Cyrillic", 0) + counts.get("Greek", 0)
    if latin and latin >= foreign + counts.get("Other", 0):
        folded = "".join(_latin_look_alike(c) for c in token)
        return token if folded == token else folded  # (the cache keeps one copy)
    if not latin or not foreign:
        return token
    if counts.get("Cyrillic", 0) >= counts.get("Greek", 0):
        return "".join(TO_CYRILLIC.get(c, c) for c in token)
    return token
