"""Benchmark of the analysis: the sample tambon (all villages, one round).

Run: python tests/bench/bench_analysis.py [--runs N]
Prints medians, and the ratio to reading the same flat tables with pandas alone (the floor
any analysis of these tables pays) measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from formtools import SAMPLE_DB  # noqa: E402

from tui_cia.analysis import analyse  # noqa: E402
from tui_cia.storage import Store  # noqa: E402


def median_time(action: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def read_only(db: Path) -> None:
    conn = sqlite3.connect(db)
    pd.read_sql_query("SELECT * FROM form_bmn", conn)
    pd.read_sql_query("SELECT * FROM form_bmn_members", conn)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "a.db"
        shutil.copyfile(SAMPLE_DB, db)
        store = Store(db)
        form = store.forms.get("bmn")
        tambon = median_time(lambda: analyse(store, form, level="tambon"), runs)
        villages = median_time(lambda: analyse(store, form, level="village"), runs)
        floor = median_time(lambda: read_only(db), runs)
    print(f"analysis of the sample tambon: median of {runs} runs")
    print(f"{'measure':44} {'value':>8}  {'ratio':24} target")
    print(
        f"{'tambon, one round (s)':44} {tambon:8.3f}  {tambon / floor:5.1f}x reading the tables"
        f"   <= 0.2 s"
    )
    print(f"{'every village, one round (s)':44} {villages:8.3f}")
    print(f"{'  reading the flat tables with pandas (s)':44} {floor:8.3f}  baseline")


if __name__ == "__main__":
    main()
