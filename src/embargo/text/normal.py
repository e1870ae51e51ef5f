"""Thin adapter from text tokens to the names stage's normalisation (no second normaliser here).

A text token becomes zero or more *normalised tokens* (CJK romanisation can yield several) by
exactly the steps `embargo.names.text` applies to each word of a name: NFKC, format characters
dropped, homoglyph folding, case folding, transliteration to lower-case ASCII (`word_tokens`). The fuzzy key of a normalised token is `embargo.names.variants.skeleton`.
Both are cached per distinct token, which is what makes scanning fast: running text repeats its
words.
"""

from __future__ import annotations

import unicodedata

from embargo.names.particles import ARTICLES, LINKS
from embargo.names.text import remove_format_chars, word_tokens
from embargo.names.variants import skeleton

# Tokens the skeleton stream skips on both sides: Arabic articles and patronymic links are
# written or left out at will (al-Qassam / Qassam, bin / ibn), as embargo.names.particles says.

SKIP_IN_SKELETON = ARTICLES | LINKS

APOSTROPHES = "'\u2019\u02bc\u02bb`\u00b4"
_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_MAX = 1_000_000


def norm_token(word: str) -> tuple[str, ...]:
    """The normalised token(s) of one text token; () if nothing is left (marks only)."""
    found = _CACHE.get(word)
    if found is not None:
        return found
    if len(word) > 3 and word[-1] in "sS" and word[-2] in APOSTROPHES:
        word_key, word = word, word[:-2]  # English possessive: Hamas's -> Hamas
        result = norm_token(word)
        if len(_CACHE) < _CACHE_MAX:
            _CACHE[word_key] = result
        return result
    # The same steps as embargo.names.text.analyse_name applies to each word of a name.
    text = remove_format_chars(unicodedata.normalize("NFKC", word))
    result = tuple(t for part in text.split() for t in word_tokens(part))
    if len(_CACHE) < _CACHE_MAX:
        _CACHE[word] = result
    return result


def norm_tokens(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        out.extend(norm_token(word))
    return out


_FUZZY: dict[str, str] = {}


def fuzzy_key(token: str) -> str:
    """The spelling-variant key of a normalised token ('' = carries no evidence)."""
    found = _FUZZY.get(token)
    if found is None:
        found = "" if token in SKIP_IN_SKELETON else skeleton(token)
        if len(_FUZZY) < _CACHE_MAX:
            _FUZZY[token] = found
    return found
