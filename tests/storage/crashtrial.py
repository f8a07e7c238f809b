"""One crash trial: start the child, kill it with SIGKILL at a chosen moment, check the file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).with_name("crashchild.py")


@dataclass
class TrialResult:
    saved: int
    lost: int
    integrity: str


def run_trial(folder: Path, form_yaml: Path, kill_after: int) -> TrialResult:
    """Kill the child after it has reported `kill_after` saved answers (or at start, if 0)."""
    db = folder / "crash.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(form_yaml)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    uuid = child.stdout.readline().split()[1]
    saved: list[int] = []
    while len(saved) < kill_after:
        line = child.stdout.readline()
        if not line:
            break
        saved.append(int(line))
    child.send_signal(signal.SIGKILL)
    child.wait()
    return _check(db, uuid, saved)


def _check(db: Path, uuid: str, saved: list[int]) -> TrialResult:
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute(
            "SELECT label, new FROM history WHERE record_uuid = ? AND op = 'set'", (uuid,)
        )
        present = {(label, json.loads(new)) for label, new in rows if new is not None}
    finally:
        conn.close()
    lost = sum(1 for n in saved if _expected(n) not in present)
    return TrialResult(len(saved), lost, integrity)


def _expected(number: int) -> tuple[str, int]:
    return ("income", number) if number % 2 else ("members[1].age", number % 100)
