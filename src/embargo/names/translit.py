"""Transliteration of one token from any script to lower-case ASCII, cached per token.

Cyrillic and Greek go through rigour's `maybe_ascii` (a BGN/PCGN-like romanisation: ДЖИХАД ->
dzhihad, Я -> ya), which is closer to how list publishers romanise than ICU's ISO 9 (Я -> â).
Every other script (Arabic, Persian, Hebrew, CJK, Devanagari ...) uses ICU "Any-Latin; Latin-ASCII".
ICU is slow (tens of µs per call), so results are cached by token.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import icu
from rigour._core import maybe_ascii

_LOCAL = threading.local()
NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Ayn/hamza marks and apostrophes are dropped, not split on: Ma'ruf = Maruf, ʿAli = Ali.
APOSTROPHES = re.compile("['`´ʹʻʼʽʾʿˈ‘’′]")


def _icu() -> icu.Transliterator:
    # Transliterator objects are not thread-safe: one per thread.
    trans = getattr(_LOCAL, "trans", None)
    if trans is None:
        trans = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
        _LOCAL.trans = trans
    return trans


# Greek χ romanises as "ch" (ELOT), but in the foreign names lists carry it writes kh or h
# (Χαλίλ = Khalil, Μουχαμμάντ = Muhammad); only before ρ (Χρήστος) is it a Greek "ch".
GREEK_CHI = re.compile("χ(?!ρ)")


@lru_cache(maxsize=500_000)
def to_ascii(token: str) -> str:
    """Lower-case ASCII romanisation of a token; may contain spaces (CJK syllables)."""
    if not token.isascii():
        if "χ" in token:
            token = GREEK_CHI.sub("kh", token)
        text = maybe_ascii(token, False)
        if not text.isascii():
            text = _icu().transliterate(text)
        token = text
    return NON_ALNUM.sub(" ", APOSTROPHES.sub("", token.lower())).strip()
