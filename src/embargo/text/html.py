"""HTML → the text a reader sees; mention offsets are reported relative to this text.

Inline markup inside a word joins up ("Ha<b>mas</b>" → "Hamas"), block elements and <br> become
line breaks so that words in different cells or paragraphs are not glued together. Scripts,
styles and other non-rendered content are dropped. The parser never fetches anything.
"""

from __future__ import annotations

import contextlib

import lxml.etree
import lxml.html

# Elements whose content is not text a reader sees.
_DROP = frozenset(
    {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math"}
)
# Elements that start a new line of text.
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "option",
        "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "ul",
    }
)  # fmt: skip


class HtmlError(ValueError):
    pass


def extract_text(html: str | bytes) -> str:
    """The visible text of an HTML document or fragment."""
    if isinstance(html, bytes):
        # UTF-8 when it is valid UTF-8 (lxml would guess Latin-1 without a <meta charset>);
        # otherwise lxml reads the document's own declaration from the bytes.
        with contextlib.suppress(UnicodeDecodeError):
            html = html.decode("utf-8-sig")
    encoding = None
    if isinstance(html, str):
        # lxml refuses str input that declares an encoding: give it UTF-8 bytes and say so.
        html, encoding = html.encode("utf-8"), "utf-8"
    if not html.strip():
        return ""
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, recover=True, encoding=encoding
    )
    try:
        root = lxml.html.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise HtmlError(f"cannot parse HTML: {exc}") from exc
    parts: list[str] = []
    _walk(root, parts)
    return "".join(parts).strip("\n")


def _walk(el: lxml.html.HtmlElement, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if tag in _DROP:
        return
    block = tag in _BLOCK
    if block:
        _newline(out)
    if el.text and tag:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        _newline(out)


def _newline(out: list[str]) -> None:
    if out and not out[-1].endswith("\n"):
        out.append("\n")
