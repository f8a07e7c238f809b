"""The first screen loads light; forms switch on Home; multi-selects toggle with Space."""

from __future__ import annotations

import json
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
