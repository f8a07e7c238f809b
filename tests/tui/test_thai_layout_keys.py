"""Letter keys answer in the Thai keyboard layout too: พ is r's key (Review), ฝ is /'s
(search); in a text box the same characters are typed, not taken as keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from drive import running, type_text

from tui_cia.tui.keys import KEDMANEE, with_thai
from tui_cia.tui.screens.review import ReviewScreen


def test_each_plain_key_gets_its_thai_layout_twin() -> None:
    assert with_thai("r") == "r,พ" and with_thai("slash") == "slash,ฝ"
    assert with_thai("f10") == "f10" and with_thai("ctrl+q") == "ctrl+q"
    assert with_thai("b") == "b,thai_character_sara_i"  # a vowel mark, by Textual's name
    assert len(set(KEDMANEE.values())) == len(KEDMANEE)


@pytest.mark.slow
async def test_thai_layout_keys_work_on_home_and_type_in_the_search(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        home = app.screen
        await pilot.press("พ")  # a consonant: Pilot passes it whole
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        await pilot.press("ฝ")  # / in the Thai layout: the search box
        await pilot.pause()
        search = home.query_one("#search")
        assert app.focused is search
        await type_text(pilot, "พร")  # typed as text there, not as Review
        assert app.screen is home and search.value == "พร"


async def test_a_question_is_answered_yes_in_the_thai_layout(tmp_path: Path) -> None:
    from tui_cia.tui.screens.modals import ConfirmScreen

    async with running(tmp_path) as (app, pilot):
        answers: list[bool | None] = []
        app.push_screen(ConfirmScreen("ลบ?"), answers.append)
        await pilot.pause()
        await pilot.press("thai_character_mai_han_akat")  # y's key in the Thai layout
        await pilot.pause()
        assert answers == [True]
