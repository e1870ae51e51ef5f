"""SWIFT MT103 (single customer credit transfer) → the parts to screen, with message offsets.

Block 4 fields are read from `:TAG:` lines. Parties are screened as names:
- 50K / 59 / 52D, 53D, 54D, 56D, 57D (account line, then name and address lines): the first
  line after the account is the name; the remaining lines are address (countries) and also
  scanned as text, so a name continued on the next line is still found;
- 50F / 59F (structured): `1/` lines are the name, `2/` address, `3/CC/TOWN` country and town,
  `5/CC/PLACE` place of birth, `7/CC/...` national id country, `8/` more name or details;
- 50A / 59A / 52A / 56A / 57A …: a BIC, whose country (letters 5–6) is checked for country risk.
Free text fields are scanned as running text: 70 (remittance information), 72 (sender to
receiver information), 77B (regulatory reporting, also ORDERRES/BENEFRES country codes), 26T.
32A / 33B: the currency, when it is that of a comprehensively sanctioned country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embargo.text.types import Segment


class MessageError(ValueError):
    """A payment message that cannot be read; says where and why."""

    def __init__(self, fmt: str, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(f"{fmt} {location}: {reason}")


FIELD_RE = re.compile(r"^:(\d{2}[A-Z]?):", re.MULTILINE)
BIC_RE = re.compile(r"\b([A-Z]{4})([A-Z]{2})([A-Z0-9]{2})([A-Z0-9]{3})?\b")
PARTY_FIELDS = ("50K", "59", "52D", "53D", "54D", "55D", "56D", "57D", "50", "51D")
STRUCTURED_PARTY_FIELDS = ("50F", "59F")
BIC_FIELDS = ("50A", "59A", "52A", "53A", "54A", "55A", "56A", "57A", "51A", "50G", "50H")
TEXT_FIELDS = ("70", "72", "77B", "26T", "77T")
CURRENCY_FIELDS = ("32A", "33B", "32B")
ORGANISATION_FIELDS = frozenset({"52D", "53D", "54D", "55D", "56D", "57D", "51D"})


@dataclass(frozen=True)
class RawField:
    tag: str
    value: str
    start: int  # message offset of the value's first character
    line: int  # 1-based line of the tag


def looks_like_mt103(text: str) -> bool:
    head = text.lstrip()[:4000]
    if re.search(r"\{2:[IO]103", head):
        return True
    return bool(re.search(r"^:20:", head, re.MULTILINE) and re.search(r"^:32A:", text, re.M))


def block4(text: str) -> tuple[int, int]:
    """Start and end offsets of the block 4 content (the whole text when there are no blocks)."""
    at = text.find("{4:")
    if at < 0:
        return 0, len(text)
    start = at + 3
    end = text.find("\n-}", start)
    if end < 0:
        end = text.find("-}", start)
    if end < 0:
        raise MessageError("MT103", f"offset {at}", "block 4 is not closed with '-}'")
    return start, end + 1


def read_fields(text: str) -> list[RawField]:
    start, end = block4(text)
    matches = list(FIELD_RE.finditer(text, start, end))
    if not matches:
        raise MessageError("MT103", "block 4", "no :TAG: fields found")
    fields: list[RawField] = []
    for i, m in enumerate(matches):
        value_end = matches[i + 1].start() if i + 1 < len(matches) else end
        value = text[m.end() : value_end]
        # The value ends before the line break that precedes the next tag.
        value = value.rstrip("\r\n")
        line = text.count("\n", 0, m.start()) + 1
        fields.append(RawField(m.group(1), value, m.end(), line))
    tags = {f.tag for f in fields}
    if "20" not in tags or not tags & {"32A", "32B"}:
        missing = "20" if "20" not in tags else "32A"
        raise MessageError("MT103", "block 4", f"mandatory field :{missing}: missing")
    return fields


def _lines(f: RawField) -> list[tuple[str, int]]:
    """The field's lines with their message offsets."""
    out: list[tuple[str, int]] = []
    pos = f.start
    for line in f.value.split("\n"):
        out.append((line.rstrip("\r"), pos))
        pos += len(line) + 1
    return out


def segments(text: str) -> list[Segment]:
    """Everything in an MT103 that is screened, in message order."""
    out: list[Segment] = []
    for f in read_fields(text):
        if f.tag in PARTY_FIELDS:
            out.extend(_party(f))
        elif f.tag in STRUCTURED_PARTY_FIELDS:
            out.extend(_structured_party(f))
        elif f.tag in BIC_FIELDS:
            out.extend(_bic(f))
        elif f.tag in TEXT_FIELDS:
            out.append(_text(f))
            if f.tag == "77B":
                out.extend(_reporting_countries(f))
        elif f.tag in CURRENCY_FIELDS:
            m = re.match(r"(?:\d{6})?([A-Z]{3})", f.value)
            if m:
                out.append(Segment(f.tag, "currency", m.group(1), f.start + m.start(1)))
    return out


def _party(f: RawField) -> list[Segment]:
    lines = [(s, p) for s, p in _lines(f) if s.strip()]
    if lines and lines[0][0].startswith("/"):
        lines = lines[1:]  # the account
    if not lines:
        return []
    schema = "Organization" if f.tag in ORGANISATION_FIELDS else "LegalEntity"
    name, pos = lines[0]
    out = [Segment(f.tag, "party", name.strip(), pos + _lead(name), schema=schema)]
    if len(lines) > 1:
        # Name continued on the next line, or a second name: the whole field as text.
        out.append(_joined(f.tag, "text", lines))
        out.append(_joined(f.tag, "address", lines[1:]))
    return out


def _structured_party(f: RawField) -> list[Segment]:
    """50F/59F: numbered lines."""
    names: list[tuple[str, int]] = []
    address: list[tuple[str, int]] = []
    codes: list[tuple[str, int]] = []
    for line, pos in _lines(f):
        m = re.match(r"([1-8])/(.*)", line)
        if not m:
            continue
        number, value, vpos = m.group(1), m.group(2), pos + 2
        if number == "1":
            names.append((value, vpos))
        elif number in ("2", "8"):
            address.append((value, vpos))
        elif number in ("3", "5", "7"):
            c = re.match(r"([A-Z]{2})(?:/(.*))?", value)
            if c:
                codes.append((c.group(1), vpos))
                if c.group(2):
                    address.append((c.group(2), vpos + 3))
    out: list[Segment] = []
    countries = tuple(code for code, _ in codes)
    if names:
        seg = _joined(f.tag, "party", names, sep=" ")
        seg.countries = countries
        out.append(seg)
    if address:
        out.append(_joined(f.tag, "address", address))
    for code, pos in codes:
        out.append(Segment(f.tag, "country", code, pos))
    return out


def _bic(f: RawField) -> list[Segment]:
    out: list[Segment] = []
    for line, pos in _lines(f):
        if line.startswith("/"):
            continue
        m = BIC_RE.search(line)
        if m:
            out.append(Segment(f.tag, "bic", m.group(0), pos + m.start()))
    return out


# Free-text lines hold at most 35 characters (72, 77B: up to 35 too); senders cut words there.
LINE_WIDTH = 35


def _text(f: RawField) -> Segment:
    return _joined(f.tag, "text", _lines(f), wrap=LINE_WIDTH)


def _reporting_countries(f: RawField) -> list[Segment]:
    """77B "/ORDERRES/IR//..." and "/BENEFRES/SY//...": residence countries."""
    out: list[Segment] = []
    for m in re.finditer(r"/(?:ORDERRES|BENEFRES)/([A-Z]{2})\b", f.value):
        out.append(Segment(f.tag, "country", m.group(1), f.start + m.start(1)))
    return out


def _joined(
    tag: str, kind: str, lines: list[tuple[str, int]], sep: str = "\n", wrap: int = 0
) -> Segment:
    """Lines of a field as one text, keeping each character's message offset.

    With `wrap`, a full-width line that ends inside a word continues on the next line without
    a break: "PAYMENT TO CIHAT YAG" + "MUR" is one word, as the sender's system cut it.
    """
    text_parts: list[str] = []
    offsets: list[int] = []
    for i, (line, pos) in enumerate(lines):
        if i:
            prev = lines[i - 1][0]
            cut = wrap and len(prev) == wrap and prev[-1:].isalnum() and line[:1].isalnum()
            if not cut:
                text_parts.append(sep)
                offsets.append(offsets[-1] + 1 if offsets else pos)
        text_parts.append(line)
        offsets.extend(range(pos, pos + len(line)))
    return Segment(tag, kind, "".join(text_parts), lines[0][1] if lines else 0, offsets)


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip())
