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
        assert (
            "Health" in chart and "160104 Kong Thanu 2564" in chart
        )  # the round before is overlaid
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


async def test_a_planning_note_is_typed_part_by_part_and_kept(tmp_path: Path) -> None:
    from tui_cia.storage.plans import plans_for
    from tui_cia.tui.screens.modals import TextInputScreen

    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen)
        await pilot.press("down", "e")  # indicator 2
        await pilot.pause()
        assert isinstance(app.screen, TextInputScreen)
        assert app.screen.title_text.startswith("Cause of indicator 2 Newborns are")
        for text in ("no milk", "", "clinic"):
            assert isinstance(app.screen, TextInputScreen)
            app.screen.query_one("#text").value = text  # type: ignore[attr-defined]
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, AnalysisScreen)
        plan = plans_for(app.store.conn, "bmn", "160104", 2565)["i02"]
        assert (plan.cause, plan.project, plan.agency) == ("no milk", "", "clinic")
        await pilot.press("e")  # Esc at the first part keeps the note as it was
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert plans_for(app.store.conn, "bmn", "160104", 2565)["i02"].cause == "no milk"
        from textual.widgets import DataTable

        shown = screen.query_one("#indicators", DataTable).get_row_at(1)
        assert str(shown[3]) == "no milk"  # the plan column: project, else cause, else agency


async def test_w_writes_the_meeting_report_of_the_shown_area(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen)
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        out = screen.written
        assert out is not None and out.parent == tmp_path
        assert out.name == "report_160104_2565_en.html"
        page = out.read_text(encoding="utf-8")
        assert page.lower().startswith("<!doctype html>")
        assert "Kong Thanu" in page and "<svg" in page
        assert not list(tmp_path.glob(".*.part"))


async def test_f2_puts_the_analysis_in_the_other_language(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen)
        assert "1604 households" in str(screen.query_one("#analysis-title").render())
        await pilot.press("f2")
        await pilot.pause()
        title = str(screen.query_one("#analysis-title").render())
        assert "วิเคราะห์ข้อมูล CIA" in title and "โก่งธนู" in title and "1604 ครัวเรือน" in title
        assert "เป้าหมาย" in str(screen.query_one("#chart").render())


async def test_a_wide_terminal_names_each_indicator(tmp_path: Path) -> None:
    from drive import new_app, settle
    from textual.widgets import DataTable

    app = new_app(tmp_path, lang="en")
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        screen = await _open_analysis(app, pilot)
        table = screen.query_one("#indicators", DataTable)
        assert [str(c.label) for c in table.ordered_columns][:3] == ["#", "Indicator", "%"]
        first = [str(v) for v in table.get_row_at(0)]
        assert first[0] == "1" and first[1].startswith("Newborn")
