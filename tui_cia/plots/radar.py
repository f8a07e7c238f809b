"""Radar (spider) chart of percentages on a character grid, readable without colour."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from tui_cia.plots.cells import clusters, pad_right, truncate, width

Series = tuple[str, Sequence[float | None]]
"""One polygon: a name and one percentage (0-100, or None for no data) per axis."""

Point = tuple[int, int]
"""A grid cell as (column, row)."""

Grid = list[list[str]]

# (vertex, edge) characters per series, so series differ without colour.
SERIES_MARKS: tuple[tuple[str, str], ...] = (
    ("●", "#"),
    ("o", "+"),
    ("x", "*"),
    ("@", "%"),
    ("&", "="),
)
SPOKE = "."
RING = ":"
TARGET = "·"
CENTRE = "+"
X_SCALE = 2.0  # a terminal cell is about twice as tall as it is wide
_VERTICAL_LABEL = 0.25  # |cos(angle)| below this: label above/below the axis end
MIN_WIDTH = 20
MIN_HEIGHT = 8


class Geometry(NamedTuple):
    """Where the chart sits: centre cell, radius in rows, and the plot area size."""

    cx: float
    cy: float
    radius: float
    cols: int
    rows: int


def geometry(count: int, width: int, height: int) -> Geometry:
    """Centre and radius of a radar of ``count`` axes, ``width`` cells by ``height`` lines.

    The last line is the legend. The rings are fitted to the rows between a free row above
    (and below) for labels of axes pointing straight up (down), and a fifth of the width is
    kept on each side for side labels.
    """
    rows = height - 1
    sines = [math.sin(_angle(index, count)) for index in range(count)]
    vertical = [index for index in range(count) if _is_vertical(index, count)]
    above = 1 if any(sines[index] > 0 for index in vertical) else 0
    below = 1 if any(sines[index] < 0 for index in vertical) else 0
    extent = max(sines) - min(sines)
    radius = min((rows - 1 - above - below) / extent, (width - 2 * (width // 5)) / (2 * X_SCALE))
    spare = (rows - 1 - above - below - radius * extent) / 2
    cy = above + spare + radius * max(sines)
    return Geometry((width - 1) / 2, cy, radius, width, rows)


def _is_vertical(index: int, count: int) -> bool:
    """Whether axis ``index`` points nearly straight up or down (its label goes above/below)."""
    return abs(math.cos(_angle(index, count))) < _VERTICAL_LABEL


def _round(value: float) -> int:
    """Round half up, the same on every platform."""
    return math.floor(value + 0.5)


def _angle(index: int, count: int) -> float:
    """Angle of axis ``index`` of ``count``: the first points up, then clockwise."""
    return math.pi / 2 - 2 * math.pi * index / count


def point(geo: Geometry, index: int, count: int, percent: float) -> Point:
    """Grid cell of ``percent`` (clamped to 0-100) on axis ``index`` of ``count``."""
    share = min(100.0, max(0.0, percent)) / 100 * geo.radius
    angle = _angle(index, count)
    x = geo.cx + share * X_SCALE * math.cos(angle)
    y = geo.cy - share * math.sin(angle)
    return _round(x), _round(y)


def axis_ends(count: int, width: int = 60, height: int = 20) -> list[Point]:
    """Cells where each of ``count`` axes meets the 100 ring, for a chart of that size."""
    geo = geometry(count, width, height)
    return [point(geo, index, count, 100.0) for index in range(count)]


def line(start: Point, end: Point) -> list[Point]:
    """Cells of the straight line from ``start`` to ``end`` (Bresenham), both included."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x1 >= x0 else -1), (1 if y1 >= y0 else -1)
    err = dx + dy
    cells = [(x0, y0)]
    while (x0, y0) != (x1, y1):
        doubled = 2 * err
        if doubled >= dy:
            err += dy
            x0 += sx
        if doubled <= dx:
            err += dx
            y0 += sy
        cells.append((x0, y0))
    return cells


def _put(grid: Grid, cells: Sequence[Point], char: str) -> None:
    """Write ``char`` into each of ``cells`` that lies on the grid."""
    for x, y in cells:
        if 0 <= y < len(grid) and 0 <= x < len(grid[y]):
            grid[y][x] = char


def _polygon(geo: Geometry, values: Sequence[float | None]) -> list[Point]:
    """Cells of the edges joining neighbouring axes that both have a value."""
    count = len(values)
    cells: list[Point] = []
    for index in range(count):
        here, there = values[index], values[(index + 1) % count]
        if here is None or there is None:
            continue
        start = point(geo, index, count, here)
        end = point(geo, (index + 1) % count, count, there)
        cells.extend(line(start, end))
    return cells


def slope_char(start: Point, end: Point) -> str:
    """``-``, ``|``, ``/`` or ``\\`` for the look of a line, with cells twice as tall as wide."""
    dx, dy = end[0] - start[0], (start[1] - end[1]) * X_SCALE
    degrees = math.degrees(math.atan2(dy, dx)) % 180
    if degrees < 22.5 or degrees >= 157.5:
        return "-"
    if 67.5 <= degrees < 112.5:
        return "|"
    return "/" if degrees < 90 else "\\"


def _draw_outer_ring(grid: Grid, geo: Geometry, count: int) -> None:
    """Draw the 100 ring, each side with the character matching its slope."""
    for index in range(count):
        start = point(geo, index, count, 100.0)
        end = point(geo, (index + 1) % count, count, 100.0)
        _put(grid, line(start, end), slope_char(start, end))


def _draw_grid(grid: Grid, geo: Geometry, count: int, target: float | None) -> None:
    """Draw the spokes, the 50 and 100 rings, the centre and the target ring."""
    centre = point(geo, 0, count, 0.0)
    for index in range(count):
        _put(grid, line(centre, point(geo, index, count, 100.0)), SPOKE)
    _put(grid, _polygon(geo, [50.0] * count), RING)
    _draw_outer_ring(grid, geo, count)
    _put(grid, [centre], CENTRE)
    if target is not None:
        _put(grid, _polygon(geo, [target] * count), TARGET)


def _draw_series(grid: Grid, geo: Geometry, series: Sequence[Series]) -> None:
    """Draw each series' edges then vertices; the first series ends up on top."""
    for index in reversed(range(len(series))):
        _put(grid, _polygon(geo, series[index][1]), SERIES_MARKS[index][1])
    for index in reversed(range(len(series))):
        values, vertex = series[index][1], SERIES_MARKS[index][0]
        count = len(values)
        cells = [point(geo, i, count, v) for i, v in enumerate(values) if v is not None]
        _put(grid, cells, vertex)


def _write(grid: Grid, row: int, start: int, text: str) -> None:
    """Write ``text`` into ``row`` from column ``start``, one cluster per cell."""
    col = start
    for cluster in clusters(text):
        size = width(cluster)
        if size == 0:
            if col > start:
                grid[row][col - 1] += cluster
            continue
        grid[row][col] = cluster
        for extra in range(1, size):
            grid[row][col + extra] = ""
        col += size


def _used(grid: Grid, row: int) -> list[int]:
    """Columns of ``row`` that hold something other than a blank."""
    return [col for col, cell in enumerate(grid[row]) if cell != " "]


def _label_vertical(grid: Grid, end: Point, up: bool, label: str) -> None:
    """Centre ``label`` on the line just above (or below) an axis end."""
    (x, y), cols = end, len(grid[0])
    row = y - 1 if up else y + 1
    text = truncate(label, cols)
    start = min(max(0, _round(x - width(text) / 2)), cols - width(text))
    _write(grid, row, start, text)


def _label_side(grid: Grid, end: Point, right: bool, label: str) -> None:
    """Put ``label`` on the row of an axis end, one blank cell outside everything drawn."""
    (x, row), cols = end, len(grid[0])
    used = [*_used(grid, row), x]
    if right:
        start = max(used) + 2
        _write(grid, row, start, truncate(label, cols - start))
        return
    text = truncate(label, min(used) - 1)
    _write(grid, row, min(used) - 1 - width(text), text)


def _draw_labels(grid: Grid, geo: Geometry, axes: Sequence[str]) -> None:
    """Place axis labels just outside the 100 ring: top/bottom ones first, then the sides."""
    count = len(axes)
    for index, label in enumerate(axes):
        if _is_vertical(index, count):
            up = math.sin(_angle(index, count)) > 0
            _label_vertical(grid, point(geo, index, count, 100.0), up, label)
    for index, label in enumerate(axes):
        if not _is_vertical(index, count):
            right = math.cos(_angle(index, count)) > 0
            _label_side(grid, point(geo, index, count, 100.0), right, label)


FLOORS = (80, 70, 60, 50, 0)  # where a radar's scale may start, highest first
FLOOR_ROOM = 5  # points kept between the lowest value and the floor


def radar_floor(values: Sequence[float]) -> int:
    """Where the radar's scale starts: the highest of FLOORS at least FLOOR_ROOM points
    below every value, so that scores between 85 and 97 are told apart (0 when one is low)."""
    low = min(values, default=0.0)
    return next(f for f in FLOORS if f == 0 or f <= low - FLOOR_ROOM)


def _rescale(value: float | None, floor: float) -> float | None:
    """A percentage on a scale from ``floor`` (the centre) to 100 (the outer ring)."""
    if value is None or not floor:
        return value
    return (max(floor, value) - floor) / (100 - floor) * 100


def _ring_labels(grid: Grid, geo: Geometry, count: int, floor: float) -> None:
    """The values of the centre and of the middle ring, beside the upward axis."""
    for at, value in ((0.0, floor), (50.0, floor + (100 - floor) / 2)):
        x, y = point(geo, 0, count, at)
        text = f"{value:g}"
        if 0 <= y < len(grid) and x + 1 + len(text) <= len(grid[y]):
            _write(grid, y, x + 1, text)


def legend(
    series: Sequence[Series],
    target: float | None,
    cells: int,
    target_word: str = "target",
    scale: str | None = None,
) -> list[str]:
    """The legend: each series' vertex mark and name, then the target ring and the scale
    (when it does not start at 0), on as few lines of ``cells`` as they fit (a long area
    name takes a line of its own, cut if need be)."""
    items = [f"{SERIES_MARKS[index][0]} {name}" for index, (name, _v) in enumerate(series)]
    if target is not None:
        items.append(f"{TARGET} {target_word} {target:g}%")
    if scale:
        items.append(scale)
    lines: list[str] = []
    for item in items:
        joined = f"{lines[-1]}   {item}" if lines else item
        if lines and width(joined) <= cells:
            lines[-1] = joined
        else:
            lines.append(item)
    return [pad_right(truncate(line, cells), cells) for line in lines]


def _check(axes: Sequence[str], series: Sequence[Series], width: int, height: int) -> None:
    """Raise ValueError for charts that cannot be drawn."""
    if len(axes) < 3:
        raise ValueError("a radar chart needs at least 3 axes")
    if len(series) > len(SERIES_MARKS):
        raise ValueError(f"at most {len(SERIES_MARKS)} series can be told apart")
    if any(len(values) != len(axes) for _name, values in series):
        raise ValueError("each series needs one value per axis")
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValueError(f"a radar chart needs at least {MIN_WIDTH}x{MIN_HEIGHT} cells")


def radar(
    axes: list[str],
    series: list[Series],
    *,
    width: int = 60,
    height: int = 20,
    target: float | None = None,
    target_word: str = "target",
    floor: float = 0.0,
    scale_word: str = "scale",
) -> str:
    """Draw a radar chart: ``height`` lines (the last ones the legend), each ``width`` cells;
    its centre is ``floor`` (labelled, with the middle ring, and named in the legend)."""
    _check(axes, series, width, height)
    scale = f"{scale_word} {floor:g}-100%" if floor else None
    key = legend(series, target, width, target_word, scale)
    if height - len(key) + 1 < MIN_HEIGHT:
        key = [pad_right(truncate("   ".join(line.rstrip() for line in key), width), width)]
    geo = geometry(len(axes), width, height - len(key) + 1)
    grid: Grid = [[" "] * geo.cols for _ in range(geo.rows)]
    _draw_grid(grid, geo, len(axes), _rescale(target, floor))
    _draw_series(grid, geo, [(name, [_rescale(v, floor) for v in vs]) for name, vs in series])
    if floor:
        _ring_labels(grid, geo, len(axes), floor)
    _draw_labels(grid, geo, axes)
    lines = [pad_right("".join(row).rstrip(), width) for row in grid]
    return "\n".join(lines + key)
