"""Importing records from JSON lines or CSV: every row checked as the entry screen would,
and nothing written unless every row is good.

The file is read in chunks, which `importcheck` checks (in worker processes when the file is
large, see `importpool`); the importer checks the uuids against the database and the rest
of the file and keeps each chunk's rows in a spool. Only when the whole file is good are
the rows written, in short slices (`importslices`), so that the app and other programs can
save between them. A killed import leaves whole records, the slices it committed; the same
import run again with `resume` adds the rest, skipping the records already there.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from itertools import islice
from pathlib import Path

from tui_cia.errors import TuiCiaError
from tui_cia.storage.bulk import Author
from tui_cia.storage.collector import collector_paused
from tui_cia.storage.db import DatabaseBusy
from tui_cia.storage.importcheck import (
    Candidate,
    Checked,
    ChunkChecker,
    Item,
    Named,
    RowProblem,
    Slice,
)
from tui_cia.storage.importpool import checked_chunks
from tui_cia.storage.importslices import Spool, Written, same_record, stored_rows, write_slices
from tui_cia.storage.store import StoreCore
from tui_cia.storage.writers import RECORDS_IMPORT, register_writer
from tui_cia.survey import Form

__all__ = [
    "Candidate",
    "ImportIncomplete",
    "ImportPaused",
    "ImportRefused",
    "RowProblem",
    "import_candidates",
    "import_file",
]

# Records checked at once: large enough for the column checks to pay, small enough that
# a province's file is never held whole, and that the workers keep the writer busy. The
# first chunks are smaller, so that the writer starts soon.
CHUNK = 250
FIRST_CHUNK = 125

RESUME_HINT = (
    "imported before with the same answers: run the same import with --resume to add only "
    "the records not yet in"
)


class ImportRefused(TuiCiaError):
    """A file with bad rows: nothing was imported; `problems` lists every one."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        shown = "\n".join(p.format() for p in problems[:200])
        more = f"\n… and {len(problems) - 200} more" if len(problems) > 200 else ""
        super().__init__(f"nothing was imported: {len(problems)} problem(s)\n{shown}{more}")


class ImportIncomplete(TuiCiaError):
    """Another program added some of the file's records, with other answers, while the
    import wrote: the rest was imported, those were left as they are."""

    def __init__(self, added: int, clashes: list[str]) -> None:
        self.added, self.clashes = added, clashes
        shown = ", ".join(clashes[:20]) + (" …" if len(clashes) > 20 else "")
        super().__init__(
            f"imported {added} record(s), but {len(clashes)} were added by another program "
            f"with other answers while this import ran, and were left as they are: {shown} "
            "(use a bundle to sync them)"
        )


class ImportPaused(DatabaseBusy):
    """Another program kept the database busy after some slices were written: those stay,
    and the same import with --resume adds the rest."""

    def __init__(self, busy: DatabaseBusy, added: int) -> None:
        self.added = added
        super().__init__(busy.holder, busy.pid)

    def message(self, lang: str = "en") -> str:
        base = super().message(lang)
        if lang == "th":
            return f"{base}ด้วย --resume (นำเข้าแล้ว {self.added} ระเบียน ที่เหลือจะเพิ่มในครั้งนั้น)"
        return f"{base} with --resume ({self.added} record(s) were imported; the rest then)"


class Importer:
    """Takes checked chunks in the file's order: checks the uuids they name, and spools
    their rows while the file has no problem; `write` writes them in slices."""

    def __init__(self, store: StoreCore, form: Form, resume: bool = False) -> None:
        self.conn = store.conn
        self.db_path = str(store.path)
        self.resume = resume
        self.who = Author(store.device, store.enumerator, store.clock())
        today = store.today or dt.date.today()
        self.checker = ChunkChecker(
            form, today, self.who, lambda version: store.forms.get(form.id, version=version)
        )
        self.problems: list[RowProblem] = []
        self.seen: set[str] = set()
        self.count = 0
        self.skipped = 0  # records already there with the same answers (resume)
        self.spool = Spool()

    def absorb(self, checked: Checked) -> None:
        if checked.others:  # records of another stored version: checked here
            checked.extend(self.checker.check(checked.others))
        self.problems += checked.problems
        there = self._check_uuids(checked.named, checked)
        if self.problems:
            return  # the file is refused: nothing more is kept
        rows = checked.rows
        if there:  # resuming: the records imported before are skipped
            rows = rows.select({row[0] for row in rows.records if row[0] not in there})
            self.skipped += len(there)
        self.spool.add(rows)

    def write(self) -> int:
        """Write the spooled rows in slices; the number of records added."""
        done = Written()
        try:
            write_slices(self.conn, self.db_path, self.spool, self.who, done)
        except DatabaseBusy as busy:
            if done.added:
                raise ImportPaused(busy, done.added) from busy
            raise
        self.count, self.skipped = done.added, self.skipped + done.skipped
        if done.clashes:
            raise ImportIncomplete(done.added, done.clashes)
        return done.added

    def _check_uuids(self, named: list[Named], checked: Checked) -> set[str]:
        """Problems for uuids named twice or already stored; the uuids of records stored
        with the same answers, which a resumed import skips."""
        fresh = []
        for one in named:
            if one.uuid in self.seen:
                self._fail(one, "appears twice in this file")
            else:
                self.seen.add(one.uuid)
                fresh.append(one)
        stored = stored_rows(self.conn, [one.uuid for one in fresh])
        if not stored:
            return set()
        rows = {row[0]: row for row in checked.rows.records if row[0] in stored}
        same = {u for u, row in rows.items() if same_record(row, stored[u])}
        for one in fresh:
            if one.uuid not in stored or (self.resume and one.uuid in same):
                continue
            if one.uuid in same:
                self._fail(one, f"is already in the database ({RESUME_HINT})")
            elif self.resume:
                self._fail(one, "is already in the database with other answers (use a bundle)")
            else:
                self._fail(one, "is already in the database (use a bundle to sync)")
        return same if self.resume else set()

    def _fail(self, one: Named, message: str) -> None:
        self.problems.append(RowProblem(one.where, "uuid", message, one.order))

    def report(self) -> list[RowProblem]:
        """Every problem, in the order of the file's lines."""
        return sorted(self.problems, key=lambda p: p.order)


def json_chunks(path: Path, first: int, size: int) -> Iterator[list[Item]]:
    """The file's lines in chunks of `first` lines, then twice as many each time up to
    `size`, each chunk a slice of the file read where it is checked."""
    sizes = chunk_sizes(first, size)
    wanted, start, number, count, offset = next(sizes), 0, 1, 0, 0
    with path.open("rb") as handle:
        while block := handle.read(READ_BLOCK):
            at = block.find(b"\n")
            while at >= 0:
                count += 1
                if count == wanted:
                    end = offset + at + 1
                    yield [Slice(str(path), start, end, number)]
                    start, number, count, wanted = end, number + count, 0, next(sizes)
                at = block.find(b"\n", at + 1)
            offset += len(block)
    if offset > start:
        yield [Slice(str(path), start, offset, number)]


# Bytes read at a time to find where chunks of lines end.
READ_BLOCK = 1 << 20


def import_candidates(
    store: StoreCore, form: Form, items: Iterable[Item], *, resume: bool = False
) -> int:
    """Check every record; write all of them (in slices), or none."""
    return import_chunks(store, form, _chunks(items, FIRST_CHUNK, CHUNK), resume=resume)


def import_chunks(
    store: StoreCore, form: Form, chunks: Iterable[list[Item]], *, resume: bool = False
) -> int:
    """`import_candidates` for items already in chunks: all checked first, then written."""
    with collector_paused():
        importer = Importer(store, form, resume)
        try:
            with closing(checked_chunks(importer.checker, chunks)) as checked_ones:
                for checked in checked_ones:
                    importer.absorb(checked)
            if importer.problems:
                raise ImportRefused(importer.report())
            # Named as the writer only now: checking takes no lock.
            with register_writer(store.path, RECORDS_IMPORT), _larger_cache(store.conn):
                return importer.write()
        finally:
            importer.spool.close()


@contextmanager
def _larger_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """A page cache of IMPORT_CACHE_KIB for the import: the pages its inserts change stay in
    memory until the commit instead of spilling to the log on the way."""
    (before,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


# The page cache of an import (SQLite's default is 2 MiB).
IMPORT_CACHE_KIB = 64 * 1024


def _chunks(items: Iterable[Item], first: int, size: int) -> Iterator[list[Item]]:
    """The items in chunks of the sizes `chunk_sizes` gives."""
    items = iter(items)
    for wanted in chunk_sizes(first, size):
        chunk = list(islice(items, wanted))
        if not chunk:
            return
        yield chunk


def chunk_sizes(first: int, size: int) -> Iterator[int]:
    """`first`, then twice as many each time up to `size`, then `size` for ever: small
    chunks first, so that writing starts soon."""
    wanted = min(first, size)
    while True:
        yield wanted
        wanted = min(2 * wanted, size)


def import_file(
    store: StoreCore,
    form: Form,
    path: Path,
    members: Path | None = None,
    *,
    resume: bool = False,
) -> int:
    """`tui-cia records import`: JSON lines (.jsonl/.json) or CSV (with a members CSV).
    With `resume`, records already in the database with the same answers (an earlier,
    interrupted import of the file) are skipped instead of refused."""
    if not path.is_file():
        raise TuiCiaError(f"no such file: {path}")
    if path.suffix.lower() == ".csv":
        from tui_cia.storage.csvimport import read_csv_records

        return import_candidates(store, form, read_csv_records(form, path, members), resume=resume)
    return import_chunks(store, form, json_chunks(path, FIRST_CHUNK, CHUNK), resume=resume)
