"""Regenerate data/legal_form_words.txt: the words of multi-word legal forms rigour knows.

rigour compiles its legal-form table (org_types.yml) into its Rust core and exposes no list of
it. The same table, in the version it was taken over from, ships with `fingerprints`
(types.yml; installed with nomenklatura, a dev dependency). We keep the multi-word forms of
that table that rigour still recognises as one whole legal form, and write their words of
MIN_WORD letters or more, one a line: names.legal_forms corrects a typo in such a word
("JOINT STCK COMPANY") before rigour looks for legal forms.

Run: `.venv/bin/python -m embargo.names.build_legal_words` (a second).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from rigour.names import extract_org_types

OUTPUT = Path(__file__).parent / "data" / "legal_form_words.txt"
MIN_WORD = 4


def types_file() -> Path:
    import fingerprints  # dev dependency (through nomenklatura): only the build needs it

    return Path(fingerprints.__file__).parent / "types" / "types.yml"


# Romanised Russian and Ukrainian forms that rigour recognises and that table, older than
# rigour's, spells otherwise or lacks: the SDN list writes hundreds of OBSHCHESTVO S
# OGRANICHENNOI OTVETSTVENNOSTYU, which the table has only as "ogranichennoj".
ROMANISED_FORMS = (
    "obshchestvo s ogranichennoi otvetstvennostyu",
    "obshchestvo s ogranichennoy otvetstvennostyu",
    "aktsionernoe obshchestvo",
    "publichnoe aktsionernoe obshchestvo",
    "zakrytoe aktsionernoe obshchestvo",
    "zakrytoye aktsionernoye obshchestvo",
    "otkrytoe aktsionernoe obshchestvo",
    "otkrytoye aktsionernoye obshchestvo",
    "gosudarstvennoe unitarnoe predpriyatie",
    "avtonomnaya nekommercheskaya organizatsiya",
    "tovarystvo z obmezhenoiu vidpovidalnistiu",
    "tovarystvo z obmezhenoyu vidpovidalnistyu",
    "aktsionerne tovarystvo",
    "publichne aktsionerne tovarystvo",
)


def multi_word_forms(path: Path) -> list[str]:
    """Forms of two or more words that rigour recognises whole: the table's, and
    ROMANISED_FORMS."""
    with path.open(encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    out = []
    for entry in [*table["types"], {"forms": ROMANISED_FORMS}]:
        for form in entry.get("forms", ()):
            if len(form.split()) < 2:
                continue
            found = extract_org_types(form, generic=True)
            if len(found) == 1 and found[0][0].casefold() == form.casefold():
                out.append(form)
    return out


def form_words(forms: list[str]) -> list[str]:
    words = {
        word
        for form in forms
        for word in form.casefold().split()
        if len(word) >= MIN_WORD and word.isalpha()
    }
    return sorted(words)


def main() -> None:
    forms = multi_word_forms(types_file())
    words = form_words(forms)
    header = "# Words of multi-word legal forms (see build_legal_words.py); one a line.\n"
    OUTPUT.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{len(forms)} forms, {len(words)} words -> {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
