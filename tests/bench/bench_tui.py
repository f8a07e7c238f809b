"""Benchmark of the app: time to first paint, and the time to handle one key in entry.

Run: python tests/bench/bench_tui.py [--runs N]
First paint: `tui-cia demo` (headless, in a fresh process) against a bare Textual app started
the same way in the same run: three starts of each per run, the two alternating, after one
unmeasured start of each that compiles the bytecode of both into a temporary cache (as an
installed app has it; the environment may forbid writing it, PYTHONDONTWRITEBYTECODE).
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

BARE = """
import sys, time
from textual.app import App
from textual.widgets import Footer, Label
class Bare(App):
    def compose(self):
        yield Label("tui-cia")
        yield Footer()
    def on_ready(self):
        print(time.time(), file=sys.__stdout__, flush=True)
        self.exit()
Bare().run(headless=True)
"""

# `tui-cia demo` as the console script runs it, headless like the bare app above (Textual
# reads no TEXTUAL_HEADLESS variable: without this the demo would drive a terminal).
DEMO = """
import functools, sys, time
from tui_cia.cli import main
from tui_cia.tui.app import TuiCiaApp
def ready(self):
    print(time.time(), file=sys.__stdout__, flush=True)
    self.exit()
TuiCiaApp.on_ready = ready
TuiCiaApp.run = functools.partialmethod(TuiCiaApp.run, headless=True)
sys.argv = ["tui-cia", "demo"]
main()
"""


def first_paints(codes: list[str], runs: int) -> list[float]:
    """Median time of each program from starting a fresh process to its first paint
    (on_ready); the programs alternate, so a busy machine slows them alike."""
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        samples: list[list[float]] = [[] for _ in codes]
        for run in range(runs + 1):
            for code, found in zip(codes, samples, strict=True):
                start = time.time()
                out = subprocess.run(
                    [sys.executable, "-c", code],
                    check=True,
                    env=env,
                    capture_output=True,
                    text=True,
                ).stdout
                if run:  # the first start of each compiles and caches bytecode
                    found.append(float(out.split()[0]) - start)
    return [statistics.median(found) for found in samples]


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
    runs = parser.parse_args().runs
    bare, demo = first_paints([BARE, DEMO], 3 * runs)  # short, and the most noise-prone
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copyfile(ROOT / "sample_db" / "kong_thanu.db", folder / "a.db")
        bmn = asyncio.run(key_times(folder / "a.db", None, 10, runs))
        from bigform import big_form

        (folder / "big.yaml").write_text(big_form(), encoding="utf-8")
        shutil.copyfile(ROOT / "sample_db" / "kong_thanu.db", folder / "b.db")
        big = asyncio.run(key_times(folder / "b.db", folder / "big.yaml", 10, runs))
    rows = [
        ("first paint, tui-cia demo (s)", demo, f"{demo / bare:.2f}x bare app", "<= 1.15x"),
        ("first paint, bare Textual app (s)", bare, "baseline", ""),
        ("Enter on an answer, BMN, 10 members (ms)", bmn * 1e3, "", "<= 10 ms"),
        (
            "Enter on an answer, 321-field form (ms)",
            big * 1e3,
            f"{big / bmn:.2f}x BMN",
            "no growth",
        ),
    ]
    print(f"app: medians of {runs} runs (first paint {3 * runs} starts, keys: {runs * 10} presses)")
    print(f"{'measure':44} {'value':>9}  {'ratio':18} target")
    for name, value, ratio, target in rows:
        print(f"{name:44} {value:9.3f}  {ratio:18} {target}")


if __name__ == "__main__":
    main()
