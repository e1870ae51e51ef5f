"""The screening dev set: disguises of real listed names, and a deterministic, fair build."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
from bench import devset
from bench.devset import (
    Case,
    Listed,
    NameIndex,
    build_cases,
    homoglyphs,
    initials,
    legal_form,
    name_key,
    particles,
    spelling_variant,
    to_arabic,
    to_cyrillic,
    to_greek,
    to_hebrew,
    to_turkish,
    typo,
    zero_width,
)

from embargo.sources import read_list

# Real SDN entries of 13 Dec 2023 and one organisation of the 2024-05-03 file.
YAGHMOUR = Listed(
    entity_id="ofac-46168",
    source="us_ofac_sdn",
    schema="Person",
    name="YAGHMOUR, Jihad Muhammad Shaker",
    given=["Jihad", "Muhammad", "Shaker"],
    family=["YAGHMOUR"],
    aliases=[],
    birth_dates=["1967-07-15", "1967"],
    countries=["tr"],
    imo=[],
)


def rng() -> random.Random:
    return random.Random(1)


def test_name_key_ignores_order_case_script_marks() -> None:
    assert name_key("YAGHMOUR, Jihad") == name_key("jihad  yaghmour") == "jihad yaghmour"
    assert name_key("Ja\u200bhad") == name_key("Jahad")


def test_typo_changes_a_letter_or_two_but_keeps_the_first() -> None:
    name = "Jihad Muhammad Shaker Yaghmour"
    for seed in range(30):
        out = typo(name, random.Random(seed))
        assert out is not None and out != name
        assert [t[0] for t in out.split()] == [t[0] for t in name.split()]
        assert abs(len(out) - len(name)) <= 2
    assert typo("Al Wa", rng()) is None  # nothing long enough to mistype


def test_spelling_variant_uses_the_table_then_letter_rules() -> None:
    out = spelling_variant("Jihad Muhammad Shaker Yaghmour", rng())
    assert out is not None
    changed = [
        (a, b)
        for a, b in zip(out.split(), ["Jihad", "Muhammad", "Shaker", "Yaghmour"], strict=True)
        if a != b
    ]
    assert len(changed) == 1
    old, new = changed[0][1].upper(), changed[0][0].upper()
    assert devset.VARIANTS[old] is devset.VARIANTS[new]  # Jihad/Cihat or Muhammad/Mohammed ...
    assert spelling_variant("BOUTROS KOOLEE", rng()) in {
        "BUTROS KOOLEE",
        "BOUTROS KULEE",
        "BOUTROS KOOLI",
    }


def test_scripts() -> None:
    assert to_cyrillic("Jihad Yaghmour") == "ДЖИХАД ЯГМУР"
    assert to_cyrillic("Vladimir Vladimirovich Putin") == "ВЛАДИМИР ВЛАДИМИРОВИЧ ПУТИН"
    greek = to_greek("Jihad Yaghmour")
    assert all(unicodedata.name(ch).startswith("GREEK") for ch in greek if ch.isalpha())
    # Unvocalised: medial a dropped, u and i written long, the article joined to its word.
    assert to_arabic("Yusuf al Qaradawi") == "يوسوف القردوي"
    hebrew = to_hebrew("Muhammad Yaghmour")
    assert all("HEBREW" in unicodedata.name(ch) for ch in hebrew if ch.isalpha())
    assert hebrew.split()[0][-1] == "ד"
    assert to_turkish("Jihad Muhammad Shaker Yaghmour") == "Cihat Muhammat Şaker Yağmur"
    assert to_turkish("Ivan Petrov") is None  # nothing Turkish spelling would change


def test_homoglyphs_and_zero_width_look_the_same() -> None:
    name = "Jihad Yaghmour"
    fake = homoglyphs(name, rng())
    assert fake is not None and fake != name and len(fake) == len(name)
    assert any(unicodedata.name(ch).startswith(("CYRILLIC", "GREEK")) for ch in fake)
    hidden = zero_width(name, rng())
    assert hidden is not None and hidden != name
    assert "".join(ch for ch in hidden if ch not in devset.INVISIBLE) == name


def test_particles() -> None:
    outs = {particles("Abd al-Rahman Yusuf", random.Random(s)) for s in range(20)}
    assert "Abdulrahman Yusuf" in outs
    outs = {particles("SALAH AL DIN HASAN", random.Random(s)) for s in range(20)}
    assert outs & {"SALAH ALDIN HASAN", "SALAHUDDIN HASAN"}
    assert particles("Ivan Petrov", rng()) is None


def test_initials_keep_the_family_name() -> None:
    outs = {initials(YAGHMOUR, random.Random(s)) for s in range(20)}
    assert outs == {"J. Yaghmour", "J.M.S. Yaghmour", "Jihad M. S. Yaghmour"}


def test_legal_forms() -> None:
    outs = {legal_form("OOO KOMPANIYA ZOLOTOI VEK", random.Random(s)) for s in range(30)}
    assert "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU KOMPANIYA ZOLOTOI VEK" in outs
    assert "KOMPANIYA ZOLOTOI VEK" in outs  # the form dropped
    outs = {
        legal_form("ASL ENERJI SANAYI VE TICARET ANONIM SIRKETI", random.Random(s))
        for s in range(30)
    }
    assert "ASL ENERJI SANAYI VE TICARET A.Ş." in outs
    assert legal_form("HAMAS", rng()) is None


def test_name_index_fairness() -> None:
    other = Listed(
        "ofac-1",
        "us_ofac_sdn",
        "Person",
        "YAGHMOUR, Jihad",
        ["Jihad"],
        ["YAGHMOUR"],
        [],
        [],
        [],
        [],
    )
    index = NameIndex([YAGHMOUR, other])
    assert index.fair("Jihad Muhammad Shaker Yaghmour", ["ofac-46168"])
    assert not index.fair("Jihad Yaghmour", ["ofac-46168"])  # another entry has that name
    assert index.listed("yaghmour jihad")


@pytest.fixture(scope="module")
def sdn_records(data_dir: Path) -> list:
    parsed = read_list(data_dir / "ofac" / "sdn-history" / "sdn-2023-12-13.csv.gz")
    return [(parsed.source, r) for r in parsed.records]


def test_build_is_deterministic_and_well_formed(
    sdn_records: list, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small build: fewer cases per category keeps the test quick, the logic is the same.
    monkeypatch.setattr(devset, "PER_CATEGORY", 20)
    monkeypatch.setattr(devset, "FAKER_PERSONS", 20)
    monkeypatch.setattr(devset, "FAKER_LOCALES", ("en_US", "tr_TR", "ru_RU", "zh_CN"))
    monkeypatch.setattr(devset, "OS_NEGATIVES", 200)
    monkeypatch.setattr(devset, "CONFLICTS", 50)
    first = build_cases(sdn_records, data_dir)
    assert first == build_cases(sdn_records, data_dir)
    kinds = {c.kind for c in first}
    assert kinds == {"positive", "negative", "conflict"}
    ids = {r.entity_id for _, r in sdn_records}
    listed = NameIndex(devset.listed_entries(sdn_records))
    categories = {c.category for c in first if c.kind == "positive"}
    assert {
        "typo",
        "variant",
        "script-cyrillic",
        "homoglyph",
        "legal-form",
        "vessel",
        "putin",
    } <= categories
    for case in first:
        assert isinstance(case, Case) and case.query.name.strip()
        if case.kind == "negative":
            assert not case.expected and not listed.listed(case.query.name)
        else:
            assert case.expected and case.expected[0] in ids
    assert [c for c in first if c.category == "putin"][0].expected == ("ofac-35096",)
    conflicts = [c for c in first if c.kind == "conflict"]
    assert all(c.query.birth_date and c.query.nationality for c in conflicts)
    # Round trip through the cache format.
    assert [Case.from_dict(c.to_dict()) for c in first] == first
