"""Titles of office written with a person's name: "Presidente Vladimir Putin", "Putyin elnök".

rigour's person prefixes (Mr, Dr, His Excellency, President, Präsident ...) are English and a
few German and Italian forms. Screening queries come from payments and news in every language,
where a head of state or government is often named with the title of the office. The title is
no part of the name: "Presidente Vladimir Putin" is Vladimir Putin. It is evidence, though:
office_in_name tells which office a title names, offices_in_positions which offices a listed
person's positions name, and the scorer counts an agreeing office as one agreeing name part
("Präsident Putin" against PUTIN, Vladimir Vladimirovich, "President of the Russian Federation").

The table holds the titles of the two offices (president, prime minister/chancellor) in the
main European languages, Russian, Ukrainian, Belarusian, Bulgarian and Serbian Cyrillic,
Turkish, Indonesian/Malay, Greek and Korean, as each language writes them before the name,
with and without diacritics (Președintele, Presedintele). Hungarian and Korean put the title
after the name (Putyin elnök, 푸틴 대통령, 김정은 위원장). Generic words (minister, king, general) are left out:
they are also surnames or parts of organisation names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from embargo.names.edges import ClosingWords, OpeningWords

PRESIDENT = "president"
HEAD_OF_GOVERNMENT = "head of government"

# Titles written before the name, by office and language.
TITLES_BEFORE = {
    PRESIDENT: (
        "president",  # en, nl, sv, da, no, et
        "président", "presidente",  # fr; es, pt, it
        "präsident", "praesident", "bundespräsident", "bundespraesident", "staatspräsident",  # de
        "președintele", "președinte", "preşedintele", "preşedinte", "presedintele",  # ro
        "presedinte",
        "prezydent",  # pl
        "prezident", "prezidentka",  # cs, sk
        "predsjednik", "predsjednica", "predsednik", "predsednica",  # hr, bs; sr (Latin), sl
        "prezidentas", "prezidents", "presidentti", "presidenti",  # lt, lv, fi, sq
        "presiden",  # id, ms
        "cumhurbaşkanı", "cumhurbaskani",  # tr
        "президент", "прэзідэнт", "председник", "претседател",  # ru uk bg; be; sr; mk
        "πρόεδρος", "προεδρος",  # el
    ),
    HEAD_OF_GOVERNMENT: (
        "prime minister", "premier", "premier ministre", "primer ministro", "primeiro-ministro",
        "primeiro ministro", "primo ministro", "premierminister", "ministerpräsident",
        "ministerpraesident", "minister-president", "bundeskanzler", "bundeskanzlerin",
        "prim-ministrul", "prim-ministru", "premijer", "premiér", "pääministeri", "statsminister",
        "başbakan", "basbakan", "perdana menteri",
        "премьер-министр", "прем'єр-міністр", "премьер", "прем'єр", "премиер", "премијер",
        "πρωθυπουργός", "πρωθυπουργος",
    ),
}  # fmt: skip
# Titles written after the name: Hungarian (elnök, miniszterelnök) and Korean, which also
# names North Korean officials by their office (김정은 국무위원장, 김여정 부부장): president,
# prime minister, (State Affairs) chairman and vice-chairman, (general) secretary, department
# (vice-)director, marshal, general, comrade. Only the first two name an office kept as evidence.
TITLES_AFTER = {
    PRESIDENT: ("elnök", "elnok", "대통령"),
    HEAD_OF_GOVERNMENT: ("miniszterelnök", "miniszterelnok", "총리"),
    "": ("위원장", "국무위원장", "부위원장", "총비서", "비서", "부장", "부부장", "원수", "장군", "동지", "동무"),
}  # fmt: skip
# The same offices as list publishers write them in a position (SDN Title: "President of the
# Russian Federation"; UN: "Prime Minister"), in English.
POSITIONS = {
    PRESIDENT: re.compile(r"(?<!vice[- ])(?<!vice )\bpresident\b", re.IGNORECASE),
    HEAD_OF_GOVERNMENT: re.compile(r"\b(?:prime minister|chancellor|premier)\b", re.IGNORECASE),
}


APOSTROPHES = "'’ʼ"


def _alternation(titles: Iterable[str]) -> str:
    # Longest first, so that "premier ministre" is taken whole rather than "premier" alone;
    # a space in a title matches any run of spaces, an apostrophe any apostrophe.
    parts = []
    for title in sorted(titles, key=len, reverse=True):
        escaped = re.escape(title).replace(r"\ ", r"\s+").replace("'", f"[{APOSTROPHES}]")
        parts.append(escaped)
    return "|".join(parts)


def _all(titles: dict[str, tuple[str, ...]]) -> list[str]:
    return [title for group in titles.values() for title in group]


_BEFORE = re.compile(rf"^\W*(?:(?:{_alternation(_all(TITLES_BEFORE))})\.?\s+)+", re.IGNORECASE)
_AFTER = re.compile(rf"(?:\s+(?:{_alternation(_all(TITLES_AFTER))}))+\W*$", re.IGNORECASE)
# Most names have neither: their first and last words tell, without the regexes. A title's
# apostrophe matches any apostrophe, as in _alternation.
_OPENING = OpeningWords(
    title.replace("'", mark) for title in _all(TITLES_BEFORE) for mark in APOSTROPHES
)
_CLOSING = ClosingWords(_all(TITLES_AFTER))
# One group per office, so that the title found names its office; at one place the longest
# title wins (minister-president is a head of government, not a president).
_OFFICE_GROUPS = {"president": PRESIDENT, "head_of_government": HEAD_OF_GOVERNMENT}
_OFFICE = re.compile(
    "|".join(
        rf"(?P<{group}>(?<!\w)(?:{_alternation([*TITLES_BEFORE[office], *TITLES_AFTER[office]])})(?!\w))"
        for group, office in _OFFICE_GROUPS.items()
    ),
    re.IGNORECASE,
)


def remove_titles(name: str) -> str:
    """The name without titles of office before or after it, if any name words remain."""
    if not _OPENING.may_open(name) and not _CLOSING.may_close(name):
        return name
    return _remove_titles(name)


@lru_cache(maxsize=10_000)
def _remove_titles(name: str) -> str:
    """remove_titles by the regexes, for the few names whose edges may be titles."""
    stripped = _AFTER.sub("", _BEFORE.sub("", name))
    if stripped == name or not any(c.isalnum() for c in stripped):
        return name
    return stripped.strip()


# Religious and professional honorifics written with a person's name where the lists' people
# come from (Sheikh, Haji, Mullah, Mawlawi, Qari, Mufti, Ustadh, Eng.), in Latin, Arabic and
# Cyrillic script; rigour's person prefixes are English and European. They are not dropped: the lists
# write them in names ("HAJI SHAHBAZ KOOCHI", "Mufti Abdul Rahim") and as given or family
# names ("IBRAHIM, Haji", "SHEIKH, Muhammad Naeem"). The scorer weighs one that only one side
# writes less (match.names.HONORIFIC_FACTOR).
HONORIFICS = (
    "sheikh", "shaikh", "shaykh", "sheik", "shaik", "haji", "hajji", "hadji", "haci", "hajj",
    "alhaji", "alhajji", "alhaj", "al-haj", "al-hajj", "mullah", "mulla", "molla", "mawlawi",
    "maulavi", "mawlavi", "maulvi", "moulvi", "maulana", "mawlana", "moulana", "qari", "mufti",
    "ustadh", "ustaz", "ustadz", "eng", "engr", "engineer",
    "الشيخ", "شيخ", "الحاج", "حاج", "حاجي", "الملا", "ملا", "مولوي", "مولانا", "القاري", "قاري",
    "المفتي", "مفتي", "المهندس", "مهندس", "шейх", "хаджи", "мулла",
)  # fmt: skip


def office_in_name(name: str) -> str | None:
    """The office a title written with a person's name names (PRESIDENT, HEAD_OF_GOVERNMENT)."""
    if remove_titles(name) == name:
        return None
    for title in (_BEFORE.match(name), _AFTER.search(name)):
        found = _OFFICE.search(title.group(0)) if title is not None else None
        if found is not None and found.lastgroup is not None:
            return _OFFICE_GROUPS[found.lastgroup]
    return None


def offices_in_positions(positions: Iterable[str]) -> frozenset[str]:
    """The offices a listed person's positions name ("President of the Russian Federation")."""
    return frozenset(
        office for office, pattern in POSITIONS.items() if any(pattern.search(p) for p in positions)
    )
