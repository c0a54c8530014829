"""The wrap-up's participation chart as PNG bytes: who journaled on which day, or entries per day.

Drawn on a bare matplotlib Figure with the Agg canvas (no pyplot, no global state), so jobs in
several threads can render at once.
"""

from __future__ import annotations

from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot.services.challenges.wrapup_stats import Mark, WrapUpStats

# Up to this many participants the chart shows one row each; beyond, entries per day.
MAX_ROWS = 40
COLOURS = {Mark.NOT_YET: "#f4f4f4", Mark.MISSED: "#e1e4e8", Mark.AWAY: "#c8d7f0", Mark.JOURNALED: "#2eb67d"}
LABELS = {Mark.JOURNALED: "journaled", Mark.AWAY: "away", Mark.MISSED: "no entry", Mark.NOT_YET: "not joined yet"}


def chart_png(stats: WrapUpStats) -> bytes:
    """The chart that fits the challenge's size: a participants × days grid, or entries per day."""
    return png(_grid(stats) if 0 < stats.participants <= MAX_ROWS else _per_day(stats))


def png(figure: Figure) -> bytes:
    """A figure drawn as PNG bytes, on its own Agg canvas."""
    buffer = BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)  # type: ignore[no-untyped-call]  # matplotlib leaves it untyped
    return buffer.getvalue()


def _grid(stats: WrapUpStats) -> Figure:
    rows, days = len(stats.grid), stats.days
    figure = Figure(figsize=(max(6.0, 2.5 + days * 0.28), max(2.5, 1.6 + rows * 0.32)), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    order = list(Mark)
    axes.imshow(
        [[order.index(mark) for mark in row] for row in stats.grid],
        cmap=ListedColormap([COLOURS[m] for m in order]),
        vmin=0,
        vmax=len(order) - 1,
        aspect="auto",
        interpolation="nearest",
    )
    axes.set_yticks(range(rows), labels=[_short(name) for name in stats.names], fontsize=8)
    step = 1 if days <= 31 else 5
    axes.set_xticks(range(0, days, step), labels=[str(d + 1) for d in range(0, days, step)], fontsize=7)
    axes.set_xlabel("Challenge day")
    axes.set_title(f"{_short(stats.title, 60)} — who journaled each day")
    axes.set_xticks([x - 0.5 for x in range(1, days)], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, rows)], minor=True)
    axes.grid(which="minor", color="white", linewidth=1)
    axes.tick_params(which="minor", length=0)
    axes.legend(
        handles=[Patch(color=COLOURS[m], label=label) for m, label in LABELS.items()],
        loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False,
    )
    return figure


def _per_day(stats: WrapUpStats) -> Figure:
    days = stats.days
    figure = Figure(figsize=(max(6.0, 2 + days * 0.25), 3.5), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.bar(range(1, days + 1), stats.entries_per_day, color=COLOURS[Mark.JOURNALED])
    axes.set_xlabel("Challenge day")
    axes.set_ylabel("Journal entries")
    axes.set_xlim(0.4, days + 0.6)
    axes.set_title(f"{_short(stats.title, 60)} — entries per day ({stats.participants} participants)")
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
