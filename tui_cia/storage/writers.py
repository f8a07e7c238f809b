"""Who writes a database now: each writing program leaves a small file beside it.

SQLite says only that its write lock is taken, not by whom. So that a program kept waiting
can say which one to wait for, each writer (an import, a bundle, the app while it saves)
leaves `<db>.writers/<pid>.json` while it writes, and a program waiting for the lock leaves
`<db>.writers/wait-<pid>-<thread>.json`: a long writer that sees one lets it in between two
of its slices (`yield_to_waiters`). Files of processes that are gone are ignored (and
removed), so a killed program misleads nobody.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

# The kinds of writers, as their messages name them (see db.DatabaseBusy).
APP = "the tui-cia app"
RECORDS_IMPORT = "records import"
BUNDLE_IMPORT = "bundle import"
BUNDLE_EXPORT = "bundle export"

# How long a long writer lets waiting programs in, at most, between two of its slices.
YIELD_SECONDS = 1.0
YIELD_STEP = 0.005

_lock = threading.Lock()
_mine: dict[Path, tuple[str, int]] = {}  # this process's registrations: folder -> (kind, depth)


@dataclass(frozen=True)
class Writer:
    """A program that said it writes the database."""

    kind: str
    pid: int
    started: str


def folder_of(db_path: Path | str) -> Path:
    """The folder of writer files beside a database."""
    path = Path(db_path).resolve()
    return path.with_name(path.name + ".writers")


@contextmanager
def register_writer(db_path: Path | str, kind: str) -> Iterator[None]:
    """Announce this process as a writer of `kind` for the block (nested ones count once:
    the outermost kind is kept)."""
    folder = folder_of(db_path)
    with _lock:
        was = _mine.get(folder)
        _mine[folder] = (was[0] if was else kind, (was[1] if was else 0) + 1)
        if was is None:
            _prune(folder)
            _write_file(folder, f"{os.getpid()}.json", kind)
    try:
        yield
    finally:
        with _lock:
            kind_now, depth = _mine[folder]
            if depth > 1:
                _mine[folder] = (kind_now, depth - 1)
            else:
                del _mine[folder]
                _remove_file(folder, f"{os.getpid()}.json")


def writers(db_path: Path | str) -> list[Writer]:
    """The live writers of another process than this one, oldest first."""
    return [w for w in _read_all(folder_of(db_path), "") if w.pid != os.getpid()]


def holder_of(db_path: Path | str) -> Writer | None:
    """The writer most likely to hold the lock: the oldest one still writing."""
    found = writers(db_path)
    return found[0] if found else None


@contextmanager
def waiting(db_path: Path | str) -> Iterator[None]:
    """Announce, for the block, that this thread waits for the write lock."""
    folder = folder_of(db_path)
    name = f"wait-{os.getpid()}-{threading.get_ident()}.json"
    _write_file(folder, name, "waiting")
    try:
        yield
    finally:
        _remove_file(folder, name)


def yield_to_waiters(db_path: Path | str) -> None:
    """Between two slices of a long write: while another program waits for the lock, and at
    most YIELD_SECONDS, do nothing, so that its busy handler finds the lock free."""
    folder = folder_of(db_path)
    deadline = time.monotonic() + YIELD_SECONDS
    while _others_waiting(folder) and time.monotonic() < deadline:
        time.sleep(YIELD_STEP)


def _prune(folder: Path) -> None:
    """Remove the files of killed programs (reading them does)."""
    _read_all(folder, "")
    _read_all(folder, "wait-")


def _others_waiting(folder: Path) -> bool:
    return any(w.pid != os.getpid() for w in _read_all(folder, "wait-"))


def _read_all(folder: Path, prefix: str) -> list[Writer]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        if not name.endswith(".json") or name.startswith("wait-") != bool(prefix):
            continue
        one = _read_one(folder / name)
        if one is None:
            continue
        if not pid_alive(one.pid):
            _remove_file(folder, name)  # a writer killed before it could remove its file
            continue
        found.append(one)
    return sorted(found, key=lambda w: w.started)


def _read_one(path: Path) -> Writer | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Writer(str(raw["kind"]), int(raw["pid"]), str(raw["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # being written, or not ours: no one to name


def _write_file(folder: Path, name: str, kind: str) -> None:
    """Write the file; announcing is a courtesy, so a folder that cannot be written (a
    read-only share) is no reason to stop."""
    text = json.dumps(
        {"kind": kind, "pid": os.getpid(), "started": f"{time.time():.6f}"}, ensure_ascii=False
    )
    for _ in range(3):  # another program may remove the empty folder between the two steps
        try:
            folder.mkdir(exist_ok=True)
            temp = folder / f".{name}.tmp"
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, folder / name)
            return
        except FileNotFoundError:
            continue
        except OSError:
            return


def _remove_file(folder: Path, name: str) -> None:
    with suppress(OSError):
        (folder / name).unlink()
    with suppress(OSError):
        folder.rmdir()  # only when empty: the last writer leaves no folder behind


def pid_alive(pid: int) -> bool:
    """Whether a process of this id runs (a zombie, killed but not yet reaped, does not)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    stat = Path(f"/proc/{pid}/stat")
    with suppress(OSError, IndexError):
        text = stat.read_text(encoding="utf-8", errors="replace")
        return text.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _windows_alive(pid: int) -> bool:
    """OpenProcess and a wait of no time (os.kill would end the process on Windows)."""
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
    if not handle:
        return False
    try:
        return bool(kernel.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT: running
    finally:
        kernel.CloseHandle(handle)
