"""Analysis: an area's radar (with the round before), its bars, and the failing households."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Static

from tui_cia.plots.cells import truncate
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen, footer

WIDE = 120  # from this terminal width, the indicator table names each indicator
TABLE_NARROW, TABLE_WIDE, NAME_CELLS = 18, 44, 24


class AnalysisScreen(AppScreen):
    """The CIA of a tambon or village; pandas loads here, in a worker, on first use."""

    HELP_ID = "analysis"
    BINDINGS = bindings("analysis")

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.results: dict[tuple[str, int | None], Any] = {}
        self.area: tuple[str, int | None] | None = None
        self.chart = "radar"
        self.previous = True
        self.names: dict[str, str] = {}  # area code -> name, from the form's lists
        self.plans: dict[str, Any] = {}  # the shown area's planning notes, by indicator id
        self.written: Path | None = None  # the last meeting report written

    def compose(self) -> ComposeResult:
        yield Label(t("analysis.working", self.lang), id="analysis-title", classes="title")
        with Horizontal():
            yield DataTable(id="indicators", cursor_type="row", zebra_stripes=True)
            yield Static("", id="chart")
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
        self.query_one("#analysis-title", Label).update(t("db.unreadable", self.lang, why=exc))

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

    def show(self, area: str, round_: int | None) -> None:
        from tui_cia.storage.plans import plans_for

        self.area = (area, round_)
        self.plans = plans_for(self.store.conn, self.form_id, area, round_)
        result = self.results[self.area]
        title = (
            f"{t('analysis.title', self.lang)}   {self.named(area)}   {round_}   "
            f"({t('analysis.households', self.lang, n=result.households)})"
        )
        self.query_one("#analysis-title", Label).update(title)
        table = self.query_one("#indicators", DataTable)
        table.clear(columns=True)
        wide = self.app.size.width >= WIDE
        table.styles.width = TABLE_WIDE if wide else TABLE_NARROW
        table.add_column("#", width=3)
        if wide:  # room for the indicators' names beside the chart
            table.add_column(t("analysis.indicator", self.lang), width=NAME_CELLS)
        table.add_column("%", width=6)
        table.add_column("✗", width=5)
        table.add_column(t("plan.column", self.lang), width=14)
        names = self._indicator_names() if wide else {}
        for row in result.indicators:
            plan = self.plans.get(row["id"])
            cells: list[Any] = [str(row["number"] or "")]
            if wide:
                cells.append(Text(truncate(names.get(row["id"], ""), NAME_CELLS), no_wrap=True))
            cells += [
                "-" if row["rate"] is None else f"{row['rate']:.1f}",
                str(row["households_failing"]),
                Text(plan.project or plan.cause or plan.agency, no_wrap=True) if plan else "",
            ]
            table.add_row(*cells)
        self.draw()
        table.focus()

    def _indicator_names(self) -> dict[str, str]:
        return {ind.id: ind.label.get(self.lang) for ind in self.form.indicators}

    def on_resize(self) -> None:
        if self.area is not None and getattr(self, "form", None) is not None:
            self.show(*self.area)

    def draw(self) -> None:
        from tui_cia.analysis.charts import bar_rows, radar_data
        from tui_cia.plots import LEGEND, bars, radar

        if self.area is None:
            return
        chart = self.query_one("#chart", Static)
        wide = self.app.size.width >= WIDE
        cells = max(40, self.size.width - (TABLE_WIDE if wide else TABLE_NARROW) - 2)
        result = self.results[self.area]
        if self.chart == "bars":
            chart.update(
                bars(bar_rows(self.form, result, self.lang), width=cells, words=LEGEND[self.lang])
            )
            return
        shown = [result]
        before = (self.area[0], (self.area[1] or 0) - 1)
        if self.previous and before in self.results:
            shown.append(self.results[before])
        axes, series, target = radar_data(self.form, shown, self.lang)
        height = max(12, self.size.height - 4)
        chart.update(
            radar(
                axes,
                series,
                width=cells,
                height=height,
                target=target,
                target_word=LEGEND[self.lang][1],
            )
        )

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
            (f"{self.named(a)}  ({res.households})", a)
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
        options = [(f"{r}  ({self.results[(area, r)].households})", r) for r in rounds]
        self.app.push_screen(
            PickScreen(t("analysis.round", self.lang), options),
            lambda r: self.show(area, r) if r is not None else None,
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_failing_households()

    def action_failing_households(self) -> None:
        """The households failing the highlighted indicator: pick one to open it."""
        if self.area is None:
            return
        from tui_cia.tui.screens.modals import PickScreen

        row = self.query_one("#indicators", DataTable).cursor_row
        result = self.results[self.area]
        number = result.indicators[row]["number"]
        options = [
            (f"{h['name'] or h['uuid'][:8]}  {h['area'] or ''}", h["uuid"])
            for h in result.targets
            if number in h["failing"]
        ]
        self.app.push_screen(
            PickScreen(t("analysis.failing", self.lang, n=number), options), self._open
        )

    def _open(self, uuid: str | None) -> None:
        if uuid is None:
            return
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(uuid)
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft"))

    def action_edit_plan(self) -> None:
        """The planning note of the highlighted indicator: cause, then project, then agency,
        each saved as it is entered (Esc stops; what was saved stays)."""
        if self.area is None:
            return
        table = self.query_one("#indicators", DataTable)
        row = self.results[self.area].indicators[table.cursor_row]
        name = self._indicator_names().get(row["id"], "")
        number = f"{row['number'] or row['id']} {name}".strip()  # which one, in words too
        self._ask_plan(row["id"], number, 0, table.cursor_row)

    def _ask_plan(self, indicator: str, number: str, part: int, cursor: int) -> None:
        from tui_cia.storage.plans import PARTS
        from tui_cia.tui.screens.modals import TextInputScreen

        if part == len(PARTS):
            self.notify(t("plan.saved", self.lang, n=number))
            return
        name = PARTS[part]
        plan = self.plans.get(indicator)
        self.app.push_screen(
            TextInputScreen(
                t(f"plan.{name}", self.lang, n=number),
                getattr(plan, name, "") if plan else "",
                hint=t("plan.hint", self.lang),
            ),
            lambda text: self._plan_typed(indicator, number, part, cursor, text),
        )

    def _plan_typed(
        self, indicator: str, number: str, part: int, cursor: int, text: str | None
    ) -> None:
        from tui_cia.errors import TuiCiaError
        from tui_cia.storage.plans import PARTS, save_plan

        if text is None or self.area is None:
            return
        area, round_ = self.area
        typed: dict[str, Any] = {PARTS[part]: text}
        try:
            save_plan(self.store.conn, self.form_id, area, round_, indicator, **typed)
        except TuiCiaError as exc:
            self.notify(str(exc), severity="error")
            return
        self.show(*self.area)
        self.query_one("#indicators", DataTable).move_cursor(row=cursor)
        self._ask_plan(indicator, number, part + 1, cursor)

    def action_write_report(self) -> None:
        """The meeting report of the shown area and round, as HTML beside the database (to
        open in a browser and print), written in a worker."""
        if self.area is None:
            return
        area, round_ = self.area
        name = f"report_{area}_{round_ or 'all'}_{self.lang}.html"
        self.notify(t("report.writing", self.lang))
        self.write_report(self.store.path, area, round_, Path(self.store.path).parent / name)

    @work(thread=True, exclusive=True, group="analysis-report")
    def write_report(self, path: Any, area: str, round_: int | None, out: Path) -> None:
        from tui_cia.analysis.meeting import meeting_context
        from tui_cia.errors import TuiCiaError
        from tui_cia.plots import report
        from tui_cia.storage import Store

        store = Store(path)
        try:
            form = store.forms.get(self.form_id)
            ctx = meeting_context(store, form, area, round_, lang=self.lang)
            report.write(ctx, out)
        except TuiCiaError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        finally:
            store.close()
        self.app.call_from_thread(self._report_written, out)

    def _report_written(self, out: Path) -> None:
        self.written = out
        self.notify(t("report.written", self.lang, path=out), timeout=8)

    def action_back(self) -> None:
        self.app.pop_screen()
