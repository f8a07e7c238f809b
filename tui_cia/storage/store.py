"""The record store: create, open and change records, each change saved with its history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid as uuidlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage import history
from tui_cia.storage.db import open_database, set_busy_timeout, transaction
from tui_cia.storage.formstore import FormStore, UnknownForm
from tui_cia.storage.rowmeta import Clock, area_of, key_text, round_of, search_text, utc_now
from tui_cia.storage.settings import (
    WorkContext,
    device_id,
    enumerator,
    get_setting,
    set_setting,
    set_work_context,
    work_context,
)
from tui_cia.storage.undo import all_or_nothing

if TYPE_CHECKING:
    from tui_cia.survey import CompletionProblem, Form, FormSession

STATUSES = ("draft", "complete", "verified")
SNAPSHOT_EVERY = 20  # plain answers between two rewrites of the record's snapshot


def next_lamport(conn: sqlite3.Connection) -> int:
    """The clock of the next change: above every change this database holds, from any device.

    Read inside the writing transaction, so two writers never hand out the same value."""
    return int(conn.execute("SELECT COALESCE(MAX(lamport), 0) + 1 FROM history").fetchone()[0])


def record_vector(conn: sqlite3.Connection, uuid: str) -> dict[str, int]:
    """Per device, the clock of the newest change of that device in this record."""
    rows = conn.execute(
        "SELECT device, MAX(lamport) FROM history WHERE record_uuid = ? GROUP BY device", (uuid,)
    )
    return {device: int(clock) for device, clock in rows}


class RecordNotFound(TuiCiaError):
    """No live record has this uuid."""


class CompletionRefused(TuiCiaError):
    """A record cannot be completed; `problems` says what is missing or wrong."""

    def __init__(self, problems: list[CompletionProblem]) -> None:
        self.problems = problems
        lines = [f"{p.where}: {p.problem.message('en')}" for p in problems]
        super().__init__("the record cannot be completed:\n" + "\n".join(lines))


@dataclass
class OpenRecord:
    """A record being worked on: its row's facts and the live FormSession."""

    uuid: str
    form: Form
    session: FormSession
    status: str
    revision: int
    deleted: bool = False
    created_at: str = ""
    data_revision: int = 0  # the revision the row's data, flat rows and search text show
    vector: dict[str, int] | None = None  # per device, the newest change of it this record has
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Op:
    """A change about to be written to history."""

    op: str
    path: str = ""
    label: str = ""
    old: Any = None
    new: Any = None
    reason: str | None = None


class StoreCore:
    """One database: opening, forms and the write path every change goes through."""

    def __init__(
        self,
        path: Path | str,
        *,
        clock: Clock | None = None,
        today: dt.date | None = None,
        busy_timeout_ms: int | None = None,
    ) -> None:
        """`busy_timeout_ms`: how long a write waits for another program's lock before
        raising DatabaseBusy (default TUI_CIA_LOCK_WAIT seconds; see `busy_timeout`)."""
        self.path = Path(path)
        self.conn: sqlite3.Connection = open_database(self.path, busy_timeout_ms)
        self.clock = clock or utc_now
        self.today = today
        self.forms = FormStore(self.conn)
        found = get_setting(self.conn, "device_id")  # read first: opening needs no lock
        if found is None:
            with transaction(self.conn):
                found = device_id(self.conn)
        self.device = found
        self.enumerator = enumerator(self.conn)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def busy_timeout(self, ms: int) -> Iterator[None]:
        """Writes in the block wait at most `ms` for another program's lock (e.g. 50 on the
        app's event loop, longer in a worker), then raise DatabaseBusy; the wait before the
        block comes back after it."""
        before = set_busy_timeout(self.conn, ms)
        try:
            yield
        finally:
            set_busy_timeout(self.conn, before)

    def set_enumerator(self, name: str) -> None:
        with transaction(self.conn):
            set_setting(self.conn, "enumerator", name)
        self.enumerator = name

    def work_context(self) -> WorkContext | None:
        """Who is keying, which round and area (None until a keyer has given a name)."""
        return work_context(self.conn)

    def set_work_context(self, context: WorkContext) -> None:
        """Keep the work context; its keyer is the enumerator of every change from now on."""
        with transaction(self.conn):
            set_work_context(self.conn, context)
        self.enumerator = context.keyer

    # -- forms -------------------------------------------------------------------------------
    def add_form(self, form: Form) -> None:
        """Keep this form version and make its flat tables."""
        from tui_cia.storage import flat

        with transaction(self.conn):
            self.forms.add(form, self.clock())
            flat.ensure_tables(self.conn, form)

    def resolve_form(self, spec: str) -> Form:
        """FORM as the CLI takes it: a known id, a YAML path (then stored), or the id of a
        form that ships with tui-cia (`bmn`, `village`: then the shipped file is stored)."""
        shipped = shipped_form_file(spec)
        if shipped is not None and spec not in self.forms.ids():
            spec = str(shipped)
        if spec.endswith((".yaml", ".yml")) or Path(spec).is_file():
            from tui_cia.storage import flat
            from tui_cia.survey import load_form

            if not Path(spec).is_file():
                raise UnknownForm(f"no form file {spec}")
            form = load_form(Path(spec))  # read before the lock: a big form takes a while
            with transaction(self.conn):
                self.forms.add(form, self.clock())
                flat.ensure_tables(self.conn, form)
            return form
        return self.forms.get(spec)

    # -- opening -----------------------------------------------------------------------------
    def create(self, form: Form, *, carry: bool = True) -> OpenRecord:
        """A new draft record, with `carry` answers from this enumerator's last record and
        the round, survey date and area of the work context (settings.work_context)."""
        self.add_form(form)
        from tui_cia.storage.prefill import prefill
        from tui_cia.survey import FormSession

        previous = self._last_data(form.id) if carry else None
        session = FormSession(form, today=self.today, carry=previous)
        prefill(session, work_context(self.conn))  # the round, period and area being keyed
        rec = OpenRecord(str(uuidlib.uuid4()), form, session, "draft", 0)
        data = session.to_data(ids=True)
        now = self.clock()
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO records(uuid, form_id, form_version, form_hash, status, deleted, "
                "revision, created_at, created_device, created_by, data) "
                "VALUES (?, ?, ?, ?, 'draft', 0, 0, ?, ?, ?, '{}')",
                (
                    rec.uuid,
                    form.id,
                    form.version,
                    form.content_hash,
                    now,
                    self.device,
                    self.enumerator,
                ),
            )
            self._write(rec, [Op("create", new=data)], now)
        rec.created_at = now
        return rec

    def _last_data(self, form_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT uuid, data, data_revision, revision FROM records WHERE form_id = ? "
            "AND deleted = 0 AND created_device = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (form_id, self.device),
        ).fetchone()
        if row is None:
            return None
        return self._caught_up(row[0], dict(json.loads(row[1])), row[2], row[3])

    def open(self, uuid: str, *, include_deleted: bool = False) -> OpenRecord:
        row = self.conn.execute(
            "SELECT form_id, form_hash, status, revision, deleted, data, confirmed, created_at, "
            "data_revision FROM records WHERE uuid = ?",
            (uuid,),
        ).fetchone()
        if row is None or (row[4] and not include_deleted):
            raise RecordNotFound(f"no record {uuid} in {self.path.name}")
        from tui_cia.survey import load_data

        form = self.forms.get(row[0], content_hash=row[1])
        data = self._caught_up(uuid, json.loads(row[5]), row[8], row[3])
        session, _ = load_data(form, data, today=self.today)
        session.confirmed = set(json.loads(row[6] or "[]"))
        return OpenRecord(uuid, form, session, row[2], row[3], bool(row[4]), row[7], row[8])

    def _caught_up(
        self, uuid: str, data: dict[str, Any], since: int, revision: int
    ) -> dict[str, Any]:
        """The row's data with the answers saved after its snapshot applied (see _write)."""
        if since >= revision:
            return data
        rows = self.conn.execute(
            "SELECT revision, op, path, new FROM history WHERE record_uuid = ? AND revision > ? "
            "ORDER BY revision",
            (uuid, since),
        )
        for number, op, path, new in rows:
            change = history.Change(
                number, "", "", "", op, path or "", "", None, history.decode(new), None
            )
            data = history.apply(data, change)
        return data

    # -- writing -----------------------------------------------------------------------------
    def _write(self, rec: OpenRecord, ops: list[Op], now: str) -> None:
        """History rows for `ops`, then the record row and its flat and search rows."""
        if rec.revision == 1:
            self.conn.execute(  # see bulk.write_new: keep revision 1's data before it changes
                "UPDATE history SET new = (SELECT data FROM records WHERE uuid = ?) "
                "WHERE record_uuid = ? AND revision = 1 AND new IS NULL",
                (rec.uuid, rec.uuid),
            )
        light = all(op.op == "set" for op in ops) and (
            rec.revision + len(ops) - rec.data_revision < SNAPSHOT_EVERY
        )
        lamport = next_lamport(self.conn)
        vector = self._vector(rec)
        for op in ops:
            rec.revision += 1
            self.conn.execute(
                "INSERT INTO history(record_uuid, revision, at, device, enumerator, op, path, "
                "label, old, new, reason, lamport, seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rec.uuid,
                    rec.revision,
                    now,
                    self.device,
                    self.enumerator,
                    op.op,
                    op.path,
                    op.label,
                    history.encode(op.old),
                    history.encode(op.new),
                    op.reason,
                    lamport,
                    json.dumps(vector, sort_keys=True) if vector else None,
                ),
            )
            if op.op == "set":  # a person's own answer settles any conflict on that field
                self.conn.execute(
                    "DELETE FROM conflicts WHERE record_uuid = ? AND path = ?", (rec.uuid, op.path)
                )
            vector[self.device] = lamport
            lamport += 1
        if light:
            self._touch_row(rec, now)
        else:
            self._write_row(rec, now)

    def _vector(self, rec: OpenRecord) -> dict[str, int]:
        """The record's version vector, read once per open record and then kept current."""
        if rec.vector is None:
            rec.vector = record_vector(self.conn, rec.uuid)
        return rec.vector

    def _touch_row(self, rec: OpenRecord, now: str) -> None:
        """After a plain answer: the row's revision and who/when, in constant time. The data
        snapshot, flat rows and search text follow at the next checkpoint; history holds the
        answer, so a crash loses nothing (`open` replays what the snapshot lacks)."""
        self.conn.execute(
            "UPDATE records SET revision = ?, modified_at = ?, modified_device = ?, "
            "modified_by = ?, confirmed = ? WHERE uuid = ?",
            (
                rec.revision,
                now,
                self.device,
                self.enumerator,
                json.dumps(sorted(rec.session.confirmed)),
                rec.uuid,
            ),
        )

    def checkpoint(self, rec: OpenRecord) -> None:
        """Bring the row's data, flat rows and search text up to the record's revision."""
        if rec.data_revision < rec.revision:
            with all_or_nothing(rec), transaction(self.conn):
                self._write_row(rec, self.clock())

    def _write_row(self, rec: OpenRecord, now: str) -> None:
        from tui_cia.storage import flat  # imports the form schema: not needed to start up

        form, session = rec.form, rec.session
        data = session.to_data(ids=True)
        name = session.instance_name()
        self.conn.execute(
            "UPDATE records SET status = ?, deleted = ?, revision = ?, data_revision = ?, "
            "modified_at = ?, modified_device = ?, modified_by = ?, round = ?, area = ?, "
            "key_text = ?, instance_name = ?, data = ?, confirmed = ? WHERE uuid = ?",
            (
                rec.status,
                int(rec.deleted),
                rec.revision,
                rec.revision,
                now,
                self.device,
                self.enumerator,
                round_of(form, data),
                area_of(form, data),
                key_text(form, data),
                name,
                json.dumps(data, ensure_ascii=False),
                json.dumps(sorted(session.confirmed)),
                rec.uuid,
            ),
        )
        rec.data_revision = rec.revision
        tables = flat.flat_tables(form)
        meta = (rec.status, int(rec.deleted), form.version, now)
        rows = flat.rows_of(form, tables, rec.uuid, meta, data)
        flat.write_rows(self.conn, tables, rows, [rec.uuid])
        # The search row shares the record's rowid: found and replaced without a scan.
        rowid = self.conn.execute(
            "SELECT rowid FROM records WHERE uuid = ?", (rec.uuid,)
        ).fetchone()[0]
        self.conn.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
        if not rec.deleted:
            self.conn.execute(
                "INSERT INTO records_fts(rowid, uuid, form_id, text) VALUES (?, ?, ?, ?)",
                (rowid, rec.uuid, form.id, search_text(form, data, name)),
            )

    def commit(self, rec: OpenRecord, ops: list[Op]) -> None:
        """Write `ops` (already applied to the session) in one transaction. Callers that
        change the session first do it inside `undo.all_or_nothing`, so that a failed write
        (DatabaseBusy) leaves the record as it was."""
        with transaction(self.conn):
            self._write(rec, ops, self.clock())


def shipped_form_file(form_id: str) -> Path | None:
    """The shipped form file of this id (forms/ID.yaml), if there is one."""
    from tui_cia.paths import shipped_forms_dir

    if not form_id.isidentifier() or not form_id.islower():
        return None
    path = shipped_forms_dir() / f"{form_id}.yaml"
    return path if path.is_file() else None
