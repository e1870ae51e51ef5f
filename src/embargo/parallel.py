"""Work shared out between this process and forked copies of it."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TypeVar

from embargo.memory import gc_paused

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_WORKERS = 2
# Fewer items than this are not worth a fork (some 20 ms, and the pickled results).
MIN_FORKED_ITEMS = 2_000


class WorkerError(RuntimeError):
    """A forked worker failed: its traceback, or how it ended."""


def fork_map(
    func: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None
) -> list[Result]:
    """`[func(item) for item in items]`, the items shared out between this process and
    `workers - 1` forked children (default: one process per CPU, up to MAX_WORKERS).

    A child reads its items from the memory it shares with this process at the fork and sends
    back only its results, pickled: worth it where `func` costs much more than pickling what it
    returns (decoding and analysing a listed entity: 70 µs against 17). One process does it all
    where fork is missing (Windows, macOS by default), where the items are few, in a daemon
    process (a pool's worker, which may not have children), and where this process runs other
    threads (a web server's): a lock one of them holds at the fork would stay held in the child
    for ever. An exception in a child is raised here as a WorkerError with its traceback.
    """
    if workers is None:
        workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if (
        workers <= 1
        or len(items) < MIN_FORKED_ITEMS
        or "fork" not in mp.get_all_start_methods()
        or threading.active_count() > 1
        or mp.current_process().daemon
    ):
        return [func(item) for item in items]
    context = mp.get_context("fork")
    children: list[tuple[BaseProcess, Connection]] = []
    try:
        for part in range(1, workers):
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(
                target=_work, args=(func, items, part, workers, sender), daemon=True
            )
            child.start()
            sender.close()
            children.append((child, receiver))
        with gc_paused():  # (results that all live on, as in the children)
            parts = [[func(item) for item in items[0::workers]]]
            for process, receiver in children:
                parts.append(_received(process, receiver))
    finally:
        for process, receiver in children:
            receiver.close()
            if process.is_alive():
                process.terminate()
            process.join()
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for part, found in enumerate(parts):
        results[part::workers] = found
    return results


def _work(
    func: Callable[[Item], Result],
    items: Sequence[Item],
    part: int,
    workers: int,
    sender: Connection,
) -> None:
    try:
        with gc_paused():
            found = [func(item) for item in items[part::workers]]
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent
        sender.send((False, traceback.format_exc()))
    else:
        sender.send((True, found))
    sender.close()


def _received(child: BaseProcess, receiver: Connection) -> list[Result]:
    try:
        ok, found = receiver.recv()
    except EOFError:
        child.join()
        raise WorkerError(f"a forked worker ended with exit code {child.exitcode}") from None
    if not ok:
        raise WorkerError(f"a forked worker failed:\n{found}")
    return found


__all__ = ["WorkerError", "fork_map"]
