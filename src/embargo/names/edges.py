"""A quick, exact test that a name cannot start with any of a set of phrases.

rigour removes person prefixes (Mr, Dr, His Excellency ...) with an anchored regular
expression alternating over 135 phrases, matched ignoring case: about 4 µs a name, though few
names have any. A phrase at the start must be the name's first word (after leading
punctuation, with its own optional dot), so a name whose first word opens no phrase needs no
regex.

The same holds at the end for words written after a name (`\\s+(?:words)\\W*$`): a name whose
last word is none of them needs no regex either (ClosingWords).

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
        first = text.split(None, 1)
        if first and _is_word_char(first[0][0]):  # most names: no punctuation before the word
            word = first[0]
        else:
            word = _FIRST_WORD.match(text).group(1)  # type: ignore[union-attr]
        return not word or self._key(word) in self.words


def leading_non_word(text: str) -> int:
    """Where the text's first word character is (its length if none): `^\\W*`."""
    return _LEADING.match(text).end()  # type: ignore[union-attr]


class ClosingWords:
    """Whether a text may end with one of `words` (single words), as a regex with IGNORECASE
    `(?:\\s+(?:words))+\\W*$` would find it: after a space, followed by nothing but non-word
    characters. False only where it cannot."""

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        if any(len(word.split()) != 1 for word in words):
            raise ValueError("ClosingWords takes single words")
        self.fold = _CaseFold("".join(words))
        self.words = frozenset(word.translate(self.fold) for word in words)
        self.finals = frozenset(word[-1] for word in self.words)

    def may_close(self, text: str) -> bool:
        parts = text.split()
        last, end = "", 0
        while parts:
            last = parts[-1]
            end = len(last)
            while end and not _is_word_char(last[end - 1]):
                end -= 1
            if end:
                break
            parts.pop()  # only non-word characters, spaced out after the last word
        if len(parts) < 2:
            return False  # the word must follow a space
        if self.fold[ord(last[end - 1])] not in self.finals:
            return False  # most names: told by the last letter
        return last[:end].translate(self.fold) in self.words


def _is_word_char(char: str) -> bool:
    """`\\w` as `re` matches it in a str pattern."""
    return char.isalnum() or char == "_"
