"""Writing many records at once: rows built in Python, inserted with executemany, in one
transaction or (a long import) in slices."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui_cia.storage import flat
from tui_cia.storage.db import transaction
from tui_cia.storage.rowmeta import area_of, key_text, round_of, search_text
from tui_cia.storage.store import next_lamport
from tui_cia.survey import Form

if TYPE_CHECKING:
    from tui_cia.survey.batch import LevelData, Screening

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
    data_text: str | None = None  # `data` as JSON, when it is already written out


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
        rec.data_text or json.dumps(data, ensure_ascii=False),
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
    for rec in batch:
        rows.add_record(rec, who)
    rows.insert(conn)
    insert_history(conn, [row[0] for row in rows.records], who, op, next_lamport(conn))


def insert_history(
    conn: sqlite3.Connection, uuids: list[str], who: Author, op: str, lamport: int
) -> None:
    """The first history row of each new record, with clocks from `lamport` on.

    The first revision's data is the record row's data until the record is first edited, so
    it is not written twice: StoreCore._write copies it into history before that edit."""
    conn.executemany(
        "INSERT INTO history(record_uuid, revision, at, device, enumerator, "
        "op, new, lamport) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (uuid, 1, who.at, who.device, who.enumerator, op, None, lamport + number)
            for number, uuid in enumerate(uuids)
        ],
    )


def _meta(rec: NewRecord, who: Author) -> tuple[Any, ...]:
    """A record's flat row before its specials: status, deleted, version, modified at."""
    return (rec.status, int(rec.deleted), rec.form.version, who.at)


def _record_heads(
    passed: list[tuple[int, NewRecord]], who: Author
) -> tuple[list[int], list[list[Any]]]:
    """The rows of the records' flat table, and their meta columns (see flat.MAIN_META)."""
    rows = [row for row, _ in passed]
    rows_meta = [(rec.uuid, *_meta(rec, who)) for _, rec in passed]
    heads = [list(column) for column in zip(*rows_meta, strict=True)]
    return rows, heads


def _instance_heads(
    passed: list[tuple[int, NewRecord]], level: LevelData
) -> tuple[list[int], list[list[Any]]]:
    """The instances of the passed records, and their meta columns (flat.REPEAT_META)."""
    uuid_of = {row: rec.uuid for row, rec in passed}
    rows = [r for r, record in enumerate(level.record) if record in uuid_of]
    heads: list[list[Any]] = [
        [uuid_of[level.record[r]] for r in rows],
        [level.ids[r] for r in rows],
        [None] * len(rows),
        [level.position[r] for r in rows],
    ]
    return rows, heads


class NewRows:
    """The rows of a batch of new records (record, search text, flat rows), gathered per
    table and then inserted with one executemany each. Plain data, so a worker process can
    build them and hand them to the one that writes."""

    def __init__(self) -> None:
        self.records: list[tuple[Any, ...]] = []
        self.search: list[tuple[int, str]] = []  # (the record's place in `records`, text)
        self.flat: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        self.sql: dict[tuple[str, str], str] = {}  # the insert of each (form version, table)

    def add_record(self, rec: NewRecord, who: Author, *, flat_rows: bool = True) -> None:
        """A record's row and search text, and its flat rows unless `add_screened` gives
        them."""
        row = _record_row(rec, who)
        if not flat_rows:
            self._add_record_row(rec.form, row, rec.data, rec.instance_name)
            return
        self.add(rec.form, row, rec.data, rec.instance_name, _meta(rec, who))

    def add_screened(
        self, form: Form, passed: list[tuple[int, NewRecord]], screening: Screening, who: Author
    ) -> None:
        """The flat rows of records a batch screen passed (each with its row in
        `screening`), from the screen's columns."""
        if not passed:
            return
        for table in flat.flat_tables(form):
            level = screening.levels[table.repeat]
            named = dict(zip(level.names, level.columns, strict=True))
            if table.repeat is None:
                rows, heads = _record_heads(passed, who)
            else:
                rows, heads = _instance_heads(passed, level)
            built = flat.rows_from_columns(table, named, rows, heads)
            self._add_flat(form, table, built)

    def add(
        self,
        form: Form,
        record_row: tuple[Any, ...],
        data: dict[str, Any],
        instance_name: str,
        meta: tuple[Any, ...],
    ) -> None:
        """One record: its row (RECORD_COLUMNS) and `meta` (status, deleted, version, at)."""
        self._add_record_row(form, record_row, data, instance_name)
        tables = flat.flat_tables(form)
        flat_rows = flat.rows_of(form, tables, record_row[0], meta, data)
        for table in tables:
            self._add_flat(form, table, flat_rows[table.name])

    def _add_record_row(
        self, form: Form, record_row: tuple[Any, ...], data: dict[str, Any], instance_name: str
    ) -> None:
        if not record_row[5]:  # a deleted record is not searched
            self.search.append((len(self.records), search_text(form, data, instance_name)))
        self.records.append(record_row)

    def _add_flat(self, form: Form, table: flat.FlatTable, rows: list[tuple[Any, ...]]) -> None:
        key = (form.content_hash, table.name)
        if key not in self.flat:
            self.flat[key] = []
            self.sql[key] = flat.insert_sql(table)
        self.flat[key].extend(rows)

    def extend(self, other: NewRows) -> None:
        """Add another batch's rows after these."""
        self.search += [(place + len(self.records), text) for place, text in other.search]
        self.records += other.records
        self.sql.update(other.sql)
        for key, rows in other.flat.items():
            self.flat.setdefault(key, []).extend(rows)

    def select(self, uuids: set[str]) -> NewRows:
        """The rows of these records only (every flat row starts with its record's uuid)."""
        out = NewRows()
        places = {}
        for place, row in enumerate(self.records):
            if row[0] in uuids:
                places[place] = len(out.records)
                out.records.append(row)
        out.search = [(places[at], text) for at, text in self.search if at in places]
        out.sql = dict(self.sql)
        out.flat = {key: [r for r in rows if r[0] in uuids] for key, rows in self.flat.items()}
        return out

    def part(self, start: int, size: int) -> NewRows:
        """The rows of records `start` to `start + size`: what one short write transaction
        holds (see importslices.write_slices)."""
        if start == 0 and len(self.records) <= size:
            return self
        return self.select({row[0] for row in self.records[start : start + size]})

    def insert(self, conn: sqlite3.Connection) -> None:
        """Insert every row (inside the caller's transaction). The records get the rowids
        SQLite would give them, named here so that each search row can share its record's
        rowid (see StoreCore) without looking the record up."""
        first = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM records").fetchone()[0]
        records = self.records
        conn.executemany(
            f"INSERT INTO records(rowid, {RECORD_COLUMNS}) VALUES ({', '.join('?' * 21)})",
            [(first + place, *row) for place, row in enumerate(records)],
        )
        conn.executemany(
            "INSERT INTO records_fts(rowid, uuid, form_id, text) VALUES (?, ?, ?, ?)",
            [(first + at, records[at][0], records[at][1], text) for at, text in self.search],
        )
        for key, rows in self.flat.items():
            if rows:
                conn.executemany(self.sql[key], rows)
