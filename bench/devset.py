"""The screening dev set: queries with known answers, built from the real lists in ../shared/data.

Positives start from names the lists really carry (SDN 2024-05-03 and the UN list of 2024-09-26)
and disguise them the way payment and customer data do: typos, transliteration variants, other
scripts, homoglyph and zero-width evasion, joined or split particles, dropped or reordered names,
initials, legal forms, aliases, vessels by name and IMO. Real outside sets join them: the UN
positives of yente's candidate-generation test (untreated and treated) and nomenklatura's 81
spellings of Vladimir Putin. Negatives are unlisted names: Faker persons and companies in many
locales and a sample of OpenSanctions' synthetic negatives. Conflicts are listed names with a birth
date at least 15 years off and another nationality: a screener should not alert on them.

Everything is seeded, so the set is the same on every run; it is cached (gzip JSONL) in the temp
directory, keyed by the input files, this module's source and the seed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from followthemoney import registry
from normality import normalize

from embargo.match.types import Query
from embargo.settings import shared_data_dir
from embargo.sources import Record, SourceError, read_list

SEED = 20231213
SDN_FILE = "ofac/sdn-history/sdn-2024-05-03.csv.gz"
UN_FILE = "un/un-consolidated-2024-09-26.xml.gz"  # 682 persons, like yente's 683 UN positives
UN_POSITIVES = "matching/yente-candidate-generation/positives_un_{}.csv"
PUTIN_FILE = "matching/nomenklatura-putin_names.txt"
NEGATIVE_FILES = (
    "matching/yente-candidate-generation/negatives_global.csv.gz",
    "matching/yente-candidate-generation/negatives_us.csv.gz",
)
PUTIN_SDN = "ofac-35096"

PER_CATEGORY = 200  # generated positives per category (fewer where fewer entries qualify)
EVIDENCE_SHARE = 0.25  # share of person positives that also carry the listed birth date/nationality
OS_NEGATIVES = 5_000  # sampled from each OpenSanctions negatives file
FAKER_PERSONS = 300  # per locale
FAKER_COMPANIES = 60  # per locale (where the locale has company names)
CONFLICTS = 1_000
FAKER_LOCALES = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "nl_NL", "pl_PL",
    "tr_TR", "ar_AA", "ar_SA", "fa_IR", "ru_RU", "uk_UA", "bg_BG", "el_GR", "he_IL", "hi_IN",
    "bn_BD", "zh_CN", "zh_TW", "ja_JP", "ko_KR", "th_TH", "vi_VN", "id_ID", "az_AZ", "ka_GE",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One dev-set query and what a screener should answer."""

    query: Query
    kind: str  # "positive", "negative" or "conflict"
    category: str
    expected: tuple[str, ...] = ()  # entity ids any of which is a right answer (the entry, twins)
    origin: str = ""  # the listed name or outside record the query was made from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Case:
        q = data["query"]
        query = Query(
            name=q["name"],
            schema=q["schema"],
            birth_date=q["birth_date"],
            nationality=tuple(q["nationality"]),
            country=tuple(q["country"]),
            id_number=tuple(q["id_number"]),
            id=q["id"],
        )
        return cls(query, data["kind"], data["category"], tuple(data["expected"]), data["origin"])


@dataclass
class Listed:
    """What the generators need of one listed entry."""

    entity_id: str
    source: str
    schema: str
    name: str  # the primary name as listed
    given: list[str]  # given names (first and middle), in order; empty if unknown
    family: list[str]  # family name tokens; empty if unknown
    aliases: list[str]
    birth_dates: list[str]
    countries: list[str]  # nationality, citizenship, country (codes)
    imo: list[str]
    twins: set[str] = field(default_factory=set)  # the same party on another list

    @property
    def natural(self) -> str:
        """The name in given-family order, as a person would write it."""
        if self.given and self.family:
            return " ".join(self.given + self.family)
        return self.name


# -- helpers ----------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """Order-, case-, script- and punctuation-blind key, for ambiguity and exclusion checks."""
    # Format characters (zero-width, soft hyphen) join letters; they must not split a token.
    visible = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    text = normalize(visible, lowercase=True, ascii=True) or ""
    return " ".join(sorted(text.split()))


def title(name: str) -> str:
    return " ".join(t[:1].upper() + t[1:].lower() for t in name.split())


def list_records(data_dir: Path | None = None) -> list[tuple[str, Record]]:
    """The entries the dev set is drawn from, (source, Record): the screener indexes these."""
    data = data_dir or shared_data_dir()
    out: list[tuple[str, Record]] = []
    for rel in (SDN_FILE, UN_FILE):
        try:
            parsed = read_list(data / rel)
        except SourceError as exc:  # e.g. a parser not built yet: the set is built without it
            print(f"devset: skipping {rel}: {exc}")
            continue
        out.extend((parsed.source, record) for record in parsed.records)
    return out


def _split_person(record: Record) -> tuple[list[str], list[str]]:
    entity = record.entity
    name = entity.first("name") or ""
    last = entity.first("lastName")
    given = [
        v
        for prop in ("firstName", "secondName", "middleName", "thirdName")
        for v in entity.get(prop, quiet=True)
    ]
    if last and given:
        return " ".join(given).split(), last.split()
    if "," in name:  # "FAMILY, Given Middle"
        family, _, rest = name.partition(",")
        return rest.split(), family.split()
    return [], []


def listed_entries(records: Iterable[tuple[str, Record]]) -> list[Listed]:
    entries: list[Listed] = []
    for source, record in records:
        e = record.entity
        if not e.schema.is_a("LegalEntity") and e.schema.name not in ("Vessel", "Airplane"):
            continue
        names = e.get("name")
        if not names:
            continue
        given, family = _split_person(record) if e.schema.is_a("Person") else ([], [])
        countries = [
            c for prop in ("nationality", "citizenship", "country") for c in e.get(prop, quiet=True)
        ]
        aliases = [
            a
            for prop in ("alias", "weakAlias", "previousName")
            for a in e.get(prop, quiet=True)
            if a not in names
        ] + names[1:]
        entries.append(
            Listed(
                entity_id=record.entity_id,
                source=source,
                schema=e.schema.name,
                name=names[0],
                given=given,
                family=family,
                aliases=aliases,
                birth_dates=e.get("birthDate", quiet=True),
                countries=countries,
                imo=e.get("imoNumber", quiet=True),
            )
        )
    _find_twins(entries)
    return entries


def _years(entry: Listed) -> set[str]:
    return {d[:4] for d in entry.birth_dates}


def _find_twins(entries: list[Listed]) -> None:
    """Mark the same party on two lists: same name key and, for people, a shared birth year."""
    by_key: dict[str, list[Listed]] = defaultdict(list)
    for entry in entries:
        for name in [entry.name, *entry.aliases]:
            by_key[name_key(name)].append(entry)
    for group in by_key.values():
        for a in group:
            for b in group:
                if a.source == b.source or a.schema != b.schema:
                    continue
                if a.schema == "Person" and not (_years(a) & _years(b)):
                    continue
                a.twins.add(b.entity_id)


class NameIndex:
    """Which entries carry a name (by key): a query is only a fair positive if unambiguous."""

    def __init__(self, entries: Iterable[Listed]) -> None:
        self.owners: dict[str, set[str]] = defaultdict(set)
        for entry in entries:
            for name in [entry.name, entry.natural, *entry.aliases]:
                self.owners[name_key(name)].add(entry.entity_id)

    def fair(self, query: str, expected: Iterable[str]) -> bool:
        owners = self.owners.get(name_key(query), set())
        return owners <= set(expected)

    def listed(self, name: str) -> bool:
        return name_key(name) in self.owners


# -- name disguises (pure, seeded by the rng passed in) ---------------------------------------

KEYBOARD = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip


def _match_case(new: str, like: str) -> str:
    return new.upper() if like.isupper() else new.lower()


def typo(name: str, rng: random.Random) -> str | None:
    """One or two keyboard slips (deletion, insertion, substitution, transposition, doubling)."""
    tokens = name.split()
    candidates = [i for i, t in enumerate(tokens) if sum(ch.isalpha() for ch in t) >= 4]
    if not candidates:
        return None
    edits = 2 if sum(len(t) for t in tokens) >= 12 and len(candidates) >= 2 else 1
    for i in rng.sample(candidates, edits):
        token = tokens[i]
        positions = [p for p in range(1, len(token)) if token[p].isalpha()]
        p = rng.choice(positions)
        ch = token[p]
        near = KEYBOARD.get(ch.lower(), "aeiou")
        op = rng.choice(("delete", "insert", "substitute", "transpose", "double"))
        if op == "delete":
            token = token[:p] + token[p + 1 :]
        elif op == "insert":
            token = token[:p] + _match_case(rng.choice(near), ch) + token[p:]
        elif op == "substitute":
            token = token[:p] + _match_case(rng.choice(near), ch) + token[p + 1 :]
        elif op == "transpose" and p + 1 < len(token) and token[p + 1] != ch:
            token = token[:p] + token[p + 1] + ch + token[p + 2 :]
        else:
            token = token[:p] + ch + token[p:]
        tokens[i] = token
    out = " ".join(tokens)
    return out if out != name else None


# Spellings of one name that different transliteration habits produce (English, French, German,
# Turkish, Russian-official and passport conventions). Only spellings seen on real lists or in
# the standard romanisation tables are grouped.
ARABIC_GROUPS: tuple[tuple[str, ...], ...] = (
    ("MUHAMMAD", "MOHAMMED", "MOHAMMAD", "MOHAMED", "MUHAMMED", "MOHAMAD", "MUHAMAD", "MEHMET"),
    ("AHMAD", "AHMED", "AHMET"),
    ("HUSAYN", "HUSSEIN", "HUSSAIN", "HUSAIN", "HUSEIN", "HUSEYIN", "HOSSEIN", "HOSEIN"),
    ("HASAN", "HASSAN"),
    ("HASANI", "HASSANI"),
    ("YUSUF", "YOUSEF", "YOUSUF", "YOUSSEF", "YUSEF", "YOSEF"),
    ("JIHAD", "CIHAT", "JEHAD"),
    ("ABDULLAH", "ABDALLAH", "ABDULLA", "ABDULAH"),
    ("OMAR", "UMAR", "OMER"),
    ("USAMA", "OSAMA", "USAMAH"),
    ("KHALID", "KHALED", "HALIT", "KHALIDE"),
    ("MAHMUD", "MAHMOUD", "MAHMOOD"),
    ("MUSTAFA", "MUSTAPHA", "MOUSTAFA", "MOSTAFA"),
    ("IBRAHIM", "EBRAHIM", "IBRAHEEM", "IBRAGIM"),
    ("ISMAIL", "ISMAEL", "ISMAYIL", "ESMAIL"),
    ("SAID", "SAEED", "SAYID", "SAYED"),
    ("HAMID", "HAMED"),
    ("MAHDI", "MEHDI"),
    ("REZA", "RIZA"),
    ("MOHSEN", "MUHSIN", "MOHSIN"),
    ("JAVAD", "JAWAD", "CEVAT"),
    ("JAFAR", "JAAFAR", "JAFFAR", "CAFER"),
    ("QASIM", "QASEM", "QASSEM", "KASSEM", "KASIM", "GASEM"),
    ("SALEH", "SALIH", "SALEEH"),
    ("ALI", "ALY"),
    ("HAIDAR", "HAYDAR", "HAIDER", "HEYDAR"),
    ("KARIM", "KAREEM", "KERIM"),
    ("MUSA", "MOUSA", "MOUSSA", "MUSSA"),
    ("ISSA", "ISA", "EISA"),
    ("YAHYA", "YAHIA", "YEHIA"),
    ("ZAKARIYA", "ZAKARIA", "ZAKARIYYA"),
    ("NASRALLAH", "NASRULLAH", "NASRALAH"),
    ("FATHI", "FATHY", "FETHI"),
    ("RAMI", "RAMY"),
    ("ABDELAZIZ", "ABDULAZIZ", "ABDELAZIZ"),
    ("AZIZ", "AZEEZ"),
    ("NASSER", "NASIR", "NASER", "NACER"),
)
SLAVIC_GROUPS: tuple[tuple[str, ...], ...] = (
    ("ALEKSANDR", "ALEXANDER", "ALEXANDR", "ALEKSANDER", "OLEKSANDR"),
    ("ALEKSEY", "ALEXEY", "ALEKSEI", "ALEXEI"),
    ("SERGEY", "SERGEI", "SERGUEI", "SERHIY"),
    ("DMITRY", "DMITRIY", "DMITRI", "DMYTRO"),
    ("YEVGENIY", "EVGENY", "YEVGENY", "EVGENIY", "EVGENII"),
    ("YURIY", "YURI", "YURY", "IURII"),
    ("NIKOLAY", "NIKOLAI"),
    ("ANDREY", "ANDREI", "ANDRIY"),
    ("VYACHESLAV", "VIACHESLAV"),
    ("IGOR", "IHOR"),
    ("MIKHAIL", "MIHAIL", "MYKHAILO"),
    ("ILYA", "ILIA", "ILJA"),
    ("TATYANA", "TATIANA"),
    ("NATALYA", "NATALIA"),
    ("YULIYA", "YULIA", "IULIIA"),
    ("ARKADY", "ARKADIY", "ARKADII"),
    ("VALERY", "VALERIY", "VALERII"),
    ("ANATOLY", "ANATOLIY", "ANATOLII"),
    ("GENNADY", "GENNADIY", "GENNADII"),
    ("GRIGORY", "GRIGORIY", "GRIGORII"),
    ("VASILY", "VASILIY", "VASILII", "VASYL"),
    ("PAVEL", "PAVLO"),
    ("PYOTR", "PETR", "PETER"),
    ("FYODOR", "FEDOR"),
    ("SEMYON", "SEMEN", "SEMION"),
    ("OLEG", "OLEH"),
    ("VLADIMIR", "VOLODYMYR", "WLADIMIR"),
)
VARIANT_GROUPS = ARABIC_GROUPS + SLAVIC_GROUPS
ARABIC_SPELLINGS = frozenset(v for group in ARABIC_GROUPS for v in group)
VARIANTS: dict[str, tuple[str, ...]] = {
    spelling: group for group in VARIANT_GROUPS for spelling in group
}
# Letter-level habits of romanisation: (pattern on an upper-case token, replacement).
SPELLING_RULES: tuple[tuple[str, str], ...] = (
    (r"OU", "U"),
    (r"OO", "U"),
    (r"EE", "I"),
    (r"Q", "K"),
    (r"KH", "H"),
    (r"SH", "CH"),
    (r"^J", "DJ"),
    (r"^DJ", "J"),
    (r"W", "V"),
    (r"IY", "I"),
    (r"AA", "A"),
    (r"YA", "IA"),
    (r"YU", "IU"),
    (r"SKIY$", "SKY"),
    (r"OV$", "OFF"),
    (r"^E", "YE"),
    (r"^YE", "E"),
    (r"DH", "Z"),
    (r"TH", "S"),
)


def spelling_variant(name: str, rng: random.Random) -> str | None:
    """Another transliteration of one name token: table spellings first, then letter habits."""
    tokens = name.split()
    upper = [t.upper() for t in tokens]
    in_table = [i for i, t in enumerate(upper) if t in VARIANTS]
    if in_table:
        i = rng.choice(in_table)
        options = [v for v in VARIANTS[upper[i]] if v != upper[i]]
        tokens[i] = (
            _match_case(rng.choice(options), tokens[i])
            if tokens[i].isupper()
            else title(rng.choice(options))
        )
        return " ".join(tokens)
    moves = [
        (i, pattern, repl)
        for i, t in enumerate(upper)
        for pattern, repl in SPELLING_RULES
        if len(t) >= 4 and re.search(pattern, t)
    ]
    if not moves:
        return None
    i, pattern, repl = rng.choice(moves)
    new = re.sub(pattern, repl, upper[i], count=1)
    tokens[i] = new if tokens[i].isupper() else title(new)
    return " ".join(tokens)


_LONE_H = re.compile(r"(?<![kszcgt])h")


def _icu(rules: str, text: str) -> str:
    import icu

    return icu.Transliterator.createInstance(rules).transliterate(text)


def to_cyrillic(name: str) -> str:
    """Russian spelling of a Latin name: English digraphs mapped first, then BGN in reverse."""
    text = name.lower()
    for a, b in (("gh", "g"), ("th", "t"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("dh", "d")):
        text = text.replace(a, b)
    text = _LONE_H.sub("kh", text)
    text = text.replace("j", "dzh").replace("w", "v").replace("q", "k").replace("x", "ks")
    text = re.sub(r"c(?!h)", "k", text)
    return _icu("Latin-Russian/BGN", text).upper()


def to_greek(name: str) -> str:
    text = name.lower()
    for a, b in (("sh", "s"), ("kh", "ch"), ("gh", "g"), ("th", "t"), ("ou", "u"), ("oo", "u")):
        text = text.replace(a, b)
    text = _LONE_H.sub("ch", text)
    text = text.replace("j", "tz").replace("w", "v").replace("q", "k")
    text = re.sub(r"(?<!o)u", "ou", text)  # Greek writes the u sound ου
    text = re.sub(r"c(?!h)", "k", text)
    greek = _icu("Latin-Greek/UNGEGN", text)
    return strip_marks(greek).upper()


def strip_marks(text: str) -> str:
    return unicodedata.normalize(
        "NFC",
        "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)),
    )


ARABIC = {
    "kh": "خ", "sh": "ش", "th": "ث", "dh": "ذ", "gh": "غ", "ch": "تش", "zh": "ج",
    "b": "ب", "p": "ب", "t": "ت", "j": "ج", "h": "ح", "d": "د", "r": "ر", "z": "ز", "s": "س",
    "f": "ف", "v": "ف", "q": "ق", "k": "ك", "c": "ك", "g": "غ", "l": "ل", "m": "م", "n": "ن",
    "w": "و", "y": "ي", "x": "كس",
}  # fmt: skip
HEBREW = {
    "kh": "ח", "ch": "ח", "sh": "ש", "th": "ת", "dh": "ד", "gh": "ג", "zh": "ז", "ts": "צ",
    "b": "ב", "p": "פ", "t": "ט", "j": "ג", "h": "ה", "d": "ד", "r": "ר", "z": "ז", "s": "ס",
    "f": "פ", "v": "ו", "q": "ק", "k": "כ", "c": "ק", "g": "ג", "l": "ל", "m": "מ", "n": "נ",
    "w": "ו", "y": "י", "x": "קס",
}  # fmt: skip
HEBREW_FINAL = {"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"}


ARABIC_PARTICLES = ("AL", "EL", "ABU", "ABOU", "BIN", "IBN", "BINT", "ABD", "ABDUL", "ABDEL")


def arabic_origin(name: str) -> bool:
    """Whether a romanised name is Arabic (or Persian) by its tokens: spellings and particles."""
    for token in re.split(r"[\s\-']+", name.upper()):
        if token in ARABIC_SPELLINGS or token in ARABIC_PARTICLES or token.startswith("ABD"):
            return True
    return False


def _abjad_token(
    token: str,
    letters: dict[str, str],
    vowels: dict[str, str],
    native: bool,
) -> str:
    """A spelling in an abjad. Native (Arabic-origin) names drop short medial a/e as the script
    does (Muhammad → محمد-like); foreign names get every vowel written, as Arabic and Hebrew
    press spell Fernandez or Vladimir."""
    t = token.lower()
    out: list[str] = []
    if t[:1] in "'’ʿ":  # a romanised ʿayn ('Ali, 'Abd) is a letter of its own
        out.append(vowels["ayn"])
        t = t[1:]
    t = re.sub(r"['’ʿʾ]", "", t)
    i = 0
    while i < len(t):
        two, one = t[i : i + 2], t[i]
        if two in ("ou", "oo", "uu"):
            out.append(vowels["u"])
            i += 2
            continue
        if two in ("ee", "ii"):
            out.append(vowels["i"])
            i += 2
            continue
        if one == "h" and i == len(t) - 1:
            out.append(vowels["final_h"])  # Abdullah → عبدالله-like, not a guttural ح
            break
        if two in letters:
            out.append(letters[two])
            i += 2
            continue
        if one in "aeiou":
            last = i == len(t) - 1
            if i == 0 and not out:
                out.append(
                    vowels["initial"]
                    + (vowels["i"] if one in "ie" else vowels["u"] if one in "ou" else "")
                )
            elif last and one in "ae":
                out.append(vowels["final_a"])
            elif one == "i" or (one == "e" and not native):
                out.append(vowels["i"])
            elif one in "ou":
                out.append(vowels["u"])
            elif one == "a" and not native:
                out.append(vowels["a"])
            i += 1
            continue
        if one in letters:
            out.append(letters[one])
        i += 1
    merged: list[str] = []
    for ch in out:
        if not merged or merged[-1] != ch:
            merged.append(ch)
    return "".join(merged)


ARABIC_VOWELS = {
    "initial": "ا", "a": "ا", "i": "ي", "u": "و", "final_a": "ا", "final_h": "ه", "ayn": "ع",
}  # fmt: skip
HEBREW_VOWELS = {
    "initial": "א", "a": "", "i": "י", "u": "ו", "final_a": "ה", "final_h": "ה", "ayn": "ע",
}  # fmt: skip


def to_arabic(name: str) -> str:
    native = arabic_origin(name)
    tokens = [t for t in re.split(r"[\s\-]+", name) if t]
    words: list[str] = []
    attach = ""
    for t in tokens:
        if t.lower() in ("al", "el"):
            attach = "ال"  # the article is written joined to the next word
            continue
        words.append(attach + _abjad_token(t, ARABIC, ARABIC_VOWELS, native))
        attach = ""
    return " ".join(words)


def to_hebrew(name: str) -> str:
    native = arabic_origin(name)
    words = []
    for t in re.split(r"[\s\-]+", name):
        if not t:
            continue
        word = _abjad_token(t, HEBREW, HEBREW_VOWELS, native)
        if word and word[-1] in HEBREW_FINAL:
            word = word[:-1] + HEBREW_FINAL[word[-1]]
        words.append(word)
    return " ".join(words)


def to_turkish(name: str) -> str | None:
    """Turkish orthography of an Arabic-origin name: Jihad → Cihat, Muhammad → Muhammet."""
    text = name.lower()
    for a, b in (
        ("sh", "ş"), ("ch", "ç"), ("gh", "ğ"), ("kh", "h"), ("ou", "u"), ("oo", "u"),
        ("ee", "i"), ("aa", "a"), ("th", "s"), ("dh", "z"), ("j", "c"), ("w", "v"),
        ("q", "k"), ("x", "ks"),
    ):  # fmt: skip
        text = text.replace(a, b)
    text = re.sub(r"([aeiou])d\b", r"\1t", text)  # final devoicing: Ahmad → Ahmet
    out = " ".join(t[:1].upper() + t[1:] for t in text.split())
    return out if name_key(out) != name_key(name) else None


HOMOGLYPHS = {
    "a": "аα", "c": "сϲ", "e": "еε", "i": "іι", "j": "ј", "o": "оοσ", "p": "рρ", "s": "ѕ",
    "x": "хχ", "y": "уγ", "A": "АΑ", "B": "ВΒ", "C": "С", "E": "ЕΕ", "H": "НΗ", "I": "ІΙ",
    "J": "Ј", "K": "КΚ", "M": "МΜ", "N": "Ν", "O": "ОΟ", "P": "РΡ", "S": "Ѕ", "T": "ТΤ",
    "X": "ХΧ", "Y": "УΥ", "Z": "Ζ",
}  # fmt: skip


def homoglyphs(name: str, rng: random.Random) -> str | None:
    """Latin letters swapped for Cyrillic or Greek look-alikes (one to three of them)."""
    spots = [i for i, ch in enumerate(name) if ch in HOMOGLYPHS]
    if not spots:
        return None
    chars = list(name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        chars[i] = rng.choice(HOMOGLYPHS[chars[i]])
    return "".join(chars)


INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")


def zero_width(name: str, rng: random.Random) -> str | None:
    """Zero-width characters or soft hyphens inside words, where screening filters break."""
    spots = [i for i in range(1, len(name)) if name[i - 1].isalpha() and name[i].isalpha()]
    if not spots:
        return None
    chars = list(name)
    for i in sorted(rng.sample(spots, min(len(spots), rng.randint(1, 3))), reverse=True):
        chars.insert(i, rng.choice(INVISIBLE))
    return "".join(chars)


def particles(name: str, rng: random.Random) -> str | None:
    """Arabic particles joined, split or hyphenated: Abd al-Rahman / Abdulrahman, al-Din / Aldin."""
    tokens = name.upper().replace("-", " - ").split()
    text = " ".join(tokens).replace(" - ", "-")
    options: list[str] = []
    joined = re.sub(r"\bABD (?:AL|EL|UL)[ -]?(\w+)", lambda m: "ABDUL" + m.group(1), text)
    if joined != text:
        options += [joined, re.sub(r"\bABD (?:AL|EL|UL)[ -]?(\w+)", r"ABD AL-\1", text)]
        options.append(re.sub(r"\bABD (?:AL|EL|UL)[ -]?(\w+)", r"ABDEL\1", text))
    split = re.sub(r"\bABD(?:UL|EL|AL)(\w{3,})", r"ABD AL \1", text).replace(
        "ABD AL LAH", "ABD ALLAH"
    )
    if split != text:
        options += [
            split,
            re.sub(r"\bABD(?:UL|EL|AL)(\w{3,})", r"ABDUL \1", text).replace(
                "ABDUL LAH", "ABD ALLAH"
            ),
        ]
    din = re.sub(r"\b(\w+)[ -](?:AL|EL|UD|ED)[ -]DIN(E?)\b", r"\1 ALDIN", text)
    if din != text:
        options += [din, re.sub(r"\b(\w+)[ -](?:AL|EL|UD|ED)[ -]DIN(E?)\b", r"\1UDDIN", text)]
    din_split = re.sub(r"\b(\w+?)(?:ALDIN|UDDIN|EDDINE?|ELDIN)\b", r"\1 AL DIN", text)
    if din_split != text:
        options.append(din_split)
    article = re.sub(r"\b(AL|EL)[ -](\w{3,})", r"\1\2", text)
    if article != text:
        options += [article, re.sub(r"\b(AL|EL)[ -](\w{3,})", r"\1-\2", text)]
        options.append(re.sub(r"\b(AL|EL)[ -](\w{3,})", r"\1 \2", text))
    for particle in ("ABU", "BIN", "IBN", "BINT", "ABOU"):
        pat = rf"\b{particle}[ -](\w{{3,}})"
        if re.search(pat, text):
            options += [re.sub(pat, rf"{particle}\1", text), re.sub(pat, rf"{particle}-\1", text)]
    options = [o for o in dict.fromkeys(options) if o != text and o != name.upper()]
    if not options:
        return None
    return title(rng.choice(options)) if not name.isupper() else rng.choice(options)


def drop_middle(entry: Listed, rng: random.Random) -> str | None:
    given, family = entry.given, entry.family
    if family and len(given) >= 2:
        keep = list(given)
        del keep[rng.randrange(1, len(keep))]
        return title(" ".join(keep + family))
    tokens = entry.name.replace(",", " ").split()
    if not family and len(tokens) >= 3:
        del tokens[rng.randrange(1, len(tokens) - 1)]
        return title(" ".join(tokens))
    return None


def reorder(entry: Listed, rng: random.Random) -> str | None:
    if entry.family and entry.given:
        if rng.random() < 0.6:
            return title(" ".join(entry.family + entry.given))  # family first, no comma
        return title(" ".join(entry.given[1:] + entry.family + entry.given[:1]))
    tokens = entry.name.replace(",", " ").split()
    if len(tokens) < 2:
        return None
    return title(" ".join(tokens[1:] + tokens[:1]))


def initials(entry: Listed, rng: random.Random) -> str | None:
    if not (entry.given and entry.family):
        return None
    if sum(ch.isalpha() for ch in "".join(entry.family)) < 3:
        return None  # "K. O" (O, Kuk-Ryol) says too little to be a fair positive
    family = title(" ".join(entry.family))
    firsts = [g[0].upper() for g in entry.given if g[:1].isalpha()]
    if not firsts:
        return None
    style = rng.randrange(3)
    if style == 0:
        return f"{firsts[0]}. {family}"
    if style == 1:
        return "".join(f"{f}." for f in firsts) + f" {family}"
    if len(entry.given) >= 2:
        middle = " ".join(f"{f}." for f in firsts[1:])
        return f"{title(entry.given[0])} {middle} {family}"
    return f"{firsts[0]} {family}"


# Legal forms and the other ways of writing them (pattern on the upper-case name → choices; an
# empty choice drops the form).
LEGAL_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bLIMITED LIABILITY COMPANY\b", ("LLC", "L.L.C.", "OOO", "")),
    (r"\bLLC\b", ("LIMITED LIABILITY COMPANY", "L.L.C.", "")),
    (r"\bOOO\b", ("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "LLC", "O.O.O.", "")),
    (r"\bOBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU\b", ("OOO", "LLC", "")),
    (r"\bPUBLIC JOINT STOCK COMPANY\b", ("PJSC", "PAO", "")),
    (r"\bCLOSED JOINT STOCK COMPANY\b", ("CJSC", "ZAO", "")),
    (r"\bOPEN JOINT STOCK COMPANY\b", ("OJSC", "OAO", "")),
    (r"\bJOINT[ -]STOCK COMPANY\b", ("JSC", "AO", "")),
    (r"\bAKTSIONERNOE OBSHCHESTVO\b", ("AO", "JSC", "")),
    (r"\bPJSC\b", ("PUBLIC JOINT STOCK COMPANY", "")),
    (r"\bJSC\b", ("JOINT STOCK COMPANY", "AO", "")),
    (r"\bCO\.,? LTD\.?", ("COMPANY LIMITED", "CO LTD", "")),
    (r"\bCOMPANY LIMITED\b", ("CO., LTD.", "CO LTD", "")),
    (r"\bLIMITED SIRKETI\b", ("LTD. STI.", "LIMITED ŞİRKETİ", "LTD STI", "")),
    (r"\bANONIM SIRKETI\b", ("A.Ş.", "AS", "ANONİM ŞİRKETİ", "")),
    (r"\bSANAYI VE TICARET\b", ("SAN. VE TIC.", "SAN VE TIC", "SANAYİ VE TİCARET")),
    (r"\bS\.A\. DE C\.V\.", ("SA DE CV", "")),
    (r"\bS\.?A\.? DE C\.?V\.?", ("S.A. DE C.V.", "")),
    (r"\bS\.A\.", ("SA", "SOCIEDAD ANONIMA", "")),
    (r"\bS\.R\.L\.", ("SRL", "")),
    (r"\bSDN\.? BHD\.?", ("SENDIRIAN BERHAD", "")),
    (r"\bPTE\.? LTD\.?", ("PRIVATE LIMITED", "")),
    (r"\bPVT\.? LTD\.?", ("PRIVATE LIMITED", "")),
    (r"\bPRIVATE LIMITED\b", ("PVT LTD", "PTE LTD", "")),
    (r"\bGMBH\b", ("G.M.B.H.", "")),
    (r"\bFZ[ -]?LLC\b|\bFZCO\b|\bFZE\b", ("",)),
    (r"\bL\.?L\.?C\.?$", ("LIMITED LIABILITY COMPANY", "")),
    (r"\bLIMITED\b", ("LTD", "LTD.", "")),
    (r"\bLTD\.?", ("LIMITED", "")),
    (r"\bCORPORATION\b", ("CORP", "CORP.", "")),
    (r"\bINCORPORATED\b", ("INC", "INC.")),
    (r"\bCOMPANY\b", ("CO", "CO.")),
)


def legal_form(name: str, rng: random.Random) -> str | None:
    text = name.upper()
    for form, choices in LEGAL_FORMS:
        # A form is a whole token run: S.A. must not match inside S.A.S., LTD not inside LTDA.
        pattern = rf"(?:{form})\.?(?!\w)(?!\.\w)"
        if re.search(pattern, text):
            new = re.sub(pattern, rng.choice(choices), text, count=1)
            new = re.sub(r"\s+", " ", new).strip(" ,")
            # Dropping the form must leave a name, not just "TRADING" or nothing.
            if len(new.split()) >= 1 and len(new) >= 4 and new != text:
                return new
            return None
    return None


# -- case builders ----------------------------------------------------------------------------


@dataclass
class Builder:
    entries: list[Listed]
    index: NameIndex
    rng: random.Random
    cases: list[Case] = field(default_factory=list)

    def expected(self, entry: Listed) -> tuple[str, ...]:
        return (entry.entity_id, *sorted(entry.twins))

    def add(
        self, category: str, entry: Listed, name: str | None, schema: str | None = None, **kw: Any
    ) -> bool:
        if not name or not name.strip() or name_key(name) == "":
            return False
        expected = self.expected(entry)
        if not self.index.fair(name, expected):
            return False
        query_schema = schema or entry.schema
        if schema is None and self.rng.random() < 0.3:
            query_schema = "LegalEntity"  # payment data often does not say what the party is
        fields: dict[str, Any] = dict(kw)
        if (
            entry.schema == "Person"
            and "birth_date" not in kw
            and self.rng.random() < EVIDENCE_SHARE
        ):
            if entry.birth_dates:
                fields["birth_date"] = sorted(entry.birth_dates, key=len)[-1]
            if entry.countries:
                fields["nationality"] = (entry.countries[0].upper(),)
        query = Query(name=name, schema=query_schema, **fields)
        self.cases.append(Case(query, "positive", category, expected, entry.name))
        return True

    def generate(
        self,
        category: str,
        pool: list[Listed],
        make: Callable[[Listed], str | None],
        n: int = PER_CATEGORY,
        **kw: Any,
    ) -> None:
        pool = list(pool)
        self.rng.shuffle(pool)
        made = 0
        for entry in pool:
            if made >= n:
                break
            made += self.add(category, entry, make(entry), **kw)


def _unambiguous(entries: list[Listed], index: NameIndex) -> list[Listed]:
    return [e for e in entries if index.fair(e.name, (e.entity_id, *e.twins))]


def listed_positives(entries: list[Listed], index: NameIndex, rng: random.Random) -> list[Case]:
    sdn = _unambiguous([e for e in entries if e.source == "us_ofac_sdn"], index)
    un = _unambiguous([e for e in entries if e.source == "un_sc_sanctions"], index)
    people = [e for e in sdn + un if e.schema == "Person" and len(e.natural.split()) >= 2]
    orgs = [e for e in sdn + un if e.schema in ("Organization", "Company", "LegalEntity")]
    parties = people + orgs
    b = Builder(entries, index, rng)

    def natural(e: Listed) -> str:
        return title(e.natural) if e.schema == "Person" else e.name

    b.generate("exact", parties, natural, n=PER_CATEGORY // 2)
    b.generate("typo", parties, lambda e: typo(natural(e), rng))
    b.generate("variant", people, lambda e: spelling_variant(natural(e), rng))
    b.generate("script-cyrillic", people, lambda e: to_cyrillic(e.natural))
    b.generate("script-arabic", people, lambda e: to_arabic(e.natural))
    b.generate("script-greek", people, lambda e: to_greek(e.natural))
    b.generate("script-hebrew", people, lambda e: to_hebrew(e.natural))
    arabic = [e for e in people if arabic_origin(e.natural)]
    b.generate("turkish", arabic, lambda e: to_turkish(e.natural))
    b.generate("homoglyph", parties, lambda e: homoglyphs(natural(e), rng))
    b.generate("zero-width", parties, lambda e: zero_width(natural(e), rng))
    b.generate("particles", parties, lambda e: particles(natural(e), rng))
    b.generate("dropped-middle", people, lambda e: drop_middle(e, rng))
    b.generate("reordered", people, lambda e: reorder(e, rng))
    b.generate("initials", _unique_initials(people, entries), lambda e: initials(e, rng))
    b.generate("legal-form", orgs, lambda e: legal_form(e.name, rng))
    with_alias = [e for e in parties if e.aliases]
    b.generate("alias", with_alias, lambda e: _usable_alias(e, rng))
    vessels = [e for e in _unambiguous(entries, index) if e.schema == "Vessel" and e.imo]
    for entry in rng.sample(vessels, min(len(vessels), PER_CATEGORY)):
        style = rng.randrange(3)
        name = (
            entry.name
            if style == 0
            else f"MV {entry.name}"
            if style == 1
            else typo(entry.name, rng)
        )
        imo = entry.imo[0]
        ident = imo if imo.upper().startswith("IMO") else f"IMO {imo}"
        b.add("vessel", entry, name, schema="Vessel", id_number=(ident,))
    return b.cases


def _unique_initials(people: list[Listed], entries: list[Listed]) -> list[Listed]:
    """People whose family name and first initial no other listed person shares: "M. Yusuf"
    names several entries, so it cannot be a positive with one right answer."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entries:
        if e.schema == "Person" and e.given and e.family:
            owners[(name_key(" ".join(e.family)), e.given[0][:1].upper())].add(e.entity_id)
    out = []
    for e in people:
        if not (e.given and e.family):
            continue
        key = (name_key(" ".join(e.family)), e.given[0][:1].upper())
        if owners[key] <= {e.entity_id, *e.twins}:
            out.append(e)
    return out


def _usable_alias(entry: Listed, rng: random.Random) -> str | None:
    # A one-word acronym alias ("BNC") is not a name a screener can be expected to resolve alone.
    good = [
        a
        for a in entry.aliases
        if (len(a.split()) >= 2 or len(a) >= 6) and sum(ch == "." for ch in a) < 2
    ]
    return rng.choice(good) if good else None


def un_positives(data: Path, entries: list[Listed], index: NameIndex) -> list[Case]:
    """yente's UN positives (untreated and row-aligned treated), mapped to UN list entries."""
    un = [e for e in entries if e.source == "un_sc_sanctions" and e.schema == "Person"]
    if not un:
        return []
    by_key: dict[str, list[Listed]] = defaultdict(list)
    for e in un:
        for name in (e.name, e.natural, *e.aliases):
            by_key[name_key(name)].append(e)
    cases: list[Case] = []
    untreated = _read_csv(data / UN_POSITIVES.format("untreated"))
    treated = _read_csv(data / UN_POSITIVES.format("treated"))
    for plain, disguised in zip(untreated, treated, strict=True):
        found = {e.entity_id: e for e in by_key.get(name_key(plain["full_name"]), [])}
        year = (plain.get("date_of_birth") or "")[:4]
        if len(found) > 1 and year:
            found = {k: e for k, e in found.items() if year in _years(e)}
        if len(found) != 1:
            continue  # not on this list version, or not telling two entries apart
        entry = next(iter(found.values()))
        expected = (entry.entity_id, *sorted(entry.twins))
        for category, row in (("un-untreated", plain), ("un-treated", disguised)):
            birth = (row.get("date_of_birth") or "").strip() or None
            nationality = tuple(
                n.strip().upper() for n in [row.get("nationality") or ""] if n.strip()
            )
            query = Query(
                name=row["full_name"], schema="Person", birth_date=birth, nationality=nationality
            )
            cases.append(Case(query, "positive", category, expected, entry.name))
    return cases


def putin_positives(data: Path, entries: list[Listed]) -> list[Case]:
    entry = next((e for e in entries if e.entity_id == PUTIN_SDN), None)
    if entry is None:
        return []
    expected = (entry.entity_id, *sorted(entry.twins))
    names = (data / PUTIN_FILE).read_text(encoding="utf-8").splitlines()
    return [
        Case(Query(name=n.strip(), schema="Person"), "positive", "putin", expected, entry.name)
        for n in names
        if n.strip()
    ]


def _read_csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def negative_names(data: Path) -> list[str]:
    """Every non-blank full name of the OpenSanctions negatives (NEGATIVE_FILES), in order."""
    return [
        row["full_name"]
        for rel in NEGATIVE_FILES
        for row in _read_csv(data / rel)
        if row["full_name"].strip()
    ]


def negatives(data: Path, index: NameIndex, rng: random.Random, seed: int) -> list[Case]:
    cases: list[Case] = []

    def add(name: str, schema: str, category: str) -> None:
        name = " ".join(name.split())
        if name and not index.listed(name):
            cases.append(Case(Query(name=name, schema=schema), "negative", category))

    for rel in NEGATIVE_FILES:
        rows = _read_csv(data / rel)
        label = "os-" + Path(rel).name.split(".")[0].removeprefix("negatives_")
        for row in rng.sample(rows, min(OS_NEGATIVES, len(rows))):
            add(row["full_name"], "Person" if rng.random() < 0.5 else "LegalEntity", label)
    from faker import Faker

    for n, locale in enumerate(FAKER_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed + n)
        for _ in range(FAKER_PERSONS):
            name = fake.name() if rng.random() < 0.5 else f"{fake.first_name()} {fake.last_name()}"
            add(name, "Person" if rng.random() < 0.5 else "LegalEntity", f"faker-{locale}")
        if hasattr(fake, "company"):
            for _ in range(FAKER_COMPANIES):
                add(
                    fake.company(),
                    "Company" if rng.random() < 0.5 else "LegalEntity",
                    f"faker-{locale}",
                )
    return cases


OTHER_COUNTRIES = ("us", "de", "fr", "br", "cn", "in", "ng", "gb", "mx", "jp", "se", "ca", "au")


def conflicts(entries: list[Listed], index: NameIndex, rng: random.Random) -> list[Case]:
    """Listed names with a birth date ≥ 15 years away from every listed one, and another nationality."""
    pool = [
        e
        for e in _unambiguous(entries, index)
        if e.schema == "Person" and e.birth_dates and e.countries and len(e.natural.split()) >= 2
    ]
    cases: list[Case] = []
    for entry in rng.sample(pool, min(CONFLICTS, len(pool))):
        years = sorted(int(y) for y in _years(entry) if y.isdigit())
        if not years:
            continue
        shift = rng.randint(15, 30)
        year = (
            years[0] - shift
            if rng.random() < 0.5 or years[-1] + shift > 2008
            else years[-1] + shift
        )
        birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        own = {c.lower() for c in entry.countries}
        country = rng.choice([c for c in OTHER_COUNTRIES if c not in own])
        nationality = country.upper() if rng.random() < 0.5 else registry.country.names[country]
        query = Query(
            name=title(entry.natural), schema="Person", birth_date=birth, nationality=(nationality,)
        )
        cases.append(Case(query, "conflict", "conflict", (entry.entity_id,), entry.name))
    return cases


# -- build and cache --------------------------------------------------------------------------


def _fingerprint(data: Path, seed: int) -> str:
    h = hashlib.sha1(Path(__file__).read_bytes())
    h.update(str(seed).encode())
    for rel in (
        SDN_FILE,
        UN_FILE,
        UN_POSITIVES.format("untreated"),
        UN_POSITIVES.format("treated"),
        PUTIN_FILE,
        *NEGATIVE_FILES,
    ):
        path = data / rel
        stat = path.stat() if path.exists() else None
        h.update(
            f"{rel}:{stat.st_size if stat else -1}:{stat.st_mtime_ns if stat else -1}".encode()
        )
    try:
        import faker

        h.update(faker.VERSION.encode())
    except ImportError:  # pragma: no cover
        pass
    return h.hexdigest()[:16]


def cache_path(data: Path, seed: int) -> Path:
    return (
        Path(tempfile.gettempdir())
        / "embargo-bench"
        / f"devset-{_fingerprint(data, seed)}.jsonl.gz"
    )


def build_cases(
    records: list[tuple[str, Record]], data: Path | None = None, seed: int = SEED
) -> list[Case]:
    """Generate the whole dev set (deterministic for a seed)."""
    data = data or shared_data_dir()
    rng = random.Random(seed)
    entries = listed_entries(records)
    index = NameIndex(entries)
    cases = listed_positives(entries, index, rng)
    cases += un_positives(data, entries, index)
    cases += putin_positives(data, entries)
    cases += conflicts(entries, index, rng)
    cases += negatives(data, index, rng, seed)
    return [
        Case(
            Query(**{**asdict(c.query), "id": f"{c.kind[:3]}-{i}"}),
            c.kind,
            c.category,
            c.expected,
            c.origin,
        )
        for i, c in enumerate(cases, start=1)
    ]


def load(
    records: list[tuple[str, Record]] | None = None,
    data: Path | None = None,
    seed: int = SEED,
    cache: bool = True,
) -> list[Case]:
    """The dev set, from the cache when the inputs and this module are unchanged."""
    data = data or shared_data_dir()
    path = cache_path(data, seed)
    if cache and path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [Case.from_dict(json.loads(line)) for line in fh]
    cases = build_cases(records if records is not None else list_records(data), data, seed)
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as fh:
            for case in cases:
                fh.write(json.dumps(case.to_dict(), ensure_ascii=False) + "\n")
        tmp.replace(path)
    return cases


def summary(cases: Iterable[Case]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for case in cases:
        counts[(case.kind, case.category)] += 1
    return dict(sorted(counts.items()))


def iter_jsonl(cases: Iterable[Case]) -> Iterator[str]:
    for case in cases:
        yield json.dumps(case.to_dict(), ensure_ascii=False)
