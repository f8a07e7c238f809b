"""Per-database settings: this device's id and the enumerator's name."""

from __future__ import annotations

import sqlite3
import uuid


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def device_id(conn: sqlite3.Connection) -> str:
    """This database's device id, made once: it travels with every change in history."""
    found = get_setting(conn, "device_id")
    if found is None:
        found = uuid.uuid4().hex[:12]
        set_setting(conn, "device_id", found)
    return found


def new_device_id(conn: sqlite3.Connection) -> str:
    """A fresh device id, for a database file copied from another laptop: two copies must
    never write changes under the same id (call inside a transaction)."""
    found = uuid.uuid4().hex[:12]
    set_setting(conn, "device_id", found)
    return found


def enumerator(conn: sqlite3.Connection) -> str:
    return get_setting(conn, "enumerator") or ""
