"""The entry screen's behaviour: resuming drafts, refused answers, warnings, edits with a
reason, deleting members, language, help and the command palette."""

from __future__ import annotations

import pytest
from drive import (
    ROSTER,
    answer,
    answer_box,
    entry,
    key_record,
    message,
    new_record,
    pass_stop,
    running,
    text_of,
    type_text,
)
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, OptionList
from textual.widgets._footer import FooterKey

from tui_cia.tui.screens.entry import EntryScreen
from tui_cia.tui.screens.finish import FinishScreen
from tui_cia.tui.screens.home import HomeScreen
from tui_cia.tui.screens.modals import ConfirmScreen, HelpScreen, PickScreen, ReasonScreen
from tui_cia.tui.screens.review import ReviewScreen

# The identification answers of a new record in the sample (area and round are carried).
IDENTIFICATION = {
    "has_house_no": "1",
    "house_no": "45/2",
    "house_code": "16010045021",
    "head_name": "สมชาย ใจดี",
    "informant_name": "สมชาย ใจดี",
}
HEAD = {
    "relation": "1",
    "prefix": "1",
    "first_name": "สมชาย",
    "last_name": "ใจดี",
    "sex": "1",
    "national_id": "1101700230708",
    "birth_date": "02/04/2509",
}
BABY = {  # a girl of 5 months, the only member: asked her birth weight
    "relation": "1",
    "prefix": "5",
    "first_name": "ชูใจ",
    "last_name": "ใจดี",
    "sex": "2",
    "national_id": "!dont_know",
    "birth_date": "01/01/2565",
    "health_status": "1",
}


def footer_texts(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


# -- (a) a draft left with Esc opens where it stopped ---------------------------------------


@pytest.mark.slow
async def test_a_draft_left_with_esc_resumes_where_it_stopped(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await answer(pilot, "1")
        await answer(pilot, "45/2")
        assert screen.path == ("house_code",)
        await pilot.press("escape")
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert app.store.data(uuid)["house_no"] == "45/2"  # every answer is already saved
        # The new draft heads the records table; `d` focuses it and Enter opens it.
        await pilot.press("d")
        table = home.query_one("#records", DataTable)
        assert app.focused is table
        assert home.rows[table.cursor_row] == uuid
        await pilot.press("enter")
        resumed = entry(app)
        assert resumed is not screen and resumed.record.uuid == uuid
        assert resumed.path == ("house_code",)
        assert not resumed.edit and resumed.record.status == "draft"


@pytest.mark.slow
async def test_a_draft_opened_by_the_app_resumes_inside_the_roster(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        await new_record(pilot)
        await key_record(pilot, IDENTIFICATION, [HEAD], until="first_name")
        screen = entry(app)
        uuid = screen.record.uuid
        assert screen.path == (*ROSTER, 0, "first_name")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        app.push_screen(EntryScreen(app.store.open(uuid)))
        await pilot.pause()
        assert entry(app).path == (*ROSTER, 0, "first_name")
        assert entry(app).session.display((*ROSTER, 0, "relation")) == "1"


# -- (b) a refused answer: message, no move, nothing saved ---------------------------------


async def test_a_village_number_not_in_the_list_is_refused_and_not_saved(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await pilot.press("shift+tab")
        assert screen.path == ("village_code",)
        # Carried from the last record, shown as it is typed: หมู่ 9.
        assert answer_box(app).value == "9"
        revisions = len(app.store.history(uuid))
        warned = await answer(pilot, "99", confirm=False)
        assert not warned
        assert screen.path == ("village_code",)
        assert "99" in message(app)  # the reason is shown
        assert "error" in screen.query_one("#message").classes
        assert answer_box(app).value == "99"  # kept for correcting
        assert app.store.data(uuid)["village_code"] == "16010409"
        assert len(app.store.history(uuid)) == revisions


@pytest.mark.slow
async def test_a_birth_weight_of_100_grams_is_refused(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await key_record(pilot, IDENTIFICATION, [BABY], until="i01_birth_weight")
        weight = (*ROSTER, 0, "i01_birth_weight")
        assert screen.path == weight
        revisions = len(app.store.history(uuid))
        await answer(pilot, "100", confirm=False)
        assert screen.path == weight
        assert "500" in message(app)  # the lowest weight accepted
        assert screen.session.raw(weight) is None
        assert "i01_birth_weight" not in app.store.data(uuid)["members"][0]
        assert len(app.store.history(uuid)) == revisions
        await answer(pilot, "3000")  # a weight in range is taken and moves on
        assert app.store.data(uuid)["members"][0]["i01_birth_weight"] == 3000


# -- (c) a warning confirmed by the same answer again ----------------------------------------


@pytest.mark.slow
async def test_a_warning_is_confirmed_by_a_second_enter_and_recorded(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await pilot.press("pageup")  # the first field of the section: the survey round
        await pass_stop(pilot)
        assert screen.path == ("survey_date",)
        # A date outside the round's year warns; the answer is not saved yet.
        assert await answer(pilot, "28/12/2564", confirm=False)
        assert screen.path == ("survey_date",)
        assert "2565" in message(app) and "Enter" in message(app)  # the round, how to confirm
        assert "warning" in screen.query_one("#message").classes
        assert app.store.data(uuid)["survey_date"] == "2022-06-15"
        # Another date is checked afresh: warned again, still not saved.
        assert await answer(pilot, "27/12/2564", confirm=False)
        assert screen.path == ("survey_date",)
        assert app.store.data(uuid)["survey_date"] == "2022-06-15"
        # The same answer submitted again confirms it.
        await pilot.press("enter")
        assert screen.path == ("enumerator_name",)
        assert app.store.data(uuid)["survey_date"] == "2021-12-27"
        assert "survey_date" in app.store.open(uuid).session.confirmed
        # A date in the round's year needs no confirmation, and drops the confirmation.
        await pilot.press("shift+tab")
        assert not await answer(pilot, "15/06/2565")
        assert "survey_date" not in app.store.open(uuid).session.confirmed


# -- (d) editing a complete record asks for a reason -----------------------------------------


@pytest.mark.slow
async def test_editing_a_complete_record_from_review_asks_a_reason(tmp_path) -> None:
    note = "แก้ไขตามที่ผู้ใหญ่บ้านแจ้ง"
    reason = "ผู้ใหญ่บ้าน แจ้งเพิ่ม"
    async with running(tmp_path) as (app, pilot):
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert app.focused is review.query_one("#records", DataTable)
        uuid = review.selected()  # the first row: most recently changed
        assert uuid is not None
        assert app.store.open(uuid).status == "complete"
        before = len(app.store.history(uuid))
        await pilot.press("e")
        screen = entry(app)
        assert screen.edit and screen.record.uuid == uuid
        assert screen.path == ("soi",)  # the first unanswered field: the optional soi
        await type_text(pilot, note)
        await pilot.press("enter")
        assert isinstance(app.screen, ReasonScreen)
        assert len(app.store.history(uuid)) == before  # nothing saved without a reason
        await type_text(pilot, reason)
        await pilot.press("enter")
        assert app.screen is screen
        assert screen.path == ("road",)  # saved, and on to the next unanswered field
        changes = app.store.history(uuid)[before:]
        assert [(c.op, c.label, c.new, c.reason) for c in changes] == [("set", "soi", note, reason)]
        assert app.store.open(uuid).status == "complete"  # still complete: nothing missing


async def test_cancelling_the_reason_saves_nothing(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        (first,) = app.store.list_records("bmn", status="complete", limit=1)
        uuid = first.uuid
        before = len(app.store.history(uuid))
        screen = EntryScreen(app.store.open(uuid), edit=True)
        app.push_screen(screen)
        await pilot.pause()
        await type_text(pilot, "x")
        await pilot.press("enter")
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press("escape")
        assert app.screen is screen and screen.path == ("soi",)
        assert len(app.store.history(uuid)) == before


# -- (e) deleting a member --------------------------------------------------------------------


@pytest.mark.slow
async def test_ctrl_d_and_y_at_the_roster_delete_a_member(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await key_record(pilot, IDENTIFICATION, until=ROSTER[0])
        await pass_stop(pilot, "tab")
        await answer(pilot, "1")
        await answer(pilot, "1")
        await answer(pilot, "สมชาย")
        await pilot.press("f3")
        await answer(pilot, "2")
        await answer(pilot, "2")
        await answer(pilot, "สมศรี")
        assert screen.session.instance_count(ROSTER) == 2
        second_id = app.store.data(uuid)["members"][1]["_id"]
        # F5 lists every stop; pick the roster.
        await pilot.press("f5")
        pick = app.screen
        assert isinstance(pick, PickScreen)
        options = pick.query_one(OptionList)
        await pilot.press(*["down"] * (pick.values.index(ROSTER) - (options.highlighted or 0)))
        assert pick.values[options.highlighted] == ROSTER
        await pilot.press("enter")
        assert screen.path == ROSTER
        roster = screen.query_one("#roster", DataTable)
        assert app.focused is roster and roster.row_count == 2
        await pilot.press("down", "ctrl+d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "สมศรี" in text_of(app, ".title")  # names the member to delete
        await pilot.press("n")  # N keeps her
        assert app.screen is screen and screen.session.instance_count(ROSTER) == 2
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.screen is screen and screen.path == ROSTER
        assert roster.row_count == 1
        members = app.store.data(uuid)["members"]
        assert [m.get("first_name") for m in members] == ["สมชาย"]
        last = app.store.history(uuid)[-1]
        assert (last.op, last.label, last.path) == ("remove", "members[2]", f"members#{second_id}")
        assert last.old["data"]["first_name"] == "สมศรี"


@pytest.mark.slow
async def test_ctrl_d_inside_a_member_field_asks_to_delete_that_member(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        await key_record(pilot, IDENTIFICATION, until=ROSTER[0])
        await pass_stop(pilot, "tab")
        assert screen.path == (*ROSTER, 0, "relation")
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, ConfirmScreen)


# -- moving back ------------------------------------------------------------------------------


async def test_shift_tab_goes_back_to_an_answered_quick_select(tmp_path) -> None:
    async with running(tmp_path) as (_app, pilot):
        screen = await new_record(pilot)
        await answer(pilot, "1")
        assert screen.path == ("house_no",)
        await pilot.press("shift+tab")
        assert screen.path == ("has_house_no",)


async def test_shift_tab_goes_back_to_a_text_field(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        await key_record(pilot, IDENTIFICATION, until="house_code")
        await pilot.press("shift+tab")
        assert screen.path == ("house_no",)
        assert answer_box(app).value == "45/2"


# -- (f) F2: English ---------------------------------------------------------------------------


async def test_f2_switches_the_footer_and_labels_to_english_and_back(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        assert "ตรวจ/เสร็จ" in footer_texts(app)
        assert text_of(app, "#field-label") == "บ้านเลขที่"
        assert text_of(app, "#position").startswith("ข้อ 8 จาก ")
        assert text_of(app, "#position").endswith("[ร่าง]")  # the status
        await pilot.press("f2")
        assert app.lang == "en" and screen.session.lang == "en"
        assert {"Finish", "Leave", "Help"} <= set(footer_texts(app))
        assert "ตรวจ/เสร็จ" not in footer_texts(app)
        assert text_of(app, "#field-label") == "House number"
        assert text_of(app, "#position").startswith("Question 8 of ")
        options = screen.query_one("#choices", OptionList)
        assert "Has a house number" in str(options.get_option_at_index(0).prompt)
        await pilot.press("f2")
        assert app.lang == "th"
        assert "ตรวจ/เสร็จ" in footer_texts(app)
        assert text_of(app, "#field-label") == "บ้านเลขที่"


async def test_the_position_line_shows_the_status_in_english(tmp_path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        await new_record(pilot)
        assert text_of(app, "#position").endswith("[draft]")


# -- (g) F1: help -------------------------------------------------------------------------------


async def test_f1_opens_the_help_of_the_entry_screen_and_esc_closes_it(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen) and help_screen.screen_id == "entry"
        keys = text_of(app, "#help-keys")
        assert "f10" in keys and "ตรวจ/เสร็จ" in keys and "ctrl+d" in keys
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.path == ("has_house_no",)  # Esc closed the help, not the record


# -- (h) the command palette ----------------------------------------------------------------


@pytest.mark.slow
async def test_the_palette_lists_finds_and_runs_finish(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert {"ตรวจ/เสร็จ (f10)", "เพิ่มคน (f3)", "ลบคน (ctrl+d)", "ภาษา (f2)"} <= set(titles)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "f10")
        await pilot.pause()
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(p.startswith("ตรวจ/เสร็จ (f10)") for p in prompts)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert app.screen_stack[-2] is screen
