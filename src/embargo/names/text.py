"""From a raw name string to canonical ASCII tokens: the one normalisation used on both sides.

Steps: NFKC; drop the characters drawn as nothing (zero-width space/joiner, soft hyphen, bidi
marks, Hangul fillers: Unicode category Cf and the default-ignorable ones); homoglyph folding per
word (look-alikes of any script in a Latin word, Latin ones in a Cyrillic word); for persons,
titles of office in many languages (titles.py: Presidente, Президент, elnök) and rigour's person
titles (Mr, Dr, Sheikh ...), for vessels their prefixes (M/V) removed; organisation legal forms,
their Cyrillic words romanised first (rigour knows OOO, not ООО; read letter by letter instead
where that finds more of a legal form: Йоинт Стоцк Цомпаны), one typo inside a multi-word
form (or, romanised, a word written as it sounds: Джоинт Сток Компани) or a company's last word
corrected first (legal_forms.py), replaced by rigour's generic compare form (OOO, "LIMITED
SIRKETI", Ltd -> llc; S.A. de C.V., PJSC, AO -> jsc); split into words on spaces, punctuation
and symbols (apostrophes and the Hebrew geresh are kept inside a word: O'Neil, Ma'ruf, ג׳ורג׳);
per word: case folding, transliteration to ASCII (cached per word; a person's name too long to
be Korean, written in Hangul, is read as the foreign name it transcribes: hangul.py); Arabic
particles and joins (particles.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import icu
from rigour._core import person_name_prefixes_list
from rigour.names import extract_org_types, remove_obj_prefixes, remove_person_prefixes

from embargo.memory import KeptResults
from embargo.names.edges import OpeningWords, leading_non_word
from embargo.names.hangul import foreign_hangul_name, foreign_reading, hangul_tokens, has_hangul
from embargo.names.homoglyphs import fold_homoglyphs
from embargo.names.legal_forms import (
    correct_final_legal_typo,
    correct_legal_tail,
    correct_legal_typos,
)
from embargo.names.org_words import close_final_acronym, expand_org_words
from embargo.names.particles import LINKS, PARTICLES, is_plain, join_particles
from embargo.names.titles import remove_titles
from embargo.names.translit import (
    cyrillic_letters_latin,
    has_vowel_points,
    romanise_cyrillic,
    romanise_ukrainian,
    to_ascii,
    written_in_ukrainian,
)

# Kinds of name, chosen from the entity's schema.
PERSON = "person"
ORG = "org"
OBJECT = "object"  # vessels, aircraft
UNKNOWN = "unknown"

EDGE_PUNCT = " ,.;:-&()"
# Apostrophes and the Hebrew geresh (U+05F3) stay inside a word: ג׳ is j (ג׳ורג׳ George),
# not a ג and a separate word.
KEEP_PUNCT = frozenset("'`´ʹʻʼʽʾʿˈ‘’′\u05f3")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name as compared: canonical tokens, and which of them are legal forms (weak evidence)."""

    text: str
    tokens: tuple[str, ...]
    legal: frozenset[str] = frozenset()
    # Tokens romanised from an abjad (Arabic, Hebrew ...), written without most vowels: only
    # their consonant skeleton can be compared with a Latin spelling.
    abjad: frozenset[str] = frozenset()
    hebrew: frozenset[str] = frozenset()  # of which from Hebrew (ו is v, not f)
    # Tokens romanised from Hangul, one syllable each: only romanisations of the same syllable
    # are the same name part (Jong and Yong are two names, not a typo).
    hangul: frozenset[str] = frozenset()
    # Words of the legal forms that were replaced ("limited", "sirketi"): the index collects
    # them to recognise misspelled legal forms that rigour's exact patterns miss.
    legal_words: tuple[str, ...] = ()

    def script(self, token: str) -> str:
        """'' for an alphabetic spelling, else the abjad the token was written in."""
        if token not in self.abjad:
            return ""
        return HEBREW if token in self.hebrew else ARABIC


@lru_cache(maxsize=4096)
def _is_separator(char: str) -> bool:
    if char in KEEP_PUNCT:
        return False
    return unicodedata.category(char)[0] in "ZPSC"


# Drawn as nothing, though not format characters: the Braille blank (Unicode's other invisible
# characters, fillers and variation selectors among them, are default-ignorable).
BLANK_LETTERS = frozenset("\u2800")


def _invisible(char: str) -> bool:
    return (
        unicodedata.category(char) == "Cf"
        or icu.Char.hasBinaryProperty(char, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        or char in BLANK_LETTERS
    )


class _FormatTable(dict[int, int | None]):
    """str.translate table: invisible characters deleted, others kept.

    Filled on first sight of each character, so translating runs in C after the first names
    (a generator over the characters cost 8 µs a non-ASCII name).
    """

    def __missing__(self, code: int) -> int | None:
        value = None if _invisible(chr(code)) else code
        self[code] = value
        return value


_FORMAT_CHARS = _FormatTable()


def remove_format_chars(text: str) -> str:
    """Drop the characters drawn as nothing: zero-width characters, soft hyphens and bidi
    controls (category Cf); the other default-ignorable ones: Hangul fillers (ㅤ), the
    combining grapheme joiner, variation selectors, Khmer inherent vowels (one of which made a
    Latin name Khmer, romanised to nothing); the Braille blank."""
    if text.isascii():
        return text
    return text.translate(_FORMAT_CHARS)


class _SeparatorTable(dict[int, int]):
    """str.translate table: separators to a space, other characters to themselves.

    Filled on first sight of each character, so translating runs in C after the first names.
    """

    def __missing__(self, code: int) -> int:
        value = 32 if _is_separator(chr(code)) else code
        self[code] = value
        return value


_SEPARATORS = _SeparatorTable()


def split_words(text: str) -> list[str]:
    """Words of a name: split on whitespace, punctuation, symbols and controls."""
    return text.translate(_SEPARATORS).split()


ARABIC = "arabic"
HEBREW = "hebrew"
ABJADS = {"ARABIC": ARABIC, "HEBREW": HEBREW, "SYRIAC": ARABIC, "THAANA": ARABIC}


def abjad_script(word: str) -> str:
    """The abjad (script that leaves out short vowels) a word is written in, or ''. A
    Hebrew word written with its vowel points is read as an alphabet."""
    if word.isascii():
        return ""
    for char in word:
        if char.isalpha():
            script = ABJADS.get(unicodedata.name(char, "").split(" ", 1)[0], "")
            return "" if script == HEBREW and has_vowel_points(word) else script
    return ""


@lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """One raw word -> ASCII tokens (a CJK word can romanise to several syllables)."""
    korean = hangul_tokens(word)
    if korean is not None:
        return korean
    return tuple(to_ascii(word.casefold()).split())


def kind_of_schema(schema: str) -> str:
    if schema in ("Person",):
        return PERSON
    if schema in ("Organization", "Company", "PublicBody", "LegalEntity"):
        return ORG if schema != "LegalEntity" else UNKNOWN
    if schema in ("Vessel", "Airplane", "Vehicle", "Asset"):
        return OBJECT
    return UNKNOWN


def _at_edge(text: str, part: str, forms: list[str]) -> bool:
    """Whether `part` is at the start or end of `text`, other legal forms aside."""
    upper = text.upper()
    at = upper.find(part.upper())
    if at < 0:
        return False
    before, after = upper[:at], upper[at + len(part) :]
    for other in forms:
        before = before.replace(other.upper(), " ")
        after = after.replace(other.upper(), " ")
    if not after.strip(EDGE_PUNCT):
        return True
    # At the start only real prefix forms (OOO, ZAO, PJSC), not SE/AS/SA, which start names.
    letters = sum(c.isalpha() for c in part)
    return not before.strip(EDGE_PUNCT) and letters >= 3


# Letters written with dots (O.O.O., Z.A.O., T.E.G.): a legal form, which rigour knows only
# undotted, an organisation's acronym, or a person's initials (S.J.M. Al-Jaburi). Two dotted
# letters (A.O., P.P.) are more often initials.
DOTTED = re.compile(r"(?<!\w)(?:\w\.){3,}(?!\w)")


def undot_acronyms(text: str, organisation: bool) -> str:
    """`O.O.O. FOTON` -> `OOO FOTON` where the letters are a legal form; in an organisation's
    name every acronym: `T.E.G. LIMITED` -> `TEG LIMITED`, one word, not the letters T, E and
    G, whose "E.G." rigour would take for the German eG. A name of unknown kind is an
    organisation's if it has a legal form besides the dotted letters."""
    if "." not in text or not DOTTED.search(text):
        return text
    if not organisation:
        organisation = bool(extract_org_types(DOTTED.sub(" ", text), generic=True))

    def undot(m: re.Match[str]) -> str:
        plain = m.group(0).replace(".", "")
        return plain if organisation or extract_org_types(plain, generic=True) else m.group(0)

    return DOTTED.sub(undot, text)


def particle_positions(tokens: Sequence[str]) -> frozenset[int]:
    """Positions of the tokens that are particles rather than name parts.

    "allah" after "abd" is a name part: Abdullah is a given name of its own, only written
    like a particle and a word.
    """
    return frozenset(
        k
        for k, token in enumerate(tokens)
        if token in PARTICLES and not (token == "allah" and k > 0 and tokens[k - 1] == "abd")
    )


def drop_family_link(text: str) -> str:
    """A list's "FAMILY, Given" with the family name opening with a link: "BEN SOLTANE, Adel"
    is Adel Ben Soltane, whose "ben" join_particles drops as it drops every link not at the
    start; the same here, so that both orders agree."""
    family, comma, given = text.partition(",")
    words = family.split()
    if comma and given.strip() and len(words) >= 2 and words[0].casefold() in LINKS:
        return f"{' '.join(words[1:])},{given}"
    return text


_PERSON_PREFIXES = OpeningWords(person_name_prefixes_list())


def strip_person_prefixes(name: str) -> str:
    """rigour's remove_person_prefixes (Mr, Dr, His Excellency ...), which also strips leading
    punctuation; its regex only where the first word may be a prefix."""
    if _PERSON_PREFIXES.may_open(name):
        return remove_person_prefixes(name)
    start = leading_non_word(name)
    # A vowel point before the first letter is the name's first vowel (ַלִ Ali, ICU's
    # Latin-Hebrew; َرِس Aris, its Latin-Arabic), not punctuation.
    while start and unicodedata.category(name[start - 1]) == "Mn":
        start -= 1
    return name[start:]


# A word's tokens, the abjad it is written in ('' if none), whether it has Hangul, and whether
# it is plain: neither of those, and no token a particle rule reads.
WordReading = tuple[tuple[str, ...], str, bool, bool]


def read_word(word: str) -> WordReading:
    """One raw word as analyse_name reads it (WordReading)."""
    tokens, script, korean = word_tokens(word), abjad_script(word), has_hangul(word)
    plain = not script and not korean and all(map(is_plain, tokens))
    return tokens, script, korean, plain


# Kept for analyse_name, where processes screening side by side can pass them on: reading a
# new word in a script other than Latin costs some 35 µs, and common ones recur in every chunk.
word_readings: KeptResults[str, WordReading] = KeptResults(read_word, 200_000)


def _org_legal_forms(text: str, kind: str, by_sound: bool) -> tuple[str, list[tuple[str, str]]]:
    """An organisation's name (or one of unknown kind) with its business words written out
    and its legal-form typos corrected (`by_sound`: also words written as they sound, in a
    name romanised from Cyrillic), and the legal forms rigour finds in it."""
    text = expand_org_words(close_final_acronym(text))
    text = correct_legal_typos(undot_acronyms(text, kind == ORG), by_sound)
    text = correct_legal_tail(text, organisation=kind == ORG)
    if kind == ORG:
        text = correct_final_legal_typo(text, by_sound)
    found = extract_org_types(text, generic=True)
    if found and kind == UNKNOWN:
        # Without a schema, only a legal form at the start or end is taken as one: in
        # "KIM SE GON" SE is a name, in "ACME SE" a legal form.
        found = [f for f in found if _at_edge(text, f[0], [o for o, _ in found])]
    return text, found


def replace_legal_form(text: str, original: str, compare: str) -> str:
    """The first `original` (a legal form rigour found in text) that stands apart, not inside
    a word, replaced by its `compare` form: in DESARROLLO ... FORTIA, SA the form is the last
    SA, not the one in DESARROLLO."""
    apart = re.search(rf"(?<!\w){re.escape(original)}(?!\w)", text)
    if apart is None:  # (rigour found it otherwise delimited)
        return text.replace(original, f" {compare} ", 1)
    return f"{text[: apart.start()]} {compare} {text[apart.end() :]}"


def _legal_words_covered(found: list[tuple[str, str]]) -> int:
    return sum(len(original.split()) for original, _ in found)


@lru_cache(maxsize=200_000)
def analyse_name(text: str, kind: str = UNKNOWN) -> NameForm:
    """Normalise one name of the given kind into its canonical tokens."""
    clean = remove_format_chars(unicodedata.normalize("NFKC", text))
    if not clean.isascii():
        # Before legal forms are recognised: "LIМITED" with a Cyrillic М is still LIMITED.
        clean = " ".join(fold_homoglyphs(chunk) for chunk in clean.split())
    legal: set[str] = set()
    legal_words: list[str] = []
    if kind == PERSON:
        clean = drop_family_link(strip_person_prefixes(remove_titles(clean)))
        if written_in_ukrainian(clean):
            # Read as Ukrainian throughout, not only the words with a letter only Ukrainian
            # writes, as rigour reads each word alone: Віктор Янукович is Viktor Yanukovych.
            clean = romanise_ukrainian(clean)
    elif kind == OBJECT:
        clean = remove_obj_prefixes(clean)
    if kind in (ORG, UNKNOWN):
        # rigour knows the legal forms of Russian and Ukrainian companies romanised (OOO, AO,
        # TOV, obshchestvo s ogranichennoi otvetstvennostyu), not in Cyrillic (ООО, АО, ТОВ).
        # A form written in Cyrillic letters may be an English one transcribed as it sounds
        # (Джоинт Сток Компани: dzhoint stok kompani, joint stock company) or letter by
        # letter (Йоинт Стоцк Цомпаны: the Latin letters as ICU's Latin-Cyrillic writes them),
        # which only a letter-by-letter reading gives back.
        romanised = romanise_cyrillic(clean)
        by_sound = romanised != clean
        written = clean
        clean, found = _org_legal_forms(romanised, kind, by_sound)
        if by_sound:
            letters, letters_found = _org_legal_forms(cyrillic_letters_latin(written), kind, False)
            if _legal_words_covered(letters_found) > _legal_words_covered(found):
                clean, found = letters, letters_found
        if found:
            for original, compare in found:
                clean = replace_legal_form(clean, original, compare)
                legal.add(compare)
                for word in split_words(original):
                    legal_words.extend(word_tokens(word))
    words = split_words(clean)
    readings = [word_readings(word) for word in words]
    tokens = []
    plain = unmarked = True
    for parts, script, korean, simple in readings:
        tokens += parts
        plain = plain and simple
        unmarked = unmarked and not script and not korean
    if unmarked:
        # Most names: no word in an abjad or in Hangul, so no token to mark as such; most of
        # them with no particle either (join_particles would return the tokens as they are).
        if not plain:
            tokens = join_particles(tokens)
        return NameForm(
            text=text,
            tokens=tuple(tokens),
            legal=frozenset(legal.intersection(tokens)) if legal else frozenset(),
            legal_words=tuple(legal_words),
        )
    tokens = []
    abjad: set[str] = set()
    hebrew: set[str] = set()
    hangul: set[str] = set()
    # A person's name too long to be Korean is a foreign one transcribed into Hangul: read
    # back as the Latin spelling it transcribes, one token a word (see names.hangul).
    foreign = kind == PERSON and any(korean for _, _, korean, _ in readings)
    foreign = foreign and foreign_hangul_name(words)
    for word, (parts, script, korean, _) in zip(words, readings, strict=True):
        if korean:
            if foreign:
                parts = (foreign_reading(word),)
            else:
                hangul.update(parts)
        tokens.extend(parts)
        if script:
            abjad.update(parts)
            if script == HEBREW:
                hebrew.update(parts)
    written = set(tokens)
    tokens = join_particles(tokens)
    present = set(tokens)
    # A particle split off a word (אבדלכדר -> abd + kdr) leaves a piece of that word, still
    # in its script: it keeps the word's marks. The particles themselves (abd, allah, din)
    # are canonical spellings, not written ones.
    for piece in present - written - PARTICLES:
        if any(piece in word for word in abjad):
            abjad.add(piece)
        if any(piece in word for word in hebrew):
            hebrew.add(piece)
    return NameForm(
        text=text,
        tokens=tuple(tokens),
        legal=frozenset(legal & present),
        abjad=frozenset(abjad & present),
        hebrew=frozenset(hebrew & present),
        hangul=frozenset(hangul & present),
        legal_words=tuple(legal_words),
    )
