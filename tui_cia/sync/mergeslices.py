"""Taking a big bundle in slices, so that the app and other programs can write in between.

Every record is judged first without writing (`Merger(check_only=True)`): a bundle that
does not fit its forms is refused before anything is written, as a bundle taken in one
transaction is. Then SLICE records go to a transaction; between two, a program waiting for
the lock goes first (`writers.yield_to_waiters`). The planning notes, re-keys and what the
sender knows are written with the last slice. A killed import leaves the slices it
committed, whole records each; bundles are idempotent, so importing the same bundle again
takes the rest and leaves the rest unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui_cia.storage.db import transaction
from tui_cia.storage.writers import yield_to_waiters
from tui_cia.sync.merge import Incoming, Merger, Outcome

if TYPE_CHECKING:
    from tui_cia.storage import Store

# Records merged in one transaction: a slice takes a few tens of milliseconds.
SLICE = 200

Counted = Callable[[Outcome], None]
Progress = Callable[[int, int], None]


def receive_forms(store: Store, forms: list[tuple[Any, str | None]]) -> None:
    """The bundle's form versions kept, with their flat tables (inside a transaction)."""
    from tui_cia.storage import flat

    for form, villages_at in forms:
        store.forms.receive(form, store.clock(), villages_at)
        flat.ensure_tables(store.conn, form)


def check_all(store: Store, forms: list[tuple[Any, str | None]], records: list[Incoming]) -> None:
    """Judge every record as a merge would, writing nothing; BundleRefused if one does not
    fit. The bundle's forms are only remembered (not stored) for the judging."""
    for form, _ in forms:
        store.forms.remember(form)
    judge = Merger(store, store.clock(), check_only=True)
    try:
        for start in range(0, len(records), 500):
            part = records[start : start + 500]
            judge.look_up([r.uuid for r in part])
            for rec in part:
                judge.merge(rec)
    finally:
        store.forms.forget()  # the bundle's forms are read from the database from now on


def merge_in_slices(
    store: Store,
    forms: list[tuple[Any, str | None]],
    records: list[Incoming],
    counted: Counted,
    last: Callable[[], None],
    progress: Progress | None = None,
) -> None:
    """Check every record, then merge them SLICE to a transaction; `last` runs inside the
    last one; `counted` gets each committed record's outcome."""
    check_all(store, forms, records)
    conn = store.conn
    total = len(records)
    for start in range(0, total, SLICE):
        part = records[start : start + SLICE]
        try:
            with transaction(conn):
                if start == 0:
                    receive_forms(store, forms)
                merger = Merger(store, store.clock())
                merger.look_up([r.uuid for r in part])
                outcomes = [merger.merge(rec) for rec in part]
                merger.flush()
                if start + SLICE >= total:
                    last()
        except BaseException:
            store.forms.forget()  # forms received in a slice rolled back are not stored
            raise
        for outcome in outcomes:
            counted(outcome)
        if progress is not None:
            progress(min(start + SLICE, total), total)
        yield_to_waiters(store.path)
