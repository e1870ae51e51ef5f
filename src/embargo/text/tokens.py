"""Running text → word tokens with their character offsets in the original.

List names go through the same tokeniser (`name_tokens`), so a name variant and the text it
appears in are cut at the same places. Rules, with the reason for each:

- a token is letters/digits with combining marks and joiners inside (Arabic harakat, Devanagari
  vowel signs, ZWJ/ZWNJ, soft hyphen): those belong to the word;
- apostrophes between letters stay in the token (YA'QUB, O'Brien): the name normaliser decides
  what they become; an English possessive `'s` at the end is cut off ("Turkey's" → Turkey);
- hyphens separate tokens (AL-DIN → AL, DIN), except a hyphen at a line break, which is
  typesetting ("Qas-\\nsam" → Qassam); list names with hyphens are also indexed joined;
- any whitespace (line breaks included) and punctuation separates tokens, so a name broken
  across lines is still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Combining marks and invisible joiners that occur inside words.
_INWORD = (
    "\u00ad\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200d\u2060\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
)
_APOSTROPHES = "'\u2019\u02bc\u02bb`\u00b4"
WORD_RE = re.compile(rf"[^\W_](?:[^\W_]|[{_INWORD}]|[{_APOSTROPHES}](?=[^\W_]))*")
# Between two tokens: a hyphen then a line break; the word continues on the next line.
_LINE_HYPHEN_RE = re.compile(r"[-\u2010\u2011][ \t]*\r?\n[ \t]*")
_LINE_BREAK_RE = re.compile(r"[ \t]*\r?\n[ \t]*")
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


class Token(NamedTuple):
    text: str  # the token as written, hyphenation/invisible characters removed
    start: int  # offsets into the original text
    end: int


_HYPHENS = "-\u2010\u2011"


def iter_tokens(text: str) -> Iterator[Token]:
    """The word tokens of `text`, line-break hyphenation joined, possessives cut."""
    pending: Token | None = None
    soft = False  # the pending token ended in a soft hyphen
    for m in WORD_RE.finditer(text):
        start, end = m.span()
        word = m.group()
        ends_soft = False
        if not word.isascii():
            ends_soft = word[-1] == "\u00ad"
            if _INVISIBLE_RE.search(word):
                word = _INVISIBLE_RE.sub("", word)
        if len(word) > 3 and word[-1] in "sS" and word[-2] in _APOSTROPHES:
            word, end = word[:-2], end - 2
        if pending is not None:
            # Only a hyphen or soft hyphen before a line break continues the word.
            if (soft or text[pending.end] in _HYPHENS) and (
                _LINE_BREAK_RE if soft else _LINE_HYPHEN_RE
            ).fullmatch(text, pending.end, start):
                pending = Token(pending.text + word, pending.start, end)
                soft = ends_soft
                continue
            yield pending
        pending = Token(word, start, end)
        soft = ends_soft
    if pending is not None:
        yield pending


# A hyphen (or soft hyphen) before a line break: the word goes on after it.
_BREAK_RE = re.compile(r"[-\u2010\u2011\u00ad][ \t]*\r?\n[ \t]*")


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, the same as `iter_tokens` but fast.

    One regex pass over the text; the rare line-break hyphenations are joined afterwards.
    Left to the normaliser, which handles them per distinct word: invisible characters inside
    a word (names.text.remove_format_chars) and possessives (normal.norm_token); mention
    offsets are trimmed of a possessive afterwards.
    """
    tokens = [Token(m.group(), *m.span()) for m in WORD_RE.finditer(text)]
    if not _BREAK_RE.search(text):
        return tokens
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    joined: dict[int, int] = {}  # index of a token -> index of the token it continues into
    for m in _BREAK_RE.finditer(text):
        soft = text[m.start()] == "\u00ad"
        left = ends.get(m.start() + 1 if soft else m.start())
        right = starts.get(m.end())
        if left is not None and right is not None:
            joined[left] = right
    if not joined:
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        while i in joined:
            i = joined[i]
            nxt = tokens[i]
            tok = Token(tok.text + nxt.text, tok.start, nxt.end)
        out.append(tok)
        i += 1
    return out


def strip_possessive(word: str) -> str:
    if len(word) > 3 and word[-1] in "sS" and word[-2] in _APOSTROPHES:
        return word[:-2]
    return word


def name_tokens(name: str) -> list[str]:
    """A list name cut the way running text is cut."""
    return [t.text for t in iter_tokens(name)]


def name_has_hyphen(name: str) -> bool:
    return bool(re.search(r"[^\W_][-\u2010\u2011][^\W_]", name))


def joined_hyphen_tokens(name: str) -> list[str]:
    """The tokens of a hyphenated name with each hyphenated group written as one word.

    "AL-DIN, Haroun" → ["ALDIN", "Haroun"]: text writes these names both ways.
    """
    return name_tokens(re.sub(r"(?<=[^\W_])[-\u2010\u2011](?=[^\W_])", "", name))


def is_upper(word: str) -> bool:
    return word.isupper()


def is_capitalised(word: str) -> bool:
    """Written as a proper noun: first letter upper case, or a script without case."""
    first = word[:1]
    return first.isupper() or not (first.islower() or first.isupper())


def is_cased(word: str) -> bool:
    """Written in a script with capital letters (Latin, Cyrillic, Greek, Armenian ...)."""
    first = word[:1]
    return first.isupper() or first.islower()
