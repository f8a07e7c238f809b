"""Reading records: lists with filters, Thai substring search, history, duplicates, counts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from tui_cia.storage import history
from tui_cia.storage.store import RecordNotFound, StoreCore

SUMMARY_COLUMNS = (
    "uuid, form_id, status, deleted, revision, round, area, key_text, instance_name, "
    "created_at, modified_at, modified_by, modified_device"
)
SORTABLE = {"modified_at", "created_at", "area", "round", "status", "key_text", "instance_name"}


@dataclass
class RecordSummary:
    """One line of a record list."""

    uuid: str
    form_id: str
    status: str
    deleted: bool
    revision: int
    round: int | None
    area: str | None
    key: str | None
    name: str | None
    created_at: str
    modified_at: str | None
    modified_by: str | None
    modified_device: str | None


def _summary(row: tuple[Any, ...]) -> RecordSummary:
    values = list(row)
    values[3] = bool(values[3])
    return RecordSummary(*values)


@dataclass
class DuplicateGroup:
    """Live records that share a key and a round."""

    key: str
    round: int | None
    uuids: list[str]


def search_records(
    conn: sqlite3.Connection, text: str, form_id: str | None = None, limit: int = 50
) -> list[RecordSummary]:
    """Live records whose house number, names or instance name contain `text` (Thai too), on
    any connection to the database (Home searches on one of its own, off the event loop)."""
    text = text.strip()
    if not text:
        return []
    # LIKE on a trigram FTS5 table uses its index (3 characters or more); the wildcards
    # themselves are dropped from what people type.
    pattern = "%" + text.replace("%", "").replace("_", "") + "%"
    # Under three characters the trigram index cannot answer: scan the text instead.
    column = "text" if len(text) >= 3 else "(text || '')"
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM records WHERE deleted = 0 AND rowid IN "
        f"(SELECT rowid FROM records_fts WHERE {column} LIKE ?)"
    )
    args: list[Any] = [pattern]
    if form_id:
        sql += " AND form_id = ?"
        args.append(form_id)
    sql += f" ORDER BY modified_at DESC LIMIT {int(limit)}"
    return [_summary(r) for r in conn.execute(sql, args)]


def live_rounds(conn: sqlite3.Connection, form_id: str, area: str = "") -> list[int]:
    """The survey rounds a form has live records of (in an area and the areas inside it,
    when `area` is given), newest first."""
    sql = "SELECT DISTINCT round FROM records WHERE form_id = ? AND deleted = 0"
    args: list[Any] = [form_id]
    if area:
        sql += " AND area LIKE ?"
        args.append(area.replace("%", "").replace("_", "") + "%")
    rows = conn.execute(sql + " AND round IS NOT NULL ORDER BY round DESC", args)
    return [int(r) for (r,) in rows]


class Queries(StoreCore):
    """The read side of the store."""

    def list_records(
        self,
        form_id: str | None = None,
        *,
        area: str | None = None,
        round: int | None = None,
        status: str | None = None,
        include_deleted: bool = False,
        order_by: str = "modified_at",
        descending: bool = True,
        limit: int | None = None,
    ) -> list[RecordSummary]:
        """Records filtered by form, area code prefix (village, tambon, …), round, status."""
        where, args = ["1 = 1"], []
        for column, value in (("form_id", form_id), ("round", round), ("status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if area:
            where.append("area LIKE ?")
            args.append(area + "%")
        if not include_deleted:
            where.append("deleted = 0")
        order = order_by if order_by in SORTABLE else "modified_at"
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM records WHERE {' AND '.join(where)} "
            f"ORDER BY {order} {'DESC' if descending else 'ASC'}, rowid"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_summary(r) for r in self.conn.execute(sql, args)]

    def search(self, text: str, form_id: str | None = None, limit: int = 50) -> list[RecordSummary]:
        """Live records whose house number, names or instance name contain `text` (Thai too)."""
        return search_records(self.conn, text, form_id, limit)

    def history(self, uuid: str) -> list[history.Change]:
        rows = self.conn.execute(
            "SELECT revision, at, device, enumerator, op, path, label, old, new, reason, lamport "
            "FROM history WHERE record_uuid = ? ORDER BY revision",
            (uuid,),
        ).fetchall()
        if not rows:
            raise RecordNotFound(f"no record {uuid}")
        if rows[0][8] is None and rows[0][4] in ("create", "import"):
            rows[0] = (*rows[0][:8], self._row_data_text(uuid), *rows[0][9:])  # bulk.write_new
        return [
            history.Change(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5] or "",
                r[6] or "",
                history.decode(r[7]),
                history.decode(r[8]),
                r[9],
                r[10],
            )
            for r in rows
        ]

    def as_of(self, uuid: str, revision: int) -> dict[str, Any]:
        """The record's data as it was right after `revision`, calculations recomputed."""
        from tui_cia.survey import load_data

        changes = self.history(uuid)
        data = history.replay(changes, revision)
        form_id, form_hash = self.conn.execute(
            "SELECT form_id, form_hash FROM records WHERE uuid = ?", (uuid,)
        ).fetchone()
        session, _ = load_data(
            self.forms.get(form_id, content_hash=form_hash), data, today=self.today
        )
        return session.to_data()

    def duplicates(self, form_id: str) -> list[DuplicateGroup]:
        """Live records with the same key and round (a household keyed twice)."""
        rows = self.conn.execute(
            "SELECT key_text, round, group_concat(uuid, ' ') FROM records "
            "WHERE form_id = ? AND deleted = 0 AND key_text IS NOT NULL "
            "GROUP BY key_text, round HAVING count(*) > 1 ORDER BY key_text, round",
            (form_id,),
        )
        return [DuplicateGroup(r[0], r[1], sorted(r[2].split())) for r in rows]

    def counts(self, form_id: str) -> list[tuple[str | None, int | None, str, int]]:
        """(area, round, status, records) of live records: the home screen's table."""
        rows = self.conn.execute(
            "SELECT area, round, status, count(*) FROM records WHERE form_id = ? AND deleted = 0 "
            "GROUP BY area, round, status ORDER BY area, round, status",
            (form_id,),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def _row_data_text(self, uuid: str) -> str:
        row = self.conn.execute("SELECT data FROM records WHERE uuid = ?", (uuid,)).fetchone()
        return str(row[0])

    def data(self, uuid: str) -> dict[str, Any]:
        """The record's answers now (with repeat ids), even between two snapshots."""
        row = self.conn.execute(
            "SELECT data, data_revision, revision FROM records WHERE uuid = ?", (uuid,)
        ).fetchone()
        if row is None:
            raise RecordNotFound(f"no record {uuid}")
        if row[1] >= row[2]:
            return dict(json.loads(row[0]))
        return self.open(uuid, include_deleted=True).session.to_data(ids=True)

    def checkpoint_all(self) -> int:
        """Bring every record's snapshot up to date (before exports and analysis)."""
        stale = [
            u
            for (u,) in self.conn.execute("SELECT uuid FROM records WHERE data_revision < revision")
        ]
        for uuid in stale:
            self.checkpoint(self.open(uuid, include_deleted=True))
        return len(stale)
