"""Recheck: the complete and verified records the current form version no longer passes,
found in a worker on its own store (nothing is changed); Enter opens a record at its first
problem. Also the keyer statistics of verify mode (KeyersScreen)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import t_why
from tui_cia.tui.screens.base import AppScreen, footer


def _cells(*texts: str) -> list[Text]:
    return [Text(s, no_wrap=True, end="") for s in texts]


class RecheckScreen(AppScreen):
    """The records that fail the current version: house, village, version, first problem."""

    HELP_ID = "recheck"
    BINDINGS = bindings("recheck")

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.failing: list[Any] = []  # storage.quality.Rechecked, in table order
        self.done = False

    def compose(self) -> ComposeResult:
        yield Label(t("recheck.working", self.lang), id="recheck-title", classes="title")
        yield DataTable(id="recheck", cursor_type="row", zebra_stripes=True)
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_language()

    def refresh_language(self) -> None:
        """Headers in the language shown, and the problems told again in it."""
        grid = self.query_one("#recheck", DataTable)
        grid.clear(columns=True)
        for name in ("key", "village", "status", "version", "problems", "first"):
            grid.add_column(t(f"recheck.{name}", self.lang), key=name)
        self.search()

    def on_screen_resume(self) -> None:
        if self.done:  # back from a record: it may pass now
            self.search()

    def search(self) -> None:
        self.query_one("#recheck-title", Label).update(t("recheck.working", self.lang))
        self.check(self.store.path, self.lang)

    @work(thread=True, exclusive=True, group="recheck")
    def check(self, path: Any, lang: str) -> None:
        import sqlite3

        from tui_cia.analysis.crosstab import area_names
        from tui_cia.errors import TuiCiaError
        from tui_cia.storage import Store
        from tui_cia.storage.quality import recheck

        store = Store(path)
        try:
            form = store.forms.get(self.form_id)
            found = recheck(store, form, lang=lang, progress=self._progress)
            names = area_names(form, lang)
        except (TuiCiaError, sqlite3.Error) as exc:  # e.g. another program writing just now
            self.app.call_from_thread(self._failed, exc)
            return
        finally:
            store.close()
        self.app.call_from_thread(self._checked, found, names)

    def _progress(self, checked: int, total: int) -> None:
        """From the worker: how far the check is (a province takes minutes)."""
        text = t("recheck.progress", self.lang, n=f"{checked:,}", total=f"{total:,}")
        self.app.call_from_thread(self.query_one("#recheck-title", Label).update, text)

    def _failed(self, exc: Exception) -> None:
        self.done = True
        self.query_one("#recheck-title", Label).update(t_why("db.unreadable", self.lang, exc))

    def _checked(self, found: Any, names: dict[str, str]) -> None:
        self.failing, self.done = found.failing, True
        key = "recheck.count" if found.failing else "recheck.none"
        self.query_one("#recheck-title", Label).update(
            t(key, self.lang, n=found.checked, m=len(found.failing), version=found.version)
        )
        grid = self.query_one("#recheck", DataTable)
        at = grid.cursor_row
        grid.clear()
        for rec in found.failing:
            first = rec.problems[0]
            status = t(f"status.{rec.status}", self.lang)
            village = names.get(rec.village or "", rec.village or "-")
            grid.add_row(
                *_cells(
                    rec.key or rec.uuid[:8],
                    village,
                    status,
                    rec.version,
                    str(len(rec.problems)),
                    f"{first.field}: {first.message}",
                ),
                key=rec.uuid,
            )
        if found.failing:
            grid.move_cursor(row=min(at, len(found.failing) - 1))
        grid.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_record()

    def action_open_record(self) -> None:
        """The highlighted record, on the entry screen at its first problem."""
        grid = self.query_one("#recheck", DataTable)
        if not self.failing or grid.cursor_row >= len(self.failing):
            return
        from tui_cia.tui.screens.entry import EntryScreen

        rec = self.failing[grid.cursor_row]
        record = self.store.open(rec.uuid)
        at = rec.problems[0].field
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft", at=at))

    def action_back(self) -> None:
        self.app.pop_screen()


class KeyersScreen(AppScreen):
    """Per enumerator who keyed records: records re-keyed, fields compared, mismatch rate."""

    HELP_ID = "keyers"
    BINDINGS = bindings("keyers")

    def compose(self) -> ComposeResult:
        yield Label(t("keyers.title", self.lang), id="keyers-title", classes="title")
        yield DataTable(id="keyers", cursor_type="row", zebra_stripes=True)
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_language()

    def refresh_language(self) -> None:
        from tui_cia.storage.verify import keyer_stats

        self.query_one("#keyers-title", Label).update(t("keyers.title", self.lang))
        grid = self.query_one("#keyers", DataTable)
        grid.clear(columns=True)
        for name in ("enumerator", "records", "fields", "mismatches", "rate"):
            grid.add_column(t(f"keyers.{name}", self.lang), key=name)
        stats = keyer_stats(self.store)  # one small GROUP BY over the verified re-keys
        for s in stats:
            grid.add_row(
                *_cells(
                    s.enumerator or "-",
                    str(s.records),
                    str(s.fields),
                    str(s.mismatches),
                    f"{100 * s.rate:.1f}%",
                )
            )
        if not stats:
            self.query_one("#keyers-title", Label).update(t("keyers.none", self.lang))
        grid.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
