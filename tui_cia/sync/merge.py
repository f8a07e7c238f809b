"""Merging one bundle record into the database, answer by answer (inside a transaction)."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_cia.storage.bulk import NewRows
from tui_cia.storage.rowmeta import area_of, key_text, round_of
from tui_cia.storage.store import STATUSES, OpenRecord
from tui_cia.sync.bundle import BundleRefused
from tui_cia.sync.changes import SyncChange, parse_change, record_changes
from tui_cia.sync.materialize import DATA_OPS, Merged, materialize, ordered, shown

if TYPE_CHECKING:
    from tui_cia.storage import Store
    from tui_cia.survey import Form

CREATING = ("create", "import")


@dataclass
class Incoming:
    """A bundle record, checked: who made it, how it started, and the changes it carries."""

    uuid: str
    form_id: str
    form_hash: str
    created_at: str
    created_device: str
    created_by: str
    status: str
    deleted: bool
    instance_name: str
    confirmed: list[str]
    changes: list[SyncChange]


def parse_record(raw: dict[str, Any], number: int) -> Incoming:
    """A record line of a bundle, or BundleRefused naming the record and the problem."""
    where = f"record {number} ({raw.get('uuid', 'no uuid')})"
    try:
        uuid = str(uuidlib.UUID(str(raw["uuid"])))
        texts = [raw[k] for k in ("form_id", "form_hash", "created_at", "created_device")]
        if not all(isinstance(t, str) and t for t in texts):
            raise ValueError("identity")
        changes = [parse_change(c, where) for c in raw["changes"]]
        status, deleted = raw["status"], raw["deleted"]
        if status not in STATUSES or not isinstance(deleted, bool):
            raise ValueError("status")
        confirmed = [str(c) for c in raw.get("confirmed") or []]
    except (KeyError, ValueError, TypeError):
        raise BundleRefused(f"{where}: its identity or status is missing or malformed") from None
    if not changes:
        raise BundleRefused(f"{where}: it carries no changes")
    by_key = {c.key: c for c in changes}
    return Incoming(
        uuid,
        texts[0],
        texts[1],
        texts[2],
        texts[3],
        str(raw.get("created_by") or ""),
        status,
        deleted,
        str(raw.get("instance_name") or ""),
        confirmed,
        ordered(list(by_key.values())),
    )


@dataclass
class Outcome:
    kind: str  # added, updated or unchanged
    conflicts: int = 0


class Merger:
    """Merges records into one store; new records are collected and written in bulk.

    With `check_only` nothing is written: each record is judged as a merge would judge it
    (refused, or added, updated, unchanged), so that a bundle written in slices is known to
    fit before its first slice is committed (see mergeslices)."""

    def __init__(self, store: Store, now: str, check_only: bool = False) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.now = now
        self.check_only = check_only
        self.new_rows: list[tuple[Incoming, Merged, Form]] = []
        self.present: set[str] | None = None

    def look_up(self, uuids: list[str]) -> None:
        """Learn which of these records the database has, in a few queries instead of one
        per record (most records of a big first bundle are new)."""
        self.present = set()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT uuid FROM records WHERE uuid IN ({marks})", chunk)
            self.present.update(r[0] for r in rows)

    def merge(self, rec: Incoming) -> Outcome:
        if self.present is not None and rec.uuid not in self.present:
            return self._add(rec)
        row = self.conn.execute(
            "SELECT form_id, form_hash, status, deleted, revision FROM records WHERE uuid = ?",
            (rec.uuid,),
        ).fetchone()
        if row is None:
            return self._add(rec)
        if row[0] != rec.form_id:
            raise BundleRefused(
                f"record {rec.uuid} is a '{row[0]}' record here but a '{rec.form_id}' record "
                "in the bundle: refused"
            )
        local = record_changes(self.conn, rec.uuid)
        known = {c.key for c in local}
        fresh = [c for c in rec.changes if c.key not in known]
        if not fresh:
            return Outcome("unchanged")
        return self._update(rec, row, local, fresh)

    # -- a record this database has not seen ---------------------------------------------------
    def _add(self, rec: Incoming) -> Outcome:
        if rec.changes[0].op not in CREATING:
            raise BundleRefused(
                f"record {rec.uuid} is new here but the bundle lacks its first change: ask the "
                "sender for a full bundle (tui-cia bundle export --all)"
            )
        form = self.store.forms.get(rec.form_id, content_hash=rec.form_hash)
        merged = _materialized(rec.uuid, rec.changes, rec.status, rec.deleted)
        _recheck(form, merged, self.store.today)
        only_created = all(c.op not in DATA_OPS or c.op in CREATING for c in rec.changes)
        check = _fits if only_created else _checked
        merged.data = check(form, merged.data, rec.uuid)
        if not self.check_only:
            self.new_rows.append((rec, merged, form))
        return Outcome("added", len(merged.conflicts))

    def flush(self) -> None:
        """Write the new records collected by `merge`: one executemany per table."""
        if not self.new_rows:
            return
        rows, changes = NewRows(), []
        for rec, merged, form in self.new_rows:
            meta = (merged.status, int(merged.deleted), form.version, rec.changes[-1].at)
            rows.add(form, _record_row(rec, merged, form), merged.data, rec.instance_name, meta)
            changes += [_history_row(rec.uuid, n, c) for n, c in enumerate(rec.changes, 1)]
        rows.insert(self.conn)
        self.conn.executemany(INSERT_HISTORY, changes)
        for rec, merged, _ in self.new_rows:
            if merged.conflicts:
                self._save_conflicts(rec.uuid, merged)
        self.new_rows = []

    # -- a record both sides have -------------------------------------------------------------
    def _update(
        self, rec: Incoming, row: tuple[Any, ...], local: list[SyncChange], fresh: list[SyncChange]
    ) -> Outcome:
        uuid = rec.uuid
        if not self.check_only:
            keep_first_data(self.conn, uuid)
        before = self.store.data(uuid)
        status0, deleted0 = _initial(local, row[2], bool(row[3]))
        merged = _materialized(uuid, local + fresh, status0, deleted0)
        form = self.store.forms.get(row[0], content_hash=row[1])
        _recheck(form, merged, self.store.today)
        data = _checked(form, shown(merged, before, self.store.device), uuid)
        if self.check_only:
            return Outcome("updated", len(merged.conflicts))
        revision = int(row[4])
        self.conn.executemany(
            INSERT_HISTORY,
            [_history_row(uuid, revision + n, c) for n, c in enumerate(ordered(fresh), 1)],
        )
        revision += len(fresh)
        self._rewrite(rec, form, data, merged, revision)
        self._save_conflicts(uuid, merged)
        return Outcome("updated", len(merged.conflicts))

    def _rewrite(
        self, rec: Incoming, form: Form, data: dict[str, Any], merged: Merged, revision: int
    ) -> None:
        from tui_cia.survey import load_data

        session, _ = load_data(form, data, today=self.store.today)
        old = self.conn.execute("SELECT confirmed FROM records WHERE uuid = ?", (rec.uuid,))
        session.confirmed = set(json.loads(old.fetchone()[0] or "[]")) | set(rec.confirmed)
        live = OpenRecord(rec.uuid, form, session, merged.status, revision, merged.deleted)
        self.store._write_row(live, self.now)
        newest = self.conn.execute(
            "SELECT at, device, enumerator FROM history WHERE record_uuid = ? "
            "ORDER BY lamport DESC LIMIT 1",
            (rec.uuid,),
        ).fetchone()
        self.conn.execute(
            "UPDATE records SET modified_at = ?, modified_device = ?, modified_by = ? "
            "WHERE uuid = ?",
            (*newest, rec.uuid),
        )

    def _save_conflicts(self, uuid: str, merged: Merged) -> None:
        self.conn.execute("DELETE FROM conflicts WHERE record_uuid = ?", (uuid,))
        self.conn.executemany(
            "INSERT INTO conflicts(record_uuid, path, label, heads, found_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (uuid, c.path, c.label, json.dumps([h.row() for h in c.heads]), self.now)
                for c in merged.conflicts
            ],
        )


def keep_first_data(conn: sqlite3.Connection, uuid: str) -> None:
    """Before a bulk-written record's row is rewritten, its first change takes the data it
    has shared with the row until now (see bulk.write_new)."""
    conn.execute(
        "UPDATE history SET new = (SELECT data FROM records WHERE uuid = ?) "
        "WHERE record_uuid = ? AND revision = 1 AND new IS NULL",
        (uuid, uuid),
    )


INSERT_HISTORY = (
    "INSERT INTO history(record_uuid, revision, device, lamport, at, enumerator, op, path, "
    "label, old, new, reason, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _history_row(uuid: str, revision: int, c: SyncChange) -> tuple[Any, ...]:
    seen = json.dumps(c.seen, sort_keys=True) if c.seen else None
    return (uuid, revision, *c.row()[:10], seen)


def _materialized(uuid: str, changes: list[SyncChange], status: str, deleted: bool) -> Merged:
    try:
        return materialize(changes, status, deleted)
    except json.JSONDecodeError:
        raise BundleRefused(f"record {uuid}: a change's value is not JSON: refused") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError):
        raise BundleRefused(
            f"record {uuid}: its changes do not fit together (a value of the wrong shape): refused"
        ) from None


def _recheck(form: Form, merged: Merged, today: Any) -> None:
    """Edits made side by side that together no longer pass every check send the record back
    to draft. Judged on the merged answers every laptop computes alike, not on what one shows."""
    if not merged.concurrent_edits or merged.status == "draft":
        return
    from tui_cia.survey import load_data

    session, problems = load_data(form, merged.data, today=today)
    if not problems and session.completion_problems():
        merged.status = "draft"


def _initial(local: list[SyncChange], status: str, deleted: bool) -> tuple[str, bool]:
    """The status and deleted flag a record was created with: the `old` of the first change
    to each, or the row's own when nothing ever changed them."""
    from tui_cia.storage.history import decode

    for change in ordered(local):
        if change.op == "status":
            status = str(decode(change.old))
            break
    for change in ordered(local):
        if change.op in ("delete", "restore"):
            deleted = bool(decode(change.old))
            break
    return status, deleted


def _checked(form: Form, data: dict[str, Any], uuid: str) -> dict[str, Any]:
    """The data, calculations recomputed, if every value fits the form's fields."""
    from tui_cia.survey import load_data

    session, problems = load_data(form, data)
    _refuse_if(problems, uuid)
    return session.to_data(ids=True)


def _fits(form: Form, data: dict[str, Any], uuid: str) -> dict[str, Any]:
    """A record's first data as its sender stored it (calculated there), if every value fits."""
    from tui_cia.survey import data_problems

    _refuse_if(data_problems(form, data), uuid)
    return data


def _refuse_if(problems: list[Any], uuid: str) -> None:
    if problems:
        first = problems[0]
        raise BundleRefused(
            f"record {uuid}: {first.where}: {first.problem.message('en')}: the bundle does not "
            "fit the form it names, so nothing was imported"
        )


def _record_row(rec: Incoming, merged: Merged, form: Form) -> tuple[Any, ...]:
    last = rec.changes[-1]
    data = merged.data
    data_changes = [c for c in rec.changes if c.op in DATA_OPS]
    # A record that only was created: its data is the sender's text, byte for byte.
    text = data_changes[0].new if len(data_changes) == 1 else None
    return (
        rec.uuid,
        form.id,
        form.version,
        form.content_hash,
        merged.status,
        int(merged.deleted),
        len(rec.changes),
        rec.created_at,
        rec.created_device,
        rec.created_by,
        last.at,
        last.device,
        last.enumerator,
        round_of(form, data),
        area_of(form, data),
        key_text(form, data),
        rec.instance_name,
        text if text is not None else json.dumps(data, ensure_ascii=False),
        json.dumps(sorted(rec.confirmed)),
        len(rec.changes),
    )
