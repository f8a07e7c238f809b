"""Writing many records at once: one transaction, rows built in Python, executemany."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tui_cia.storage import flat
from tui_cia.storage.db import transaction
from tui_cia.storage.rowmeta import area_of, key_text, round_of, search_text
from tui_cia.storage.store import next_lamport
from tui_cia.survey import Form

RECORD_COLUMNS = (
    "uuid, form_id, form_version, form_hash, status, deleted, revision, created_at, "
    "created_device, created_by, modified_at, modified_device, modified_by, round, area, "
    "key_text, instance_name, data, confirmed, data_revision"
)


@dataclass
class NewRecord:
    """A validated record ready to be written."""

    uuid: str
    form: Form
    status: str
    data: dict[str, Any]
    instance_name: str
    confirmed: list[str] = field(default_factory=list)
    deleted: bool = False
    created_at: str | None = None


@dataclass
class Author:
    """Who and when, for the rows a bulk write adds."""

    device: str
    enumerator: str
    at: str


def _record_row(rec: NewRecord, who: Author) -> tuple[Any, ...]:
    form, data = rec.form, rec.data
    created = rec.created_at or who.at
    return (
        rec.uuid,
        form.id,
        form.version,
        form.content_hash,
        rec.status,
        int(rec.deleted),
        1,
        created,
        who.device,
        who.enumerator,
        who.at,
        who.device,
        who.enumerator,
        round_of(form, data),
        area_of(form, data),
        key_text(form, data),
        rec.instance_name,
        json.dumps(data, ensure_ascii=False),
        json.dumps(rec.confirmed),
        1,
    )


def write_new(
    conn: sqlite3.Connection, records: Iterable[NewRecord], who: Author, op: str = "create"
) -> int:
    """Insert records with their first history row, flat rows and search text; all or none."""
    batch = list(records)
    with transaction(conn):
        write_rows(conn, batch, who, op)
    return len(batch)


def write_rows(conn: sqlite3.Connection, batch: list[NewRecord], who: Author, op: str) -> None:
    """The rows of `write_new`, inside the caller's transaction."""
    rows = NewRows()
    history_rows = []
    lamport = next_lamport(conn)
    for number, rec in enumerate(batch):
        meta = (rec.status, int(rec.deleted), rec.form.version, who.at)
        rows.add(rec.form, _record_row(rec, who), rec.data, rec.instance_name, meta)
        # The first revision's data is the row's data until the record is first edited, so
        # it is not written twice: StoreCore._write copies it into history before that edit.
        history_rows.append(
            (rec.uuid, 1, who.at, who.device, who.enumerator, op, None, lamport + number)
        )
    rows.insert(conn)
    conn.executemany(
        "INSERT INTO history(record_uuid, revision, at, device, enumerator, "
        "op, new, lamport) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        history_rows,
    )


class NewRows:
    """The rows of a batch of new records (record, search text, flat rows), gathered per
    table and then inserted with one executemany each."""

    def __init__(self) -> None:
        self.records: list[tuple[Any, ...]] = []
        self.search: list[tuple[str, str]] = []
        self.flat: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        self.plans: dict[str, list[flat.FlatTable]] = {}

    def add(
        self,
        form: Form,
        record_row: tuple[Any, ...],
        data: dict[str, Any],
        instance_name: str,
        meta: tuple[Any, ...],
    ) -> None:
        """One record: its row (RECORD_COLUMNS) and `meta` (status, deleted, version, at)."""
        uuid = record_row[0]
        self.records.append(record_row)
        if not meta[1]:  # a deleted record is not searched
            self.search.append((search_text(form, data, instance_name), uuid))
        tables = self.plans.setdefault(form.content_hash, flat.flat_tables(form))
        for name, rows in flat.rows_of(form, tables, uuid, meta, data).items():
            self.flat.setdefault((form.content_hash, name), []).extend(rows)

    def insert(self, conn: sqlite3.Connection) -> None:
        conn.executemany(
            f"INSERT INTO records({RECORD_COLUMNS}) VALUES ({', '.join('?' * 20)})", self.records
        )
        conn.executemany(  # the search row shares its record's rowid (see StoreCore)
            "INSERT INTO records_fts(rowid, uuid, form_id, text) "
            "SELECT rowid, uuid, form_id, ? FROM records WHERE uuid = ?",
            self.search,
        )
        by_key = {(h, t.name): t for h, ts in self.plans.items() for t in ts}
        for key, rows in self.flat.items():
            if rows:
                conn.executemany(flat.insert_sql(by_key[key]), rows)
