"""The in-memory screening index built from the store."""

from embargo.index.entities import EntityInfo, entity_info, normalise_id
from embargo.index.screening import CandidateFinder, IndexedName, ScreeningIndex

__all__ = [
    "CandidateFinder",
    "EntityInfo",
    "IndexedName",
    "ScreeningIndex",
    "entity_info",
    "normalise_id",
]
