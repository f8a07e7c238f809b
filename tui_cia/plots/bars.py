"""Horizontal bars of pass rates (0-100%) with target marks, laid out by hand.

Hand-drawn rather than plotext: plotext measures labels with ``len()``, which misaligns Thai
labels (combining marks take no cell), and correcting its output afterwards is more code and
more fragile than drawing label, bar, target mark and value directly in measured cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from tui_cia.plots.cells import pad_left, pad_right, truncate
from tui_cia.plots.cells import width as text_width

Bar = tuple[str, float | None, float | None]
"""One indicator: label, pass rate (0-100, or None for no data), target (or None)."""

BLOCK = "█"
VALUE_CELLS = 7  # " 100.0%"
MIN_BAR_CELLS = 10


def _round(value: float) -> int:
    """Round half up, the same on every platform."""
    return math.floor(value + 0.5)


def _clamp(percent: float) -> float:
    """``percent`` limited to 0-100."""
    return min(100.0, max(0.0, percent))


def sort_rows(rows: Sequence[Bar]) -> list[Bar]:
    """Rows by ascending value (lowest first); rows without a value keep their order, last."""
    known = sorted((row for row in rows if row[1] is not None), key=lambda row: row[1] or 0.0)
    return known + [row for row in rows if row[1] is None]


def bar_cells(value: float, cells: int) -> int:
    """How many of ``cells`` a bar of ``value`` percent fills."""
    return _round(_clamp(value) / 100 * cells)


def target_column(target: float, cells: int) -> int:
    """Column (0-based, within the bar area) of the target mark: the last cell a bar that
    just reaches ``target`` fills, so a bar at or above target covers the mark."""
    return min(cells - 1, max(0, bar_cells(target, cells) - 1))


def _bar(value: float | None, target: float | None, cells: int, mark: str) -> str:
    """The bar area of one row: blocks for the value, ``mark`` at the target."""
    filled = 0 if value is None else bar_cells(value, cells)
    area = [BLOCK] * filled + [" "] * (cells - filled)
    if target is not None:
        area[target_column(target, cells)] = mark
    return "".join(area)


def _value_text(value: float | None) -> str:
    """The value after the bar, rounded half up: ``87.5%``, or ``n/a``."""
    if value is None:
        return "n/a"
    return f"{Decimal(repr(value)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def _scale(label_cells: int, cells: int, total: int) -> str:
    """The line under the bars: 0, 50 and 100% at their places on the bar scale."""
    area = [" "] * cells
    for text, end in (("0", 1), ("50%", target_column(50, cells) + 1), ("100%", cells)):
        area[end - len(text) : end] = list(text)
    return pad_right(" " * (label_cells + 1) + "".join(area), total)


def bars(
    rows: list[Bar],
    *,
    width: int = 78,
    target_mark: str = "|",
    words: tuple[str, str] = ("pass rate", "target"),
) -> str:
    """Draw one line per row (lowest first) plus a scale line, each ``width`` cells wide;
    ``words`` name the bar and the target mark in the legend."""
    if not rows:
        return ""
    label_cells = min(max(text_width(row[0]) for row in rows), max(8, width // 3))
    cells = width - label_cells - 1 - VALUE_CELLS
    if cells < MIN_BAR_CELLS:
        raise ValueError(f"bars need at least {MIN_BAR_CELLS} cells for the bar; widen the chart")
    lines = []
    for label, value, target in sort_rows(rows):
        name = pad_right(truncate(label, label_cells), label_cells)
        bar = _bar(value, target, cells, target_mark)
        lines.append(f"{name} {bar}{pad_left(_value_text(value), VALUE_CELLS)}")
    lines.append(_scale(label_cells, cells, width))
    if any(row[2] is not None for row in rows):
        lines.append(pad_right(f"{BLOCK} {words[0]}   {target_mark} {words[1]}", width))
    return "\n".join(lines)
