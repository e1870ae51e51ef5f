"""What a scan reports: party mentions, country risk, and the result of one scan."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Mention:
    """A listed party found in the input; offsets index the text the scan reports on.

    For plain text and payment messages that is the input itself (decoded); for HTML it is the
    extracted text (`ScanResult.text`).
    """

    start: int
    end: int
    text: str
    entity_id: str
    source: str
    source_id: str
    caption: str
    score: float
    explanation: dict[str, Any] = field(default_factory=dict)
    field: str | None = None  # payment field ("59", "Cdtr" ...); None for running text
    schema: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("schema")
        return data


@dataclass
class CountryRisk:
    """A country or region under comprehensive sanctions named in a payment."""

    country: (
        str  # FtM territory code: ir, kp, cu, sy, ua-cri, ua-dpr, ua-lpr (ru, by, ve: sectoral)
    )
    text: str
    field: str | None
    start: int
    end: int
    level: str = "comprehensive"  # or "sectoral" when asked for

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Segment:
    """One piece of a payment message: a structured party (screened as a name) or free text.

    `start` is where `text` begins in the message; `spans` optionally maps the characters of
    `text` to message offsets where they are not contiguous (XML entities, joined lines).
    """

    field: str
    kind: str  # "party", "text", "country", "bic"
    text: str
    start: int
    offsets: list[int] | None = None  # message offset of each character of `text`, if not start+i
    countries: tuple[str, ...] = ()  # country codes given for a party (address, residence)
    schema: str = "LegalEntity"

    def offset(self, i: int) -> int:
        """Message offset of character `i` of `text` (i may equal len(text): the end)."""
        if self.offsets is None:
            return self.start + i
        if i < len(self.offsets):
            return self.offsets[i]
        return (self.offsets[-1] + 1) if self.offsets else self.start


@dataclass
class ScanResult:
    format: str  # text, html, mt103, pacs008
    text: str  # the text the offsets refer to
    mentions: list[Mention] = field(default_factory=list)
    countries: list[CountryRisk] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "mentions": [m.to_dict() for m in self.mentions],
            "countries": [c.to_dict() for c in self.countries],
        }
