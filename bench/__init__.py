"""Benchmarks: `python -m bench [load|screening|text|insight ...]` prints one table each."""

from __future__ import annotations

import os
import platform
import sys

from rich.console import Console
from rich.table import Table

console = Console(width=140)


def machine_table() -> Table:
    """What the figures were measured on, printed with every benchmark run."""
    table = Table(title="Machine", show_header=False)
    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:  # pragma: no cover - psutil is a dev dependency
        memory = "?"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    table.add_row("cpu", f"{cpu} × {os.cpu_count()} cores")
    table.add_row("memory", memory)
    table.add_row("python", sys.version.split()[0])
    table.add_row("platform", platform.platform())
    return table
