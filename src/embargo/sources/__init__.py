"""Sources: one module per publisher format, each turning a list file into FtM records.

`read_list(path)` detects the format from the file's content; `source=` forces the source name.
Every format module exposes:

- `FORMAT: str` — its short name ("ofac_csv", "un_xml" ...);
- `sniff(path: Path, head: bytes) -> str | None` — the source name if the file is of this format;
- `parse(path: Path, source: str) -> ParsedList`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from embargo.sources import files
from embargo.sources.base import ParsedList, Problem, Record, SourceError

__all__ = [
    "SOURCES",
    "ParsedList",
    "Problem",
    "Record",
    "SourceError",
    "detect",
    "known_source",
    "read_list",
    "unknown_source",
]

_DATASET = re.compile(r"[a-z0-9][a-z0-9_-]*")  # OpenSanctions' dataset names: eu_fsf, ru_egrul


@dataclass(frozen=True)
class SourceInfo:
    name: str
    title: str
    publisher: str
    urls: tuple[str, ...] = ()  # official download addresses, in the order to fetch


SOURCES: dict[str, SourceInfo] = {
    s.name: s
    for s in (
        SourceInfo(
            "us_ofac_sdn",
            "OFAC Specially Designated Nationals (SDN) List",
            "US Treasury OFAC",
            (
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV",
            ),
        ),
        SourceInfo(
            "us_ofac_cons",
            "OFAC Consolidated (non-SDN) Sanctions List",
            "US Treasury OFAC",
            (
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
            ),
        ),
        SourceInfo(
            "un_sc_sanctions",
            "UN Security Council Consolidated List",
            "United Nations Security Council",
            ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
        ),
        SourceInfo(
            "gb_fcdo_sanctions",
            "UK Sanctions List",
            "UK Foreign, Commonwealth & Development Office",
            ("https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.ods",),
        ),
        SourceInfo(
            "gb_hmt_sanctions",
            "UK HM Treasury OFSI Consolidated List",
            "UK HM Treasury OFSI",
            ("https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",),
        ),
        SourceInfo(
            "eu_fsf",
            "EU Financial Sanctions Files (consolidated list)",
            "European Commission",
            (),
        ),
        SourceInfo(
            "us_trade_csl",
            "US Consolidated Screening List",
            "US International Trade Administration",
            (
                "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
            ),
        ),
        SourceInfo(
            "us_bis_denied",
            "BIS Denied Persons List",
            "US Bureau of Industry and Security",
            ("https://www.bis.doc.gov/dpl/dpl.txt",),
        ),
        SourceInfo(
            "opensanctions",
            "OpenSanctions FollowTheMoney data",
            "OpenSanctions",
            ("https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json",),
        ),
    )
}

# Format modules, tried in this order by `detect`.
FORMAT_MODULES = (
    "ofac_csv",
    "ofac_xml",
    "ofac_enhanced_xml",
    "un_xml",
    "uk_ods",
    "uk_conlist_csv",
    "ftm_json",
    "us_csl_csv",
    "bis_dpl",
)


def format_modules() -> list[ModuleType]:
    modules = []
    for name in FORMAT_MODULES:
        try:
            modules.append(importlib.import_module(f"embargo.sources.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"embargo.sources.{name}":
                raise
    return modules


def detect(path: str | Path) -> tuple[ModuleType, str]:
    """The format module and source name for a list file, from its content."""
    path = Path(path)
    if not path.exists():
        raise SourceError(str(path), "no such file")
    start = files.head(path)
    for module in format_modules():
        source = module.sniff(path, start)
        if source:
            return module, source
    raise SourceError(str(path), "format not recognised (use --source to force one)")


def known_source(source: str) -> bool:
    """One of SOURCES, or one of them with a dataset of its own after a colon: two OpenSanctions
    datasets (opensanctions:eu_fsf, opensanctions:zala) are two lists, each with its versions,
    where under one name the later would stand as a new version of the other."""
    base, colon, dataset = source.partition(":")
    return base in SOURCES and (not colon or _DATASET.fullmatch(dataset) is not None)


def unknown_source(source: str) -> str:
    """The error for a source name known_source refuses."""
    return (
        f"unknown source {source!r}; known: {', '.join(SOURCES)}, each also with a dataset "
        "name after a colon (opensanctions:eu_fsf)"
    )


def read_list(path: str | Path, source: str | None = None) -> ParsedList:
    """Parse one list file into records; `source` forces the source name."""
    path = Path(path)
    if source is not None and not known_source(source):
        raise SourceError(str(path), unknown_source(source))
    module, detected = detect(path)
    parsed: ParsedList = module.parse(path, source or detected)
    parsed.format = parsed.format or module.FORMAT
    return parsed
