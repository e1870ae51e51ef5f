"""Transliteration of one token from any script to lower-case ASCII, cached per token.

Cyrillic and Greek go through rigour's `maybe_ascii` (a BGN/PCGN-like romanisation: ДЖИХАД ->
dzhihad, Я -> ya), which is closer to how list publishers romanise than ICU's ISO 9 (Я -> â);
accented Latin too, letter by letter (`romanise`); a Greek rough breathing is the h it writes.
A person's name written in Ukrainian goes through ICU's Ukrainian-Latin/BGN as a whole
(`romanise_ukrainian`): rigour reads г as h only in words with a letter only Ukrainian writes.
Hebrew has its own table (see `hebrew_to_latin`): ICU's ISO 259 drops alef and ayin, writes צ as
z and joins letters into false digraphs (כה -> "kh"); a word with vowel points is read with the
vowels they write. Khmer, which ICU does not romanise at all, has one too (`khmer_to_latin`).
Every other script (Arabic, Persian, CJK, Devanagari ...) uses ICU "Any-Latin; Latin-ASCII".
ICU is slow (tens of µs per call), so results are cached by token.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache, partial

import icu
from rigour._core import maybe_ascii

_LOCAL = threading.local()
NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Ayn/hamza marks and apostrophes are dropped, not split on: Ma'ruf = Maruf, ʿAli = Ali.
APOSTROPHES = re.compile("['`´ʹʻʼʽʾʿˈ‘’′]")


ANY_LATIN = "Any-Latin; Latin-ASCII; Lower"
CYRILLIC_LETTERS = "Cyrillic-Latin; Latin-ASCII"  # ICU's inverse of its Latin-Cyrillic
UKRAINIAN_LATIN = "Ukrainian-Latin/BGN; Latin-ASCII"
# Letters only Ukrainian writes (і also Belarusian, which reads г as h too), and only Russian.
UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")


def _icu(rules: str = ANY_LATIN) -> icu.Transliterator:
    # Transliterator objects are not thread-safe: one per thread and rule set.
    made: dict[str, icu.Transliterator] | None = getattr(_LOCAL, "made", None)
    if made is None:
        made = _LOCAL.made = {}
    trans = made.get(rules)
    if trans is None:
        trans = made[rules] = icu.Transliterator.createInstance(rules)
    return trans


# Greek χ romanises as "ch" (ELOT), but in the foreign names lists carry it writes kh or h
# (Χαλίλ = Khalil, Μουχαμμάντ = Muhammad); only before ρ (Χρήστος) is it a Greek "ch". No
# Greek word ends in χ: at the end of a foreign name it writes a final h (Σαλέχ Saleh, Αλλάχ
# Allah, Ζαντέχ Zadeh). After γ it is left to rigour: γχ is the nasal nch (Σάντσεζ/Σάγχεζ).
GREEK_CHI = re.compile("(?<!γ)χ(?!ρ)")
GREEK_FINAL_CHI = re.compile("(?<![γχ])χ$")
# Greek writes a foreign g as γκ (Σεργκέι Sergei, Γκαρσία Garcia; ng is νγκ or γγ): rigour reads
# it so only at the start of a word and as ng inside one.
GREEK_GK = "γκ"

# Polytonic Greek writes an h as a rough breathing on the vowel after it (ἁ ha, Ἡρόδοτος
# Herodotos). ICU's Latin-Greek writes any h so, where a vowel follows (Hassan ἁσσαν, Khabib
# κἁβιβ), and otherwise on the letter before it (Shakh σἁκ̔, Allah αλλἁ, Ahmad ἀ̔μαδ).
ROUGH_BREATHING = "\u0314"
SMOOTH_BREATHING = "\u0313"
GREEK_VOWELS = frozenset("αεηιουωΑΕΗΙΟΥΩ")


def rough_breathing_as_h(word: str) -> str:
    """The word with each rough breathing written as the h it stands for (the Latin letter,
    which romanise keeps): before the vowel that carries it, after a consonant, and after a
    vowel that ends the word or also has a smooth breathing (no Greek word writes those: an
    h after the vowel)."""
    chars = unicodedata.normalize("NFD", word)
    if ROUGH_BREATHING not in chars:
        return word
    letters = sum(not unicodedata.combining(char) for char in chars)
    out: list[str] = []
    seen = 0  # letters so far
    for char in chars:
        if not unicodedata.combining(char):
            seen += 1
        if char != ROUGH_BREATHING:
            out.append(char)
            continue
        base = len(out) - 1
        while base > 0 and unicodedata.combining(out[base]):
            base -= 1
        before = (
            base >= 0
            and out[base] in GREEK_VOWELS
            and seen < letters  # (not the last letter)
            and SMOOTH_BREATHING not in out[base:]
        )
        if before:
            out.insert(base, "h")
        else:
            out.append("h")
    return unicodedata.normalize("NFC", "".join(out))


# Hebrew letters as the Latin spellings of (mostly foreign) names on the lists write them, one
# Latin letter or digraph per Hebrew letter so that names.variants.hebrew_spelling can read
# them back: alef carries a vowel (אחמד Ahmad) and so does an initial ayin (עלי Ali; inside a
# word ayin is a consonant Latin leaves out: סעיד Said); ו and י are the vowel/consonant letters
# w and y; ש is sh, צ ts (Tsuda, Vorontsova), ח ch (kept apart from ה h: it is also kh and h);
# פ is p and its final form ף f.
HEBREW_LATIN = {
    "א": "a", "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ו": "w", "ז": "z", "ח": "ch", "ט": "t",
    "י": "y", "כ": "k", "ך": "k", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "", "פ": "p", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "q", "ר": "r", "ש": "sh", "ת": "t",
}  # fmt: skip
# A geresh after a letter writes a sound Hebrew lacks: ג׳ j (ג׳ורג׳ George), ז׳ zh, צ׳ ch, ת׳ th.
HEBREW_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch", "ת": "th", "ד": "dh"}
GERESHES = frozenset("\u05f3'’ʼ`´")
HEBREW_VOWEL_END = "a"  # word-final ה is a vowel letter (מריה Maria, בוטינה Butina)


# Vowel points (niqqud): a Hebrew word written with them spells its vowels out, as ICU's
# Latin-Hebrew writes any Latin name (וַסִלִ Vasili) and as dictionaries write names; it is
# read as an alphabet, not as an abjad. Sheva is silent.
HEBREW_VOWEL_POINTS = {
    "\u05b0": "", "\u05b1": "e", "\u05b2": "a", "\u05b3": "o", "\u05b4": "i", "\u05b5": "e",
    "\u05b6": "e", "\u05b7": "a", "\u05b8": "a", "\u05b9": "o", "\u05ba": "o", "\u05bb": "u",
    "\u05c7": "o",
}  # fmt: skip
HEBREW_SHURUK = "\u05bc"  # the dagesh in a vav that has no vowel of its own: וּ is u
HEBREW_SIN_DOT = "\u05c2"  # שׂ is s
# Pointed, the letters that are vowel letters or digraph halves unpointed are consonants:
# ו v (Hebrew's own reading, and ICU's for both v and w), ה h (ICU's h: סה sh, טה th).
HEBREW_POINTED_LATIN = {**HEBREW_LATIN, "ו": "v", "ה": "h"}


def has_vowel_points(word: str) -> bool:
    """Whether a word carries Hebrew vowel points (a sheva alone does not spell a vowel)."""
    return any(char in HEBREW_VOWEL_POINTS and char != "\u05b0" for char in word)


def hebrew_to_latin(word: str) -> str:
    """Romanise a Hebrew word letter by letter; other characters kept. Unpointed (as names
    are written) its vowels are left out but for the vowel letters; pointed, the points are
    read as the vowels they write (hebrew_pointed_to_latin)."""
    if has_vowel_points(word):
        return hebrew_pointed_to_latin(word)
    letters = [c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)]
    if letters == ["א"]:  # the Arabic article assimilated, as Hebrew writes it: א-זוואהירי
        return ""
    out: list[str] = []
    last = len(letters) - 1
    for i, char in enumerate(letters):
        if char in GERESHES:
            continue
        if i < last and letters[i + 1] in GERESHES and char in HEBREW_GERESH:
            out.append(HEBREW_GERESH[char])
        elif char == "ה" and i == last and i >= 2:
            out.append(HEBREW_VOWEL_END)
        elif char == "ע" and not out:
            out.append("a")
        elif char in "וי" and i > 0 and letters[i - 1] == char:
            continue  # וו and יי write one consonant v/w, y
        else:
            out.append(HEBREW_LATIN.get(char, char))
    return "".join(out)


def hebrew_pointed_to_latin(word: str) -> str:
    """Romanise a pointed Hebrew word: each letter as a consonant followed by the vowel its
    points write (points before any letter too: ICU writes an initial a as a patah alone,
    ַבבַס Abbas). A vav with holam or shuruk and no vowel of its own is that vowel (ו‎ֹ o,
    ו‎ּ u), a yod after a hiriq is the i's vowel letter, a shin with the sin dot is s."""
    out: list[str] = []
    for letter, marks in _pointed_letters(unicodedata.normalize("NFD", word)):
        vowel = "".join(HEBREW_VOWEL_POINTS[m] for m in marks if m in HEBREW_VOWEL_POINTS)
        if letter == "ו" and not vowel.strip("o") and ("\u05b9" in marks or "\u05ba" in marks):
            out.append("o")
        elif letter == "ו" and not vowel and HEBREW_SHURUK in marks:
            out.append("u")
        elif letter == "י" and not vowel and out and out[-1].endswith("i"):
            continue
        elif letter == "ש" and HEBREW_SIN_DOT in marks:
            out.append("s" + vowel)
        elif letter in HEBREW_GERESH and GERESHES.intersection(marks):
            out.append(HEBREW_GERESH[letter] + vowel)
        else:
            out.append(HEBREW_POINTED_LATIN.get(letter, letter) + vowel)
    return "".join(out)


def _pointed_letters(chars: str) -> list[tuple[str, str]]:
    """Each letter with the marks (and geresh) after it; marks before the first letter go
    with an empty one."""
    clusters: list[tuple[str, str]] = []
    letter, marks = "", ""
    for char in chars:
        if unicodedata.combining(char) or char in GERESHES:
            marks += char
            continue
        if letter or marks:
            clusters.append((letter, marks))
        letter, marks = char, ""
    if letter or marks:
        clusters.append((letter, marks))
    return clusters


# Khmer, which ICU cannot romanise at all (a Khmer name came out empty), in a simplified
# UNGEGN/BGN-PCGN romanisation: consonants as the table writes them; a vowel sign as its
# sound; a consonant with no vowel sign that opens a syllable has the inherent vowel of its
# series (a for the first, o for the second: កម្ពុជា Kampucha); a subscript consonant (after
# coeng ្) joins a cluster with no vowel between (វ៉្លាឌីមៀរ Vladimier, ពូទីន Putin); series
# shifters and other signs (៉ ៊ ់ ...) write no sound of their own.
KHMER_CONSONANTS = {
    "ក": "k", "ខ": "kh", "គ": "k", "ឃ": "kh", "ង": "ng", "ច": "ch", "ឆ": "chh", "ជ": "ch",
    "ឈ": "chh", "ញ": "nh", "ដ": "d", "ឋ": "th", "ឌ": "d", "ឍ": "th", "ណ": "n", "ត": "t",
    "ថ": "th", "ទ": "t", "ធ": "th", "ន": "n", "ប": "b", "ផ": "ph", "ព": "p", "ភ": "ph",
    "ម": "m", "យ": "y", "រ": "r", "ល": "l", "វ": "v", "ឝ": "s", "ឞ": "s", "ស": "s", "ហ": "h",
    "ឡ": "l", "អ": "",
}  # fmt: skip
KHMER_SECOND_SERIES = frozenset("គឃងជឈញឌឍទធនពភមយរលវ")
KHMER_VOWELS = {
    "ា": "a", "ិ": "i", "ី": "i", "ឹ": "oe", "ឺ": "eu", "ុ": "u", "ូ": "u", "ួ": "uo",
    "ើ": "aeu", "ឿ": "oea", "ៀ": "ie", "េ": "e", "ែ": "ae", "ៃ": "ai", "ោ": "o", "ៅ": "au",
    "ំ": "m", "ះ": "h", "ឥ": "i", "ឦ": "i", "ឧ": "u", "ឩ": "u", "ឪ": "ov", "ឫ": "rue",
    "ឬ": "rue", "ឭ": "lue", "ឮ": "lue", "ឯ": "ae", "ឰ": "ai", "ឱ": "ao", "ឲ": "ao", "ឳ": "au",
}  # fmt: skip
KHMER_COENG = "\u17d2"
KHMER_NASAL_FINALS = frozenset("ំះ")  # nikahit (m) and reahmuk (h): a vowel comes first


def _is_khmer(token: str) -> bool:
    return any("\u1780" <= c <= "\u17ff" for c in token)


def khmer_to_latin(word: str) -> str:
    """Romanise a Khmer word (see KHMER_CONSONANTS); ASCII characters are kept, others dropped."""
    # ប with muusikatoan (ប៉) is p (ប៉ុល Pol). Only letters and vowel signs carry sound;
    # coeng is kept to mark subscripts.
    word = word.replace("ប\u17c9", "ព")
    chars = [
        c
        for c in word
        if c in KHMER_CONSONANTS or c in KHMER_VOWELS or c == KHMER_COENG or c.isascii()
    ]
    out: list[str] = []
    after_vowel = False  # the previous sound was a vowel: a bare consonant closes a syllable
    series = "a"  # inherent vowel of the syllable's first consonant
    for i, char in enumerate(chars):
        if char == KHMER_COENG:
            continue
        if char.isascii():  # a Latin name with a Khmer letter pasted in keeps its letters
            out.append(char)
            after_vowel = False
            continue
        previous = chars[i - 1] if i else ""
        if char in KHMER_VOWELS:
            if char in KHMER_NASAL_FINALS and previous in KHMER_CONSONANTS:
                out.append(series)  # ំ, ះ right after a consonant: its inherent vowel + m, h
            out.append(KHMER_VOWELS[char])
            after_vowel = char not in KHMER_NASAL_FINALS  # ំ, ះ close the syllable
            continue
        subscript = previous == KHMER_COENG
        if not subscript:
            series = "o" if char in KHMER_SECOND_SERIES else "a"
        out.append(KHMER_CONSONANTS[char])
        following = chars[i + 1] if i + 1 < len(chars) else ""
        if following in KHMER_CONSONANTS and (subscript or not after_vowel):
            out.append(series)  # opens a syllable with no vowel written (ក in កម្ពុជា)
            after_vowel = True
        else:
            after_vowel = False
    return "".join(out)


# Arabic-script letters ICU's Arabic-Latin leaves as they are or romanises unhelpfully, folded
# to the Arabic letter for the same sound first:
# - ع (ayn) is written ʿ and then dropped, so علي became "ly": at the start of a word it
#   carries a vowel like alif (Ali); inside a word Latin leaves it out (سعيد Said, جعفر Jafar);
# - ة (ta marbuta, ICU "t") and ى (alif maqsura, ICU "y") are pronounced a: as ا (Fatima,
#   Qutmah; Musa, Mustafa);
# - Urdu retroflex letters (ٹ ڈ ڑ), Urdu ں ھ ے, Sorani Kurdish ڵ ڕ ۆ ێ ە and the Maghrebi ڨ (g),
#   which ICU does not know at all (پوٹن, Putin, came out as "pw n");
# - ض and ظ, which Arabic says d/dh and z/dh but Persian, Urdu and Pashto z (فضل Fadl and
#   Fazl, كاظم Kadhim and Kazim): "dz", which names.variants reads as d or z (not dh: ICU's
#   ذ, which at the end of a word is more often د + a silent ه).
ARABIC_FOLD = str.maketrans({
    "ة": "ا", "ى": "ا", "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن", "ھ": "ه", "ے": "ي",
    "ۓ": "ي", "ۀ": "ه", "ە": "ه", "ۆ": "و", "ێ": "ي", "ڵ": "ل", "ڕ": "ر", "ڨ": "گ",
    "ض": "dz", "ظ": "dz",
})  # fmt: skip
# A final ى is the Arabic alif maqsura (موسى Musa, مصطفى Mustafa), but Persian, Dari and Urdu
# writing uses it for the final ی (حقانى Haqqani, نورزى Noorzai): romanised "e", a letter ICU
# never writes for Arabic script, which names.variants reads as a or i.
ARABIC_FINAL_YA = "ى"
ARABIC_FINAL_YA_LATIN = "e"


def _is_arabic(token: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in token)


# Devanagari, Bengali, Gurmukhi and Gujarati write a consonant with an inherent a that Hindi,
# Bengali, Punjabi and Gujarati do not pronounce at the end of a word (schwa deletion: पुतिन is
# Putin, राम Ram), while ICU's ISO 15919 romanisation keeps it (putina). After a consonant
# cluster (कृष्ण, Krishna) the vowel stays.
INDIC_VOWELS = frozenset({"A", "AA", "I", "II", "U", "UU", "E", "EE", "AI", "O", "OO", "AU"})


def _schwa_deleted(word: str) -> bool:
    """Whether a word in an Indic script ends in a consonant whose inherent a is silent."""
    if len(word) < 2 or not "\u0900" <= word[-1] <= "\u0aff":
        return False
    last = unicodedata.name(word[-1], "")
    if unicodedata.category(word[-1]) != "Lo" or " LETTER " not in last:
        return False
    if last.rsplit(" ", 1)[-1] in INDIC_VOWELS or last.endswith(("VOCALIC R", "VOCALIC L")):
        return False
    return not unicodedata.name(word[-2], "").endswith("VIRAMA")


def _is_hebrew(token: str) -> bool:
    return any("\u05d0" <= c <= "\u05ea" for c in token)


# rigour's maybe_ascii costs about 16 µs a character on text it has not seen (an accented Latin
# name: 100 µs), and romanises Latin letter by letter. Other scripts it reads in context: ий -> y,
# μπ -> b, є makes a word Ukrainian, a Georgian letter lower-cases the Latin ones beside it. Latin
# words are spelled from each letter's cached romanisation.
BY_LETTER_SCRIPT = "LATIN "


@cache  # bounded by Unicode; a few hundred letters in practice
def letter_ascii(char: str) -> str | None:
    """The ASCII maybe_ascii gives one character alone, or None where a word holding it must
    be romanised whole: a letter of another script, a mark, one it leaves as it is."""
    if char.isascii():
        return char
    if not char.isalpha() or not unicodedata.name(char, "").startswith(BY_LETTER_SCRIPT):
        return None
    text = maybe_ascii(char, False)
    return text if text.isascii() else None


def written_in_latin(text: str) -> bool:
    """Whether every letter of a text is a Latin one, accented or not (Müller, Łukasz)."""
    return text.isascii() or all(letter_ascii(char) is not None for char in text if char.isalpha())


def romanise(word: str) -> str:
    """rigour's maybe_ascii of a word, letter by letter where that is the same."""
    letters = [letter_ascii(char) for char in word]
    if None in letters:
        return maybe_ascii(word, False)
    return "".join(letters)  # type: ignore[arg-type]


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def romanise_cyrillic(text: str) -> str:
    """The text with each space-separated word that has Cyrillic letters romanised as to_ascii
    reads it, its case and punctuation kept (ООО «Поинтер»: OOO <<Pointer>>); other words as
    they are."""
    return _cyrillic_words(text, _romanised_word)


def cyrillic_letters_latin(text: str) -> str:
    """romanise_cyrillic, but read letter by letter, as ICU's Cyrillic-Latin inverts its
    Latin-Cyrillic (ц c, ы y, й j, х h, ш s): "Йоинт Стоцк Цомпаны" is Joint Stock Company."""
    return _cyrillic_words(text, partial(_icu_word, CYRILLIC_LETTERS))


def written_in_ukrainian(text: str) -> bool:
    """Whether a text's Cyrillic is Ukrainian: some letter only Ukrainian writes (і ї є ґ),
    none only Russian writes (ы э ъ ё)."""
    return not UKRAINIAN_ONLY.isdisjoint(text) and RUSSIAN_ONLY.isdisjoint(text)


def romanise_ukrainian(text: str) -> str:
    """The text with each space-separated word that has Cyrillic letters romanised as ICU's
    Ukrainian-Latin/BGN reads it (г h, и y, х kh: Михайло Гаврилюк, Mykhaylo Havrylyuk), as
    the SDN list writes Ukrainian names (KLYUYEV, Andriy; YANUKOVYCH, Viktor); other words
    as they are."""
    return _cyrillic_words(text, partial(_icu_word, UKRAINIAN_LATIN))


def _cyrillic_words(text: str, read: Callable[[str], str]) -> str:
    if text.isascii():
        return text
    return " ".join(read(word) for word in text.split())


@lru_cache(maxsize=100_000)
def _romanised_word(word: str) -> str:
    return romanise(word) if _is_cyrillic(word) else word


@lru_cache(maxsize=200_000)
def _icu_word(rules: str, word: str) -> str:
    """A word with Cyrillic letters as an ICU rule set reads it; another word as it is."""
    return _icu(rules).transliterate(word) if _is_cyrillic(word) else word


@lru_cache(maxsize=500_000)
def to_ascii(token: str) -> str:
    """Lower-case ASCII romanisation of a token; may contain spaces (CJK syllables)."""
    if not token.isascii():
        if "χ" in token:
            token = GREEK_CHI.sub("kh", GREEK_FINAL_CHI.sub("h", token))
        if GREEK_GK in token:
            token = token.replace(GREEK_GK, "γ")
        if any("\u1f00" <= char <= "\u1fff" or char == ROUGH_BREATHING for char in token):
            token = rough_breathing_as_h(token)
        if _is_hebrew(token):
            token = hebrew_to_latin(token)
        elif _is_khmer(token):
            token = khmer_to_latin(token)
        elif _is_arabic(token):
            if token.endswith(ARABIC_FINAL_YA) and len(token) > 1:
                token = token[:-1] + ARABIC_FINAL_YA_LATIN
            token = token.translate(ARABIC_FOLD)
            start = 3 if token.startswith("الع") else 1  # العجلان: the word after al- too
            token = token[:start].replace("ع", "ا") + token[start:].replace("ع", "")
        text = romanise(token)
        if not text.isascii():
            text = _icu().transliterate(text)
            if _schwa_deleted(token) and text.endswith("a"):
                text = text[:-1]
        token = text
    return NON_ALNUM.sub(" ", APOSTROPHES.sub("", token.lower())).strip()
