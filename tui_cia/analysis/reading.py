"""Reading several flat tables at once: their chunks shared out among worker threads.

SQLite does the heavy part of each chunk (one query) without holding the GIL, so two threads
with a connection each keep two cores busy. The chunks come from one snapshot of the
database when no other connection committed while they were read (`PRAGMA data_version` of
the caller's connection is unchanged); otherwise, or for a database without a file, the
tables are read again on the caller's connection inside one transaction. Chunks whose
decoded columns the column cache holds, still current, are not read at all (see `cache`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from tui_cia.analysis import cache
from tui_cia.analysis.columns import Request, chunk_starts, join_chunks, read_chunk, read_columns

WORKERS = min(2, os.cpu_count() or 1)
T = TypeVar("T")
R = TypeVar("R")


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def database_file(conn: sqlite3.Connection) -> str | None:
    """The database file of the connection's main schema (None in memory)."""
    for _, name, path in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(path) or None
    return None


def _serial(conn: sqlite3.Connection, requests: list[Request]) -> list[dict[str, Any]]:
    conn.execute("SAVEPOINT analysis_read")  # every table from one snapshot
    try:
        return [read_columns(conn, request) for request in requests]
    finally:
        conn.execute("RELEASE analysis_read")


def on_workers(
    conn: sqlite3.Connection,
    work: Callable[[sqlite3.Connection, T], R],
    tasks: list[T],
) -> list[R]:
    """`work` of each task, in order, shared among worker threads with a connection each to
    the same database (on `conn` alone where that cannot be done)."""
    path = database_file(conn)
    if WORKERS < 2 or path is None or conn.in_transaction or len(tasks) < 2:
        return [work(conn, task) for task in tasks]
    local, opened = threading.local(), []

    def run(task: T) -> R:
        if not hasattr(local, "conn"):
            local.conn = sqlite3.connect(path, check_same_thread=False)
            opened.append(local.conn)
        return work(local.conn, task)

    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            return list(pool.map(run, tasks))
    finally:
        for each in opened:
            each.close()


def read_tables(conn: sqlite3.Connection, requests: list[Request]) -> list[dict[str, Any]]:
    """The columns of each request, as `read_columns` gives them, from one snapshot: chunks
    that are still as the column cache holds them come from there, the others from the
    tables (and go into the cache)."""
    path = database_file(conn)
    if path is None or conn.in_transaction:
        return _serial(conn, requests)
    before = _version(conn)
    plans = [cache.plan(conn, r) for r in requests]
    tasks = [(i, start) for i, r in enumerate(requests) for start in chunk_starts(conn, r.table)]
    done: dict[tuple[int, int], dict[str, Any]] = {}
    for i, (request, table_plan) in enumerate(zip(requests, plans, strict=True)):
        if table_plan is not None:
            for start, columns in cache.lookup(conn, request, table_plan).items():
                done[(i, start)] = columns
    missing = [task for task in tasks if task not in done]
    chunks = on_workers(conn, lambda c, task: read_chunk(c, requests[task[0]], task[1]), missing)
    if _version(conn) != before:
        return _serial(conn, requests)
    fresh = []
    for (i, start), columns in zip(missing, chunks, strict=True):
        done[(i, start)] = columns
        table_plan = plans[i]
        if table_plan is not None:
            fresh.append((requests[i], table_plan, start, columns))
    cache.keep(path, fresh)
    return [
        join_chunks(r, [done[task] for task in tasks if task[0] == i])
        for i, r in enumerate(requests)
    ]


def prepare(
    conn: sqlite3.Connection,
    requests: list[Request],
    batch: int = 16,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Read into the column cache every chunk of these requests that it does not hold
    current, `batch` chunks at a time (so memory stays small; `cancelled` is asked between
    batches); the number of chunks read. Done after a bulk write, so that the next analysis
    finds its columns ready."""
    path = database_file(conn)
    if path is None or conn.in_transaction:
        return 0
    missing: list[tuple[Request, cache.TablePlan, int]] = []
    for request in requests:
        table_plan = cache.plan(conn, request)
        if table_plan is None:
            continue
        held = cache.current_chunks(conn, request, table_plan)
        missing += [
            (request, table_plan, start)
            for start in chunk_starts(conn, request.table)
            if start not in held
        ]
    for at in range(0, len(missing), batch):
        if cancelled is not None and cancelled():
            return at
        part = missing[at : at + batch]
        chunks = on_workers(conn, lambda c, task: read_chunk(c, task[0], task[2]), part)
        cache.keep(path, [(r, p, s, cols) for (r, p, s), cols in zip(part, chunks, strict=True)])
    return len(missing)
