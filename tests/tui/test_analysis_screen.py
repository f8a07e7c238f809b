"""The analysis screen: computed in a worker, radar and bars, failing households to open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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
        detail = str(screen.query_one("#detail").render())
        assert "Plan: no milk" in detail  # the plan: project, else cause, else agency


@pytest.mark.slow
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
        annex = out.with_name("report_160104_2565_en-annex.html").read_text(encoding="utf-8")
        assert "table class='targets'" in annex and "table class='targets'" not in page
        assert not list(tmp_path.glob(".*.part"))


async def test_f2_puts_the_analysis_in_the_other_language(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen)
        assert "1,604 households" in str(screen.query_one("#analysis-title").render())
        await pilot.press("f2")
        await pilot.pause()
        title = str(screen.query_one("#analysis-title").render())
        assert "วิเคราะห์ข้อมูล CIA" in title and "โก่งธนู" in title and "1,604 ครัวเรือน" in title
        assert "เป้าหมาย" in str(screen.query_one("#chart").render())


@pytest.mark.slow
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


@pytest.mark.slow
async def test_numbers_at_80_columns_are_whole_with_units_and_the_reports(tmp_path: Path) -> None:
    """At 80x24 every figure of the table and of the highlighted indicator's line is the
    library's, rounded as the printed report rounds it, with the report's unit, and no
    figure is cut."""
    from textual.widgets import DataTable

    from tui_cia.analysis.meeting import meeting_context
    from tui_cia.plots.cells import width
    from tui_cia.tui.screens.analysis_rows import rate_text

    async with running(tmp_path) as (app, pilot):
        assert app.size == (80, 24)
        screen = await _open_analysis(app, pilot)
        assert isinstance(screen, AnalysisScreen) and screen.area is not None
        result = screen.results[screen.area]
        ctx = meeting_context(app.store, screen.form, "160104", 2565)
        table = screen.query_one("#indicators", DataTable)
        columns = table.ordered_columns
        assert [str(c.label) for c in columns] == ["#", "%", "ไม่ผ่าน"]
        assert table.size.width + 40 <= 80  # the chart keeps room beside it
        for index, (row, printed) in enumerate(zip(result.indicators, ctx["table"], strict=True)):
            number, rate, failed = (str(c) for c in table.get_row_at(index))
            count, unit = failed.split()
            assert number == str(printed[0]) == str(row["number"])
            assert rate == printed[6]  # the report's one decimal
            assert count == f"{printed[5]:,}" == f"{row['failed']:,}"
            assert unit == printed[2] == {"person": "คน", "household": "คร."}[row["unit"]]
            assert all(
                width(str(c)) <= col.width
                for c, col in zip(table.get_row_at(index), columns, strict=True)
            )
        title = str(screen.query_one("#analysis-title").render())
        assert f"({result.households:,} ครัวเรือน)" in title
        await pilot.press(*["down"] * 23)  # indicator 24, not drinking: a person indicator
        await pilot.pause()
        detail = str(screen.query_one("#detail").render()).splitlines()
        row = result.indicators[23]
        assert detail[0].startswith("24 คนในครัวเรือน ไม่ดื่มสุรา")
        assert detail[1] == (
            f"ผ่าน {row['passed']:,} จาก {row['applicable']:,} คน ({rate_text(row['rate'])}%)  "
            f"ไม่ผ่าน {row['failed']:,} คน ใน {row['households_failing']:,} ครัวเรือน"
        )
        assert max(width(line) for line in detail) <= 78
        await pilot.press("b")  # the bars: every value whole, the cursor's bar in view
        await pilot.pause()
        chart = str(screen.query_one("#chart").render())
        for one in result.indicators:
            assert f"{rate_text(one['rate'])}%" in chart
        assert max(width(line) for line in chart.splitlines()) <= 80 - table.size.width


@pytest.mark.slow
async def test_a_failing_household_opens_at_the_failing_answer(tmp_path: Path) -> None:
    """Enter on indicator 24 (persons who drink), Enter on a household: the entry screen
    opens at the drinking question of the member who fails it."""
    from tui_cia.analysis.failing import failing_field
    from tui_cia.survey.fieldpath import path_str

    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        await pilot.press(*["down"] * 23, "enter")
        await pilot.pause()
        pick = app.screen
        assert isinstance(pick, PickScreen) and pick.values
        count = screen.results[("160104", 2565)].indicators[23]["households_failing"]
        assert len(pick.values) == count and f"({count:,} households)" in pick.title_text
        await pilot.press("enter")
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, EntryScreen)
        rule = next(i for i in screen.form.indicators if i.number == 24)
        expected = failing_field(entry.record.session, rule)
        assert expected is not None and expected.startswith("members[")
        assert expected.endswith(".i24_drinks") and entry.at == expected
        assert entry.path is not None and path_str(entry.path) == expected
        member = entry.record.session.raw(entry.path)
        assert member != "2"  # "2" (does not drink) passes; this member's answer fails


def test_the_failing_answer_of_a_household_indicator_is_the_false_part(tmp_path: Path) -> None:
    """Of `a = '1' and b = '1' and ...`, the part that is false; a calculated culprit
    (income per person) leads to the income the keyer typed."""
    from formtools import copy_sample

    from tui_cia.analysis import area_result
    from tui_cia.analysis.failing import failing_field
    from tui_cia.storage import Store
    from tui_cia.survey.fieldpath import parse_path

    store = Store(copy_sample(tmp_path))
    form = store.forms.get("bmn")
    rules = {i.number: i for i in form.indicators}
    result = area_result(store, form, "16010402", 2565)
    for number, answer in ((5, "2"), (11, "2"), (22, None)):
        household = next(h for h in result.targets if number in h["failing"])
        session = store.open(household["uuid"]).session
        found = failing_field(session, rules[number])
        assert found is not None
        if answer is not None:
            assert session.raw(parse_path(found)) == answer, found
            assert found.startswith(f"i{number:02d}_")
        else:
            assert found == "income_main"  # income_per_person = income_total / members
    passing = next(h for h in result.targets if 9 not in h["failing"])
    assert failing_field(store.open(passing["uuid"]).session, rules[9]) is None


@pytest.mark.slow
async def test_a_round_not_scored_says_why_and_keys_do_nothing_harmful(tmp_path: Path) -> None:
    from tui_cia.analysis import AreaResult

    async with running(tmp_path, lang="en") as (app, pilot):
        screen = await _open_analysis(app, pilot)
        why = "round 2566 needs the 2566-2570 indicator set"
        screen.results[("160104", 2566)] = AreaResult("tambon", "160104", 2566, 5, not_scored=why)
        screen.show("160104", 2566)
        await pilot.pause()
        assert str(screen.query_one("#detail").render()) == why
        await pilot.press("b", "enter", "e", "g")
        await pilot.pause()
        assert app.screen is screen and "(5 households)" in str(
            screen.query_one("#analysis-title").render()
        )
