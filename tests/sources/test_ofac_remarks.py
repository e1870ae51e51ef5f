"""The OFAC Remarks parser, on remark strings copied from the real sdn.csv files."""

from __future__ import annotations

import pytest

from embargo.sources.ofac_remarks import (
    country_code,
    parse_date,
    parse_document,
    parse_place,
    parse_remarks,
    split_remarks,
)

# 46168 YAGHMOUR Jihad Muhammad Shaker, sdn-2023-12-13
YAGHMOUR = (
    "DOB 15 Jul 1967; alt. DOB 1967; alt. DOB 15 Apr 1967; POB Beit Hanina, Jerusalem, Israel; "
    "nationality Turkey; Gender Male; Secondary sanctions risk: section 1(b) of Executive Order "
    "13224, as amended by Executive Order 13886; National ID No. 12180149578 (Turkey); "
    "Linked To: HAMAS."
)


def test_split_keeps_semicolons_inside_parentheses() -> None:
    text = "Registration ID F.5 (29) AR-11/2002 (Pakistan); a (b; c) d; Gender Male."
    assert split_remarks(text) == [
        "Registration ID F.5 (29) AR-11/2002 (Pakistan)",
        "a (b; c) d",
        "Gender Male.",
    ]
    assert split_remarks("DOB 1962; POB Shati.") == ["DOB 1962", "POB Shati."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 1975", ["1975-03-12"]),
        ("01 Jan 1988", ["1988-01-01"]),
        ("Mar 1975", ["1975-03"]),
        ("1975", ["1975"]),
        ("1967.", ["1967"]),
        ("circa 1975", ["1975"]),
        ("circa 01 Jan 1961", ["1961"]),
        ("1960 to 1962", ["1960", "1961", "1962"]),
        ("01 Jan 1961 to 31 Dec 1962", ["1961", "1962"]),
        ("Mar 1962 to Feb 1963", ["1962", "1963"]),
        ("circa 1958-1963", ["1958", "1959", "1960", "1961", "1962", "1963"]),
        ("sometime", []),
        ("32 Jan 1975", []),
        ("1960 to 2960", []),
    ],
)
def test_parse_date(text: str, expected: list[str]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkey", "tr"),
        ("Türkiye", "tr"),
        ("Korea, North", "kp"),
        ("Burma", "mm"),
        ("Congo, Democratic Republic of the", "cd"),
        ("Israel", "il"),
        ("Mardin", None),
        ("", None),
    ],
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_parse_place() -> None:
    assert parse_place("Beit Hanina, Jerusalem, Israel") == ("Beit Hanina, Jerusalem, Israel", "il")
    assert parse_place("Mardin, Turkey") == ("Mardin, Turkey", "tr")
    assert parse_place("Shati.") == ("Shati", None)


def test_parse_document_with_dates() -> None:
    # 11362 ALGUADIS, Selim
    doc = parse_document(
        "Passport", "585843 (Turkey) issued 11 Nov 1999", "passport", "passportNumber", "x"
    )
    assert doc is not None
    assert (doc.number, doc.country, doc.issued, doc.expires) == (
        "585843",
        "tr",
        ["1999-11-11"],
        [],
    )
    doc = parse_document(
        "Passport", "L 191609 issued 28 Feb 1996 expires 27 Feb 2001", "passport", "p", "x"
    )
    assert doc is not None
    assert (doc.number, doc.country, doc.issued, doc.expires) == (
        "L 191609",
        None,
        ["1996-02-28"],
        ["2001-02-27"],
    )


def test_yaghmour_remarks() -> None:
    r = parse_remarks(YAGHMOUR)
    assert r.values["birthDate"] == ["1967-07-15", "1967", "1967-04-15"]
    assert r.values["birthPlace"] == ["Beit Hanina, Jerusalem, Israel"]
    assert r.values["birthCountry"] == ["il"]
    assert r.values["nationality"] == ["tr"]
    assert r.values["gender"] == ["male"]
    assert r.links == ["HAMAS."]
    assert r.provisions == [
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
        "Executive Order 13886"
    ]
    [doc] = r.documents
    assert (doc.kind, doc.label, doc.number, doc.country, doc.prop) == (
        "identification",
        "National ID No.",
        "12180149578",
        "tr",
        "idNumber",
    )
    assert r.notes == []


def test_weak_aliases_and_vessel() -> None:
    # 4243 EBANO (vessel)
    r = parse_remarks(
        "Vessel Registration Identification IMO 7406784; f.k.a. 'ANA I'; f.k.a. 'SAND SWAN'."
    )
    assert r.values["imoNumber"] == ["7406784"]
    assert r.values["weakAlias"] == ["ANA I", "SAND SWAN"]
    # quotes inside the alias survive
    r = parse_remarks("a.k.a. 'ABU 'ABD'; a.k.a. 'BNC'.")
    assert r.values["weakAlias"] == ["ABU 'ABD", "BNC"]


def test_aircraft_remarks() -> None:
    # 15431 EP-GOM
    r = parse_remarks(
        "Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture "
        "Date 1992; Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Aircraft Manufacturer's "
        "Serial Number (MSN) 1023409321; Linked To: POUYA AIR."
    )
    assert r.values["serialNumber"] == ["8401", "1023409321"]
    assert r.values["buildDate"] == ["1992"]
    assert r.values["model"] == ["IL76-TD"]
    assert r.operators == ["YAS AIR"]
    assert r.links == ["POUYA AIR."]


def test_identifiers_and_contacts() -> None:
    r = parse_remarks(
        "SWIFT/BIC HAVIGB2L; Website www.mebank.ir; Email Address esm@rossia3.ru; "
        "Phone Number 982188526300; Organization Established Date 28 Nov 2005; "
        "Tax ID No. 7707083893 (Russia); Registration Number 1027700132195 (Russia); "
        "D-U-N-S Number 542957624; MMSI 572469210; Legal Entity Number 253400V1H6ART1UQ0N98 (Russia); "
        "C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968; "
        "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"
    )
    v = r.values
    assert v["swiftBic"] == ["HAVIGB2L"]
    assert v["website"] == ["www.mebank.ir"]
    assert v["email"] == ["esm@rossia3.ru"]
    assert v["phone"] == ["982188526300"]
    assert v["incorporationDate"] == ["2005-11-28"]
    assert v["mmsi"] == ["572469210"]
    props = {(d.label, d.prop, d.number, d.country) for d in r.documents}
    assert props == {
        ("Tax ID No.", "taxNumber", "7707083893", "ru"),
        ("Registration Number", "registrationNumber", "1027700132195", "ru"),
        ("C.U.R.P.", "idNumber", "AIMM67125HCHRRG06", "mx"),
        ("D-U-N-S Number", "dunsCode", "542957624", None),
        ("Legal Entity Number", "leiCode", "253400V1H6ART1UQ0N98", "ru"),
    }
    [wallet] = r.wallets
    assert (wallet.currency, wallet.key) == ("XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")


def test_circa_and_range_keep_text_and_unknown_parts_go_to_notes() -> None:
    r = parse_remarks(
        "DOB circa 1951; alt. DOB 1960 to 1962; Member of the Upper House of Parliament."
    )
    assert r.values["birthDate"] == ["1951", "1960", "1961", "1962"]
    assert r.notes == [
        "DOB circa 1951",
        "alt. DOB 1960 to 1962",
        "Member of the Upper House of Parliament.",
    ]


def test_position_remarks() -> None:
    r = parse_remarks(
        "Position: Director, General Intelligence Directorate; Alt. Position: General Manager"
    )
    assert r.values["position"] == ["Director, General Intelligence Directorate", "General Manager"]


def test_unparseable_parts_are_kept() -> None:
    r = parse_remarks("DOB sometime in the sixties; nationality Atlantis; Gender Unknown")
    assert r.notes == ["DOB sometime in the sixties", "nationality Atlantis", "Gender Unknown"]
    assert not r.values
