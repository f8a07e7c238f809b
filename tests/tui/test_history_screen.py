"""The history screen: a supervisor reads each change in words at 80x24 and 120x40, and the
record as of the highlighted change follows the cursor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drive import ENUMERATOR, new_app, running, settle
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui_cia.storage import Store
from tui_cia.tui.app import TuiCiaApp
from tui_cia.tui.screens.history import HistoryScreen

SUPERVISOR = "สมศรี"


def edited_household(store: Store) -> tuple[str, int]:
    """A sample household with a renamed member, a special answer, a multi-select, a reason,
    and a member added and removed."""
    found = store.conn.execute(
        "SELECT uuid FROM records WHERE form_id = 'bmn' AND deleted = 0 ORDER BY rowid LIMIT 50"
    )
    uuid = next(u for (u,) in found if store.open(u).session.instance_count(("members",)) >= 2)
    rec = store.open(uuid)
    assert store.answer(rec, ("members", 1, "first_name"), "สมหญิง").ok
    store.set_enumerator(SUPERVISOR)
    assert store.set_special(rec, ("members", 1, "health_scheme"), "dont_know").ok
    assert store.answer(
        rec, ("members", 1, "health_scheme"), "nhso civil_servant", reason="ตรวจกับบัตรแล้ว"
    ).ok
    index = store.add_instance(rec, ("members",), reason="เกิดใหม่")
    assert store.answer(rec, ("members", index, "first_name"), "น้ำทิพย์").ok
    store.remove_instance(rec, ("members",), index, reason="ย้ายไปทำงานกรุงเทพฯ")
    store.checkpoint(rec)
    return uuid, index + 1  # the household, and the number of the member added and removed


async def opened(app: TuiCiaApp, pilot: Pilot[Any], uuid: str) -> HistoryScreen:
    screen = HistoryScreen(uuid)
    app.push_screen(screen)
    await pilot.pause()
    await pilot.pause()
    return screen


def rows(screen: HistoryScreen) -> list[str]:
    options = screen.query_one("#history-changes", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def shown(screen: HistoryScreen, widget_id: str) -> str:
    """A pane's text with its wrapping undone."""
    return " ".join(str(screen.query_one(widget_id, Static).content).split())


def assert_highlight_in_sight(screen: HistoryScreen) -> None:
    """The highlighted change's first line is on screen (each option's lines fit: none wrap)."""
    options = screen.query_one("#history-changes", OptionList)
    assert options.highlighted is not None
    start = sum(row.count("\n") + 1 for row in rows(screen)[: options.highlighted])
    assert options.scroll_y <= start < options.scroll_y + options.size.height


def assert_rows_fit(screen: HistoryScreen) -> None:
    """Every line of the list and of the pane fits its widget: nothing is cut by the screen."""
    options = screen.query_one("#history-changes", OptionList)
    room = options.scrollable_content_region.width
    for row in rows(screen):
        for line in row.split("\n"):
            assert cell_len(line) <= room, line
    for pane in ("#history-change", "#as-of"):
        widget = screen.query_one(pane, Static)
        for line in str(widget.content).split("\n"):
            assert cell_len(line) <= widget.size.width, line


async def test_each_change_in_words_at_80x24(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        uuid, added = edited_household(app.store)
        be_year = int(app.store.history(uuid)[-1].at[:4]) + 543
        screen = await opened(app, pilot, uuid)
        assert screen.has_class("narrow")
        lines = rows(screen)
        assert_rows_fit(screen)
        assert_highlight_in_sight(screen)
        assert "สร้างแบบสอบถาม" in lines[0]
        renamed = next(row for row in lines if "คนที่ 2 สมหญิง" in row and ": ชื่อ" in row)
        assert ENUMERATOR[:11] in renamed and "→ สมหญิง" in renamed
        assert f" {be_year} " in renamed  # the time in พ.ศ.
        special = next(row for row in lines if "→ ไม่ทราบ" in row)
        assert SUPERVISOR in special and ": 6.1 สมหญิง มีประกันสุขภาพ" in special
        multi = next(row for row in lines if "ไม่ทราบ → 4. สิทธิสำนักงาน" in row)
        assert "เหตุผล: ตรวจกับบัตรแล้ว" in multi
        assert f"ลบ คนที่ {added} น้ำทิพย์" in lines[-1] and "ย้ายไปทำงานกรุงเทพฯ" in lines[-1]
        assert not any("members" in row or "health_scheme" in row for row in lines)
        # Below the list at 80 columns: the whole change, its question uncut.
        pane = screen.query_one("#history-pane")
        listing = screen.query_one("#history-changes")
        assert pane.region.y > listing.region.y and pane.region.width == listing.region.width
        assert "ย้ายไปทำงานกรุงเทพฯ" in shown(screen, "#history-change")


@pytest.mark.slow
async def test_the_record_as_of_follows_the_highlighted_change(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        uuid, added = edited_household(app.store)
        screen = await opened(app, pilot, uuid)
        lines = rows(screen)
        renamed = next(i for i, row in enumerate(lines) if "→ สมหญิง" in row)
        multi = next(i for i, row in enumerate(lines) if "ไม่ทราบ → 4." in row)
        options = screen.query_one("#history-changes", OptionList)
        assert options.highlighted == len(lines) - 1
        await pilot.press(*["up"] * (len(lines) - 1 - multi))
        revision = screen.rows[multi].revision
        assert f"ข้อมูล ณ การแก้ไขครั้งที่ {revision}" in shown(screen, "#as-of")
        assert "4. สิทธิสำนักงานหลักประกันสุขภาพแห่งชาติ, 2. สิทธิข้าราชการ" in shown(screen, "#as-of")
        assert f"คนที่ {added}" not in shown(screen, "#as-of")  # not added yet
        await pilot.press("up")
        assert "): ไม่ทราบ" in shown(screen, "#as-of")
        await pilot.press(*["up"] * (multi - 1 - renamed))
        record = shown(screen, "#as-of")
        assert "คนที่ 2 สมหญิง" in record and "ชื่อ: สมหญิง" in record
        await pilot.press("up")
        assert "ชื่อ: สมหญิง" not in shown(screen, "#as-of")  # the name it had before
        assert_highlight_in_sight(screen)
        await pilot.press("end")
        assert f"คนที่ {added}" not in shown(screen, "#as-of")  # removed again
        await pilot.press("up")
        assert f"คนที่ {added} น้ำทิพย์" in shown(screen, "#as-of")
        assert_highlight_in_sight(screen)


async def test_beside_at_120x40_and_in_english_with_f2(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.store.set_enumerator(ENUMERATOR)
        uuid, added = edited_household(app.store)
        screen = await opened(app, pilot, uuid)
        assert not screen.has_class("narrow")
        pane = screen.query_one("#history-pane")
        listing = screen.query_one("#history-changes")
        assert pane.region.x > listing.region.x and pane.region.y == listing.region.y
        assert_rows_fit(screen)
        await pilot.press("f2")
        await pilot.pause()
        lines = rows(screen)
        assert_rows_fit(screen)
        assert "Record created" in lines[0]
        assert any("Member 2 สมหญิง" in row and ": First name" in row for row in lines)
        assert f"Removed Member {added} น้ำทิพย์" in lines[-1]
        assert any("→ Don't know" in row for row in lines)
        assert any("Don't know → 4." in row and "Reason: ตรวจกับบัตรแล้ว" in row for row in lines)
        assert "The record as of change" in shown(screen, "#as-of")
        assert "Edit history" in str(screen.query_one("#history-title", Static).content)
