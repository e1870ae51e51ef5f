"""How common a word is in general language: decides which short names may hit on their own.

General vocabulary is wordfreq's "small" word lists (every word with a frequency of at least one
in a million, i.e. Zipf >= 3) for the languages most listed names and most screened text come
in. A word's commonness is its highest Zipf frequency in any of them, looked up both as written
(lower-cased, native script) and romanised: KAYA is 5.2 (Turkish "rock"), HAMAS 3.9, PKK 4.7.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import wordfreq

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "tr", "ru", "uk", "ar", "fa", "id", "pl")

# Zipf 4.2 ≈ 16 uses per million words. Above it a word is ordinary vocabulary (or a very common
# given name) and never hits alone; below it a one-word list name (HAMAS 3.9, TALIBAN 3.7) may.
COMMON_ZIPF = 4.2
# One-word person names (single names, nicknames) and vessel names are far more often someone
# or something else: they must be rarer still.
PERSON_ZIPF = 3.0
VESSEL_ZIPF = 2.5
# Rare: under one use in a million words (and so absent from the "small" lists).
RARE_ZIPF = 3.0
# An acronym written in capitals in mixed-case text (PKK, ISIS, NAJA) may be a little commoner
# than that as a word: capitals are the context that says "name", not "word".
ACRONYM_ZIPF = 5.0


@lru_cache(maxsize=1)
def _frequencies() -> tuple[dict[str, float], ...]:
    return tuple(wordfreq.get_frequency_dict(lang, wordlist="small") for lang in LANGUAGES)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Highest Zipf frequency of `word` in the general vocabularies (0.0 when not listed)."""
    key = word.casefold()
    best = max(freqs.get(key, 0.0) for freqs in _frequencies())
    return math.log10(best) + 9.0 if best > 0 else 0.0


_HARAKAT_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def strip_marks(word: str) -> str:
    """Without Arabic vowel signs and tatweel, as word lists spell words (hamza letters stay)."""
    if word.isascii():
        return word
    return _HARAKAT_RE.sub("", word)


# Arabic proclitics written onto the next word: wa- "and", bi- "with", li- "for", fa-, ka-,
# and the article al-. Word lists hold the bare word; بأيدي is بـ + أيدي ("by hands").
_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


@lru_cache(maxsize=200_000)
def text_zipf(word: str) -> float:
    """Commonness of a word as written in running text (marks and Arabic proclitics off)."""
    bare = strip_marks(word)
    best = zipf(bare)
    if bare[:1] in "وبلفكا" and len(bare) > 3:
        for clitic in _PROCLITICS:
            if bare.startswith(clitic) and len(bare) - len(clitic) >= 3:
                best = max(best, zipf(bare[len(clitic) :]))
    return best


def commonness(*forms: str) -> float:
    """Highest Zipf frequency over the spellings of one token (as written, romanised ...)."""
    return max((zipf(f) for f in forms if f), default=0.0)
