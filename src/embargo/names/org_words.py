"""Words of organisation names written short or joined: "Intl", "Trdg", "SHPG", "B.V", "&".

Payment messages have 35-character lines, so organisation names arrive abbreviated; the lists
abbreviate too (KOREA SAMMA SHPG CO). rigour normalises legal forms, but not the other words of a
business name, and only legal forms written in full with their dots ("Joint Stock Co" and "B.V"
are not). Each abbreviation here has one reading in business names (Intl is International,
never a name of its own), but Ind, written out as industry, which is near enough both industries
and industrial to align with either; other ambiguous ones (Dev, Tech, Ent) are left alone. "&"
and "and" are dropped: "J & E" and "J and E" are one name.
"""

from __future__ import annotations

import re

from rigour.names import extract_org_types

ABBREVIATIONS = {
    "intl": "international", "int'l": "international", "natl": "national",
    "nat'l": "national", "mfg": "manufacturing", "mfrs": "manufacturers", "trdg": "trading",
    "grp": "group", "svcs": "services", "inds": "industries", "bros": "brothers",
    "assn": "association", "assoc": "association", "mgmt": "management", "mgt": "management",
    "hldgs": "holdings", "hldg": "holding", "shpg": "shipping", "engg": "engineering",
    "invt": "investment", "tpt": "transport", "dept": "department", "univ": "university",
    "bk": "bank", "ind": "industry",
}  # fmt: skip
_ABBREVIATION = re.compile(
    r"(?<![\w'’])(" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")\.?(?![\w'’])",
    re.IGNORECASE,
)
# "Co" is a company in a legal form only after the words that open one: "Joint Stock Co".
_LEGAL_CO = re.compile(r"\b(stock|liability)\s+co\b\.?", re.IGNORECASE)
# A dotted legal form without its last dot at the end of a name: "KING TRADE B.V", "ACME S.A".
_OPEN_ACRONYM = re.compile(r"(?<![\w.])(?:[^\W\d_]\.)+[^\W\d_]$")
# "J & E", "J and E": the conjunction says nothing of which firm it is, written either way.
_AND = re.compile(r"\s*&\s*|(?<!\S)and(?!\S)", re.IGNORECASE)


def expand_org_words(text: str) -> str:
    """The name with abbreviated business words written out and without '&' or 'and'."""
    if "&" in text or "and" in text.lower():
        without = _AND.sub(" ", text)
        if any(c.isalnum() for c in without):
            text = without
    text = _LEGAL_CO.sub(lambda m: f"{m.group(1)} company", text)
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], text)


def close_final_acronym(text: str) -> str:
    """The name with a dotted legal form left open at its end closed (KING TRADE B.V.), where
    closed it is one."""
    stripped = text.rstrip()
    if "." not in stripped or _OPEN_ACRONYM.search(stripped) is None:
        return text
    closed = stripped + "."
    if any(closed.endswith(original) for original, _ in extract_org_types(closed, generic=True)):
        return closed
    return text
