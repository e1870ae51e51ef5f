"""Spelling rules for names written in other scripts, with titles, or with typos.

Each rule on names as the OFAC SDN list (2024-05-03) writes them, and one case it must not
touch. The screening tests at the end run the real screener over that list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rigour.names import extract_org_types

from embargo.match import Query, Screener
from embargo.names import ORG, PERSON, UNKNOWN, analyse_name, spelling_similarity
from embargo.names.hangul import foreign_hangul_name, foreign_reading
from embargo.names.legal_forms import (
    LETTERED_FORMS,
    correct_final_legal_typo,
    correct_legal_tail,
    correct_legal_typos,
    near_legal_word,
)
from embargo.names.org_words import close_final_acronym, expand_org_words
from embargo.names.titles import (
    HEAD_OF_GOVERNMENT,
    PRESIDENT,
    office_in_name,
    offices_in_positions,
    remove_titles,
)
from embargo.names.variants import hebrew_skeleton, hebrew_skeleton_variants, skeleton
from embargo.sources import read_list

SDN_FILE = "ofac/sdn-history/sdn-2024-05-03.csv.gz"
HEBREW = "hebrew"


# --- Hebrew ג and ז without a geresh -------------------------------------------------------


@pytest.mark.parametrize(
    ("hebrew", "listed"),
    [
        ("gwqwyn", "joaquin"),  # גוקוין: SDN 41897 GUZMAN LOPEZ, Joaquin
        ("gwlyw", "julio"),  # גוליו: SDN 36159 RINCON GODOY, Julio Efrain
        ("gwsa", "jose"),  # גוסה: SDN 37256 MORGAN HUERTA, Jose Arnoldo
        ("zrkw", "zharko"),  # זרכו: SDN 33921 VESELINOVIC, Zharko Jovan
        ("zng", "zhang"),  # זנג: SDN 30505 ZHANG, Chunxian
    ],
)
def test_hebrew_letter_without_geresh(hebrew: str, listed: str) -> None:
    # ג׳ (j) and ז׳ (zh) lose their geresh in everyday spelling: ג and ז stand for them too.
    assert spelling_similarity(hebrew, listed, HEBREW) >= 0.95


def test_hebrew_gimel_is_still_g_and_nothing_else() -> None:
    assert spelling_similarity("gwdwy", "godoy", HEBREW) >= 0.95  # גודוי: SDN 36159 GODOY
    # ... but ג is not k or y: גוליו is not Yulio, גון not Kuan.
    assert spelling_similarity("gwlyw", "yulio", HEBREW) < 0.7
    assert spelling_similarity("gwn", "kuan", HEBREW) < 0.7


def test_hebrew_skeleton_variants_reach_j_and_zh() -> None:
    # Blocking: גוזמן (gwzmn) must reach the Latin skeleton of GUZMAN, and ג a j.
    variants = hebrew_skeleton_variants(hebrew_skeleton("gwzmn"))
    assert skeleton("guzman") in variants
    assert "jzmn" in variants
    assert skeleton("zhukov") in hebrew_skeleton_variants(hebrew_skeleton("zwqwb"))


def test_hebrew_geresh_kept_in_the_word() -> None:
    # ג׳ורג׳ with the Hebrew geresh (U+05F3), as with an apostrophe: one word, George.
    assert analyse_name("ג\u05f3ורג\u05f3 בוש", PERSON).tokens == ("jwrj", "bwsh")
    assert analyse_name("ג'ורג' בוש", PERSON).tokens == ("jwrj", "bwsh")


# --- Hebrew written with vowel points -----------------------------------------------------


@pytest.mark.parametrize(
    ("pointed", "tokens"),
    [
        # ICU's Latin-Hebrew (every vowel a point, v and w both ו, an initial vowel a point
        # before any letter) of SDN 47920 NIKONOV, Vasili Vladislavovich and 23650 EBERAHIM,
        # Abbas.
        ("וַסִלִ נִכֳנֳו", ("vasili", "nikonov")),
        ("ַבבַס ֶבֶרַהִם", ("abbas", "eberahim")),
        # Dictionary pointing: holam and shuruk in a vav, the sin dot, a yod after hiriq.
        ("דָּוִד שָׂרָה", ("david", "sarah")),
        ("שׁוּקִי מֹשֶׁה", ("shuqi", "mosheh")),
    ],
)
def test_pointed_hebrew_read_with_its_vowels(pointed: str, tokens: tuple[str, ...]) -> None:
    form = analyse_name(pointed, PERSON)
    assert form.tokens == tokens
    assert not form.abjad  # the vowels are written: compared as an alphabetic spelling


def test_unpointed_hebrew_stays_an_abjad() -> None:
    form = analyse_name("וסילי ניקונוב", PERSON)
    assert form.tokens == ("wsyly", "nyqwnwb") and form.abjad == {"wsyly", "nyqwnwb"}
    # A sheva alone writes no vowel: the word is still read by its consonants.
    assert "yhwda" in analyse_name("יְהודה", PERSON).abjad


# --- Greek rough breathing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("greek", "tokens"),
    [
        ("Ἡρόδοτος", ("hirodotos",)),  # polytonic Greek: the h of Herodotos
        # ICU's Latin-Greek writes every h as a breathing: before a vowel on it, after a vowel
        # on that (SDN 46830 SHAKH, Nur Khabib; Hassan Nasrallah; Ahmad).
        ("νυρ κἁβιβ σἁκ̔", ("nyr", "khaviv", "shakh")),
        ("ἁσσαν νασραλλἁ", ("hassan", "nasr", "allah")),
        ("ἀ̔μαδ", ("ahmad",)),
    ],
)
def test_greek_rough_breathing_is_an_h(greek: str, tokens: tuple[str, ...]) -> None:
    assert analyse_name(greek, PERSON).tokens == tokens


# --- Script marks of a word split by the particle rules ------------------------------------


def test_split_particle_keeps_script_marks() -> None:
    # אבדלכדר (Abdelkader, dev set from SDN "ES SAYED, Abdelkader Mahmoud"): abd + kdr, and kdr
    # is still a Hebrew spelling (its vowels unwritten), so it fits "kader".
    form = analyse_name("אבדלכדר מהמוד", PERSON)
    assert form.tokens == ("abd", "kdr", "mhmwd")
    assert "kdr" in form.abjad and "kdr" in form.hebrew
    arabic = analyse_name("عبدالقادر", PERSON)
    assert arabic.tokens == ("abd", "qadr") and "qadr" in arabic.abjad
    # The Latin spelling of the same name has no script marks.
    latin = analyse_name("Abdelkader Mahmoud", PERSON)
    assert latin.tokens == ("abd", "kader", "mahmoud") and not latin.abjad


def test_plene_spellings_of_ibn_are_links() -> None:
    # SDN 43637 AL-MAINUKI, Abu Bakr ibn Muhammad ibn 'Ali: ibn written with the i spelled out
    # (Hebrew איבן, Arabic ايبن; bin: בין, بين) is a patronymic link like ابن and בן.
    assert analyse_name("אבו בכר איבן מוהמד איבן עלי", PERSON).tokens == (
        "abu", "bkr", "mwhmd", "aly",
    )  # fmt: skip
    assert analyse_name("ابو بكر ايبن موحمد", PERSON).tokens == ("abu", "bkr", "mwhmd")
    # SDN 17293 AL-HARZI, Tariq Bin-Al-Tahar: بين between two names.
    assert analyse_name("تريق بين التحر", PERSON).tokens == ("tryq", "althr")
    # At the start a link is a name (Bin Laden), as the Latin "Bin" is.
    assert analyse_name("בין לאדן", PERSON).tokens == ("byn", "ladn")


def test_single_l_allah_written_in_an_abjad() -> None:
    # SDN 12591 NOORULLAH, Haji and 33958 KHALOZAI, Ismatullah spelled letter by letter in
    # Arabic script (نورولاه, -ulah with waw): the name + Allah, as Nasrullah is nasr allah.
    assert analyse_name("حاجي نورولاه", PERSON).tokens == ("hajy", "nwr", "allah")
    assert analyse_name("ايسماتولاه خالوزاي", PERSON).tokens[:2] == ("aysmat", "allah")
    # A name that only ends in -lah is left whole (Fadalah: see particles.SINGLE_L_ALLAH).
    assert analyse_name("Fadalah", PERSON).tokens == ("fadalah",)


# --- Arabic letters Persian, Urdu, Pashto and the Maghreb say otherwise ----------------------


@pytest.mark.parametrize(
    ("arabic", "listed"),
    [
        # The UN list's own Arabic-script names (2024-09-26) and its romanisations of them.
        ("فضل", "fazl"),  # TAi.023 FAZL MOHAMMAD MAZLOOM: ض is z in Dari
        ("مظلوم", "mazloom"),  # ... and ظ
        ("محفوظ", "mahfouz"),  # QDi.015 MAHFOUZ OULD AL-WALID: ظ at the end of a word
        ("حقانى", "haqqani"),  # TAi.040 JALALUDDIN HAQQANI: a final ى for ی
        ("نورزى", "noorzai"),  # TAi.153 FAIZULLAH KHAN NOORZAI
        ("وثيق", "wassiq"),  # TAi.082 ABDUL-HAQ WASSIQ: ث is s
        ("نذیر", "nazir"),  # TAi.129 NAZIRULLAH HANAFI WALIULLAH: ذ is z
        ("قاسمي", "gasmi"),  # QDi.251 SALAH EDDINE GASMI: ق is g in the Maghreb
        ("كُل", "gul"),  # TAi.147 GUL AGHA ISHAKZAI: ك for the Persian گ
    ],
)
def test_arabic_letters_read_the_persian_way(arabic: str, listed: str) -> None:
    (token,) = analyse_name(arabic, PERSON).tokens
    assert spelling_similarity(token, listed, "arabic") >= 0.85


def test_arabic_letters_keep_their_arabic_reading() -> None:
    # The same letters as Arabic says them: فضل Fadl, محفوظ Mahfud, موسى Musa (alif maqsura),
    # كاظم Kadhim; and ز stays z: عزيز is Aziz, not Adid.
    for arabic, listed in (
        ("فضل", "fadl"),
        ("محفوظ", "mahfud"),
        ("موسى", "musa"),
        ("كاظم", "kadhim"),
        ("عثمان", "uthman"),
    ):
        (token,) = analyse_name(arabic, PERSON).tokens
        assert spelling_similarity(token, listed, "arabic") >= 0.95, arabic
    (aziz,) = analyse_name("عزيز", PERSON).tokens
    assert spelling_similarity(aziz, "aziz", "arabic") >= 0.95
    assert spelling_similarity(aziz, "adid", "arabic") < 0.55


# --- Slavic digraphs ---------------------------------------------------------------------------


def test_ukrainian_names_read_as_ukrainian_throughout() -> None:
    # SDN UKRAINE-EO13660 names as Ukrainian writes them: KLYUYEV, Andriy (16764) and
    # YANUKOVYCH, Viktor (16641); Янукович has no letter only Ukrainian writes, but the name
    # has one, so и is y in it too.
    assert analyse_name("Андрій Клюєв", PERSON).tokens == ("andriy", "klyuyev")
    assert analyse_name("Віктор Янукович", PERSON).tokens == ("viktor", "yanukovych")
    # Russian keeps its reading, as does a name with a letter only Russian writes.
    assert analyse_name("Андрей Клюев", PERSON).tokens == ("andrei", "klyuev")
    assert analyse_name("Віктор Янукович Эдуард", PERSON).tokens[1] == "yanukovich"


@pytest.mark.parametrize(
    ("cyrillic", "listed"),
    [
        # SDN BALKANS names, listed in Serbian Latin with its marks dropped, written in Cyrillic.
        ("Ивица", "ivica"),  # RAJIC, Ivica (7777): ц is c
        ("Шаренац", "sarenac"),  # SARENAC, Nebojsa (28113): ш is s, ц is c
        ("Жуплянин", "zupljanin"),  # ZUPLJANIN, Stojan (7818), as Russian writes it
        ("Стоян", "stojan"),
        ("Караджич", "karadzic"),  # KARADZIC, Radovan (7705): дж is dž, ч is ć
        ("Станишич", "stanisic"),  # STANISIC, Jovica (7796)
    ],
)
def test_cyrillic_read_as_serbian_latin(cyrillic: str, listed: str) -> None:
    (token,) = analyse_name(cyrillic, PERSON).tokens
    assert spelling_similarity(token, listed) >= 0.9


def test_slavic_reading_not_in_short_words() -> None:
    # Chinese syllables differ by these letters: Chen is not Cen, Zhang is not Zang.
    for pinyin, other in (("chen", "cen"), ("zhang", "zang"), ("chang", "cang"), ("zhou", "zou")):
        assert spelling_similarity(pinyin, other) <= 0.8, pinyin


# --- Khmer ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("khmer", "latin"),
    [
        ("វ៉្លាឌីមៀរ", "vladimier"),  # Vladimir: វ + subscript ល, a cluster with no vowel
        ("ពូទីន", "putin"),
        ("កម្ពុជា", "kampucha"),  # Kampuchea: inherent a of ក, subscript ព
        ("ភ្នំពេញ", "phnompenh"),  # Phnom Penh: nikahit after a consonant is om
        ("ហ៊ុន", "hun"),  # Hun: the series shifter ៊ is no sound
    ],
)
def test_khmer_romanised(khmer: str, latin: str) -> None:
    # ICU has no Khmer-Latin: before, a Khmer name had no tokens at all.
    assert analyse_name(khmer, PERSON).tokens == (latin,)


# --- Titles of office ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Presidente Vladimir Putin", "Vladimir Putin"),
        ("Президент Владимир Путин", "Владимир Путин"),
        ("Predsjednik Vladimir Putin", "Vladimir Putin"),
        ("Președintele Vladimir Putin", "Vladimir Putin"),
        ("Premier ministre Vladimir Poutine", "Vladimir Poutine"),
        ("Vlagyimir Putyin elnök", "Vlagyimir Putyin"),
        ("블라디미르 푸틴 대통령", "블라디미르 푸틴"),
        ("김정은 국무위원장", "김정은"),  # SDN 20157 KIM, Jong Un
        ("김여정 부부장", "김여정"),  # SDN 21444 KIM, Yo Jong
    ],
)
def test_titles_of_office_removed(written: str, name: str) -> None:
    # SDN 35096 PUTIN, Vladimir Vladimirovich ("President of the Russian Federation").
    assert remove_titles(written) == name


def test_titles_not_over_removed() -> None:
    assert remove_titles("Presidente") == "Presidente"  # nothing else: not removed
    assert remove_titles("Kanzler Hans") == "Kanzler Hans"  # Kanzler is also a surname
    # Only person names lose titles: SDN 35318 PREMIER GOLD REFINERY LLC keeps its Premier.
    assert analyse_name("PREMIER GOLD REFINERY LLC", ORG).tokens[0] == "premier"
    assert analyse_name("Presidente Vladimir Putin", PERSON).tokens == ("vladimir", "putin")
    # A Korean name with its title is still a Korean name, not a long foreign one.
    assert analyse_name("김정은 국무위원장", PERSON).tokens == ("kim", "jong", "un")


# --- Foreign names in Hangul ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("블라디미르", "bladimir"),  # Vladimir: 블 bl and 르 r with an epenthetic ㅡ, ㄹㄹ l
        ("푸틴", "putin"),
        ("블라디미로비치", "bladimirobich"),  # -vich: final 치 ch
        ("트럼프", "tromp"),
        ("스탈린", "stalin"),
    ],
)
def test_foreign_reading_of_hangul(hangul: str, latin: str) -> None:
    assert foreign_reading(hangul) == latin


def test_foreign_hangul_person_names() -> None:
    # SDN 35096 PUTIN, Vladimir Vladimirovich in Korean: one token a word, not Korean syllables.
    form = analyse_name("블라디미르 블라디미로비치 푸틴", PERSON)
    assert form.tokens == ("bladimir", "bladimirobich", "putin")
    assert not form.hangul
    # A Korean name stays syllable by syllable (SDN 19534 HYON, Gwang Il: 현광일).
    assert analyse_name("현광일", PERSON).tokens == ("hyon", "kwang", "il")
    assert not foreign_hangul_name(["리", "수", "용"])
    # Only person names: an organisation's long Hangul word is Korean (조선광선은행).
    assert analyse_name("조선광선은행", ORG).tokens != (foreign_reading("조선광선은행"),)


# --- Typos ----------------------------------------------------------------------------------


def test_adjacent_transposition_in_short_word_is_a_typo() -> None:
    # SDN 19534 HYON, Gwang Il typed "Hyno": one typo, not another name.
    assert spelling_similarity("hyno", "hyon") == pytest.approx(0.75)
    # One letter changed in a short word is still another name (Dong, Song).
    assert spelling_similarity("dong", "song") <= 0.6
    assert spelling_similarity("hyno", "hyun") <= 0.6


def test_short_given_name_that_is_a_name_is_another_one(sdn_screener: Screener) -> None:
    # ZHANG, Jian (SDN 21042): Qian is a name of its own, and 倩 and 佳 (qian, jia) are Chinese
    # syllables, not typos.
    for name in ("Qian Zhang", "倩 张", "佳 张"):
        found = sdn_screener.match(Query(name=name, schema="Person"))
        assert all(m.source_id != "21042" for m in found), name


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("JOINT STCK COMPANY ANGSTREM", "JOINT STOCK COMPANY ANGSTREM"),  # SDN 39158
        ("TRV AUTO LIMITED LIABILITY CMPANY", "TRV AUTO LIMITED LIABILITY COMPANY"),  # SDN 35874
        # SDN 46437: rigour's romanised Russian form (build_legal_words.ROMANISED_FORMS).
        (
            "OBSHCHESTVO S OGRANICHENNIO OTVETSTVENNOSTYU NPK AEROKON",
            "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU NPK AEROKON",
        ),
        # Typos on the list itself: SDN 47890, 47940.
        (
            "INTERNATIONAL COMPANY LIMTED LIABILITY COMPANY LEDAMEN",
            "INTERNATIONAL COMPANY LIMITED LIABILITY COMPANY LEDAMEN",
        ),
        (
            "MIRAGE AIR CRAFT SERVICES SOLE PROPREITORSHIP LLC",
            "MIRAGE AIR CRAFT SERVICES SOLE PROPRIETORSHIP LLC",
        ),
    ],
)
def test_typo_in_multi_word_legal_form(typed: str, listed: str) -> None:
    assert correct_legal_typos(typed) == listed
    assert_same_form(typed, listed, UNKNOWN)


def assert_same_form(typed: str, listed: str, kind: str) -> None:
    typed_form, listed_form = analyse_name(typed, kind), analyse_name(listed, kind)
    assert (typed_form.tokens, typed_form.legal) == (listed_form.tokens, listed_form.legal)


def test_legal_typo_needs_the_rest_of_the_form() -> None:
    assert near_legal_word("stck") == "stock"
    assert correct_legal_typos("STCK TRADING") == "STCK TRADING"  # no form to complete
    # The form is there already: another word one typo from "company" is a name word.
    kept = "LIMITED LIABILITY COMPANY XOMPANY"
    assert correct_legal_typos(kept) == kept
    assert correct_legal_typos("VISCAYA LYDA.") == "VISCAYA LYDA."  # 4-letter single forms: no


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("GOMEZ MARIN LDTA.", "GOMEZ MARIN LTDA."),  # SDN 10003
        ("KARA INDUSTRIAL TRADING GABH", "KARA INDUSTRIAL TRADING GMBH"),  # SDN 48638
        ("JARVIS CONGO SRAL", "JARVIS CONGO SARL"),  # SDN 23260
    ],
)
def test_typo_in_a_final_one_word_legal_form(typed: str, listed: str) -> None:
    assert correct_final_legal_typo(typed) == listed
    assert_same_form(typed, listed, ORG)


def test_final_legal_form_transcribed_in_cyrillic() -> None:
    # SDN 19151 "SOHO DEVELOPERS, INC." and 47405 "VENDE GROUP LLC" as Russian
    # text transcribes them.
    transcribed = analyse_name("Сохо Девелоперс, Инк.", ORG)
    assert transcribed.tokens == analyse_name("SOHO DEVELOPERS, INC.", ORG).tokens
    assert analyse_name("Венде Груп Ллк", ORG).legal == {"llc"}
    # Written in Latin letters, INK is a word of the name.
    assert analyse_name("SOHO DEVELOPERS INK", ORG).legal == frozenset()


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        # Dots and spaces where rigour does not expect them (SDN 25143, 15674, 10638)...
        ("LAMA FOODS S.A.R..L", "LAMA FOODS S.A.R.L."),
        (
            "RANCHO EL NUEVO PACHON, S. DE RL.. DE C.V.",
            "RANCHO EL NUEVO PACHON, S. DE R.L. DE C.V.",
        ),
        ("TOYS FACTORY, S.A. DE C..V", "TOYS FACTORY, S.A. DE C.V."),
        ("TOYS FACTORY SA DE CV", "TOYS FACTORY, S.A. DE C.V."),
        # ... or a typo in a form of five letters or more (SDN 13006, 24567, 11309).
        (
            "DESARROLLO ARQUITECTONICO FORTIA, S.NA. DE C.V.",
            "DESARROLLO ARQUITECTONICO FORTIA, S.A. DE C.V.",
        ),
        ("SINSMS PTE. LTCD.", "SINSMS PTE. LTD."),
        ("VEST SPECTRUM (S) PTE LT.D", "VEST SPECTRUM (S) PTE. LTD."),
    ],
)
def test_legal_form_at_the_end_written_otherwise(typed: str, listed: str) -> None:
    assert_same_form(typed, listed, ORG)


def test_legal_form_at_the_end_transcribed_in_cyrillic() -> None:
    # A Russian transcription of TOYS FACTORY, S.A. DE C.V. writes C.V. as К.в. (k.v.).
    assert analyse_name("Тойс Фактори, С.а. Де К.в.", ORG).tokens == ("tois", "faktori", "jsc")


def test_legal_form_letters_left_alone() -> None:
    # S.P.R. DE R.L. DE C.V. (SDN 21098) is no S. DE R.L. DE C.V. with a letter missing.
    for written in (
        "GRUPO PRODUCSIL, S.P.R. DE R.L. DE C.V.",
        "GRUPO PRODUCSIL, SPR DE R.L. DE C.V.",
        # Nor S.C. DE R.L. DE C.V. (SDN 13021) one with a letter too many.
        "UNION ABARROTERO DE JALISCO S.C. DE R.L. DE C.V.",
    ):
        assert correct_legal_tail(written) == written
    # A typo in a short form, or in a form's first letter, leaves it as written: S.AM may
    # be a name, and T.A. DE CV may be another form.
    for written in ("B R C S.AM", "CROWLANDS, T.A. DE CV"):
        assert correct_legal_tail(written) == written
    assert correct_legal_tail("PRODUCTOS X SA DE CV") == "PRODUCTOS X S.A. DE C.V."  # X stays
    # Not a company's, two letters are a person's initials as often as a form.
    assert correct_legal_tail("PEDERSEN A S", organisation=False) == "PEDERSEN A S"
    assert correct_legal_tail("ACME SP Z O O", organisation=False) == "ACME SP. Z O.O."
    # The form is the SA that stands apart, not the one in DESARROLLO (SDN 12466, 13006).
    assert analyse_name("DESARROLLO ARQUITECTONICO FORTIA, SA", ORG).tokens[0] == "desarrollo"
    assert analyse_name("ELLISSA GROUP SA", ORG).tokens == ("ellissa", "group", "jsc")


@pytest.mark.parametrize("form", LETTERED_FORMS)
def test_lettered_forms_are_what_rigour_recognises(form: str) -> None:
    assert [original for original, _ in extract_org_types(f"ACME {form}", generic=True)] == [form]


@pytest.mark.parametrize(
    ("letters", "listed"),
    [
        # ICU's Latin-Cyrillic writes each Latin letter as one Cyrillic letter (c ц, y ы, j й,
        # h х): SDN 47889 and 48517, and the UNKNOWN kind of a LegalEntity.
        ("Лимитед Лиабилиты Цомпаны КРДВ Амурскаыа", "LIMITED LIABILITY COMPANY KRDV AMURSKAYA"),
        ("йоинт стоцк цомпаны мемотхерм мм", "JOINT STOCK COMPANY MEMOTHERM MM"),
    ],
)
@pytest.mark.parametrize("kind", [ORG, UNKNOWN])
def test_company_written_letter_by_letter_in_cyrillic(letters: str, listed: str, kind: str) -> None:
    assert analyse_name(letters, kind).tokens == analyse_name(listed, kind).tokens


def test_russian_company_names_keep_their_russian_reading() -> None:
    # Written as Russian is (a form rigour knows romanised), read the Russian way: the words
    # of ЗАО are not read letter by letter (akcionernoe obsestvo), nor is ДЖ (dz).
    form = analyse_name("Закрытое акционерное общество Поинтер", ORG)
    assert form.tokens == ("jsc", "pointer")
    assert form.legal_words == ("zakrytoe", "aktsionernoe", "obshchestvo")
    assert analyse_name("ООО ТЕХНОЛОДЖИ", ORG).tokens == ("llc", "tehnolodzhi")


def test_a_final_name_word_near_a_legal_form_is_a_name() -> None:
    # Karl and Lida are one letter from SARL and LTDA, but spellings of personal names.
    assert correct_final_legal_typo("ACME KARL") == "ACME KARL"
    assert correct_final_legal_typo("ACME LIDA") == "ACME LIDA"
    assert correct_final_legal_typo("LDTA") == "LDTA"  # the name itself, not its form
    assert analyse_name("GMBH KARL", ORG).tokens == ("llc", "karl")


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Intl Diamond Industries", "INTERNATIONAL DIAMOND INDUSTRIES"),  # SDN 23261
        ("WASHINGTON Trdg LTD", "WASHINGTON TRADING LTD"),  # SDN 28934
        ("KOREA SAMMA SHIPPING CO", "KOREA SAMMA SHPG CO"),  # SDN 23713: the list abbreviates
        ("KING TRADE B.V", "KING TRADE B.V."),  # SDN 39587: the last dot left out
        ("JOINT STOCK Co MEKHANIKA", "JOINT STOCK COMPANY MEKHANIKA"),  # SDN 47870
        ("J and E S. DE R.L. DE C.V.", "J & E S. DE R.L. DE C.V."),  # SDN 15187
        ("POST BK OF IRAN", "POST BANK OF IRAN"),  # SDN 25618: BK, as bank names are shortened
    ],
)
def test_organisation_words_written_short(written: str, listed: str) -> None:
    assert_same_form(written, listed, ORG)


def test_organisation_words_left_alone() -> None:
    assert expand_org_words("INDUS TECH ENT") == "INDUS TECH ENT"  # more than one reading
    assert expand_org_words("ANDALUS TRADING CO") == "ANDALUS TRADING CO"  # "co" not in a form
    assert expand_org_words("AND") == "AND"  # nothing else left
    assert close_final_acronym("PETER J.A") == "PETER J.A"  # no legal form when closed
    assert analyse_name("Intl Jones", PERSON).tokens == ("intl", "jones")  # people: untouched


# --- On the screener -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sdn_screener(data_dir: Path) -> Screener:
    parsed = read_list(data_dir / SDN_FILE)
    return Screener.from_records((parsed.source, r) for r in parsed.records)


@pytest.mark.parametrize(
    ("query", "schema", "listed"),
    [
        ("Presidente Vladimir Putin", "Person", "35096"),
        ("블라디미르 푸틴", "Person", "35096"),
        ("វ៉្លាឌីមៀរ ពូទីន", "Person", "35096"),
        ("גוקוין גוזמן לופיז", "Person", "41897"),
        ("זרכו גון ויסילינויק", "Person", "33921"),
        ("Gwang Il Hyno", "Person", "19534"),
        ("JOINT STCK COMPANY ANGSTREM", "LegalEntity", "39158"),
        ("Intl Diamond Industries", "LegalEntity", "23261"),
        ("Scientific & Production Enterprise Pulsar OJSC", "Company", "38180"),
        ("Sheikh Ahmad Khazai", "Person", "30649"),
        # The UN list's Arabic-script names of two Taliban on the SDN list: Dari ض is z, a
        # final ى is the final ی (RAHIM, Fazal; NOORZAI, Hajji Faizullah Khan).
        ("فضل رحيم", "Person", "12923"),
        ("حاجى فیض الله خان نورزى", "Person", "12920"),
        # Serbian Cyrillic, and a Russian spelling of a Serbian name (RAJIC, Ivica; SARENAC,
        # Nebojsa; KARADZIC, Radovan).
        ("Ивица Рајић", "Person", "7777"),
        ("Небојша Шаренац", "Person", "28113"),
        ("Радован Караджич", "Person", "7705"),
        # Ukrainian writes h as г: GHAFARI, Sanaullah as the transliterate package's
        # Ukrainian writes it (the ґ makes the name Ukrainian).
        ("Санауллаг Ґгафарі", "Person", "33941"),
        # ICU's Latin-Hebrew and Latin-Arabic: the vowels written as points and harakat, the
        # first one before any letter (OSTROWSKY, Alexander; JAVIDAN, Ali Akbar).
        ("ַלֶכסַנדֶר ֳסטרֳוסכי", "Person", "41480"),
        ("َلِ َكبَر جَڤِدَن", "Person", "40158"),
        # A short part one letter off that neither a list nor rigour's names know is a
        # misspelling, and agrees as the second part (PERIC, Jozo; SHOKOHI, Amin; MUSLIU, Isak).
        ("Jozq Peric", "Person", "7767"),
        ("Jozq Perić", "Person", "7767"),  # written in Latin letters, accented or not
        ("Amix Shokohi", "Person", "22952"),
        ("Sak Musliu", "Person", "7749"),
        # Longer words so misspelt are typos at TYPO_SIM (JELAVIC, Ante; DUBAI TRADING COMPANY).
        ("Ainte Jelaeic", "Person", "7698"),
        ("DUBIA TRTDING COMPANY", "Organization", "10603"),
        # Ind is industry, near both industries and industrial (SDN 22784, 9763).
        ("SHAHID RASTEGAR IND", "Organization", "22784"),
        ("SANAM IND GROUP", "Organization", "9763"),
    ],
)
def test_rules_find_the_listed_entity(
    sdn_screener: Screener, query: str, schema: str, listed: str
) -> None:
    found = sdn_screener.match(Query(name=query, schema=schema))
    assert found and found[0].source_id == listed


def test_title_of_office_agreeing_with_the_listed_position(sdn_screener: Screener) -> None:
    # SDN 35096 PUTIN, Vladimir Vladimirovich, Title "President of the Russian Federation":
    # the office named with the surname is the second agreeing part, and is explained.
    for query in ("Presidente Putin", "Президент Путин", "Putyin elnök"):
        found = sdn_screener.match(Query(name=query, schema="Person"))
        assert found and found[0].source_id == "35096"
        features = {f["name"]: f for f in found[0].explanation["features"]}
        assert "President of the Russian Federation" in features["office"]["detail"]
    # One name part alone, or with another office, never identifies a person.
    assert not sdn_screener.match(Query(name="Putin", schema="Person"))
    assert not sdn_screener.match(Query(name="Prime Minister Putin", schema="Person"))


def test_offices_in_titles_and_positions() -> None:
    assert office_in_name("Presidente Vladimir Putin") == PRESIDENT
    assert office_in_name("Putyin elnök") == PRESIDENT
    assert office_in_name("Primer Ministro Sánchez") == HEAD_OF_GOVERNMENT
    assert office_in_name("Vladimir Putin") is None
    assert office_in_name("김정은 위원장") is None  # a title removed, but no office kept
    assert offices_in_positions(["President of the Russian Federation"]) == {PRESIDENT}
    assert offices_in_positions(["Prime Minister of Syria"]) == {HEAD_OF_GOVERNMENT}
    assert not offices_in_positions(["Vice President of Iran", "Vice-President"])
