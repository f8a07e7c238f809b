"""Opening the database (SQLite in WAL mode, migrations applied on open), its transactions,
and DatabaseBusy: another program kept the write lock longer than this one would wait."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui_cia.errors import TuiCiaError
from tui_cia.storage import writers

SCHEMA_VERSION = 7

LOCK_WAIT_VAR = "TUI_CIA_LOCK_WAIT"  # seconds a write waits for another program's lock
LOCK_WAIT_SECONDS = 30.0

# What each kind of writer is called in Thai (see writers.register_writer).
KIND_TH = {
    writers.APP: "โปรแกรม tui-cia",
    writers.RECORDS_IMPORT: "การนำเข้าข้อมูล",
    writers.BUNDLE_IMPORT: "การรับชุดข้อมูล",
    writers.BUNDLE_EXPORT: "การส่งออกชุดข้อมูล",
}


class StorageError(TuiCiaError):
    """The database cannot be opened or used; the message says what to do."""


class DatabaseBusy(StorageError):
    """Another program held the write lock for longer than this one would wait: nothing was
    written; `holder` names the kind of program (None when it did not say), `pid` its id."""

    def __init__(self, holder: str | None = None, pid: int | None = None) -> None:
        self.holder, self.pid = holder, pid
        super().__init__(self.message("en"))

    @classmethod
    def of(cls, path: Path | str) -> DatabaseBusy:
        """The error for the database at `path`, naming the writer that registered there."""
        found = writers.holder_of(path)
        return cls(found.kind, found.pid) if found else cls()

    @classmethod
    def of_connection(cls, conn: sqlite3.Connection) -> DatabaseBusy:
        path = database_path(conn)
        return cls.of(path) if path else cls()

    def message(self, lang: str = "en") -> str:
        """What to tell people, in Thai (th) or English: who holds the lock, and to try
        again when it finishes."""
        pid = f", pid {self.pid}" if self.pid else ""
        if lang == "th":
            if self.holder is None:
                return "ฐานข้อมูลถูกใช้อยู่โดยโปรแกรมอื่น: รอให้เสร็จแล้วลองอีกครั้ง"
            name = KIND_TH.get(self.holder, "โปรแกรมอื่น")
            return f"ฐานข้อมูลถูกใช้อยู่โดย {name} ({self.holder}{pid}): รอให้เสร็จแล้วลองอีกครั้ง"
        if self.holder is None:
            return (
                "the database is in use by another program: wait for it to finish, then try again"
            )
        who = f"{self.holder} ({pid[2:]})" if pid else self.holder
        return f"the database is in use by {who}: wait for it to finish, then try again"


def lock_wait_ms() -> int:
    """How long a write waits for another program's lock: TUI_CIA_LOCK_WAIT seconds (30 by
    default; tests set it small)."""
    try:
        seconds = float(os.environ.get(LOCK_WAIT_VAR, LOCK_WAIT_SECONDS))
    except ValueError:
        seconds = LOCK_WAIT_SECONDS
    return max(0, int(seconds * 1000))


def is_busy(exc: BaseException) -> bool:
    """Whether SQLite said the database is locked (SQLITE_BUSY or SQLITE_LOCKED)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "is locked" in text


def database_path(conn: sqlite3.Connection) -> str:
    """The file of the connection's main database ('' for one in memory)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2] or "") if row else ""


def busy_timeout(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA busy_timeout").fetchone()[0])


# Guards each read-and-set of a connection's busy timeout: the app's threads share one
# connection, and a timeout set by one must not be "restored" over by another.
_timeout_lock = threading.Lock()


def set_busy_timeout(conn: sqlite3.Connection, ms: int) -> int:
    """Set the connection's busy timeout; the one it had."""
    with _timeout_lock:
        before = busy_timeout(conn)
        conn.execute(f"PRAGMA busy_timeout={max(0, int(ms))}")
    return before


def begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE: at once when no one writes; else announced as waiting (so that a long
    writer lets us in between its slices) for up to the busy timeout; then DatabaseBusy."""
    with _timeout_lock:  # try without waiting first: a free lock needs no announcement
        wait = busy_timeout(conn)
        conn.execute("PRAGMA busy_timeout=0")
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
        finally:
            conn.execute(f"PRAGMA busy_timeout={wait}")
    path = database_path(conn)
    try:
        if path and wait > 0:
            with writers.waiting(path):
                conn.execute("BEGIN IMMEDIATE")
        else:
            conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise (DatabaseBusy.of(path) if path else DatabaseBusy()) from exc
        raise


def connect(path: Path | str, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """A connection with the pragmas every part of tui-cia relies on.

    WAL keeps readers and the writer apart and survives a killed process; synchronous=FULL
    makes each committed answer survive a power cut too. Autocommit mode (isolation_level
    None): every multi-row change opens its own explicit transaction (see `transaction`).
    A write that finds another program writing waits up to `busy_timeout_ms` (by default
    TUI_CIA_LOCK_WAIT seconds, see `lock_wait_ms`), then raises DatabaseBusy.
    """
    wait = lock_wait_ms() if busy_timeout_ms is None else busy_timeout_ms
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={int(wait)}")  # first: WAL may need the lock
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise DatabaseBusy.of(path) from exc
        raise StorageError(
            f"{path} is not a tui-cia database or is damaged ({exc}); "
            "open another file with --db, or restore a backup"
        ) from exc
    return conn


class transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception: all of a change or none.

    A database another program is writing is waited for (the connection's busy timeout),
    then DatabaseBusy is raised, naming that program; nothing of the change is written."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        begin_immediate(self.conn)
        return self.conn

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        if kind is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self._rollback()
                if is_busy(exc):
                    raise DatabaseBusy.of_connection(self.conn) from exc
                raise
            return
        self._rollback()
        if isinstance(value, sqlite3.OperationalError) and is_busy(value):
            raise DatabaseBusy.of_connection(self.conn) from value

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Reads in the block see one state of the database (one WAL snapshot), whatever other
    programs commit meanwhile; it takes no lock, so writers are not kept waiting."""
    if conn.in_transaction:  # the caller's transaction is the snapshot already
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def open_database(path: Path | str, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
    """Open (creating if missing) and migrate the database at `path`."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise StorageError(f"{path} is a folder: give the database file's path")
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, busy_timeout_ms)
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_busy(exc):
            raise DatabaseBusy.of(path) from exc
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
    """Apply every migration after `version`, each in its own transaction (read again once
    the lock is held: two programs may open a new database at once)."""
    from tui_cia.storage.schema import MIGRATIONS  # sqlite-utils loads only when needed

    steps: list[tuple[int, Callable[[sqlite3.Connection], None]]] = MIGRATIONS
    for target, step in steps:
        if target > version:
            with transaction(conn):
                if schema_version(conn) >= target:
                    continue  # another program opening the database took this step first
                step(conn)
                conn.execute(f"PRAGMA user_version={target}")
