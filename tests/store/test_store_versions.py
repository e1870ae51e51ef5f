"""Version bookkeeping on hand-built lists: spans, out-of-order loads, lookups."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from store_helpers import SOURCE, parsed

from embargo.store import Store, VersionNotFound


def _contents(seed: int, count: int) -> list[dict[str, str]]:
    """A random history: records come, go, change name and come back."""
    rng = random.Random(seed)
    current = {str(i): f"NAME {i}" for i in range(12)}
    history = [dict(current)]
    for _ in range(count - 1):
        current = dict(current)
        for _ in range(rng.randint(0, 4)):
            action = rng.choice(["add", "remove", "change", "revert", "none"])
            key = str(rng.randint(0, 20))
            if action == "add":
                current[key] = f"NAME {key}"
            elif action == "remove":
                current.pop(key, None)
            elif action == "change" and key in current:
                current[key] = f"NAME {key} v{rng.randint(1, 3)}"
            elif action == "revert" and key in current:
                current[key] = f"NAME {key}"
        history.append(current)
    return history


def _names(store: Store, version) -> dict[str, str]:
    return {r.source_id: r.entity.first("name") for r in store.records(version)}


def _check(store: Store, history: list[dict[str, str]], days: list[date]) -> None:
    versions = store.versions(SOURCE)
    assert [v.published for v in versions] == days
    for version, content in zip(versions, history, strict=True):
        assert _names(store, version) == content
        assert version.record_count == len(content)
    for old, new, a, b in zip(versions, versions[1:], history, history[1:], strict=False):
        changes = store.changes(old, new)
        assert {r.source_id for r in changes.added} == b.keys() - a.keys()
        assert {r.source_id for r in changes.removed} == a.keys() - b.keys()
        changed = {k for k in a.keys() & b.keys() if a[k] != b[k]}
        assert {r.source_id for r in changes.changed} == changed
        assert (new.added, new.removed, new.changed) == (
            len(b.keys() - a.keys()),
            len(a.keys() - b.keys()),
            len(changed),
        )
        for change in changes.changed:
            assert change.fields["name"].old == [a[change.source_id]]
            assert change.fields["name"].new == [b[change.source_id]]
    # Spans are canonical: per record, no overlap and no two adjacent spans of equal content.
    order = {v.id: i for i, v in enumerate(versions)}
    by_entity: dict[str, list] = {}
    for span in store.spans(SOURCE):
        by_entity.setdefault(span.entity_id, []).append(span)
    for spans in by_entity.values():
        spans.sort(key=lambda s: order[s.start_version_id])
        for a, b in zip(spans, spans[1:], strict=False):
            assert a.end_version_id is not None
            assert order[a.end_version_id] <= order[b.start_version_id]
            if a.end_version_id == b.start_version_id:
                assert a.state_id != b.state_id


@pytest.mark.parametrize("seed", range(6))
def test_out_of_order_loads_equal_in_order(tmp_path, seed: int) -> None:
    history = _contents(seed, 9)
    days = [date(2024, 1, 1) + timedelta(days=3 * i) for i in range(len(history))]
    order = list(range(len(history)))
    random.Random(seed).shuffle(order)
    with Store(f"sqlite:///{tmp_path / 'shuffled.db'}") as store:
        for i in order:
            result = store.load(parsed(history[i], days[i], f"v{i}.csv"), checksum=f"c{i}")
            assert result.created
        _check(store, history, days)
        shuffled_spans = len(store.spans(SOURCE))
    with Store(f"sqlite:///{tmp_path / 'ordered.db'}") as store:
        for i in range(len(history)):
            store.load(parsed(history[i], days[i], f"v{i}.csv"), checksum=f"c{i}")
        _check(store, history, days)
        assert len(store.spans(SOURCE)) == shuffled_spans


@pytest.mark.postgres
def test_out_of_order_on_postgres(postgres_url: str) -> None:
    history = _contents(7, 7)
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(len(history))]
    with Store(postgres_url) as store:
        for i in (3, 0, 6, 1, 5, 2, 4):
            store.load(parsed(history[i], days[i], f"v{i}.csv"), checksum=f"c{i}")
        _check(store, history, days)


def test_same_checksum_creates_nothing_and_same_content_costs_one_row(store_url: str) -> None:
    content = {"1": "A", "2": "B"}
    with Store(store_url) as store:
        first = store.load(parsed(content, date(2024, 1, 1)), checksum="x")
        again = store.load(parsed(content, date(2024, 1, 1)), checksum="x")
        assert first.created and not again.created
        assert again.version.id == first.version.id
        before = store.row_counts()
        later = store.load(parsed(content, date(2024, 1, 2)), checksum="y")
        assert later.created and (later.added, later.removed, later.changed) == (0, 0, 0)
        after = store.row_counts()
        assert after["store_versions"] == before["store_versions"] + 1
        assert after["store_states"] == before["store_states"]
        assert after["store_spans"] == before["store_spans"]


def test_lookups(store_url: str) -> None:
    with Store(store_url) as store:
        v1 = store.load(parsed({"1": "A"}, date(2024, 1, 10)), checksum="1").version
        v2 = store.load(parsed({"1": "A", "2": "B"}, date(2024, 2, 10)), checksum="2").version
        assert store.sources() == [SOURCE]
        assert store.latest(SOURCE) == v2
        assert store.version_at(SOURCE, date(2024, 1, 31)) == v1
        assert store.version_at(SOURCE, date(2024, 1, 9)) is None
        assert store.resolve(SOURCE, "2024-02-10") == v2
        assert store.resolve(SOURCE, str(v1.id)) == v1
        with pytest.raises(VersionNotFound, match="first was published 2024-01-10"):
            store.resolve(SOURCE, "2023-12-31")
        with pytest.raises(VersionNotFound):
            store.resolve(SOURCE, "999")
        with pytest.raises(LookupError):
            store.resolve("un_sc_sanctions", str(v1.id))
        assert store.first_listed(SOURCE) == {
            "ofac-1": date(2024, 1, 10),
            "ofac-2": date(2024, 2, 10),
        }
        as_of = list(store.records_as_of(date(2024, 1, 15)))
        assert [(v.id, r.source_id) for v, r in as_of] == [(v1.id, "1")]
        assert [r.source_id for _, r in store.records_as_of()] == ["1", "2"]
        assert store.schema_counts(v2) == {"Person": 2}
        spans = store.spans(SOURCE)
        assert store.states([s.state_id for s in spans])[spans[0].state_id].source_id == "1"
        assert v2.loaded_at.tzinfo is not None
