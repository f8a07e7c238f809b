"""The charts as SVG for the printed report: black, white and greys only, so they read the
same on any printer; every text placed with room measured for it (Thai marks take none)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from tui_cia.plots.bars import Bar, sort_rows
from tui_cia.plots.cells import truncate
from tui_cia.plots.cells import width as cells
from tui_cia.plots.radar import radar_floor as radar_floor  # the report asks svg for it

DASHES = ("", "6 3", "2 2", "8 3 2 3")  # told apart without colour, also in black and white
RADIUS = 140
LABEL_AT = 118  # axis labels sit at this percentage of the radius
LABEL_ROOM = 190  # px beside the outermost ring for a label (19 Thai cells at 13 px)
WIDTH = 2 * (RADIUS + LABEL_ROOM)
HEIGHT = 2 * RADIUS + 110  # the rings, a line of label above and below, and the legend
CENTRE = (WIDTH / 2, RADIUS + 45)
CELL_PX = {13: 7.5, 11: 6.4}  # the width of one terminal cell of text at these font sizes


def rings(floor: float) -> list[int]:
    """The rings drawn and labelled: every 5 points on a scale of 20, else every 10 or 25."""
    span = 100 - floor
    step = 5 if span <= 20 else 10 if span <= 50 else 25
    return [int(floor + step * k) for k in range(1, int(span // step) + 1)]


def _point(
    axis: int, count: int, value: float, limit: float = 100.0, floor: float = 0.0
) -> tuple[float, float]:
    """Where `value` (a percentage, kept within `floor` and `limit`) falls on an axis whose
    centre is `floor` and whose outer ring is 100."""
    angle = -math.pi / 2 + 2 * math.pi * axis / count
    r = RADIUS * (max(floor, min(limit, value)) - floor) / (100 - floor)
    return CENTRE[0] + r * math.cos(angle), CENTRE[1] + r * math.sin(angle)


def _polygon(count: int, value: float, style: str, floor: float = 0.0) -> str:
    points = " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, value, floor=floor) for i in range(count))
    )
    return f'<polygon points="{points}" {style}/>'


def _ring_labels(floor: float) -> list[str]:
    """Each ring's percentage, beside the upward axis, and the floor at the centre."""
    out = []
    for value in [int(floor), *rings(floor)]:
        x, y = _point(0, 4, value, floor=floor)
        out.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="10" fill="#444">{value}</text>'
        )
    return out


def _label(axis: int, count: int, text: str) -> str:
    """An axis label outside the rings: centred above or below, else to the side, and cut to
    the room there is."""
    x, y = _point(axis, count, LABEL_AT, limit=LABEL_AT)
    side = abs(x - CENTRE[0]) >= 10
    anchor = "middle" if not side else ("start" if x > CENTRE[0] else "end")
    room = (WIDTH / 2 - abs(x - CENTRE[0])) if side else WIDTH
    shown = truncate(text, int(room / CELL_PX[13]))
    y += 14 if y > CENTRE[1] + 10 else (-4 if y < CENTRE[1] - 10 else 4)
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="13">'
        f"{escape(shown)}</text>"
    )


def radar_svg(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    target: float | None = None,
    floor: float = 0.0,
) -> str:
    """A self-contained <svg> of the radar, its centre at `floor` (blank values are drawn at
    the centre), each ring labelled with its percentage."""
    n = len(axes)
    parts = []
    for ring in rings(floor):
        parts.append(_polygon(n, ring, 'fill="none" stroke="#bbb" stroke-width="1"', floor))
    if target is not None and target < 100:  # a target of 100 is the outer ring
        parts.append(_polygon(n, target, 'fill="none" stroke="#555" stroke-dasharray="1 3"', floor))
    for i in range(n):
        x, y = _point(i, n, 100)
        parts.append(
            f'<line x1="{CENTRE[0]}" y1="{CENTRE[1]}" x2="{x:.1f}" y2="{y:.1f}" stroke="#bbb"/>'
        )
        parts.append(_label(i, n, axes[i]))
    parts += _ring_labels(floor)
    for k, (_name, values) in enumerate(series):
        dash = DASHES[k % len(DASHES)]
        pts = " ".join(
            "{:.1f},{:.1f}".format(*_point(i, n, floor if v is None else v, floor=floor))
            for i, v in enumerate(values)
        )
        parts.append(
            f'<polygon points="{pts}" fill="none" stroke="#000" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>'
        )
    key, lines = _legend([name for name, _values in series])
    height = HEIGHT + LEGEND_LINE * (lines - 1)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="sans-serif">'
    )
    return "\n".join([head, *parts, *key, "</svg>"])


LEGEND_LINE = 18  # px between lines of the radar's legend
LEGEND_PX = 7.0  # the width of one cell of text at the legend's 12 px


def _legend(names: Sequence[str]) -> tuple[list[str], int]:
    """Each series' dash and name under the radar, side by side as their measured widths
    allow (a village's long name takes a line of its own); how many lines it took."""
    parts: list[str] = []
    left, line = 10.0, 0
    for k, name in enumerate(names):
        room = 36 + cells(name) * LEGEND_PX
        if left > 10 and left + room > WIDTH - 10:
            left, line = 10.0, line + 1
        y = HEIGHT - 12 + line * LEGEND_LINE
        dash = DASHES[k % len(DASHES)]
        parts.append(
            f'<line x1="{left:.0f}" y1="{y - 4}" x2="{left + 30:.0f}" y2="{y - 4}" '
            f'stroke="#000" stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        parts.append(f'<text x="{left + 36:.0f}" y="{y}" font-size="12">{escape(name)}</text>')
        left += room + 24
    return parts, line + 1


# -- bars --------------------------------------------------------------------------------------

ROW = 17  # px per indicator
LABEL_PX = 330  # the label column
BAR_PX = 260  # 0 to 100 %
VALUE_PX = 60
BARS_WIDTH = LABEL_PX + BAR_PX + VALUE_PX


def _bar_row(index: int, row: Bar) -> list[str]:
    label, value, target = row
    top = 4 + index * ROW
    middle = top + ROW / 2 + 4
    shown = truncate(label, int((LABEL_PX - 8) / CELL_PX[11]))
    out = [
        f'<text x="{LABEL_PX - 6}" y="{middle:.1f}" text-anchor="end" font-size="11">'
        f"{escape(shown)}</text>"
    ]
    if value is not None:
        filled = BAR_PX * max(0.0, min(100.0, value)) / 100
        out.append(
            f'<rect x="{LABEL_PX}" y="{top + 3}" width="{filled:.1f}" height="{ROW - 6}" '
            'fill="#999"/>'
        )
    if target is not None:
        x = LABEL_PX + BAR_PX * max(0.0, min(100.0, target)) / 100
        out.append(
            f'<line x1="{x:.1f}" y1="{top + 1}" x2="{x:.1f}" y2="{top + ROW - 1}" '
            'stroke="#000" stroke-width="2"/>'
        )
    text = "n/a" if value is None else f"{value:.1f}%"
    out.append(
        f'<text x="{BARS_WIDTH - 4}" y="{middle:.1f}" text-anchor="end" font-size="11">'
        f"{text}</text>"
    )
    return out


def bars_svg(rows: Sequence[Bar], legend: tuple[str, str] = ("pass rate", "target")) -> str:
    """A self-contained <svg> of pass rates, lowest first, each target a black mark."""
    ordered = sort_rows(rows)
    axis_y = 4 + len(ordered) * ROW
    height = axis_y + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BARS_WIDTH} {height}" '
        f'width="{BARS_WIDTH}" height="{height}" font-family="sans-serif">'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_PX + BAR_PX * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 13}" text-anchor="middle" font-size="10">'
            f"{tick}%</text>"
        )
    for index, row in enumerate(ordered):
        parts += _bar_row(index, row)
    key_y = axis_y + 32
    parts.append(f'<rect x="{LABEL_PX}" y="{key_y - 9}" width="14" height="10" fill="#999"/>')
    parts.append(f'<text x="{LABEL_PX + 18}" y="{key_y}" font-size="10">{escape(legend[0])}</text>')
    mark_x = LABEL_PX + 30 + 6.4 * cells(legend[0])
    parts.append(
        f'<line x1="{mark_x:.1f}" y1="{key_y - 10}" x2="{mark_x:.1f}" y2="{key_y + 1}" '
        'stroke="#000" stroke-width="2"/>'
    )
    parts.append(
        f'<text x="{mark_x + 6:.1f}" y="{key_y}" font-size="10">{escape(legend[1])}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
