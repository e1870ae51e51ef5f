"""The tokeniser: offsets into the original, hyphenation, markup leftovers, scripts."""

from __future__ import annotations

from embargo.text.normal import fuzzy_key, norm_token
from embargo.text.tokens import iter_tokens, joined_hyphen_tokens, name_tokens


def spans(text: str) -> list[tuple[str, str]]:
    return [(t.text, text[t.start : t.end]) for t in iter_tokens(text)]


def test_offsets_point_into_the_original() -> None:
    text = "Fresh sanctions on Hamas leaders in Turkey’s capital"
    for tok in iter_tokens(text):
        assert text[tok.start : tok.end] == tok.text
    assert [t.text for t in iter_tokens(text)][-2:] == ["Turkey", "capital"]  # possessive cut


def test_hyphen_at_line_break_joins_the_word() -> None:
    assert spans("Jihad Yagh-\n  mour said") == [
        ("Jihad", "Jihad"),
        ("Yaghmour", "Yagh-\n  mour"),
        ("said", "said"),
    ]
    # A dash set off by spaces is punctuation, not hyphenation.
    assert [t.text for t in iter_tokens("word -\nnext")] == ["word", "next"]
    # Hyphens inside a line separate name parts as the list does.
    assert [t.text for t in iter_tokens("AL-DIN")] == ["AL", "DIN"]


def test_soft_hyphen_and_zero_width_characters_vanish() -> None:
    assert [t.text for t in iter_tokens("Qas\u00adsam Yagh\u200bmour")] == ["Qassam", "Yaghmour"]
    assert [t.text for t in iter_tokens("Qas\u00ad\nsam")] == ["Qassam"]


def test_marks_stay_inside_words() -> None:
    assert [t.text for t in iter_tokens("جِهاد يغمور")] == ["جِهاد", "يغمور"]
    assert [t.text for t in iter_tokens("Ya'qub O’Brien")] == ["Ya'qub", "O’Brien"]


def test_names_are_cut_like_text() -> None:
    assert name_tokens("YAGHMOUR, Jihad Muhammad Shaker") == [
        "YAGHMOUR",
        "Jihad",
        "Muhammad",
        "Shaker",
    ]
    assert joined_hyphen_tokens("AL-DIN, Haroun") == ["ALDIN", "Haroun"]


def test_normalisation_is_the_names_stage() -> None:
    assert norm_token("HАMAS") == ("hamas",)  # Cyrillic А folded
    assert norm_token("Ягмур") == ("yagmur",)
    assert fuzzy_key("yaghmour") == fuzzy_key(norm_token("يغمور")[0]) == fuzzy_key("yagmur") != ""
    assert fuzzy_key("al") == ""  # articles carry no evidence in the skeleton stream


def test_fast_tokenizer_agrees_with_the_careful_one() -> None:
    from embargo.names.text import remove_format_chars
    from embargo.text.tokens import strip_possessive, tokenize

    text = (
        "Izz al-Din al-Qas\u00ad\nsam Brigades; Jihad Yagh-\n mour’s funds, word -\nnext,"
        " Ha\u200bmas, and Turkey's role. Qas-\nsam-\nov"
    )
    careful = [(t.text, t.start, t.end) for t in iter_tokens(text)]
    fast = [t for t in tokenize(text)]
    assert [(t.start) for t in fast] == [c[1] for c in careful]
    assert [remove_format_chars(strip_possessive(t.text)) for t in fast] == [c[0] for c in careful]
