"""Writing a checked import in short slices, so that other programs can write in between.

The importer checks the whole file first and keeps the rows of its records in a spool (a
temporary file, so that a province's file is never held in memory); only when every record
is good are they written, SLICE records to a transaction. Between two slices the lock is
free, and a program that waits for it (see `writers.yield_to_waiters`) goes first.

A killed import leaves the slices it committed: whole records, each with its history, never
half a record. Running the same import again with `resume` adds the rest: a record already
in the database with the same answers is skipped, one with other answers is a problem.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from tui_cia.storage.bulk import Author, NewRows, insert_history
from tui_cia.storage.db import transaction
from tui_cia.storage.store import next_lamport
from tui_cia.storage.writers import yield_to_waiters

# Records written in one transaction at most: a slice of a household form takes a few tens
# of milliseconds, so that another program's save waits at most about that long. A slice
# that takes longer than SLICE_SECONDS makes the next one smaller (down to MIN_SLICE).
SLICE = 200
SLICE_SECONDS = 0.1
MIN_SLICE = 25

# The columns of a record row (bulk.RECORD_COLUMNS) that say whether two are the same
# record as imported: form version (hash), status, deleted, data.
SAME_COLUMNS = (3, 4, 5, 17)


def stored_rows(conn: sqlite3.Connection, uuids: list[str]) -> dict[str, tuple[Any, ...]]:
    """By uuid, the (form hash, status, deleted, data) of those of `uuids` stored here."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(uuids), 500):
        part = uuids[start : start + 500]
        marks = ", ".join("?" * len(part))
        rows = conn.execute(
            f"SELECT uuid, form_hash, status, deleted, data FROM records WHERE uuid IN ({marks})",
            part,
        )
        found.update((row[0], tuple(row[1:])) for row in rows)
    return found


def same_record(row: tuple[Any, ...], stored: tuple[Any, ...]) -> bool:
    """Whether a stored record is this row as an import writes it (imported before). A
    file without roster ids gets new ones each time: they do not count."""
    mine = tuple(row[i] for i in SAME_COLUMNS)
    if mine == tuple(stored):
        return True
    if mine[:3] != tuple(stored[:3]):
        return False
    try:
        return bool(_without_ids(json.loads(mine[3])) == _without_ids(json.loads(stored[3])))
    except (TypeError, ValueError):
        return False


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "_id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


class Spool:
    """The checked rows of an import, chunk after chunk, in a temporary file."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None  # made at the first rows, removed by `close`
        self.chunks = 0

    def add(self, rows: NewRows) -> None:
        if not rows.records:
            return
        if self.file is None:
            self.file = tempfile.TemporaryFile(prefix="tui-cia-import-")  # noqa: SIM115
        pickle.dump(rows, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks += 1

    def __iter__(self) -> Iterator[NewRows]:
        if self.file is None:
            return
        self.file.seek(0)
        for _ in range(self.chunks):
            yield pickle.load(self.file)  # our own file, written just now

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


@dataclass
class Written:
    """What the slices did: records added, records another program added meanwhile (the
    same ones: skipped; others: left out, by uuid)."""

    added: int = 0
    skipped: int = 0
    clashes: list[str] = field(default_factory=list)


def write_slices(
    conn: sqlite3.Connection, db_path: str, spool: Spool, who: Author, done: Written
) -> None:
    """Every spooled record, SLICE at most to a transaction (fewer when a slice takes longer
    than SLICE_SECONDS, on a slow disk or a busy machine), letting waiting programs in
    between; `done` counts what was committed, even when a slice then fails."""
    size = SLICE
    for rows in spool:
        start = 0
        while start < len(rows.records):
            began = time.perf_counter()
            with transaction(conn):
                _write_slice(conn, rows.part(start, size), who, done)
            start += size
            size = next_size(size, time.perf_counter() - began)
            yield_to_waiters(db_path)


def next_size(size: int, seconds: float) -> int:
    """The next slice's size: halved after a slow slice, grown back after a quick one."""
    if seconds > SLICE_SECONDS:
        return max(min(MIN_SLICE, SLICE), size // 2)
    if seconds < SLICE_SECONDS / 2:
        return min(SLICE, size * 2)
    return size


def _write_slice(conn: sqlite3.Connection, rows: NewRows, who: Author, done: Written) -> None:
    """One slice, inside its transaction. The uuids were new when the file was checked; one
    that another program added since (two imports of one file at once) is left out."""
    uuids = [row[0] for row in rows.records]
    there = stored_rows(conn, uuids)
    if there:
        for row in rows.records:
            if row[0] in there:
                if same_record(row, there[row[0]]):
                    done.skipped += 1
                else:
                    done.clashes.append(row[0])
        uuids = [u for u in uuids if u not in there]
        rows = rows.select(set(uuids))
    if not uuids:
        return
    rows.insert(conn)
    insert_history(conn, uuids, who, "import", next_lamport(conn))
    done.added += len(uuids)
