"""Benchmark of sync: a bundle of every household exported and imported into an empty
database, against a raw executemany of the rows that import writes, in the same run.

Run: python tests/bench/bench_sync.py [--runs N] [--households N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from bench_storage import raw_once  # noqa: E402

from tui_cia.storage import Store  # noqa: E402
from tui_cia.storage.samplefile import write_sample  # noqa: E402
from tui_cia.sync.exchange import export_bundle, import_bundle  # noqa: E402


def exchange_once(folder: Path, source: Path, run: int) -> tuple[float, float, int]:
    """(export seconds, import seconds, records) for one full bundle."""
    sender = Store(source)
    bundle = folder / f"all{run}.tcb"
    start = time.perf_counter()
    summary = export_bundle(sender, bundle)
    exported = time.perf_counter() - start
    sender.close()
    receiver = Store(folder / f"import{run}.db")
    start = time.perf_counter()
    import_bundle(receiver, bundle)
    imported = time.perf_counter() - start
    receiver.close()
    return exported, imported, summary.records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--households", type=int, default=5_200, help="about 2 records each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "source.db"
        write_sample(source, args.households, seed=7)
        runs = [exchange_once(folder, source, i) for i in range(args.runs)]
        raws = [raw_once(folder, folder / "import0.db", i) for i in range(args.runs)]
        records = runs[0][2]
        export = statistics.median(r[0] for r in runs)
        imported = statistics.median(r[1] for r in runs)
        both = statistics.median(r[0] + r[1] for r in runs)
        raw = statistics.median(raws)
        size = (folder / "all0.tcb").stat().st_size / 2**20
        rows = [
            (f"export a bundle of {records} household records (s)", export, f"{size:.1f} MiB", ""),
            ("import it into an empty database (s)", imported, "", ""),
            ("export + import (s)", both, f"{raw / both:.0%} of raw speed", ">= 30 %"),
            ("  raw executemany of the rows import writes (s)", raw, "baseline", ""),
        ]
    print(f"sync: median of {args.runs} runs")
    print(f"{'measure':52} {'value':>9}  {'ratio':24} target")
    for name, value, ratio, target in rows:
        print(f"{name:52} {value:9.3f}  {ratio:24} {target}")


if __name__ == "__main__":
    main()
