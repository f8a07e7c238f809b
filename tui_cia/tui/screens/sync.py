"""Sync: this laptop's id, the peers it has heard from, and bundle files written and read."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Label, ProgressBar, Static

from tui_cia.errors import TuiCiaError
from tui_cia.survey.dates import be_time
from tui_cia.sync.crypto import PassphraseNeeded, WrongPassphrase, is_encrypted
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import t_why
from tui_cia.tui.screens.base import AppScreen, footer
from tui_cia.tui.screens.history import short
from tui_cia.tui.screens.modals import PickScreen, TextInputScreen

if TYPE_CHECKING:
    from tui_cia.sync.exchange import ExportSummary, ImportReport

T = TypeVar("T")
EVERYTHING = ""  # the export pick meaning every change (a peer is picked by its device id)
UNSAFE = re.compile(r'[\s/\\:*?"<>|]+')  # not in a file name on any system
SHOWN_CONFLICTS = 5  # conflicts listed in the report; the conflicts screen has them all
FAILURES = (TuiCiaError, OSError, ValueError, sqlite3.Error)  # said in the report panel


def known_peers(store: Any) -> list[tuple[str, str, str]]:
    """(device, enumerator, heard_at) of every peer a bundle came from, newest first."""
    from tui_cia.sync.exchange import known_peers as peers_of

    return peers_of(store.conn)


def record_names(store: Any, uuids: list[str]) -> dict[str, str]:
    """The instance names (household names) of records, by uuid."""
    names = {}
    for uuid in uuids:
        row = store.conn.execute("SELECT instance_name FROM records WHERE uuid = ?", (uuid,))
        found = row.fetchone()
        names[uuid] = str(found[0] or "") if found else ""
    return names


def bundle_folder() -> Path:
    """Where bundles go by default: the data folder if there is one, else the home folder."""
    from tui_cia.paths import data_dir

    folder = data_dir()
    return folder if folder.is_dir() else Path.home()


def default_bundle_path(folder: Path, device: str, enumerator: str) -> Path:
    """tui-cia-<who>-<yyyymmdd-HHMM>.tcb in `folder`."""
    who = UNSAFE.sub("-", enumerator.strip()).strip("-") or device
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    return folder / f"tui-cia-{who}-{stamp}.tcb"


def is_encrypted_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return is_encrypted(handle.read(64))
    except (OSError, ValueError):
        return False  # the import itself says what is wrong with the path


def report_text(report: ImportReport, names: dict[str, str], lang: str) -> str:
    """The report panel: who sent it, the counts, and the first conflicts."""
    sender = report.sender.get("enumerator") or "-"
    head = t(
        "sync.checked" if report.dry_run else "sync.imported",
        lang,
        sender=f"{sender} ({report.sender.get('device', '')})",
    )
    lines = [
        head,
        t(
            "sync.counts",
            lang,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            conflicts=len(report.conflicts),
        ),
    ]
    if report.plans or report.verifications:
        lines.append(t("sync.extras", lang, plans=report.plans, rekeys=report.verifications))
    for c in report.conflicts[:SHOWN_CONFLICTS]:
        values = " / ".join(short(v["value"]) for v in c["values"])
        lines.append(f"  {names.get(c['uuid']) or c['uuid'][:8]}: {c['label']}  ({values})")
    if len(report.conflicts) > SHOWN_CONFLICTS:
        lines.append(f"  … +{len(report.conflicts) - SHOWN_CONFLICTS}")
    return "\n".join(lines)


class SyncScreen(AppScreen):
    """Export and import bundles in a worker, on a connection of the worker's own."""

    HELP_ID = "sync"
    BINDINGS = bindings("sync")

    def __init__(self) -> None:
        super().__init__()
        self.peers: list[tuple[str, str, str]] = []
        self.busy = False
        self.last_bundle: Path | None = None

    def compose(self) -> ComposeResult:
        yield Label(t("sync.title", self.lang), id="sync-title", classes="title")
        yield Static("", id="sync-this", classes="muted")
        yield Label(t("sync.peers", self.lang), id="peers-title", classes="title")
        yield DataTable(id="peers", cursor_type="row", zebra_stripes=True)
        yield ProgressBar(id="sync-progress", show_eta=False)
        yield Static(t("sync.hint", self.lang), id="sync-report", classes="panel")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.query_one("#sync-progress", ProgressBar).display = False
        self.fill()

    def fill(self) -> None:
        """This laptop's line and the peers table, from the database."""
        enumerator = self.store.enumerator or "-"
        this = t("sync.this", self.lang, device=self.store.device, enumerator=enumerator)
        self.query_one("#sync-this", Static).update(this)
        table = self.query_one("#peers", DataTable)
        table.clear(columns=True)
        for key, width in (("sync.col.name", 28), ("sync.col.device", 16), ("sync.col.heard", 16)):
            table.add_column(t(key, self.lang), width=width)
        self.peers = known_peers(self.store)
        for device, name, heard in self.peers:
            table.add_row(name or "-", device, be_time(heard, self.lang))
        table.focus()

    def refresh_language(self) -> None:
        self.query_one("#sync-title", Label).update(t("sync.title", self.lang))
        self.query_one("#peers-title", Label).update(t("sync.peers", self.lang))
        self.fill()

    # -- the report panel and the progress bar -------------------------------------------------

    def show(self, text: str, *, error: bool = False) -> None:
        panel = self.query_one("#sync-report", Static)
        panel.update(text)
        panel.set_class(error, "error")

    def _begin(self) -> None:
        self.busy = True
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.show(t("sync.working", self.lang))

    def _end(self) -> None:
        self.busy = False
        self.query_one("#sync-progress", ProgressBar).display = False

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=total, progress=done)

    def _refuse_while_busy(self) -> bool:
        if self.busy:
            self.notify(t("sync.busy", self.lang), severity="warning")
        return self.busy

    def _in_own_store(self, job: Callable[[Any], T]) -> T:
        """Run `job` on a Store of its own on the same file (for worker threads)."""
        store = type(self.store)(self.store.path)
        try:
            return job(store)
        finally:
            store.close()

    # -- export --------------------------------------------------------------------------------

    def action_export_bundle(self) -> None:
        """Everything, or what one known peer lacks; then the file; then a passphrase."""
        if self._refuse_while_busy():
            return
        options = [(t("sync.everything", self.lang), EVERYTHING)]
        for device, name, _ in self.peers:
            label = t("sync.for_peer", self.lang, name=name or device)
            options.append((f"{label}  ({device})", device))
        self.app.push_screen(PickScreen(t("sync.pick", self.lang), options), self._export_for)

    def _export_for(self, peer: str | None) -> None:
        if peer is None:
            return
        out = default_bundle_path(bundle_folder(), self.store.device, self.store.enumerator or "")
        self.app.push_screen(
            TextInputScreen(t("sync.out", self.lang), str(out)),
            lambda text: self._export_to(peer, text),
        )

    def _export_to(self, peer: str, text: str | None) -> None:
        if text is None or not text.strip():
            return
        out = Path(text.strip()).expanduser()
        self.app.push_screen(
            TextInputScreen(t("sync.secret", self.lang), password=True),
            lambda secret: self._start_export(peer, out, secret),
        )

    def _start_export(self, peer: str, out: Path, secret: str | None) -> None:
        if secret is None:
            return
        self._begin()
        self.export_worker(out, peer or None, secret or None)

    @work(thread=True, exclusive=True, group="sync")
    def export_worker(self, out: Path, peer: str | None, secret: str | None) -> None:
        from tui_cia.sync.exchange import export_bundle

        try:
            summary = self._in_own_store(
                lambda store: export_bundle(store, out, peer=peer, passphrase=secret)
            )
        except FAILURES as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._exported, summary)

    def _exported(self, summary: ExportSummary) -> None:
        self._end()
        self.last_bundle = Path(summary.path)
        text = t(
            "sync.exported",
            self.lang,
            records=summary.records,
            changes=summary.changes,
            path=summary.path,
        )
        self.show(f"{text} {t('sync.encrypted', self.lang)}" if summary.encrypted else text)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        self.show(t_why("sync.failed", self.lang, exc), error=True)

    # -- import and check ----------------------------------------------------------------------

    def action_import_bundle(self) -> None:
        self._ask_bundle(dry_run=False)

    def action_check_bundle(self) -> None:
        """A dry run: what the bundle would do, with nothing changed."""
        self._ask_bundle(dry_run=True)

    def _ask_bundle(self, *, dry_run: bool) -> None:
        if self._refuse_while_busy():
            return
        title = t("sync.check_file" if dry_run else "sync.file", self.lang)
        start = self.last_bundle or f"{bundle_folder()}{os.sep}"
        self.app.push_screen(
            TextInputScreen(title, str(start)), lambda text: self._bundle_chosen(text, dry_run)
        )

    def _bundle_chosen(self, text: str | None, dry_run: bool) -> None:
        if text is None or not text.strip():
            return
        path = Path(text.strip()).expanduser()
        if is_encrypted_file(path):
            self._ask_secret(path, dry_run)
        else:
            self._start_import(path, dry_run, None)

    def _ask_secret(self, path: Path, dry_run: bool) -> None:
        self.app.push_screen(
            TextInputScreen(t("sync.ask_secret", self.lang), password=True),
            lambda secret: None if secret is None else self._start_import(path, dry_run, secret),
        )

    def _start_import(self, path: Path, dry_run: bool, secret: str | None) -> None:
        self._begin()
        self.import_worker(path, dry_run, secret or None)

    @work(thread=True, exclusive=True, group="sync")
    def import_worker(self, path: Path, dry_run: bool, secret: str | None) -> None:
        from tui_cia.sync.exchange import import_bundle

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        def job(store: Any) -> tuple[ImportReport, dict[str, str]]:
            report = import_bundle(
                store, path, passphrase=secret, dry_run=dry_run, progress=progress
            )
            return report, record_names(store, [c["uuid"] for c in report.conflicts])

        try:
            report, names = self._in_own_store(job)
        except FAILURES as exc:
            self.app.call_from_thread(self._import_failed, path, dry_run, exc)
            return
        self.app.call_from_thread(self._imported, report, names)
        if not dry_run:
            self._prepare_analysis()

    def _prepare_analysis(self) -> None:
        """Read the merged records' columns into the analysis cache, after the report is
        shown: the next analysis finds them ready. It stops between batches when the worker
        is cancelled (leaving the app); only a cache, so a failure is no matter."""
        from textual.worker import get_current_worker

        from tui_cia.analysis import prepare

        worker = get_current_worker()
        with contextlib.suppress(Exception):
            self._in_own_store(lambda store: prepare(store, cancelled=lambda: worker.is_cancelled))

    def _imported(self, report: ImportReport, names: dict[str, str]) -> None:
        self._end()
        self.show(report_text(report, names, self.lang))
        self.fill()

    def _import_failed(self, path: Path, dry_run: bool, exc: BaseException) -> None:
        """A refusal is shown; a missing or wrong passphrase is asked for again."""
        self._end()
        self.show(t_why("sync.refused", self.lang, exc), error=True)
        if isinstance(exc, PassphraseNeeded | WrongPassphrase):
            self._ask_secret(path, dry_run)

    # -- elsewhere -----------------------------------------------------------------------------

    def action_conflicts(self) -> None:
        from tui_cia.tui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_back(self) -> None:
        if not self._refuse_while_busy():
            self.app.pop_screen()
