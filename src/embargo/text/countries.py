"""Countries and regions under comprehensive sanctions named in a payment: country risk.

Comprehensive (the payment is prohibited or needs a licence whoever the parties are, under US
and EU/UK rules alike): Iran, North Korea, Cuba (US), Syria, and the Crimea, Donetsk and Luhansk
regions of Ukraine. Russia, Belarus and Venezuela are under list-based and sectoral sanctions,
not an embargo: naming them does not by itself make a payment unlawful, and they appear in much
legitimate trade, so they are reported only when asked for (`sectoral=True`), as level
"sectoral". Zaporizhzhia and Kherson are not flagged: the occupied part cannot be told from a
name.

Found in a payment as: a country code in a structured field (ISO 3166 alpha-2/-3), the
country letters of a BIC, the currency of an amount (IRR, KPW, CUP, SYP …), or a country,
region, capital/major city or demonym written in an address or free-text field (English and
the usual SWIFT spellings; native-script names from countrynames). Detection in text reuses
the mention tokeniser and the names normaliser, so IRAN, Iran, Иран and إيران all count.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from countrynames.data import DATA
from rigour.territories import get_territory

from embargo.text.finder import build_streams, make_stream
from embargo.text.normal import norm_token
from embargo.text.tokens import iter_tokens, name_tokens

COMPREHENSIVE = ("ir", "kp", "cu", "sy", "ua-cri", "ua-dpr", "ua-lpr")
SECTORAL = ("ru", "by", "ve")

NAMES: dict[str, tuple[str, ...]] = {
    "ir": ("Iran", "Islamic Republic of Iran", "Iran Islamic Republic", "Iranian", "Tehran",
           "Teheran", "Isfahan", "Esfahan", "Tabriz", "Mashhad", "Mashad", "Bandar Abbas",
           "Qom", "Ahvaz", "Iran", "İran", "Irán", "Irão"),
    "kp": ("North Korea", "North Korean", "DPRK", "D P R K", "DPR Korea", "Korea DPR",
           "Democratic People's Republic of Korea", "Korea Democratic People's Republic",
           "Korea North", "Pyongyang", "Nampo", "Corée du Nord", "Nordkorea",
           "Corea del Norte", "Kuzey Kore", "Coreia do Norte"),
    "cu": ("Cuba", "Cuban", "Republic of Cuba", "Havana", "Habana", "La Habana",
           "Santiago de Cuba", "Kuba", "Küba"),
    "sy": ("Syria", "Syrian", "Syrian Arab Republic", "Damascus", "Aleppo", "Latakia",
           "Lattakia", "Tartus", "Homs", "Syrie", "Syrien", "Siria", "Suriye", "Suriah"),
    "ua-cri": ("Crimea", "Crimean", "Krym", "Krim", "Qirim", "Republic of Crimea",
               "Autonomous Republic of Crimea", "Sevastopol", "Sebastopol", "Simferopol",
               "Kerch", "Yalta", "Feodosia", "Feodosiya", "Yevpatoria", "Evpatoria"),
    "ua-dpr": ("Donetsk", "Donetsk People's Republic", "DNR", "Makiivka", "Makeevka",
               "Horlivka", "Gorlovka"),
    "ua-lpr": ("Luhansk", "Lugansk", "Luhansk People's Republic", "Lugansk People's Republic",
               "LNR", "Alchevsk"),
    "ru": ("Russia", "Russian Federation", "Russian", "Rossiya", "Moscow", "Moskva",
           "Saint Petersburg", "St Petersburg"),
    "by": ("Belarus", "Belarusian", "Byelorussia", "Belorussia", "Minsk"),
    "ve": ("Venezuela", "Venezuelan", "Bolivarian Republic of Venezuela", "Caracas"),
}  # fmt: skip

CURRENCIES = {
    "IRR": "ir", "KPW": "kp", "CUP": "cu", "CUC": "cu", "SYP": "sy",
    "RUB": "ru", "BYN": "by", "BYR": "by", "VES": "ve", "VEF": "ve", "VED": "ve",
}  # fmt: skip


@dataclass(frozen=True)
class CountryHit:
    country: str
    start: int
    end: int


def level(country: str) -> str | None:
    if country in COMPREHENSIVE:
        return "comprehensive"
    if country in SECTORAL:
        return "sectoral"
    return None


def wanted(country: str | None, sectoral: bool) -> bool:
    return country is not None and (country in COMPREHENSIVE or (sectoral and country in SECTORAL))


def from_code(code: str) -> str | None:
    """An ISO 3166 alpha-2/alpha-3 (or FtM) code → FtM territory code, if valid."""
    code = code.strip()
    if not 2 <= len(code) <= 6:
        return None
    territory = get_territory(code.lower())
    return territory.ftm_country if territory is not None else None


def from_bic(bic: str) -> str | None:
    """The country of a BIC (its 5th and 6th letters)."""
    return from_code(bic[4:6]) if len(bic) in (8, 11) else None


def from_currency(currency: str) -> str | None:
    return CURRENCIES.get(currency.upper())


def _native_names(code: str) -> list[str]:
    """Names in scripts other than Latin from countrynames (Иран, إيران, 朝鲜 …)."""
    names = DATA.get(code.upper(), [])
    return [n for n in names if not any("a" <= c.lower() <= "z" for c in n) and len(n) >= 3]


def _script_form(word: str) -> str:
    """A word in its own script, compatibility- and case-folded (no romanisation)."""
    return unicodedata.normalize("NFKC", word).casefold()


@lru_cache(maxsize=1)
def _automata() -> tuple[ahocorasick.Automaton, ahocorasick.Automaton]:
    """Curated names, romanised like text; native-script names matched in their own script.

    Native names are not romanised because romanised they collide with Latin words (إيران
    becomes "ayran", a Turkish drink; Сири "siri"; شام "sham").
    """
    latin = ahocorasick.Automaton()
    native = ahocorasick.Automaton()
    for code in COMPREHENSIVE + SECTORAL:
        for name in NAMES.get(code, ()):
            norms = [t for w in name_tokens(name) for t in norm_token(w)]
            if norms:
                key = " " + " ".join(norms) + " "
                latin.add_word(key, (len(key), code))
        for name in _native_names(code):
            words = [_script_form(w) for w in name_tokens(name)]
            if words:
                key = " " + " ".join(words) + " "
                native.add_word(key, (len(key), code))
    latin.make_automaton()
    native.make_automaton()
    return latin, native


def find_in_text(text: str) -> list[CountryHit]:
    """Countries and regions named in `text`; the longest name wins where names overlap."""
    tokens = list(iter_tokens(text))
    if not tokens:
        return []
    stream, _, _ = build_streams(tokens)
    script = make_stream([_script_form(t.text) for t in tokens], list(range(len(tokens))))
    latin, native = _automata()
    hits: list[CountryHit] = []
    for automaton, s in ((latin, stream), (native, script)):
        for end, (length, code) in automaton.iter(s.text):
            first = bisect.bisect_left(s.starts, end - length + 2)
            last = bisect.bisect_right(s.starts, end - 1) - 1
            t0, t1 = s.owner[first], s.owner[last]
            hits.append(CountryHit(code, tokens[t0].start, tokens[t1].end))
    return _longest(hits)


def _longest(hits: Iterable[CountryHit]) -> list[CountryHit]:
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[CountryHit] = []
    for hit in ordered:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out
