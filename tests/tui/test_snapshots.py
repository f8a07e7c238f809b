"""SVG snapshots of the main screens at 80x24 (pytest-textual-snapshot).

Each app runs on its own copy of the sample with today fixed to 15 June 2022. Nothing created
"now" is shown: Home and Review list sample records, whose times are fixed in the sample; the
entry and finish pages of a new record show no times. Update with `--snapshot-update` and
read the .svg files under __snapshots__/ before committing them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from drive import ENUMERATOR, SIZE, new_app, settle


@pytest.fixture(autouse=True)
def bangkok_time() -> Iterator[None]:
    """Times are shown in local time: the snapshots are taken in Thailand's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Bangkok"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


async def redraw_tables(pilot) -> None:
    """Draw the screen's tables afresh, so a snapshot does not depend on timing.

    Textual 8.2.8's DataTable caches each cell's rendering without its width, and widens
    auto-width columns only when the table is next idle. A table refilled while on screen
    (Home's, once the form has loaded in its worker) may be drawn in between and then keep
    cells cut to the header's width, or not, depending on timing. A resize starts new caches.
    """
    width, height = SIZE
    await pilot.resize_terminal(width + 1, height)
    await pilot.pause()
    await pilot.resize_terminal(width, height)
    await pilot.pause()


def test_home(snap_compare, tmp_path) -> None:
    """Home: the villages of the sample with their counts, and the drafts to finish."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await redraw_tables(pilot)

    assert snap_compare(new_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_entry_on_a_field_with_choices(snap_compare, tmp_path) -> None:
    """A new record, one stop back from where it opens: the village, carried from the last
    record, with the villages of its tambon listed."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.store.set_enumerator(ENUMERATOR)  # not the first use: no question first
        await pilot.press("n")
        await pilot.press("shift+tab")
        assert pilot.app.screen.path == ("village_code",)

    assert snap_compare(new_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_finish_page(snap_compare, tmp_path) -> None:
    """F10 on a new record: the answers still missing, and Ctrl+S not offered."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.store.set_enumerator(ENUMERATOR)  # not the first use: no question first
        await pilot.press("n", "f10")

    assert snap_compare(new_app(tmp_path), terminal_size=SIZE, run_before=run_before)


@pytest.mark.slow
def test_review(snap_compare, tmp_path) -> None:
    """Review: the sample's records, most recently changed first."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("r")
        await redraw_tables(pilot)

    assert snap_compare(new_app(tmp_path), terminal_size=SIZE, run_before=run_before)
