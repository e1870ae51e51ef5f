from __future__ import annotations

from pathlib import Path

import pytest

from embargo.match import Screener
from embargo.sources import read_list

SDN_2023_12_13 = "ofac/sdn-history/sdn-2023-12-13.csv.gz"


@pytest.fixture(scope="session")
def sdn_screener(data_dir: Path) -> Screener:
    parsed = read_list(data_dir / SDN_2023_12_13)
    return Screener.from_records((parsed.source, r) for r in parsed.records)
