"""Korean names in Hangul, romanised the way the sanctions lists write them.

The lists spell Korean names (mostly North Korean: UN 1718 committee, OFAC DPRK programmes) in
the McCune-Reischauer system without its diacritics, one word per syllable: 김정은 is KIM JONG
UN, 최룡해 CHOE RYONG HAE, 리수용 RI SU YONG. ICU's Hangul-Latin follows the South Korean
Revised Romanisation and writes a name as one word (gimjeong-eun), which shares little with
those spellings. A Hangul syllable is one code point composed arithmetically of an initial
consonant, a vowel and an optional final (Unicode ch. 3.12), so it romanises by three tables.

A short word (up to MAX_NAME_SYLLABLES) is taken for a Korean name and gives one token per
syllable, as the lists write them; a longer one (a foreign name: 블라디미르 Vladimir) is one token.
A person's name too long to be Korean (foreign_hangul_name) is read back, word by word, into the
Latin spelling the loanword orthography transcribes (foreign_reading: 블라디미르 푸틴 is bladimir
putin), which names.text uses instead of the syllables.
"""

from __future__ import annotations

import re
from functools import lru_cache

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3
VOWEL_COUNT = 21
FINAL_COUNT = 28
MAX_NAME_SYLLABLES = 3  # surname + a two-syllable given name: 김정은, 박지성

# McCune-Reischauer as the lists write it: initial ㄱ ㄷ ㅂ ㅈ voiceless (k, t, p, j as in KIM,
# TAE, PAK, JONG), aspirates without the apostrophe (ch, k, t, p), ㄹ r (RI, RYONG), ㅇ silent.
INITIALS = (
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
# ㅓ and ㅡ (ŏ, ŭ) lose their breve: o and u, as in JONG (정) and UN (은).
VOWELS = (
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
)  # fmt: skip
FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
# 이 alone is the surname the South writes Lee or Yi and the North 리 (Ri): a bare "i" would
# read as an initial.
SYLLABLE_EXCEPTIONS = {"이": "yi"}


_SYLLABLE = re.compile(f"[{chr(SYLLABLE_FIRST)}-{chr(SYLLABLE_LAST)}]")


def is_hangul_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def has_hangul(word: str) -> bool:
    """Whether a word has a Hangul syllable (checked for every word of every listed name)."""
    return not word.isascii() and _SYLLABLE.search(word) is not None


def romanise_syllable(char: str) -> str:
    """One precomposed Hangul syllable in list-style McCune-Reischauer."""
    exception = SYLLABLE_EXCEPTIONS.get(char)
    if exception is not None:
        return exception
    code = ord(char) - SYLLABLE_FIRST
    initial, rest = divmod(code, VOWEL_COUNT * FINAL_COUNT)
    vowel, final = divmod(rest, FINAL_COUNT)
    return INITIALS[initial] + VOWELS[vowel] + FINALS[final]


def hangul_tokens(word: str) -> tuple[str, ...] | None:
    """Tokens of a word written in Hangul syllables, or None if it has none."""
    if not has_hangul(word):
        return None
    syllables = [c for c in word if is_hangul_syllable(c)]
    if len(syllables) <= MAX_NAME_SYLLABLES:
        return tuple(romanise_syllable(c) for c in syllables)
    return ("".join(romanise_syllable(c) for c in syllables),)


# How other romanisations write what the table above writes: Revised Romanisation (g, d, b, eo,
# eu: Gim Jeong-eun), strict McCune-Reischauer (ch for initial j: Chong), South Korean custom
# (u for o: Jung, Sung; oo/ou for u). Folded away, the spellings of one syllable meet.
_KEY_REPLACEMENTS = (("eo", "o"), ("eu", "u"), ("oo", "u"), ("ou", "u"), ("ch", "j"),
                     ("g", "k"), ("d", "t"), ("b", "p"), ("u", "o"), ("ee", "i"))  # fmt: skip
# Surnames with a conventional spelling of their own.
_SURNAMES = {"park": "pak", "bak": "pak", "lee": "yi", "rhee": "yi", "choi": "choe", "i": "yi"}


@lru_cache(maxsize=100_000)
def syllable_key(token: str) -> str:
    """A romanised Korean syllable with the differences between romanisation systems folded."""
    token = _SURNAMES.get(token, token)
    for old, new in _KEY_REPLACEMENTS:
        token = token.replace(old, new)
    return token


# Foreign names in Hangul follow the loanword orthography (외래어 표기법), read back here into
# the Latin spelling it transcribes (블라디미르 푸틴 is Vladimir Putin, not PULLATIMIRU PU TIN):
# - consonants as Revised Romanisation writes them (ㄱ g, ㄷ d, ㅂ b, ㅈ j), the vowels ㅓ and ㅡ
#   as in VOWELS above;
# - a consonant Korean cannot end a syllable with, or one in a cluster, gets the vowel ㅡ
#   (블 bl, 르 r, 트 t, 스 s: 트럼프 Trump; 바이블 Bible): ㅡ after an initial consonant, with
#   no final or a final ㄹ, is dropped;
# - an l between vowels is written ㄹㄹ (블라 bla, 탈린 Tallin): one l;
# - a word-final ch, j or sh gets ㅣ (비치 -vich, 지 -dge, 시 -sh): the i is dropped.
LOAN_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
LOAN_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
VOWEL_EU = 18  # ㅡ
VOWEL_I = 20  # ㅣ
INITIAL_SILENT = 11  # ㅇ
INITIAL_R = 5  # ㄹ
FINAL_L = 8  # ㄹ
# ㅈ ㅊ ㅅ: the consonants a final ㅣ is added to (치 ch, 지 j, 시 sh).
FINAL_I_INITIALS = {12: "j", 14: "ch", 9: "sh"}


def _jamo(char: str) -> tuple[int, int, int]:
    initial, rest = divmod(ord(char) - SYLLABLE_FIRST, VOWEL_COUNT * FINAL_COUNT)
    vowel, final = divmod(rest, FINAL_COUNT)
    return initial, vowel, final


@lru_cache(maxsize=50_000)
def foreign_reading(word: str) -> str:
    """The Latin spelling a Hangul transcription of a foreign name writes (블라디미르 bladimir)."""
    syllables = [_jamo(c) for c in word if is_hangul_syllable(c)]
    out: list[str] = []
    last = len(syllables) - 1
    l_written = False  # the previous syllable's final ㄹ was the l this ㄹ doubles
    for k, (initial, vowel, final) in enumerate(syllables):
        if k == last and k > 0 and vowel == VOWEL_I and not final and initial in FINAL_I_INITIALS:
            out.append(FINAL_I_INITIALS[initial])
            break
        doubled_l = final == FINAL_L and k < last and syllables[k + 1][0] == INITIAL_R
        if not l_written:
            out.append(LOAN_INITIALS[initial])
        epenthetic = vowel == VOWEL_EU and initial != INITIAL_SILENT and final in (0, FINAL_L)
        if not epenthetic:
            out.append(VOWELS[vowel])
        out.append(LOAN_FINALS[final])
        l_written = doubled_l
    return "".join(out)


MAX_NAME_TOTAL = 4  # a Korean name has at most four syllables: surname and given name


def foreign_hangul_name(words: list[str]) -> bool:
    """Whether a name written in Hangul is a foreign name rather than a Korean one.

    A Korean name has one or two syllables of surname and one or two of given name: a word of
    more than MAX_NAME_SYLLABLES, or more than MAX_NAME_TOTAL in all, is a foreign name.
    """
    counts = [sum(1 for c in w if is_hangul_syllable(c)) for w in words if has_hangul(w)]
    return bool(counts) and (max(counts) > MAX_NAME_SYLLABLES or sum(counts) > MAX_NAME_TOTAL)
