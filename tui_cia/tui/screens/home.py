"""Home: villages with record counts per round and status, drafts, recent records, search."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Label

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen
from tui_cia.tui.widgets.thai_input import ThaiInput


class HomeScreen(AppScreen):
    """The first screen: what is in the database, and where to carry on."""

    HELP_ID = "home"
    BINDINGS = bindings("home")

    def __init__(self) -> None:
        super().__init__()
        self.form: Any = None  # the survey.Form shown, loaded in a worker after first paint
        self.form_id: str | None = None
        self.rows: list[str] = []  # record uuids of the records table, in order

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("app.title", self.lang), id="home-title", classes="title")
            yield ThaiInput(placeholder=t("home.search", self.lang), id="search")
            yield Label(t("home.areas", self.lang), id="areas-title", classes="title")
            yield DataTable(id="areas", cursor_type="row", zebra_stripes=True)
            yield Label(t("home.drafts", self.lang), id="records-title", classes="title")
            yield DataTable(id="records", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        from tui_cia.tui.shipped import ensure_forms

        localize_bindings(self, self.lang)
        self.form_id = ensure_forms(self.app)
        self.call_after_refresh(self.refresh_tables)  # paint the frame first, then fill it
        self.query_one("#areas", DataTable).focus()
        if self.form_id is not None:
            raw = self.store.forms.raw(self.form_id)
            self.call_after_refresh(self.load_form, raw)  # after the first paint

    def on_screen_resume(self) -> None:
        if self.form is not None:  # back from another screen: counts may have changed
            self.refresh_tables()

    @work(thread=True, exclusive=True, group="home-form")
    def load_form(self, raw: tuple[str, str, str] | None) -> None:
        """Parse the form off the event loop: the first paint does not wait for it."""
        from tui_cia.tui.shipped import parse_form

        form = parse_form(raw)
        self.app.call_from_thread(self._form_loaded, form)

    def _form_loaded(self, form: Any) -> None:
        if form is not None:
            self.store.forms.remember(form)
        self.form = form
        self.refresh_tables()

    def refresh_language(self) -> None:
        for widget_id, key in (
            ("#home-title", "app.title"),
            ("#areas-title", "home.areas"),
            ("#records-title", "home.drafts"),
        ):
            self.query_one(widget_id, Label).update(t(key, self.lang))
        self.query_one("#search", ThaiInput).placeholder = t("home.search", self.lang)
        self.refresh_tables()

    def village_label(self, code: str | None) -> str:
        if code is None:
            return "-"
        lists = getattr(self.form, "choices", {}) if self.form is not None else {}
        villages = lists.get("villages")
        choice = villages.by_value.get(code) if villages is not None else None
        return f"{code} {choice.label.get(self.lang)}" if choice is not None else code

    def refresh_tables(self) -> None:
        self._fill_areas()
        search = self.query_one("#search", ThaiInput).value
        if search.strip():
            self._fill_records(self.store.search(search, self.form_id))
        else:
            drafts = self.store.list_records(self.form_id, status="draft", limit=50)
            recent = self.store.list_records(self.form_id, limit=30)
            seen = {r.uuid for r in drafts}
            self._fill_records(drafts + [r for r in recent if r.uuid not in seen])

    def _fill_areas(self) -> None:
        table = self.query_one("#areas", DataTable)
        table.clear(columns=True)
        lang = self.lang
        # Fixed widths: refilled tables keep their layout (auto widths can stay too narrow).
        for key, width in (
            ("col.village", 28),
            ("col.round", 5),
            ("col.draft", 6),
            ("col.complete", 6),
            ("col.verified", 6),
        ):
            table.add_column(t(key, lang), width=width)
        counts: dict[tuple[str | None, int | None], dict[str, int]] = {}
        for area, rnd, status, n in self.store.counts(self.form_id) if self.form_id else []:
            counts.setdefault((area, rnd), {})[status] = n
        for (area, rnd), by in counts.items():
            table.add_row(
                self.village_label(area),
                str(rnd or "-"),
                str(by.get("draft", 0)),
                str(by.get("complete", 0)),
                str(by.get("verified", 0)),
            )

    def _fill_records(self, records: list[Any]) -> None:
        table = self.query_one("#records", DataTable)
        table.clear(columns=True)
        lang = self.lang
        for key, width in (
            ("col.record", 18),
            ("col.village", 22),
            ("col.round", 4),
            ("col.status", 6),
            ("col.changed", 16),
        ):
            table.add_column(t(key, lang), width=width)
        self.rows = [r.uuid for r in records]
        for r in records:
            table.add_row(
                r.name or r.key or r.uuid[:8],
                self.village_label(r.area),
                str(r.round or "-"),
                t(f"status.{r.status}", lang),
                (r.modified_at or "")[:16].replace("T", " "),
            )

    def on_input_changed(self, event: ThaiInput.Changed) -> None:
        if event.input.id == "search":
            self.refresh_tables()

    def on_input_submitted(self, event: ThaiInput.Submitted) -> None:
        self.query_one("#records", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "records":
            self.action_open_selected()
        elif event.data_table.id == "areas":
            self.action_review()

    def action_next_form(self) -> None:
        """Show the next form of the database (household, village, …)."""
        ids = self.store.forms.ids()
        if len(ids) < 2 or self.form_id is None:
            return
        self.form_id = ids[(ids.index(self.form_id) + 1) % len(ids)]
        self.form = None
        self.refresh_tables()
        self.load_form(self.store.forms.raw(self.form_id))
        self.notify(self.form_id)

    def action_focus_search(self) -> None:
        self.query_one("#search", ThaiInput).focus()

    def action_focus_drafts(self) -> None:
        self.query_one("#records", DataTable).focus()

    def action_new_record(self) -> None:
        if self.form is None:
            self.notify(t("home.loading", self.lang))
            return
        from tui_cia.tui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(self.store.create(self.form)))

    def action_open_selected(self) -> None:
        table = self.query_one("#records", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(self.rows[table.cursor_row])
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft"))

    def action_analysis(self) -> None:
        if self.form_id is None:
            return
        from tui_cia.tui.screens.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen(self.form_id))

    def action_review(self) -> None:
        if self.form_id is None:
            return
        from tui_cia.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.form_id))
