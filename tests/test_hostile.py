"""The catalogue of hostile inputs (tests/hostile.py): each ends in a clear message, within
seconds of CPU time and a bounded amount of memory, never a hang, a crash or a traceback.

CPU time, not wall-clock time: on a busy two-core machine a case may wait for the processor
far longer than it works. The wall-clock figures are in tests/bench/bench_hostile.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import CASES, Case

RUNNER = Path(__file__).with_name("hostile_run.py")
SECONDS = 120  # the child is killed past this: a hang fails the test, never the suite
CPU_WITHIN = 8.0  # CPU seconds a case may use, start-up of Python included
PEAK_MIB = 400  # a new process with the form engine and sqlite takes about 40 MiB


def run_case(case: Case, folder: Path) -> subprocess.CompletedProcess[str]:
    args = case.build(folder)
    if case.name == "choices_file_is_a_device":
        os.symlink(os.devnull if os.name == "nt" else "/dev/zero", folder / "zero.csv")
    return subprocess.run(
        [sys.executable, str(RUNNER), *args],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        cwd=folder,
        env={**os.environ, "TUI_CIA_LANG": "en"},  # the catalogue names English wordings
    )


def cpu_seconds(stderr: str) -> float | None:
    """The child's own user + system CPU time, as hostile_run.py prints it at exit."""
    lines = [line for line in stderr.splitlines() if line.startswith("cpu-seconds")]
    return float(lines[-1].split()[1]) if lines else None


def peak_mib(stderr: str) -> float | None:
    lines = [line for line in stderr.splitlines() if line.startswith("peak-rss-kib")]
    return int(lines[-1].split()[1]) / 1024 if lines else None


def test_the_catalogue_is_large_and_names_are_unique() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.slow  # 35 child processes
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_input_is_refused_quickly_and_plainly(case: Case, tmp_path: Path) -> None:
    if case.name == "choices_file_is_a_device" and os.name == "nt":
        pytest.skip("no /dev/zero")
    done = run_case(case, tmp_path)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-2000:]
    assert done.returncode == case.code, output[-2000:]
    assert case.says in output, output[-2000:]
    cpu = cpu_seconds(done.stderr)
    assert cpu is None or cpu < CPU_WITHIN, f"{case.name} used {cpu:.1f} s of CPU"
    peak = peak_mib(done.stderr)
    assert peak is None or peak < PEAK_MIB, f"{case.name} took {peak:.0f} MiB"
