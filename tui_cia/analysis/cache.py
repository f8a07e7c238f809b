"""What the analysis decoded from each chunk of a flat table, kept in the database.

Reading a province (millions of rows) from SQLite is most of an analysis's time, and between
two analyses few rows change. So each chunk's decoded columns are stored (`column_cache`)
with the chunk's stamp and the schema version they were read under. Triggers raise a chunk's
stamp on every insert, update or delete of its rows (see `tui_cia.storage.flat`), so an
entry is used only while its chunk holds exactly what it held when the entry was written;
any other chunk is read from the table again. Only tables that have those triggers are
cached, and a database that cannot be written to is simply read every time.

An entry is the columns' raw arrays after a small JSON description of how to rebuild each
(see `pack`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.analysis import columns
from tui_cia.analysis.columns import Request
from tui_cia.storage.flat import CHUNK_SHIFT, stamp_trigger

KEEP = 8  # requests kept per chunk: the newest entries stay
FORMAT = 2  # how chunks are decoded: entries of another format are not used
Chunk = dict[str, Any]


@dataclass
class TablePlan:
    """The cache as one request sees it: its key and the chunks' stamps now."""

    key: str
    schema: int
    stamps: dict[int, int]


def _key(request: Request) -> str:
    specs = [[s.name, s.kind, s.real, s.sql] for s in request.specs]
    return json.dumps([FORMAT, specs, request.where, list(request.params)], ensure_ascii=False)


def _has_triggers(conn: sqlite3.Connection, table: str) -> bool:
    names = [stamp_trigger(table, event) for event in ("insert", "update", "delete")]
    (count,) = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
        "AND name IN (?, ?, ?)",
        (table, *names),
    ).fetchone()
    return int(count) == 3


def plan(conn: sqlite3.Connection, request: Request) -> TablePlan | None:
    """The request's cache key and its table's stamps; None when the table is not cached."""
    if columns.CHUNK != 1 << CHUNK_SHIFT:
        return None  # chunks other than the stamped ones (tests of the reader)
    try:
        if not _has_triggers(conn, request.table):
            return None
        (schema,) = conn.execute("PRAGMA schema_version").fetchone()
        rows = conn.execute("SELECT chunk, stamp FROM chunk_stamps WHERE tbl = ?", (request.table,))
        return TablePlan(_key(request), int(schema), {int(c): int(s) for c, s in rows})
    except sqlite3.Error:
        return None  # an older database, or one without the cache tables: read as before


def chunk_of(start: int) -> int:
    return start >> CHUNK_SHIFT


def _current(
    conn: sqlite3.Connection, request: Request, table_plan: TablePlan, *, data: bool
) -> Iterator[tuple[int, bytes | None]]:
    """(first rowid, the entry's bytes when `data`) of each entry of a request whose chunk
    still has the stamp it was stored with."""
    rows = conn.execute(
        f"SELECT chunk, stamp, {'data' if data else 'NULL'} FROM column_cache "
        "WHERE tbl = ? AND request = ? AND schema = ?",
        (request.table, table_plan.key, table_plan.schema),
    )
    for chunk, stamp, entry in rows:
        if table_plan.stamps.get(int(chunk), 0) == int(stamp):
            yield int(chunk) << CHUNK_SHIFT, entry


def lookup(conn: sqlite3.Connection, request: Request, table_plan: TablePlan) -> dict[int, Chunk]:
    """The cached chunks of a request that are still current, by first rowid."""
    found: dict[int, Chunk] = {}
    names = {s.name for s in request.specs}
    for start, entry in _current(conn, request, table_plan, data=True):
        columns = unpack(entry or b"")
        if columns is not None and set(columns) == names:
            found[start] = columns
    return found


def current_chunks(conn: sqlite3.Connection, request: Request, table_plan: TablePlan) -> set[int]:
    """The first rowids of the chunks the cache holds current for a request (not read)."""
    return {start for start, _ in _current(conn, request, table_plan, data=False)}


def keep(path: str, fresh: list[tuple[Request, TablePlan, int, Chunk]]) -> None:
    """Store freshly read chunks (request, plan, first rowid, columns) in one transaction on
    a connection of its own; a busy or read-only database keeps nothing, silently."""
    entries = []
    for request, table_plan, start, decoded in fresh:
        data = pack(decoded)
        if data is not None:
            chunk = chunk_of(start)
            stamp = table_plan.stamps.get(chunk, 0)
            entries.append((request.table, chunk, table_plan.key, stamp, table_plan.schema, data))
    if not entries:
        return
    try:
        conn = sqlite3.connect(path, timeout=0.5)
    except sqlite3.Error:
        return
    try:
        with conn:
            _write(conn, entries)
    except sqlite3.Error:
        pass  # only a cache: the next analysis reads the table again
    finally:
        conn.close()


def _write(conn: sqlite3.Connection, entries: list[tuple[Any, ...]]) -> None:
    # A sequence number, not a clock: the same reads make the same database.
    (now,) = conn.execute("SELECT coalesce(max(stored_at), 0) + 1 FROM column_cache").fetchone()
    conn.executemany(
        "INSERT OR REPLACE INTO column_cache(tbl, chunk, request, stamp, schema, stored_at, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*e[:5], now, e[5]) for e in entries],
    )
    for table, chunk in {(e[0], e[1]) for e in entries}:
        conn.execute(  # entries of older stamps or schemas, and beyond the newest KEEP
            "DELETE FROM column_cache WHERE tbl = ? AND chunk = ? AND rowid NOT IN ("
            "SELECT c.rowid FROM column_cache c LEFT JOIN chunk_stamps s "
            "ON s.tbl = c.tbl AND s.chunk = c.chunk WHERE c.tbl = ? AND c.chunk = ? "
            "AND c.stamp = coalesce(s.stamp, 0) AND c.schema = ? "
            "ORDER BY c.stored_at DESC LIMIT ?)",
            (table, chunk, table, chunk, entries[0][4], KEEP),
        )


# -- one chunk's columns as bytes and back ----------------------------------------------------
# An entry: 8 bytes giving the header's length, the header (JSON: per column its name, how it
# is rebuilt, and its arrays as [dtype, length, offset]), then the arrays' bytes. Arrays are
# read in place (no copy) and only plain dtypes are accepted: nothing in an entry runs code.

_HEAD = 8
_DTYPES = frozenset("fiuSUb")


def pack(columns: Chunk) -> bytes | None:
    """The columns as bytes; None when a column holds what cannot be stored exactly."""
    described: list[Any] = []
    parts: list[bytes] = []
    at = 0
    for name, value in columns.items():
        put = _put(value)
        if put is None:
            return None
        how, arrays, extra = put
        shapes = []
        for array in arrays:
            raw = np.ascontiguousarray(array).tobytes()
            shapes.append([array.dtype.str, len(array), at])
            parts.append(raw)
            at += len(raw)
        described.append([name, how, shapes, extra])
    head = json.dumps(described, ensure_ascii=False).encode()
    return b"".join([len(head).to_bytes(_HEAD, "little"), head, *parts])


def _put(value: Any) -> tuple[str, list[Any], Any] | None:
    """(how, arrays, what else rebuilding needs) of one column."""
    if isinstance(value, pd.Categorical):
        labels = list(value.categories)
        if not all(type(c) is str for c in labels):
            return None
        how = "categorical-object" if value.categories.dtype == object else "categorical"
        return how, [np.asarray(value.codes)], labels
    if not isinstance(value, np.ndarray) or value.ndim != 1:
        return None
    if value.dtype == object:
        texts = value.tolist()
        plain = all(type(t) is str or t is None for t in texts)
        return ("texts", [], texts) if plain else None
    if value.dtype.kind not in _DTYPES:
        return None
    if value.dtype == np.float64:
        narrow = value.astype(np.float32)
        if np.array_equal(narrow.astype(np.float64), value, equal_nan=True):
            return "float64", [narrow], None  # exact: half the bytes
    return "array", [value], None


def unpack(data: bytes) -> Chunk | None:
    """The columns `pack` stored; None when the bytes are not such an entry."""
    try:
        size = int.from_bytes(data[:_HEAD], "little")
        described = json.loads(data[_HEAD : _HEAD + size])
        body = memoryview(data)[_HEAD + size :]
        return {name: _get(body, how, shapes, extra) for name, how, shapes, extra in described}
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _get(body: memoryview, how: str, shapes: list[Any], extra: Any) -> Any:
    arrays = [_array(body, *shape) for shape in shapes]
    if how == "categorical":  # categories as the reader made them, from a list
        return pd.Categorical.from_codes(arrays[0], categories=list(extra))
    if how == "categorical-object":
        return pd.Categorical.from_codes(arrays[0], categories=pd.Index(extra, dtype=object))
    if how == "texts":
        return np.array(extra, dtype=object)
    if how == "float64":
        return arrays[0].astype(np.float64)
    if how != "array":
        raise ValueError(how)
    return arrays[0]


def _array(body: memoryview, dtype: str, length: int, offset: int) -> Any:
    kind = np.dtype(dtype)
    if kind.kind not in _DTYPES or kind.hasobject:
        raise ValueError(dtype)
    return np.frombuffer(body, dtype=kind, count=int(length), offset=int(offset))
