"""Verify mode: `k` on Review re-keys a record blind, F10 compares, Enter settles a mismatch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drive import running
from textual.widgets import DataTable

from tui_cia.survey import FormSession
from tui_cia.survey.schema import Field, Repeat
from tui_cia.tui.screens.modals import ConfirmScreen, PickScreen
from tui_cia.tui.screens.review import ReviewScreen
from tui_cia.tui.screens.verify import RekeyScreen, VerifyScreen

CHANGED = "ทดสอบ ระบบ"


def key_like(source: FormSession, target: FormSession) -> None:
    """The second keying: every answer of `source` set on `target` (Thai set directly)."""
    for path, item, _ in source.walk(relevant_only=False):
        if isinstance(item, Repeat):
            for _ in range(source.instance_count(path) - target.instance_count(path)):
                target.add_instance(path)
        elif (
            isinstance(item, Field)
            and item.editable
            and source.raw(path) is not None
            and target.raw(path) != source.raw(path)
        ):
            assert target.set_value(path, source.raw(path), confirm=True).ok, path


async def _rekey(app: Any, pilot: Any) -> tuple[str, RekeyScreen]:
    """Review, the first complete record highlighted, `k`: the blind re-key screen."""
    await pilot.press("r")
    await pilot.pause()
    review = app.screen
    assert isinstance(review, ReviewScreen)
    statuses = [app.store.open(u).status for u in review.uuids]
    row = statuses.index("complete")
    await pilot.press(*["down"] * row)
    assert review.selected() == review.uuids[row]
    await pilot.press("k")
    await pilot.pause()
    assert isinstance(app.screen, RekeyScreen)
    return review.uuids[row], app.screen


@pytest.mark.slow
async def test_a_blind_rekey_shows_the_mismatch_and_enter_takes_the_second(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        uuid, rekey = await _rekey(app, pilot)
        stored = app.store.open(uuid)
        first = stored.session.raw(("informant_name",))
        assert first and rekey.session.raw(("informant_name",)) is None  # blind
        date = ("survey_date",)
        assert rekey.path == date and rekey.session.raw(date) is None  # no default either
        rekey.session.set_value(date, stored.session.raw(date), confirm=True)
        rekey.show(("has_house_no",))
        await pilot.press("1")  # a quick code: typed, it moves on
        await pilot.pause()
        assert rekey.session.raw(("has_house_no",)) == "1" and rekey.path == ("house_no",)
        key_like(stored.session, rekey.session)
        rekey.session.set_value(("informant_name",), CHANGED, confirm=True)
        rekey.show(rekey.path)  # the stop on screen shows the answers set directly
        await pilot.press("f10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VerifyScreen)
        table = screen.query_one("#mismatches", DataTable)
        assert table.row_count == 1, screen.comparison.mismatches
        _label, one, two = table.get_row_at(0)
        assert (one, two) == (first, CHANGED)
        count = str(screen.query_one("#verify-count").render())
        assert f"{screen.comparison.fields} fields compared, 1 differ" in count
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.is_current  # the pick closed
        assert table.row_count == 0 and screen.verified
        record = app.store.open(uuid)
        assert record.session.raw(("informant_name",)) == CHANGED
        assert record.status == "verified"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


@pytest.mark.slow
async def test_taking_the_first_keeps_the_stored_answer_and_escape_drops_a_rekey(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        uuid, rekey = await _rekey(app, pilot)
        position = str(rekey.query_one("#position").render())
        stored = app.store.open(uuid).session
        stored.lang = "en"
        assert f"blind re-key of {stored.instance_name()}" in position
        await pilot.press("escape")  # leaving a re-key asks, then writes nothing
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keying on
        await pilot.pause()
        assert app.screen is rekey
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.store.open(uuid).status == "complete"
        await pilot.press("k")
        await pilot.pause()
        rekey = app.screen
        assert isinstance(rekey, RekeyScreen)
        stored = app.store.open(uuid)
        first = stored.session.raw(("informant_name",))
        key_like(stored.session, rekey.session)
        rekey.session.set_value(("informant_name",), CHANGED, confirm=True)
        rekey.show(rekey.path)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, VerifyScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the first keying
        await pilot.pause()
        record = app.store.open(uuid)
        assert record.session.raw(("informant_name",)) == first
        assert record.status == "verified"


@pytest.mark.slow
async def test_a_roster_count_is_settled_first_and_a_third_value_can_be_typed(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        uuid, rekey = await _rekey(app, pilot)
        stored = app.store.open(uuid)
        roster = ("members",)
        n = stored.session.instance_count(roster)
        assert n >= 2
        key_like(stored.session, rekey.session)
        rekey.session.remove_instance(roster, n - 1)  # the second keyer missed a member
        rekey.session.set_value(("informant_name",), CHANGED, confirm=True)
        rekey.show(rekey.path)
        await pilot.press("f10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VerifyScreen)
        paths = [m.path for m in screen.open]  # paths count members from 1
        assert "members" in paths and any(p.startswith(f"members[{n}].") for p in paths)
        table = screen.query_one("#mismatches", DataTable)

        inside = next(i for i, p in enumerate(paths) if p.startswith(f"members[{n}]."))
        table.move_cursor(row=inside)
        await pilot.press("enter")  # inside the roster: its count comes first
        await pilot.pause()
        assert screen.is_current and table.cursor_row == paths.index("members")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("down", "enter")  # the second keying: one member fewer
        await pilot.pause()
        assert [m.path for m in screen.open] == ["informant_name"]  # the member's fields went
        assert app.store.open(uuid).session.instance_count(roster) == n - 1

        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # type another value
        await pilot.pause()
        field = app.screen.query_one("Input")
        field.value = "สมหญิง ทดสอบ"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.is_current and screen.open == []
        record = app.store.open(uuid)
        assert record.session.raw(("informant_name",)) == "สมหญิง ทดสอบ"
        assert record.status == "verified" and screen.verified


@pytest.mark.slow
async def test_blank_answers_are_asked_about_and_the_list_reads_in_the_language_shown(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        uuid, rekey = await _rekey(app, pilot)
        stored = app.store.open(uuid)
        key_like(stored.session, rekey.session)
        rekey.session.set_value(("informant_name",), None)  # left blank
        members = stored.session.instance_count(("members",))
        path = ("members", members - 1, "first_name")
        assert rekey.session.set_value(path, "ทดสอบ", confirm=True).ok
        rekey.show(rekey.path)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 answers were left blank" in str(app.screen.query_one(".title").render())
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VerifyScreen)
        stored.session.lang = "en"
        name = stored.session.instance_name()
        assert name and name in str(screen.query_one("#verify-title").render())
        table = screen.query_one("#mismatches", DataTable)
        labels = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert f"Member {members}: {stored.session.label(path)}" in labels
        assert not any("${" in label for label in labels)
        await pilot.press("escape")  # mismatches are left: asked
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.store.open(uuid).status == "complete"
