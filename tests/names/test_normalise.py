"""Each name-normalisation rule, on names as the real lists spell them."""

from __future__ import annotations

import pytest

from embargo.names import ORG, PERSON, UNKNOWN, analyse_name, name_symbols, skeleton
from embargo.names.homoglyphs import fold_homoglyphs
from embargo.names.particles import join_particles
from embargo.names.text import remove_format_chars
from embargo.names.translit import to_ascii
from embargo.names.variants import hebrew_skeleton_variants, phonetic_form, spelling_similarity


def tokens(text: str, kind: str = UNKNOWN) -> tuple[str, ...]:
    return analyse_name(text, kind).tokens


def test_nfkc_and_case_folding() -> None:
    # SDN 46168 as listed; full-width letters fold under NFKC.
    assert tokens("YAGHMOUR, Jihad Muhammad Shaker") == ("yaghmour", "jihad", "muhammad", "shaker")
    assert tokens("ＹＡＧＨＭＯＵＲ Ｊｉｈａｄ") == ("yaghmour", "jihad")


def test_format_characters_removed() -> None:
    # zero-width space, soft hyphen, right-to-left mark, zero-width joiner
    evasive = "J\u200bihad Yagh\u00admour\u200f"
    assert remove_format_chars(evasive) == "Jihad Yaghmour"
    assert tokens("KA\u200dYA, Meh\u00admet") == ("kaya", "mehmet")


def test_homoglyphs_cyrillic_in_latin() -> None:
    # Cyrillic і (U+0456) and о (U+043E) pasted into SDN 46168's name.
    assert fold_homoglyphs("Jіhad") == "Jihad"
    assert tokens("Jіhad Yaghmоur") == ("jihad", "yaghmour")
    # Cyrillic capitals that look like Latin ones (А В Е К М Н О Р С Т Х): not transliterated
    # to their sound (В -> v, Н -> n) but to their look.
    assert tokens("KАYА, MЕHMЕT") == ("kaya", "mehmet")


def test_homoglyphs_before_legal_forms() -> None:
    # Cyrillic М inside LIMITED must not hide the legal form (SDN "PUYUAN TRADE CO., LIMITED").
    assert analyse_name("PUYUAN TRADE CO., LIМITED", ORG).legal == {"llc"}


def test_homoglyphs_latin_in_cyrillic() -> None:
    # Latin "P" and "o" inside a Cyrillic Путин: fold back to Cyrillic, then romanise.
    assert fold_homoglyphs("Пyтин") == "Путин"
    assert tokens("Владимир Пyтин") == ("vladimir", "putin")


def test_transliteration_of_scripts() -> None:
    assert tokens("ДЖИХАД ЯГМУР") == ("dzhihad", "yagmur")  # Cyrillic, BGN-like (Я -> ya)
    assert tokens("جهاد يغمور") == ("jhad", "yghmwr")  # Arabic
    assert tokens("Cihat Yağmur") == ("cihat", "yagmur")  # Turkish letters
    assert tokens("Ελευθέριος Βενιζέλος") == ("elevtherios", "venizelos")  # Greek
    assert tokens("毛泽东") == ("mao", "ze", "dong")  # Chinese
    assert to_ascii("ʿAli") == "ali"  # ayn mark dropped, not split on


def test_abjad_tokens_marked() -> None:
    assert analyse_name("جهاد يغمور").abjad == {"jhad", "yghmwr"}
    assert analyse_name("Jihad Yaghmour").abjad == frozenset()


@pytest.mark.parametrize(
    "written",
    ["Abd al-Rahman", "Abdulrahman", "Abdurrahman", "Abdel Rahman", "ABD AL-RAHMAN"],
)
def test_abd_joins(written: str) -> None:
    # SDN 7209 AL-FAWAZ, Khalid Abd al-Rahman Hamd
    assert tokens(written, PERSON) == ("abd", "rahman")


@pytest.mark.parametrize("written", ["Saif-al-Din", "Saif al Din", "Saifuddin", "Saifeddine"])
def test_din_joins(written: str) -> None:
    # SDN 7856 AL-RAWI, Saif-al-Din Fulayyih Hassan Taha
    assert tokens(written, PERSON) == ("saif", "din")


def test_aldin_forms_agree() -> None:
    assert tokens("Aldin") == tokens("Al Din") == tokens("al-Din") == ("din",)


@pytest.mark.parametrize("written", ["Abdullah", "Abd Allah", "Abdallah", "Abdulla"])
def test_allah_joins(written: str) -> None:
    assert tokens(written, PERSON) == ("abd", "allah")


def test_compounds_split_independent_of_order() -> None:
    # UN: ALLAH DAD MATIN, written family-name first in payments.
    assert sorted(tokens("ALLAH DAD MATIN", PERSON)) == sorted(tokens("DAD MATIN, ALLAH", PERSON))
    assert tokens("Nasrullah", PERSON) == tokens("Nasr Allah", PERSON) == ("nasr", "allah")


def test_articles_and_links() -> None:
    # SDN 6926 IZZ-AL-DIN, Hasan; "bin" (patronymic link) dropped unless first.
    assert tokens("IZZ-AL-DIN, Hasan", PERSON) == ("izz", "din", "hasan")
    assert tokens("Usama bin Muhammad bin Awad BIN LADIN", PERSON) == (
        "usama",
        "muhammad",
        "awad",
        "ladin",
    )
    assert join_particles(["as", "sayyid", "ali"]) == ["sayyid", "ali"]  # sun letter
    assert join_particles(["as", "ali"]) == ["as", "ali"]  # not an article before a vowel
    assert join_particles(["abou", "bakr"]) == ["abu", "bakr"]


def test_org_legal_forms() -> None:
    # SDN 27035, 24522, 7162 and an OOO as the lists write them in full.
    form = analyse_name("MULBERRY PROJE YATIRIM ANONIM SIRKETI", ORG)
    assert form.tokens[:3] == ("mulberry", "proje", "yatirim")
    assert form.legal == {form.tokens[-1]}
    assert analyse_name("TRIGRON LOJISTIK KARGO LIMITED SIRKETI", ORG).legal == {"llc"}
    assert analyse_name("VALPARK, S.A. DE C.V.", ORG).tokens == ("valpark", "jsc")
    llc = analyse_name("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU FAKTOR TS", ORG)
    assert llc.tokens[0] == "llc"
    assert analyse_name("OOO FAKTOR TS", ORG).tokens == llc.tokens


def test_person_titles_removed() -> None:
    assert tokens("Dr. Ayman al-Zawahiri", PERSON) == ("ayman", "zawahiri")


def test_skeleton_for_arabic_origin_names() -> None:
    # Yaghmour (SDN) = Yağmur (Turkish) = Ягмур (Cyrillic) = يغمور (Arabic)
    assert {skeleton(t) for t in ("yaghmour", "yagmur", "yghmwr")} == {"gmr"}
    assert skeleton("jihad") == skeleton("dzhihad") == skeleton("jhad")
    assert skeleton("svetlana") == skeleton("sfytlana")  # Arabic writes v as f
    assert skeleton("muhammad") == skeleton("mohammed") == skeleton("mhmd")
    assert skeleton("husayn") == skeleton("hussein") == skeleton("hsyn")
    assert skeleton("ali") == ""  # too short to be evidence


def test_phonetic_form() -> None:
    assert phonetic_form("cihat") == phonetic_form("jihad")
    assert phonetic_form("yagmur") == phonetic_form("yaghmour")
    assert phonetic_form("stewart") != phonetic_form("saderat")


def test_rigour_name_symbols() -> None:
    assert name_symbols("muhammad") & name_symbols("mohammed")
    assert name_symbols("yusuf") & name_symbols("yousef")
    assert name_symbols("aleksandr") & name_symbols("alexander")
    assert not name_symbols("yaghmour") & name_symbols("kaya")
    assert name_symbols("min") == frozenset()  # short syllables are not trusted


def test_spelling_similarity() -> None:
    assert spelling_similarity("jihad", "jihad") == 1.0
    assert spelling_similarity("cihat", "jihad") >= 0.9
    assert spelling_similarity("yghmwr", "yaghmour", abjad="arabic") >= 0.9
    assert spelling_similarity("yghmwr", "yaghmour") < 0.7  # without abjad only the letters
    assert spelling_similarity("stewart", "saderat") < 0.6


def test_tiny_words_are_not_equal_by_sound() -> None:
    # Ye and Yi, Le and Lee are different surnames: the phonetic rules erase the difference
    # in a one-syllable word, so it counts as a near miss, not as the same name ...
    assert spelling_similarity("ye", "yi") < 0.85
    assert spelling_similarity("le", "lee") < 0.85
    assert spelling_similarity("hasan", "hassan") >= 0.95
    # ... unless one side was written in an abjad, which has no short vowels to compare.
    assert spelling_similarity("ry", "ri", abjad="arabic") >= 0.9


def test_hebrew_letters_with_several_latin_spellings() -> None:
    # BURCHIK, Mikhail Leonidovich (SDN 23945) in Hebrew letters: ח is ch, ו is o/v.
    assert tokens("מיכאיל בורחיק") == ("mykyl", "bwrhyq")
    assert spelling_similarity("bwrhyq", "burchik", abjad="hebrew") >= 0.9
    assert spelling_similarity("lywnydwyh", "leonidovich", abjad="hebrew") >= 0.9
    assert spelling_similarity("bwrhyk", "burchik") < 0.7  # read as Latin letters only
    # Tsekov with צ (ts).
    assert spelling_similarity("zykw", "tsekov", abjad="hebrew") >= 0.8


def test_hebrew_skeleton_variants() -> None:
    assert hebrew_skeleton_variants(skeleton("bwrhyk", True)) >= {"brhk", "brsk"}
    assert hebrew_skeleton_variants(skeleton("lywnydwyh", True)) == {"lndh", "lnds"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("عبدالله", ("abd", "allah")),  # Abdullah as Arabic writes it
        ("عبد الله", ("abd", "allah")),
        ("عبدالرحمن", ("abd", "rhmn")),  # Abd al-Rahman
        ("ابدولحوسين", ("abd", "hwsyn")),  # Abdolhossein, ul- written with waw
        ("ابدوله", ("abd", "allah")),
    ],
)
def test_abjad_particle_joins(written: str, expected: tuple[str, ...]) -> None:
    assert tokens(written, PERSON) == expected


def test_greek_chi_in_foreign_names() -> None:
    # HAQQANI, Khalil Al-Rahman (SDN 12561) in Greek letters: χ is kh/h there ...
    assert tokens("ΧΑΛΙΛ ΑΛ-ΡΑΧΜΑΝ ΧΑΚΚΑΝΙ") == ("khalil", "rakhman", "khakkani")
    assert phonetic_form("moukhammad") == phonetic_form("muhammad")
    # ... but a Greek "ch" before ρ (Christos).
    assert tokens("Χρήστος") == ("christos",)


def test_dotted_legal_forms() -> None:
    # OOO FOTON PRO (SDN) written with dots.
    assert analyse_name("O.O.O. FOTON PRO", ORG).tokens == ("llc", "foton", "pro")
    assert analyse_name("GKR O.O.O.", UNKNOWN).legal == frozenset({"llc"})
    # Two dotted letters stay a person's initials.
    assert tokens("A.O. Kotyakov") == ("a", "o", "kotyakov")
