"""The tables screen: a frequency from Home's `t`, another field, a cell's records, XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drive import running
from textual.widgets import DataTable

from tui_cia.analysis.crosstab import frequency
from tui_cia.tui.screens.entry import EntryScreen
from tui_cia.tui.screens.modals import PickScreen
from tui_cia.tui.screens.tables import TablesScreen


async def _settled(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _grid(screen: TablesScreen) -> list[list[str]]:
    grid = screen.query_one("#tables", DataTable)
    return [[str(v) for v in grid.get_row_at(r)] for r in range(grid.row_count)]


def _expected(app: Any, name: str, by: str | None) -> Any:
    form = app.store.forms.get("bmn")
    return frequency(app.store.conn, form, name, by=by, lang=app.lang)


@pytest.mark.slow
async def test_tables_from_home_field_cell_records_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("t")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, TablesScreen) and screen.field == "has_house_no"
        expected = _expected(app, "has_house_no", "village")
        shown = _grid(screen)
        assert [line[0] for line in shown[:-1]] == expected.rows.labels
        assert [line[1:-1] for line in shown[:-1]] == [list(map(str, c)) for c in expected.counts]
        assert shown[-1][-1] == str(expected.total)

        await pilot.press("f")  # another field: the second of the list
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        other = app.screen.values[1]
        await pilot.press("down", "enter")
        await _settled(app, pilot)
        assert app.screen is screen and screen.field == other != "has_house_no"
        expected = _expected(app, other, "village")
        assert [line[0] for line in _grid(screen)[:-1]] == expected.rows.labels

        r = next(i for i, line in enumerate(expected.counts) if any(line))
        c = next(i for i, n in enumerate(expected.counts[r]) if n)
        screen.query_one("#tables", DataTable).move_cursor(row=r, column=c + 1)
        await pilot.press("enter")  # the records of that cell
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert len(app.screen.values) == expected.counts[r][c]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        app.pop_screen()
        await pilot.pause()

        assert app.screen is screen
        await pilot.press("x")
        await _settled(app, pilot)
        assert screen.written is not None and screen.written.parent == tmp_path
        sheet = load_workbook(screen.written)["counts"]
        values = [list(line) for line in sheet.iter_rows(values_only=True)]
        assert values[1][0] == expected.rows.labels[0]
        assert values[1][1:-1] == expected.counts[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TablesScreen)


@pytest.mark.slow
async def test_cross_by_round_and_choose_a_round(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("t")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, TablesScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        at = app.screen.values.index(("by", "round"))
        await pilot.press(*["down"] * at, "enter")
        await _settled(app, pilot)
        assert screen.by == "round" and screen.table.cols.keys == ["2564", "2565"]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and app.screen.values[1:] == [2565, 2564]
        await pilot.press("down", "enter")
        await _settled(app, pilot)
        assert screen.round == 2565 and screen.table.cols.keys == ["2565"]


@pytest.mark.slow
async def test_percents_and_the_groups_of_a_number_field(tmp_path: Path) -> None:
    from tui_cia.analysis.crosstab import BLANK, NUMBER_TYPES
    from tui_cia.tui.screens.tables import _counted_fields

    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("t")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, TablesScreen)
        await pilot.press("p")  # percents of the row
        await _settled(app, pilot)
        assert screen.percent == "row"
        expected = frequency(
            app.store.conn, screen.form, screen.field, by="village", percent="row", lang="en"
        )
        first = _grid(screen)[0]
        pct = expected.percents[0][0]
        assert first[1] == f"{expected.counts[0][0]} ({'-' if pct is None else f'{pct:.1f}%'})"
        assert "percent of the row" in str(screen.query_one("#tables-title").render())
        await pilot.press("p", "p", "p")  # column, all, then counts again
        await _settled(app, pilot)
        assert screen.percent is None and _grid(screen)[0][1] == str(expected.counts[0][0])

        number = next(f for f in _counted_fields(screen.form) if f.type in NUMBER_TYPES)
        screen._field_chosen(number.name)
        await _settled(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and 3 in app.screen.values
        await pilot.press(*["down"] * app.screen.values.index(3), "enter")
        await _settled(app, pilot)
        assert screen.bins == 3 and screen.field == number.name
        assert len([k for k in screen.table.rows.keys if k != BLANK]) <= 3
        expected = frequency(
            app.store.conn, screen.form, number.name, by="village", lang="en", bins=3
        )
        assert screen.table.rows.labels == expected.rows.labels


async def test_number_groups_are_offered_for_number_fields_only(tmp_path: Path) -> None:
    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("t")
        await _settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, TablesScreen) and screen.field == "has_house_no"
        said: list[str] = []
        screen.notify = lambda text, **_: said.append(str(text))  # type: ignore[method-assign]
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and said and "number fields only" in said[0]
        grid = screen.query_one("#tables", DataTable)
        assert str(grid.ordered_columns[0].label) == screen.table.rows.label[:24]


@pytest.mark.slow
async def test_typing_in_the_field_list_finds_the_field(tmp_path: Path, monkeypatch: Any) -> None:
    from tui_cia.tui.screens import modals

    monkeypatch.setattr(modals, "TYPED_SECONDS", 1e9)  # however slow the machine
    async with running(tmp_path, lang="en") as (app, pilot):
        await pilot.press("t")
        await _settled(app, pilot)
        screen = app.screen
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("a", "g", "e", "x", "backspace")  # "agex" finds nothing; back to "age"
        await pilot.pause()
        assert "/ age" in str(app.screen.query_one("#pick-title").render())
        await pilot.press("enter")
        await _settled(app, pilot)
        assert app.screen is screen and screen.field is not None and "age" in screen.field
