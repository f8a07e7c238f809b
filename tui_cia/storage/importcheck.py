"""Checking the records of an import a chunk at a time, without the database.

A chunk is a list of lines of a JSON lines file (parsed here), records read from CSV, and
problems the reader already found. `ChunkChecker.check` gives what a chunk holds: its
problems, the rows of its good records, ready to insert, and the uuids the file names,
which only the database can tell are new. Needing no database, the check can run in worker
processes (`importpool`) while the importer writes what earlier chunks gave.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.bulk import Author, NewRecord, NewRows
from tui_cia.storage.envelope import read_line
from tui_cia.storage.store import STATUSES
from tui_cia.survey import Form, limits, load_data
from tui_cia.survey.batch import Screened, Screening, screen
from tui_cia.survey.recorddata import written_alike

ENVELOPE = {"uuid", "form", "version", "status", "data", "confirmed", "deleted", "created_at"}


@dataclass
class RowProblem:
    """One problem of an imported file, at a line (JSON) or row (CSV) and field; `order` is
    the place of its line or row in the file, which orders the report."""

    where: str
    field: str
    message: str
    order: int = 0

    def format(self) -> str:
        return f"{self.where}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass
class Candidate:
    """A record read from a file, before it is checked; `data_text` is its data as the
    file writes it (JSON lines)."""

    where: str
    envelope: dict[str, Any]
    order: int = 0
    data_text: str | None = None


@dataclass
class Line:
    """One line of a JSON lines file, as read (bytes): parsed where it is checked."""

    where: str
    order: int
    text: bytes


@dataclass
class Slice:
    """Lines of a JSON lines file, bytes `start` to `end`, the first being line `first`:
    read where they are checked, so that the importer never holds them."""

    path: str
    start: int
    end: int
    first: int

    def lines(self) -> list[Line]:
        """The slice's lines that are not blank."""
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            text = handle.read(self.end - self.start)
        pieces = text.split(b"\n")
        if text.endswith(b"\n"):
            pieces.pop()
        name = Path(self.path).name
        return [
            Line(f"{name}:{number}", number, piece)
            for number, piece in enumerate(pieces, start=self.first)
            if piece.strip()
        ]


Item = Line | Candidate | RowProblem | Slice


@dataclass
class Named:
    """A uuid the file gives a record: the importer checks it is new to the database and
    to the rest of the file."""

    where: str
    order: int
    uuid: str


@dataclass
class Checked:
    """What a chunk holds: its problems, the rows of its good records, the uuids it names,
    and the records of another stored version of the form, left to the importer (only the
    database has that version)."""

    problems: list[RowProblem] = field(default_factory=list)
    rows: NewRows = field(default_factory=NewRows)
    named: list[Named] = field(default_factory=list)
    others: list[Candidate] = field(default_factory=list)

    def extend(self, other: Checked) -> None:
        self.problems += other.problems
        self.rows.extend(other.rows)
        self.named += other.named
        self.others += other.others


@dataclass
class Opened:
    """A candidate whose envelope was read: what its record needs besides checked data."""

    where: str
    order: int
    envelope: dict[str, Any]
    form: Form
    status: str
    uuid: str
    data: dict[str, Any]
    confirmed: set[str]
    failed: bool  # the envelope had a problem: the data is still checked, for the report
    data_text: str | None = None

    def record(self, data: dict[str, Any], instance_name: str) -> NewRecord:
        env = self.envelope
        text = self.data_text
        if text is not None and not written_alike(data, self.data):
            text = None  # the file's text is not what the record stores
        return NewRecord(
            self.uuid,
            self.form,
            self.status,
            data,
            instance_name,
            sorted(self.confirmed),
            bool(env.get("deleted", False)),
            env.get("created_at"),
            text,
        )


def parse_line(line: Line) -> Candidate | RowProblem:
    """A JSON line as a candidate record, or the reason it is not one."""
    if len(line.text) > limits.RECORD_BYTES:
        size = f"{limits.mib(len(line.text))}, more than the {limits.mib(limits.RECORD_BYTES)}"
        return RowProblem(
            line.where, "", f"the line is too long ({size} a record may be)", line.order
        )
    try:
        text = line.text.decode("utf-8-sig" if line.order == 1 else "utf-8")
    except UnicodeDecodeError:
        return RowProblem(line.where, "", "not UTF-8 text: save the file as UTF-8", line.order)
    try:
        value, data_text = read_line(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON ({exc.msg} at column {exc.colno})"
        return RowProblem(line.where, "", message, line.order)
    except RecursionError:
        message = "not a record: its lists or objects are nested too deep"
        return RowProblem(line.where, "", message, line.order)
    except ValueError as exc:  # e.g. a number of more digits than Python converts
        message = f"a value cannot be read: {str(exc).split(';')[0]}"
        return RowProblem(line.where, "", message, line.order)
    if not isinstance(value, dict):
        return RowProblem(
            line.where, "", "each line must be one JSON object (a record)", line.order
        )
    return Candidate(line.where, value, line.order, data_text)


def _lines(items: Sequence[Item]) -> list[Line | Candidate | RowProblem]:
    """The items with each slice read into its lines."""
    found: list[Line | Candidate | RowProblem] = []
    for item in items:
        if isinstance(item, Slice):
            found += item.lines()
        else:
            found.append(item)
    return found


StoredVersion = Callable[[str], Form]


class ChunkChecker:
    """Checks chunks of an import against one form, as the entry screen would.

    `stored(version)` gives another stored version of the form (raising TuiCiaError when
    the database has none); without it (in a worker) records of other versions are left to
    the importer. Records of the form's own version are screened all at once
    (`survey.batch.screen`); one the screen does not pass is checked by a session, which
    names its problems."""

    def __init__(
        self, form: Form, today: dt.date, who: Author, stored: StoredVersion | None
    ) -> None:
        self.form, self.today, self.who, self.stored = form, today, who, stored

    def check(self, items: Sequence[Item]) -> Checked:
        out = Checked()
        opened = []
        for item in _lines(items):
            cand = parse_line(item) if isinstance(item, Line) else item
            if isinstance(cand, RowProblem):
                out.problems.append(cand)
            elif self._elsewhere(cand.envelope):
                out.others.append(cand)
            elif (one := self._envelope(cand, out)) is not None:
                opened.append(one)
        screening, passed = self._screen(
            [o for o in opened if o.form is self.form and not o.failed]
        )
        fast = []  # (row in the screening, record) of the records the screen passed
        for one in opened:
            hit = passed.get(id(one))
            if hit is not None:
                rec = one.record(hit[1].data, hit[1].instance_name)
                out.rows.add_record(rec, self.who, flat_rows=False)
                fast.append((hit[0], rec))
            elif (checked := self._check_one(one, out)) is not None:
                out.rows.add_record(checked, self.who)
        if screening is not None:
            out.rows.add_screened(self.form, fast, screening, self.who)
        return out

    def _elsewhere(self, env: dict[str, Any]) -> bool:
        """Whether the record is of another version, which only the database has."""
        version = env.get("version")
        return (
            self.stored is None
            and env.get("form", self.form.id) == self.form.id
            and version is not None
            and version != self.form.version
        )

    def _screen(
        self, batch: list[Opened]
    ) -> tuple[Screening | None, dict[int, tuple[int, Screened]]]:
        """The screen of a batch, and by candidate (id) its row there and what it stores,
        for those it passed."""
        if not batch:
            return None, {}
        try:
            screening = screen(
                self.form,
                [o.data for o in batch],
                [o.status != "draft" for o in batch],
                today=self.today,
                confirmed=[o.confirmed for o in batch],
            )
        except Exception:  # Unsupported, or any failure: the screen only saves time
            return None, {}
        found = enumerate(zip(batch, screening.records, strict=True))
        return screening, {id(o): (row, s) for row, (o, s) in found if s is not None}

    def _envelope(self, cand: Candidate, out: Checked) -> Opened | None:
        env, where, order = cand.envelope, cand.where, cand.order
        problems: list[RowProblem] = []

        def fail(key: str, message: str) -> None:
            problems.append(RowProblem(where, key, message, order))

        for key in sorted(set(env) - ENVELOPE):
            fail(key, "unknown key of a record (expected uuid, form, version, status, data)")
        form = self._form(env, fail)
        status = env.get("status", "draft")
        if status not in STATUSES:
            fail("status", f"'{status}' is not draft, complete or verified")
        ident = self._uuid(env, fail)
        if ident is not None and "uuid" in env:
            out.named.append(Named(where, order, ident))
        data = env.get("data")
        if not isinstance(data, dict):
            fail("data", "a record needs data: an object of answers")
        out.problems += problems
        if form is None or not isinstance(data, dict):
            return None
        confirmed = {str(c) for c in env.get("confirmed") or []}
        failed = bool(problems) or ident is None
        return Opened(
            where, order, env, form, status, ident or "", data, confirmed, failed, cand.data_text
        )

    def _check_one(self, item: Opened, out: Checked) -> NewRecord | None:
        """The record's data through a session, as the entry screen reads it."""
        session, problems = load_data(item.form, item.data, today=self.today)
        session.confirmed = set(item.confirmed)
        found = [(p.where, p.problem.message("en")) for p in problems]
        if not problems:
            for cp in session.completion_problems(required=item.status != "draft"):
                found.append((cp.where, cp.problem.message("en")))
        out.problems += [RowProblem(item.where, w, m, item.order) for w, m in found]
        if found or item.failed:
            return None
        return item.record(session.to_data(ids=True), session.instance_name())

    def _form(self, env: dict[str, Any], fail: Callable[[str, str], None]) -> Form | None:
        form_id = env.get("form", self.form.id)
        if form_id != self.form.id:
            fail("form", f"this record is of form '{form_id}', not '{self.form.id}'")
            return None
        version = env.get("version")
        if version is None or version == self.form.version or self.stored is None:
            return self.form
        try:
            return self.stored(str(version))
        except TuiCiaError:
            fail(
                "version",
                f"version {version} of '{self.form.id}' is not in the "
                "database: check its YAML in first (tui-cia forms check, then import with "
                "--form FILE)",
            )
            return None

    @staticmethod
    def _uuid(env: dict[str, Any], fail: Callable[[str, str], None]) -> str | None:
        raw = env.get("uuid")
        if raw is None:
            return str(uuidlib.uuid4())
        try:
            return str(uuidlib.UUID(str(raw)))
        except ValueError:
            fail("uuid", f"'{raw}' is not a UUID")
            return None
