"""Hand-built records for store tests that need exact control over content."""

from __future__ import annotations

from datetime import date

from followthemoney import model

from embargo.sources.base import ParsedList, Record
from embargo.sources.ids import entity_id, related_id

SOURCE = "us_ofac_sdn"


def record(source_id: str, name: str, program: str = "SDGT", **raw: str) -> Record:
    entity = model.make_entity("Person")
    entity.id = entity_id(SOURCE, source_id)
    entity.add("name", name)
    sanction = model.make_entity("Sanction")
    sanction.id = related_id(entity.id, "sanction")
    sanction.add("entity", entity.id)
    sanction.add("program", program)
    return Record(
        source_id=source_id,
        entity=entity,
        related=[sanction],
        raw={"name": name, "program": program, **raw},
    )


def parsed(content: dict[str, str], day: date, path: str = "test.csv") -> ParsedList:
    """A list whose records are source_id → name."""
    return ParsedList(
        source=SOURCE,
        path=path,
        records=[record(sid, name) for sid, name in content.items()],
        published=day,
        format="test",
    )
