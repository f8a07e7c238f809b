"""Duplicates: live records keyed twice (the same key and round) and Thai ids found in two
households, one row per record of each group; Enter opens a record, Delete removes the wrong
one (with a reason), R picks the round. The groups are found in a worker on its own store."""

from __future__ import annotations

from dataclasses import dataclass
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

STATUSES = ("draft", "complete", "verified")


@dataclass(frozen=True)
class Row:
    """One record of a duplicate group, as the table shows it."""

    group: int
    what: str  # "key" or "thai_id"
    value: str
    round: int | None
    uuid: str
    house: str
    head: str
    village: str
    status: str
    field: str = ""  # for a Thai id: where it is held (e.g. members.national_id)
    id_number: str = ""  # for a Thai id: the number

    def start_at(self, data: dict[str, Any]) -> str | None:
        """The path of the answer holding the shared Thai id in this record's `data`
        (e.g. members[2].national_id), for the entry screen to open at; else None."""
        if self.what != "thai_id" or "." not in self.field:
            return self.field or None
        roster, name = self.field.split(".", 1)
        members = data.get(roster)
        for position, member in enumerate(members if isinstance(members, list) else [], 1):
            if isinstance(member, dict) and str(member.get(name)) == self.id_number:
                return f"{roster}[{position}].{name}"
        return None


def found_rows(store: Any, form: Any, round_: int | None, lang: str) -> list[Row]:
    """The duplicate groups of a form's live records as rows (heads and village names)."""
    from tui_cia.analysis.crosstab import area_names, records
    from tui_cia.storage.quality import duplicates

    groups = duplicates(store, form, round_)
    names = area_names(form, lang)
    uuids = [r.uuid for g in groups for r in g.records]
    shown = {r.uuid: r for r in records(store.conn, form, uuids)}
    rows: list[Row] = []
    for number, group in enumerate(groups, start=1):
        key = group.value.replace("|", " / ")  # a key's parts: village / house number
        value = key if group.kind == "key" else f"{group.field} {group.value}"
        for rec in group.records:
            one = shown.get(rec.uuid)
            village = rec.village or ""
            rows.append(
                Row(
                    number,
                    group.kind,
                    value,
                    group.round,
                    rec.uuid,
                    (one.house_no if one else None) or "-",
                    (one.head or one.name if one else None) or rec.uuid[:8],
                    names.get(village, village) or "-",
                    rec.status,
                    group.field,
                    group.value if group.kind == "thai_id" else "",
                )
            )
    return rows


class DuplicatesScreen(AppScreen):
    """Every duplicate group of the form, its records one per row."""

    HELP_ID = "duplicates"
    BINDINGS = bindings("duplicates")

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.round: int | None = None
        self.rounds: list[int] = []
        self.rows: list[Row] = []
        self.done = False  # the first search has finished

    def compose(self) -> ComposeResult:
        yield Label(t("duplicates.working", self.lang), id="duplicates-title", classes="title")
        yield DataTable(id="duplicates", cursor_type="row", zebra_stripes=True)
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_language()

    def refresh_language(self) -> None:
        """Headers in the language shown, and the rows found again in it (village names)."""
        grid = self.query_one("#duplicates", DataTable)
        grid.clear(columns=True)
        for name in ("group", "what", "round", "house", "head", "village", "status"):
            grid.add_column(t(f"duplicates.{name}", self.lang), key=name)
        self.search()

    def on_screen_resume(self) -> None:
        if self.done:  # back from a record: it may have been changed or deleted
            self.search()

    def search(self) -> None:
        self.query_one("#duplicates-title", Label).update(t("duplicates.working", self.lang))
        self.find(self.store.path, self.round, self.lang)

    @work(thread=True, exclusive=True, group="duplicates")
    def find(self, path: Any, round_: int | None, lang: str) -> None:
        """The groups, on a connection of the worker's own."""
        import sqlite3

        from tui_cia.errors import TuiCiaError
        from tui_cia.storage import Store
        from tui_cia.storage.queries import live_rounds

        store = Store(path)
        try:
            form = store.forms.get(self.form_id)
            rows = found_rows(store, form, round_, lang)
            rounds = live_rounds(store.conn, self.form_id)
        except (TuiCiaError, sqlite3.Error) as exc:  # e.g. another program writing just now
            self.app.call_from_thread(self._failed, exc)
            return
        finally:
            store.close()
        self.app.call_from_thread(self._found, rows, rounds)

    def _failed(self, exc: Exception) -> None:
        self.done = True
        self.query_one("#duplicates-title", Label).update(t_why("db.unreadable", self.lang, exc))

    def _found(self, rows: list[Row], rounds: list[int]) -> None:
        self.rows, self.rounds, self.done = rows, rounds, True
        groups = len({r.group for r in rows})
        round_ = t("duplicates.all_rounds", self.lang) if self.round is None else str(self.round)
        key = "duplicates.count" if rows else "duplicates.none"
        self.query_one("#duplicates-title", Label).update(
            t(key, self.lang, n=groups, m=len(rows), round=round_)
        )
        grid = self.query_one("#duplicates", DataTable)
        at = grid.cursor_row
        grid.clear()
        for row in rows:
            grid.add_row(*self._cells(row), key=row.uuid + f"#{row.group}")
        if rows:
            grid.move_cursor(row=min(at, len(rows) - 1))
        grid.focus()

    def _cells(self, row: Row) -> list[Text]:
        what = t(f"duplicates.{row.what}", self.lang, value=row.value)
        status = t(f"status.{row.status}", self.lang) if row.status in STATUSES else row.status
        texts = [str(row.group), what, "" if row.round is None else str(row.round)]
        texts += [row.house, row.head, row.village, status]
        return [Text(s, no_wrap=True, end="") for s in texts]

    def selected(self) -> str | None:
        grid = self.query_one("#duplicates", DataTable)
        if not self.rows or grid.cursor_row >= len(self.rows):
            return None
        return self.rows[grid.cursor_row].uuid

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_record()

    def action_open_record(self) -> None:
        """The highlighted record; for a shared Thai id, at the member who holds it."""
        uuid = self.selected()
        if uuid is None:
            return
        from tui_cia.tui.screens.entry import EntryScreen

        row = self.rows[self.query_one("#duplicates", DataTable).cursor_row]
        record = self.store.open(uuid)
        at = row.start_at(record.session.to_data())
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft", at=at))

    def action_delete_record(self) -> None:
        uuid = self.selected()
        if uuid is None:
            return
        from tui_cia.tui.screens.review import confirm_delete

        confirm_delete(self, uuid, self.search)

    def action_choose_round(self) -> None:
        from tui_cia.tui.screens.modals import pick_round

        pick_round(self, self.rounds, self._round)

    def _round(self, round_: int | None) -> None:
        self.round = round_
        self.search()

    def action_recheck(self) -> None:
        from tui_cia.tui.screens.recheck import RecheckScreen

        self.app.push_screen(RecheckScreen(self.form_id))

    def action_keyers(self) -> None:
        from tui_cia.tui.screens.recheck import KeyersScreen

        self.app.push_screen(KeyersScreen())

    def action_back(self) -> None:
        self.app.pop_screen()
