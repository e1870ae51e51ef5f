"""Countries as ISO 3166 alpha-2 codes, whatever spelling a list or a user gives.

FollowTheMoney's country type (backed by rigour's territories and countrynames) already knows
`TR`, `TUR`, `Turkey`, `Türkiye` and `Turkish` as one country; this module only adds reading a
country out of a free-text place ("Istanbul, Turkey") and a clear error for the command line.
"""

from __future__ import annotations

from functools import lru_cache

import countrynames
from followthemoney.types import registry

from embargo.insight.errors import InsightError


class UnknownCountry(InsightError):
    """A country the user named that no code, name or adjective matches."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(
            f"unknown country {text!r}: give an ISO code (TR, TUR), a name (Turkey, Türkiye) "
            "or an adjective (Turkish)"
        )


def _known(code: str | None) -> str | None:
    return code.upper() if code and code.lower() in registry.country.names else None


@lru_cache(maxsize=8192)
def _quick_code(text: str) -> str | None:
    """A code without FtM's full lookup: the text is a code, or countrynames knows it."""
    if text.lower() in registry.country.names:  # what FtM country properties hold
        return text.upper()
    return _known(countrynames.to_code(text))


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """The upper-case ISO alpha-2 code (or FtM territory code, e.g. `XK`) for a country text."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    # countrynames answers names, adjectives and alpha-3 quickly; FtM's own lookup (rigour)
    # builds a large name table on first use, so it is only the fallback.
    return _quick_code(text) or _known(registry.country.clean(text))


@lru_cache(maxsize=8192)
def country_in_place(text: str | None) -> str | None:
    """The country of a free-text place: the whole text, else its last comma-separated part
    that names a country ("Salfit, West Bank, Palestinian" → PS, "Khan Younis, Gaza" → PS)."""
    if not text or not text.strip():
        return None
    code = _quick_code(text.strip())
    if code is not None:
        return code
    parts = [p.strip(" .;") for p in text.split(",") if p.strip(" .;")]
    for i, part in enumerate(reversed(parts)):
        # The full lookup only for the last part, where lists put the country.
        code = country_code(part) if i == 0 else _quick_code(part)
        if code is not None:
            return code
    return None


def country_name(code: str) -> str:
    """A readable name for a code (FtM's English label, e.g. `Türkiye`)."""
    return registry.country.caption(code.lower()) or code


def parse_country(text: str) -> str:
    """A user's country argument as a code; `UnknownCountry` if nothing matches."""
    code = country_code(text)
    if code is None:
        raise UnknownCountry(text)
    return code
