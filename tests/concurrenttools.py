"""Helpers for tests of several programs on one database: the CLI as a real process, import
files made from the sample, a process that holds the write lock, and child processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NAMESPACE = uuid.UUID("6f1c1d1e-0000-4000-8000-00000000c1a0")
POLL = 0.02  # seconds between two looks at another process (never a measure of speed)

_sample: list[dict[str, object]] = []  # the sample's records, made once a session


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`tui-cia ARGS` as a process of its own; its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "tui_cia", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=600,
        check=False,
    )


def start_cli(*args: str) -> subprocess.Popen[str]:
    """`tui-cia ARGS` started, not waited for (a failure shows its traceback)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tui_cia", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "TUI_CIA_DEBUG": "1"},
    )


def sample_records(factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """The records of a small sample tambon (`tui-cia sample`, then `records export`)."""
    if not _sample:
        folder = factory.mktemp("sample")
        made = cli("sample", "--out", str(folder / "s.db"), "--households", "40", "--seed", "5")
        assert made.returncode == 0, made.stderr
        out = folder / "s.jsonl"
        done = cli(
            "--db", str(folder / "s.db"), "records", "export", "--form", "bmn", "--out", str(out)
        )
        assert done.returncode == 0, done.stderr
        _sample.extend(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    return _sample


def import_file(factory: pytest.TempPathFactory, path: Path, count: int, seed: str) -> list[str]:
    """A JSON lines file of `count` records: the sample's, over and over, each with a uuid
    of its own (the same for the same seed and place); their uuids."""
    records = sample_records(factory)
    uuids = [str(uuid.uuid5(NAMESPACE, f"{seed}-{n}")) for n in range(count)]
    with path.open("w", encoding="utf-8") as out:
        for n, ident in enumerate(uuids):
            out.write(json.dumps({**records[n % len(records)], "uuid": ident}, ensure_ascii=False))
            out.write("\n")
    return uuids


def poll(ready: Callable[[], bool], attempts: int = 3000) -> bool:
    """Whether `ready()` comes true within a bounded number of looks."""
    for _ in range(attempts):
        if ready():
            return True
        time.sleep(POLL)
    return ready()


HOLDER = """
import sqlite3, sys
from tui_cia.storage.writers import register_writer
db, kind = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db, isolation_level=None)
with register_writer(db, kind):
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
"""


@contextmanager
def lock_held(db: Path, kind: str) -> Iterator[int]:
    """Another process holds the database's write lock, registered as `kind`; its pid."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield proc.pid
    finally:
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=60)


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (Linux: read from /proc)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            state = _stat(int(name))
            if state is not None and state[1] == str(pid) and state[0] != "Z":
                found.append(int(name))
    return found


def running(pid: int) -> bool:
    """Whether the process runs (a zombie does not)."""
    state = _stat(pid)
    return state is not None and state[0] != "Z"


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not Path("/proc/self/stat").exists(),
    reason="reads child processes from /proc",
)
