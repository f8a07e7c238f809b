"""The duplicates screen: Home's `u`, the groups one record per row, opening a record,
deleting the wrong one with a reason, another round."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drive import running
from textual.widgets import DataTable

from tui_cia.storage.quality import duplicates
from tui_cia.tui.screens.duplicates import DuplicatesScreen
from tui_cia.tui.screens.entry import EntryScreen
from tui_cia.tui.screens.modals import ConfirmScreen, PickScreen, ReasonScreen


async def _settled(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _make_duplicates(conn: Any) -> tuple[str, str]:
    """A household keyed twice in 2565 and a Thai id in two households, as two laptops
    keying the same house leave them (written as the store writes its rows)."""
    (a, key), (b, _) = conn.execute(
        "SELECT uuid, key_text FROM records WHERE form_id = 'bmn' AND deleted = 0 "
        "AND status = 'complete' AND round = 2565 ORDER BY uuid LIMIT 2"
    ).fetchall()
    conn.execute("UPDATE records SET key_text = ? WHERE uuid = ?", (key, b))
    ids = conn.execute(
        "SELECT m._uuid, m.national_id, m.rowid FROM form_bmn_members m JOIN records r "
        "ON r.uuid = m._uuid WHERE r.round = 2565 AND r.deleted = 0 AND m.national_id "
        "IS NOT NULL AND m._uuid NOT IN (?, ?) ORDER BY m._uuid LIMIT 400",
        (a, b),
    ).fetchall()
    first = ids[0]
    other = next(row for row in ids if row[0] != first[0])
    conn.execute(
        "UPDATE form_bmn_members SET national_id = ? WHERE rowid = ?", (first[1], other[2])
    )
    conn.commit()
    return a, b


def _shown(screen: DuplicatesScreen) -> list[list[str]]:
    grid = screen.query_one("#duplicates", DataTable)
    return [[str(v) for v in grid.get_row_at(r)] for r in range(grid.row_count)]


@pytest.mark.slow
async def test_duplicates_from_home_open_delete_and_round(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        first, second = _make_duplicates(app.store.conn)
        form = app.store.forms.get("bmn")
        groups = duplicates(app.store, form)
        assert [g.kind for g in groups] == ["key", "thai_id"]

        await pilot.press("u")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        rows = _shown(screen)
        assert [r.uuid for r in screen.rows] == [r.uuid for g in groups for r in g.records]
        assert [line[0] for line in rows] == ["1", "1", "2", "2"]
        assert rows[0][1] == f"key {groups[0].value.replace('|', ' / ')}" and rows[0][2] == "2565"
        assert rows[2][1].startswith("Thai id members.national_id ")
        assert all(line[5] not in ("", "-") for line in rows)  # village names, not codes
        title = str(screen.query_one("#duplicates-title").render())
        assert "Duplicate groups: 2 (4 records)" in title

        await pilot.press("enter")  # the first record of the first group
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.record.uuid == screen.rows[0].uuid
        app.pop_screen()
        await _settled(app, pilot)

        assert app.screen is screen
        screen.query_one("#duplicates", DataTable).move_cursor(row=2)  # a shared Thai id
        await pilot.press("enter")  # opens at the member who holds it
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, EntryScreen) and entry.path is not None
        assert entry.path[0] == "members" and entry.path[-1] == "national_id"
        held = entry.session.raw(entry.path)
        assert held == groups[1].value
        app.pop_screen()
        await _settled(app, pilot)
        screen.query_one("#duplicates", DataTable).move_cursor(row=1)
        wrong = screen.rows[1].uuid
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"keyed twice", "enter")
        await _settled(app, pilot)
        assert app.screen is screen
        assert app.store.conn.execute(
            "SELECT deleted FROM records WHERE uuid = ?", (wrong,)
        ).fetchone() == (1,)
        assert [r.group for r in screen.rows] == [1, 1]  # the Thai-id group is left
        assert wrong in (first, second) and wrong not in {r.uuid for r in screen.rows}

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert 2564 in app.screen.values
        await pilot.press("down", "down", "enter")  # all, 2565, 2564
        await _settled(app, pilot)
        assert screen.round == 2564 and screen.rows == []
        assert "No duplicates" in str(screen.query_one("#duplicates-title").render())
        await pilot.press("f2")  # Thai: the headers and the title follow
        await _settled(app, pilot)
        grid = screen.query_one("#duplicates", DataTable)
        assert [str(c.label) for c in grid.columns.values()][:2] == ["กลุ่ม", "ซ้ำที่"]
        assert "ไม่พบแบบสอบถามซ้ำ" in str(screen.query_one("#duplicates-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DuplicatesScreen)


async def test_a_database_that_cannot_be_read_says_so(tmp_path: Path, monkeypatch: Any) -> None:
    import sqlite3

    from tui_cia.tui.screens import duplicates as screen_module

    def locked(*_: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(screen_module, "found_rows", locked)
    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("u")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen) and screen.rows == []
        title = str(screen.query_one("#duplicates-title").render())
        assert "cannot be read just now (database is locked)" in title
