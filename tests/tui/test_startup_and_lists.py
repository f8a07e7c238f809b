"""The first screen loads light; forms switch on Home; multi-selects toggle with Space."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from drive import current, entry, new_record, running
from formtools import copy_sample

FIRST_PAINT = """
import json, sys
from pathlib import Path
from tui_cia.tui.app import TuiCiaApp

def ready(self):
    self.exit(sorted(m for m in sys.modules if m.split(".")[0] in
                     ("pandas", "numpy", "sqlite_utils", "plotext")))

TuiCiaApp.on_ready = ready
print(json.dumps(TuiCiaApp(Path(sys.argv[1])).run(headless=True)))
"""


def test_the_first_screen_needs_no_pandas_or_sqlite_utils(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(db)], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


DEMO_PAINT = """
import functools, json, sys
from tui_cia.cli import main
from tui_cia.tui.app import TuiCiaApp

def ready(self):
    wait = [str(w.render()) for w in self.screen.query(".wait")]
    later = ("click", "yaml", "tui_cia.storage", "tui_cia.survey.", "textual.widgets._data_table")
    loaded = sorted(m for m in sys.modules if m.startswith(later))
    print(json.dumps({"store": self.store is not None, "wait": wait, "loaded": loaded}))
    self.exit()

TuiCiaApp.on_ready = ready
TuiCiaApp.run = functools.partialmethod(TuiCiaApp.run, headless=True)
sys.argv = ["tui-cia", "demo", "--lang", "en"]
main()
"""


def test_tui_cia_demo_paints_home_before_the_database_opens(tmp_path: Path) -> None:
    """`tui-cia demo`: the first frame is Home waiting for its tables; click, the storage
    and the form engine load after it; the scratch copy is gone when the app ends."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", DEMO_PAINT], capture_output=True, text=True, check=True, env=env
    )
    first = json.loads(out.stdout.strip().splitlines()[-1])
    assert first == {"store": False, "wait": ["Opening the database…"] * 2, "loaded": []}
    assert list(tmp_path.iterdir()) == []


async def test_home_fills_in_after_the_first_paint(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, _):
        home = app.screen
        assert home.opened and not home.query(".wait")
        assert home.table("areas").row_count > 0 and home.table("records").row_count > 0
        assert app.focused is home.table("areas")
        assert home.form is not None and home.form.id == "bmn"


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
        first, second = (c.value for c in screen.session.choices(target)[:2])
        assert screen.query_one("#answer").value.split() == [first, second]
        await pilot.press("up", "space")
        assert screen.query_one("#answer").value.split() == [second]
        path, _ = current(app)
        assert path == target and entry(app) is screen
