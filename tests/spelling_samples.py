"""Spellings the spelling-rule tests share: hypothesis strategies for romanised abjad and Latin
tokens, and a listed Latin token written roughly as an abjad writes it."""

from __future__ import annotations

import re

from hypothesis import strategies as st

# Arabic as ICU romanises it (names.translit), and Hebrew letter by letter (translit's table).
ARABIC_ROMAN = st.text(alphabet="abdfghijklmnqrstuwyzc", min_size=1, max_size=9)
HEBREW_LETTERS = "a b g d h w z ch t y k l m n s p f ts q r sh j zh th dh".split()  # noqa: SIM905
HEBREW_ROMAN = st.lists(st.sampled_from(HEBREW_LETTERS), min_size=1, max_size=7).map("".join)
LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


def abjad_like(token: str) -> str:
    """A listed Latin token as an abjad writes it, roughly: short vowels left out inside."""
    return token[0] + re.sub("[aeiou]", "", token[1:-1]) + token[-1]
