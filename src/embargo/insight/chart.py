"""The timeline as a step chart (matplotlib, Agg backend), 1200×600 px, jumps labelled."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from embargo.insight.history import Point  # noqa: E402

WIDTH_PX, HEIGHT_PX, DPI = 1200, 600, 100
MAX_LABELS = 14  # more labelled jumps than this would overlap; the largest ones are kept
FORMATS = ("png", "svg")


def chart_format(path: Path) -> str:
    """ "png" or "svg" from the file name; ValueError for anything else."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"{path}: chart must be a .png or .svg file")
    return suffix


def _jumps(points: list[Point]) -> list[tuple[int, int]]:
    """(index, change of total) of the points where the total moved, largest first, capped."""
    moves = [
        (i, p.total - points[i - 1].total)
        for i, p in enumerate(points)
        if i > 0 and p.total != points[i - 1].total
    ]
    moves.sort(key=lambda m: (-abs(m[1]), m[0]))
    return sorted(moves[:MAX_LABELS])


def figure(points: list[Point], title: str) -> Figure:
    fig = plt.figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    dates = [p.date for p in points]
    totals = [p.total for p in points]
    if points:
        ax.step(dates, totals, where="post", color="#1f4e79", linewidth=2)
        ax.plot(dates, totals, "o", color="#1f4e79", markersize=2.5)
        top = max(totals) or 1
        span = (max(dates) - min(dates)).days or 1
        level, previous = 0, None
        for i, delta in _jumps(points):
            p = points[i]
            # A rise leaves the space up-left of the jump free, a fall the space up-right;
            # a label close to the previous one (under a tenth of the width) is lifted a
            # line higher so neighbouring labels do not print over each other.
            near = previous is not None and (p.date - previous).days < span / 10
            level = level + 1 if near else 0
            previous = p.date
            offset = 10 + (level % 4) * 24
            ax.annotate(
                f"{p.date:%d %b %Y}\n{delta:+d} → {p.total}",
                xy=(p.date, p.total),
                xytext=(-5 if delta > 0 else 5, offset),
                textcoords="offset points",
                ha="right" if delta > 0 else "left",
                fontsize=8,
                arrowprops={"arrowstyle": "-", "color": "#888888", "linewidth": 0.6},
            )
        ax.set_ylim(0, top * 1.45 + 1)
        if len(set(dates)) > 1:
            pad = (max(dates) - min(dates)) * 0.03
            ax.set_xlim(min(dates) - pad, max(dates) + pad)
    else:
        ax.text(0.5, 0.5, "no versions in range", ha="center", va="center", transform=ax.transAxes)
    if points:
        title = f"{title}\n{points[0].date} … {points[-1].date}, {len(points)} versions"
    ax.set_title(title, fontsize=11)
    ax.set_ylabel("listed parties")
    ax.grid(True, axis="y", alpha=0.3)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.subplots_adjust(left=0.07, right=0.97, top=0.9, bottom=0.1)
    return fig


def render(points: list[Point], title: str, fmt: str = "png") -> bytes:
    """The chart as PNG or SVG bytes (exactly WIDTH_PX × HEIGHT_PX for PNG)."""
    fig = figure(points, title)
    try:
        buffer = io.BytesIO()
        # No bbox_inches="tight": it would change the pixel size.
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata={"Date": None} if fmt == "svg" else None)
        return buffer.getvalue()
    finally:
        plt.close(fig)


def write_chart(points: list[Point], title: str, path: Path) -> None:
    data = render(points, title, chart_format(path))
    path.write_bytes(data)
