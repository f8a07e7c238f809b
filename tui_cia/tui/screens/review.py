"""Review: records in a table filtered by village, round and status; edit, verify, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import first_problem
from tui_cia.tui.screens.base import AppScreen, footer
from tui_cia.tui.screens.home_tables import when
from tui_cia.tui.widgets.thai_input import ThaiInput

SORTS = ("modified_at", "area", "key_text", "status", "round")
SHOWN = 500  # rows in the table at most: filter by village, round or status to narrow
# Header and width of each column: at 80 columns all of them show, the date whole (พ.ศ.), the
# keyer who changed the record last cut to what is left.
COLUMNS = (
    ("col.record", 17),
    ("col.village", 8),
    ("col.round", 4),
    ("col.status", 6),
    ("col.changed", 19),  # 30 มี.ค. 2565 07:00
    ("col.by", 10),
)


class ReviewScreen(AppScreen):
    """The records of a form, ready for checking before a meeting."""

    HELP_ID = "review"
    BINDINGS = bindings("review")

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.sort = 0
        self.uuids: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("review.title", self.lang), id="review-title", classes="title")
            yield ThaiInput(placeholder=t("review.filter", self.lang), id="filter")
            yield DataTable(id="records", cursor_type="row", zebra_stripes=True)
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_rows()
        self.query_one("#records", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def refresh_language(self) -> None:
        self.query_one("#review-title", Label).update(t("review.title", self.lang))
        self.query_one("#filter", ThaiInput).placeholder = t("review.filter", self.lang)
        self.refresh_rows()

    def filters(self) -> dict[str, Any]:
        """Words of the filter line: an area code prefix, a round (25xx) or a status."""
        found: dict[str, Any] = {}
        statuses = {
            t(f"status.{s}", lang): s
            for s in ("draft", "complete", "verified")
            for lang in ("th", "en")
        }
        for word in self.query_one("#filter", ThaiInput).value.split():
            if word in statuses:
                found["status"] = statuses[word]
            elif word.isdigit() and len(word) == 4 and word.startswith("25"):
                found["round"] = int(word)
            elif word.isdigit():
                found["area"] = word
        return found

    def refresh_rows(self) -> None:
        table = self.query_one("#records", DataTable)
        table.clear(columns=True)
        lang = self.lang
        for key, width in COLUMNS:
            table.add_column(t(key, lang), width=width)
        order = SORTS[self.sort]
        rows = self.store.list_records(
            self.form_id,
            order_by=order,
            descending=order == "modified_at",
            limit=SHOWN,
            **self.filters(),
        )
        self.uuids = [r.uuid for r in rows]
        for r in rows:
            cells = (
                r.name or r.key or r.uuid[:8],
                r.area or "-",
                str(r.round or "-"),
                t(f"status.{r.status}", lang),
                when(r.modified_at, lang),
                r.modified_by or "",
            )
            table.add_row(*(Text(cell, no_wrap=True, end="") for cell in cells))

    def selected(self) -> str | None:
        row = self.query_one("#records", DataTable).cursor_row
        return self.uuids[row] if 0 <= row < len(self.uuids) else None

    def on_input_changed(self, event: ThaiInput.Changed) -> None:
        self.refresh_rows()

    def on_input_submitted(self, event: ThaiInput.Submitted) -> None:
        self.query_one("#records", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_record()

    def action_open_record(self) -> None:
        self.action_edit_record()

    def action_edit_record(self) -> None:
        uuid = self.selected()
        if uuid is None:
            return
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(uuid)
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft"))

    def action_history(self) -> None:
        uuid = self.selected()
        if uuid is not None:
            from tui_cia.tui.screens.history import HistoryScreen

            self.app.push_screen(HistoryScreen(uuid))

    def action_verify(self) -> None:
        uuid = self.selected()
        if uuid is None:
            return
        from tui_cia.storage import CompletionRefused

        record = self.store.open(uuid)
        try:
            self.store.verify(record)
        except CompletionRefused as exc:
            self.notify(first_problem(exc, self.lang), severity="error")
        self.refresh_rows()

    def action_rekey(self) -> None:
        """Verify mode: a second person keys the highlighted record again, blind."""
        uuid = self.selected()
        if uuid is None:
            return
        from tui_cia.tui.screens.verify import start_verify

        start_verify(self, uuid)

    def action_delete_record(self) -> None:
        uuid = self.selected()
        if uuid is None:
            return
        confirm_delete(self, uuid, self.refresh_rows)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", ThaiInput).focus()

    def action_cycle_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self.refresh_rows()

    def action_back(self) -> None:
        self.app.pop_screen()


def confirm_delete(screen: AppScreen, uuid: str, then: Callable[[], Any]) -> None:
    """Ask whether to delete record `uuid`, then why; delete it with the reason and call
    `then` (Esc at either question deletes nothing)."""
    from tui_cia.tui.screens.modals import ConfirmScreen, ReasonScreen

    record = screen.store.open(uuid)
    name = record.session.instance_name() or uuid[:8]

    def with_reason(reason: str | None) -> None:
        if reason:
            screen.store.delete(record, reason)
            then()

    def confirmed(yes: bool | None) -> None:
        if yes:
            screen.app.push_screen(ReasonScreen(), with_reason)

    question = t("confirm.delete_record", screen.lang, name=name)
    screen.app.push_screen(ConfirmScreen(question), confirmed)
