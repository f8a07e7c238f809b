"""Driving the tui-cia app with Pilot: start it on a copied sample, type, answer the stop shown.

Every test starts the app on a scratch copy of the committed sample database (never the
committed file), at 80x24, with `today` fixed to 15 June 2022 (2565). Thai text is typed by
posting key events to the focused widget, because `pilot.press` drops Thai combining marks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formtools import copy_sample
from textual import events
from textual.pilot import Pilot

from tui_cia.survey import FieldPath
from tui_cia.survey.schema import Field, Repeat
from tui_cia.tui.app import TuiCiaApp
from tui_cia.tui.screens.entry import EntryScreen

SIZE = (80, 24)
TODAY = dt.date(2022, 6, 15)
ENUMERATOR = "นางสาวพัฒนา รักชุมชน"
SAMPLE_DEVICE = "sample1"  # the device id stored in the sample database
ROSTER: FieldPath = ("members",)
SPECIAL_KEYS = {"dont_know": "f6", "refused": "f7", "not_applicable": "f8"}


def new_app(tmp_path: Path, *, lang: str = "th") -> TuiCiaApp:
    """The app on a copy of the sample in `tmp_path` (not started)."""
    return TuiCiaApp(copy_sample(tmp_path), lang=lang, today=TODAY)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the first paint, the database opening (in workers: Home's tables, then the store),
    the form-parsing worker and what it triggers finish."""
    await pilot.pause()
    home = getattr(pilot.app, "home", None)
    for _ in range(1000):  # ten seconds at most, however busy the machine
        if home is None or home.opened or pilot.app.return_code is not None:
            break
        await pilot.pause(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def running(
    tmp_path: Path, *, lang: str = "th", enumerator: str | None = ENUMERATOR
) -> AsyncIterator[tuple[TuiCiaApp, Pilot[Any]]]:
    """Start the app on Home with the form loaded; `enumerator` names who is keying."""
    app = new_app(tmp_path, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if enumerator is not None:
            app.store.set_enumerator(enumerator)
        yield app, pilot


async def type_text(pilot: Pilot[Any], text: str, *, wait: bool = True) -> None:
    """Type `text` into the focused widget, one key event per code point (Thai marks too).

    Without `wait` the keys are only queued: a key pressed next (Enter) is still handled
    after them, because it reaches the same widget's queue later.
    """
    focused = pilot.app.focused
    assert focused is not None, "nothing has focus"
    for char in text:
        focused.post_message(events.Key(char, char))
    if wait:
        await pilot.pause()


# -- the entry screen ----------------------------------------------------------------------


def entry(app: Any) -> EntryScreen:
    screen = app.screen
    assert isinstance(screen, EntryScreen), f"not on the entry screen but on {screen!r}"
    return screen


def current(app: Any) -> tuple[FieldPath | None, Any]:
    """The stop shown and its item (Field or Repeat; None at the end of the form)."""
    screen = entry(app)
    if screen.path is None:
        return None, None
    return screen.path, screen.session.locate(screen.path)[0]


def text_of(app: Any, selector: str) -> str:
    """What a Label or Static of the screen shows, as plain text."""
    return str(app.screen.query_one(selector).render())


def message(app: Any) -> str:
    return text_of(app, "#message")


def answer_box(app: Any) -> Any:
    return entry(app).query_one("#answer")


async def new_record(pilot: Pilot[Any]) -> EntryScreen:
    """From Home: `n` opens a new record of the form."""
    await pilot.press("n")
    await pilot.pause()
    return entry(pilot.app)


def is_quick(item: Any) -> bool:
    return isinstance(item, Field) and item.type == "select_one" and "quick" in item.appearance


async def answer(pilot: Pilot[Any], text: str, *, confirm: bool = True) -> bool:
    """Answer the field shown with `text` as typed; True if a warning was shown (and, with
    `confirm`, confirmed by submitting the same answer again).

    `!name` is a special answer (F6/F7/F8). What is shown already is replaced. A full answer
    (a quick select's number, a date, a Thai id) moves on by itself: Enter is pressed only
    when it stays.
    With `confirm` the answer must be taken (the stop moves on).
    """
    app = pilot.app
    path, item = current(app)
    assert isinstance(item, Field) and item.editable, f"{path} is not an answerable field"
    if text.startswith("!"):
        await pilot.press(SPECIAL_KEYS[text[1:]])
    else:
        if answer_box(app).value:
            await pilot.press("ctrl+u")  # the cursor is at the end: delete all to its left
        await type_text(pilot, text)
        # A full answer (a quick select's number, a date, a Thai id) moves on by itself, or
        # stops at a warning to confirm: Enter only when it is still waiting.
        if entry(app).path == path and entry(app).pending is None:
            await pilot.press("enter")
    warned = entry(app).path == path and entry(app).pending is not None
    if warned and confirm:
        await pilot.press("enter")  # the same answer again confirms the warning
    if confirm:
        assert entry(app).path != path, f"{path} = {text!r} refused: {message(app)}"
    return warned


async def pass_stop(pilot: Pilot[Any], key: str = "enter") -> None:
    """Move on from a stop that needs no typing (a note, a calculated value, a kept answer)."""
    path = entry(pilot.app).path
    await pilot.press(key)
    assert entry(pilot.app).path != path, f"stuck at {path}: {message(pilot.app)}"


@dataclass(frozen=True)
class Keyed:
    """One answer typed by `key_record`."""

    path: FieldPath
    text: str
    warned: bool


def answer_for(
    path: FieldPath, household: Mapping[str, str], members: Sequence[Mapping[str, str]]
) -> str | None:
    """The answer of `path` from answers by field name (members by roster position)."""
    name = str(path[-1])
    if path[0] == ROSTER[0] and len(path) > 1:
        return members[int(path[1])].get(name)
    return household.get(name)


async def key_record(
    pilot: Pilot[Any],
    household: Mapping[str, str],
    members: Sequence[Mapping[str, str]] = (),
    *,
    until: str | None = None,
) -> list[Keyed]:
    """Key the record shown from its current stop to the end of the form (or to the first
    stop of the field named `until`), with keys only; returns what was typed.

    Every stop the screen shows is answered from the dicts, or passed with Enter when it has
    no answer there (notes, calculated values, answers already filled). At the roster stop
    Tab enters the first member; when the route leaves the roster with members still to
    key, F3 adds the next one.
    """
    app = pilot.app
    screen = entry(app)
    keyed: list[Keyed] = []
    for _ in range(1000):
        path, item = current(app)
        if path is None or (until is not None and path[-1] == until):
            return keyed
        count = screen.session.instance_count(ROSTER)
        if path[0] != ROSTER[0] and count < len(members) and _after_roster(screen, path):
            # Past the roster with members still to key: F3 adds the next one and opens it.
            await pilot.press("f3")
            assert entry(app).path == (*ROSTER, count, _first_member_field(screen))
            continue
        if isinstance(item, Repeat):
            # Tab at the roster stop opens the first member. (Enter should too, but the
            # focused roster table swallows it: see the xfail in test_entry_household.)
            await pass_stop(pilot, "tab")
            continue
        text = answer_for(path, household, members) if item.editable else None
        if text is None or text == screen.session.display(path):
            await pass_stop(pilot)
        else:
            keyed.append(Keyed(path, text, await answer(pilot, text)))
    raise AssertionError("the form never ended")


def _after_roster(screen: EntryScreen, path: FieldPath) -> bool:
    return screen.session.route.index(path) > screen.session.route.index(ROSTER)


def _first_member_field(screen: EntryScreen) -> str:
    first = next(s for s in screen.session.route.stops() if len(s) == 3)
    return str(first[-1])
