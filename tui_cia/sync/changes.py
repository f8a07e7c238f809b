"""Changes as they travel: history rows with the clock and the version vector they were made
with, read from a database, written to a bundle line, and checked when read back."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from tui_cia.storage.history import OPS
from tui_cia.sync.bundle import BundleRefused

Key = tuple[str, int]  # (device, lamport): one change, the same on every laptop
STATUS_RANK = {"draft": 0, "complete": 1, "verified": 2}
STATUS_TEXTS = frozenset(json.dumps(s) for s in STATUS_RANK)
# Clocks count changes: far below SQLite's integer limit, so a crafted bundle can never push
# this database's clock out of range.
MAX_CLOCK = 2**53


@dataclass(frozen=True)
class SyncChange:
    """One history row: `old`/`new` stay JSON text, exactly as stored."""

    device: str
    lamport: int
    at: str
    enumerator: str
    op: str
    path: str
    label: str
    old: str | None
    new: str | None
    reason: str | None
    seen: dict[str, int]

    @property
    def key(self) -> Key:
        return (self.device, self.lamport)

    def knows(self, other: SyncChange) -> bool:
        """Whether `other` had reached this change's device when this change was made."""
        return other.lamport <= self.seen.get(other.device, 0)

    def row(self) -> list[Any]:
        """The bundle form: a JSON array."""
        return [
            self.device,
            self.lamport,
            self.at,
            self.enumerator,
            self.op,
            self.path,
            self.label,
            self.old,
            self.new,
            self.reason,
            self.seen or None,
        ]


HISTORY_COLUMNS = "device, lamport, at, enumerator, op, path, label, old, new, reason, seen"


def from_db(row: tuple[Any, ...]) -> SyncChange:
    """A change from a `SELECT {HISTORY_COLUMNS}` row."""
    return SyncChange(
        row[0],
        int(row[1]),
        row[2] or "",
        row[3] or "",
        row[4],
        row[5] or "",
        row[6] or "",
        row[7],
        row[8],
        row[9],
        json.loads(row[10]) if row[10] else {},
    )


def record_changes(conn: sqlite3.Connection, uuid: str) -> list[SyncChange]:
    """Every change of a record, the first one's data filled in (see bulk.write_new)."""
    rows = conn.execute(
        f"SELECT {HISTORY_COLUMNS}, revision FROM history WHERE record_uuid = ? ORDER BY revision",
        (uuid,),
    ).fetchall()
    return [from_db(with_first_data(conn, uuid, row)) for row in rows]


def with_first_data(conn: sqlite3.Connection, uuid: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A bulk-written record's first change keeps its data in the record row until the record
    is first edited; a change that travels must carry it."""
    if row[8] is None and row[4] in ("create", "import") and row[11] == 1:
        data = conn.execute("SELECT data FROM records WHERE uuid = ?", (uuid,)).fetchone()[0]
        return (*row[:8], data, *row[9:])
    return row


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def parse_change(raw: Any, where: str) -> SyncChange:
    """A change from a bundle line, or BundleRefused saying which record and what is wrong."""
    if not isinstance(raw, list) or len(raw) != 11:
        raise BundleRefused(f"{where}: a change is not a list of 11 values")
    device, lamport, at, who, op, path, label, old, new, reason, seen = raw
    ok = (
        _text(device)
        and bool(device)
        and type(lamport) is int
        and 0 < lamport < MAX_CLOCK
        and all(_text(v) for v in (at, who, path, label))
        and op in OPS
        and all(_optional_text(v) for v in (old, new, reason))
        and (seen is None or _vector_ok(seen))
    )
    if not ok:
        raise BundleRefused(f"{where}: a change has values of the wrong kind ({op!r})")
    if op == "status" and new not in STATUS_TEXTS:
        raise BundleRefused(f"{where}: a status change to {new} (not draft, complete, verified)")
    return SyncChange(device, lamport, at, who, op, path, label, old, new, reason, seen or {})


def _vector_ok(seen: Any) -> bool:
    return isinstance(seen, dict) and all(
        isinstance(k, str) and type(v) is int and 0 <= v < MAX_CLOCK for k, v in seen.items()
    )
