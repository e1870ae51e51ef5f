"""One entry point for every input: detect the format, find parties, report country risk."""

from __future__ import annotations

import codecs
import gc
import re
import weakref
from collections.abc import Sequence
from typing import Any

from embargo.index.entities import EntityInfo
from embargo.match import Query, Screener
from embargo.match.types import Match
from embargo.text import countries as country_risk
from embargo.text import html as html_text
from embargo.text import mt103, pacs008
from embargo.text.finder import MentionFinder, MentionIndex, Verified
from embargo.text.types import CountryRisk, Mention, ScanResult, Segment

FORMATS = ("auto", "text", "html", "mt103", "pacs008")
# Candidates scored per span: more than the few an automaton key can point to.
VERIFY_LIMIT = 50


class ScanError(ValueError):
    """Input that cannot be scanned as the format asked for; the message says why."""


class ScreenerVerifier:
    """Verifies text spans with the screening engine's own scorer (public `match` API).

    A span is screened like any name; only the automaton's candidate entities are kept, so
    the text stage never scores differently from `embargo screen`.
    """

    def __init__(self, screener: Screener, threshold: float | None = None) -> None:
        self.screener = screener
        self.threshold = screener.threshold if threshold is None else threshold

    def verify(self, text: str, candidates: Sequence[EntityInfo]) -> list[Verified]:
        schemas = {c.schema for c in candidates}
        schema = schemas.pop() if len(schemas) == 1 else "LegalEntity"
        wanted = {c.entity_id: c for c in candidates}
        query = Query(name=" ".join(text.split()), schema=schema)
        out: list[Verified] = []
        for m in self.screener.match(query, threshold=self.threshold, limit=VERIFY_LIMIT):
            info = wanted.get(m.entity_id)
            if info is not None:
                out.append(Verified(info, m.score, m.explanation))
        return out


class TextScanner:
    """Everything built once per screener: the mention index and the finder."""

    def __init__(self, screener: Screener, threshold: float | None = None) -> None:
        self.screener = screener
        self.threshold = screener.threshold if threshold is None else threshold
        self.index = MentionIndex(screener.index.entities)
        self.finder = MentionFinder(self.index, ScreenerVerifier(screener, self.threshold))
        # The screening and mention indexes live as long as the process: move them out of
        # the cyclic GC's reach, or every full collection after a scan walks millions of
        # objects (it cost as much as scanning a megabyte). Reference counting still frees.
        gc.freeze()

    def scan(self, data: str | bytes, format: str = "auto", sectoral: bool = False) -> ScanResult:
        if format not in FORMATS:
            raise ScanError(f"unknown format {format!r}; known: {', '.join(FORMATS)}")
        if format == "auto":
            format = detect_format(data)
        if format == "html":
            text = html_text.extract_text(data)
            return ScanResult("html", text, self.mentions(text))
        text = decode(data, format)
        if format == "text":
            return ScanResult("text", text, self.mentions(text))
        try:
            segments = mt103.segments(text) if format == "mt103" else pacs008.segments(text)
        except mt103.MessageError as exc:
            raise ScanError(str(exc)) from exc
        result = ScanResult(format, text)
        self._payment(segments, result, sectoral)
        return result

    def mentions(self, text: str, segment: Segment | None = None) -> list[Mention]:
        """Listed parties in running text (offsets mapped through `segment` if given)."""
        out: list[Mention] = []
        for cand, v in self.finder.find(text):
            start, end = cand.start, cand.end
            if segment is not None:
                start, end = segment.offset(start), segment.offset(end - 1) + 1
            out.append(
                _mention(
                    v.entity,
                    v.score,
                    v.explanation,
                    start,
                    end,
                    text[cand.start : cand.end],
                    segment,
                )
            )
        return out

    def _payment(self, segments: list[Segment], result: ScanResult, sectoral: bool) -> None:
        addresses: dict[str, list[str]] = {}
        for seg in segments:
            if seg.kind == "address":
                for hit in country_risk.find_in_text(seg.text):
                    addresses.setdefault(seg.field, []).append(hit.country)
        best: dict[tuple[str, str], Mention] = {}
        risks: dict[tuple[str, int, int], CountryRisk] = {}

        def add_risk(country: str | None, text: str, seg: Segment, start: int, end: int) -> None:
            if country_risk.wanted(country, sectoral):
                assert country is not None
                level = country_risk.level(country) or ""
                risks.setdefault(
                    (country, start, end),
                    CountryRisk(country, text, seg.field, start, end, level),
                )

        for seg in segments:
            found: list[Mention] = []
            if seg.kind == "party" and seg.text.strip():
                found.extend(self._screen_party(seg, addresses.get(seg.field, [])))
                found.extend(self.mentions(seg.text, seg))
            elif seg.kind == "text":
                found.extend(self.mentions(seg.text, seg))
            if seg.kind in ("party", "text", "address"):
                for hit in country_risk.find_in_text(seg.text):
                    start, end = seg.offset(hit.start), seg.offset(hit.end - 1) + 1
                    add_risk(hit.country, seg.text[hit.start : hit.end], seg, start, end)
            elif seg.kind in ("country", "bic", "currency"):
                convert = {
                    "country": country_risk.from_code,
                    "bic": country_risk.from_bic,
                    "currency": country_risk.from_currency,
                }[seg.kind]
                start, end = seg.offset(0), seg.offset(len(seg.text) - 1) + 1
                add_risk(convert(seg.text), seg.text, seg, start, end)
            for m in found:
                key = (m.field or "", m.entity_id)
                if key not in best or m.score > best[key].score:
                    best[key] = m
        result.mentions = sorted(best.values(), key=lambda m: (m.start, -m.score))
        result.countries = sorted(risks.values(), key=lambda r: (r.start, r.country))

    def _screen_party(self, seg: Segment, address_countries: list[str]) -> list[Mention]:
        codes = {c for c in seg.countries if c}
        codes.update(address_countries)
        query = Query(
            name=" ".join(seg.text.split()),
            schema=seg.schema,
            country=tuple(sorted(c.lower() for c in codes)),
        )
        start, end = seg.offset(0), seg.offset(len(seg.text) - 1) + 1
        return [
            _mention(m, m.score, m.explanation, start, end, seg.text, seg)
            for m in self.screener.match(query, threshold=self.threshold)
        ]


def _mention(
    listed: EntityInfo | Match,
    score: float,
    explanation: dict[str, Any],
    start: int,
    end: int,
    text: str,
    seg: Segment | None,
) -> Mention:
    """A mention of a listed party, found by the automaton (EntityInfo) or screened (Match)."""
    return Mention(
        start=start,
        end=end,
        text=text,
        entity_id=listed.entity_id,
        source=listed.source,
        source_id=listed.source_id,
        caption=listed.caption,
        score=score,
        explanation=explanation,
        field=seg.field if seg is not None else None,
        schema=listed.schema,
    )


_SCANNERS: weakref.WeakKeyDictionary[Screener, dict[float, TextScanner]] = (
    weakref.WeakKeyDictionary()
)


def scanner_for(screener: Screener, threshold: float | None = None) -> TextScanner:
    """The (cached) scanner of a screener: its mention index is built once."""
    per = _SCANNERS.setdefault(screener, {})
    key = screener.threshold if threshold is None else threshold
    found = per.get(key)
    if found is None:
        found = per[key] = TextScanner(screener, key)
    return found


def scan(
    data: str | bytes,
    format: str = "auto",
    screener: Screener | None = None,
    threshold: float | None = None,
    sectoral: bool = False,
) -> ScanResult:
    """Find listed parties (and, in payments, sanctioned countries) in text, HTML, MT103 or pacs.008."""
    if screener is None:
        raise ScanError("a screener is needed: Screener.from_records(...) or .from_store(...)")
    return scanner_for(screener, threshold).scan(data, format, sectoral)


_HTML_RE = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<(p|div|span|br|a|table|h[1-6])[\s>/]", re.I
)


def detect_format(data: str | bytes) -> str:
    """pacs.008 XML, MT103, HTML or plain text, from the content."""
    head = data[:20000]
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") and pacs008.looks_like_pacs008(stripped):
        return "pacs008"
    if mt103.looks_like_mt103(stripped):
        return "mt103"
    if _HTML_RE.search(stripped[:4000]):
        return "html"
    return "text"


_XML_ENCODING_RE = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def decode(data: str | bytes, format: str) -> str:
    """Bytes → text: a BOM or an XML declaration decides, else UTF-8 (strict)."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    encoding = "utf-8"
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            encoding = name
            break
    else:
        m = _XML_ENCODING_RE.match(data) if format == "pacs008" else None
        if m:
            encoding = m.group(1).decode("ascii")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = f"at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise ScanError(f"input is not valid {encoding} {detail}: {exc}".strip()) from exc
