"""Hostile-input benchmark: how long each case of tests/hostile.py takes to end in its message.

Run: python tests/bench/bench_hostile.py [--runs N] [--only NAME]
Prints, per case, the median wall-clock and CPU seconds of N runs and the ratio to the
baseline measured in the same run (`tui-cia --version` through the same runner: the cost of
starting Python and the command line). The unit test checks CPU time only, so a busy machine
cannot fail it; the wall-clock figures live here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests")]

from hostile import CASES, Case  # noqa: E402

RUNNER = ROOT / "tests" / "hostile_run.py"


def timed(args: list[str], folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of the runner with `args`."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(RUNNER), *args], capture_output=True, text=True, cwd=folder
    )
    wall = time.perf_counter() - start
    cpu = [line for line in done.stderr.splitlines() if line.startswith("cpu-seconds")]
    return wall, float(cpu[-1].split()[1]) if cpu else float("nan")


def run_case(case: Case) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = case.build(folder)
        if case.name == "choices_file_is_a_device":
            os.symlink(os.devnull if os.name == "nt" else "/dev/zero", folder / "zero.csv")
        return timed(args, folder)


def median_of(runs: int, measure: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    results = [measure() for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base_wall, base_cpu = median_of(args.runs, lambda: timed(["--version"], Path(tmp)))
    print(f"hostile inputs, median of {args.runs} runs; baseline = tui-cia --version")
    print(f"{'case':48} {'wall s':>7} {'cpu s':>7} {'x base':>7}")
    print(f"{'baseline (tui-cia --version)':48} {base_wall:7.2f} {base_cpu:7.2f} {1:7.1f}")
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        wall, cpu = median_of(args.runs, lambda case=case: run_case(case))
        print(f"{case.name[:48]:48} {wall:7.2f} {cpu:7.2f} {wall / base_wall:7.1f}")


if __name__ == "__main__":
    main()
