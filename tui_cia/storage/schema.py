"""The schema, as numbered migrations built with sqlite-utils."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _v1(conn: sqlite3.Connection) -> None:
    import sqlite_utils  # slow to import: only when a database is created

    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("form_versions").create(
        {
            "form_id": str,
            "version": str,
            "content_hash": str,
            "yaml": str,
            "files": str,
            "stored_at": str,
        },
        pk=("form_id", "content_hash"),
    )
    db.table("records").create(
        {
            "uuid": str,
            "form_id": str,
            "form_version": str,
            "form_hash": str,
            "status": str,
            "deleted": int,
            "revision": int,
            "created_at": str,
            "created_device": str,
            "created_by": str,
            "modified_at": str,
            "modified_device": str,
            "modified_by": str,
            "round": int,
            "area": str,
            "key_text": str,
            "instance_name": str,
            "data": str,
            "confirmed": str,
        },
        pk="uuid",
        not_null={"form_id", "status", "deleted", "revision", "data"},
    )
    db.table("records").create_index(["form_id", "round", "area"])
    db.table("records").create_index(["form_id", "key_text", "round"])
    db.table("records").create_index(["modified_at"])
    db.table("history").create(
        {
            "id": int,
            "record_uuid": str,
            "revision": int,
            "at": str,
            "device": str,
            "enumerator": str,
            "op": str,
            "path": str,
            "label": str,
            "old": str,
            "new": str,
            "reason": str,
        },
        pk="id",
        foreign_keys=[("record_uuid", "records", "uuid")],
    )
    db.table("history").create_index(["record_uuid", "revision"])
    conn.execute(
        "CREATE VIRTUAL TABLE records_fts USING fts5("
        "uuid UNINDEXED, form_id UNINDEXED, text, tokenize='trigram')"
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Snapshots may lag the history by a few answers: remember which revision they show."""
    conn.execute("ALTER TABLE records ADD COLUMN data_revision INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE records SET data_revision = revision")


def _v3(conn: sqlite3.Connection) -> None:
    """Sync: every change gets a Lamport clock and the record's version vector it was made
    with (`seen`), so bundles can tell edits made in turn from edits made side by side; the
    peers this database has heard from, and the conflicts a merge found."""
    conn.execute("ALTER TABLE history ADD COLUMN lamport INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE history ADD COLUMN seen TEXT")
    conn.execute("UPDATE history SET lamport = id")
    conn.execute("CREATE UNIQUE INDEX history_op ON history(device, lamport)")
    conn.execute("CREATE INDEX history_lamport ON history(lamport)")
    # Records whose snapshot lags their history: found without reading every record.
    conn.execute("CREATE INDEX records_stale ON records(uuid) WHERE data_revision < revision")
    conn.execute(
        "CREATE TABLE peers (device TEXT PRIMARY KEY, enumerator TEXT, known TEXT NOT NULL, "
        "heard_at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE conflicts (record_uuid TEXT NOT NULL REFERENCES records(uuid), "
        "path TEXT NOT NULL, label TEXT NOT NULL, heads TEXT NOT NULL, found_at TEXT NOT NULL, "
        "PRIMARY KEY (record_uuid, path))"
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Analysis keeps the columns it decoded from each chunk of a flat table's rows
    (`column_cache`), valid while the chunk's stamp (raised by triggers on every change of
    its rows, `chunk_stamps`) and the schema stay as they were; and an index of
    household names for its target lists."""
    from tui_cia.storage.flat import stamp_triggers

    conn.execute(
        "CREATE TABLE chunk_stamps (tbl TEXT NOT NULL, chunk INTEGER NOT NULL, "
        "stamp INTEGER NOT NULL, PRIMARY KEY (tbl, chunk)) WITHOUT ROWID"
    )
    conn.execute(
        "CREATE TABLE column_cache (tbl TEXT NOT NULL, chunk INTEGER NOT NULL, "
        "request TEXT NOT NULL, stamp INTEGER NOT NULL, schema INTEGER NOT NULL, "
        "stored_at INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (tbl, chunk, request))"
    )
    # Names of households by uuid, without reading the records (analysis target lists).
    conn.execute("CREATE INDEX IF NOT EXISTS records_name ON records(uuid, instance_name)")
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'form!_%' ESCAPE '!' "
        "AND name != 'form_versions'"
    ).fetchall():
        stamp_triggers(conn, str(table))


def _v5(conn: sqlite3.Connection) -> None:
    """A form version made by `tui-cia areas import` remembers when its village list was
    imported (at the office that imported it, ISO UTC; NULL for a version as its form file
    has it), so that every database keeps the latest list current, whatever order the
    bundles carrying the lists arrive in (see storage.villagelists)."""
    conn.execute("ALTER TABLE form_versions ADD COLUMN villages_at TEXT")


def _v6(conn: sqlite3.Connection) -> None:
    """Verify mode (storage.verify): per record, the last blind re-key compared with it, who
    keyed the record and who re-keyed it, how many fields were compared and how many
    differed; the keyer statistics are sums over it. Kept on this database only."""
    conn.execute(
        "CREATE TABLE verifications (record_uuid TEXT PRIMARY KEY REFERENCES records(uuid), "
        "keyer TEXT, verifier TEXT, at TEXT NOT NULL, fields INTEGER NOT NULL, "
        "mismatches INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX verifications_keyer ON verifications(keyer)")


def _v7(conn: sqlite3.Connection) -> None:
    """Planning notes (storage.plans): per form, area, round and indicator, the cause, the
    project and the responsible agency the meeting agreed, as staff typed them; the latest
    text wins (by time, then device) when bundles bring another, and every saved text is
    kept in `plan_history`."""
    conn.execute(
        "CREATE TABLE plans (form_id TEXT NOT NULL, area TEXT NOT NULL, round INTEGER NOT NULL, "
        "indicator TEXT NOT NULL, cause TEXT NOT NULL DEFAULT '', project TEXT NOT NULL "
        "DEFAULT '', agency TEXT NOT NULL DEFAULT '', modified_at TEXT NOT NULL, "
        "modified_by TEXT, device TEXT NOT NULL, "
        "PRIMARY KEY (form_id, area, round, indicator))"
    )
    conn.execute(
        "CREATE TABLE plan_history (form_id TEXT NOT NULL, area TEXT NOT NULL, "
        "round INTEGER NOT NULL, indicator TEXT NOT NULL, cause TEXT NOT NULL, "
        "project TEXT NOT NULL, agency TEXT NOT NULL, modified_at TEXT NOT NULL, "
        "modified_by TEXT, device TEXT NOT NULL, "
        "UNIQUE (form_id, area, round, indicator, modified_at, device))"
    )


MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [
    (1, _v1),
    (2, _v2),
    (3, _v3),
    (4, _v4),
    (5, _v5),
    (6, _v6),
    (7, _v7),
]
