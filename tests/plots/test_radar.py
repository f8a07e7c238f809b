"""Golden-text and property tests of the radar chart and the cell-width helpers."""

from __future__ import annotations

import pytest

from tui_cia.plots import Series, radar, truncate, width
from tui_cia.plots.cells import clusters, pad_left, pad_right
from tui_cia.plots.radar import axis_ends

AXES = ["สุขภาพ", "สภาพแวดล้อม", "การศึกษา", "การมีงานทำและรายได้", "ค่านิยม"]
SERIES: list[Series] = [
    ("2566", [92.0, 75.5, 88.0, 61.0, 95.0]),
    ("2567", [85.0, None, 70.0, 80.0, 100.0]),
]

# Checked by eye: a pentagon web, labels outside the 100 ring, series 2566 drawn with # and
# vertices ●, series 2567 with + and vertices o (no edges next to its missing axis).
RADAR_60x20 = r"""
                            สุขภาพ
                             //\
                           //#● \\
                        //###+o## \\\
                     //###+++ . ·##  \\
                   //##++·    .   ·##  \\
                //###··      :::     ##· \\\
              +###···     ::: . ::     ##·  \\
      ค่านิยม o●#.··     :::    .   :::    #●·..\| สภาพแวดล้อม
             +## ·...::...    .    ..::...#   |
             |+ #·    :   ....+....  :   #·   |
              |+ ##   :     .. .     :   #   |
               |++·#   :   .    ..  :   ·#  |
               |  +·#  :  .       . :   #  |
                |  +·## ::::::::::::   ·#  |
                 |  +  ●####  +++++++o ·# |
                  |  o++++++########···# |
                  | ..              ###● |
 การมีงานทำและรายได้ |--------------------- การศึกษา
● 2566   o 2567   · target 80%
"""

RADAR_100x30 = r"""
                                                สุขภาพ
                                                 //\
                                              ///#●#\\\
                                           ///###+o ## \\
                                        /// ##+++···  ## \\\
                                     /// ###+ ··· . ··· ##  \\\
                                   // ###  ···    .    ·· ##   \\\
                                //++##  ···       .      ···##    \\\
                             //++###  ··         :::        ··##     \\
                          /+++###  ···         :: . ::         ·##     \\\
                       ++++ ##  ···         :::   .   ::          ##      \\\
               ค่านิยม o+. ### ···          ::      .     :::         ##·     .\| สภาพแวดล้อม
                      +●#..··.         :::        .        ::         #●·... |
                      |+##  · ...... ::           .          :: ...... #     |
                       |+ # ·      ::.....        .        ....::     #·    |
                        |+ ##·      :     ......  .  ......    :      #    |
                        | +  #      :           ..+..         :      #·    |
                         | +  ##     :          .. ..         :      #    |
                          | + · #     :        .     .       :       #   |
                          | +  · #     :     ..       .     :       #    |
                           | +  · ##   :    .          ..  :       ·#   |
                           |  + ·   #   : ..             . :       #    |
                            |  + ·   ##  ::::::::::::::::::.      ·#   |
                             |  +·     ●###                 .     ·#  |
                             |   +·   .    ######       ++++++o  ·#   |
                              |   + ..    +++++++#######       . ·#  |
                               |   o++++++··············######···#  |
                               | ..                           ###●. |
              การมีงานทำและรายได้ |----------------------------------- การศึกษา
● 2566   o 2567   · target 80%
"""


def _golden(text: str) -> str:
    """The golden form of a chart: trailing blanks removed (widths are tested separately)."""
    return "\n".join(line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize(("size", "expected"), [((60, 20), RADAR_60x20), ((100, 30), RADAR_100x30)])
def test_golden(size: tuple[int, int], expected: str) -> None:
    chart = radar(AXES, SERIES, width=size[0], height=size[1], target=80)
    assert _golden(chart) == expected.strip("\n")


@pytest.mark.parametrize("count", range(3, 9))
@pytest.mark.parametrize("size", [(20, 8), (40, 14), (60, 20), (100, 30), (140, 40)])
def test_every_line_is_exactly_the_width(count: int, size: tuple[int, int]) -> None:
    axes = (AXES * 2)[:count]
    chart = radar(axes, [("a", [50.0] * count)], width=size[0], height=size[1], target=80)
    lines = chart.split("\n")
    assert len(lines) == size[1]
    assert all(width(line) == size[0] for line in lines)


def _label_hits(chart: str, label: str) -> list[tuple[int, int, str]]:
    """(line, index, text) of each place ``label`` appears, whole or truncated with …."""
    shown = {truncate(label, cells) for cells in range(2, width(label) + 1)}
    lines = chart.split("\n")[:-1]
    return [
        (row, line.find(text), text)
        for row, line in enumerate(lines)
        for text in shown
        if text in line
    ]


@pytest.mark.parametrize("size", [(40, 14), (60, 20), (100, 30)])
@pytest.mark.parametrize("count", [3, 4, 5, 6, 7])
def test_each_label_appears_once_apart_from_the_plot(count: int, size: tuple[int, int]) -> None:
    axes = [*AXES, "ความปลอดภัย", "ที่อยู่อาศัย"][:count]
    chart = radar(axes, [("a", [100.0] * count)], width=size[0], height=size[1], target=50)
    for label in axes:
        hits = _label_hits(chart, label)
        assert len(hits) == 1, (label, hits)
        row, index, text = hits[0]
        line = chart.split("\n")[row]
        assert index == 0 or line[index - 1] == " "
        assert line[index + len(text) : index + len(text) + 1] in ("", " ")


def test_long_labels_are_truncated_when_narrow() -> None:
    chart = radar(AXES, SERIES, width=40, height=14)
    assert "การมีงานทำและรายได้" not in chart
    assert _label_hits(chart, "การมีงานทำและรายได้")[0][2].endswith("…")


@pytest.mark.parametrize("count", range(3, 9))
@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
def test_a_full_series_touches_the_outer_ring_at_every_axis(
    count: int, size: tuple[int, int]
) -> None:
    chart = radar(["x"] * count, [("full", [100.0] * count)], width=size[0], height=size[1])
    lines = chart.split("\n")[:-1]
    vertices = {
        (col, row) for row, line in enumerate(lines) for col, char in enumerate(line) if char == "●"
    }
    assert vertices == set(axis_ends(count, size[0], size[1]))


def test_missing_values_do_not_crash() -> None:
    series: list[Series] = [("none", [None] * 5), ("some", [None, 50.0, None, 100.0, 20.0])]
    chart = radar(AXES, series, width=60, height=20, target=None)
    body = "\n".join(chart.split("\n")[:-1])
    assert body.count("●") == 0
    assert body.count("o") == 3  # the vertices of the values present
    assert chart.split("\n")[-1].rstrip() == "● none   o some"


def test_series_are_drawn_with_different_characters() -> None:
    chart = radar(AXES, SERIES, width=60, height=20, target=80)
    body = "\n".join(chart.split("\n")[:-1])
    for mark in "●#o+·":
        assert mark in body
    assert chart.split("\n")[-1].rstrip() == "● 2566   o 2567   · target 80%"


@pytest.mark.parametrize(
    ("axes", "series", "size"),
    [
        (["a", "b"], [], (60, 20)),
        (AXES, [("short", [1.0])], (60, 20)),
        (AXES, [("s", [1.0] * 5)] * 6, (60, 20)),
        (AXES, [], (10, 5)),
    ],
)
def test_impossible_charts_raise(
    axes: list[str], series: list[Series], size: tuple[int, int]
) -> None:
    with pytest.raises(ValueError):
        radar(axes, series, width=size[0], height=size[1])


def test_width_counts_thai_marks_as_zero_cells() -> None:
    assert width("สุขภาพ") == 5
    assert width("ค่านิยม") == 5
    assert pad_right("ค่านิยม", 8) == "ค่านิยม   "
    assert pad_left("ค่านิยม", 8) == "   ค่านิยม"


def test_truncate_keeps_marks_with_their_base() -> None:
    assert truncate("การมีงานทำและรายได้", 17) == "การมีงานทำและรายได้"
    assert truncate("การมีงานทำและรายได้", 5) == "การมี…"
    assert truncate("การมีงานทำและรายได้", 6) == "การมีง…"
    assert truncate("ค่านิยม", 2) == "ค่…"
    assert truncate("abc", 0) == ""
    assert clusters("ค่านิยม") == ["ค่", "า", "นิ", "ย", "ม"]


@pytest.mark.parametrize("cells", range(20))
def test_truncate_never_exceeds_the_cells(cells: int) -> None:
    for label in AXES:
        text = truncate(label, cells)
        assert width(text) <= cells
        assert text == label or text.endswith("…") or text == ""


def test_a_scale_from_a_floor_separates_85_from_97() -> None:
    """Scores of 85 and 97 lie one row apart on a 0-100 scale of 20 lines; on a scale from
    80 (the floor for these scores) several rows, with 80 and 90 written by the upward axis
    and the scale named in the legend."""
    from tui_cia.plots.radar import radar_floor

    assert radar_floor([85.0, 97.0]) == 80 and radar_floor([40.0, 97.0]) == 0

    def top_row(text: str) -> int:  # the row of the first axis' vertex
        return next(i for i, line in enumerate(text.splitlines()) if "●" in line)

    charts = {}
    for floor in (0, 80):
        for score in (85.0, 97.0):
            charts[floor, score] = radar(
                AXES, [("x", [score] * 5)], width=60, height=20, floor=floor
            )
    flat = top_row(charts[0, 85.0]) - top_row(charts[0, 97.0])
    floored = top_row(charts[80, 85.0]) - top_row(charts[80, 97.0])
    assert floored >= 3 * max(flat, 1)
    shown = charts[80, 85.0]
    assert "80" in shown and "90" in shown and "scale 80-100%" in shown.splitlines()[-1]
    assert "scale" not in charts[0, 85.0]
