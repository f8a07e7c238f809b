"""The 3-level problem scale and the development classes as plain-text lines for the terminal."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len

from tui_cia.analysis.results import AreaResult
from tui_cia.survey.graphemes import truncate

LISTED = 30  # records listed with their class; --json lists every one

WORDS: dict[str, dict[str, str]] = {
    "th": {
        "levels": "ระดับปัญหา: 1 มีปัญหามาก 2 ปานกลาง 3 น้อย/ไม่มีปัญหา",
        "share": "%มีปัญหา",
        "classes": "ระดับการพัฒนาหมู่บ้าน (ตามเกณฑ์ classes: ของแบบฟอร์ม)",
        "none": "ไม่ได้จัดระดับ (ไม่มีตัวชี้วัดที่ใช้ได้)",
        "class": "อันดับ",
        "detail": "ปัญหามาก {serious} มีปัญหา {problems} จาก {judged} ตัวชี้วัด คะแนน {score}",
        "more": "และอีก {n} รายการ (--json แสดงทั้งหมด)",
    },
    "en": {
        "levels": "Problem levels: 1 serious, 2 moderate, 3 little or none",
        "share": "%problem",
        "classes": "Village development classes (by the form's classes: rule)",
        "none": "not classified (no indicator applies)",
        "class": "class",
        "detail": "serious {serious}, problems {problems} of {judged} indicators, score {score}",
        "more": "and {n} more (--json lists them all)",
    },
}


def _pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - cell_len(text))


def level_lines(form: Any, result: AreaResult, lang: str = "th") -> list[str]:
    """Per indicator with levels: the records at levels 1, 2, 3 and the % with a problem."""
    words = WORDS["th" if lang == "th" else "en"]
    labels = {i.id: i.label.get(lang) for i in form.indicators}
    rows = [r for r in result.indicators if "levels" in r]
    if not rows:
        return []
    head = ("1", "2", "3", words["share"])
    lines = [words["levels"], _pad("", 44) + "".join(f"{h:>9}" for h in head)]
    for row in rows:
        counts = row["levels"]
        judged = sum(counts.values())
        share = round(100.0 * (counts["1"] + counts["2"]) / judged, 2) if judged else None
        name = truncate(f"{row['number'] or ''} {labels.get(row['id'], row['id'])}", 44)
        cells = [counts["1"], counts["2"], counts["3"], "-" if share is None else f"{share:g}"]
        lines.append(_pad(name, 44) + "".join(f"{c!s:>9}" for c in cells))
    return lines


def class_lines(form: Any, result: AreaResult, lang: str = "th") -> list[str]:
    """The records in each development class, then (up to LISTED) each record's class."""
    if result.classes is None:
        return []
    words = WORDS["th" if lang == "th" else "en"]
    labels = {c.number: c.label.get(lang) for c in form.classes}
    lines = [words["classes"]]
    for row in result.classes:
        name = words["none"] if row["class"] is None else labels.get(row["class"], "")
        lines.append(f"  {name}: {row['records']}")
    listed = result.classified or []
    for rec in listed[:LISTED]:
        where = " ".join(str(x) for x in (rec["area"], rec["name"]) if x) or rec["uuid"]
        cls = words["none"] if rec["class"] is None else f"{words['class']} {rec['class']}"
        score = "-" if rec["score"] is None else f"{rec['score']:g}"
        lines.append(f"  {where}: {cls} ({words['detail'].format(**{**rec, 'score': score})})")
    if len(listed) > LISTED:
        lines.append("  " + words["more"].format(n=len(listed) - LISTED))
    return lines


def scale_lines(form: Any, result: AreaResult, lang: str = "th") -> list[str]:
    """Both parts, for a form that uses the 3-level scale (nothing otherwise)."""
    return level_lines(form, result, lang) + class_lines(form, result, lang)
