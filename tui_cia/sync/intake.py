"""`tui-cia bundle import`: taking a verified bundle in safely, at once or in slices.

A small bundle (and a dry run) is merged in one transaction; a big one is checked whole and
then merged in slices (`mergeslices`), so that the app can save while it is taken.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.db import DatabaseBusy, begin_immediate, is_busy
from tui_cia.storage.writers import BUNDLE_IMPORT, register_writer
from tui_cia.sync import mergeslices
from tui_cia.sync.bundle import BundleRefused, read_bundle
from tui_cia.sync.bundleforms import bundle_forms
from tui_cia.sync.bundleplans import merge_bundle_plans, read_plans
from tui_cia.sync.bundleverify import merge_bundle_verifications, read_verifications
from tui_cia.sync.merge import Merger, parse_record

if TYPE_CHECKING:
    from tui_cia.storage import Store

Progress = Callable[[int, int], None]


def database_vector(conn: sqlite3.Connection) -> dict[str, int]:
    """Per device, the clock of the newest change of it this database holds."""
    rows = conn.execute("SELECT device, MAX(lamport) FROM history GROUP BY device")
    return {device: int(clock) for device, clock in rows}


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
