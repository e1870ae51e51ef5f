"""Scanning real material against real lists: the news story of 13 Dec 2023 and payments.

Listed parties used (OFAC SDN): 4695 HAMAS (aliases incl. IZZ AL-DIN AL-QASSAM BRIGADES);
46168 YAGHMOUR, Jihad Muhammad Shaker (a.k.a. YAGMUR, Cihat); 46233 KAYA, Mehmet; 46230 AL-DIN,
Haroun Mansour Yaqoub Nasser (a.k.a. ALDIN, Haroun Nasser); 46469 AWADALLAH, Nizar Mohammed —
all designated on 13 Dec 2023 for their roles in Hamas's finances in Türkiye.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.match import Screener
from embargo.sources import read_list
from embargo.store import Store
from embargo.text import scan
from embargo.text.finder import MentionIndex

HAMAS, YAGHMOUR, KAYA, ALDIN, AWADALLAH = (
    "ofac-4695",
    "ofac-46168",
    "ofac-46233",
    "ofac-46230",
    "ofac-46469",
)
NEWS = "news-2023-12-13.txt"


def entity_ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.entity_id for m in result.mentions}


def by_field(result) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, set[str]] = {}
    for m in result.mentions:
        out.setdefault(m.field, set()).add(m.entity_id)
    return out


@pytest.fixture(scope="module")
def news(data_dir: Path) -> str:
    return (data_dir.parent / "seed" / NEWS).read_text(encoding="utf-8")


def test_news_story_yields_hamas_and_nothing_else(news: str, news_screener: Screener) -> None:
    result = scan(news, screener=news_screener)
    assert result.format == "text"
    assert entity_ids(result) == {HAMAS}
    hamas = [m for m in result.mentions if m.entity_id == HAMAS]
    assert len(hamas) == news.count("Hamas")  # every mention, each at its place
    for m in hamas:
        assert news[m.start : m.end] == "Hamas" == m.text
        assert m.source == "us_ofac_sdn" and m.source_id == "4695" and m.caption == "HAMAS"
        assert m.score >= news_screener.threshold and m.explanation
        assert m.field is None
    texts = {m.text for m in result.mentions}
    assert not texts & {"Turkey", "Qatar", "NATO", "Treasury", "Doha", "Israel"}


def test_a_common_word_is_never_a_hit_alone(news_screener: Screener) -> None:
    # KAYA is a Turkish word and a surname: alone it is nobody; with the given name it is.
    alone = scan("Kaya said the KAYA rock (kaya) fell. Mehmet said no.", screener=news_screener)
    assert alone.mentions == []
    person = scan("Mehmet Kaya moved the funds.", screener=news_screener)
    assert entity_ids(person) == {KAYA}
    # A name-like pair whose first word is a lower-case verb is not a name.
    assert scan("Officials said Mehmet Kaya", screener=news_screener).mentions[0].text == (
        "Mehmet Kaya"
    )


@pytest.mark.parametrize("locale", ["en_US", "tr_TR", "ru_RU", "ar_AA", "fa_IR", "de_DE"])
def test_ordinary_prose_names_nobody(payment_screener: Screener, locale: str) -> None:
    # Persian once gave شمار هجاز ("number" + Hejaz): the consonants of HIJAZI, Samir reversed,
    # scored 0.90; the onset rule (ش is sh, not s) is what keeps it out.
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(11)
    prose = "\n\n".join(fake.paragraph(nb_sentences=12) for _ in range(60))
    result = scan(prose, screener=payment_screener)
    assert [(m.text, m.caption) for m in result.mentions] == []


def test_api_needs_a_screener() -> None:
    from embargo.text import ScanError

    with pytest.raises(ScanError, match="a screener is needed"):
        scan("Hamas")


def test_single_word_rules_come_from_the_lists_and_vocabulary(news_screener: Screener) -> None:
    index = scanner_index(news_screener)
    assert " hamas " in index.exact  # a rare enough one-word organisation name
    assert " kaya " not in index.exact  # only ever part of a person's name
    assert " mehmet kaya " in index.exact and " kaya mehmet " in index.exact


def scanner_index(screener: Screener) -> MentionIndex:
    from embargo.text import scanner_for

    return scanner_for(screener).index


def test_other_scripts_and_spellings_in_text(payment_screener: Screener) -> None:
    text = "Reports name Джихад Ягмур, also written جهاد يغمور, and Cihat Yağmur."
    result = scan(text, screener=payment_screener)
    assert [m.text for m in result.mentions] == ["Джихад Ягмур", "جهاد يغمور", "Cihat Yağmur"]
    assert entity_ids(result) == {YAGHMOUR}


def test_html_with_markup_hyphenation_and_line_breaks(
    payment_screener: Screener, fixture_bytes: Callable[[str], bytes]
) -> None:
    result = scan(fixture_bytes("news-markup.html"), screener=payment_screener)
    assert result.format == "html"
    found = {(result.text[m.start : m.end], m.entity_id) for m in result.mentions}
    assert found == {
        ("Jihad Yagh-\nmour", YAGHMOUR),
        ("Izz al-Din al-Qas\u00adsam\nBrigades", HAMAS),
        ("Mehmet\nKaya", KAYA),
    }


def test_mt103_hits_in_the_right_fields(
    payment_screener: Screener, fixture_bytes: Callable[[str], bytes]
) -> None:
    result = scan(fixture_bytes("mt103-yagmur.txt"), screener=payment_screener)
    assert result.format == "mt103"
    assert by_field(result) == {"59": {YAGHMOUR}, "70": {ALDIN}}
    for m in result.mentions:
        assert result.text[m.start : m.end] == m.text
    assert result.countries == []  # Türkiye and Germany are not embargoed


def test_mt103_homoglyph_wrapped_name_and_country_risk(
    payment_screener: Screener, fixture_bytes: Callable[[str], bytes]
) -> None:
    result = scan(fixture_bytes("mt103-structured.txt"), screener=payment_screener)
    assert by_field(result) == {"50F": {ALDIN}, "70": {HAMAS}}
    (brigades,) = [m for m in result.mentions if m.field == "70"]
    assert result.text[brigades.start : brigades.end] == "IZZ AL-DIN AL-QAS\nSAM BRIGADES"
    risks = {(c.field, c.country, c.text) for c in result.countries}
    assert ("57A", "ir", "BMJIIRTH") in risks  # the beneficiary bank's BIC
    assert ("59F", "ir", "IR") in risks and ("59F", "ir", "TEHRAN") in risks
    assert ("77B", "ir", "IR") in risks
    assert all(c.level == "comprehensive" for c in result.countries)


def test_pacs008_arabic_script_and_remittance(
    payment_screener: Screener, fixture_bytes: Callable[[str], bytes]
) -> None:
    result = scan(fixture_bytes("pacs008-arabic.xml"), screener=payment_screener)
    assert result.format == "pacs008"
    assert by_field(result) == {"Cdtr": {YAGHMOUR}, "UltmtCdtr": {KAYA}, "RmtInf": {AWADALLAH}}
    (creditor,) = [m for m in result.mentions if m.field == "Cdtr"]
    assert result.text[creditor.start : creditor.end] == "جهاد يغمور"
    assert [(c.field, c.country, c.text) for c in result.countries] == [
        ("RmtInf", "sy", "Damascus")
    ]


def test_clean_payments_have_no_hits(
    payment_screener: Screener, fixture_bytes: Callable[[str], bytes]
) -> None:
    for name in ("mt103-clean.txt", "pacs008-clean.xml"):
        result = scan(fixture_bytes(name), screener=payment_screener, sectoral=True)
        assert result.mentions == [] and result.countries == [], name


def test_sectoral_countries_only_when_asked(payment_screener: Screener) -> None:
    message = (
        "{1:F01COBADEFFAXXX0000000000}{2:I103SABRRUMMXXXXN}{4:\n:20:R1\n:23B:CRED\n"
        ":32A:240212RUB1450,00\n:50K:ANNA SCHMIDT\nBERLIN\n:57A:SABRRUMM\n"
        ":59:/40702810\nOOO ROMASHKA\nMOSCOW RUSSIA\n:71A:SHA\n-}"
    )
    assert scan(message, screener=payment_screener).countries == []
    risks = scan(message, screener=payment_screener, sectoral=True).countries
    assert {(c.field, c.text) for c in risks} >= {
        ("32A", "RUB"),
        ("57A", "SABRRUMM"),
        ("59", "RUSSIA"),
    }
    assert {c.level for c in risks} == {"sectoral"}


# -- the command ------------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('scan') / 'embargo.db'}"
    with Store(url) as store:
        store.load(read_list(data_dir / "ofac" / "sdn-history" / "sdn-2023-12-13.csv.gz"))
    return url


def test_scan_command_json(db: str, data_dir: Path) -> None:
    news = data_dir.parent / "seed" / NEWS
    result = runner.invoke(app, ["--db", db, "scan", str(news), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {m["entity_id"] for m in data["mentions"]} == {HAMAS}
    first = data["mentions"][0]
    assert set(first) >= {
        "start", "end", "text", "entity_id", "source", "source_id", "caption", "score",
        "explanation", "field",
    }  # fmt: skip
    assert data["countries"] == []


def test_scan_command_stdin_payment_table(db: str, fixture_bytes: Callable[[str], bytes]) -> None:
    result = runner.invoke(
        app,
        ["--db", db, "scan", "-", "--format", "mt103"],
        input=fixture_bytes("mt103-structured.txt"),
    )
    assert result.exit_code == 0, result.stderr
    assert "Country risk" in result.stdout and "BMJIIRTH" in result.stdout


def test_scan_command_errors(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><x>')
    result = runner.invoke(app, ["--db", db, "scan", str(bad), "--format", "pacs008"])
    assert result.exit_code == 2
    assert "bad.xml" in result.stderr and "not well-formed" in result.stderr
    result = runner.invoke(app, ["--db", db, "scan", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "cannot read" in result.stderr
    result = runner.invoke(app, ["--db", db, "scan", str(bad), "--format", "pdf"])
    assert result.exit_code == 2 and "--format" in result.stderr
