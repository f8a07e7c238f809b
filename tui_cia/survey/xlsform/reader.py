"""Read an XLSForm workbook with pyxform's reader: its sheets as rows with their row numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.survey import limits


class XlsFormError(TuiCiaError):
    """An XLSForm that cannot be read or converted at all."""


@dataclass(frozen=True)
class Row:
    """One non-empty row of a sheet: its number in the spreadsheet (the header is row 1)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Workbook:
    """The sheets tui-cia converts, each a list of rows."""

    survey: list[Row]
    choices: list[Row]
    settings: list[Row]


def read_workbook(path: Path) -> Workbook:
    """Read FORM.xlsx (or .xls); refuse plainly a file that is not an XLSForm."""
    if not path.is_file():
        raise XlsFormError(f"{path}: no such file")
    if path.stat().st_size > limits.XLSFORM_BYTES:
        raise XlsFormError(
            f"{path}: the workbook is larger than {limits.XLSFORM_BYTES // limits.MIB} MiB, far "
            "more than a form needs: check that it is the right file"
        )
    # pyxform is needed by this command only: imported here so the app never waits for it.
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import xls_to_dict, xlsx_to_dict

    reader = xls_to_dict if path.suffix.lower() == ".xls" else xlsx_to_dict
    try:
        book: dict[str, Any] = reader(str(path))
    except PyXFormError as exc:
        raise XlsFormError(f"{path}: not a readable XLSForm workbook ({_short(exc)})") from exc
    except Exception as exc:  # pyxform lets some readers' own errors through
        raise XlsFormError(f"{path}: not a readable XLSForm workbook ({_short(exc)})") from exc
    if "survey" not in book:
        names = ", ".join(book.get("sheet_names", [])) or "none"
        raise XlsFormError(f"{path}: has no sheet named survey (its sheets: {names})")
    sheets = Workbook(_rows(book, "survey"), _rows(book, "choices"), _rows(book, "settings"))
    if not sheets.survey:
        raise XlsFormError(f"{path}: the survey sheet is empty: there is no question to convert")
    if (rows := len(sheets.survey) + len(sheets.choices)) > limits.XLSFORM_ROWS:
        raise XlsFormError(
            f"{path}: {rows:,} rows in the survey and choices sheets, more than the "
            f"{limits.XLSFORM_ROWS:,} a form may have (forms/README.md lists the limits)"
        )
    return sheets


def _rows(book: dict[str, Any], sheet: str) -> list[Row]:
    """Rows that have something in them; pyxform keeps empty ones so numbers stay right."""
    rows = book.get(sheet, [])
    return [
        Row(index + 2, {str(k).strip(): str(v).strip() for k, v in row.items()})
        for index, row in enumerate(rows)
        if row
    ]


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
