"""What the command line says to people, in Thai and English: its own lines (`say`), and the
library's English messages put into Thai (`in_lang`) by a catalogue of their wordings.

The library raises its errors in English; their wordings are listed here once, with each
`{name}` a part that is carried over (translated again when it is itself a message: the
detail of an answer problem, a form's own warning). A message the catalogue does not know
stays English as a whole line, so that no line mixes the two languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from tui_cia.cli.wordings import WORDINGS  # the library's messages, in Thai
from tui_cia.errors import ANSWER_MESSAGES

# The CLI's own lines: key -> (th, en).
LINES: dict[str, tuple[str, str]] = {
    "error": ("ข้อผิดพลาด: {text}", "error: {text}"),
    "imported": ("นำเข้า {count} ระเบียน ลงใน {path} แล้ว", "imported {count} record(s) into {path}"),
    "exported_records": (
        "เขียน {count} ระเบียน ลงใน {path} แล้ว",
        "wrote {count} record(s) to {path}",
    ),
    "refused": (
        "ไม่ได้นำเข้าระเบียนใดเลย: พบปัญหา {count} รายการ",
        "nothing was imported: {count} problem(s)",
    ),
    "more": ("… และอีก {count} รายการ", "… and {count} more"),
    "form_ok": ("{file}: ผ่าน", "{file}: ok"),
    "form_ok_warnings": ("{file}: ผ่าน (มีคำเตือน {count} รายการ)", "{file}: ok ({count} warnings)"),
    "prepared": (
        "เตรียมคอลัมน์สำหรับการวิเคราะห์แล้ว ({chunks} ส่วน) ใน {seconds} วินาที",
        "prepared the analysis columns ({chunks} chunks) in {seconds} s",
    ),
    "not_prepared": (
        "หมายเหตุ: ยังไม่ได้เตรียมคอลัมน์สำหรับการวิเคราะห์ (จะเตรียมเมื่อวิเคราะห์ครั้งต่อไป)",
        "note: the analysis columns were not prepared ({why})",
    ),
    "bundle_written": (
        "เขียน {path}{whom} แล้ว: {records} ระเบียน {changes} การเปลี่ยนแปลง{lock}",
        "wrote {path}{whom}: {records} records, {changes} changes{lock}",
    ),
    "bundle_for": (" สำหรับ {peer}", " for {peer}"),
    "bundle_locked": (" เข้ารหัสแล้ว", ", encrypted"),
    "bundle_merged": (
        "รวมไฟล์จาก {who} แล้ว: เพิ่ม {added} ปรับปรุง {updated} ไม่เปลี่ยน {unchanged} ขัดแย้ง {conflicts}",
        "merged the bundle from {who}: {added} added, {updated} updated, {unchanged} "
        "unchanged, {conflicts} conflicts",
    ),
    "bundle_would": (
        "ถ้ารวมไฟล์จาก {who}: เพิ่ม {added} ปรับปรุง {updated} ไม่เปลี่ยน {unchanged} "
        "ขัดแย้ง {conflicts} (ยังไม่ได้เปลี่ยนอะไร)",
        "would merge the bundle from {who}: {added} added, {updated} updated, {unchanged} "
        "unchanged, {conflicts} conflicts",
    ),
    "bundle_extras": (
        "  รับบันทึกการประชุม {plans} รายการ และผลการบันทึกซ้ำ {verifications} รายการ ที่ใหม่กว่าในฐานข้อมูลนี้",
        "  {plans} planning notes and {verifications} re-keys (keyer statistics) newer "
        "than this database's taken",
    ),
    "conflict_line": ("  ขัดแย้ง {uuid} {label}: {values}", "  conflict {uuid} {label}: {values}"),
    "no_conflicts": ("ไม่มีคำตอบที่ขัดแย้งกัน", "no conflicts"),
    "conflict_value": (
        "  {n}. {value}  โดย {by} เครื่อง {device} เมื่อ {at}",
        "  {n}. {value}  by {by} on {device} at {at}",
    ),
    "conflict_head": (
        "{uuid}  {record}  {label} ({path})  แสดงอยู่: {shown}",
        "{uuid}  {record}  {label} ({path})  shown: {shown}",
    ),
    "resolved": ("แก้ {path} แล้ว: {value}", "resolved {path}: {value}"),
    "device": ("เครื่อง {device}  ผู้บันทึก {who}", "device {device}  enumerator {who}"),
    "sample_wrote": (
        "เขียน {records} ระเบียน ของ {households} ครัวเรือน ใน {villages} หมู่บ้าน ลงใน {path} แล้ว",
        "wrote {records} records of {households} households in {villages} villages to {path}",
    ),
    "sample_progress": ("  {n} ครัวเรือน", "  {n} households"),
    "wrote": ("เขียน {path} แล้ว", "wrote {path}"),
    "wrote_two": ("เขียน {path} และ {other} แล้ว", "wrote {path} and {other}"),
    "no_results": (
        "ไม่มีระเบียนที่เสร็จหรือตรวจแล้ว{where}{when}",
        "no complete or verified records{where}{when}",
    ),
    "under": (" ในพื้นที่ {area}", " under {area}"),
    "in_round": (" ในรอบ {round}", " in round {round}"),
    "plan_saved": ("บันทึกแล้ว: {indicator} {area} {round}", "saved: {indicator} {area} {round}"),
    "notes": ("บันทึกการประชุม {count} รายการ", "{count} note{s}"),
    "same_key": (
        "รหัสซ้ำ {value} รอบ {round}: {count} ระเบียน",
        "same key {value}, round {round}: {count} records",
    ),
    "same_id": (
        "เลขประจำตัวประชาชนซ้ำ ({field}) {value} รอบ {round}: {count} ระเบียน",
        "same Thai id ({field}) {value}, round {round}: {count} records",
    ),
    "duplicate_groups": ("กลุ่มที่ซ้ำกัน {count} กลุ่ม", "{count} duplicate groups"),
    "rechecked": (
        "ตรวจ {checked} ระเบียน กับแบบสำรวจ {form} รุ่น {version} แล้ว: {verdict}",
        "{checked} records checked against {form} version {version}: {verdict}",
    ),
    "all_pass": ("ผ่านทั้งหมด", "all pass"),
    "no_longer_pass": (
        "ไม่ผ่าน {count} ระเบียน (ปัญหา {problems} รายการ)",
        "{count} no longer pass ({problems} problem{s})",
    ),
    "compared": (
        "เทียบ {fields} คำถาม ต่างกัน {differ} ({rate})",
        "{fields} fields compared, {differ} differ ({rate})",
    ),
    "verified": (
        "{uuid}: ตรวจแล้ว ใช้ค่าของการบันทึก{take}ทุกจุดที่ต่างกัน",
        "{uuid}: verified, taking the {take} value of each mismatch",
    ),
    "first": ("ครั้งแรก", "first"),
    "second": ("ครั้งที่สอง", "second"),
    "keyers_head": ("ผู้บันทึก|ระเบียน|คำถาม|ไม่ตรงกัน|อัตรา", "enumerator|records|fields|mismatches|rate"),
    "unknown_keyer": ("(ไม่ทราบชื่อ)", "(unknown)"),
    "mismatch_head": ("คำถาม|ครั้งแรก|ครั้งที่สอง", "field|first|second"),
    "draft": ("ร่าง", "draft"),
    "complete": ("เสร็จ", "complete"),
    "verified_status": ("ตรวจแล้ว", "verified"),
    "villages_imported": (
        "นำเข้าหมู่บ้าน {villages} แห่ง ใน {tambons} ตำบล ลงใน {path} แล้ว: รายชื่อหมู่บ้านของ {forms}",
        "imported {villages} villages in {tambons} tambons into {path}: the village list of "
        "{forms}",
    ),
    "villages_same": (
        "{forms}: ใช้รายชื่อนี้อยู่แล้ว ({villages} หมู่บ้าน ใน {tambons} ตำบล) ไม่มีอะไรเปลี่ยน",
        "{forms}: already offer this list ({villages} villages in {tambons} tambons); "
        "nothing changed",
    ),
    "villages_listed": (
        "{forms}{count} หมู่บ้าน{where} {source}",
        "{forms}{count} villages{where}, {source}",
    ),
    "in_tambon": (" ในตำบล {tambon}", " in tambon {tambon}"),
    "list_imported": ("นำเข้าเมื่อ {at}", "imported {at}"),
    "list_shipped": (
        "รายชื่อที่มากับแบบสำรวจ (ยังไม่ได้นำเข้ารายชื่อ)",
        "the list the forms ship with (no list imported)",
    ),
    "xlsx_wrote": ("เขียน {path} แล้ว", "wrote {path}"),
    "xlsform_wrote": (
        "เขียน {path} แล้ว: {state} หมายเหตุ {notes} รายการ",
        "wrote {path}: {state}, {notes} note(s)",
    ),
    "xlsform_errors": ("มีข้อผิดพลาด {count} รายการที่ต้องแก้เอง", "{count} error(s) to fix by hand"),
    "xlsform_valid": ("แบบสำรวจที่ถูกต้อง", "a valid form"),
}


def say(key: str, lang: str, **values: object) -> str:
    """One of the CLI's lines in `lang`."""
    th, en = LINES[key]
    return (th if lang == "th" else en).format(**values)


@cache
def _compiled(extra: tuple[tuple[str, str], ...] = ()) -> list[tuple[re.Pattern[str], str]]:
    """Each wording as a pattern whose `{name}` parts match any text, longest first (the
    most specific wording wins)."""
    pairs = [*WORDINGS, *extra]
    pairs += [(texts["en"], texts["th"]) for texts in ANSWER_MESSAGES.values()]
    found = []
    for en, th in sorted(pairs, key=lambda p: -len(p[0])):
        pattern = re.escape(en)
        names: set[str] = set()
        for name in re.findall(r"\\\{(\w+)\\\}", pattern):
            group = f"(?P<{name}>.+?)" if name not in names else f"(?P={name})"
            pattern = pattern.replace(f"\\{{{name}\\}}", group, 1)
            names.add(name)
        found.append((re.compile(pattern + r"\Z", re.S), th))
    return found


def thai(text: str, known: Iterable[tuple[str, str]] = ()) -> str | None:
    """`text` in Thai, or None when a part of it has no known wording. `known` adds
    wordings (a form's own texts: its labels and messages, English to Thai)."""
    pairs = tuple(known)
    exact = dict(pairs)
    if text in exact:
        return exact[text]
    for pattern, th in _compiled(pairs):
        match = pattern.match(text)
        if match is None:
            continue
        shown = match.groupdict().items()  # a part the Thai leaves out is not looked at
        parts = {name: _part(name, value, pairs) for name, value in shown if f"{{{name}}}" in th}
        if all(part is not None for part in parts.values()):
            return _filled(th, {k: v for k, v in parts.items() if v is not None})
    return None


def _filled(template: str, parts: dict[str, str]) -> str:
    """`template` with its `{name}` parts (str.format would stumble on other braces)."""

    def part(match: re.Match[str]) -> str:
        return parts.get(match.group(1), match.group(0))

    return re.sub(r"\{(\w+)\}", part, template)


# Parts that are codes or names of the user's things: carried over as they are, words and all
# (a list of form ids, a choice, a label of the form).
CODE_PARTS = {
    "name", "form", "forms", "peer", "peers", "status", "value", "choices", "example", "a",
    "b", "special", "expected", "label", "indicator", "text", "min", "max", "files", "tables",
    "other", "uuid", "rounds",
}  # fmt: skip
# Parts that are numbers, paths or ids: a wording whose such part holds English words is
# not the one that matched (a shorter wording, one level out, is tried instead).
PLAIN_PARTS = {"path", "file", "key", "count", "n", "col", "typed", "year", "days",
               "area", "round"}  # fmt: skip


def _part(name: str, value: str, known: tuple[tuple[str, str], ...]) -> str | None:
    """A carried-over part: a code as it is; a text without English words as it is; else
    translated (None when it cannot be, or when a plain part holds words)."""
    if name in CODE_PARTS or not has_words(value):
        return value
    if name in PLAIN_PARTS:
        return None
    return thai(value, known)


def form_wordings(form: object) -> tuple[tuple[str, str], ...]:
    """A form's own texts (labels and messages) as wordings, English to Thai, `${name}`
    parts carried over: the messages of its checks read in Thai too."""
    found = []
    for item in getattr(form, "fields", lambda: [])():
        for attr in ("label", "required_message", "constraint_message", "warn_message"):
            text = getattr(getattr(item, attr, None), "by_lang", {})
            if text.get("en") and text.get("th"):
                found.append((_template(text["en"]), _template(text["th"])))
    return tuple(found)


def _template(text: str) -> str:
    """A form text as a wording: `${name}` becomes the part `{name}`, other braces doubled
    away (they are not parts)."""
    text = text.replace("{", "(").replace("}", ")")
    return re.sub(r"\$\((\w+)\)", r"{\1}", text)


WORD = re.compile(r"(?<![\w./\\'`-])[A-Za-z]{3,}(?![\w./\\'`-])")


def has_words(text: str) -> bool:
    """Whether `text` holds English words (not codes, paths, field names or quoted text)."""
    bare = re.sub(r"'[^']*'|`[^`]*`|\S*[/\\.]\S*|--\S+|\b[A-Z0-9_]{2,}\b", " ", text)
    return WORD.search(bare) is not None


def in_lang(text: str, lang: str, known: Iterable[tuple[str, str]] = ()) -> tuple[str, bool]:
    """(the text to print, whether it is in `lang`): English as it is; Thai when every part
    is known, else the English text (a whole line in one language)."""
    if lang != "th":
        return text, True
    found = thai(text, known)
    return (found, True) if found is not None else (text, False)


def error_line(text: str, lang: str, known: Iterable[tuple[str, str]] = ()) -> str:
    """An error for people, `error: ...` or its Thai, each line in one language."""
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        shown, ok = in_lang(line, lang, known)
        lines.append(say("error", lang if ok else "en", text=shown) if not lines else shown)
    return "\n".join(lines)
