"""What the analysis screen writes of an indicator: the table's cells and the line about the
highlighted one, each count with its unit and rounded as the printed report rounds it."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui_cia.plots.cells import pad_right, truncate
from tui_cia.plots.cells import width as cells_of
from tui_cia.tui.i18n import t

NUMBER, RATE, NAME = 3, 5, 24  # column widths in cells (the failing count's is measured)


def rate_text(rate: float | None) -> str:
    """A pass rate as the report prints it: one decimal (94.0), or -."""
    from tui_cia.analysis.charts import one_decimal

    shown = one_decimal(rate)
    return "-" if shown is None else f"{shown:.1f}"


def _digits(found: list[dict[str, Any]]) -> int:
    return max((len(f"{row['failed']:,}") for row in found), default=1)


def _unit_cells(lang: str) -> int:
    return max(cells_of(t(f"analysis.unit.{unit}", lang)) for unit in ("person", "household"))


def failed_width(found: list[dict[str, Any]], lang: str) -> int:
    """The failing count's column: room for the longest count and unit, and the heading;
    measured, so that no count is ever cut (a province counts millions of people)."""
    return max(_digits(found) + 1 + _unit_cells(lang), cells_of(t("analysis.failed", lang)))


def count_text(row: dict[str, Any], found: list[dict[str, Any]], lang: str) -> str:
    """A failing count with its unit, short, numbers aligned (991 คน, 1,604 คร.)."""
    unit = t(f"analysis.unit.{row['unit']}", lang)
    text = f"{row['failed']:>{_digits(found)},} {pad_right(unit, _unit_cells(lang))}"
    return " " * (failed_width(found, lang) - cells_of(text)) + text


def columns(lang: str, wide: bool, failed: int) -> list[tuple[str, int]]:
    """The table's columns (heading, width): the name only on a wide terminal."""
    found = [("#", NUMBER)]
    if wide:
        found.append((t("analysis.indicator", lang), NAME))
    return [*found, ("%", RATE), (t("analysis.failed", lang), failed)]


def table_width(wide: bool, failed: int) -> int:
    """Cells the table takes: its columns, a cell of padding each side, the scrollbar."""
    widths = [NUMBER, RATE, failed] + ([NAME] if wide else [])
    return sum(widths) + 2 * len(widths) + 2


def cells(
    row: dict[str, Any], found: list[dict[str, Any]], name: str, lang: str, wide: bool
) -> list[Any]:
    """One indicator's cells: number, (name,) rate, failing count with its unit."""
    shown: list[Any] = [str(row["number"] or "")]
    if wide:
        shown.append(Text(truncate(name, NAME), no_wrap=True))
    shown.append(Text(rate_text(row["rate"]), justify="right"))
    return [*shown, Text(count_text(row, found, lang), no_wrap=True)]


def detail(row: dict[str, Any], name: str, plan: Any, lang: str, cells_wide: int) -> str:
    """Two lines on the highlighted indicator: its number and name (and planning note), then
    its figures in words: passed of applicable, failed, in how many households."""
    head = f"{row['number'] or row['id']} {name}"
    if plan is not None and (plan.project or plan.cause or plan.agency):
        note = t("analysis.plan_note", lang, text=plan.project or plan.cause or plan.agency)
        head = f"{truncate(head, max(10, cells_wide - len(note) - 2))}  {note}"
    unit = t(f"analysis.units.{row['unit']}", lang)
    figures = t(
        "analysis.detail",
        lang,
        passed=f"{row['passed']:,}",
        applicable=f"{row['applicable']:,}",
        unit=unit,
        rate=rate_text(row["rate"]),
        failed=f"{row['failed']:,}",
    )
    if row["unit"] == "person":
        figures += t("analysis.in_households", lang, n=f"{row['households_failing']:,}")
    return f"{truncate(head, cells_wide)}\n{figures}"
