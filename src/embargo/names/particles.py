"""Arabic particles and joins, so that Aldin = Al Din = al-Din and Abdulrahman = Abd al-Rahman.

Works on lower-case ASCII tokens (after transliteration). Compounds are *split* into their
parts rather than joined, so that the result does not depend on word order (a list writes
"ALLAH DAD MATIN", a payment "Matin Allah Dad"):

- the article (al, el, ul; sun-letter forms ad-, ar-, as-, ash-, an-, at-, az- before a word that
  starts with the assimilated consonant) is dropped: "al-Qaida" -> qaida, "ar-Rahman" -> rahman;
- "abd" with the article, written joined or apart, is "abd" + the word: Abdul Rahman, Abd
  al-Rahman, Abdurrahman, Abdelrahman -> abd rahman; Abdullah, Abd Allah -> abd allah;
- "X ad-Din", "Xuddin", "Xeddine" -> X din; "Nasr Allah", "Nasrullah" -> nasr allah;
- "abou"/"abo" -> abu;
- patronymic links bin, ibn, bint, ould (not in first position) are dropped: they are spelled
  inconsistently (bin/ibn/ben/b.) and carry no identity of their own.
- Muhammad written short before another name (Mohd, Muhd: Malaysia, Singapore, Brunei; Md:
  Bangladesh) is muhammad.

The particle words abd, allah and din are not name parts of their own for the
"two parts must agree" rule (see PARTICLES).
"""

from __future__ import annotations

import re
from functools import lru_cache

ARTICLES = frozenset({"al", "el", "ul", "il"})
# Sun-letter assimilated articles, valid only before a word starting with that consonant.
SUN_ARTICLES = {"ad": "d", "ud": "d", "ed": "d", "ar": "r", "ur": "r", "er": "r", "as": "s",
                "us": "s", "es": "s", "ash": "sh", "ush": "sh", "esh": "sh", "an": "n", "un": "n",
                "at": "t", "ut": "t", "et": "t", "az": "z", "uz": "z", "ez": "z", "adh": "dh",
                "ath": "th", "ats": "ts"}  # fmt: skip
# bd: عبد romanised where the ayn is dropped; abdwl: an abjad writes the u of Abdul with waw.
# abdoul, abdool, abdoel: the French (West Africa), English (Mauritius, South Africa) and
# Dutch (Indonesia, Suriname) spellings of the u.
ABD_FORMS = frozenset({"abd", "bd", "abdul", "abdel", "abdal", "abdol", "abdil", "abdu", "abdur",
                       "abdus", "abdor", "abdes", "abdar", "abed", "abdwl", "abdwr", "abdoul",
                       "abdool", "abdoel"})  # fmt: skip
ABU_FORMS = frozenset({"abu", "abou", "abo", "aboo", "abw"})  # abw: ابو, אבו
# dyn, aldyn: الدين as an abjad writes it, ya for the long i.
DIN_FORMS = frozenset({"din", "deen", "dine", "eddine", "eddin", "uddin", "aldin", "eldin",
                       "addin", "aldeen", "eldeen", "uddeen", "udin", "dyn", "aldyn"})  # fmt: skip
# An abjad writes Allah الله without the long a (allh) and the joined ul- with waw (عبدوله: wlh).
ALLAH_FORMS = frozenset({"allah", "ullah", "ollah", "illah", "ulla", "olla", "alla", "allh",
                         "wllh"})  # fmt: skip
# bn, abn: بن, ابن as an abjad writes them; byn, aybn: with the i written out (בין, איבן, as
# Hebrew's plene spelling writes a vowel with yod, and بين, ايبن).
LINKS = frozenset(
    {"bin", "ibn", "bint", "binti", "ould", "walad", "ben", "bn", "abn", "byn", "aybn"}
)
MUHAMMAD_SHORT = frozenset({"mohd", "muhd", "md"})
MUHAMMAD = "muhammad"
# Words the rules above produce that are not a name part on their own ("abd" and "allah" make
# one name, Abdullah). "abu" is not among them: Abu Mamadou (a kunya) is not Mamadou.
PARTICLES = frozenset({"abd", "allah", "din"})

# w: an abjad writes the joined article's vowel u/o with waw (ابدولحوسين: abdwlhwsyn).
ABD_JOINED = re.compile(r"^a?bd(?:[aeiouw]{1,2}(?:l|r|d|s|n|z|t|sh))?([a-z]{3,})$")
# abd with the article's vowel spelled long or twice (Abdool, Abdoul, Abduul).
ABD_ARTICLE = re.compile(r"^a?bd[aeiou]{1,2}l$")
# An abjad may leave the article's vowel out too (אבדלרהמן, abdlrhmn): abd + l + a consonant.
ABD_BARE_ARTICLE = re.compile(r"^a?bdl([^aeiouwy][a-z]{2,})$")
DIN_JOINED = re.compile(r"^([a-z]{3,}?)(?:[aeu][ld]|[aeu]d|ee)?(?:din|deen|dine|dyn)$")
# Single-l spellings (Abdulah, Sanaulah, Nasrulah) are usual in Bosnian, Malay and Indonesian
# names; only with the article's u/o (or after abd), not "alah" (Fadalah is another name).
# wlah: the Latin single-l spelling (-ulah) written letter by letter in an abjad (نورولاه).
# A final i after Allah is the Hausa, Somali and Fula form (Abdullahi, Abdoulahi; عبداللهي
# abdallhy): the same name.
ALLAH_JOINED = re.compile(
    r"^([a-z]{2,}?)(?:(?:ullah|ollah|allah|illah|ulah|olah|allh|wlh|wlah)[iy]?|ulla|olla|alla|alah)$"
)
# Abdoulaye (Fula, Wolof, Mandinka) is Abdullah: abd + allah.
ABDULLAH_FORMS = frozenset({"abdoulaye", "abdoulay", "abdoulai", "abdulai", "abdulaye"})
SINGLE_L_ALLAH = "alah"


@lru_cache(maxsize=200_000)
def split_joined(token: str) -> tuple[str, ...]:
    """The parts of a single token that has particles written into it."""
    if token in ABDULLAH_FORMS:
        return ("abd", "allah")
    m = ALLAH_JOINED.match(token)
    if m is not None:
        stem = m.group(1)
        if stem in ABD_FORMS or stem.startswith(("abd", "bd")):
            return ("abd", "allah")
        if len(stem) >= 3 and not token.endswith(SINGLE_L_ALLAH):
            return (stem, "allah")
    m = ABD_BARE_ARTICLE.match(token) or ABD_JOINED.match(token)
    if m is not None and token not in ABD_FORMS:
        rest = m.group(1)
        # Assimilated article doubles the consonant: abdurrahman -> rahman.
        if len(rest) > 3 and rest[0] == rest[1]:
            rest = rest[1:]
        return ("abd", rest)
    m = DIN_JOINED.match(token)
    if m is not None and token not in DIN_FORMS:
        return (m.group(1), "din")
    return (token,)


def is_article(token: str, following: str | None) -> bool:
    if following is None:
        return False
    if token in ARTICLES:
        return True
    consonant = SUN_ARTICLES.get(token)
    return consonant is not None and following.startswith(consonant)


@lru_cache(maxsize=200_000)
def is_plain(token: str) -> bool:
    """Whether no particle rule reads or changes the token (most tokens of most names)."""
    return (
        not token.startswith("adb")
        and token not in ARTICLES
        and token not in SUN_ARTICLES
        and token not in LINKS
        and token not in ABD_FORMS
        and token not in ABU_FORMS
        and token not in DIN_FORMS
        and token not in ALLAH_FORMS
        and token not in MUHAMMAD_SHORT
        and ABD_ARTICLE.match(token) is None
        and split_joined(token) == (token,)
    )


def join_particles(tokens: list[str]) -> list[str]:
    """Apply the particle rules to a name's tokens (in order)."""
    if all(map(is_plain, tokens)):
        return list(tokens)
    return apply_particle_rules(tokens)


def apply_particle_rules(tokens: list[str]) -> list[str]:
    """join_particles token by token, without its shortcut for names with no particle."""
    out: list[str] = []
    n = len(tokens)
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < n else None
        if token.startswith("adb"):  # abd typed with b and d swapped (Adbul, Adb-al-Hamid)
            token = "abd" + token[3:]
        if is_article(token, following):
            continue
        if token in LINKS and out and following is not None:
            continue
        if token in ABD_FORMS or ABD_ARTICLE.match(token):
            out.append("abd")
        elif token in ABU_FORMS:
            out.append("abu")
        elif token in DIN_FORMS:
            out.append("din")
        elif token in ALLAH_FORMS:
            out.append("allah")
        elif token in MUHAMMAD_SHORT and following is not None:
            out.append(MUHAMMAD)
        else:
            out.extend(split_joined(token))
    return out
