"""Recheck and keyer statistics, from the duplicates screen: `c` lists the records the
current form no longer passes (Enter opens one at its problem), `k` the keyers' rates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from drive import running
from textual.widgets import DataTable

from tui_cia.storage import verify
from tui_cia.tui.screens.duplicates import DuplicatesScreen
from tui_cia.tui.screens.entry import EntryScreen
from tui_cia.tui.screens.recheck import KeyersScreen, RecheckScreen


async def _settled(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _break_one(conn: Any) -> str:
    """A complete record whose informant is blank, as an old laptop's import could leave it."""
    uuid, data = conn.execute(
        "SELECT uuid, data FROM records WHERE form_id = 'bmn' AND deleted = 0 AND status = "
        "'complete' AND data_revision >= revision ORDER BY uuid LIMIT 1"
    ).fetchone()
    answers = json.loads(data)
    answers.pop("informant_name")
    conn.execute("UPDATE records SET data = ? WHERE uuid = ?", (json.dumps(answers), uuid))
    conn.commit()
    return str(uuid)


def _rows(screen: Any, table_id: str) -> list[list[str]]:
    grid = screen.query_one(table_id, DataTable)
    return [[str(v) for v in grid.get_row_at(r)] for r in range(grid.row_count)]


@pytest.mark.slow
async def test_recheck_lists_a_failing_record_and_opens_it_at_the_problem(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        broken = _break_one(app.store.conn)
        await pilot.press("u")
        await _settled(app, pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        await pilot.press("c")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecheckScreen)
        assert [r.uuid for r in screen.failing] == [broken]
        [row] = _rows(screen, "#recheck")
        assert row[2] == "complete" and row[4] == "1" and row[5].startswith("informant_name: ")
        assert "do not pass" in str(screen.query_one("#recheck-title").render())
        await pilot.press("enter")
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, EntryScreen) and entry.path == ("informant_name",)
        await pilot.press("escape")
        await _settled(app, pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DuplicatesScreen)


@pytest.mark.slow
async def test_keyer_statistics_of_the_rekeys(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("u")
        await _settled(app, pilot)
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KeyersScreen)
        assert "No re-keys yet" in str(screen.query_one("#keyers-title").render())
        await pilot.press("escape")
        await pilot.pause()

        uuid = app.store.conn.execute(
            "SELECT uuid FROM records WHERE status = 'complete' ORDER BY uuid LIMIT 1"
        ).fetchone()[0]
        second = {**app.store.data(uuid), "informant_name": "คนอื่น"}
        found = verify.compare_record(app.store, uuid, second)
        verify.resolve(app.store, found, {"informant_name": (verify.FIRST, None)})
        await pilot.press("k")
        await pilot.pause()
        [row] = _rows(app.screen, "#keyers")
        assert row[1:4] == ["1", str(found.fields), "1"]
        assert row[4] == f"{100 / found.fields:.1f}%"
