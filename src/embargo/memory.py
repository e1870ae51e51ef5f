"""Memory-management helpers shared by the stages' hot loops."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
