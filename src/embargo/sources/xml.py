"""Safe XML reading shared by the XML list formats (OFAC sdnList, OFAC Enhanced, UN).

List files come from outside: the parser never resolves entities, never loads a DTD, never
touches the network and keeps libxml2's size limits (`huge_tree` off). A document that declares
entities is refused outright — no sanctions list needs them, and an unresolved reference would
silently lose the text it stands for.

Also here: the small helpers every XML format needs (namespace-free tags, child text, a flat
canonical `raw` dict of an element, country codes, FtM property adds that never drop a value).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from followthemoney import EntityProxy, model
from followthemoney.types import registry
from lxml import etree

from embargo.sources import files
from embargo.sources.base import ParsedList, Problem, Record, SourceError


def safe_parser() -> etree.XMLParser:
    """An lxml parser that cannot be made to read files, the network, or expand entities."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(path: str | Path, data: bytes | None = None) -> etree._Element:
    """The root element of a list file (decompressed as needed), with namespaces removed.

    Malformed or truncated XML raises `SourceError(path, reason, location="line N")`.
    """
    if data is None:
        data = files.read_bytes(path)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else None)
        raise SourceError(
            str(path), f"malformed XML: {exc.msg}", f"line {line}" if line else None
        ) from exc
    _refuse_entities(path, root)
    strip_namespaces(root)
    return root


def _refuse_entities(path: str | Path, root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        names = [e.name for e in dtd.iterentities()]
        if names:
            raise SourceError(
                str(path),
                f"document declares XML entities ({', '.join(names[:5])}); refused, "
                "list files never need them",
                "line 1",
            )
    # An external DTD can declare entities we never see; any reference left in the tree
    # stands for text we would lose.
    for node in root.iter(etree.Entity):
        raise SourceError(
            str(path), f"unresolved entity reference {node.text}", f"line {node.sourceline}"
        )


def strip_namespaces(root: etree._Element) -> None:
    """Rename every element to its local name: the formats use one default namespace."""
    for el in root.iter(etree.Element):
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = el.tag.split("}", 1)[1]
        if el.attrib:
            for key in [k for k in el.attrib if k.startswith("{")]:
                value = el.attrib.pop(key)
                el.attrib[key.split("}", 1)[1]] = value
    etree.cleanup_namespaces(root)


def text(el: etree._Element | None) -> str | None:
    """The element's whitespace-normalised text, or None when empty."""
    if el is None:
        return None
    value = " ".join("".join(el.itertext()).split())
    return value or None


def child_text(el: etree._Element, path: str) -> str | None:
    return text(el.find(path))


def children_text(el: etree._Element, path: str) -> list[str]:
    return [v for v in (text(c) for c in el.findall(path)) if v]


def location(el: etree._Element) -> str:
    """Where an element is, for a Problem: "element <sdnEntry> at line 12"."""
    return f"element <{el.tag}> at line {el.sourceline}"


class EntryError(ValueError):
    """An entry that cannot become a record (no id, no name)."""


def collect_records(
    parsed: ParsedList,
    elements: Iterable[etree._Element],
    parse: Callable[[etree._Element], Record],
    id_label: str,
) -> None:
    """Parse each entry into `parsed.records`; a bad or repeated entry becomes a Problem."""
    seen: set[str] = set()
    for el in elements:
        try:
            record = parse(el)
        except EntryError as exc:
            parsed.problems.append(Problem(parsed.path, location(el), str(exc)))
            continue
        if record.source_id in seen:
            parsed.problems.append(
                Problem(
                    parsed.path, location(el), f"duplicate {id_label} {record.source_id}; skipped"
                )
            )
            continue
        seen.add(record.source_id)
        parsed.records.append(record)


def flatten(el: etree._Element) -> dict[str, str]:
    """A flat, canonical dict of every text and attribute below `el`.

    Keys are paths; a repeated element is keyed by its publisher id (`@id`, a `uid` child) so
    that adding one alias does not renumber the others, else by its position.
    """
    out: dict[str, str] = {}
    _flatten(el, "", out)
    return out


def _flatten(el: etree._Element, prefix: str, out: dict[str, str]) -> None:
    for key, value in sorted(el.attrib.items()):
        if key not in ("id", "schemaLocation", "noNamespaceSchemaLocation"):
            out[f"{prefix}@{key}" if prefix else f"@{key}"] = value
    own = (el.text or "").strip()
    if own and prefix:
        out[prefix] = " ".join(own.split())
    children = [c for c in el if isinstance(c.tag, str)]
    counts: dict[str, int] = {}
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    for child in children:
        seen[child.tag] = seen.get(child.tag, 0) + 1
        key = child.tag
        ident = child.get("id") or (child.findtext("uid") if len(child) else None)
        if ident:
            key = f"{key}[{ident.strip()}]"
        elif counts[child.tag] > 1:
            key = f"{key}[{seen[child.tag]}]"
        _flatten(child, f"{prefix}/{key}" if prefix else key, out)


@lru_cache(maxsize=4096)
def country_code(value: str | None) -> str | None:
    """An ISO country code from a publisher's country text ("Turkey" -> "tr"), or None."""
    if not value:
        return None
    return registry.country.clean_text(value)


def make_entity(schema: str, entity_id: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = entity_id
    return entity


def add_or_note(entity: EntityProxy, prop: str, value: str | None, label: str) -> None:
    """Add a value; if the schema has no such property or FtM rejects the value, keep it in notes.

    FtM silently drops values it cannot clean ("circa 1962" as a date); a list parser must not.
    """
    if value is None or not value.strip():
        return
    value = value.strip()
    if prop in entity.schema.properties:
        before = len(entity.get(prop))
        entity.add(prop, value)
        if len(entity.get(prop)) > before or _already_has(entity, prop, value):
            return
    note(entity, f"{label}: {value}")


def _already_has(entity: EntityProxy, prop: str, value: str) -> bool:
    cleaned = entity.schema.properties[prop].type.clean(value)
    return cleaned is not None and cleaned in entity.get(prop)


def note(entity: EntityProxy, value: str) -> None:
    target = "notes" if "notes" in entity.schema.properties else "description"
    entity.add(target, value)


def add_country(entity: EntityProxy, prop: str, value: str | None, label: str) -> None:
    """A country property from publisher text; an unrecognised name goes to notes."""
    if not value:
        return
    code = country_code(value)
    if code is not None and prop in entity.schema.properties:
        entity.add(prop, code)
    else:
        note(entity, f"{label}: {value}")


def keep_unknown(entity: EntityProxy, el: etree._Element, known: frozenset[str]) -> None:
    """Children the parser does not model go to notes, so a new publisher field is never lost."""
    for child in el:
        if isinstance(child.tag, str) and child.tag not in known:
            value = text(child)
            if value:
                note(entity, f"{child.tag}: {value}")
