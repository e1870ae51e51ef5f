"""The shortcuts in name analysis give exactly what the rules they skip give.

strip_person_prefixes skips rigour's prefix regex for a name whose first word opens no prefix;
join_particles skips the particle rules for a name with no particle. Both are compared with the
full rules on the names of the real SDN list, on every prefix written as names write them, and
on random text built from the characters that could fool a shortcut.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rigour._core import person_name_prefixes_list
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
from embargo.names.text import strip_person_prefixes
from embargo.sources import read_list

SDN = "ofac/sdn-history/sdn-2023-12-13.csv.gz"
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
