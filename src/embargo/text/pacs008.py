"""ISO 20022 pacs.008 (FI to FI customer credit transfer) → the parts to screen, with offsets.

Parties (Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty) are screened as names with the country of
their postal address / residence; their address lines are checked for country names. Agents
(DbtrAgt, CdtrAgt, IntrmyAgt1-3 …) give a BIC (its country) and sometimes a name. Free text —
RmtInf (Ustrd, Strd/AddtlRmtInf), InstrForCdtrAgt, InstrForNxtAgt, Purp/Prtry, RgltryRptg —
is scanned as running text. `field` is the party or block element's name, prefixed with the
transaction ("CdtTrfTxInf[2]/Cdtr") when a message carries more than one.

Safety: a DOCTYPE is refused outright (ISO 20022 messages never have one, and it is where entity
expansion and external fetches come from); the parser resolves no entities, loads no DTD and
never touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from embargo.sources.xml import safe_parser
from embargo.text.mt103 import MessageError
from embargo.text.types import Segment

PARTIES = ("Dbtr", "Cdtr", "UltmtDbtr", "UltmtCdtr", "InitgPty")
AGENTS = (
    "DbtrAgt", "CdtrAgt", "IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3", "InstgAgt", "InstdAgt",
    "PrvsInstgAgt1", "PrvsInstgAgt2", "PrvsInstgAgt3",
)  # fmt: skip
TEXT_BLOCKS = ("RmtInf", "InstrForCdtrAgt", "InstrForNxtAgt", "Purp", "RgltryRptg", "RltdRmtInf")
# Elements inside a text block that carry text (codes such as Cd are not text).
TEXT_ELEMENTS = frozenset(
    {"Ustrd", "AddtlRmtInf", "InstrInf", "Prtry", "Inf", "Nm", "RfrdDocInf", "Nb", "Ref"}
)
ADDRESS_ELEMENTS = frozenset(
    {"AdrLine", "StrtNm", "BldgNm", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn", "PstCd",
     "Dept", "SubDept", "Flr", "Room", "PstBx", "BldgNb"}
)  # fmt: skip
COUNTRY_ELEMENTS = frozenset({"Ctry", "CtryOfRes", "CtryOfBirth"})

_TAG_RE = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|</[^>]*>"
    r"|<([^\s/>!?]+)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>",
    re.DOTALL,
)
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_ENCODING_DECL_RE = re.compile(rb"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def looks_like_pacs008(text: str) -> bool:
    head = text.lstrip()[:4000]
    if not head.startswith("<"):
        return False
    return "pacs.008" in head or "FIToFICstmrCdtTrf" in text[:20000]


def parse_xml(data: bytes) -> etree._Element:
    if re.search(rb"<!DOCTYPE", data[:4096], re.IGNORECASE) or b"<!ENTITY" in data:
        raise MessageError("pacs.008", "prolog", "DOCTYPE/ENTITY declarations are not allowed")
    parser = safe_parser()
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MessageError(
            "pacs.008", f"line {exc.lineno}", f"not well-formed XML: {exc.msg}"
        ) from exc


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def segments(text: str) -> list[Segment]:
    """Everything in a pacs.008 message that is screened, in document order."""
    # The text is already decoded: drop the prolog's encoding so lxml reads the UTF-8 we give it.
    data = _ENCODING_DECL_RE.sub(rb"\1", text.encode("utf-8"), count=1)
    root = parse_xml(data)
    located = _locate_text(text, root)
    transactions = [el for el in root.iter() if local(el) == "CdtTrfTxInf"]
    if not transactions:
        raise MessageError("pacs.008", f"element {local(root)}", "no CdtTrfTxInf transaction")
    many = len(transactions) > 1
    out: list[Segment] = []
    # Parties in the group header (InitgPty) apply to all transactions.
    for el in root.iter():
        if local(el) == "GrpHdr":
            for child in el:
                if local(child) in PARTIES:
                    out.extend(_party(child, local(child), located))
    for n, tx in enumerate(transactions, 1):
        prefix = f"CdtTrfTxInf[{n}]/" if many else ""
        for child in tx:
            name = local(child)
            label = prefix + name
            if name in PARTIES:
                out.extend(_party(child, label, located))
            elif name in AGENTS:
                out.extend(_agent(child, label, located))
            elif name in TEXT_BLOCKS:
                out.extend(_text_block(child, label, located))
    return out


def _party(el: etree._Element, label: str, located: dict[etree._Element, Segment]) -> list[Segment]:
    out: list[Segment] = []
    countries: list[str] = []
    name_seg: Segment | None = None
    for child in el.iter():
        name = local(child)
        seg = located.get(child)
        if seg is None:
            continue
        if name == "Nm" and name_seg is None:
            name_seg = Segment(label, "party", seg.text, seg.start, seg.offsets)
        elif name in ADDRESS_ELEMENTS:
            out.append(Segment(label, "address", seg.text, seg.start, seg.offsets))
        elif name in COUNTRY_ELEMENTS:
            countries.append(seg.text.strip())
            out.append(Segment(label, "country", seg.text.strip(), seg.start, seg.offsets))
        elif name in ("BICFI", "AnyBIC", "BIC"):
            out.append(Segment(label, "bic", seg.text.strip(), seg.start, seg.offsets))
    if name_seg is not None:
        if any(local(c) == "OrgId" for c in el.iter()):
            name_seg.schema = "Organization"
        elif any(local(c) == "PrvtId" for c in el.iter()):
            name_seg.schema = "Person"
        name_seg.countries = tuple(countries)
        out.insert(0, name_seg)
    return out


def _agent(el: etree._Element, label: str, located: dict[etree._Element, Segment]) -> list[Segment]:
    out = _party(el, label, located)
    for seg in out:
        if seg.kind == "party":
            seg.schema = "Organization"
    return out


def _text_block(
    el: etree._Element, label: str, located: dict[etree._Element, Segment]
) -> list[Segment]:
    out: list[Segment] = []
    for child in el.iter():
        seg = located.get(child)
        if seg is None:
            continue
        name = local(child)
        if name in TEXT_ELEMENTS:
            out.append(Segment(label, "text", seg.text, seg.start, seg.offsets))
        elif name in COUNTRY_ELEMENTS:
            out.append(Segment(label, "country", seg.text.strip(), seg.start, seg.offsets))
    return out


def _locate_text(text: str, root: etree._Element) -> dict[etree._Element, Segment]:
    """Each element's direct text with the offset of every character in `text`.

    lxml does not report character offsets, so the start tags in the raw text are matched, in
    document order, to the parsed elements (comments, CDATA and PIs are skipped on both sides).
    Keyed by the element proxies themselves: holding them keeps lxml from recycling them.
    """
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    out: dict[etree._Element, Segment] = {}
    i = 0
    for m in _iter_start_tags(text):
        if i >= len(elements):
            break
        el = elements[i]
        i += 1
        if m.group(2) == "/" or not (el.text and el.text.strip()):
            continue
        decoded, offsets = _decode_content(text, m.end())
        if decoded != el.text:
            continue  # CDATA or something unusual: leave it unlocated rather than misplace it
        out[el] = Segment("", "", decoded, offsets[0] if offsets else m.end(), offsets)
    return out


def _iter_start_tags(text: str) -> Iterator[re.Match[str]]:
    for m in _TAG_RE.finditer(text):
        if m.group(1):
            yield m


def _decode_content(text: str, start: int) -> tuple[str, list[int]]:
    """The character data from `start` to the next tag, entities decoded, with offsets."""
    end = text.find("<", start)
    if end < 0:
        end = len(text)
    chars: list[str] = []
    offsets: list[int] = []
    pos = start
    for m in _ENTITY_RE.finditer(text, start, end):
        for j in range(pos, m.start()):
            chars.append(text[j])
            offsets.append(j)
        ref = m.group(1)
        if ref.startswith("#x"):
            value = chr(int(ref[2:], 16))
        elif ref.startswith("#"):
            value = chr(int(ref[1:]))
        else:
            value = _NAMED[ref]
        chars.append(value)
        offsets.append(m.start())
        pos = m.end()
    for j in range(pos, end):
        chars.append(text[j])
        offsets.append(j)
    # XML normalises line ends to \n: mirror it so the decoded text equals lxml's.
    decoded = "".join(chars)
    if "\r" in decoded:
        keep = [
            k for k, c in enumerate(decoded) if not (c == "\r" and decoded[k + 1 : k + 2] == "\n")
        ]
        decoded = "".join(decoded[k] for k in keep).replace("\r", "\n")
        offsets = [offsets[k] for k in keep]
    return decoded, offsets
