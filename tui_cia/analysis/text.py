"""Results as plain-text tables for the terminal, 80 cells wide: Thai labels aligned by cell
width, every count with its unit and thousands separators, rates rounded as the printed
report rounds them, the indicators' names cut before any number is."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len

from tui_cia.analysis.charts import one_decimal
from tui_cia.analysis.leveltext import scale_lines
from tui_cia.analysis.results import AreaResult
from tui_cia.survey.areas import level_name
from tui_cia.survey.graphemes import truncate

WIDTH = 80  # a terminal's cells; only the indicators' names give way to fit it
HEAD = {
    "th": ("ตัวชี้วัด", "หน่วย", "สำรวจ", "ผ่าน", "ไม่ผ่าน", "%", "เป้า", "ขาด"),
    "en": ("Indicator", "Unit", "Surveyed", "Pass", "Fail", "%", "Target", "Gap"),
}
UNITS = {  # as the meeting report's table names them
    "th": {"person": "คน", "household": "คร."},
    "en": {"person": "persons", "household": "households"},
}
HOUSEHOLDS = {
    "th": ("รอบ", "ครัวเรือน", "ไม่ประเมินตัวชี้วัด"),
    "en": ("round", "households", "not scored"),
}


def _pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - cell_len(text))


def _right(text: str, cells: int) -> str:
    return " " * max(0, cells - cell_len(text)) + text


def _num(value: Any) -> str:
    """A count with separators (4,490), a rate or gap with one decimal, a target as is."""
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:g}"


def _one(value: float | None) -> str:
    shown = one_decimal(value)
    return "-" if shown is None else f"{shown:.1f}"


def _title(form: Any, result: AreaResult, lang: str) -> str:
    """The area with its level and name, the round and its households, with their unit."""
    from tui_cia.analysis.crosstab import area_names

    name = area_names(form, lang).get(result.area, "")
    level = level_name(result.level, lang)
    words = HOUSEHOLDS[lang]
    return (
        f"{level} {result.area} {name}".rstrip()
        + f"  {words[0]} {result.round}  {result.households:,} {words[1]}"
    )


def _rows(form: Any, result: AreaResult, lang: str) -> list[list[str]]:
    """Each indicator's cells, as printed: name, unit, counts, rate, target, gap."""
    labels = {i.id: i.label.get(lang) for i in form.indicators}
    found = []
    for row in result.indicators:
        rate = one_decimal(row["rate"])
        target = row["target"]
        gap = None if rate is None or target is None else round(float(target) - rate, 1) + 0.0
        found.append(
            [
                f"{row['number'] or ''} {labels.get(row['id'], row['id'])}".strip(),
                UNITS[lang][row["unit"]],
                _num(row["applicable"]),
                _num(row["passed"]),
                _num(row["failed"]),
                _one(row["rate"]),
                _num(target),
                "-" if gap is None else f"{gap:.1f}",
            ]
        )
    return found


def result_table(form: Any, result: AreaResult, lang: str = "th") -> str:
    """The department-style table: unit, surveyed, passed, failed, %, target, gap; the
    figures measured so that none is ever cut, the names cut to the room left."""
    lang = "en" if lang == "en" else "th"
    lines = [_title(form, result, lang)]
    if result.not_scored is not None:
        return "\n".join([*lines, f"  {HOUSEHOLDS[lang][2]}: {result.not_scored}"]) + "\n"
    head = HEAD[lang]
    rows = _rows(form, result, lang)
    widths = [max(cell_len(r[k]) for r in [list(head), *rows]) for k in range(1, len(head))]
    name_cells = max(16, WIDTH - 1 - sum(w + 1 for w in widths))

    def line(cells: list[str]) -> str:
        name = _pad(truncate(cells[0], name_cells), name_cells)
        unit = _pad(cells[1], widths[0])
        figures = " ".join(_right(c, w) for c, w in zip(cells[2:], widths[1:], strict=True))
        return f"{name} {unit} {figures}".rstrip()

    lines += [line(list(head)), *(line(r) for r in rows)]
    dims = {d.id: d.label.get(lang) for d in form.dimensions}
    for dim in result.dimensions:
        lines.append(f"  {dims.get(dim['id'], dim['id'])}: {_one(dim['score'])}")
    lines += scale_lines(form, result, lang)
    return "\n".join(lines) + "\n"
