"""A quick, exact test that a name cannot start with any of a set of phrases.

rigour removes person prefixes (Mr, Dr, His Excellency ...) with an anchored regular
expression alternating over 135 phrases, matched ignoring case: about 4 µs a name, though few
names have any. A phrase at the start must be the name's first word (after leading
punctuation, with its own optional dot), so a name whose first word opens no phrase needs no
regex.

Words are compared with each character folded as `re`'s IGNORECASE matches it: a character of
the phrases, or one `re` takes for one of them (any case, the dotless ı for i, the long ſ for
s ...), becomes the first phrase character it matches; any other stays itself, so a word with
one never equals a phrase's word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LEADING = re.compile(r"\W*")
# The first word: from the first word character to the next space.
_FIRST_WORD = re.compile(r"\W*(\S*)")


class _CaseFold(dict[int, str]):
    """str.translate table: each character to the first phrase character `re` matches it to
    with IGNORECASE, itself if none; filled on first sight of each character."""

    def __init__(self, characters: Iterable[str]) -> None:
        super().__init__()
        self.characters = sorted(set(characters))
        self.any = re.compile(
            "[" + "".join(re.escape(c) for c in self.characters) + "]", re.IGNORECASE
        )

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char
        if self.any.fullmatch(char):
            for candidate in self.characters:
                if re.fullmatch(re.escape(candidate), char, re.IGNORECASE):
                    folded = candidate
                    break
        self[code] = folded
        return folded


class OpeningWords:
    """Whether a text may start with one of `phrases`, as a regex anchored at its start
    (`^\\W*`) alternating over them with IGNORECASE would find it: False only where it
    cannot."""

    def __init__(self, phrases: Iterable[str]) -> None:
        firsts = [parts[0] for parts in map(str.split, phrases) if parts]
        self.fold = _CaseFold("".join(firsts))
        self.words = frozenset(self._key(word) for word in firsts)

    def _key(self, word: str) -> str:
        # A phrase may be followed by a dot of its own ("Dr." for Dr).
        return word.translate(self.fold).rstrip(".")

    def may_open(self, text: str) -> bool:
        word = _FIRST_WORD.match(text).group(1)  # type: ignore[union-attr]
        return not word or self._key(word) in self.words


def leading_non_word(text: str) -> int:
    """Where the text's first word character is (its length if none): `^\\W*`."""
    return _LEADING.match(text).end()  # type: ignore[union-attr]
