"""Results as plain-text tables for the terminal (Thai labels aligned by cell width)."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len

from tui_cia.analysis.leveltext import scale_lines
from tui_cia.analysis.results import AreaResult
from tui_cia.survey.graphemes import truncate


def _pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - cell_len(text))


def _num(value: Any) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def result_table(form: Any, result: AreaResult, lang: str = "th") -> str:
    """The department-style table: surveyed, passed, failed, %, target, gap."""
    labels = {i.id: i.label.get(lang) for i in form.indicators}
    head = (
        ("ตัวชี้วัด" if lang == "th" else "Indicator", "สำรวจ", "ผ่าน", "ไม่ผ่าน", "%", "เป้า", "ขาด")
        if lang == "th"
        else ("Indicator", "Surveyed", "Pass", "Fail", "%", "Target", "Gap")
    )
    lines = [
        f"{result.level} {result.area}  {result.round}  "
        f"{'ครัวเรือน' if lang == 'th' else 'households'} {result.households}",
    ]
    if result.not_scored is not None:
        why = "ไม่ประเมินตัวชี้วัด" if lang == "th" else "not scored"
        return "\n".join([*lines, f"  {why}: {result.not_scored}"]) + "\n"
    lines.append(_pad(head[0], 44) + "".join(f"{h:>9}" for h in head[1:]))
    for row in result.indicators:
        name = truncate(f"{row['number'] or ''} {labels.get(row['id'], row['id'])}", 44)
        values = (
            row["applicable"],
            row["passed"],
            row["failed"],
            row["rate"],
            row["target"],
            row["gap"],
        )
        lines.append(_pad(name, 44) + "".join(f"{_num(v):>9}" for v in values))
    dims = {d.id: d.label.get(lang) for d in form.dimensions}
    for dim in result.dimensions:
        lines.append(f"  {dims.get(dim['id'], dim['id'])}: {_num(dim['score'])}")
    lines += scale_lines(form, result, lang)
    return "\n".join(lines) + "\n"
