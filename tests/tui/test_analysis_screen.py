"""The analysis screen: computed in a worker, radar and bars, failing households to open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drive import running

from tui_cia.tui.screens.analysis import AnalysisScreen
from tui_cia.tui.screens.entry import EntryScreen
from tui_cia.tui.screens.modals import PickScreen


async def _open_analysis(app: Any, pilot: Any) -> Any:
    """`a` on Home, and the screen once its worker has computed."""
    await pilot.press("a")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def test_analysis_from_home_to_a_failing_household(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen) and screen.area == ("160104", 2565)
        chart = str(screen.query_one("#chart").render())
        assert "Health" in chart and "160104 2564" in chart  # the round before is overlaid
        await pilot.press("b")
        assert "%" in str(screen.query_one("#chart").render())
        await pilot.press("enter")  # indicator 1's failing households (none), then 4's
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("escape")
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and app.screen.values
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)


async def test_another_round_is_chosen_with_r(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and app.screen.values == [2565, 2564]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.area == ("160104", 2564)
        assert "2564" in str(screen.query_one("#analysis-title").render())
