"""Opening the database off the event loop, in thread workers that report by message.

First `read_first`: the demo's scratch copy (`db_ready`), then Home's tables read with plain
sqlite3 (`overview`), so Home fills without waiting for the storage package; the command line
starts this read before Textual loads (`overview.ReadAhead`), and the worker waits for it (or
is not needed: it is done). Then, once Home has painted its tables, `open_store`: the storage
package and the `Store` (migrations, the shipped forms of a new database). Keys answer all the
while: nothing of this runs on the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from tui_cia.tui.overview import Overview


class FirstRead(Message):
    """Home's tables as first read (None: Home waits for the store)."""

    def __init__(self, overview: Overview | None) -> None:
        super().__init__()
        self.overview = overview


class StoreOpened(Message):
    """The store is open; `form_id` is the form Home shows (None: the database has none)."""

    def __init__(self, store: Any, form_id: str | None) -> None:
        super().__init__()
        self.store = store
        self.form_id = form_id


class StoreFailed(Message):
    """The database cannot be opened: `message` says why, for people."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


def read_first(app: Any) -> FirstRead | StoreFailed | None:
    """In a thread worker: Home's tables once the database is ready (None if cancelled).

    The read started by the command line is waited for; else it is made here."""
    from tui_cia.tui.overview import read_overview

    try:
        if app.read_ahead is not None:
            overview = app.read_ahead.result()
        else:
            if app.db_ready is not None:
                app.db_ready()
            overview = None if get_current_worker().is_cancelled else read_overview(app.db_path)
    except OSError as exc:  # the demo's copy could not be made (a full disk, say)
        return StoreFailed(f"error: {exc}")
    return None if get_current_worker().is_cancelled else FirstRead(overview)


def open_store(app: Any) -> StoreOpened | StoreFailed | None:
    """In a thread worker: open the store (None if cancelled: it is closed again)."""
    from tui_cia.errors import TuiCiaError
    from tui_cia.storage import Store
    from tui_cia.tui.shipped import ensure_forms

    try:
        store = Store(app.db_path, today=app.today)
    except TuiCiaError as exc:  # not a database of ours, or a newer one: said plainly
        return StoreFailed(f"error: {exc}")
    try:
        form_id = ensure_forms(app, store)
    except TuiCiaError as exc:  # a shipped form that does not load
        store.close()
        return StoreFailed(f"error: {exc}")
    if get_current_worker().is_cancelled:
        store.close()
        return None
    return StoreOpened(store, form_id)
