"""Benchmark of the app: time until Home is usable, and the time to handle one key in entry.

Run: python tests/bench/bench_tui.py [--runs N]
Start-up: `tui-cia demo` (headless, in a fresh process) against a bare Textual app painting
one DataTable of a few rows, started the same way in the same run: three starts of each per
run, the two alternating, after one unmeasured start of each that compiles the bytecode of
both into a temporary cache (as an installed app has it; the environment may forbid writing
it, PYTHONDONTWRITEBYTECODE). Both programs time the frames they hand to the terminal
(App._display): the demo's first frame, and the first frame showing Home's villages table
filled (its rows named by the form's village names); the bare app's first frame, with its table.
They run in the temporary folder, so PYTHONPATH can point at another checkout to compare.
Keys: Enter on a typed answer in the BMN form with ten members, and on the 321-field form:
the CPU time from the key press until the app is idle (saving the answer, recalculating,
moving on and repainting), less that of an unbound key (Pilot's own).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "bench")]

# Both programs print "first <time>" at their first frame and "filled <time>" at the first
# frame that shows their table filled, then exit. Textual is patched as it loads (not imported
# here: `tui-cia demo` starts work before it imports Textual, and is measured as it runs).
FRAMES = """
import functools, importlib.abc, importlib.util, sys, time
def watch_frames(app):
    display = app._display
    seen = set()
    def timed(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is None or self._batch_count:
            return
        for name, done in (("first", lambda app: True), ("filled", filled)):
            if name not in seen and done(self):
                seen.add(name)
                print(name, time.time(), file=sys.__stdout__, flush=True)
        if "filled" in seen and not self._exit:
            self.exit()
    app._display = timed
    app.run = functools.partialmethod(app.run, headless=True)
class PatchTextual(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            watch_frames(module.App)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, PatchTextual())
"""

BARE = (
    FRAMES
    + """
from textual.app import App
from textual.widgets import DataTable, Footer, Label
class Bare(App):
    def compose(self):
        yield Label("tui-cia")
        yield DataTable(id="areas")
        yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Village", "Round", "Draft", "Complete", "Verified")
        for n in range(1, 6):
            table.add_row(f"3401010{n} village {n}", "1", "2", "30", "4")
def filled(app):
    return app.query_one(DataTable).row_count > 0
Bare().run()
"""
)

# `tui-cia demo` as the console script runs it, headless like the bare app above (Textual
# reads no TEXTUAL_HEADLESS variable: without this the demo would drive a terminal).
DEMO = (
    FRAMES
    + """
def filled(app):
    # Home's villages table shown, with rows named as the form names the villages.
    home = getattr(app, "home", None)
    if home is None or app.screen is not home:
        return False
    tables = home.query("#areas")
    if not tables or not tables.first().display or not tables.first().row_count:
        return False
    return " " in str(tables.first().get_row_at(0)[0])
from tui_cia.cli import main
sys.argv = ["tui-cia", "demo"]
main()
"""
)


def start_times(codes: list[str], runs: int) -> list[dict[str, float]]:
    """Median time of each program from starting a fresh process to each frame it reports
    ("first", "filled"); the programs alternate, so a busy machine slows them alike."""
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        samples: list[dict[str, list[float]]] = [{} for _ in codes]
        for run in range(runs + 1):
            for code, found in zip(codes, samples, strict=True):
                start = time.time()
                done = subprocess.run(
                    [sys.executable, "-c", code],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=60,
                    cwd=tempfile.gettempdir(),  # `-c` puts the folder first on sys.path
                )
                words = [line.split() for line in done.stdout.splitlines()]
                times = {w[0]: w[1] for w in words if len(w) == 2 and w[0] in ("first", "filled")}
                if "filled" not in times:  # what happens after it is not measured here
                    raise RuntimeError(f"no filled table reported:\n{done.stdout}{done.stderr}")
                if run:  # the first start of each compiles and caches bytecode
                    for name in ("first", "filled"):
                        found.setdefault(name, []).append(float(times[name]) - start)
    return [{name: statistics.median(v) for name, v in found.items()} for found in samples]


async def key_times(db: Path, form_path: Path | None, members: int, runs: int) -> float:
    """Median time of Enter on a changed answer (check, save, recalc, move, repaint)."""
    from tui_cia.storage import Store
    from tui_cia.survey import load_form
    from tui_cia.tui.app import TuiCiaApp
    from tui_cia.tui.screens.entry import EntryScreen

    store = Store(db)
    form = load_form(form_path) if form_path else store.forms.get("bmn")
    rec = store.create(form)
    repeat = next(r.name for r in form.repeats())
    for _ in range(members - rec.session.instance_count((repeat,))):
        store.add_instance(rec, (repeat,))
    store.close()
    app = TuiCiaApp(db, today=dt.date(2022, 6, 15))
    samples = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while app.home is None or not app.home.opened:  # the database opens after first paint
            await pilot.pause()
        await app.workers.wait_for_complete()
        screen = EntryScreen(app.store.open(rec.uuid))
        await app.push_screen(screen)
        await pilot.pause()
        target = _integer_stop(screen)
        idle = []
        for i in range(runs * 10):
            screen.show(target)
            screen.query_one("#answer").value = str(100 + i % 50)
            await pilot.pause()
            samples.append(await _cpu(pilot, "enter"))
            idle.append(await _cpu(pilot, "f12"))  # an unbound key: Pilot's own cost
    return statistics.median(samples) - statistics.median(idle)


async def _cpu(pilot: object, key: str) -> float:
    """CPU time of pressing `key` until the app is idle again (waiting time excluded)."""
    start = time.process_time()
    await pilot.press(key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return time.process_time() - start


def _integer_stop(screen: object) -> tuple[str | int, ...]:
    """A typed field whose next stop is also a plain typed field: the same work in any form
    (no choice list appears or disappears), so the forms are compared like for like."""
    from tui_cia.survey.schema import Field

    session = screen.session  # type: ignore[attr-defined]

    def plain(stop: tuple[str | int, ...] | None) -> bool:
        if stop is None or len(stop) != 1:
            return False
        item, _ = session.locate(stop)
        return isinstance(item, Field) and item.type in ("integer", "text") and item.editable

    for stop in session.route.stops():
        if plain(stop) and plain(session.route.next(stop)):
            item, _ = session.locate(stop)
            if item.type == "integer":
                return tuple(stop)
    raise LookupError("no plain integer field followed by a plain field")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--start-only", action="store_true", help="skip the key timings")
    args = parser.parse_args()
    runs = args.runs
    bare, demo = start_times([BARE, DEMO], 3 * runs)  # short, and the most noise-prone
    rows = [
        (
            "Home filled, tui-cia demo (s)",
            demo["filled"],
            f"{demo['filled'] / bare['filled']:.2f}x bare table",
            "<= 1.3x",
        ),
        (
            "first paint, tui-cia demo (s)",
            demo["first"],
            f"{demo['first'] / bare['filled']:.2f}x bare table",
            "",
        ),
        ("table painted, bare Textual app (s)", bare["filled"], "baseline", ""),
    ]
    if not args.start_only:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            shutil.copyfile(ROOT / "sample_db" / "kong_thanu.db", folder / "a.db")
            bmn = asyncio.run(key_times(folder / "a.db", None, 10, runs))
            from bigform import big_form

            (folder / "big.yaml").write_text(big_form(), encoding="utf-8")
            shutil.copyfile(ROOT / "sample_db" / "kong_thanu.db", folder / "b.db")
            big = asyncio.run(key_times(folder / "b.db", folder / "big.yaml", 10, runs))
        rows += [
            ("Enter on an answer, BMN, 10 members (ms)", bmn * 1e3, "", "<= 10 ms"),
            (
                "Enter on an answer, 321-field form (ms)",
                big * 1e3,
                f"{big / bmn:.2f}x BMN",
                "no growth",
            ),
        ]
    starts, presses = 3 * runs, runs * 10
    print(f"app: medians of {runs} runs (start-up {starts} starts each, keys: {presses} presses)")
    print(f"{'measure':44} {'value':>9}  {'ratio':20} target")
    for name, value, ratio, target in rows:
        print(f"{name:44} {value:9.3f}  {ratio:20} {target}")


if __name__ == "__main__":
    main()
