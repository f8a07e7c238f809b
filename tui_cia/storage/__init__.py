"""Storage: the SQLite database through sqlite-utils (records, history, form versions)."""

from tui_cia.storage.db import DatabaseBusy, StorageError
from tui_cia.storage.edits import Editing
from tui_cia.storage.formstore import UnknownForm
from tui_cia.storage.history import Change
from tui_cia.storage.queries import DuplicateGroup, Queries, RecordSummary
from tui_cia.storage.store import CompletionRefused, OpenRecord, RecordNotFound
from tui_cia.storage.writers import register_writer


class Store(Editing, Queries):
    """One tui-cia database: records, their history and the forms they were filled with."""


__all__ = [
    "Change",
    "CompletionRefused",
    "DatabaseBusy",
    "DuplicateGroup",
    "OpenRecord",
    "RecordNotFound",
    "RecordSummary",
    "StorageError",
    "Store",
    "UnknownForm",
    "register_writer",
]
