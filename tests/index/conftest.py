from __future__ import annotations

from pathlib import Path

import pytest

from embargo.index import ScreeningIndex, entity_info
from embargo.sources import read_list

SDN_2023_12_13 = "ofac/sdn-history/sdn-2023-12-13.csv.gz"


@pytest.fixture(scope="session")
def sdn_index(data_dir: Path) -> ScreeningIndex:
    parsed = read_list(data_dir / SDN_2023_12_13)
    return ScreeningIndex(entity_info(parsed.source, r) for r in parsed.records)
