"""Run the benchmarks: `python -m bench` runs them all, `python -m bench screening` one."""

from __future__ import annotations

import importlib
import sys

from bench import console, machine_table

BENCHMARKS = ("load", "screening", "text", "insight")


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        console.print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    console.print(machine_table())
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
