"""Benchmark of the form engine: loading a large form, and the cost of one answer change.

Run: python tests/bench/bench_survey.py [--runs N]
Prints medians of several runs and ratios against baselines measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigform import big_form, field_count, small_form

from tui_cia.survey import FormSession, load_form_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def median_seconds(action: Callable[[], object], runs: int, inner: int = 1) -> float:
    """Median wall time of `action`, over `runs` runs of `inner` calls each."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(inner):
            action()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def session_with_roster(text: str, members: int) -> FormSession:
    session = FormSession(load_form_text(text))
    for _ in range(members):
        session.add_instance(("members",))
    return session


def change_cost(session: FormSession, path: tuple[str | int, ...], runs: int) -> float:
    """Median time of one typed answer (parse, check, store, recalculate)."""
    values = iter(range(10**9))
    return median_seconds(lambda: session.enter(path, str(next(values) % 1000)), runs, 200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    big, small = big_form(), small_form()
    yaml_only = median_seconds(lambda: yaml.load(big, Loader=Loader), runs)
    load_big = median_seconds(lambda: load_form_text(big), runs)
    start_big = median_seconds(lambda: session_with_roster(big, 40), runs)
    big_session, small_session = session_with_roster(big, 40), session_with_roster(small, 3)
    change_small = change_cost(small_session, ("q0_0",), runs)
    change_big = change_cost(big_session, ("q3_0",), runs)
    member_big = change_cost(big_session, ("members", 20, "m0"), runs)
    rows = [
        (
            "load big form (ms)",
            load_big * 1e3,
            f"{load_big / yaml_only:.1f}x YAML parse alone",
            "<= 100 ms",
        ),
        ("  YAML parse alone (ms)", yaml_only * 1e3, "baseline", ""),
        ("open record + 40 members (ms)", start_big * 1e3, "", ""),
        ("answer change, small form (ms)", change_small * 1e3, "baseline", "<= 0.5 ms"),
        (
            "answer change, big form (ms)",
            change_big * 1e3,
            f"{change_big / change_small:.2f}x small",
            "<= 0.5 ms, <= 2x",
        ),
        (
            "member answer, big form (ms)",
            member_big * 1e3,
            f"{member_big / change_small:.2f}x small",
            "",
        ),
    ]
    print(
        f"form engine: big form {field_count(big) + 14} fields, roster of 40; "
        f"small form {field_count(small) + 3} fields; median of {runs} runs"
    )
    print(f"{'measure':34} {'value':>10}  {'ratio':28} target")
    for name, value, ratio, target in rows:
        print(f"{name:34} {value:10.3f}  {ratio:28} {target}")


if __name__ == "__main__":
    main()
