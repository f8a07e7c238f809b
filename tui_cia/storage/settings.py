"""Per-database settings: this device's id, the enumerator's name and the work context."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from dataclasses import dataclass


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


@dataclass(frozen=True)
class WorkContext:
    """Who is keying, the round being keyed and its survey period, and the area worked.

    `area` is a tambon (6 digits) or village (8 digits) code of the form's area lists, or
    blank. Dates are Gregorian (shown in the Buddhist Era)."""

    keyer: str
    round: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    area: str = ""

    def survey_date(self, today: dt.date) -> dt.date | None:
        """A new record's survey date: today if it is in the period, else the period's start
        (never today's date in another year)."""
        if self.start is None or self.end is None:
            return None
        return today if self.start <= today <= self.end else self.start


def work_context(conn: sqlite3.Connection) -> WorkContext | None:
    """The work context kept in the database, or None before the keyer has given a name."""
    keyer = enumerator(conn)
    if not keyer:
        return None
    try:
        kept = json.loads(get_setting(conn, "work_context") or "{}")
        return WorkContext(
            keyer,
            int(kept["round"]) if kept.get("round") else None,
            dt.date.fromisoformat(kept["start"]) if kept.get("start") else None,
            dt.date.fromisoformat(kept["end"]) if kept.get("end") else None,
            str(kept.get("area") or ""),
        )
    except (ValueError, TypeError, KeyError, AttributeError):  # a damaged setting: the name only
        return WorkContext(keyer)


def set_work_context(conn: sqlite3.Connection, context: WorkContext) -> None:
    """Keep `context` (call inside a transaction); the keyer is the enumerator of changes."""
    set_setting(conn, "enumerator", context.keyer)
    kept = {
        "round": context.round,
        "start": context.start.isoformat() if context.start else None,
        "end": context.end.isoformat() if context.end else None,
        "area": context.area,
    }
    set_setting(conn, "work_context", json.dumps(kept, sort_keys=True))
