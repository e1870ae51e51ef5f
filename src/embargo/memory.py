"""Memory-management helpers shared by the stages' hot loops."""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that allocates many acyclic objects.

    Parsing a list (~50k FtM proxies a file) and scanning text beside a large screening index
    both triggered repeated full collections over a heap of millions of objects, which cost
    more than the work itself; reference counting still frees everything they drop. So did
    building the index (a third of its time), and screening, whose caches (names analysed,
    token expansions, pair similarities) grow by hundreds of thousands of objects: about 5% of
    a batch in one process, 0.45 s in each worker over the 126,521 throughput names, and as
    much again in a process that only hands chunks to workers, rescanning its own heap.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class KeptResults(Generic[Key, Value]):
    """A pure function's results kept by argument, up to `kept` of them (then all forgotten at
    once, as lru_cache would forget them one by one, at less cost).

    Unlike lru_cache's, they can be passed between processes: once fresh() is first called,
    it hands out the results made since its last call, and learn() takes another process's
    as if made here. Processes screening side by side (Screener.screen) so work out a new
    word once, not once in each.
    """

    def __init__(self, func: Callable[[Key], Value], kept: int) -> None:
        self.func = func
        self.kept = kept
        self._results: dict[Key, Value] = {}
        self._fresh: list[tuple[Key, Value]] | None = None  # None: not kept

    def __call__(self, key: Key) -> Value:
        found = self._results.get(key)
        if found is None:
            found = self.func(key)
            if len(self._results) >= self.kept:
                self._results.clear()
            self._results[key] = found
            if self._fresh is not None:
                self._fresh.append((key, found))
        return found

    def __len__(self) -> int:
        return len(self._results)

    def fresh(self) -> list[tuple[Key, Value]]:
        """The results made since the last call (the first call starts keeping them)."""
        fresh, self._fresh = self._fresh or [], []
        return fresh

    def learn(self, results: Iterable[tuple[Key, Value]]) -> None:
        """Take results another process made of the same function."""
        for key, value in results:
            if len(self._results) >= self.kept:
                self._results.clear()
            self._results.setdefault(key, value)
