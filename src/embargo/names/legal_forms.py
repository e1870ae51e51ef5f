"""One typo inside a multi-word legal form: "JOINT STCK COMPANY", "LIMITED LIABILITY CMPANY".

rigour recognises legal forms by their exact spellings, so a form with one mistyped word is left
as name words ("joint", "stck", "company") that a listed name does not have. A word one edit
(OSA: insertion, deletion, substitution or transposition) from exactly one word of rigour's
multi-word legal forms (data/legal_form_words.txt, see build_legal_words.py) is corrected, but
only if rigour then finds a legal form of two or more words made of the corrected word and the
words around it as written: "STCK" alone, or next to ordinary name words, is left as it is.
In a name romanised from another script, a word that sounds like exactly one of those words is
corrected the same way: Russian text transcribes English forms as they are said (Джоинт Сток
Компани: dzhoint stok kompani, JOINT STOCK COMPANY).
The last word of a company name one typo from a one-word form (LDTA, GABH) is corrected too:
`correct_final_legal_typo`; and a form written in letters apart (S.A. DE C.V.) whose dots
or spaces rigour does not expect (S.A.R..L, S. DE RL.. DE C.V.), or with a typo in its
letters (S.NA. DE C.V.): `correct_legal_tail`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA
from rigour.names import extract_org_types

from embargo.names.variants import european_form, name_symbols, phonetic_form

WORDS_FILE = Path(__file__).parent / "data" / "legal_form_words.txt"
MIN_TYPO_WORD = 4  # the data file's shortest word; shorter ones are too often name words
WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def legal_form_words() -> frozenset[str]:
    with WORDS_FILE.open(encoding="utf-8") as fh:
        return frozenset(w for line in fh if (w := line.strip()) and not w.startswith("#"))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _near_index() -> dict[str, frozenset[str]]:
    """Each legal-form word and each of its one-letter deletions -> the words."""
    index: dict[str, set[str]] = {}
    for word in legal_form_words():
        for key in _deletions(word) | {word}:
            index.setdefault(key, set()).add(word)
    return {key: frozenset(words) for key, words in index.items()}


def _by_sound(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """The phonetic forms of each word, a European c read as k or s too (company: kumbani)
    -> the words."""
    index: dict[str, set[str]] = {}
    for word in words:
        for key in (phonetic_form(word), european_form(word)):
            index.setdefault(key, set()).add(word)
    return {key: frozenset(words) for key, words in index.items()}


def _sounds_like(word: str, index: dict[str, frozenset[str]]) -> str | None:
    """The one word of a _by_sound index a (casefolded, ASCII) word sounds like, if one."""
    found = index.get(phonetic_form(word), ())
    return next(iter(found)) if len(found) == 1 else None


@lru_cache(maxsize=1)
def _sound_index() -> dict[str, frozenset[str]]:
    return _by_sound(legal_form_words())


@lru_cache(maxsize=100_000)
def near_legal_word(word: str) -> str | None:
    """The one legal-form word a (casefolded) word is one typo from, if exactly one."""
    index = _near_index()
    candidates = set(index.get(word, ()))
    for key in _deletions(word):
        candidates.update(index.get(key, ()))  # the word less a letter is among them
    found = {c for c in candidates if OSA.distance(word, c, score_cutoff=1) <= 1}
    return found.pop() if len(found) == 1 else None


def sounding_legal_word(word: str) -> str | None:
    """The one legal-form word a (casefolded, ASCII) word sounds like, if exactly one: a form
    transcribed as it is said, as Russian text writes English ones (kompani, liyabiliti,
    dzhoint stok)."""
    return _sounds_like(word, _sound_index())


def _same_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word.capitalize()
    return word


def _multi_word_forms(text: str) -> list[list[str]]:
    """The words of each legal form of two or more words rigour finds in text."""
    found = (original.casefold().split() for original, _ in extract_org_types(text, generic=True))
    return [words for words in found if len(words) >= 2]


def correct_legal_typos(text: str, by_sound: bool = False) -> str:
    """The name with the misspelled words of multi-word legal forms corrected (module doc);
    `by_sound`, for a name romanised from another script, also words written as they sound.

    All the words near a legal-form word are corrected at once (dzhoint stok kompani: joint
    stock company); a correction is kept where rigour then finds a multi-word form with the
    corrected word in it that it did not find before."""
    vocabulary = legal_form_words()
    matches = list(WORD.finditer(text))
    words = [m.group(0).casefold() for m in matches]
    legal = [word in vocabulary for word in words]
    if not by_sound and not any(legal):
        return text  # no legal-form word written right: nothing to complete
    fixes: list[str | None] = [None] * len(words)
    for k, word in enumerate(words):
        if legal[k] or len(word) < MIN_TYPO_WORD:
            continue
        if by_sound:
            fixes[k] = near_legal_word(word) or sounding_legal_word(word)
        elif any(legal[max(0, k - 2) : k + 3]):  # (most words: no legal-form word near)
            fixes[k] = near_legal_word(word)
    if not any(fixes):
        return text
    legal = [known or fix is not None for known, fix in zip(legal, fixes, strict=True)]
    # A word of a multi-word form has another one next to it, or after a short word between
    # them (SOCIEDAD DE RESPONSABILIDAD, OBSHCHESTVO S OGRANICHENNOI).
    places = [
        k
        for k, fix in enumerate(fixes)
        if fix is not None and any(legal[max(0, k - 2) : k] + legal[k + 1 : k + 3])
    ]
    if not places:
        return text

    def corrected(at: list[int]) -> str:
        out = text
        for k in reversed(at):  # right to left: earlier offsets stay valid
            m = matches[k]
            out = out[: m.start()] + _same_case(m.group(0), fixes[k]) + out[m.end() :]
        return out

    # A form that was there already (the word written right elsewhere) is no evidence.
    before = _multi_word_forms(text)
    new = [words for words in _multi_word_forms(corrected(places)) if words not in before]
    kept = [k for k in places if any(fixes[k] in words for words in new)]
    return corrected(kept) if kept else text


# Legal forms of one word, four letters or more, that rigour recognises and no name word is
# spelled like: the last word of a company name one typo from one of them is that form
# (GOMEZ MARIN LDTA., KARA INDUSTRIAL TRADING GABH, JARVIS CONGO SRAL).
FINAL_FORMS = (
    "gmbh", "ltda", "sarl", "pjsc", "ojsc", "cjsc", "fzco", "dmcc", "bvba", "sprl", "eirl",
    "asbl", "jscb", "gesbr", "aisbl", "berhad", "unltd", "limited", "limitada", "sirketi",
)  # fmt: skip


# Short one-word forms, written after the name in English-language company names, which a
# Russian text transcribes as they sound: Инк, Ллк, Плк (ink, llk, plk).
SOUNDED_FORMS = ("inc", "llc", "plc", "ltd")


@lru_cache(maxsize=1)
def _final_sound_index() -> dict[str, frozenset[str]]:
    return _by_sound((*FINAL_FORMS, *SOUNDED_FORMS))


def correct_final_legal_typo(text: str, by_sound: bool = False) -> str:
    """A company name whose last word is one typo (OSA) from exactly one of FINAL_FORMS, with
    that word corrected; unless the word is a personal name's spelling (Karl is not SARL).
    `by_sound`, for a name romanised from another script: also a last word that sounds like
    one of those or of SOUNDED_FORMS (Эппл Инк: Appl Ink, Inc)."""
    words = list(WORD.finditer(text))
    if len(words) < 2:
        return text
    last = words[-1]
    word = last.group(0).casefold()
    if word in FINAL_FORMS or word in SOUNDED_FORMS:
        return text
    near: list[str] = []
    if len(word) >= MIN_TYPO_WORD:
        near = [form for form in FINAL_FORMS if OSA.distance(word, form, score_cutoff=1) <= 1]
    if not near and by_sound and word.isascii():
        sounded = _sounds_like(word, _final_sound_index())
        near = [sounded] if sounded is not None else []
    if len(near) != 1 or name_symbols(word):
        return text
    return text[: last.start()] + _same_case(last.group(0), near[0]) + text[last.end() :]


# Legal forms written in letters apart, as rigour recognises them whole (a test holds it): a
# company name ending in their letters, however dotted and spaced, ends in that form.
LETTERED_FORMS = (
    "S.A. DE C.V.", "S.A.P.I. DE C.V.", "S. DE R.L. DE C.V.", "S. EN C.", "SP. Z O.O.",
    "SDN. BHD.", "PTE. LTD.", "CO., LTD.", "S.A.R.L.", "S.A.S.", "S.R.L.", "S.P.A.", "S.A.",
    "L.L.C.", "L.P.", "B.V.", "N.V.", "A.S.", "A.G.", "J.S.C.", "S.C.", "K.G.", "G.M.B.H.",
    "D.O.O.", "A.D.", "P.L.C.", "S.R.O.", "O.Y.",
)  # fmt: skip
# Forms one letter from one of those, which rigour does not recognise whole: their letters
# are left as written, not read as that form with a typo (S.C. DE R.L. DE C.V. is not S. DE
# R.L. DE C.V., S.A.B. DE C.V. not S.A. DE C.V.).
OTHER_LETTERED_FORMS = (
    "S.C. DE R.L. DE C.V.", "S.C. DE R.L.", "S.A.S. DE C.V.", "S.A.B. DE C.V.",
    "S.P.R. DE R.L. DE C.V.", "S.P.R. DE R.L.", "S. DE P.R. DE R.L.", "S. DE R.L.",
)  # fmt: skip
# The letters of a form this long may have one typo (S.NA. DE C.V., CO., TD.); a shorter
# one's letters are too often a name's (S.AM is not S.A.).
LETTERED_TYPO_LENGTH = 5
LETTER_GROUP = 4  # the longest group of letters a lettered form has (S.A.P.I.)
# A name that may be a person's (no schema) ends in a form of this many letters or more only:
# two initials (A S, S A) are more often a person's.
UNKNOWN_KIND_LETTERS = 4


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


# LETTERED_FORMS by their letters (sa de cv); those of UNKNOWN_KIND_LETTERS letters or more.
_BY_LETTERS = {_letters(form): form for form in LETTERED_FORMS}
_LONG_BY_LETTERS = {
    letters: form for letters, form in _BY_LETTERS.items() if len(letters) >= UNKNOWN_KIND_LETTERS
}
_OTHER_LETTERS = frozenset(_letters(form) for form in OTHER_LETTERED_FORMS)


def correct_legal_tail(text: str, organisation: bool = True) -> str:
    """A company name whose last groups of letters, two or more, are the letters of one of
    LETTERED_FORMS, with them written as that form: S.A.R..L is S.A.R.L., S. DE RL.. DE C.V.
    is S. DE R.L. DE C.V.; with one typo (OSA), not in its first letter, in a form of
    LETTERED_TYPO_LENGTH letters or more: S.NA. DE C.V. The most groups that spell a form
    win, exactly (in X SA DE CV, X is a name), else with a typo. Not `organisation` (a name
    of unknown kind): forms of UNKNOWN_KIND_LETTERS letters or more only."""
    last_word = text.rsplit(None, 1)[-1:]
    last_groups = WORD.findall(last_word[0]) if last_word else []
    if last_groups and len(last_groups[-1]) > LETTER_GROUP:
        return text  # (most names: no lettered form at the end)
    groups = list(WORD.finditer(text))
    tail: list[re.Match[str]] = []
    for group in reversed(groups[1:]):  # (the first is the name's, whatever it spells)
        if len(group.group(0)) > LETTER_GROUP:
            break
        tail.insert(0, group)
    if len(tail) < 2:
        return text
    forms = _BY_LETTERS if organisation else _LONG_BY_LETTERS
    # The most groups first; each from a group that starts a word (S.P.R.: not P nor R),
    # with the letters from there on (the groups are letters only).
    suffixes = [
        (tail[k].start(), "".join(g.group(0) for g in tail[k:]).casefold())
        for k in range(len(tail) - 1)
        if text[tail[k].start() - 1] in " ,"
    ]
    for start, letters in suffixes:
        if letters in _OTHER_LETTERS:
            return text
        form = forms.get(letters)
        if form is not None:
            return text[:start] + form
    # With a typo, not in the first letter: SPR DE R.L. DE C.V. is not S. DE R.L. DE C.V.
    # with its S left out, after SPR.
    for start, letters in suffixes:
        near = [
            form
            for spelled, form in forms.items()
            if len(spelled) >= LETTERED_TYPO_LENGTH
            and spelled[0] == letters[0]
            and OSA.distance(letters, spelled, score_cutoff=1) <= 1
        ]
        if len(near) == 1:
            return text[:start] + near[0]
    return text
