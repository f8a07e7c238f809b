"""Crash benchmark: 1,000 trials of killing a process that is saving answers (SIGKILL).

Run: python tests/bench/bench_crash.py [--trials N]
Prints the number of answers lost whose save had returned (target 0) and integrity results.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "storage")]

from crashtrial import run_trial  # noqa: E402
from storetools import HEADER, HOUSEHOLD  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    saved = lost = damaged = 0
    start = time.perf_counter()
    for trial in range(args.trials):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            form = folder / "hh.yaml"
            form.write_text(HEADER + HOUSEHOLD, encoding="utf-8")
            result = run_trial(folder, form, rng.randint(0, 80))
        saved += result.saved
        lost += result.lost
        damaged += result.integrity != "ok"
        if (trial + 1) % 100 == 0:
            print(f"  {trial + 1} trials", file=sys.stderr)
    print(f"crash test: {args.trials} trials in {time.perf_counter() - start:.0f} s")
    print(f"{'answers saved before the kill':36} {saved:8}")
    print(f"{'answers lost (target 0)':36} {lost:8}")
    print(f"{'databases failing integrity_check':36} {damaged:8}")


if __name__ == "__main__":
    main()
