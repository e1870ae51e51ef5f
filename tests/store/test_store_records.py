"""Canonical record content and the field-by-field comparison used by `changes`."""

from __future__ import annotations

from followthemoney import model
from store_helpers import record

from embargo.store.records import encode, external_refs, field_changes


def test_hash_ignores_order_and_repeats() -> None:
    a = record("1", "A")
    b = record("1", "A")
    b.related = [b.related[0], b.related[0]]  # a parser repeating an entity changes nothing
    a.entity.add("alias", ["X", "Y"])
    b.entity.add("alias", ["Y", "X"])
    assert encode(a)[0] == encode(b)[0]
    b.entity.add("alias", "Z")
    assert encode(a)[0] != encode(b)[0]


def test_fields_listed_and_related() -> None:
    old, new = record("1", "A", program="SDGT"), record("1", "B", program="IRAN")
    new.entity.add("birthDate", "1970")
    diff = field_changes(old, new, {})
    assert diff["name"] == (["A"], ["B"])
    assert diff["birthDate"] == ([], ["1970"])
    assert diff["Sanction.program"] == (["SDGT"], ["IRAN"])
    assert "Sanction.entity" not in diff  # points back at the record itself


def test_raw_only_when_nothing_modelled_differs() -> None:
    old, new = record("1", "A", Remarks="x"), record("1", "A", Remarks="y")
    assert field_changes(old, new, {}) == {"raw.Remarks": (["x"], ["y"])}
    new.entity.add("notes", "n")
    assert set(field_changes(old, new, {})) == {"notes"}


def test_links_shown_by_caption() -> None:
    def linked(target: str):
        rec = record("1", "A")
        link = model.make_entity("UnknownLink")
        link.id = f"ofac-1-link-{target}"
        link.add("subject", rec.entity_id)
        link.add("object", target)
        rec.related.append(link)
        return rec

    old, new = linked("ofac-2"), linked("ofac-3")
    assert external_refs(new) == {"ofac-3"}
    diff = field_changes(old, new, {"ofac-2": "TWO LTD", "ofac-3": "THREE LTD"})
    assert diff["UnknownLink.object"] == (["TWO LTD"], ["THREE LTD"])
