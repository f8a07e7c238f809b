"""The radar as SVG for the printed report: grey rings, one line style per series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

DASHES = ("", "6 3", "2 2", "8 3 2 3")  # told apart without colour, also in black and white
SIZE = 420
CENTRE = SIZE / 2
RADIUS = 140


def _point(axis: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * axis / count
    r = RADIUS * max(0.0, min(100.0, value)) / 100
    return CENTRE + r * math.cos(angle), CENTRE + r * math.sin(angle)


def _polygon(count: int, value: float, style: str) -> str:
    points = " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, value) for i in range(count))
    )
    return f'<polygon points="{points}" {style}/>'


def _label(axis: int, count: int, text: str) -> str:
    x, y = _point(axis, count, 118)
    anchor = "middle" if abs(x - CENTRE) < 10 else ("start" if x > CENTRE else "end")
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="13">{escape(text)}</text>'
    )


def radar_svg(
    axes: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    target: float | None = None,
) -> str:
    """A self-contained <svg> of the radar; blank values are drawn at 0 and marked n/a."""
    n = len(axes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE + 30}" '
        f'width="{SIZE}" height="{SIZE + 30}" font-family="sans-serif">'
    ]
    for ring in (25, 50, 75, 100):
        parts.append(_polygon(n, ring, 'fill="none" stroke="#bbb" stroke-width="1"'))
    if target is not None:
        parts.append(_polygon(n, target, 'fill="none" stroke="#555" stroke-dasharray="1 3"'))
    for i in range(n):
        x, y = _point(i, n, 100)
        parts.append(f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" stroke="#bbb"/>')
        parts.append(_label(i, n, axes[i]))
    for k, (name, values) in enumerate(series):
        dash = DASHES[k % len(DASHES)]
        pts = " ".join("{:.1f},{:.1f}".format(*_point(i, n, v or 0)) for i, v in enumerate(values))
        parts.append(
            f'<polygon points="{pts}" fill="none" stroke="#000" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>'
        )
        parts.append(
            f'<line x1="10" y1="{SIZE + 8 + k * 0}" x2="40" y2="{SIZE + 8}" '
            f'stroke="#000" stroke-width="2" stroke-dasharray="{dash}" '
            f'transform="translate({k * 160},0)"/>'
        )
        parts.append(
            f'<text x="{46 + k * 160}" y="{SIZE + 12}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
