"""Titles of office written with a person's name: "Presidente Vladimir Putin", "Putyin elnök".

rigour's person prefixes (Mr, Dr, His Excellency, President, Präsident ...) are English and a
few German and Italian forms. Screening queries come from payments and news in every language,
where a head of state or government is often named with the title of the office. The title is
no part of the name: "Presidente Vladimir Putin" is Vladimir Putin.

The table holds the titles of the two offices (president, prime minister/chancellor) in the
main European languages, Russian, Ukrainian, Belarusian, Bulgarian and Serbian Cyrillic,
Turkish, Indonesian/Malay, Greek and Korean, as each language writes them before the name,
with and without diacritics (Președintele, Presedintele). Hungarian and Korean put the title
after the name (Putyin elnök, 푸틴 대통령, 김정은 위원장). Generic words (minister, king, general) are left out:
they are also surnames or parts of organisation names.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Titles written before the name, by language.
TITLES_BEFORE = (
    # president
    "president",  # en, nl, sv, da, no, et
    "président", "presidente",  # fr; es, pt, it
    "präsident", "praesident", "bundespräsident", "bundespraesident", "staatspräsident",  # de
    "președintele", "președinte", "preşedintele", "preşedinte", "presedintele", "presedinte",  # ro
    "prezydent",  # pl
    "prezident", "prezidentka",  # cs, sk
    "predsjednik", "predsjednica", "predsednik", "predsednica",  # hr, bs; sr (Latin), sl
    "prezidentas", "prezidents", "presidentti", "presidenti",  # lt, lv, fi, sq
    "presiden",  # id, ms
    "cumhurbaşkanı", "cumhurbaskani",  # tr
    "президент", "прэзідэнт", "председник", "претседател",  # ru uk bg; be; sr; mk
    "πρόεδρος", "προεδρος",  # el
    # prime minister, chancellor
    "prime minister", "premier", "premier ministre", "primer ministro", "primeiro-ministro",
    "primeiro ministro", "primo ministro", "premierminister", "ministerpräsident",
    "ministerpraesident", "minister-president", "bundeskanzler", "bundeskanzlerin",
    "prim-ministrul", "prim-ministru", "premijer", "premiér", "pääministeri", "statsminister",
    "başbakan", "basbakan", "perdana menteri",
    "премьер-министр", "прем'єр-міністр", "премьер", "прем'єр", "премиер", "премијер",
    "πρωθυπουργός", "πρωθυπουργος",
)  # fmt: skip
# Titles written after the name: Hungarian (elnök, miniszterelnök) and Korean, which also
# names North Korean officials by their office (김정은 국무위원장, 김여정 부부장): president,
# prime minister, (State Affairs) chairman and vice-chairman, (general) secretary, department
# (vice-)director, marshal, general, comrade.
TITLES_AFTER = (
    "elnök", "elnok", "miniszterelnök", "miniszterelnok",
    "대통령", "총리", "위원장", "국무위원장", "부위원장", "총비서", "비서", "부장", "부부장", "원수",
    "장군", "동지", "동무",
)  # fmt: skip


def _alternation(titles: tuple[str, ...]) -> str:
    # Longest first, so that "premier ministre" is taken whole rather than "premier" alone;
    # a space in a title matches any run of spaces, an apostrophe any apostrophe.
    parts = []
    for title in sorted(titles, key=len, reverse=True):
        escaped = re.escape(title).replace(r"\ ", r"\s+").replace("'", "['’ʼ]")
        parts.append(escaped)
    return "|".join(parts)


_BEFORE = re.compile(rf"^\W*(?:(?:{_alternation(TITLES_BEFORE)})\.?\s+)+", re.IGNORECASE)
_AFTER = re.compile(rf"(?:\s+(?:{_alternation(TITLES_AFTER)}))+\W*$", re.IGNORECASE)


@lru_cache(maxsize=100_000)
def remove_titles(name: str) -> str:
    """The name without titles of office before or after it, if any name words remain."""
    stripped = _AFTER.sub("", _BEFORE.sub("", name))
    if stripped == name or not any(c.isalnum() for c in stripped):
        return name
    return stripped.strip()
