"""The labels of special answers and of tui-cia's own export columns, and the formula rule
for text cells, shared by every export (sync's tables, analysis's, the CSV import reading
them back)."""

from __future__ import annotations

from typing import Any

from tui_cia.survey.schema import Text

# A spreadsheet runs text starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a `'` before it; anything else
    (numbers, dates, blanks, other text) as it is. Only text: a number is never a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


SPECIAL_LABELS: dict[str, Text] = {
    "dont_know": Text({"th": "ไม่ทราบ", "en": "Don't know"}),
    "refused": Text({"th": "ไม่ตอบ", "en": "Refused"}),
    "not_applicable": Text({"th": "ไม่เกี่ยวข้อง", "en": "Not applicable"}),
}

# tui-cia's own columns, before the form's fields, with what they mean.
OWN_LABELS: dict[str, Text] = {
    "uuid": Text({"th": "รหัสระเบียน (UUID)", "en": "Record UUID"}),
    "key": Text({"th": "รหัสครัวเรือน (คีย์ของแบบสำรวจ)", "en": "Record key"}),
    "status": Text({"th": "สถานะ (ร่าง เสร็จ ตรวจแล้ว)", "en": "Status (draft, complete, verified)"}),
    "round": Text({"th": "รอบการสำรวจ (ปี พ.ศ.)", "en": "Survey round (Buddhist-Era year)"}),
    "area": Text({"th": "รหัสพื้นที่ (จังหวัด อำเภอ ตำบล หมู่บ้าน)", "en": "Area code (PPAATTVV)"}),
    "version": Text({"th": "รุ่นของแบบสำรวจ", "en": "Form version"}),
    "created_at": Text({"th": "เวลาที่สร้าง (UTC)", "en": "Created at (UTC)"}),
    "modified_at": Text({"th": "เวลาที่แก้ไขล่าสุด (UTC)", "en": "Last modified at (UTC)"}),
    "deleted": Text({"th": "ถูกลบ (1 = ลบแล้ว)", "en": "Deleted (1 = yes)"}),
    "confirmed": Text(
        {
            "th": "คำเตือนที่ยืนยันแล้ว (ตำแหน่งคำถาม คั่นด้วยช่องว่าง)",
            "en": "Warnings confirmed (field paths, space-separated)",
        }
    ),
    "instance_id": Text({"th": "รหัสรายการ", "en": "Instance id within the record"}),
    "position": Text({"th": "ลำดับที่", "en": "Position (1 = first)"}),
    "parent_id": Text({"th": "รหัสรายการที่อยู่เหนือขึ้นไป", "en": "Instance id of the parent"}),
}
RECORD_OWN = ("uuid", "key", "status", "round", "area", "version", "created_at", "modified_at")
REPEAT_OWN = ("uuid", "key", "round", "instance_id", "position")
