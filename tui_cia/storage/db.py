"""Opening the database: SQLite in WAL mode, schema migrations applied on open."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tui_cia.errors import TuiCiaError

SCHEMA_VERSION = 7


class StorageError(TuiCiaError):
    """The database cannot be opened or used; the message says what to do."""


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the pragmas every part of tui-cia relies on.

    WAL keeps readers and the writer apart and survives a killed process; synchronous=FULL
    makes each committed answer survive a power cut too. Autocommit mode (isolation_level
    None): every multi-row change opens its own explicit transaction (see `transaction`).
    """
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{path} is not a tui-cia database or is damaged ({exc}); "
            "open another file with --db, or restore a backup"
        ) from exc
    return conn


class transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception: all of a change or none."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def open_database(path: Path | str) -> sqlite3.Connection:
    """Open (creating if missing) and migrate the database at `path`."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise StorageError(f"{path} is a folder: give the database file's path")
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(f"{path} is not a tui-cia database ({exc})") from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise StorageError(
            f"{path} was written by a newer tui-cia (schema {version}); update tui-cia"
        )
    if version < SCHEMA_VERSION:
        migrate(conn, version)
    return conn


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Apply every migration after `version`, each in its own transaction."""
    from tui_cia.storage.schema import MIGRATIONS  # sqlite-utils loads only when needed

    steps: list[tuple[int, Callable[[sqlite3.Connection], None]]] = MIGRATIONS
    for target, step in steps:
        if target > version:
            with transaction(conn):
                step(conn)
                conn.execute(f"PRAGMA user_version={target}")
