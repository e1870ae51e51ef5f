"""Homoglyph folding: Cyrillic/Greek look-alike letters inside Latin words, and Latin inside Cyrillic.

Evasion pastes a Cyrillic "і" or "о" into a Latin name ("Jіhad Yaghmоur") so that exact and
transliterating matchers see a different word. Within one token we decide the intended script by
majority of letters and map the minority letters through a look-alike table (pairs taken from the
Unicode confusables data, restricted to letters that are visually identical in common fonts).
Folding happens before case folding because case decides the look-alike (Greek "Η" looks like H,
"η" like n).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

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
    if not latin or not foreign:
        return token
    if latin >= foreign:
        return "".join(TO_LATIN.get(c, c) for c in token)
    if counts.get("Cyrillic", 0) >= counts.get("Greek", 0):
        return "".join(TO_CYRILLIC.get(c, c) for c in token)
    return token
