"""Generated forms for benchmarks: a small form and a 300-field form with a 40-member roster."""

from __future__ import annotations

CHOICES = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
"""


def _field(name: str, kind: int) -> str:
    label = f"label: {{th: คำถาม {name}, en: Question {name}}}"
    if kind == 0:
        return f"  - {{name: {name}, type: integer, {label}, min: 0, max: 1000000}}"
    if kind == 1:
        return f"  - {{name: {name}, type: select_one, choices: yn, {label}}}"
    return f"  - {{name: {name}, type: text, {label}, length: [0, 80]}}"


def big_form(groups: int = 12, per_group: int = 23, roster_fields: int = 15) -> str:
    """About 300 fields: groups of questions with skips and totals, and a roster."""
    lines = ['form: {id: big, version: "1", languages: [th, en]}', CHOICES.rstrip(), "fields:"]
    lines.append("  - {name: survey_date, type: date, label: {th: วันที่, en: Date}}")
    lines.append("  - {name: hh_size, type: integer, label: {th: จำนวน, en: Size}}")
    for g in range(groups):
        lines.append(f"  - group: g{g}\n    label: {{th: หมวด {g}, en: Section {g}}}")
        if g:
            lines.append(f"    relevant: \"${{q{g - 1}_1}} != '2'\"")
        lines.append("    fields:")
        for q in range(per_group):
            name = f"q{g}_{q}"
            body = _field(name, q % 3)
            if q % 3 == 2 and q > 2:
                body = body[:-1] + f", relevant: \"${{q{g}_{q - 1}}} = '1'\"}}"
            lines.append("  " + body)
        lines.append(
            f"  - {{name: total{g}, type: calculate, "
            f"calculate: 'coalesce(${{q{g}_0}}, 0) + coalesce(${{q{g}_3}}, 0)'}}"
        )
    lines.append("  - repeat: members\n    label: {th: สมาชิก, en: Members}\n    max: 40")
    lines.append("    instance_label: \"concat(${m_name}, ' ', position())\"\n    fields:")
    lines.append("      - {name: m_name, type: text, label: {th: ชื่อ, en: Name}}")
    lines.append("      - {name: m_birth, type: date, label: {th: เกิด, en: Born}}")
    lines.append(
        "      - {name: m_age, type: calculate, calculate: 'age(${m_birth}, ${survey_date})'}"
    )
    for r in range(roster_fields - 3):
        lines.append("    " + _field(f"m{r}", r % 3))
    lines.append(
        "  - {name: adults, type: calculate, calculate: 'count(${members}, ${m_age} >= 18)'}"
    )
    lines.append("  - {name: income_total, type: calculate, calculate: 'sum(${members}, ${m0})'}")
    return "\n".join(lines) + "\n"


def small_form() -> str:
    """Ten fields with the same shape of dependencies as one section of the big form."""
    return big_form(groups=1, per_group=8, roster_fields=4)


def field_count(text: str) -> int:
    return text.count("{name: ")
