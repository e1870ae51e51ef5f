"""Insight: country ties, links, timelines and change reports over the list history.

- `evidence` — the declarative table of country ties (schema/property → kind);
- `links` — relationship entities as a graph, "linked to X within N hops";
- `facts` / `cache` — both computed once per stored record state and kept in `insight_*` tables;
- `history` — exposure on a date and timelines over every stored version;
- `chart`, `report` — the step chart and the analyst's change digest;
- `demo.demo_insight(store, out_dir)` — the Hamas–Türkiye part of `make demo`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["demo_insight"]


def __getattr__(name: str) -> Any:
    # Lazy: the demo pulls in matplotlib, which the CLI's other commands should not pay for.
    if name == "demo_insight":
        from embargo.insight.demo import demo_insight

        return demo_insight
    raise AttributeError(name)
