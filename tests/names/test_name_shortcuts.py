"""The shortcuts in name analysis give exactly what the rules they skip give.

strip_person_prefixes skips rigour's prefix regex for a name whose first word opens no prefix;
remove_titles skips the title regexes for a name whose first word opens no title and whose last
is none; join_particles skips the particle rules for a name with no particle; romanise spells Latin
words letter by letter instead of asking rigour's maybe_ascii for the whole word. Each is
compared with the full rule on real names (the SDN list; OpenSanctions' names of many locales),
on every prefix written as names write them, and on random text built from the characters that
could fool a shortcut.
"""

from __future__ import annotations

import csv
import gzip
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rigour._core import maybe_ascii, person_name_prefixes_list
from rigour.names import remove_person_prefixes

from embargo.names import PERSON, analyse_name
from embargo.names.particles import (
    ABD_FORMS,
    ABU_FORMS,
    ALLAH_FORMS,
    ARTICLES,
    DIN_FORMS,
    LINKS,
    SUN_ARTICLES,
    apply_particle_rules,
    join_particles,
)
from embargo.names.text import split_words, strip_person_prefixes
from embargo.names.titles import APOSTROPHES, TITLES_AFTER, TITLES_BEFORE, remove_titles
from embargo.names.titles import _remove_titles as remove_titles_by_regex
from embargo.names.translit import BY_LETTER_SCRIPT, romanise
from embargo.sources import read_list

SDN = "ofac/sdn-history/sdn-2023-12-13.csv.gz"
NAMES_OF_MANY_LOCALES = "matching/yente-candidate-generation/negatives_global.csv.gz"
PREFIXES = person_name_prefixes_list()


@pytest.fixture(scope="module")
def sdn_names(data_dir: Path) -> list[str]:
    parsed = read_list(data_dir / SDN)
    return [name for record in parsed.records for name in record.entity.get("name")]


def test_prefix_shortcut_on_list_names(sdn_names: list[str]) -> None:
    assert len(sdn_names) > 10_000
    for name in sdn_names:
        assert strip_person_prefixes(name) == remove_person_prefixes(name), name


@pytest.mark.parametrize("prefix", PREFIXES)
def test_prefix_shortcut_on_every_prefix(prefix: str) -> None:
    for written in (prefix, prefix.upper(), prefix.lower(), prefix.title()):
        for name in (
            f"{written} Jihad Yaghmour",
            f"{written}. Jihad Yaghmour",
            f"  ({written}) Jihad",
            f"-{written}.  Mehmet Kaya",
            f"{written}Kaya",
            f"{written}",
            f"{written} ",
        ):
            assert strip_person_prefixes(name) == remove_person_prefixes(name), name


def test_prefix_shortcut_reads_case_as_the_regex_does() -> None:
    # The dotless ı and the Kelvin sign K match i and k in a case-blind regex.
    for name in ("Mıss Jane Doe", "MİSS Jane", "Sır John", "\u212aaya Mehmet", "FRÄULEIN Anna"):
        assert strip_person_prefixes(name) == remove_person_prefixes(name), name
    assert strip_person_prefixes("Mıss Jane Doe") == "Jane Doe"


# Text from the letters of the prefixes, their look-alikes in case-blind matching, and the
# separators around them.
TRICKY = st.text(
    alphabet=st.sampled_from(list("MmRrSsDdTtHhEeIiAaOoÄäıİſ\u212a. -,()'\t\u00a0ДжМр")),
    max_size=16,
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.one_of(TRICKY, st.sampled_from(PREFIXES)), max_size=4))
def test_prefix_shortcut_on_random_text(parts: list[str]) -> None:
    name = " ".join(parts)
    assert strip_person_prefixes(name) == remove_person_prefixes(name)


TITLES_WRITTEN_BEFORE = [title for group in TITLES_BEFORE.values() for title in group]
TITLES_WRITTEN_AFTER = [title for group in TITLES_AFTER.values() for title in group]


def by_regex(name: str) -> str:
    return remove_titles_by_regex.__wrapped__(name)


def test_title_shortcut_on_list_names(sdn_names: list[str]) -> None:
    for name in sdn_names:
        assert remove_titles(name) == by_regex(name), name


@pytest.mark.parametrize("title", TITLES_WRITTEN_BEFORE + TITLES_WRITTEN_AFTER)
def test_title_shortcut_on_every_title(title: str) -> None:
    spellings = {title, title.upper(), title.title(), *(title.replace("'", a) for a in APOSTROPHES)}
    for written in spellings:
        for name in (
            f"{written} Vladimir Putin",
            f"{written}. Putin",
            f" «{written}\u00a0Putin",
            f"{written}Putin",
            f"Putyin {written}",
            f"Kim Jong Un {written}.",
            f"Kim {written} - !",
            f"Kim-{written}",
            f"{written}",
            f" {written} ",
        ):
            assert remove_titles(name) == by_regex(name), name


def test_title_shortcut_reads_case_as_the_regex_does() -> None:
    # The Kelvin sign K is a k to a case-blind regex: "Putyin ELNO\u212a" ends with a title.
    for name in ("Putyin ELNO\u212a", "PRESİDENT Putin", "Putyin elnöK!", "ПРЕЗИДЕНТ Путин"):
        assert remove_titles(name) == by_regex(name), name
    assert remove_titles("Putyin ELNO\u212a") == "Putyin"


TITLE_TEXT = st.text(
    alphabet=st.sampled_from(list("PpRrEeSsIiDdNnTtLlOoKkÖöıİ\u212a. -,'’\t\u00a0Прездинт대통령")),
    max_size=16,
)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.one_of(TITLE_TEXT, st.sampled_from(TITLES_WRITTEN_BEFORE + TITLES_WRITTEN_AFTER)),
        max_size=4,
    )
)
def test_title_shortcut_on_random_text(parts: list[str]) -> None:
    name = " ".join(parts)
    assert remove_titles(name) == by_regex(name)


def test_particle_shortcut_on_list_names(sdn_names: list[str]) -> None:
    for name in sdn_names:
        tokens = list(analyse_name(name, PERSON).tokens)
        assert join_particles(tokens) == apply_particle_rules(tokens), name


PARTICLE_WORDS = sorted(
    ARTICLES | set(SUN_ARTICLES) | LINKS | ABD_FORMS | ABU_FORMS | DIN_FORMS | ALLAH_FORMS
)
WORDS = st.one_of(
    st.sampled_from(PARTICLE_WORDS),
    st.sampled_from(["rahman", "nasrullah", "abdulrahman", "adbul", "shams", "dawood", "kaya"]),
    st.text(alphabet="abdelnorsuhi", min_size=1, max_size=9),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(WORDS, max_size=5))
def test_particle_shortcut_on_random_tokens(tokens: list[str]) -> None:
    assert join_particles(tokens) == apply_particle_rules(tokens)


def test_romanise_letter_by_letter_on_real_words(data_dir: Path) -> None:
    with gzip.open(data_dir / NAMES_OF_MANY_LOCALES, "rt", encoding="utf-8") as fh:
        names = [row["full_name"] for row in csv.DictReader(fh)]
    words = {
        word.casefold()
        for name in names
        for word in split_words(unicodedata.normalize("NFKC", name))
        if not word.isascii()
    }
    by_letter = [w for w in words if all(c.isascii() or _lettered(c) for c in w)]
    assert len(by_letter) > 2_000  # Latin with diacritics: Müller, Şahin, Nguyễn
    for word in words:
        assert romanise(word) == maybe_ascii(word, False), word


def _lettered(char: str) -> bool:
    return unicodedata.name(char, "").startswith(BY_LETTER_SCRIPT)


# Latin letters with and without marks, combining marks, and Georgian, Cyrillic and Greek,
# which must go to maybe_ascii whole.
LETTERS = st.sampled_from(list("aAeEıİßøŁłÆæðþŋĳÇçĞğŞşÖöÜüñãễ\u0301\u0308ქართლიЙйийΜΠμπ'-0"))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=LETTERS, min_size=1, max_size=8))
def test_romanise_letter_by_letter_on_random_text(word: str) -> None:
    assert romanise(word) == maybe_ascii(word, False)
