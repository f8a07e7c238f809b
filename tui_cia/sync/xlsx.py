"""Writing export tables as one XLSX workbook (openpyxl, write-only: fast and lean).

Text cells follow the exports' formula rule (`storage.exportlabels.formula_safe`): text
starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` before it, the same
text as in the CSV, and every text cell is stored as text (data type "s"), never as a
formula. A table with more rows than a sheet holds (`MAX_ROWS`, header included) or more
columns (`MAX_COLUMNS`) is refused before anything is written: splitting it over several
sheets would let a count or a pivot table of one sheet silently miss rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tui_cia.errors import TuiCiaError
from tui_cia.storage.exportlabels import formula_safe
from tui_cia.sync.codebook import Table

# Excel's sheet: 1,048,576 rows (the header row included) of 16,384 columns.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
SHEET_NAME_MAX = 31  # Excel refuses longer sheet names
WIDTH_MIN, WIDTH_MAX = 8, 40
WIDTH_SAMPLE = 200  # rows looked at to size a column
DATE_FORMAT = "yyyy-mm-dd"


def sheet_titles(names: list[str]) -> list[str]:
    """Sheet names Excel accepts: at most 31 characters and unique."""
    titles: list[str] = []
    for name in names:
        title, number = name[:SHEET_NAME_MAX], 1
        while title in titles:
            number += 1
            suffix = f"_{number}"
            title = name[: SHEET_NAME_MAX - len(suffix)] + suffix
        titles.append(title)
    return titles


def check_fits(tables: list[Table]) -> None:
    """Refuse, naming the table, when one has more rows or columns than a sheet holds."""
    for table in tables:
        rows = len(table.rows) + 1  # the header row counts
        if rows > MAX_ROWS:
            raise TuiCiaError(
                f"cannot export as XLSX: table {table.name} has {rows:,} rows with its header, "
                f"more than the {MAX_ROWS:,} an Excel sheet holds. Export as CSV instead "
                "(tui-cia export csv), or narrow the export with --area or --round"
            )
        if len(table.header) > MAX_COLUMNS:
            raise TuiCiaError(
                f"cannot export as XLSX: table {table.name} has {len(table.header):,} columns, "
                f"more than the {MAX_COLUMNS:,} an Excel sheet holds. Export as CSV instead "
                "(tui-cia export csv)"
            )


def write_xlsx(path: Path, tables: list[Table]) -> None:
    """One sheet per table; the header row bold and frozen, with a filter. Refused (nothing
    written) if a table does not fit in a sheet."""
    check_fits(tables)
    book = Workbook(write_only=True)
    titles = sheet_titles([t.name for t in tables])
    for table, title in zip(tables, titles, strict=True):
        _write_sheet(book.create_sheet(title), table)
    book.save(path)


def _write_sheet(sheet: Any, table: Table) -> None:
    # Any: openpyxl's stubs lack the write-only sheet's column_dimensions and auto_filter.
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for name in table.header:
        cell = WriteOnlyCell(sheet, value=formula_safe(name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_cell(sheet, value) for value in row])
    if table.header:
        last = get_column_letter(len(table.header))
        sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"


def _widths(table: Table) -> list[float]:
    widths = [len(name) for name in table.header]
    for row in table.rows[:WIDTH_SAMPLE]:
        widths = [
            max(w, len(str(v)) if v is not None else 0) for w, v in zip(widths, row, strict=True)
        ]
    return [min(max(w + 2, WIDTH_MIN), WIDTH_MAX) for w in widths]


def _cell(sheet: Any, value: Any) -> Any:
    """A value as a cell: text stays text (formula-safe, never a formula), numbers stay
    numbers, dates are real dates."""
    if isinstance(value, str):
        # Control characters Excel cannot hold go first; what is left is made formula-safe,
        # so it never starts with "=" and openpyxl stores it as text, not as a formula.
        value = formula_safe(ILLEGAL_CHARACTERS_RE.sub("", value))
        if value in ERROR_CODES:  # openpyxl would store an answer "#N/A" as an error value
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    elif isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=dt.datetime(value.year, value.month, value.day))
        cell.number_format = DATE_FORMAT
        return cell
    return value
