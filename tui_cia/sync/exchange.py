"""`tui-cia bundle export|import`: what goes into a bundle, and taking one in safely.

What a database knows is a version vector: for each device, the clock of the newest change
of that device it holds (changes of one device always arrive oldest first, because a bundle
carries everything above what its receiver is known to have). A bundle's manifest carries the
sender's vector, so a reply `--for` that sender leaves out what it already has.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.db import DatabaseBusy, begin_immediate, is_busy, read_snapshot
from tui_cia.storage.writers import BUNDLE_EXPORT, BUNDLE_IMPORT, register_writer
from tui_cia.sync import mergeslices
from tui_cia.sync.bundle import BundleRefused, read_bundle, write_bundle
from tui_cia.sync.bundleforms import bundle_forms, manifest_forms
from tui_cia.sync.bundleplans import manifest_plans, merge_bundle_plans, read_plans
from tui_cia.sync.bundleverify import (
    manifest_verifications,
    merge_bundle_verifications,
    read_verifications,
)
from tui_cia.sync.changes import HISTORY_COLUMNS, from_db
from tui_cia.sync.merge import Merger, parse_record

if TYPE_CHECKING:
    from tui_cia.storage import Store

Progress = Callable[[int, int], None]


def database_vector(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT device, MAX(lamport) FROM history GROUP BY device")
    return {device: int(clock) for device, clock in rows}


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


@dataclass
class ImportReport:
    """What a bundle did (or, with dry_run, would do) to this database."""

    sender: dict[str, Any]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    plans: int = 0  # planning notes taken (newer than this database's)
    verifications: int = 0  # re-keys taken for the keyer statistics (newer than ours)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def import_bundle(
    store: Store,
    path: Path,
    *,
    passphrase: str | None = None,
    dry_run: bool = False,
    form_id: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Verify the whole bundle, then merge it: in one transaction (rolled back for dry runs),
    or a big one in slices, every record checked before the first is written."""
    bundle = read_bundle(path, passphrase)
    manifest = bundle.manifest
    sender = manifest.get("sender") or {}
    if (
        not isinstance(sender, dict)
        or not isinstance(sender.get("device"), str)
        or not sender["device"]
    ):
        raise BundleRefused("the bundle's manifest does not say who wrote it: refused")
    if sender["device"] == store.device:
        raise BundleRefused(
            "this bundle was written by this same database (device "
            f"{store.device}); if this database file was copied from another laptop, give "
            "this copy its own device id first (tui-cia device --new)"
        )
    _check_base(store, manifest)
    records = [parse_record(raw, n) for n, raw in enumerate(bundle.records, start=1)]
    if len({r.uuid for r in records}) != len(records):
        raise BundleRefused("the bundle holds the same record twice: it was not written by tui-cia")
    if form_id is not None:
        for rec in records:
            if rec.form_id != form_id:
                raise BundleRefused(
                    f"this bundle holds records of form '{rec.form_id}', not '{form_id}': refused"
                )
    forms = bundle_forms(manifest, {r.form_hash for r in records}, form_id)
    plans = read_plans(manifest)
    rekeys = read_verifications(manifest)
    report = ImportReport(
        {"device": sender["device"], "enumerator": str(sender.get("enumerator") or "")},
        dry_run=dry_run,
    )
    taken = Taken(store, forms, records, report, progress, manifest, plans, rekeys)
    with register_writer(store.path, BUNDLE_IMPORT):
        try:
            if dry_run or len(records) <= mergeslices.SLICE:
                taken.at_once()
            else:
                taken.in_slices()
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise DatabaseBusy.of(store.path) from exc
            raise TuiCiaError(
                f"the bundle could not be merged ({exc}); nothing more was changed. If the "
                "disk is full, free space and try again; otherwise ask the sender for a full "
                "bundle"
            ) from exc
    return report


@dataclass
class Taken:
    """A verified bundle being merged: in one transaction (a small bundle, a dry run), or
    in slices (see mergeslices), so that the app can save while a big one is taken."""

    store: Store
    forms: list[tuple[Any, str | None]]
    records: list[Any]
    report: ImportReport
    progress: Progress | None
    manifest: dict[str, Any]
    plans: Any
    rekeys: Any

    def at_once(self) -> None:
        """Everything in one transaction, rolled back for a dry run."""
        store, conn = self.store, self.store.conn
        begin_immediate(conn)
        try:
            _merge_all(store, self.forms, self.records, self.report, self.progress)
            self.last()
        except BaseException:
            conn.execute("ROLLBACK")
            store.forms.forget()
            raise
        conn.execute("ROLLBACK" if self.report.dry_run else "COMMIT")
        if self.report.dry_run:
            store.forms.forget()

    def in_slices(self) -> None:
        mergeslices.merge_in_slices(
            self.store, self.forms, self.records, self.count, self.last, self.progress
        )
        uuids = [r.uuid for r in self.records]
        self.report.conflicts = list(_conflicts_of(self.store.conn, uuids))

    def count(self, outcome: Any) -> None:
        setattr(self.report, outcome.kind, getattr(self.report, outcome.kind) + 1)

    def last(self) -> None:
        """What comes with the last of the records: notes, re-keys, what the sender knows."""
        conn, report = self.store.conn, self.report
        report.plans = merge_bundle_plans(conn, self.plans)
        report.verifications = merge_bundle_verifications(conn, self.rekeys)
        _remember_peer(conn, report.sender, self.manifest, self.store.clock())


def _check_base(store: Store, manifest: dict[str, Any]) -> None:
    """A bundle made `--for` a peer leaves out what that peer had: refused where some of that
    is missing, since taking it would leave a gap no later bundle fills."""
    base = manifest.get("base") or {}
    if not isinstance(base, dict):
        raise BundleRefused("the bundle's manifest has a malformed 'base': refused")
    mine = database_vector(store.conn)
    lacking = [
        d for d, clock in base.items() if not isinstance(clock, int) or mine.get(d, 0) < clock
    ]
    if lacking:
        raise BundleRefused(
            "this bundle was made for a laptop that already had changes this database lacks "
            f"(from {', '.join(sorted(map(str, lacking)))}): ask the sender for a full bundle "
            "(tui-cia bundle export --all) or one made --for this laptop"
        )


def _merge_all(
    store: Store,
    forms: list[tuple[Any, str | None]],
    records: list[Any],
    report: ImportReport,
    progress: Progress | None,
) -> None:
    mergeslices.receive_forms(store, forms)
    merger = Merger(store, store.clock())
    merger.look_up([r.uuid for r in records])
    for done, rec in enumerate(records, start=1):
        outcome = merger.merge(rec)
        setattr(report, outcome.kind, getattr(report, outcome.kind) + 1)
        if progress is not None and (done % 200 == 0 or done == len(records)):
            progress(done, len(records))
    merger.flush()
    report.conflicts = list(_conflicts_of(store.conn, [r.uuid for r in records]))


def _conflicts_of(conn: sqlite3.Connection, uuids: list[str]) -> Iterator[dict[str, Any]]:
    wanted = set(uuids)
    for uuid, path, label, heads in conn.execute(
        "SELECT record_uuid, path, label, heads FROM conflicts ORDER BY record_uuid, path"
    ):
        if uuid in wanted:
            values = [
                {
                    "value": json.loads(h[8]) if h[8] else None,
                    "device": h[0],
                    "by": h[3],
                    "at": h[2],
                }
                for h in json.loads(heads)
            ]
            yield {"uuid": uuid, "path": path, "label": label, "values": values}


def _remember_peer(
    conn: sqlite3.Connection, sender: dict[str, Any], manifest: dict[str, Any], now: str
) -> None:
    """What the sender knows, merged into what we knew of it (written only when it grew)."""
    known = manifest.get("known") or {}
    if not isinstance(known, dict):
        raise BundleRefused("the bundle's manifest has a malformed 'known' list: refused")
    row = conn.execute("SELECT known FROM peers WHERE device = ?", (sender["device"],)).fetchone()
    before: dict[str, int] = dict(json.loads(row[0])) if row else {}
    after = dict(before)
    for device, clock in known.items():
        if isinstance(device, str) and type(clock) is int:
            after[device] = max(clock, after.get(device, 0))
    if row is not None and after == before:
        return
    conn.execute(
        "INSERT INTO peers(device, enumerator, known, heard_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(device) DO UPDATE SET enumerator = excluded.enumerator, "
        "known = excluded.known, heard_at = excluded.heard_at",
        (sender["device"], sender["enumerator"], json.dumps(after, sort_keys=True), now),
    )
