"""Golden-text and property tests of the horizontal bars."""

from __future__ import annotations

import pytest

from tui_cia.plots import Bar, bars, width
from tui_cia.plots.bars import BLOCK, sort_rows, target_column

ROWS: list[Bar] = [
    ("เด็กแรกเกิดมีน้ำหนัก 2,500 กรัมขึ้นไป", 87.5, 90.0),
    ("ครัวเรือนมีน้ำสะอาดดื่ม", 100.0, 100.0),
    ("คนอายุ 15-60 ปี มีอาชีพและรายได้", 62.25, 80.0),
    ("ไม่ดื่มสุรา", None, 80.0),
    ("ครัวเรือนมีความอบอุ่น", 45.0, None),
    ("ทุกคนในครัวเรือนมีส่วนร่วมทำกิจกรรมสาธารณะ", 0.0, 50.0),
]

# Checked by eye in a terminal (Thai labels take fewer cells than characters, so they only
# line up in a terminal, not in every editor).
BARS_80 = r"""
ทุกคนในครัวเรือนมีส่วนร่วมทำกิจก…                       |                          0.0%
ครัวเรือนมีความอบอุ่น           █████████████████████                           45.0%
คนอายุ 15-60 ปี มีอาชีพและราย… █████████████████████████████       |           62.3%
เด็กแรกเกิดมีน้ำหนัก 2,500 กรัม… ████████████████████████████████████████|       87.5%
ครัวเรือนมีน้ำสะอาดดื่ม          █████████████████████████████████████████████| 100.0%
ไม่ดื่มสุรา                                                        |             n/a
                           0                   50%                   100%
█ pass rate   | target
"""

BARS_120 = r"""
ทุกคนในครัวเรือนมีส่วนร่วมทำกิจกรรมสาธารณะ                                       |                                         0.0%
ครัวเรือนมีความอบอุ่น                    ███████████████████████████████████                                            45.0%
คนอายุ 15-60 ปี มีอาชีพและรายได้         ████████████████████████████████████████████████             |                 62.3%
เด็กแรกเกิดมีน้ำหนัก 2,500 กรัมขึ้นไป       ███████████████████████████████████████████████████████████████████ |          87.5%
ครัวเรือนมีน้ำสะอาดดื่ม                   ████████████████████████████████████████████████████████████████████████████| 100.0%
ไม่ดื่มสุรา                                                                                          |                   n/a
                                    0                                   50%                                  100%
█ pass rate   | target
"""  # noqa: E501


@pytest.mark.parametrize(("cells", "expected"), [(80, BARS_80), (120, BARS_120)])
def test_golden(cells: int, expected: str) -> None:
    chart = bars(ROWS, width=cells)
    assert "\n".join(line.rstrip() for line in chart.split("\n")) == expected.strip("\n")


@pytest.mark.parametrize("cells", [40, 80, 100, 120, 200])
def test_every_line_is_exactly_the_width(cells: int) -> None:
    assert all(width(line) == cells for line in bars(ROWS, width=cells).split("\n"))


def test_rows_are_sorted_lowest_first_with_missing_last() -> None:
    lines = bars(ROWS, width=80).split("\n")[: len(ROWS)]
    shown = [line.split()[-1] for line in lines]
    assert shown == ["0.0%", "45.0%", "62.3%", "87.5%", "100.0%", "n/a"]
    assert [row[1] for row in sort_rows(ROWS)] == [0.0, 45.0, 62.25, 87.5, 100.0, None]


def test_bars_start_at_the_same_cell_column() -> None:
    lines = bars(ROWS, width=80).split("\n")[1:5]
    starts = {width(line[: line.index(BLOCK)]) for line in lines}
    assert len(starts) == 1


def test_target_mark_is_at_its_column() -> None:
    # ค่านิยม is 5 cells (7 characters); the bar area is 80 - 5 - 1 - 7 = 67 cells.
    line = bars([("ค่านิยม", 10.0, 50.0)], width=80).split("\n")[0]
    assert target_column(50.0, 67) == 33
    assert width(line[: line.index("|")]) == 5 + 1 + 33
    assert line.count(BLOCK) == 7  # 10% of 67 cells, rounded


def test_target_mark_is_drawn_over_the_bar() -> None:
    # label "a" is 1 cell; the bar area is 80 - 1 - 1 - 7 = 71 cells, 50% ends at 35.
    line = bars([("a", 100.0, 50.0)], width=80, target_mark="^").split("\n")[0]
    assert width(line[: line.index("^")]) == 1 + 1 + 35
    assert line.count(BLOCK) == 70


def test_values_out_of_range_and_missing_do_not_break_the_layout() -> None:
    rows: list[Bar] = [("มาก", 150.0, None), ("น้อย", -5.0, 120.0), ("ไม่มี", None, None)]
    lines = bars(rows, width=80).split("\n")
    assert all(width(line) == 80 for line in lines)
    assert lines[2].rstrip().endswith("n/a")
    assert len(lines) == 5  # three rows, the scale, the legend


def test_empty_and_too_narrow() -> None:
    assert bars([]) == ""
    with pytest.raises(ValueError):
        bars(ROWS, width=20)
