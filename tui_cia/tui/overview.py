"""What Home shows first, read with plain sqlite3: neither the storage package nor the form
engine is loaded for it, so Home fills while the store is still opening.

The queries are the read-only twins of `Store.counts` and `Store.list_records` (what Home asks
the store once it is open); the village names come from the stored form without parsing it
(`tui_cia.tui.quicklabels`). Anything unexpected (no such file, not a tui-cia database, no
form yet) gives None: Home then waits for the store, which reports the problem properly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_cia.tui.quicklabels import Labels, village_labels
from tui_cia.tui.shipped import first_form

if TYPE_CHECKING:
    import sqlite3  # loaded by the worker that reads, not on the way to the first paint

DRAFTS, RECENT = 50, 30  # how many drafts and recently changed records Home lists


@dataclass(frozen=True)
class RecordLine:
    """One line of Home's records table (the fields of `RecordSummary` it shows)."""

    uuid: str
    status: str
    round: int | None
    area: str | None
    key: str | None
    name: str | None
    modified_at: str | None


@dataclass(frozen=True)
class Overview:
    """Home's tables for the form shown: record counts per village, round and status, the
    drafts and recent records, and the village names (empty when they need the parsed form)."""

    form_id: str
    counts: list[tuple[str | None, int | None, str, int]]
    records: list[RecordLine]
    labels: Labels = field(default_factory=Labels)


class ReadAhead:
    """`db_ready` (the demo's scratch copy), then `read_overview`, in a thread started at once:
    the command line starts it before Textual loads, so the two overlap."""

    def __init__(self, path: Path, db_ready: Callable[[], object] | None = None) -> None:
        self._done = threading.Event()
        self._overview: Overview | None = None
        self._error: BaseException | None = None
        # Not a daemon: a scratch copy being made is finished even if the app ends first.
        threading.Thread(target=self._run, args=(path, db_ready), name="first-read").start()

    def _run(self, path: Path, db_ready: Callable[[], object] | None) -> None:
        try:
            if db_ready is not None:
                db_ready()
            self._overview = read_overview(path)
        except BaseException as exc:  # handed to whoever waits for the result
            self._error = exc
        finally:
            self._done.set()

    def ready(self) -> Overview | None:
        """The overview if it is read already (without waiting), else None."""
        return self._overview if self._done.is_set() else None

    def result(self) -> Overview | None:
        """The overview, or the error of making it, waiting for them: call from a worker."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._overview


def read_overview(path: Path) -> Overview | None:
    """Home's first tables from the database at `path`, or None (see the module docstring)."""
    if not path.is_file():
        return None
    import sqlite3

    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA query_only = 1")  # a look, never a change: the store writes
        # Mapped pages: the scans read the file without a system call per page, which in a
        # thread beside Textual's start keeps them short.
        conn.execute("PRAGMA mmap_size = 268435456")
        return _read(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def read_tables(
    path: Path, form_id: str, search: str = ""
) -> tuple[list[tuple[str | None, int | None, str, int]], list[Any]] | None:
    """Home's tables once the store is open, on a connection of their own (from a worker):
    the counts, and the records found by `search` or else the drafts and recent ones. None
    if the database cannot be read just now (the tables then stay as they are)."""
    import sqlite3

    from tui_cia.storage.queries import search_records

    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA query_only = 1")
        found = counts(conn, form_id)
        if search.strip():
            return found, list(search_records(conn, search, form_id))
        return found, list(records(conn, form_id))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection) -> Overview | None:
    form_id = first_form([r[0] for r in conn.execute("SELECT DISTINCT form_id FROM form_versions")])
    if form_id is None:
        return None
    found, lines = counts(conn, form_id), records(conn, form_id)
    wanted = {r[0] for r in found if r[0]} | {r.area for r in lines if r.area}
    return Overview(form_id, found, lines, labels(conn, form_id, wanted))


def counts(conn: sqlite3.Connection, form_id: str) -> list[tuple[str | None, int | None, str, int]]:
    rows = conn.execute(
        "SELECT area, round, status, count(*) FROM records WHERE form_id = ? AND deleted = 0 "
        "GROUP BY area, round, status ORDER BY area, round, status",
        (form_id,),
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def records(conn: sqlite3.Connection, form_id: str) -> list[RecordLine]:
    """The drafts, then the recently changed records that are not among them."""
    sql = (
        "SELECT uuid, status, round, area, key_text, instance_name, modified_at FROM records "
        "WHERE form_id = ? AND deleted = 0 {status} ORDER BY modified_at DESC, rowid LIMIT ?"
    )
    drafts = conn.execute(sql.format(status="AND status = 'draft'"), (form_id, DRAFTS))
    found = [RecordLine(*r) for r in drafts]
    seen = {r.uuid for r in found}
    recent = conn.execute(sql.format(status=""), (form_id, RECENT))
    return found + [line for r in recent if (line := RecordLine(*r)).uuid not in seen]


def labels(conn: sqlite3.Connection, form_id: str, wanted: set[str]) -> Labels:
    """The names of the `wanted` villages, as the form's newest version has them."""
    row = conn.execute(
        "SELECT yaml, files FROM form_versions WHERE form_id = ? "
        "ORDER BY stored_at DESC, rowid DESC LIMIT 1",
        (form_id,),
    ).fetchone()
    return village_labels(row[0], row[1] or "{}", wanted) if row is not None else Labels()
