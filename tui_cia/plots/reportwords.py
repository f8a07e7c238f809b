"""The meeting report's words, in Thai and English: headings, table heads, notes."""

from __future__ import annotations

WORDS = {
    "th": (
        "พื้นที่",
        "รอบ",
        "ครัวเรือนที่สำรวจ",
        "ผลรายด้าน (เรดาร์)",
        "ร้อยละที่ผ่านเกณฑ์",
        "ตารางตัวชี้วัด",
        "ปัญหาเรียงลำดับ",
    ),
    "en": (
        "Area",
        "Round",
        "Households surveyed",
        "Dimensions (radar)",
        "Pass rates",
        "Indicators",
        "Problem ranking",
    ),
}
DIM_HEAD = {
    "th": "| ด้าน | คะแนน | % ครัวเรือนที่ผ่านทุกข้อ |",
    "en": "| Dimension | Score | % households passing all |",
}
HEAD = {
    "th": (
        "ข้อ",
        "ตัวชี้วัด",
        "หน่วย",
        "สำรวจ",
        "ผ่าน",
        "ไม่ผ่าน",
        "%",
        "% รอบก่อน",
        "เปลี่ยน",
        "เป้า",
        "ขาด",
    ),
    "en": (
        "No.",
        "Indicator",
        "Unit",
        "Surveyed",
        "Passed",
        "Failed",
        "%",
        "% before",
        "Change",
        "Target",
        "Gap",
    ),
}
HEADLINE = {
    "th": ("ประชากร (คน)", "รายได้เฉลี่ย ต่อคน ต่อปี (บาท)", "รอบก่อน"),
    "en": ("Population", "Average income per person per year (baht)", "Previous round"),
}
SECTIONS = {
    "th": (
        "แผนแก้ปัญหา (สาเหตุ โครงการ หน่วยงานรับผิดชอบ)",
        "ตัวชี้วัด ราย{level} (ร้อยละที่ผ่าน)",
        "ครัวเรือนเป้าหมาย รายตัวชี้วัด",
    ),
    "en": (
        "Plan (cause, project, responsible agency)",
        "Indicators by {level} (% passing)",
        "Target households by indicator",
    ),
}
PLAN_HEAD = {
    "th": ("ข้อ", "ตัวชี้วัด", "%", "สาเหตุ", "โครงการ / กิจกรรม", "หน่วยงานรับผิดชอบ"),
    "en": ("No.", "Indicator", "%", "Cause", "Project", "Responsible agency"),
}
PLACE = {
    "th": ("หมู่บ้าน", "จำนวน", "ครัวเรือนเป้าหมาย"),
    "en": ("Village", "Number", "Target households"),
}
ANNEX = {
    "th": (
        "ภาคผนวก ครัวเรือนเป้าหมาย รายตัวชี้วัด",
        "รายชื่อครัวเรือนเป้าหมายอยู่ในภาคผนวก: {file}",
        "ครัวเรือนเป้าหมาย (ครัวเรือน)",
        "จำนวน{level}",
    ),
    "en": (
        "Annex: target households by indicator",
        "The target households are listed in the annex: {file}",
        "Target households",
        "{level} (count)",
    ),
}
MARKS = {
    "th": "ตัวหนา = ต่ำกว่าเป้าหมาย; ตัวหนาบนพื้นลาย = ต่ำกว่าเป้าหมายเกิน {far} จุด",
    "en": "Bold: below target; bold on hatching: more than {far} points below target",
}
MARKS_TEXT = {
    "th": "ตัวหนา = ต่ำกว่าเป้าหมาย; ตัวหนามี ▼ = ต่ำกว่าเป้าหมายเกิน {far} จุด",
    "en": "Bold: below target; bold with ▼: more than {far} points below target",
}
SCALE = {
    "th": "แกนของเรดาร์เริ่มที่ {floor}% (ไม่ใช่ 0) เพื่อให้เห็นความต่างของคะแนน",
    "en": "The radar's scale starts at {floor}% (not 0) so that close scores can be told apart",
}
