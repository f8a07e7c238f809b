"""Who is keying, which round, which area: asked before the first new household, changed from
Home (w) or the palette anywhere, used by every new household and carried by every change;
and Home's lists (drafts only, Enter on the only hit, dates in the Buddhist Era)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from drive import ENUMERATOR, TODAY, answer, current, entry, message, running, settle, type_text
from textual.command import CommandList
from textual.pilot import Pilot

from tui_cia.storage.settings import WorkContext
from tui_cia.tui.screens.context import ContextScreen
from tui_cia.tui.screens.home import HomeScreen
from tui_cia.tui.screens.home_tables import when
from tui_cia.tui.screens.review import ReviewScreen

AREA = ("province", "amphoe", "tambon", "village_code")
KEYER = "สมศรี มีสุข"
SPRING = (dt.date(2022, 1, 1), dt.date(2022, 4, 30))  # 1 ม.ค. - 30 เม.ย. 2565, before TODAY
BE_TIME = re.compile(r"\d{1,2} \S+ 25\d\d \d\d:\d\d")


def dialog(app: Any) -> ContextScreen:
    assert isinstance(app.screen, ContextScreen), f"no work context dialog: {app.screen!r}"
    return app.screen


async def key_context(pilot: Pilot[Any], *answers: str) -> None:
    """Answer the dialog's lines in order, Enter after each; area lines are typed key by key
    (found as typed), the others set (Thai marks would be dropped by pilot.press)."""
    screen = dialog(pilot.app)
    names = ("keyer", "round", "start", "end", "tambon", "village")
    for name, text in zip(names[: len(answers)], answers, strict=True):
        box = screen.field(name)
        assert pilot.app.focused is box, f"{name} is not in focus"
        if name in ("tambon", "village"):
            box.value = ""
            await type_text(pilot, text)
        else:
            box.value = text
        await pilot.press("enter")
        await pilot.pause()


def values(app: Any, *names: str) -> list[Any]:
    session = entry(app).session
    return [session.value((name,)) for name in names]


@pytest.mark.slow
async def test_the_first_new_household_asks_who_keys_which_round_and_area(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, enumerator=None) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        dialog(app)
        await key_context(pilot, KEYER, "2565", "01/01/2565", "30/04/2565", "โก่ง", "2")
        # the household opens, pre-filled: round, the period's start (today is after it), area
        assert values(app, "survey_round", "survey_date") == [2565, SPRING[0]]
        assert values(app, *AREA) == ["16", "1601", "160104", "16010402"]
        path, _ = current(app)
        assert path is not None and path[0] not in ("survey_round", "survey_date", *AREA)
        kept = WorkContext(KEYER, 2565, *SPRING, "16010402")
        assert app.store.work_context() == kept and app.store.enumerator == KEYER


async def test_esc_at_the_first_question_opens_no_household(tmp_path: Path) -> None:
    async with running(tmp_path, enumerator=None) as (app, pilot):
        drafts = len(app.home.rows)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.home.rows) == drafts
        assert app.store.work_context() is None


async def test_the_dialog_refuses_a_bad_round_date_or_period_where_typed(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en", enumerator=None) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await key_context(pilot, "x")
        assert "2 characters" in str(dialog(app).query_one("#context-message").render())
        await key_context(pilot, KEYER, "2599")  # the BMN form keys rounds 2560-2570
        screen = dialog(app)
        assert app.focused is screen.field("round")
        assert "2560 to 2570" in str(screen.query_one("#context-message").render())
        screen.field("round").value = "2565"
        await pilot.press("enter")
        screen.field("start").value = "31/02/2565"
        await pilot.press("enter")
        assert app.focused is screen.field("start")
        screen.field("start").value = "01/01/2566"  # after the round's year
        await pilot.press("enter", "enter")
        assert app.focused is screen.field("end")
        assert "2564 or 2565" in str(screen.query_one("#context-message").render())


@pytest.mark.slow
async def test_the_palette_changes_the_context_from_any_screen(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("r")  # the review screen: the palette's own command
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Keyer, round and area")
        hits = app.screen.query_one(CommandList)
        for _ in range(500):  # the palette searches in a task of its own
            if hits.option_count:
                break
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = dialog(app)
        assert screen.field("keyer").value == ENUMERATOR  # the name given before
        # a new round moves the period, which was the old round's whole year, to its year
        await key_context(pilot, ENUMERATOR, "2564")
        assert screen.field("start").value == "01/01/2564"
        await key_context(pilot)  # nothing more typed: Enter on the start and the end
        await pilot.press("enter", "enter")
        await type_text(pilot, "kong th")
        await pilot.press("enter")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        kept = WorkContext(ENUMERATOR, 2564, dt.date(2021, 1, 1), dt.date(2021, 12, 31), "16010403")
        assert app.store.work_context() == kept
        assert isinstance(app.screen, ReviewScreen)


async def test_w_on_home_shows_the_context_kept_and_home_names_it(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        app.store.set_work_context(WorkContext(KEYER, 2565, *SPRING, "160104"))
        app.home.show_context()
        title = str(app.home.query_one("#home-title").render())
        assert KEYER in title and "2565" in title and "โก่งธนู" in title
        await pilot.press("w")
        await pilot.pause()
        screen = dialog(app)
        assert screen.field("keyer").value == KEYER
        assert screen.field("start").value == "01/01/2565"
        assert screen.field("tambon").value.startswith("ต.โก่งธนู")
        await pilot.press("f2")  # English: the texts change, the answers stay
        assert str(screen.query_one("#context-label-tambon").render()).startswith("Tambon")
        assert screen.field("tambon").value.startswith("Kong Thanu")
        await pilot.press("escape")
        assert app.store.work_context() == WorkContext(KEYER, 2565, *SPRING, "160104")


async def test_a_new_household_is_prefilled_with_today_inside_the_period(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        period = (dt.date(2022, 1, 1), dt.date(2022, 6, 30))  # TODAY is inside it
        app.store.set_work_context(WorkContext(KEYER, 2565, *period, "16010403"))
        await pilot.press("n")
        await pilot.pause()
        assert values(app, "survey_round", "survey_date") == [2565, TODAY]
        assert values(app, *AREA) == ["16", "1601", "160104", "16010403"]


async def test_ages_are_judged_on_the_period_date_from_the_start(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        app.store.set_work_context(WorkContext(KEYER, 2565, *SPRING, "16010402"))
        await pilot.press("n")
        await pilot.pause()
        session = entry(app).session
        index = session.add_instance(("members",))
        assert session.enter(("members", index, "birth_date"), "10/03/2560", confirm=True).ok
        assert session.value(("members", index, "age")) == 4  # on 1/1/2565; 5 by TODAY


async def test_a_date_that_contradicts_the_round_is_flagged_at_the_date(tmp_path: Path) -> None:
    """No survey period kept: the date is today's (2565) while the round is 2564. The
    household opens at the survey date, saying what is wrong; a date typed there that
    contradicts the round is refused (the sample's form asks to confirm it)."""
    async with running(tmp_path) as (app, pilot):
        app.store.set_work_context(WorkContext(KEYER, 2564))
        said: list[str] = []
        app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
        await pilot.press("n")
        await pilot.pause()
        path, _ = current(app)
        assert path == ("survey_date",)
        assert said and said[-1].startswith("วันที่สำรวจ: ") and "2564" in said[-1]
        await answer(pilot, "01/03/2565", confirm=False)
        assert current(app)[0] == ("survey_date",)  # held there, with the reason
        assert "2564" in message(app)
        await answer(pilot, "01/03/2564")  # a date of the round: taken, the keyer moves on
        assert values(app, "survey_date") == [dt.date(2021, 3, 1)]


@pytest.mark.slow
async def test_every_change_carries_the_keyer_to_history_and_review(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        app.store.set_work_context(WorkContext(KEYER, 2565, *SPRING, "16010402"))
        await pilot.press("n")
        await pilot.pause()
        record = entry(app).record
        for _ in range(5):  # the carried enumerator's name, then the house number
            if current(app)[0] == ("has_house_no",):
                break
            await pilot.press("enter")
        await answer(pilot, "1")
        await answer(pilot, "4321")
        keyers = {change.enumerator for change in app.store.history(record.uuid)}
        assert keyers == {KEYER}
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.uuids[0] == record.uuid
        row = review.query_one("#records").get_row_at(0)
        assert str(row[5]) == KEYER and BE_TIME.fullmatch(str(row[4]))


# -- Home ------------------------------------------------------------------------------------


async def test_the_drafts_list_shows_drafts_only_with_buddhist_era_dates(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, _):
        home = app.home
        drafts = app.store.list_records("bmn", status="draft")
        assert home.rows and set(home.rows) == {r.uuid for r in drafts}
        table = home.query_one("#records")
        for index in range(table.row_count):
            row = [str(cell) for cell in table.get_row_at(index)]
            assert row[3] == "ร่าง" and BE_TIME.fullmatch(row[4]), row
            assert "2022" not in row[4]


def test_times_are_local_with_the_buddhist_year_and_the_month_by_name() -> None:
    bangkok = dt.timezone(dt.timedelta(hours=7))
    assert when("2022-08-01T00:00:00.000Z", "th", bangkok) == "1 ส.ค. 2565 07:00"
    assert when("2022-08-01T00:00:00.000Z", "en", bangkok) == "1 Aug 2565 07:00"
    assert when("2022-12-31T20:30:00.000Z", "th", bangkok) == "1 ม.ค. 2566 03:30"
    assert when(None, "th") == ""


async def test_enter_in_the_search_opens_its_only_hit(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        store = app.store
        wanted = next(
            r
            for r in store.list_records("bmn", limit=300)
            if r.name and len(store.search(r.name, "bmn")) == 1
        )
        await pilot.press("slash")
        app.home.query_one("#search").value = wanted.name
        await pilot.press("enter")
        for _ in range(100):  # the search is read in a worker: it opens when it arrives
            await settle(pilot)
            if not isinstance(app.screen, HomeScreen):
                break
        assert entry(app).record.uuid == wanted.uuid


async def test_enter_in_a_search_of_several_hits_goes_to_the_list(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        await pilot.press("slash")
        app.home.query_one("#search").value = "บุญ"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(app.home.rows) > 1
        assert app.focused is app.home.query_one("#records")
        assert str(app.home.query_one("#records-title").render()) == "ผลการค้นหา"
