"""Grapheme clusters: Thai text is measured, cut and wrapped between whole characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_cia.plots.cells import truncate as plots_truncate
from tui_cia.survey.graphemes import cluster_starts, clusters, head, truncate, width, wrap

FLOOD = "น้ำท่วมขัง"  # น้ำ | ท่ | ว | ม | ขั | ง


def test_sara_am_and_tone_marks_stay_with_their_syllable() -> None:
    assert clusters(FLOOD) == ["น้ำ", "ท่", "ว", "ม", "ขั", "ง"]
    assert clusters("กำ") == ["กำ"]
    assert clusters("ที่") == ["ที่"]
    assert clusters("ผู้ใหญ่บ้าน") == ["ผู้", "ใ", "ห", "ญ่", "บ้", "า", "น"]
    assert cluster_starts(FLOOD) == [0, 3, 5, 6, 7, 9, 10]
    assert cluster_starts("") == [0]


def test_widths_are_the_cells_textual_draws() -> None:
    assert width("น้ำ") == cell_len("น้ำ") == 2  # sara am takes a cell of its own
    assert width("ที่") == 1
    assert width(FLOOD) == 7


@pytest.mark.parametrize(
    ("cells", "cut"),
    [
        (0, ""),
        (1, "…"),
        (2, "น้ำ"),  # the word's start, whole: no room for both it and the ellipsis
        (3, "น้ำ…"),
        (4, "น้ำท่…"),
        (6, "น้ำท่วม…"),
        (7, FLOOD),
        (30, FLOOD),
    ],
)
def test_cutting_flood_never_splits_a_syllable(cells: int, cut: str) -> None:
    assert truncate(FLOOD, cells) == cut
    assert plots_truncate(FLOOD, cells) == cut  # the charts cut the same way


def test_cutting_marks_where_it_cut() -> None:
    assert truncate("ผู้ใหญ่บ้าน", 4) == "ผู้ให…"
    assert truncate("คนที่ 2 สมหญิง", 5) == "คนที่…"
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("กำนัน", 2) == "กำ"
    assert head("กำนัน", 3) == "กำนั"


@given(st.text(alphabet="กขนผใเาำ ุู่้ิี์ัab12 ", max_size=20), st.integers(0, 25))
def test_a_cut_fits_and_is_made_of_whole_clusters(text: str, cells: int) -> None:
    cut = truncate(text, cells)
    assert width(cut) <= cells
    body = cut.removesuffix("…") if cut != text else cut
    assert text.startswith(body)
    assert clusters(text)[: len(clusters(body))] == clusters(body)


def test_wrap_breaks_at_spaces_then_between_clusters() -> None:
    assert wrap("คนที่ 2 สมหญิง ใจดี: อายุ", 8) == ["คนที่ 2", "สมหญิง", "ใจดี: อายุ"]
    assert wrap(FLOOD * 2, 5) == ["น้ำท่วม", "ขังน้ำท่", "วมขัง"]
    assert wrap("a\nb", 5) == ["a", "b"]


@given(st.text(alphabet="กนใเาำ ุ่้ี์ ab", max_size=40), st.integers(2, 12))
def test_wrapped_lines_fit_and_lose_nothing_but_spaces(text: str, cells: int) -> None:
    lines = wrap(text, cells)
    # A line fits, or is one cluster wider than the room (aำำ): a cluster is never split.
    assert all(width(line) <= cells or len(clusters(line)) == 1 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
