"""Home: villages with record counts per round and status, drafts, recent records, search.

Home paints at once, with a line saying the database is opening where the tables go (unless
the first read is done already: the first frame then shows the tables). The tables take their
places as soon as a light first read of the database arrives (`overview`, read off the event
loop), and stay as they are when the store opens and the form is parsed (each in a worker)
unless what they show changed. Keys answer throughout: those that need the store say that the
database is still opening.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen, footer
from tui_cia.tui.screens.home_tables import Cells, area_cells, record_cells
from tui_cia.tui.widgets.thai_input import ThaiInput

if TYPE_CHECKING:
    from tui_cia.tui.overview import Overview


class HomeScreen(AppScreen):
    """The first screen: what is in the database, and where to carry on."""

    HELP_ID = "home"
    BINDINGS = bindings("home")
    AUTO_FOCUS = ""  # not the search box: the areas table takes the focus once in place

    def __init__(self) -> None:
        super().__init__()
        self.form: Any = None  # the survey.Form shown, loaded in a worker after first paint
        self.form_id: str | None = None
        self.overview: Overview | None = None  # the first read, until the store is open
        self.rows: list[str] = []  # record uuids of the records table, in order
        self.shown = False  # the tables are in place (filled from the first read or the store)
        self.asked = 0  # reads of the tables asked for: only the latest is shown
        self.answered = 0  # the latest read shown
        self.opened = False  # the store is open and the tables are in place
        self.filled: dict[str, tuple[Cells, list[Cells]]] = {}  # each table's columns, rows
        self.told_waiting = False  # a search typed before the store opened was answered
        self.open_found = False  # Enter in the search box: open the only record found

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("app.title", self.lang), id="home-title", classes="title")
            yield ThaiInput(placeholder=t("home.search", self.lang), id="search")
            for name, title in (("areas", "home.areas"), ("records", "home.drafts")):
                yield Label(t(title, self.lang), id=f"{name}-title", classes="title")
                yield Label(t("home.loading", self.lang), id=f"{name}-wait", classes="wait muted")
                yield new_table(name)
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        ahead = getattr(self.app, "read_ahead", None)
        overview = self.overview or (ahead.ready() if ahead is not None else None)
        if overview is not None:  # read already: the first frame shows the tables filled
            self._show_first(overview)

    def table(self, name: str) -> DataTable[Any]:
        """The areas or the records table (shown once the first read has arrived)."""
        return self.query_one(f"#{name}", DataTable)

    def show_overview(self, overview: Overview) -> None:
        """The tables from the first read of the database, before the store is open."""
        if self.is_mounted:
            self._show_first(overview)
        else:  # on_mount shows it
            self.overview = overview

    def _show_first(self, overview: Overview) -> None:
        if self.opened:
            return
        self.overview, self.form_id = overview, overview.form_id
        self._show_tables()
        self.refresh_tables()

    def database_opened(self, form_id: str | None) -> None:
        """The store is open: the tables follow it from now on; the form parses in a worker."""
        shown = self.overview is not None and self.overview.form_id == form_id
        self.form_id = form_id
        self._show_tables()
        self.opened = True
        if not shown or self.query_one("#search", ThaiInput).value.strip():
            self.refresh_tables()  # else they show what the store holds: no queries again
        if form_id is not None:
            self.load_form(self.store.forms.raw(form_id))
        self.show_context()

    def _show_tables(self) -> None:
        """The tables in place of the waiting lines."""
        if self.shown:
            return
        for wait in self.query(".wait"):
            wait.display = False
        for name in ("areas", "records"):
            self.table(name).display = True
        self.shown = True
        if self.focused is None:  # not if a key meanwhile focused the search box
            self.table("areas").focus()

    def on_screen_resume(self) -> None:
        if self.opened:  # back from another screen: counts may have changed
            self.refresh_tables()

    @work(thread=True, exclusive=True, group="home-form")
    def load_form(self, raw: tuple[str, str, str] | None) -> None:
        """Parse the form off the event loop: the tables do not wait for it."""
        from tui_cia.tui.shipped import parse_form

        form = parse_form(raw)
        self.app.call_from_thread(self._form_loaded, form)

    def _form_loaded(self, form: Any) -> None:
        if form is not None:
            self.store.forms.remember(form)
        self.form = form
        self.refresh_tables()
        self.show_context()  # the area by name, now that the form's lists are here

    def show_context(self) -> None:
        """The title, with who is keying, which round and which area once they are known."""
        title = t("app.title", self.lang)
        context = self.store.work_context() if self.opened else None
        if context is not None:
            from tui_cia.tui.screens.context_ask import summary

            title = f"{title}   {summary(context, self.form, self.lang)}"
        self.query_one("#home-title", Label).update(Text(title, no_wrap=True, overflow="ellipsis"))

    def waiting(self) -> bool:
        """True, and said, while the store is not open yet."""
        if not self.opened:
            self.notify(t("home.loading", self.lang))
        return not self.opened

    def refresh_language(self) -> None:
        self.query_one("#areas-title", Label).update(t("home.areas", self.lang))
        searching = bool(self.query_one("#search", ThaiInput).value.strip())
        self.query_one("#records-title", Label).update(
            t("home.found" if searching else "home.drafts", self.lang)
        )
        self.show_context()
        for wait in self.query(".wait").results(Label):
            wait.update(t("home.loading", self.lang))
        self.query_one("#search", ThaiInput).placeholder = t("home.search", self.lang)
        self.refresh_tables()

    def village_label(self, code: str | None) -> str:
        if code is None:
            return "-"
        if self.form is not None:
            villages = getattr(self.form, "choices", {}).get("villages")
            choice = villages.by_value.get(code) if villages is not None else None
            label = choice.label.get(self.lang) if choice is not None else None
        else:  # until the form is parsed: the names the first read found
            label = self.overview.labels.get(code, self.lang) if self.overview else None
        return f"{code} {label}" if label else code

    def refresh_tables(self) -> None:
        """Fill the tables from the first read until the store is open, then from reads of
        the database in a worker (a search as it is typed never holds the keys up)."""
        if not self.shown:
            return
        if not self.opened:
            overview = self.overview
            self._fill_tables(*((overview.counts, overview.records) if overview else ([], [])))
            return
        if self.form_id is None:
            self._fill_tables([], [])
            return
        self.asked += 1
        search = self.query_one("#search", ThaiInput).value
        self.read_tables(self.asked, Path(self.store.path), self.form_id, search)

    @work(thread=True, group="home-read")
    def read_tables(self, asked: int, path: Path, form_id: str, search: str) -> None:
        from tui_cia.tui.overview import read_tables

        found = read_tables(path, form_id, search)
        if found is not None:
            self.app.call_from_thread(self._tables_read, asked, *found)

    def _tables_read(self, asked: int, counts: list[Any], records: list[Any]) -> None:
        if asked == self.asked:  # else a newer read is on its way
            self.answered = asked
            self._fill_tables(counts, records)

    def _fill_tables(self, counts: list[Any], records: list[Any]) -> None:
        lang, label = self.lang, self.village_label
        self.fill("areas", *area_cells(counts, label, lang))
        searching = bool(self.query_one("#search", ThaiInput).value.strip())
        if not searching:  # the list under "drafts" shows drafts only
            records = [r for r in records if r.status == "draft"]
        title = t("home.found" if searching else "home.drafts", lang)
        self.query_one("#records-title", Label).update(title)
        self.rows = [r.uuid for r in records]
        self.fill("records", *record_cells(records, label, lang))
        if self.open_found and self.opened:
            self.open_found = False
            self._open_only_hit()

    def fill(self, name: str, columns: list[tuple[str, int]], rows: list[Cells]) -> None:
        """Show `rows` in a table, unless it shows them already (its cursor then stays).

        The rows a screen can show go in at once; the others once it is painted, which they
        are not part of (off screen): the first frame does not wait for them."""
        shown = (tuple(c for c, _ in columns), rows)
        if self.filled.get(name) == shown:
            return
        self.filled[name] = shown
        table = self.table(name)
        table.clear(columns=True)
        # Fixed widths: refilled tables keep their layout (auto widths can stay too narrow).
        for text, width in columns:
            table.add_column(plain(text), width=width)
        now = max(self.app.size.height, 1)
        table.add_rows([[plain(cell) for cell in row] for row in rows[:now]])
        if len(rows) > now:
            self.call_after_refresh(self._fill_rest, name, shown, now)

    def _fill_rest(self, name: str, shown: tuple[Cells, list[Cells]], start: int) -> None:
        if self.filled.get(name) is shown:  # not refilled since
            self.table(name).add_rows([[plain(c) for c in row] for row in shown[1][start:]])

    def on_input_changed(self, event: ThaiInput.Changed) -> None:
        if event.input.id != "search":
            return
        self.open_found = False
        if self.opened:
            self.refresh_tables()
        elif event.value.strip() and not self.told_waiting:  # it searches once the store opens
            self.told_waiting = self.waiting()

    def on_input_submitted(self, event: ThaiInput.Submitted) -> None:
        if not self.shown:
            return
        self.table("records").focus()
        if event.value.strip() and self.opened:
            if self.reading():  # the search's read is on its way: opened when it arrives
                self.open_found = True
            else:
                self._open_only_hit()

    def reading(self) -> bool:
        """Whether a read of the tables is still on its way."""
        return self.answered < self.asked

    def _open_only_hit(self) -> None:
        """A search that found one record opens it (Enter in the search box)."""
        if len(self.rows) == 1 and self.query_one("#search", ThaiInput).value.strip():
            self.table("records").move_cursor(row=0)
            self.action_open_selected()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "records":
            self.action_open_selected()
        elif event.data_table.id == "areas":
            self.action_review()

    def action_next_form(self) -> None:
        """Show the next form of the database (household, village, …)."""
        if self.waiting() or self.form_id is None:
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
        if self.shown:
            self.table("records").focus()

    def action_new_record(self) -> None:
        if self.form is None:
            self.notify(t("home.loading", self.lang))
            return
        if self.store.work_context() is None:  # first use: who keys, which round and area
            from tui_cia.tui.screens.context_ask import ask_context

            ask_context(self, first=True, then=self._new_record)
            return
        self._new_record()

    def _new_record(self) -> None:
        """A new household, pre-filled from the work context; it opens at a pre-filled
        answer the form finds wrong (a survey date outside the round), if there is one."""
        from tui_cia.survey.fieldpath import path_str
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.create(self.form)
        problems = record.session.completion_problems(required=False)
        at = path_str(problems[0].path) if problems else None
        self.app.push_screen(EntryScreen(record, at=at))
        if problems:  # said as it opens there: Enter on an answer left as it is says nothing
            first = problems[0]
            label = record.session.label(first.path)
            text = f"{label}: {first.problem.message(self.lang)}"
            self.notify(text, severity="warning", timeout=20)

    def action_work_context(self) -> None:
        """Who is keying, the round and its survey period, the area: asked again."""
        if self.waiting():
            return
        from tui_cia.tui.screens.context_ask import ask_context

        ask_context(self)

    def action_open_selected(self) -> None:
        if self.waiting() or not self.rows:
            return
        table = self.table("records")
        if table.cursor_row >= len(self.rows):
            return
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(self.rows[table.cursor_row])
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft"))

    def action_analysis(self) -> None:
        if self.waiting() or self.form_id is None:
            return
        from tui_cia.tui.screens.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen(self.form_id))

    def action_sync(self) -> None:
        if self.waiting():
            return
        from tui_cia.tui.screens.sync import SyncScreen

        self.app.push_screen(SyncScreen())

    def action_conflicts(self) -> None:
        if self.waiting():
            return
        from tui_cia.tui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_tables(self) -> None:
        if self.waiting() or self.form_id is None:
            return
        from tui_cia.tui.screens.tables import TablesScreen

        self.app.push_screen(TablesScreen(self.form_id))

    def action_duplicates(self) -> None:
        if self.waiting() or self.form_id is None:
            return
        from tui_cia.tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen(self.form_id))

    def action_review(self) -> None:
        if self.waiting() or self.form_id is None:
            return
        from tui_cia.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.form_id))


def plain(text: str) -> Text:
    """A cell as plain Text, not str: names are data, never markup (and Text skips parsing)."""
    return Text(text, no_wrap=True, end="")


def new_table(name: str) -> DataTable[Any]:
    """One of Home's tables, empty and hidden until it has something to show."""
    table: DataTable[Any] = DataTable(id=name, cursor_type="row", zebra_stripes=True)
    table.display = False
    return table
