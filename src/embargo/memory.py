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
    more than the work itself; reference counting still frees everything they drop.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
