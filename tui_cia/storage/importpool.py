"""Checking an import's chunks in worker processes while the importer writes.

Parsing, checking and building the rows of a record take most of an import's time and need
no database, so worker processes do them, a few chunks ahead of the importer, which inserts
each chunk's rows as it comes back, in the file's order; while the oldest chunk is not back,
the importer checks the next one itself rather than wait. The workers are only a speed-up:
a file of one chunk, a machine with one core, or a pool that cannot start or breaks has its
chunks checked in this process instead, with the same results.

Workers are forked on Linux and spawned elsewhere (Windows, macOS). A spawned worker inherits
nothing from this process: everything it is given (the `Recipe`, the chunks) and gives back
(`Checked`) is plain data that pickles, and it loads the form from the recipe's text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.context import BaseContext

from tui_cia.errors import TuiCiaError
from tui_cia.storage.bulk import Author
from tui_cia.storage.importcheck import Checked, ChunkChecker, Item
from tui_cia.storage.writers import pid_alive

# More workers than this gain little: the importer's inserts set the pace.
MAX_WORKERS = 4
# The chunks a file needs for workers to repay their start: a forked worker starts in a
# few hundredths of a second, a spawned one (Windows, macOS) loads Python and the form.
FORKED_CHUNKS = 4
SPAWNED_CHUNKS = 16
# Chunks waiting for each worker, so that it never waits for the importer.
QUEUED = 4
# How many times the workers' chunks the importer holds at most (checked or not).
AHEAD = 3
# How much workers yield the processor to the importer, which they keep waiting otherwise.
NICENESS = 5
# Allocations between a worker's garbage collections (Python's default is 700).
GC_THRESHOLD = 20_000
# Seconds between a worker's looks for its importer (which may have been killed).
PARENT_POLL = 0.5
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True)
class Recipe:
    """What a worker needs to check chunks: the form's text (a loaded form does not
    pickle), and the date and author of the import."""

    source: str
    attachments: dict[str, str]
    content_hash: str
    today: dt.date
    who: Author


_checker: ChunkChecker | None = None  # a worker's
# The recipe of the import whose workers are being forked, with its checker: a forked
# worker takes it instead of loading the form again.
_inherited: tuple[Recipe, ChunkChecker] | None = None


def _start_worker(recipe: Recipe, parent: int) -> None:
    global _checker
    _end_with_parent(parent)
    if hasattr(os, "nice"):  # the writer sets the pace: it comes first for the processor
        os.nice(NICENESS)
    if _inherited is not None and _inherited[0] == recipe:  # forked from this import
        _checker = _inherited[1]
    else:
        from tui_cia.survey import load_form_text

        form = load_form_text(recipe.source, "<import>", None, recipe.attachments)
        if form.content_hash != recipe.content_hash:
            raise TuiCiaError("the form read in a worker is not the importer's")
        _checker = ChunkChecker(form, recipe.today, recipe.who, stored=None)
    # A worker makes many objects and few cycles: what it holds now is never garbage, and
    # collections are rarer.
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD)


def _end_with_parent(parent: int) -> None:
    """A worker ends when the importer does, even when the importer is killed (which gives
    it no time to stop the pool): on Linux the kernel sends it SIGKILL (PR_SET_PDEATHSIG);
    everywhere a watch thread looks for its parent twice a second. Forked workers hold each
    other's ends of the pool's pipes, so without this they would wait for work for ever."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # only a faster way: the watch thread stays
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(getattr(signal, "SIGKILL", 9)), 0, 0, 0)
    if not _parent_alive(parent):  # it died before the kernel was told
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while _parent_alive(parent):
        time.sleep(PARENT_POLL)
    os._exit(1)  # no clean-up to do: the importer, which writes, is gone


def _parent_alive(parent: int) -> bool:
    if sys.platform != "win32" and os.getppid() != parent:
        return False  # given to another parent: ours has died
    return pid_alive(parent)


def _check_in_worker(items: list[Item]) -> Checked:
    if _checker is None:
        raise TuiCiaError("the worker has no form")
    return _checker.check(items)


def worker_count() -> int:
    """One worker per core this process may use, up to MAX_WORKERS; none on one core.
    (The importer checks chunks too, but only while it has nothing to write.)"""
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else (os.cpu_count() or 1)
    return min(cores, MAX_WORKERS) if cores > 1 else 0


def _context() -> BaseContext:
    """Fork where it is safe (Linux, no other threads): it starts at once. Elsewhere spawn,
    which starts a fresh interpreter."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def checked_chunks(
    checker: ChunkChecker,
    chunks: Iterable[list[Item]],
    workers: int | None = None,
    context: BaseContext | None = None,
) -> Generator[Checked, None, None]:
    """Each chunk checked, in order: with worker processes when there are enough chunks
    to repay starting them and two cores or more, else here."""
    chunks = iter(chunks)
    count = worker_count() if workers is None else workers
    context = context or _context()
    forked = context.get_start_method() == "fork"
    enough = 2 if workers is not None else FORKED_CHUNKS if forked else SPAWNED_CHUNKS
    head = list(islice(chunks, enough))
    if len(head) < enough or count < 1:
        yield from map(checker.check, chain(head, chunks))
        return
    form = checker.form
    recipe = Recipe(form.source, form.attachments, form.content_hash, checker.today, checker.who)
    global _inherited
    ours = None
    if forked:  # what forked workers check with (without the database): they inherit it
        ours = _inherited = (recipe, ChunkChecker(form, checker.today, checker.who, None))
    try:
        yield from _with_pool(checker, chain(head, chunks), count, context, recipe)
    finally:
        if _inherited is ours:
            _inherited = None


def _with_pool(
    checker: ChunkChecker,
    chunks: Iterator[list[Item]],
    count: int,
    context: BaseContext,
    recipe: Recipe,
) -> Generator[Checked, None, None]:
    try:
        pool = ProcessPoolExecutor(
            count, mp_context=context, initializer=_start_worker, initargs=(recipe, os.getpid())
        )
    except (OSError, ValueError, NotImplementedError):
        yield from map(checker.check, chunks)
        return
    gc.freeze()  # what this process holds: forked workers never walk (and so copy) it
    try:
        yield from _Pipeline(checker, chunks, pool, QUEUED * count)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


@dataclass
class _Job:
    """A chunk on its way: sent to a worker (`future`), or checked here (`result`)."""

    chunk: list[Item]
    future: Future[Checked] | None = None
    result: Checked | None = None


class _Pipeline:
    """Chunks in the file's order. The workers always have `depth` chunks to check; while
    the oldest is not back, the importer checks the next chunk itself instead of waiting,
    so that every core works. At most `AHEAD` times `depth` chunks are held at once."""

    def __init__(
        self,
        checker: ChunkChecker,
        chunks: Iterator[list[Item]],
        pool: ProcessPoolExecutor,
        depth: int,
    ) -> None:
        self.checker, self.chunks, self.pool, self.depth = checker, chunks, pool, depth
        self.jobs: deque[_Job] = deque()

    def __iter__(self) -> Iterator[Checked]:
        self._send()
        while self.jobs:
            self._send()
            head = self.jobs[0]
            if head.future is not None and not head.future.done() and self._check_one_here():
                continue
            self.jobs.popleft()
            result = head.result or _outcome(head.future) or self.checker.check(head.chunk)
            self._send()
            yield result

    def _send(self) -> None:
        """Give the workers chunks until `depth` are on their way."""
        while self._unchecked() < self.depth and len(self.jobs) < AHEAD * self.depth:
            chunk = next(self.chunks, None)
            if chunk is None:
                return
            try:
                self.jobs.append(_Job(chunk, self.pool.submit(_check_in_worker, chunk)))
            except Exception:  # a broken pool: the chunk is checked here, in its turn
                self.jobs.append(_Job(chunk))

    def _unchecked(self) -> int:
        return sum(j.future is not None and not j.future.done() for j in self.jobs)

    def _check_one_here(self) -> bool:
        """Check the next chunk here (not too far ahead); False when there is none."""
        if len(self.jobs) >= AHEAD * self.depth:
            return False
        chunk = next(self.chunks, None)
        if chunk is None:
            return False
        self.jobs.append(_Job(chunk, result=self.checker.check(chunk)))
        self._send()
        return True


def _outcome(future: Future[Checked] | None) -> Checked | None:
    """A worker's result, or None when the worker could not give one."""
    if future is None:
        return None
    try:
        return future.result()
    except Exception:  # a worker that died or failed: its chunk is checked here
        return None
