"""Keys answer while the database is still opening: the opening is held on an Event (the
`db_ready` hook the demo uses for its scratch copy), keys are pressed, then it is let go."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from drive import SIZE, TODAY, settle, text_of, type_text
from formtools import copy_sample
from textual.pilot import Pilot
from textual.widgets import Static

from tui_cia.tui.app import TuiCiaApp
from tui_cia.tui.overview import ReadAhead
from tui_cia.tui.screens.home import HomeScreen
from tui_cia.tui.screens.modals import HelpScreen

WAIT = "Opening the database…"


class Held:
    """A `db_ready` hook that blocks until released (and says when it has been reached)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> None:
        self.reached.set()
        assert self.release.wait(30), "the test never let the database open"


@asynccontextmanager
async def held_app(
    tmp_path: Path, *, ahead: bool = False
) -> AsyncIterator[tuple[TuiCiaApp, Pilot[Any], Held, list[str]]]:
    """The app (in English) with its database held shut; yields it, its pilot, the hold and
    the notifications shown. `ahead`: the read is started before the app, as the CLI does."""
    held = Held()
    db = copy_sample(tmp_path)
    if ahead:
        app = TuiCiaApp(db, lang="en", today=TODAY, read_ahead=ReadAhead(db, held))
    else:
        app = TuiCiaApp(db, lang="en", today=TODAY, db_ready=held)
    said: list[str] = []
    notify = app.notify

    def noted(message: str, *args: Any, **kwargs: Any) -> None:
        said.append(message)
        notify(message, *args, **kwargs)

    app.notify = noted  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert held.reached.wait(10)
            yield app, pilot, held, said
    finally:
        held.release.set()  # whatever happened: the opening thread must end


def home_of(app: TuiCiaApp) -> HomeScreen:
    assert isinstance(app.screen, HomeScreen), app.screen
    return app.screen


async def test_help_search_and_language_answer_while_the_database_opens(tmp_path: Path) -> None:
    async with held_app(tmp_path) as (app, pilot, _, said):
        home = home_of(app)
        assert not home.shown and app.store is None
        assert [text_of(app, "#areas-wait")] == [WAIT]

        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        about = str(app.screen.query_one("#help-about", Static).render())
        assert "GeoThai" in about and "CC BY 4.0" in about  # the area lists' licence
        await pilot.press("escape")
        assert app.screen is home

        await pilot.press("slash")
        assert app.focused is home.query_one("#search")
        await type_text(pilot, "12")
        await pilot.pause()
        assert said == [WAIT]  # it searches once the data is there, and says so

        await pilot.press("f2")
        assert app.lang == "th" and text_of(app, "#areas-wait") == "กำลังเปิดฐานข้อมูล…"
        await pilot.press("f2")
        assert app.lang == "en"


async def test_keys_that_need_the_data_say_it_is_coming(tmp_path: Path) -> None:
    async with held_app(tmp_path) as (app, pilot, _, said):
        home = home_of(app)
        for key in ("n", "enter", "r", "a", "s", "c", "f"):
            await pilot.press(key)
            assert app.screen is home, key
            assert said.pop() == WAIT and not said, key
        await pilot.press("d")  # the drafts table is not there yet: nothing to focus
        assert app.screen is home and app.focused is None


async def test_ctrl_q_quits_while_the_database_opens(tmp_path: Path) -> None:
    async with held_app(tmp_path) as (app, pilot, _, _said):
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0  # exit was asked for
        assert app.store is None


async def test_home_fills_once_the_database_is_let_open(tmp_path: Path) -> None:
    async with held_app(tmp_path) as (app, pilot, held, _):
        home = home_of(app)
        await pilot.press("slash")
        await type_text(pilot, "1")  # typed while waiting: the search applies once open
        held.release.set()
        await settle(pilot)
        for _ in range(100):
            if home.opened and home.form is not None:
                break
            await pilot.pause(0.05)
        assert home.opened and app.store is not None
        villages = home.table("areas")
        assert villages.display and villages.row_count > 0
        assert "Moo " in str(villages.get_row_at(0)[0])  # named from the form
        assert app.focused is home.query_one("#search")  # the tables did not take the focus
        found = app.store.search("1", home.form_id)
        assert home.rows == [r.uuid for r in found]


async def test_keys_answer_while_the_read_ahead_is_held(tmp_path: Path) -> None:
    """As `tui-cia` starts it: the read begun before the app, held; F1 still answers."""
    async with held_app(tmp_path, ahead=True) as (app, pilot, held, _):
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        held.release.set()
        await settle(pilot)
        for _ in range(100):
            if home_of(app).opened:
                break
            await pilot.pause(0.05)
        assert home_of(app).opened and home_of(app).table("areas").row_count > 0


async def test_a_read_done_before_the_app_starts_is_in_the_first_frame(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    ahead = ReadAhead(db)
    ahead.result()
    app = TuiCiaApp(db, lang="en", today=TODAY, read_ahead=ahead)
    async with app.run_test(size=SIZE) as pilot:
        home = home_of(app)
        assert home.shown and home.table("areas").row_count > 0  # filled as Home mounted
        assert app.focused is home.table("areas")
        await settle(pilot)
        assert home.opened


async def test_a_copy_that_cannot_be_made_is_said_not_shown_as_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def no_room() -> None:
        raise OSError(28, "No space left on device")

    app = TuiCiaApp(copy_sample(tmp_path), lang="en", today=TODAY, db_ready=no_room)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 1
    said = capfd.readouterr().err
    assert "error: [Errno 28] No space left on device" in said and "Traceback" not in said
