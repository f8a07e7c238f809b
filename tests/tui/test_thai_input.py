"""ThaiInput: the cursor stops only between whole Thai characters (grapheme clusters)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets.input import Selection

from tui_cia.tui.widgets.thai_input import (
    ThaiInput,
    cluster_starts,
    next_stop,
    previous_stop,
    snap,
)

VILLAGE_HEAD = "ผู้ใหญ่บ้าน"  # ผ ู ้ | ใ | ห | ญ ่ | บ ้ | า | น
VILLAGE_HEAD_STARTS = [0, 3, 4, 5, 7, 9, 10, 11]


# --- pure helpers -------------------------------------------------------------------------


def test_sample_words_are_made_of_the_code_points_we_think() -> None:
    assert [unicodedata.category(c) for c in VILLAGE_HEAD] == [
        "Lo", "Mn", "Mn", "Lo", "Lo", "Lo", "Mn", "Lo", "Mn", "Lo", "Lo",
    ]  # fmt: skip
    assert [unicodedata.category(c) for c in "น้ำ"] == ["Lo", "Mn", "Lo"]  # ำ is Lo
    assert [unicodedata.category(c) for c in "ที่"] == ["Lo", "Mn", "Mn"]
    assert [unicodedata.category(c) for c in "เแโใไา"] == ["Lo"] * 6


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (VILLAGE_HEAD, VILLAGE_HEAD_STARTS),
        ("น้ำ", [0, 3]),  # sara am belongs to the syllable before it
        ("กำ", [0, 2]),
        ("น้ำท่วมขัง", [0, 3, 5, 6, 7, 9, 10]),
        ("ที่", [0, 3]),
        ("ทำนา", [0, 2, 3, 4]),
        ("บ้าน 12/3", [0, 2, 3, 4, 5, 6, 7, 8, 9]),
        ("", [0]),
        ("abc", [0, 1, 2, 3]),
        ("a\u200bb\u200dc\ufe0f", [0, 2, 4, 6]),  # zero-width chars and VS16 attach
        ("a\u20dd", [0, 2]),  # enclosing mark (Me)
        ("\u0e49ก", [0, 1, 2]),  # a stray leading mark: 0 is still a stop
    ],
)
def test_cluster_starts(text: str, starts: list[int]) -> None:
    assert cluster_starts(text) == starts


def test_next_and_previous_stop_walk_the_cluster_starts() -> None:
    forward = [0]
    while forward[-1] < len(VILLAGE_HEAD):
        forward.append(next_stop(VILLAGE_HEAD, forward[-1]))
    assert forward == VILLAGE_HEAD_STARTS
    backward = [len(VILLAGE_HEAD)]
    while backward[-1] > 0:
        backward.append(previous_stop(VILLAGE_HEAD, backward[-1]))
    assert backward == VILLAGE_HEAD_STARTS[::-1]


def test_stops_from_inside_a_cluster_and_at_the_edges() -> None:
    assert next_stop(VILLAGE_HEAD, 1) == 3
    assert next_stop(VILLAGE_HEAD, 11) == 11
    assert next_stop(VILLAGE_HEAD, 99) == 11
    assert previous_stop(VILLAGE_HEAD, 2) == 0
    assert previous_stop(VILLAGE_HEAD, 8) == 7
    assert previous_stop(VILLAGE_HEAD, 0) == 0
    assert previous_stop("น้ำ", 3) == 0
    assert next_stop("น้ำ", 0) == 3
    assert next_stop("น้ำท่วม", 1) == 3
    assert previous_stop("น้ำท่วม", 5) == 3
    assert next_stop("", 0) == previous_stop("", 0) == 0


def test_snap_moves_forward_and_clamps() -> None:
    assert [snap(VILLAGE_HEAD, p) for p in range(12)] == [0, 3, 3, 3, 4, 5, 7, 7, 9, 9, 10, 11]
    assert snap(VILLAGE_HEAD, -3) == 0
    assert snap(VILLAGE_HEAD, 40) == 11
    assert snap("ที่", 1) == 3
    assert [snap("น้ำ", p) for p in range(4)] == [0, 3, 3, 3]
    assert [snap("กำ", p) for p in range(3)] == [0, 2, 2]
    assert snap("", 5) == 0


@given(st.text(alphabet="กขผใเาำ ุู่้ิี์ 1/\u200b", max_size=12), st.integers(-2, 14))
def test_helpers_always_land_on_cluster_starts(text: str, pos: int) -> None:
    starts = cluster_starts(text)
    assert starts[0] == 0 and starts[-1] == len(text)
    for stop in (snap(text, pos), next_stop(text, pos), previous_stop(text, pos)):
        assert stop in starts
    assert snap(text, snap(text, pos)) == snap(text, pos)


# --- the widget ---------------------------------------------------------------------------


class OneInput(App[None]):
    def compose(self) -> ComposeResult:
        yield ThaiInput()


async def type_text(pilot: Pilot[None], widget: ThaiInput, text: str) -> None:
    # pilot.press() cannot type Thai marks: it turns "ู" into the key name
    # "thai_character_sara_uu", fails to map it back to a character and sends character=None,
    # which Input ignores. Posting the Key event ourselves keeps the character.
    for char in text:
        widget.post_message(events.Key(char, char))
    await pilot.pause()


async def test_typing_thai_and_moving_left_visits_exactly_the_cluster_starts() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        await type_text(pilot, widget, VILLAGE_HEAD)
        assert widget.value == VILLAGE_HEAD
        assert widget.cursor_position == len(VILLAGE_HEAD)
        visited = []
        for _ in range(len(VILLAGE_HEAD_STARTS)):  # one more than needed: stays at 0
            await pilot.press("left")
            assert widget.cursor_position in cluster_starts(widget.value)
            visited.append(widget.cursor_position)
        assert visited == [*VILLAGE_HEAD_STARTS[-2::-1], 0]


async def test_moving_right_visits_exactly_the_cluster_starts() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        widget.value = VILLAGE_HEAD
        await pilot.press("home")
        visited = [widget.cursor_position]
        for _ in range(len(VILLAGE_HEAD_STARTS)):
            await pilot.press("right")
            visited.append(widget.cursor_position)
        assert visited == [*VILLAGE_HEAD_STARTS, 11]


async def test_delete_removes_the_whole_first_character() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        await type_text(pilot, widget, VILLAGE_HEAD)
        await pilot.press("home", "delete")
        assert widget.value == "ใหญ่บ้าน"
        assert widget.cursor_position == 0
        await pilot.press("end", "delete")  # nothing after the cursor: no change
        assert widget.value == "ใหญ่บ้าน"


async def test_backspace_removes_only_the_tone_mark() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        await type_text(pilot, widget, VILLAGE_HEAD)
        await pilot.press("home", "right")
        assert widget.cursor_position == 3  # after ผู้
        await pilot.press("backspace")
        assert widget.value == "ผูใหญ่บ้าน"
        assert widget.cursor_position == 2
        assert widget.cursor_position in cluster_starts(widget.value)
        await type_text(pilot, widget, "้")  # retype the tone mark
        assert widget.value == VILLAGE_HEAD
        assert widget.cursor_position == 3


async def test_a_mark_typed_at_a_cluster_start_joins_the_previous_character() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        widget.value = "กา"
        widget.cursor_position = 1
        await type_text(pilot, widget, "่")
        assert widget.value == "ก่า"
        assert widget.cursor_position == 2


async def test_programmatic_cursor_and_value_changes_snap() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        widget.value = VILLAGE_HEAD
        widget.cursor_position = 1
        assert widget.cursor_position == 3
        widget.cursor_position = 8
        assert widget.cursor_position == 9
        widget.selection = Selection(2, 6)
        assert widget.selection == Selection(3, 7)
        # A new value under an old cursor: position 1 of "ab" falls inside ที่.
        widget.value = "ab"
        widget.cursor_position = 1
        widget.value = "ที่"
        await pilot.pause()
        assert widget.cursor_position == 3


async def test_shift_arrows_select_whole_characters() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        widget.value = VILLAGE_HEAD
        await pilot.press("end", "shift+left", "shift+left", "shift+left")
        assert widget.selection == Selection(11, 7)
        assert widget.selected_text == "บ้าน"
        await pilot.press("home", "shift+right")
        assert widget.selected_text == "ผู้"
        await pilot.press("delete")  # with a selection, delete removes it
        assert widget.value == "ใหญ่บ้าน"


async def test_word_movement_keeps_thai_words_whole() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        widget.value = "บ้าน 12/3 ผู้ใหญ่"
        await pilot.press("home")
        stops = []
        for _ in range(5):
            await pilot.press("ctrl+right")
            stops.append(widget.cursor_position)
        assert stops == [5, 8, 10, 17, 17]
        stops = []
        for _ in range(5):
            await pilot.press("ctrl+left")
            stops.append(widget.cursor_position)
        assert stops == [10, 8, 5, 0, 0]
        assert all(stop in cluster_starts(widget.value) for stop in stops)


async def test_sara_am_moves_and_deletes_with_its_syllable() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        await type_text(pilot, widget, "น้ำท่วมขัง")
        assert widget.value == "น้ำท่วมขัง"
        visited = []
        for _ in range(7):
            await pilot.press("left")
            visited.append(widget.cursor_position)
        assert visited == [9, 7, 6, 5, 3, 0, 0]  # never 2, between น้ and ำ
        await pilot.press("delete")
        assert widget.value == "ท่วมขัง"  # น้ำ went whole
        await pilot.press("shift+right")
        assert widget.selected_text == "ท่"


async def test_backspace_after_sara_am_takes_only_the_last_key_typed() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        await type_text(pilot, widget, "กำนัน")
        await pilot.press("home", "right")
        assert widget.cursor_position == 2  # after กำ
        await pilot.press("backspace")
        assert widget.value == "กนัน"
        assert widget.cursor_position == 1
        await type_text(pilot, widget, "ำ")
        assert widget.value == "กำนัน" and widget.cursor_position == 2


async def test_a_tone_mark_typed_before_sara_am_joins_the_syllable() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        widget = app.query_one(ThaiInput)
        await type_text(pilot, widget, "น้")
        assert widget.cursor_position == 2
        await type_text(pilot, widget, "ำที่")
        assert widget.value == "น้ำที่"
        assert cluster_starts(widget.value) == [0, 3, 6]
        await pilot.press("left")
        assert widget.cursor_position == 3
