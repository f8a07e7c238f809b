"""Writing a sample database to a file: built beside it, renamed into place when finished."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tui_cia.errors import TuiCiaError
from tui_cia.storage.sample import SampleReport, generate_sample
from tui_cia.storage.store import StoreCore


def write_sample(
    out: Path,
    households: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    finish: Callable[[StoreCore], object] | None = None,
) -> SampleReport:
    """Generate into `out` atomically: an interrupted run leaves no half-made database.
    `finish` runs on the finished, compacted database before it is moved into place."""
    part = out.with_name(out.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)
    store = StoreCore(part)
    try:
        report = generate_sample(store, households, seed, progress=progress)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.conn.execute("PRAGMA journal_mode=DELETE")
        store.conn.execute("VACUUM")  # a new schema version: anything cached before is void
        if finish is not None:
            finish(store)
    finally:
        store.close()  # before the rename: Windows renames no file that is open
    try:
        os.replace(part, out)
    except OSError as exc:  # on Windows: `out` is open in the app or another program
        raise TuiCiaError(
            f"cannot replace {out}: {exc.strerror or exc}. If it is open in tui-cia or "
            f"another program, close it and try again (the new sample is kept in {part})"
        ) from exc
    return report
