"""What the analysis screen does with the highlighted indicator and the shown area, apart
from drawing them: its failing households (Enter, each opened at its failing answer), its
planning note (`e`, typed part by part) and the meeting report (`w`, written in a worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.widgets import DataTable

from tui_cia.tui.i18n import t
from tui_cia.tui.said import said_text
from tui_cia.tui.screens.base import AppScreen


class PlanAndReport(AppScreen):
    """What the analysis screen does with the shown area besides drawing it."""

    form_id: str
    form: Any
    results: dict[tuple[str, int | None], Any]
    area: tuple[str, int | None] | None
    plans: dict[str, Any]
    written: Path | None

    def show(self, area: str, round_: int | None) -> None:
        raise NotImplementedError  # the analysis screen draws the area

    def _highlighted(self) -> dict[str, Any]:
        raise NotImplementedError

    def _indicator_names(self) -> dict[str, str]:
        raise NotImplementedError

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_failing_households()

    def action_failing_households(self) -> None:
        """The households failing the highlighted indicator: pick one to open it at the
        answer that makes it fail."""
        if self.area is None or not self.results[self.area].indicators:
            return
        from tui_cia.tui.screens.modals import PickScreen

        row = self._highlighted()
        number = row["number"]
        options = [
            (f"{h['name'] or h['uuid'][:8]}  {h['area'] or ''}", h["uuid"])
            for h in self.results[self.area].targets
            if number in h["failing"]
        ]
        title = t("analysis.failing", self.lang, n=number, count=f"{len(options):,}")
        self.app.push_screen(
            PickScreen(title, options), lambda uuid: self._open(uuid, row["id"], number)
        )

    def _open(self, uuid: str | None, indicator: str, number: Any) -> None:
        """The household on the entry screen, at the answer that fails the indicator."""
        if uuid is None:
            return
        from tui_cia.analysis.failing import failing_field
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(uuid)
        rule = next(i for i in self.form.indicators if i.id == indicator)
        at = failing_field(record.session, rule)
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft", at=at))
        if at is not None:
            self.notify(t("analysis.at_answer", self.lang, n=number))

    def action_edit_plan(self) -> None:
        """The planning note of the highlighted indicator: cause, then project, then agency,
        each saved as it is entered (Esc stops; what was saved stays)."""
        if self.area is None or not self.results[self.area].indicators:
            return
        table = self.query_one("#indicators", DataTable)
        row = self._highlighted()
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
            self.notify(said_text(exc, self.lang), severity="error")
            return
        self.show(*self.area)
        self.query_one("#indicators", DataTable).move_cursor(row=cursor)
        self._ask_plan(indicator, number, part + 1, cursor)

    def action_write_report(self) -> None:
        """The meeting report of the shown area and round, as HTML beside the database (the
        demo's: in `out_dir`), to open in a browser and print, written in a worker."""
        if self.area is None:
            return
        area, round_ = self.area
        name = f"report_{area}_{round_ or 'all'}_{self.lang}.html"
        self.notify(t("report.writing", self.lang))
        self.write_report(self.store.path, area, round_, self.out_dir / name)

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
            annex = report.write(ctx, out)
        except TuiCiaError as exc:
            self.app.call_from_thread(self.notify, said_text(exc, self.lang), severity="error")
            return
        finally:
            store.close()
        self.app.call_from_thread(self._report_written, out, annex)

    def _report_written(self, out: Path, annex: Path) -> None:
        self.written = out
        self.notify(t("report.written", self.lang, path=f"{out}, {annex.name}"), timeout=8)
