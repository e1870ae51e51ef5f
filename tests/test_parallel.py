"""fork_map: work shared out between this process and forked copies, results in order."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading

import pytest

from embargo.parallel import MIN_FORKED_ITEMS, WorkerError, fork_map

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fails_on_odd(n: int) -> int:
    if n % 2:
        raise ValueError(f"odd item {n}")
    return n


def _ends_the_process(n: int) -> int:
    if n % 2:
        os._exit(3)
    return n


@fork_only
def test_results_come_back_in_input_order_from_both_processes() -> None:
    items = list(range(MIN_FORKED_ITEMS + 7))
    results = fork_map(_square_and_pid, items, workers=2)
    assert [r for r, _ in results] == [n * n for n in items]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2  # every other item from the child
    assert {pid for k, (_, pid) in enumerate(results) if k % 2 == 0} == {os.getpid()}


def test_few_items_or_one_worker_stay_in_this_process() -> None:
    few = fork_map(_square_and_pid, [1, 2, 3], workers=2)
    assert few == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    many = fork_map(_square_and_pid, list(range(MIN_FORKED_ITEMS)), workers=1)
    assert {pid for _, pid in many} == {os.getpid()}


@fork_only
def test_a_failure_in_the_child_is_raised_with_its_traceback() -> None:
    items = [0] * MIN_FORKED_ITEMS
    items[1] = 7  # (an odd position: the child's)
    with pytest.raises(WorkerError, match=r"(?s)failed:.*ValueError: odd item 7"):
        fork_map(_fails_on_odd, items, workers=2)


def test_a_failure_in_this_process_is_raised_as_it_is() -> None:
    items = [0] * MIN_FORKED_ITEMS
    items[2] = 9  # (an even position: this process's)
    with pytest.raises(ValueError, match="odd item 9"):
        fork_map(_fails_on_odd, items, workers=2)


@fork_only
def test_a_child_that_dies_is_an_error_not_missing_results() -> None:
    items = list(range(MIN_FORKED_ITEMS))
    with pytest.raises(WorkerError, match="exit code 3"):
        fork_map(_ends_the_process, items, workers=2)


@fork_only
def test_a_process_running_other_threads_does_not_fork() -> None:
    items = list(range(MIN_FORKED_ITEMS))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = fork_map(_square_and_pid, items, workers=2)
    finally:
        stop.set()
        other.join()
    assert {pid for _, pid in results} == {os.getpid()}
    assert [r for r, _ in results] == [n * n for n in items]


def _pids_in_pool_worker(items: list[int]) -> set[int]:
    return {pid for _, pid in fork_map(_square_and_pid, items, workers=2)}


@fork_only
def test_a_pool_worker_does_it_in_one_process() -> None:
    # A daemon process may not start children: fork_map there stays in it.
    with mp.get_context("fork").Pool(1) as pool:
        pids = pool.apply(_pids_in_pool_worker, (list(range(MIN_FORKED_ITEMS)),))
    assert len(pids) == 1 and os.getpid() not in pids
