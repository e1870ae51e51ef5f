"""Regenerate data/name_symbols.tsv.gz: rigour's Wikidata name items for known name words.

rigour's person-name tagger knows which spellings are the same given or family name (Muhammad,
Mohammed, Mohamed -> Q5837762), but loading its tagger costs 5-20 s per process and ~3 µs per
word. We run it once over a wide vocabulary and keep only the items shared by at least two
spellings (an item with one spelling relates nothing):

- every name word of the shared sanctions lists (OFAC SDN/consolidated, UN, UK, CSL, BIS);
- given and family names of every Faker locale (a dev dependency), so that common spellings a
  list does not use (Mohamad, Yousef) still map to their item.

Run: `.venv/bin/python -m embargo.names.build_symbols` (about a minute).
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from rigour.names import NameTypeTag, analyze_names

from embargo.names.text import UNKNOWN, analyse_name
from embargo.settings import shared_data_dir

OUTPUT = Path(__file__).parent / "data" / "name_symbols.tsv.gz"
LIST_FILES = (
    "ofac/sdn-2023-12-28-full/sdn.csv.gz",
    "ofac/sdn-history/sdn-2024-05-03.csv.gz",
    "ofac/consolidated-xml-2024-05-06/consolidated.xml.gz",
    "un/un-consolidated-2026-02-27.xml.gz",
    "uk/UK_Sanctions_List-2025-08-11.ods",
    "us-csl/consolidated-2022-05.csv.gz",
    "us-bis-dpl/dpl-2023-11-30.txt",
)
NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "firstName", "lastName")


def list_names() -> Iterator[str]:
    from embargo.sources import read_list

    root = shared_data_dir()
    for rel in LIST_FILES:
        try:
            parsed = read_list(root / rel)
        except Exception as exc:  # a parser not landed yet must not stop the rebuild
            print(f"skipping {rel}: {exc}", file=sys.stderr)
            continue
        for record in parsed:
            for prop in NAME_PROPS:
                if prop in record.entity.schema.properties:
                    yield from record.entity.get(prop)


def faker_names() -> Iterator[str]:
    import faker.config
    from faker import Faker

    for locale in faker.config.AVAILABLE_LOCALES:
        try:
            person = Faker(locale).provider("faker.providers.person")
        except Exception:
            continue
        for attr in ("first_names", "last_names", "first_names_male", "first_names_female"):
            values = getattr(person, attr, None) or ()
            yield from values


def vocabulary() -> set[str]:
    words: set[str] = set()
    for source in (list_names(), faker_names()):
        for name in source:
            words.update(analyse_name(name, UNKNOWN).tokens)
    return {w for w in words if w.isalpha() and len(w) >= 3}


def main() -> None:
    words = sorted(vocabulary())
    print(f"{len(words)} words", file=sys.stderr)
    by_symbol: dict[str, set[str]] = defaultdict(set)
    for word in words:
        for name in analyze_names(
            NameTypeTag.PER,
            [word],
            phonetics=False,
            numerics=False,
            consolidate=False,
            rewrite=False,
        ):
            for span in name.spans:
                ident = str(span.symbol.id)
                if len(span.parts) == 1 and ident.startswith("Q"):
                    by_symbol[ident].add(word)
    by_word: dict[str, set[str]] = defaultdict(set)
    for ident, spellings in by_symbol.items():
        if len(spellings) >= 2:
            for word in spellings:
                by_word[word].add(ident)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUTPUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# word\tWikidata name items shared with another spelling (rigour tagger)\n")
        for word in sorted(by_word):
            fh.write(f"{word}\t{','.join(sorted(by_word[word]))}\n")
    print(f"{len(by_word)} words with shared items -> {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
