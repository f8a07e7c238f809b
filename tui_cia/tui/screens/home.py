"""Home: villages with record counts per round and status, drafts, recent records, search.

The first paint is Home's frame: titles, the search box and the footer, with a line saying the
database is opening where the tables go. Right after it the app opens the database, the
tables take their places and fill, and the current form is parsed in a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen
from tui_cia.tui.widgets.thai_input import ThaiInput

if TYPE_CHECKING:
    from textual.widgets import DataTable  # loaded when the tables mount, after first paint


class HomeScreen(AppScreen):
    """The first screen: what is in the database, and where to carry on."""

    HELP_ID = "home"
    BINDINGS = bindings("home")
    AUTO_FOCUS = ""  # not the search box: the areas table takes the focus once in place

    def __init__(self) -> None:
        super().__init__()
        self.form: Any = None  # the survey.Form shown, loaded in a worker after first paint
        self.form_id: str | None = None
        self.rows: list[str] = []  # record uuids of the records table, in order
        self.opened = False  # the database is open and the tables are in place

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("app.title", self.lang), id="home-title", classes="title")
            yield ThaiInput(placeholder=t("home.search", self.lang), id="search")
            yield Label(t("home.areas", self.lang), id="areas-title", classes="title")
            yield Label(t("home.loading", self.lang), id="areas-wait", classes="wait muted")
            yield Label(t("home.drafts", self.lang), id="records-title", classes="title")
            yield Label(t("home.loading", self.lang), id="records-wait", classes="wait muted")
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)

    def table(self, name: str) -> DataTable[Any]:
        """The areas or the records table (in place once the database is open)."""
        return cast("DataTable[Any]", self.query_one(f"#{name}"))

    async def database_opened(self) -> None:
        """Put the tables in place of the waiting lines, fill them, start parsing the form."""
        from tui_cia.tui.shipped import ensure_forms

        self.form_id = ensure_forms(self.app)
        body = self.query_one(Vertical)
        for name in ("areas", "records"):
            if not body.is_attached:  # the app closed first
                return
            wait = self.query_one(f"#{name}-wait", Label)
            await body.mount(new_table(name), after=wait)
            await wait.remove()
        self.opened = True
        self.table("areas").focus()
        self.refresh_tables()
        if self.form_id is not None:
            self.load_form(self.store.forms.raw(self.form_id))

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
        for wait in self.query(".wait").results(Label):
            wait.update(t("home.loading", self.lang))
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
        if not self.opened:
            return
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
        table = self.table("areas")
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
        table = self.table("records")
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
        if self.opened:
            self.table("records").focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "records":
            self.action_open_selected()
        elif event.data_table.id == "areas":
            self.action_review()

    def action_next_form(self) -> None:
        """Show the next form of the database (household, village, …)."""
        if self.form_id is None:
            return
        ids = self.store.forms.ids()
        if len(ids) < 2:
            return
        self.form_id = ids[(ids.index(self.form_id) + 1) % len(ids)]
        self.form = None
        self.refresh_tables()
        self.load_form(self.store.forms.raw(self.form_id))
        self.notify(self.form_id)

    def action_focus_search(self) -> None:
        self.query_one("#search", ThaiInput).focus()

    def action_focus_drafts(self) -> None:
        if self.opened:
            self.table("records").focus()

    def action_new_record(self) -> None:
        if self.form is None:
            self.notify(t("home.loading", self.lang))
            return
        from tui_cia.tui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(self.store.create(self.form)))

    def action_open_selected(self) -> None:
        if not self.rows:
            return
        table = self.table("records")
        if table.cursor_row >= len(self.rows):
            return
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(self.rows[table.cursor_row])
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft"))

    def action_analysis(self) -> None:
        if self.form_id is None:
            return
        from tui_cia.tui.screens.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen(self.form_id))

    def action_sync(self) -> None:
        if not self.opened:
            return
        from tui_cia.tui.screens.sync import SyncScreen

        self.app.push_screen(SyncScreen())

    def action_conflicts(self) -> None:
        if not self.opened:
            return
        from tui_cia.tui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_review(self) -> None:
        if self.form_id is None:
            return
        from tui_cia.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.form_id))


def new_table(name: str) -> DataTable[Any]:
    """One of Home's tables, empty."""
    from textual.widgets import DataTable

    return DataTable(id=name, cursor_type="row", zebra_stripes=True)
