"""Entry without traps (issue 23, item 3): Enter accepts a multiple choice, the number shown
picks the choice, area lists find by name and village number, F10's list goes to a problem,
a killed app reopens a draft where it was, a verified record says so, an untouched new
household leaves nothing, and the footer shows the keys that work."""

from __future__ import annotations

import pytest
from drive import ROSTER, answer, answer_box, entry, key_record, new_record, running, type_text
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from tui_cia.storage import RecordNotFound, Store
from tui_cia.storage.drafts import saved_position
from tui_cia.tui.screens.entry import EntryScreen
from tui_cia.tui.screens.finish import FinishScreen
from tui_cia.tui.screens.home import HomeScreen
from tui_cia.tui.widgets.choice_list import Numbering, number_choices
from tui_cia.tui.widgets.question import QuestionView

IDENTIFICATION = {
    "has_house_no": "1",
    "house_no": "45/2",
    "house_code": "!dont_know",
    "head_name": "สมชาย ใจดี",
    "informant_name": "สมชาย ใจดี",
}


def prompts(app) -> list[str]:
    choices = entry(app).query_one("#choices", OptionList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


async def go_to(pilot, path) -> EntryScreen:
    screen = entry(pilot.app)
    screen.show(path)
    await pilot.pause()
    return screen


# -- numbers before choices -----------------------------------------------------------------


def test_numbers_are_the_codes_when_every_code_is_a_short_number() -> None:
    numbered = number_choices([("01", "ไม่มีอาชีพ"), ("02", "นักเรียน"), ("03", "เกษตรกรรม")])
    assert [n.number for n in numbered] == ["1", "2", "3"]
    numbering = Numbering(numbered)
    assert numbering.code("3") == "03" and numbering.code("03") == "03"
    assert numbering.one_digit and numbering.complete("3")


def test_a_label_that_starts_with_its_number_is_not_numbered_twice() -> None:
    schemes = [("private", "1. ประกันสุขภาพเอกชน"), ("nhso", "4. สิทธิ สปสช.")]
    numbered = number_choices(schemes)
    assert [(n.number, n.text) for n in numbered] == [
        ("1", "ประกันสุขภาพเอกชน"),
        ("4", "สิทธิ สปสช."),
    ]
    assert Numbering(numbered).code("4") == "nhso"
    # Labels numbered "(1)" to "(9)" and one more without: 1..10, the "(n)" not repeated.
    credit = number_choices([("coop", "(1) สหกรณ์"), ("none", "ไม่ได้ขอกู้เงิน")])
    assert [(n.number, n.text) for n in credit] == [("1", "สหกรณ์"), ("2", "ไม่ได้ขอกู้เงิน")]
    # Sub-item numbers such as 11.5.1 are part of the label, not the number typed.
    waste = number_choices([("equipment", "11.5.1 มีอุปกรณ์"), ("none", "ไม่มี")])
    assert [(n.number, n.text) for n in waste] == [("1", "11.5.1 มีอุปกรณ์"), ("2", "ไม่มี")]


def test_villages_are_picked_by_their_village_number() -> None:
    villages = [("16010401", "หมู่ 1 บ้านโก่งธนู"), ("16010403", "หมู่ 3 บ้านโคกสูง")]
    numbering = Numbering(number_choices(villages))
    assert numbering.code("3") == "16010403"  # หมู่ 3, though it is the second in the list
    assert numbering.code("2") is None
    assert numbering.items[1].prompt(1) == "หมู่ 3 บ้านโคกสูง"  # its number shown once


@pytest.mark.slow
async def test_typing_the_number_shown_picks_the_choice_and_stores_its_code(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await go_to(pilot, ("local_government",))
        assert prompts(app)[0].startswith("1  องค์การบริหารส่วนตำบล")
        await pilot.press("ctrl+u")
        await type_text(pilot, "2")  # one digit of a list of one-digit numbers: done
        assert screen.path != ("local_government",)
        assert app.store.data(uuid)["local_government"] == "tambon_municipality"
        await key_record(pilot, IDENTIFICATION, [{"relation": "1", "prefix": "1"}], until="sex")
        scheme = (*ROSTER, 0, "health_scheme")
        await go_to(pilot, scheme)
        shown = prompts(app)
        assert shown[3].startswith("[ ] 4  สิทธิสำนักงานหลักประกันสุขภาพแห่งชาติ")
        assert not any("4. " in p for p in shown)  # the label's own number is not repeated
        await answer(pilot, "4 2")  # numbers apart by a space tick those choices
        assert app.store.data(uuid)["members"][0]["health_scheme"] == ["nhso", "civil_servant"]
        await pilot.press("shift+tab")
        assert answer_box(app).value == "4 2"  # shown again as typed


async def test_enter_on_a_multiple_choice_list_accepts_what_space_ticked(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await go_to(pilot, ("i11_5_waste",))
        await pilot.press("down")
        assert app.focused is screen.query_one("#choices")
        await pilot.press("space", "down", "down", "space")
        assert answer_box(app).value == "1 3"
        assert prompts(app)[0].startswith("[x] 1")
        await pilot.press("enter")  # accepts the ticked set and moves on; never a toggle
        assert screen.path != ("i11_5_waste",)
        assert app.store.data(uuid)["i11_5_waste"] == ["equipment", "dry_disposal"]


# -- area lists -------------------------------------------------------------------------------


@pytest.mark.slow
async def test_an_area_list_finds_by_thai_name_and_by_village_number(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await go_to(pilot, ("village_code",))
        await pilot.press("ctrl+u")
        await type_text(pilot, "2")  # หมู่ 2
        await pilot.press("enter")
        assert app.store.data(uuid)["village_code"] == "16010402"
        await pilot.press("shift+tab")
        await pilot.press("ctrl+u")
        await type_text(pilot, "โคก")  # by name: หมู่ 3 บ้านโคกสูง
        choices = screen.query_one("#choices", OptionList)
        assert "โคกสูง" in prompts(app)[choices.highlighted or 0]
        await pilot.press("enter")
        assert app.store.data(uuid)["village_code"] == "16010403"
        await go_to(pilot, ("tambon",))
        await pilot.press("ctrl+u")
        await type_text(pilot, "โก่ง")
        await pilot.press("enter")
        assert app.store.data(uuid)["tambon"] == "160104"


# -- F10 ------------------------------------------------------------------------------------


async def test_enter_on_a_problem_of_f10_goes_to_it_and_the_dialog_fits(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        await pilot.press("f10")
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        lines = finish.query_one("#finish-lines", OptionList)
        assert app.focused is lines and lines.highlighted == 0
        keys = finish.query_one("#finish-keys")
        width, height = app.size
        assert keys.region.bottom <= height and keys.region.right <= width  # in view
        assert "Enter" in str(keys.render()) and "Esc" in str(keys.render())
        await pilot.press("down", "enter")
        assert app.screen is screen
        assert screen.path == finish.targets[1]


# -- a crash, a verified record, an untouched household ---------------------------------------


async def test_a_killed_app_reopens_the_draft_at_the_question_it_was_on(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await answer(pilot, "1")
        await answer(pilot, "45/2")
        assert screen.path == ("house_code",)
        # Another connection, as the app started again after being killed (no Esc).
        other = Store(app.store.path)
        assert saved_position(other, uuid) == "house_code"
        app.push_screen(EntryScreen(other.open(uuid)))
        await pilot.pause()
        assert entry(app).path == ("house_code",)
        other.close()


async def test_a_verified_record_opened_to_edit_says_so(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        (row,) = app.store.list_records("bmn", status="verified", limit=1)
        app.push_screen(EntryScreen(app.store.open(row.uuid), edit=True))
        await pilot.pause()
        notice = entry(app).query_one("#notice")
        assert notice.display and notice.region.y <= 1  # at the top
        assert "รับรองแล้ว" in str(notice.render()) and "เหตุผล" in str(notice.render())


@pytest.mark.slow
async def test_n_then_esc_keeps_no_empty_draft(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        drafts = {r.uuid for r in app.store.list_records("bmn", status="draft")}
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert {r.uuid for r in app.store.list_records("bmn", status="draft")} == drafts
        with pytest.raises(RecordNotFound):  # no history left behind either
            app.store.history(uuid)
        # A household with one answer typed is a draft to keep.
        screen = await new_record(pilot)
        kept = screen.record.uuid
        await answer(pilot, "2")
        await pilot.press("escape")
        assert kept in {r.uuid for r in app.store.list_records("bmn", status="draft")}


# -- the footer -------------------------------------------------------------------------------


def footer(app) -> dict[str, FooterKey]:
    return {key.description: key for key in app.screen.query(FooterKey)}


@pytest.mark.slow
async def test_the_footer_shows_esc_and_the_roster_keys_where_they_work(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        shown = footer(app)
        assert "ออก" in shown and "เพิ่มคน" not in shown and "ลบคน" not in shown
        await key_record(pilot, IDENTIFICATION, [{"relation": "1"}], until="prefix")
        await pilot.pause()
        shown = footer(app)
        width = app.size[0]
        for name in ("ออก", "เพิ่มคน", "แทรกคน", "ลบคน", "ตรวจ/เสร็จ"):
            assert name in shown and shown[name].region.right <= width, name
        assert screen.query_one(QuestionView).display
