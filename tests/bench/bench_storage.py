"""Benchmark of storage: one answer saved, importing 10,000 households, the longest a save
waits while an import writes, a province sample.

Run: python tests/bench/bench_storage.py [--runs N] [--province]
Prints medians and ratios against a raw executemany of the same rows in the same run.
`--province` also builds `tui-cia sample --households 375000` (several minutes).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from formtools import SAMPLE_DB  # noqa: E402

from tui_cia.storage import Store  # noqa: E402
from tui_cia.storage.bulk import RECORD_COLUMNS  # noqa: E402
from tui_cia.storage.exporter import export_records  # noqa: E402
from tui_cia.storage.importer import import_file  # noqa: E402
from tui_cia.storage.samplefile import write_sample  # noqa: E402


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def answer_save(folder: Path, runs: int) -> float:
    """Median time of one typed answer saved (check, history, row, flat rows, search text)."""
    db = folder / "answer.db"
    shutil.copyfile(SAMPLE_DB, db)
    store = Store(db)
    uuid = store.list_records("bmn", status="complete", limit=1)[0].uuid
    rec = store.open(uuid)
    samples = []
    for i in range(runs * 20):
        start = time.perf_counter()
        store.answer(rec, ("income_other",), str(1000 + i))
        samples.append(time.perf_counter() - start)
    store.close()
    return median(samples)


def export_households(folder: Path, households: int) -> Path:
    source = folder / "source.db"
    write_sample(source, households, seed=5)
    store = Store(source)
    out = folder / "households.jsonl"
    # The first round only: 10,000 households, each once.
    store.conn.execute("DELETE FROM records_fts")
    export_records(store, "bmn", out)
    lines = [
        ln
        for ln in out.read_text(encoding="utf-8").splitlines()
        if json.loads(ln)["data"].get("survey_round") == 2564
    ][:households]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store.close()
    return out


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def import_once(folder: Path, source: Path, run: int) -> float:
    store = Store(folder / f"import{run}.db")
    form = store.resolve_form(str(ROOT / "forms" / "bmn.yaml"))
    seconds = timed(lambda: import_file(store, form, source))
    store.close()
    return seconds


def raw_once(folder: Path, template: Path, run: int) -> float:
    """executemany of the rows the import writes (records, history, flat, search), no checks."""
    db = folder / f"raw{run}.db"
    shutil.copyfile(template, db)
    store = Store(db)
    tables = {}
    for name in ("records", "history", "records_fts", "form_bmn", "form_bmn_members"):
        tables[name] = store.conn.execute(f'SELECT * FROM "{name}"').fetchall()
    empty = folder / f"raw{run}-empty.db"
    target = Store(empty)
    target.resolve_form(str(ROOT / "forms" / "bmn.yaml"))
    conn = target.conn

    def insert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        for name, rows in tables.items():
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                columns = RECORD_COLUMNS if name == "records" else None
                sql = (
                    f"INSERT INTO records({columns}) VALUES ({marks})"
                    if columns
                    else f'INSERT INTO "{name}" VALUES ({marks})'
                )
                if name == "records":
                    rows = [r[:20] for r in rows]
                conn.executemany(sql, rows)
        conn.execute("COMMIT")

    seconds = timed(insert)
    store.close()
    target.close()
    return seconds


def save_waits(folder: Path, source: Path, run: int) -> float:
    """The longest one answer's save took while `tui-cia records import` of `source` ran in
    a process of its own on the same database (the import writes in slices and lets a
    waiting save in between)."""
    db = folder / f"busy{run}.db"
    store = Store(db)
    form_file = str(ROOT / "forms" / "bmn.yaml")
    rec = store.create(store.resolve_form(form_file))
    command = ["--db", str(db), "records", "import", "--form", form_file, str(source)]
    importer = subprocess.Popen(
        [sys.executable, "-m", "tui_cia", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    longest, saves = 0.0, 0
    while importer.poll() is None:
        start = time.perf_counter()
        store.answer(rec, ("income_other",), str(1000 + saves))
        longest = max(longest, time.perf_counter() - start)
        saves += 1
        time.sleep(0.02)  # as a person keys: a save now and then, not a tight loop
    store.close()
    if importer.returncode != 0:
        raise SystemExit(f"the import beside the saves failed ({importer.returncode})")
    return longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--province", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        save = answer_save(folder, args.runs)
        source = export_households(folder, args.households)
        members = sum(
            len(json.loads(ln)["data"].get("members", []))
            for ln in source.read_text(encoding="utf-8").splitlines()
        )
        imports, raws = [], []
        for i in range(args.runs):  # alternately, so that both see the machine alike
            imports.append(import_once(folder, source, i))
            raws.append(raw_once(folder, folder / "import0.db", i))
        paired = [raw / ours for raw, ours in zip(raws, imports, strict=True)]
        waits = [save_waits(folder, source, i) for i in range(args.runs)]
        rows = [
            ("one answer saved (ms)", save * 1e3, "", "<= 2 ms"),
            (
                f"import {args.households} households, {members} members (s)",
                median(imports),
                f"{median(raws) / median(imports):.0%} of raw speed"
                f" (runs {min(paired):.0%}-{max(paired):.0%})",
                ">= 50 %",
            ),
            ("  raw executemany of the same rows (s)", median(raws), "baseline", ""),
            (
                "longest answer save during that import (ms)",
                median(waits) * 1e3,
                f"runs {min(waits) * 1e3:.0f}-{max(waits) * 1e3:.0f} ms",
                "<= 1000 ms",
            ),
        ]
        if args.province:
            out = folder / "province.db"
            seconds = timed(lambda: write_sample(out, 375_000, seed=1))
            rows.append(
                (
                    "sample --households 375000 (s)",
                    seconds,
                    f"{out.stat().st_size / 2**20:.0f} MiB file",
                    "",
                )
            )
    print(f"storage: median of {args.runs} runs (answer saves: {args.runs * 20})")
    print(f"{'measure':52} {'value':>9}  {'ratio':36} target")
    for name, value, ratio, target in rows:
        print(f"{name:52} {value:9.3f}  {ratio:36} {target}")


if __name__ == "__main__":
    main()
