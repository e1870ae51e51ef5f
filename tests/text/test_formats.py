"""Reading the four input formats: what is screened, where it is, and clear errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from embargo.text import ScanError, detect_format
from embargo.text import countries as country_risk
from embargo.text.html import extract_text
from embargo.text.mt103 import MessageError
from embargo.text.mt103 import segments as mt103_segments
from embargo.text.pacs008 import segments as pacs008_segments
from embargo.text.scan import decode


def located(text: str, segs: list, kind: str, field: str) -> list[str]:
    """The message text at each segment's reported offsets."""
    out = []
    for s in segs:
        if s.kind == kind and s.field == field:
            out.append(text[s.offset(0) : s.offset(len(s.text) - 1) + 1])
    return out


def test_detects_formats(fixture_bytes: Callable[[str], bytes]) -> None:
    assert detect_format(fixture_bytes("mt103-yagmur.txt")) == "mt103"
    assert detect_format(fixture_bytes("pacs008-arabic.xml")) == "pacs008"
    assert detect_format(fixture_bytes("news-markup.html")) == "html"
    assert detect_format(b"Fresh sanctions have been imposed on Hamas leaders.") == "text"
    assert detect_format("<p>Hamas</p>") == "html"


def test_html_drops_scripts_and_joins_inline_markup(fixture_bytes: Callable[[str], bytes]) -> None:
    text = extract_text(fixture_bytes("news-markup.html"))
    assert "not text" not in text and "color" not in text  # script and style dropped
    assert "Jihad Yagh-\nmour" in text  # <b>/<i> inline: words kept together
    assert "Qas\u00adsam" in text  # &shy; decoded, left for the tokeniser
    assert "Mehmet\nKaya" in text  # <br> is a line break, not a glue
    assert extract_text("<td>Ha</td><td>mas</td>") == "Ha\nmas"  # cells never glue
    assert extract_text("<p>Ha<b>mas</b></p>") == "Hamas"


def test_mt103_fields_and_offsets(fixture_bytes: Callable[[str], bytes]) -> None:
    text = decode(fixture_bytes("mt103-yagmur.txt"), "mt103")
    segs = mt103_segments(text)
    assert located(text, segs, "party", "59") == ["CIHAT YAGMUR"]
    assert located(text, segs, "party", "50K") == ["MUELLER HANDELS GMBH"]
    (remittance,) = [s for s in segs if s.field == "70"]
    assert remittance.kind == "text"
    assert "HAROUN NASSER AL-DIN" in remittance.text
    bics = [s.text for s in segs if s.kind == "bic"]
    assert bics == ["DEUTDEFF", "AKBKTRIS"]


def test_mt103_structured_party_and_wrapped_text(fixture_bytes: Callable[[str], bytes]) -> None:
    text = decode(fixture_bytes("mt103-structured.txt"), "mt103")
    segs = mt103_segments(text)
    (party,) = [s for s in segs if s.kind == "party" and s.field == "50F"]
    assert party.text == "HАROUN NASSER ALDIN" and party.countries == ("FR",)
    (remittance,) = [s for s in segs if s.field == "70"]
    # A full 35-character line ending inside a word continues on the next line.
    assert "AL-QASSAM BRIGADES" in remittance.text
    i = remittance.text.index("QASSAM")
    assert text[remittance.offset(i) : remittance.offset(i + 5) + 1] == "QAS\nSAM"
    codes = [(s.field, s.text) for s in segs if s.kind == "country"]
    assert ("59F", "IR") in codes and ("77B", "IR") in codes


def test_mt103_errors_say_where() -> None:
    with pytest.raises(MessageError, match="block 4 is not closed"):
        mt103_segments("{1:F01X}{2:I103Y}{4:\n:20:A\n:32A:240101EUR1,\n")
    with pytest.raises(MessageError, match=r"mandatory field :32A: missing"):
        mt103_segments(":20:REF\n:59:/123\nJOHN\n")


def test_pacs008_parties_text_and_offsets(fixture_bytes: Callable[[str], bytes]) -> None:
    text = decode(fixture_bytes("pacs008-arabic.xml"), "pacs008")
    segs = pacs008_segments(text)
    (creditor,) = [s for s in segs if s.kind == "party" and s.field == "Cdtr"]
    assert creditor.text == "جهاد يغمور" and creditor.countries == ("TR",)
    # An entity in the XML maps back to its escaped form in the message.
    assert located(text, segs, "party", "Dbtr") == ["Global Trade &amp; Logistics FZE"]
    assert located(text, segs, "text", "RmtInf")[0].startswith("Consulting fees")
    assert {s.text for s in segs if s.kind == "bic"} == {"EBILAEAD", "KTEFTRIS"}


def test_pacs008_refuses_entity_expansion() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">'
        "<FIToFICstmrCdtTrf><CdtTrfTxInf><Cdtr><Nm>&lol2;</Nm></Cdtr></CdtTrfTxInf>"
        "</FIToFICstmrCdtTrf></Document>"
    )
    with pytest.raises(MessageError, match="DOCTYPE"):
        pacs008_segments(bomb)


def test_pacs008_malformed_xml_names_the_line() -> None:
    bad = (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">\n'
        "<FIToFICstmrCdtTrf>\n<CdtTrfTxInf><Cdtr><Nm>X</Cdtr>\n</FIToFICstmrCdtTrf></Document>"
    )
    with pytest.raises(MessageError, match=r"line 3: not well-formed"):
        pacs008_segments(bad)


def test_non_utf8_bytes_are_an_error() -> None:
    with pytest.raises(ScanError, match="not valid utf-8 at byte 3"):
        decode(b"abc\xff\xfe", "text")


def test_country_names_codes_bics_currencies() -> None:
    found = country_risk.find_in_text("Shipment via Bandar Abbas to North Korea; not Korea.")
    assert [h.country for h in found] == ["ir", "kp"]
    assert [h.country for h in country_risk.find_in_text("ИРАН and إيران")] == ["ir", "ir"]
    assert country_risk.find_in_text("iron ore from Siri, shipped by Persian cat") == []
    assert country_risk.from_code("IR") == "ir" and country_risk.from_code("PRK") == "kp"
    assert country_risk.from_bic("BMJIIRTH") == "ir"
    assert country_risk.from_currency("SYP") == "sy"
    assert country_risk.wanted("ru", sectoral=False) is False
    assert country_risk.wanted("ru", sectoral=True) is True
    assert [h.country for h in country_risk.find_in_text("Simferopol, Crimea")] == [
        "ua-cri",
        "ua-cri",
    ]


def test_html_bytes_without_charset_are_read_as_utf8() -> None:
    assert extract_text("<p>Ягмур, جهاد</p>".encode()) == "Ягмур, جهاد"
    latin1 = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9</p></body></html>'
    assert extract_text(latin1.encode("latin-1")) == "Café"
