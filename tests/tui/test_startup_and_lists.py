"""The first screen loads light; forms switch on Home; multi-selects toggle with Space."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from drive import current, entry, new_record, running
from formtools import copy_sample

HEAVY = ("pandas", "numpy", "sqlite_utils", "plotext")

HOME_READY = f"""
import json, sys
from pathlib import Path
from tui_cia.tui.app import TuiCiaApp
HEAVY = {HEAVY!r}

def check(self):
    home = self.home
    if home is not None and home.opened and home.form is not None:
        self.exit(sorted(m for m in sys.modules if m.split(".")[0] in HEAVY))

TuiCiaApp.on_ready = lambda self: self.set_interval(0.02, lambda: check(self))
print(json.dumps(TuiCiaApp(Path(sys.argv[1])).run(headless=True)))
"""


def test_home_needs_no_pandas_or_sqlite_utils_even_once_fully_open(tmp_path: Path) -> None:
    """Home with the store open and the form parsed: still no pandas, numpy, sqlite-utils."""
    db = copy_sample(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", HOME_READY, str(db)], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


# The first frame of `tui-cia demo` and the first that shows the villages table, headless.
DEMO_FRAMES = """
import functools, json, sys
from tui_cia.cli import main
from tui_cia.tui.app import TuiCiaApp

LATER = ("click", "yaml", "sqlite_utils", "pandas", "tui_cia.storage", "tui_cia.survey.loader",
         "tui_cia.survey.schema", "tui_cia.survey.session")
display = TuiCiaApp._display
seen = {}

def watch(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is None or self._batch_count or self._exit:
        return
    if "first" not in seen:
        loaded = sorted(m for m in sys.modules if m.startswith(LATER))
        seen["first"] = {"store": self.store is not None, "loaded": loaded}
    tables = self.home.query("#areas") if self.home is not None else []
    if tables and tables.first().display and tables.first().row_count:
        seen["village"] = str(tables.first().get_row_at(0)[0])
        self.exit()

TuiCiaApp._display = watch
TuiCiaApp.run = functools.partialmethod(TuiCiaApp.run, headless=True)
sys.argv = ["tui-cia", "demo", "--lang", "en"]
main()
print(json.dumps(seen))
"""


def test_tui_cia_demo_shows_the_villages_before_the_store_opens(tmp_path: Path) -> None:
    """`tui-cia demo`: Home paints before click, YAML, the storage package and the form engine
    load; the villages table fills, with the villages' names, from the light first read; the
    scratch copy is gone when the app ends."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", DEMO_FRAMES], capture_output=True, text=True, check=True, env=env
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["first"] == {"store": False, "loaded": []}
    assert seen["village"].startswith("1601") and "Moo " in seen["village"]
    assert list(tmp_path.iterdir()) == []


async def test_home_fills_in_after_the_first_paint(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, _):
        home = app.screen
        assert home.opened and not any(w.display for w in home.query(".wait"))
        assert home.table("areas").row_count > 0 and home.table("records").row_count > 0
        assert app.focused is home.table("areas")
        assert home.form is not None and home.form.id == "bmn"


async def test_a_search_is_read_off_the_event_loop_and_only_the_latest_shown(
    tmp_path: Path,
) -> None:
    from drive import type_text

    async with running(tmp_path) as (app, pilot):
        home = app.screen
        await pilot.press("slash")
        await type_text(pilot, "สม", wait=False)  # two reads asked, one per key
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert home.asked >= 2
        found = app.store.search("สม", home.form_id)
        assert found and home.rows == [r.uuid for r in found]
        assert home.table("records").row_count == len(found)
        await pilot.press("backspace", "backspace")  # back to the drafts and recent records
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert home.rows and home.rows != [r.uuid for r in found]


async def test_home_switches_between_the_forms_of_the_database(tmp_path: Path) -> None:
    from tui_cia.survey import load_form

    async with running(tmp_path) as (app, pilot):
        app.store.add_form(load_form(Path(__file__).parents[2] / "forms" / "village.yaml"))
        home = app.screen
        assert home.form_id == "bmn"
        await pilot.press("f")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert home.form_id == "village" and home.form.id == "village"


async def test_space_toggles_codes_of_a_multiple_choice(tmp_path: Path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        target = next(
            p
            for p in screen.session.route.stops()
            if p == ("i12_pollution",) or p == ("i11_5_waste",)
        )
        screen.show(target)
        await pilot.pause()
        await pilot.press("down")
        assert app.focused is screen.query_one("#choices")
        await pilot.press("space", "down", "space")
        # The answer line shows the numbers before the choices ticked, as they are typed.
        assert screen.query_one("#answer").value.split() == ["1", "2"]
        await pilot.press("up", "space")
        assert screen.query_one("#answer").value.split() == ["2"]
        path, _ = current(app)
        assert path == target and entry(app) is screen
