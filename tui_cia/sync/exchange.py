"""`tui-cia bundle export`: what goes into a bundle (taking one in: `intake`, whose
`import_bundle` and `ImportReport` are named here too).

What a database knows is a version vector: for each device, the clock of the newest change
of that device it holds (changes of one device always arrive oldest first, because a bundle
carries everything above what its receiver is known to have). A bundle's manifest carries the
sender's vector, so a reply `--for` that sender leaves out what it already has.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.db import read_snapshot
from tui_cia.storage.writers import BUNDLE_EXPORT, register_writer
from tui_cia.sync.bundle import write_bundle
from tui_cia.sync.bundleforms import manifest_forms
from tui_cia.sync.bundleplans import manifest_plans
from tui_cia.sync.bundleverify import manifest_verifications
from tui_cia.sync.changes import HISTORY_COLUMNS, from_db
from tui_cia.sync.intake import ImportReport, Progress, database_vector, import_bundle

if TYPE_CHECKING:
    from tui_cia.storage import Store

__all__ = [
    "ExportSummary",
    "ImportReport",
    "Progress",
    "database_vector",
    "export_bundle",
    "import_bundle",
    "known_peers",
    "peer_vector",
]


def known_peers(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(device, enumerator, heard_at) of every peer a bundle came from, newest first."""
    rows = conn.execute(
        "SELECT device, enumerator, heard_at FROM peers ORDER BY heard_at DESC"
    ).fetchall()
    return [(str(d), str(e or ""), str(h or "")) for d, e, h in rows]


def peer_vector(conn: sqlite3.Connection, peer: str) -> tuple[str, dict[str, int]]:
    """(device, vector) of a peer named by device id, id prefix or enumerator name."""
    rows = conn.execute("SELECT device, enumerator, known FROM peers").fetchall()
    found = [r for r in rows if r[0] == peer or r[0].startswith(peer) or r[1] == peer]
    if not found:
        names = ", ".join(f"{r[0]} ({r[1] or 'no name'})" for r in rows) or "none yet"
        raise TuiCiaError(
            f"no bundle from '{peer}' has been imported here, so what it has is unknown; "
            f"known peers: {names}. Use --all to send everything."
        )
    if len(found) > 1:
        raise TuiCiaError(f"'{peer}' names several peers: give more of the device id")
    return found[0][0], dict(json.loads(found[0][2]))


@dataclass
class ExportSummary:
    path: str
    records: int
    changes: int
    peer: str | None
    encrypted: bool


def export_bundle(
    store: Store,
    out: Path,
    *,
    peer: str | None = None,
    passphrase: str | None = None,
) -> ExportSummary:
    """Write a bundle of every change the peer lacks (all changes without a peer).

    There is no choice of forms: a bundle always carries every change above its base, so the
    receiver's knowledge has no gaps (see `_check_base`)."""
    with register_writer(store.path, BUNDLE_EXPORT):
        store.checkpoint_all()  # instance names and snapshots current before they travel
    # One snapshot for every read: an import committing slices meanwhile is either in the
    # bundle, changes and vector alike, or not at all.
    with read_snapshot(store.conn) as conn:
        peer_device, known = peer_vector(conn, peer) if peer else (None, {})
        by_record = _changes_since(conn, known)
        headers = _headers(conn, list(by_record))
        changes = sum(len(by_record[u]) for u in headers)
        manifest: dict[str, Any] = {
            "sender": {"device": store.device, "enumerator": store.enumerator},
            "created_at": store.clock(),
            "for_peer": peer_device,
            "base": known,  # the bundle holds every change above this: the receiver needs it
            "known": database_vector(conn),
            "forms": manifest_forms(conn, {h["form_hash"] for h in headers.values()}),
            "plans": manifest_plans(conn),
            "verifications": manifest_verifications(conn),
            "counts": {"changes": changes},
        }
    lines = (
        json.dumps({**headers[uuid], "changes": by_record[uuid]}, ensure_ascii=False)
        for uuid in headers
    )
    final = write_bundle(out, manifest, lines, passphrase)
    return ExportSummary(
        str(out),
        int(final["counts"]["records"]),
        changes,
        peer_device,
        passphrase is not None,
    )


def _changes_since(conn: sqlite3.Connection, known: dict[str, int]) -> dict[str, list[Any]]:
    """Per record, the changes above `known`; a first change keeps its data in the row."""
    columns = ", ".join(f"h.{c.strip()}" for c in HISTORY_COLUMNS.split(","))
    by_record: dict[str, list[Any]] = {}
    for device in database_vector(conn):
        rows = conn.execute(
            f"SELECT {columns}, h.record_uuid, "
            "CASE WHEN h.new IS NULL AND h.revision = 1 THEN r.data END "
            "FROM history h JOIN records r ON r.uuid = h.record_uuid "
            "WHERE h.device = ? AND h.lamport > ? ORDER BY h.lamport",
            (device, known.get(device, 0)),
        )
        for row in rows:
            change = from_db(row if row[12] is None else (*row[:8], row[12], *row[9:11]))
            by_record.setdefault(row[11], []).append(change.row())
    return by_record


def _headers(conn: sqlite3.Connection, uuids: list[str]) -> dict[str, dict[str, Any]]:
    wanted = set(uuids)
    firsts = _first_flags(conn)
    headers: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        "SELECT uuid, form_id, form_hash, created_at, created_device, created_by, status, "
        "deleted, instance_name, confirmed FROM records"
    )
    for r in rows:
        if r[0] in wanted:
            headers[r[0]] = _header(r, firsts.get(r[0], {}))
    return dict(sorted(headers.items()))


def _first_flags(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Per record, the `old` of its first status change and of its first delete/restore."""
    found: dict[str, dict[str, Any]] = {}
    for uuid, op, old in conn.execute(
        "SELECT record_uuid, op, old FROM history WHERE op IN ('status', 'delete', 'restore') "
        "ORDER BY lamport"
    ):
        kind = "status" if op == "status" else "deleted"
        found.setdefault(uuid, {}).setdefault(kind, json.loads(old))
    return found


def _header(r: tuple[Any, ...], first: dict[str, Any]) -> dict[str, Any]:
    """What a record started as: the receiver rebuilds status and deletion from there."""
    return {
        "uuid": r[0],
        "form_id": r[1],
        "form_hash": r[2],
        "created_at": r[3] or "",
        "created_device": r[4] or "",
        "created_by": r[5] or "",
        "status": str(first.get("status", r[6])),
        "deleted": bool(first.get("deleted", r[7])),
        "instance_name": r[8] or "",
        "confirmed": json.loads(r[9] or "[]"),
    }
