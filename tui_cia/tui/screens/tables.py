"""Frequency and cross-tab tables: a field's answers by area, round or another field, each
cell's records to open, and the shown table written to XLSX (pandas loads in a worker)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from tui_cia.plots.cells import truncate
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import said_text, t_why
from tui_cia.tui.screens.base import AppScreen, footer

LEVEL_BY = ("village", "tambon", "amphoe", "province")
PERCENTS = (None, "row", "col", "all")  # what P steps through
BINS = (2, 3, 4, 5, 6, 8, 10)  # quantile groups a number field can be cut into


def _counted_fields(form: Any) -> list[Any]:
    """The form's fields with choices or numbers, other than its area and round fields."""
    from tui_cia.analysis.crosstab import NUMBER_TYPES
    from tui_cia.storage.flat import flat_tables

    s = form.settings
    skip = {s.area, s.round, *LEVEL_BY}
    return [
        f
        for table in flat_tables(form)
        for f in table.fields
        if f.name not in skip and (f.choices is not None or f.type in NUMBER_TYPES)
    ]


class TablesScreen(AppScreen):
    """A frequency (by area or round) or a cross-tab of two fields of the form."""

    HELP_ID = "tables"
    BINDINGS = bindings("tables")

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.form: Any = None
        self.field: str | None = None  # None until the worker picks the first coded field
        self.by: str | None = "village"  # an area level, "round", or None: one column
        self.by_field: str | None = None  # crossed by this field instead
        self.round: int | None = None
        self.percent: str | None = None  # None, or of each "row", "col" or "all"
        self.bins = 5
        self.rounds: list[int] = []
        self.table: Any = None
        self.written: Path | None = None  # the last XLSX file written
        self.shown: tuple[Any, ...] = (None, "village", None, None, None, 5)

    def compose(self) -> ComposeResult:
        yield Label(t("tables.working", self.lang), id="tables-title", classes="title")
        yield DataTable(id="tables", cursor_type="cell", zebra_stripes=True)
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.recompute()

    def refresh_language(self) -> None:
        """The table counted again in the language shown (its labels are the form's)."""
        self.recompute()

    def recompute(self) -> None:
        self.query_one("#tables-title", Label).update(t("tables.working", self.lang))
        choices = (self.field, self.by, self.by_field, self.round, self.percent, self.bins)
        self.compute(self.store.path, choices, self.lang)

    @work(thread=True, exclusive=True, group="tables")
    def compute(self, path: Any, choices: tuple[Any, ...], lang: str) -> None:
        """The table, on a connection of the worker's own (the first coded field with
        answers when none is chosen yet); `choices` are field, by, by field, round,
        percent and bins."""
        import sqlite3

        from tui_cia.analysis.crosstab import BLANK, crosstab, frequency
        from tui_cia.errors import TuiCiaError
        from tui_cia.storage import Store
        from tui_cia.storage.flat import flat_tables

        name, by, by_field, round_, percent, bins = choices
        shape: dict[str, Any] = {"percent": percent, "bins": bins}
        store = Store(path)
        table: Any = None
        error: str | None = None
        try:
            form = store.forms.get(self.form_id)
            rounds: list[int] = []
            if form.settings.round:
                main = flat_tables(form)[0].name.replace('"', '""')
                column = form.settings.round.replace('"', '""')
                sql = f'SELECT DISTINCT "{column}" FROM "{main}" WHERE "{column}" IS NOT NULL'
                rounds = sorted((int(r) for (r,) in store.conn.execute(sql)), reverse=True)
            try:
                if name is None:
                    coded = [f for f in _counted_fields(form) if f.choices is not None]
                    for fld in coded:
                        table = frequency(
                            store.conn, form, fld.name, by=by, percent=percent, lang=lang
                        )
                        if any(k != BLANK for k in table.rows.keys) and table.total:
                            name = fld.name
                            break
                    else:
                        name, table = None, None
                elif by_field is not None:
                    table = crosstab(
                        store.conn, form, name, by_field, round_=round_, **shape, lang=lang
                    )
                else:
                    table = frequency(
                        store.conn, form, name, by=by, round_=round_, **shape, lang=lang
                    )
            except (TuiCiaError, sqlite3.Error) as exc:  # sqlite3: another program writing
                error, table = said_text(exc, lang), None
        finally:
            store.close()
        self.app.call_from_thread(self._computed, form, rounds, name, table, error)

    def _computed(
        self, form: Any, rounds: list[int], name: str | None, table: Any, error: str | None
    ) -> None:
        self.form, self.rounds = form, rounds
        if error is not None:
            self.notify(error, severity="error")
            if self.table is not None:  # the table shown before stays, and its choices
                self.field, self.by, self.by_field, self.round, self.percent, self.bins = self.shown
                self._title()
                return
        if table is None:
            self.query_one("#tables-title", Label).update(t("tables.none", self.lang))
            return
        self.field, self.table = name, table
        self.shown = (self.field, self.by, self.by_field, self.round, self.percent, self.bins)
        self.show()

    def _title(self) -> None:
        from tui_cia.analysis.crosstab import WORDS

        table = self.table
        round_ = t("tables.all_rounds", self.lang) if self.round is None else str(self.round)
        unit = WORDS[table.unit][self.lang]
        pct = "" if self.percent is None else "   " + t(f"tables.pct.{self.percent}", self.lang)
        self.query_one("#tables-title", Label).update(
            f"{table.rows.label} × {table.cols.label}   {round_}{pct}   ({table.total} {unit})"
        )

    def show(self) -> None:
        from tui_cia.analysis.crosstab import ALL
        from tui_cia.analysis.crosstabout import cell_text

        table = self.table
        self._title()
        grid = self.query_one("#tables", DataTable)
        grid.clear(columns=True)
        total = t("tables.total", self.lang)
        one_column = table.cols.keys == [ALL]
        grid.add_column(truncate(table.rows.label, 24))
        for label in table.cols.labels:
            grid.add_column(label)
        if not one_column:
            grid.add_column(total)
        for r, label in enumerate(table.rows.labels):
            pcts = table.percents[r] if table.percents else [None] * len(table.counts[r])
            cells = [
                cell_text(n, p, table.percent) for n, p in zip(table.counts[r], pcts, strict=True)
            ]
            grid.add_row(label, *cells, *([] if one_column else [str(table.row_totals[r])]))
        last = [str(n) for n in table.col_totals]
        grid.add_row(total, *last, *([] if one_column else [str(table.total)]))
        grid.move_cursor(row=0, column=1)
        grid.focus()

    def cell_uuids(self, row: int, column: int) -> list[str] | None:
        """The records behind a cell of the grid (totals too); None on the labels."""
        table = self.table
        if table is None or column < 1:
            return None
        rows = range(len(table.rows.keys)) if row >= len(table.rows.keys) else [row]
        cols = range(len(table.cols.keys)) if column > len(table.cols.keys) else [column - 1]
        found: dict[str, None] = {}
        for r in rows:
            for c in cols:
                found.update(dict.fromkeys(table.uuids[r][c]))
        return list(found)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_cell_records()

    def action_cell_records(self) -> None:
        """The records behind the highlighted cell: pick one to open it."""
        from tui_cia.analysis.crosstab import records
        from tui_cia.tui.screens.modals import PickScreen

        at = self.query_one("#tables", DataTable).cursor_coordinate
        uuids = self.cell_uuids(at.row, at.column)
        if uuids is None or self.form is None:
            return
        found = records(self.store.conn, self.form, uuids)
        options = [
            (
                "  ".join(
                    v
                    for v in (r.house_no or "-", r.head or r.name or r.uuid[:8], r.village_name)
                    if v
                ),
                r.uuid,
            )
            for r in found
        ]
        self.app.push_screen(
            PickScreen(t("tables.records", self.lang, n=len(options)), options), self._open
        )

    def _open(self, uuid: str | None) -> None:
        if uuid is None:
            return
        from tui_cia.tui.screens.entry import EntryScreen

        record = self.store.open(uuid)
        self.app.push_screen(EntryScreen(record, edit=record.status != "draft"))

    def _field_options(self) -> list[tuple[str, Any]]:
        from tui_cia.analysis.crosstab import field_label

        return [
            (f"{f.name}  {field_label(f, self.lang)}", f.name) for f in _counted_fields(self.form)
        ]

    def action_choose_field(self) -> None:
        from tui_cia.tui.screens.modals import PickScreen

        if self.form is None:
            return
        self.app.push_screen(
            PickScreen(t("tables.field", self.lang), self._field_options()), self._field_chosen
        )

    def _field_chosen(self, name: str | None) -> None:
        if name is None:
            return
        self.field = name
        if self.by_field == name:
            self.by_field, self.by = None, None
        self.recompute()

    def action_choose_by(self) -> None:
        from tui_cia.tui.screens.modals import PickScreen

        if self.form is None:
            return
        options: list[tuple[str, Any]] = [(t("tables.by.none", self.lang), ("by", None))]
        options += [(t(f"tables.by.{level}", self.lang), ("by", level)) for level in LEVEL_BY]
        if self.form.settings.round:
            options.append((t("tables.by.round", self.lang), ("by", "round")))
        options += [(label, ("field", name)) for label, name in self._field_options()]
        self.app.push_screen(PickScreen(t("tables.by", self.lang), options), self._by_chosen)

    def _by_chosen(self, choice: tuple[str, str | None] | None) -> None:
        if choice is None:
            return
        kind, value = choice
        if kind == "field":
            self.by_field, self.by = value, None
        else:
            self.by_field, self.by = None, value
        self.recompute()

    def action_choose_round(self) -> None:
        from tui_cia.tui.screens.modals import pick_round

        if self.form is None:
            return
        pick_round(self, self.rounds, self._round_chosen)

    def _round_chosen(self, round_: int | None) -> None:
        self.round = round_
        self.recompute()

    def action_cycle_percent(self) -> None:
        """Counts only, then percents of the row, of the column, of all."""
        if self.form is None:
            return
        self.percent = PERCENTS[(PERCENTS.index(self.percent) + 1) % len(PERCENTS)]
        self.recompute()

    def action_choose_bins(self) -> None:
        """How many groups a number field is cut into (each about as many units)."""
        from tui_cia.tui.screens.modals import PickScreen

        if self.form is None:
            return
        from tui_cia.analysis.crosstab import NUMBER_TYPES

        numbers = {f.name for f in _counted_fields(self.form) if f.type in NUMBER_TYPES}
        if not numbers & {self.field, self.by_field}:
            self.notify(t("tables.bins_numbers", self.lang))
            return
        options: list[tuple[str, Any]] = [(str(n), n) for n in BINS]
        self.app.push_screen(PickScreen(t("tables.bins", self.lang), options), self._bins)

    def _bins(self, value: int | None) -> None:
        if value is None:
            return
        self.bins = value
        self.recompute()

    def action_write_xlsx(self) -> None:
        """The shown table to an XLSX file beside the database."""
        if self.table is None:
            return
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        cross = self.by_field or self.by or "all"
        path = self.out_dir / f"{self.table.rows.name}_{cross}_{stamp}.xlsx"
        self.write(self.table, path, self.lang)

    @work(thread=True, exclusive=True, group="tables-xlsx")
    def write(self, table: Any, path: Path, lang: str) -> None:
        from tui_cia.analysis.crosstabout import write_xlsx

        try:
            write_xlsx(table, path, lang)
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, t_why("tables.failed", lang, exc), severity="error"
            )
            return
        self.app.call_from_thread(self._written, path)

    def _written(self, path: Path) -> None:
        self.written = path
        self.notify(t("tables.written", self.lang, path=path))

    def action_back(self) -> None:
        self.app.pop_screen()
