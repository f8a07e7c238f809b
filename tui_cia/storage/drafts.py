"""A draft's place on the entry screen, and dropping a new household nobody typed into."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_cia.storage.db import transaction
from tui_cia.storage.settings import get_setting, set_setting

if TYPE_CHECKING:
    from tui_cia.storage.store import OpenRecord, StoreCore

# Changes that carry nothing the keyer typed: made with the record, or a member added empty.
UNTOUCHED_OPS = ("create", "add", "remove", "move")


def _key(uuid: str) -> str:
    return f"position:{uuid}"


def saved_position(store: StoreCore, uuid: str) -> str | None:
    """The question the keyer was last on in this record (a path as path_str writes it)."""
    return get_setting(store.conn, _key(uuid))


def save_position(store: StoreCore, uuid: str, where: str) -> None:
    """Remember the question shown, as it is shown: a killed app reopens the draft there."""
    with transaction(store.conn):
        set_setting(store.conn, _key(uuid), where)


def drop_if_untouched(store: StoreCore, rec: OpenRecord) -> bool:
    """Remove a draft that holds only what the form filled in (defaults, carried answers,
    calculations), with its history, flat and search rows: a household opened by mistake
    leaves nothing behind. True if it was removed."""
    from tui_cia.storage import flat

    if rec.status != "draft":
        return False
    with transaction(store.conn):
        marks = ", ".join("?" for _ in UNTOUCHED_OPS)
        typed = store.conn.execute(
            f"SELECT COUNT(*) FROM history WHERE record_uuid = ? AND op NOT IN ({marks})",
            (rec.uuid, *UNTOUCHED_OPS),
        ).fetchone()[0]
        if typed:
            return False
        row = store.conn.execute("SELECT rowid FROM records WHERE uuid = ?", (rec.uuid,))
        found = row.fetchone()
        if found is None:
            return False
        flat.write_rows(store.conn, flat.flat_tables(rec.form), {}, [rec.uuid])
        store.conn.execute("DELETE FROM records_fts WHERE rowid = ?", (found[0],))
        for table in ("history", "conflicts", "verifications"):
            store.conn.execute(f"DELETE FROM {table} WHERE record_uuid = ?", (rec.uuid,))
        store.conn.execute("DELETE FROM settings WHERE key = ?", (_key(rec.uuid),))
        store.conn.execute("DELETE FROM records WHERE uuid = ?", (rec.uuid,))
    rec.deleted = True
    return True
