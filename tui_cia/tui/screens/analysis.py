"""Analysis: an area's radar (with the round before), its bars, and the failing households."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Label, Static

from tui_cia.plots.cells import truncate
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import t_why
from tui_cia.tui.screens import analysis_rows as rows
from tui_cia.tui.screens.analysis_plan import PlanAndReport
from tui_cia.tui.screens.base import footer

WIDE = 120  # from this terminal width, the indicator table names each indicator
DETAIL_LINES = 2  # the highlighted indicator, in words, under the table and chart


class AnalysisScreen(PlanAndReport):
    """The CIA of a tambon or village; pandas loads here, in a worker, on first use."""

    HELP_ID = "analysis"
    BINDINGS = bindings("analysis")
    DEFAULT_CSS = """
    AnalysisScreen #indicators { overflow-x: hidden; }
    AnalysisScreen #chart-box { width: 1fr; height: 1fr; }
    AnalysisScreen #detail { height: 2; padding: 0 1; }
    """

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.results: dict[tuple[str, int | None], Any] = {}
        self.area: tuple[str, int | None] | None = None
        self.chart = "radar"
        self.previous = True
        self.names: dict[str, str] = {}  # area code -> name, from the form's lists
        self.plans: dict[str, Any] = {}  # the shown area's planning notes, by indicator id
        self.written = None  # the last meeting report written
        self.failed_cells = 10  # the width of the failing counts' column, as measured

    def compose(self) -> ComposeResult:
        yield Label(t("analysis.working", self.lang), id="analysis-title", classes="title")
        with Horizontal():
            yield DataTable(id="indicators", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="chart-box", can_focus=False):
                yield Static("", id="chart")
        yield Static("", id="detail")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.compute(self.store.path)

    @work(thread=True, exclusive=True, group="analysis")
    def compute(self, path: Any) -> None:
        """Every area's results, on a connection of the worker's own."""
        import sqlite3

        from tui_cia.analysis import all_results
        from tui_cia.errors import TuiCiaError
        from tui_cia.storage import Store

        store = Store(path)
        try:
            form = store.forms.get(self.form_id)
            results = all_results(store, form)
        except (TuiCiaError, sqlite3.Error) as exc:  # sqlite3: another program writing
            self.app.call_from_thread(self._failed, exc)
            return
        finally:
            store.close()
        from tui_cia.analysis.crosstab import area_names

        names = area_names(form, self.lang)
        self.app.call_from_thread(self._computed, form, results, names)

    def refresh_language(self) -> None:
        """Area names, the title and the chart in the language shown."""
        if self.area is None or getattr(self, "form", None) is None:
            return
        from tui_cia.analysis.crosstab import area_names

        self.names = area_names(self.form, self.lang)
        table = self.query_one("#indicators", DataTable)
        row = table.cursor_row
        self.show(*self.area)
        table.move_cursor(row=row)

    def _failed(self, exc: Exception) -> None:
        self.query_one("#analysis-title", Label).update(t_why("db.unreadable", self.lang, exc))

    def _computed(
        self, form: Any, results: dict[tuple[str, int | None], Any], names: dict[str, str]
    ) -> None:
        self.form, self.results, self.names = form, results, names
        if not results:
            self.query_one("#analysis-title", Label).update(t("analysis.none", self.lang))
            return
        latest = max((r for _, r in results if r is not None), default=None)
        self.show(min(a for a, r in results if r == latest), latest)

    def named(self, code: str) -> str:
        """An area code with its Thai (or English) name."""
        name = self.names.get(code)
        return f"{code} {name}" if name else code

    def households(self, count: int) -> str:
        """A count of households with its unit and thousands separator (1,604 ครัวเรือน)."""
        return t("analysis.households", self.lang, n=f"{count:,}")

    def show(self, area: str, round_: int | None) -> None:
        from tui_cia.storage.plans import plans_for

        self.area = (area, round_)
        self.plans = plans_for(self.store.conn, self.form_id, area, round_)
        result = self.results[self.area]
        figures = f"   {round_}   ({self.households(result.households)})"
        word = t("analysis.title", self.lang)
        room = self.app.size.width - 2 - cell_len(word) - 3 - cell_len(figures)
        title = f"{word}   {truncate(self.named(area), max(8, room))}{figures}"  # name cut first
        self.query_one("#analysis-title", Label).update(title)
        table = self.query_one("#indicators", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        wide = self.app.size.width >= WIDE
        found = result.indicators
        self.failed_cells = rows.failed_width(found, self.lang)
        table.styles.width = rows.table_width(wide, self.failed_cells)
        for heading, width in rows.columns(self.lang, wide, self.failed_cells):
            table.add_column(heading, width=width)
        names = self._indicator_names()
        for one in found:
            table.add_row(*rows.cells(one, found, names.get(one["id"], ""), self.lang, wide))
        if 0 <= row < table.row_count:
            table.move_cursor(row=row)
        self.draw()
        self.show_detail()
        table.focus()

    def show_detail(self) -> None:
        """The highlighted indicator in words, with its counts and their units (or why the
        round is not scored)."""
        if self.area is None:
            return
        if not self.results[self.area].indicators:
            why = self.results[self.area].not_scored or ""
            self.query_one("#detail", Static).update(Text(why))
            return
        row = self._highlighted()
        name = self._indicator_names().get(row["id"], "")
        width = max(20, self.app.size.width - 2)
        self.query_one("#detail", Static).update(
            Text(rows.detail(row, name, self.plans.get(row["id"]), self.lang, width))
        )

    def _highlighted(self) -> dict[str, Any]:
        assert self.area is not None
        found: list[dict[str, Any]] = self.results[self.area].indicators
        cursor = self.query_one("#indicators", DataTable).cursor_row
        return found[min(max(cursor, 0), len(found) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.area is None:
            return
        self.show_detail()
        if self.chart == "bars":
            self.draw()

    def _indicator_names(self) -> dict[str, str]:
        return {ind.id: ind.label.get(self.lang) for ind in self.form.indicators}

    def on_resize(self) -> None:
        if self.area is not None and getattr(self, "form", None) is not None:
            self.show(*self.area)

    def draw(self) -> None:
        from tui_cia.analysis.charts import bar_rows, radar_data
        from tui_cia.plots import LEGEND, SCALE_WORD, radar, radar_floor

        if self.area is None:
            return
        chart = self.query_one("#chart", Static)
        wide = self.app.size.width >= WIDE
        cells = max(40, self.app.size.width - rows.table_width(wide, self.failed_cells) - 2)
        result = self.results[self.area]
        if self.chart == "bars":
            self._draw_bars(bar_rows(self.form, result, self.lang), cells)
            return
        shown = [result]
        before = (self.area[0], (self.area[1] or 0) - 1)
        if self.previous and before in self.results:
            shown.append(self.results[before])
        axes, series, target = radar_data(self.form, shown, self.lang)
        height = max(12, self.app.size.height - 2 - DETAIL_LINES)  # title and footer
        values = [v for _name, vs in series for v in vs if v is not None]
        chart.update(
            radar(
                axes,
                series,
                width=cells,
                height=height,
                target=target,
                target_word=LEGEND[self.lang][1],
                floor=radar_floor(values),  # scores of 85 and 97 a few rows apart, not one
                scale_word=SCALE_WORD[self.lang],
            )
        )
        self.query_one("#chart-box", VerticalScroll).scroll_home(animate=False)

    def _draw_bars(self, found: list[Any], cells: int) -> None:
        """The bars, lowest first, the highlighted indicator's in reverse and scrolled into
        view: 31 bars do not fit 24 lines, so the chart follows the table's cursor."""
        from tui_cia.plots import LEGEND, bars
        from tui_cia.plots.bars import sort_rows

        text = bars(found, width=cells, words=LEGEND[self.lang])
        if not found:  # a round not scored: nothing to draw (the line below says why)
            self.query_one("#chart", Static).update(text)
            return
        picked = found[min(self.query_one("#indicators", DataTable).cursor_row, len(found) - 1)]
        line = sort_rows(found).index(picked)
        shown = Text(text, no_wrap=True)
        start = sum(len(each) + 1 for each in text.split("\n")[:line])
        shown.stylize("reverse", start, start + len(text.split("\n")[line]))
        self.query_one("#chart", Static).update(shown)
        box = self.query_one("#chart-box", VerticalScroll)
        self.call_after_refresh(box.scroll_to, y=max(0, line - box.size.height // 2), animate=False)

    def action_show_radar(self) -> None:
        self.chart = "radar"
        self.draw()

    def action_show_bars(self) -> None:
        self.chart = "bars"
        self.draw()

    def action_toggle_previous(self) -> None:
        self.previous = not self.previous
        if self.chart == "bars":  # the bars show one round: say where it shows
            key = "analysis.previous_on" if self.previous else "analysis.previous_off"
            self.notify(t(key, self.lang))
        self.draw()

    def action_choose_area(self) -> None:
        from tui_cia.tui.screens.modals import PickScreen

        latest = self.area[1] if self.area else None
        options = [
            (f"{self.named(a)}  ({self.households(res.households)})", a)
            for (a, r), res in sorted(self.results.items())
            if r == latest
        ]
        self.app.push_screen(
            PickScreen(t("analysis.area", self.lang), options),
            lambda a: self.show(a, latest) if a else None,
        )

    def action_choose_round(self) -> None:
        """Another survey round of the same area (the radar then compares it with the one
        before it)."""
        from tui_cia.tui.screens.modals import PickScreen

        if self.area is None:
            return
        area = self.area[0]
        rounds = sorted({r for a, r in self.results if a == area and r is not None}, reverse=True)
        counts = {r: f"{self.results[(area, r)].households:,}" for r in rounds}
        options = [
            (f"{r}  ({t('analysis.households', self.lang, n=counts[r])})", r) for r in rounds
        ]
        self.app.push_screen(
            PickScreen(t("analysis.round", self.lang), options),
            lambda r: self.show(area, r) if r is not None else None,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
