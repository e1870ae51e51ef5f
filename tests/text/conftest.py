"""Screeners over real lists for the text tests, built once per session.

- `news_screener`: the OFAC SDN file of 13 Dec 2023 (the day of the Hamas/Türkiye designations)
  plus the UN Security Council list of 2024-09-26: the lists the news story is read against.
- `payment_screener`: the complete OFAC SDN set of 28 Dec 2023 (sdn + alt + add), whose alt.csv
  carries the Turkish spellings (YAGMUR, Cihat) and joined forms (ALDIN, Haroun Nasser).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from embargo.match import Screener
from embargo.sources import read_list

FIXTURES = Path(__file__).parent / "fixtures"


def _screener(*paths: Path) -> Screener:
    pairs = []
    for path in paths:
        parsed = read_list(path)
        pairs.extend((parsed.source, record) for record in parsed.records)
    return Screener.from_records(pairs)


@pytest.fixture(scope="session")
def news_screener(data_dir: Path) -> Screener:
    return _screener(
        data_dir / "ofac" / "sdn-history" / "sdn-2023-12-13.csv.gz",
        data_dir / "un" / "un-consolidated-2024-09-26.xml.gz",
    )


@pytest.fixture(scope="session")
def payment_screener(data_dir: Path) -> Screener:
    return _screener(data_dir / "ofac" / "sdn-2023-12-28-full" / "sdn.csv.gz")


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read
