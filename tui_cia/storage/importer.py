"""Importing records from JSON lines or CSV: every row checked as the entry screen would,
and nothing written unless every row is good."""

from __future__ import annotations

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

    def fail(self, where: str, field: str, message: str) -> None:
        self.problems.append(RowProblem(where, field, message))

    def check(self, cand: Candidate) -> NewRecord | None:
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
        session, problems = load_data(form, data, today=self.store.today)
        session.confirmed = {str(c) for c in env.get("confirmed") or []}
        for p in problems:
            self.fail(where, p.where, p.problem.message("en"))
        if not problems:
            for cp in session.completion_problems(required=status != "draft"):
                self.fail(where, cp.where, cp.problem.message("en"))
        if len(self.problems) > before or ident is None:
            return None
        return NewRecord(
            ident,
            form,
            status,
            session.to_data(ids=True),
            session.instance_name(),
            sorted(session.confirmed),
            bool(env.get("deleted", False)),
            env.get("created_at"),
        )

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
    for cand in candidates:
        if isinstance(cand, RowProblem):
            validator.problems.append(cand)
            continue
        rec = validator.check(cand)
        if rec is not None:
            good.append(rec)
    if validator.problems:
        raise ImportRefused(validator.problems)
    who = Author(store.device, store.enumerator, store.clock())
    return write_new(store.conn, good, who, op="import")


def import_file(store: StoreCore, form: Form, path: Path, members: Path | None = None) -> int:
    """`tui-cia records import`: JSON lines (.jsonl/.json) or CSV (with a members CSV)."""
    if not path.is_file():
        raise TuiCiaError(f"no such file: {path}")
    if path.suffix.lower() == ".csv":
        from tui_cia.storage.csvimport import read_csv_records

        return import_candidates(store, form, read_csv_records(form, path, members))
    return import_candidates(store, form, read_json_lines(path))
