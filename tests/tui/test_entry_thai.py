"""Thai typed in the entry screen: the cursor stays on whole characters, the answer is saved
exactly as typed."""

from __future__ import annotations

import pytest
from drive import answer_box, entry, key_record, new_record, running, type_text

from tui_cia.tui.widgets.thai_input import cluster_starts

VILLAGE_HEAD = "ผู้ใหญ่บ้าน"  # ผู้ | ใ | ห | ญ่ | บ้ | า | น: 11 code points, 7 characters
STARTS = [0, 3, 4, 5, 7, 9, 10, 11]
BEFORE_INFORMANT = {
    "has_house_no": "1",
    "house_no": "45/2",
    "house_code": "!dont_know",
    "head_name": "สมชาย ใจดี",
}


@pytest.mark.slow
async def test_thai_typed_in_a_field_keeps_the_cursor_on_characters_and_is_saved(
    tmp_path,
) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        await key_record(pilot, BEFORE_INFORMANT, until="informant_name")
        assert screen.path == ("informant_name",)
        box = answer_box(app)
        assert app.focused is box and box.value == ""

        await type_text(pilot, VILLAGE_HEAD)
        assert box.value == VILLAGE_HEAD
        assert box.cursor_position == len(VILLAGE_HEAD)
        assert cluster_starts(box.value) == STARTS

        left = []
        for _ in range(len(STARTS)):  # one press more than needed: stays at 0
            await pilot.press("left")
            assert box.cursor_position in STARTS
            left.append(box.cursor_position)
        assert left == [*STARTS[-2::-1], 0]

        right = []
        for _ in range(len(STARTS)):
            await pilot.press("right")
            assert box.cursor_position in STARTS
            right.append(box.cursor_position)
        assert right == [*STARTS[1:], len(VILLAGE_HEAD)]

        # Into the middle and back out again by word: still whole characters.
        await pilot.press("home", "right", "right", "ctrl+right", "ctrl+left")
        assert box.cursor_position in STARTS
        await pilot.press("end", "enter")

        assert screen.path != ("informant_name",)  # saved and moved on
        assert screen.session.raw(("informant_name",)) == VILLAGE_HEAD
        assert app.store.data(screen.record.uuid)["informant_name"] == VILLAGE_HEAD
        last_set = [c for c in app.store.history(screen.record.uuid) if c.op == "set"][-1]
        assert (last_set.label, last_set.new) == ("informant_name", VILLAGE_HEAD)


@pytest.mark.slow
async def test_a_thai_answer_shown_again_is_edited_by_whole_characters(
    tmp_path,
) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        await key_record(
            pilot, {**BEFORE_INFORMANT, "informant_name": VILLAGE_HEAD}, until="dwelling_land"
        )
        await pilot.press("shift+tab")
        assert entry(app).path == ("informant_name",)
        box = answer_box(app)
        assert box.value == VILLAGE_HEAD
        await pilot.press("end", "left")
        assert box.cursor_position == 10  # before น, not inside a cluster
        await pilot.press("home", "delete")  # Delete removes ผู้ whole
        assert box.value == VILLAGE_HEAD[3:]
        await type_text(pilot, "ผู้")
        assert box.value == VILLAGE_HEAD and box.cursor_position == 3
        await pilot.press("enter")
        assert screen.session.raw(("informant_name",)) == VILLAGE_HEAD
