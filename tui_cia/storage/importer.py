"""Importing records from JSON lines or CSV: every row checked as the entry screen would,
and nothing written unless every row is good."""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.bulk import Author, NewRecord, write_new
from tui_cia.storage.store import STATUSES, StoreCore
from tui_cia.survey import Form, load_data
from tui_cia.survey.batch import Screened, screen

ENVELOPE = {"uuid", "form", "version", "status", "data", "confirmed", "deleted", "created_at"}


@dataclass
class RowProblem:
    """One problem of an imported file, at a line (JSON) or row (CSV) and field."""

    where: str
    field: str
    message: str

    def format(self) -> str:
        return f"{self.where}: {self.field + ': ' if self.field else ''}{self.message}"


class ImportRefused(TuiCiaError):
    """A file with bad rows: nothing was imported; `problems` lists every one."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "\n".join(p.format() for p in problems[:200])
        more = f"\n… and {len(problems) - 200} more" if len(problems) > 200 else ""
        super().__init__(f"nothing was imported: {len(problems)} problem(s)\n{shown}{more}")


@dataclass
class Opened:
    """A candidate whose envelope was read: what its record needs besides checked data."""

    where: str
    envelope: dict[str, Any]
    form: Form
    status: str
    uuid: str
    data: dict[str, Any]
    confirmed: set[str]
    failed: bool  # the envelope had a problem: the data is still checked, for the report

    def record(self, data: dict[str, Any], instance_name: str) -> NewRecord:
        env = self.envelope
        return NewRecord(
            self.uuid,
            self.form,
            self.status,
            data,
            instance_name,
            sorted(self.confirmed),
            bool(env.get("deleted", False)),
            env.get("created_at"),
        )


@dataclass
class Candidate:
    """A record read from a file, before it is checked."""

    where: str
    envelope: dict[str, Any]


class Validator:
    """Checks candidates against the form and the database, collecting every problem."""

    def __init__(self, store: StoreCore, form: Form) -> None:
        self.store = store
        self.form = form
        self.problems: list[RowProblem] = []
        self.seen: set[str] = set()
        self.sequence: dict[str, int] = {}  # each line's (row's) place in the file

    def fail(self, where: str, field: str, message: str) -> None:
        self.problems.append(RowProblem(where, field, message))

    def check_all(self, candidates: list[Candidate | RowProblem]) -> list[NewRecord]:
        """Check a batch of candidates: the envelope one by one, then the data of the
        records of this form's version all at once (`screen`); a record the screen does not
        pass, or of another version, is checked alone, which names its problems."""
        ready = []
        for cand in candidates:
            self.sequence[cand.where] = len(self.sequence)
            if isinstance(cand, RowProblem):
                self.problems.append(cand)
            elif (opened := self._envelope(cand)) is not None:
                ready.append(opened)
        batch = [o for o in ready if o.form is self.form and not o.failed]
        passed = self._screen(batch)
        good = []
        for item in ready:
            screened = passed.get(id(item))
            if screened is not None:
                good.append(item.record(screened.data, screened.instance_name))
                continue
            rec = self._check_one(item)
            if rec is not None:
                good.append(rec)
        return good

    def _screen(self, batch: list[Opened]) -> dict[int, Screened]:
        if not batch:
            return {}
        try:
            screened = screen(
                self.form,
                [o.data for o in batch],
                [o.status != "draft" for o in batch],
                today=self.store.today or dt.date.today(),
                confirmed=[o.confirmed for o in batch],
            )
        except Exception:  # Unsupported, or any failure: the screen only saves time
            return {}
        return {id(o): s for o, s in zip(batch, screened, strict=True) if s is not None}

    def _envelope(self, cand: Candidate) -> Opened | None:
        env, where = cand.envelope, cand.where
        before = len(self.problems)
        for key in sorted(set(env) - ENVELOPE):
            self.fail(
                where, key, "unknown key of a record (expected uuid, form, version, status, data)"
            )
        form = self._form(env, where)
        status = env.get("status", "draft")
        if status not in STATUSES:
            self.fail(where, "status", f"'{status}' is not draft, complete or verified")
        ident = self._uuid(env, where)
        data = env.get("data")
        if not isinstance(data, dict):
            self.fail(where, "data", "a record needs data: an object of answers")
            return None
        if form is None:
            return None
        confirmed = {str(c) for c in env.get("confirmed") or []}
        failed = len(self.problems) > before or ident is None
        return Opened(where, env, form, status, ident or "", data, confirmed, failed)

    def _check_one(self, item: Opened) -> NewRecord | None:
        """The record's data through a session, as the entry screen reads it."""
        before = len(self.problems)
        session, problems = load_data(item.form, item.data, today=self.store.today)
        session.confirmed = set(item.confirmed)
        for p in problems:
            self.fail(item.where, p.where, p.problem.message("en"))
        if not problems:
            for cp in session.completion_problems(required=item.status != "draft"):
                self.fail(item.where, cp.where, cp.problem.message("en"))
        if len(self.problems) > before or item.failed:
            return None
        return item.record(session.to_data(ids=True), session.instance_name())

    def report(self) -> list[RowProblem]:
        """Every problem, in the order of the file's lines."""
        return sorted(self.problems, key=lambda p: self.sequence.get(p.where, -1))

    def _form(self, env: dict[str, Any], where: str) -> Form | None:
        form_id = env.get("form", self.form.id)
        if form_id != self.form.id:
            self.fail(where, "form", f"this record is of form '{form_id}', not '{self.form.id}'")
            return None
        version = env.get("version")
        if version is None or version == self.form.version:
            return self.form
        try:
            return self.store.forms.get(self.form.id, version=str(version))
        except TuiCiaError:
            self.fail(
                where,
                "version",
                f"version {version} of '{self.form.id}' is not in the "
                "database: check its YAML in first (tui-cia forms check, then import with "
                "--form FILE)",
            )
            return None

    def _uuid(self, env: dict[str, Any], where: str) -> str | None:
        raw = env.get("uuid")
        if raw is None:
            return str(uuidlib.uuid4())
        try:
            ident = str(uuidlib.UUID(str(raw)))
        except ValueError:
            self.fail(where, "uuid", f"'{raw}' is not a UUID")
            return None
        if ident in self.seen:
            self.fail(where, "uuid", "appears twice in this file")
            return None
        self.seen.add(ident)
        row = self.store.conn.execute("SELECT 1 FROM records WHERE uuid = ?", (ident,))
        if row.fetchone():
            self.fail(where, "uuid", "is already in the database (use a bundle to sync)")
            return None
        return ident


def read_json_lines(path: Path) -> Iterator[Candidate | RowProblem]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RowProblem(where, "", f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(value, dict):
                yield RowProblem(where, "", "each line must be one JSON object (a record)")
                continue
            yield Candidate(where, value)


def import_candidates(
    store: StoreCore, form: Form, candidates: Iterable[Candidate | RowProblem]
) -> int:
    """Check every candidate; write all of them in one transaction, or none."""
    validator = Validator(store, form)
    good: list[NewRecord] = []
    for chunk in _chunks(candidates, CHUNK):
        good += validator.check_all(chunk)
    if validator.problems:
        raise ImportRefused(validator.report())
    who = Author(store.device, store.enumerator, store.clock())
    return write_new(store.conn, good, who, op="import")


# Records checked at once: large enough for the column checks to pay, small enough that a
# province's file is never held whole as columns.
CHUNK = 2000


def _chunks(
    candidates: Iterable[Candidate | RowProblem], size: int
) -> Iterator[list[Candidate | RowProblem]]:
    chunk: list[Candidate | RowProblem] = []
    for cand in candidates:
        chunk.append(cand)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_file(store: StoreCore, form: Form, path: Path, members: Path | None = None) -> int:
    """`tui-cia records import`: JSON lines (.jsonl/.json) or CSV (with a members CSV)."""
    if not path.is_file():
        raise TuiCiaError(f"no such file: {path}")
    if path.suffix.lower() == ".csv":
        from tui_cia.storage.csvimport import read_csv_records

        return import_candidates(store, form, read_csv_records(form, path, members))
    return import_candidates(store, form, read_json_lines(path))
