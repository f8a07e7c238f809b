"""Benchmark of the analysis, against the same indicators written by hand in plain pandas.

Run: python tests/bench/bench_analysis.py [--runs N]
     python tests/bench/bench_analysis.py --province [--households N] [--province-db PATH]

The sample tambon by default; with --province a province-sized sample, built (about 13
minutes for 375,000 households) unless --province-db names one already built (a missing
file there is built, as `tui-cia sample` builds it, and kept). Each province measure runs
in a fresh process, which gives its peak memory: an analysis with the column cache emptied
(it reads every chunk); preparing the columns from an empty cache, as `tui-cia sample`,
`records import` and `bundle import` do after writing; the analysis then (the headline);
and one after a village's flat rows were touched without preparing (their chunks read
again, as after edits typed at the office).
Prints medians, and ratios to handwritten_cia.py (plain pandas, no tui_cia.analysis)
measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import handwritten_cia  # noqa: E402
from formtools import SAMPLE_DB  # noqa: E402

from tui_cia.analysis import analyse, prepare  # noqa: E402
from tui_cia.storage import Store  # noqa: E402


def median_time(action: Callable[[], Any], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cia(store: Store, form: Any, level: str) -> list[dict[str, Any]]:
    """The analysis as the CLI runs it, every result made whole (targets with names)."""
    return [r.as_json() for r in analyse(store, form, level=level)]


def by_hand(db: Path, width: int) -> pd.DataFrame:
    conn = sqlite3.connect(db)
    try:
        return handwritten_cia.counts(conn, width)
    finally:
        conn.close()


def read_only(db: Path) -> None:
    conn = sqlite3.connect(db)
    pd.read_sql_query("SELECT * FROM form_bmn", conn)
    pd.read_sql_query("SELECT * FROM form_bmn_members", conn)
    conn.close()


def row(name: str, value: str, ratio: str = "", target: str = "") -> None:
    print(f"{name:52} {value:>12}  {ratio:34} {target}")


def interleaved(actions: dict[str, Callable[[], Any]], runs: int) -> dict[str, float]:
    """The median time of each action, run in turns so that a busy moment hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def tambon(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "a.db"
        shutil.copyfile(SAMPLE_DB, db)
        store = Store(db)
        form = store.forms.get("bmn")
        cia(store, form, "tambon")  # warm the caches
        med = interleaved(
            {
                "tambon": lambda: cia(store, form, "tambon"),
                "villages": lambda: cia(store, form, "village"),
                "hand": lambda: by_hand(db, 8),
                "read": lambda: read_only(db),
            },
            runs,
        )
        store.close()
    hand = med["hand"]
    print(f"analysis of the sample tambon, medians of {runs} runs")
    row("measure", "value", "ratio", "target")
    row(
        "CIA of the tambon, one round (s)",
        f"{med['tambon']:.3f}",
        f"{med['tambon'] / hand:.2f}x the hand-written pandas",
        "<= 0.2 s",
    )
    row(
        "the same for every village (s)", f"{med['villages']:.3f}", f"{med['villages'] / hand:.2f}x"
    )
    row("hand-written pandas, 31 indicators per village (s)", f"{hand:.3f}", "baseline")
    row("reading the two flat tables with pandas (s)", f"{med['read']:.3f}")


def child(kind: str, db: Path) -> None:
    """One province measure in this fresh process: prints its time in seconds."""
    if kind in ("cia", "prepare"):
        store = Store(db)
        form = store.forms.get("bmn")
        start = time.perf_counter()
        if kind == "cia":
            cia(store, form, "province")
        else:
            prepare(store)
    else:
        start = time.perf_counter()
        by_hand(db, 2)
    print(time.perf_counter() - start)


def measure(kind: str, db: Path) -> tuple[float, float]:
    """Seconds and peak memory (GB) of one measure run in a fresh process."""
    argv = [sys.executable, __file__, "--child", kind, "--province-db", str(db)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{kind} failed")
    return float(out.split()[-1]), usage.ru_maxrss / 1024**2


def province_db(path: Path | None, households: int, tmp: str) -> Path:
    from tui_cia.storage.samplefile import write_sample

    db = path or Path(tmp) / "province.db"
    if not db.exists():
        print(f"building a sample of {households:,} households in {db} ...", flush=True)
        start = time.perf_counter()
        write_sample(db, households, seed=1, finish=prepare)  # as `tui-cia sample` does
        print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    return db


def forget_cache(db: Path) -> None:
    """Empty the column cache: the next analysis reads every chunk from the tables."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM column_cache")
    conn.close()


def change_a_village(db: Path, run: int) -> None:
    """Touch the flat rows of one village (about 200 households and their members), as a
    bundle from its enumerator would: the chunks holding them are stale afterwards."""
    conn = sqlite3.connect(db)
    with conn:
        (village,) = conn.execute(
            "SELECT village_code FROM form_bmn GROUP BY 1 ORDER BY 1 LIMIT 1 OFFSET ?",
            (run * 37,),
        ).fetchone()
        conn.execute(
            "UPDATE form_bmn SET _modified_at = _modified_at WHERE village_code = ?", (village,)
        )
        conn.execute(
            "UPDATE form_bmn_members SET _position = _position WHERE _uuid IN "
            "(SELECT _uuid FROM form_bmn WHERE village_code = ?)",
            (village,),
        )
    conn.close()


def province(runs: int, households: int, path: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = province_db(path, households, tmp)
        count = sqlite3.connect(db).execute("SELECT count(*) FROM form_bmn").fetchone()[0]
        measure("cia", db)  # warm the file into the page cache, as for every later run
        kinds = ["cold", "prepare", "cia", "village", "hand"]
        samples: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        for run in range(runs):
            forget_cache(db)
            samples["cold"].append(measure("cia", db))  # reads every chunk, keeps them
            forget_cache(db)
            samples["prepare"].append(measure("prepare", db))  # as sample and imports do
            samples["cia"].append(measure("cia", db))
            change_a_village(db, run)  # edits since: their chunks are read again
            samples["village"].append(measure("cia", db))
            samples["hand"].append(measure("hand", db))
    med = {k: statistics.median(t for t, _ in v) for k, v in samples.items()}
    peak = {k: max(m for _, m in v) for k, v in samples.items()}
    hand = med["hand"]
    print(f"analysis of a province ({count:,} records), medians of {runs} runs")
    row("measure", "value", "ratio", "target")
    row(
        "CIA of the province, columns prepared (s)",
        f"{med['cia']:.2f}",
        f"{med['cia'] / hand:.2f}x the hand-written pandas",
        "<= 5 s, <= 1.2x",
    )
    row("  its peak memory (GB)", f"{peak['cia']:.2f}", "", "<= 2 GB")
    row(
        "  after one village changed by hand (s)",
        f"{med['village']:.2f}",
        f"{med['village'] / hand:.2f}x",
    )
    row(
        "  with the column cache emptied (s)",
        f"{med['cold']:.2f}",
        f"{med['cold'] / hand:.2f}x",
    )
    row("  its peak memory (GB)", f"{peak['cold']:.2f}")
    row(
        "preparing the columns, as sample/imports do (s)",
        f"{med['prepare']:.2f}",
        "",
    )
    row("  its peak memory (GB)", f"{peak['prepare']:.2f}")
    row("hand-written pandas, 31 indicators (s)", f"{hand:.2f}", "baseline")
    row("  its peak memory (GB)", f"{peak['hand']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="default: 7, province 3")
    parser.add_argument("--province", action="store_true", help="a province-sized sample")
    parser.add_argument("--households", type=int, default=375_000)
    parser.add_argument("--province-db", type=Path, default=None, help="reuse (or keep) it")
    parser.add_argument("--child", choices=["cia", "prepare", "hand"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.province_db)
    elif args.province or args.province_db:
        province(args.runs or 3, args.households, args.province_db)
    else:
        tambon(args.runs or 7)


if __name__ == "__main__":
    main()
