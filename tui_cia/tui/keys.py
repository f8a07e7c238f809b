"""The one table of key bindings: id, keys, action, Thai and English description, screen.

Plain keys, Ctrl and F-keys only (Alt is unreliable in Windows terminals). A user keymap
(`keymap.yaml` in the data folder: binding id -> keys) replaces keys by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One binding of the table."""

    id: str
    keys: str
    action: str
    th: str
    en: str
    screen: str
    show: bool = True
    priority: bool = False

    def text(self, lang: str) -> str:
        return self.th if lang == "th" else self.en


KEYS: tuple[Key, ...] = (
    # everywhere
    Key("app.help", "f1", "help", "ช่วยเหลือ", "Help", "app"),
    Key("app.language", "f2", "toggle_language", "ภาษา", "ไทย/EN", "app"),
    Key("app.quit", "ctrl+q", "quit", "ออก", "Quit", "app", priority=True),
    # home
    Key("home.new", "n", "new_record", "ใหม่", "New", "home"),
    Key("home.open", "enter", "open_selected", "เปิด", "Open", "home", show=False),
    Key("home.search", "slash", "focus_search", "ค้นหา", "Search", "home"),
    Key("home.review", "r", "review", "ตรวจทาน", "Review", "home"),
    Key("home.drafts", "d", "focus_drafts", "ร่าง", "Drafts", "home", show=False),
    Key("home.form", "f", "next_form", "แบบ", "Form", "home"),
    Key("home.analysis", "a", "analysis", "วิเคราะห์", "Analysis", "home"),
    Key("home.sync", "s", "sync", "รับส่ง", "Sync", "home"),
    Key("home.conflicts", "c", "conflicts", "ขัดแย้ง", "Conflicts", "home"),
    Key("home.tables", "t", "tables", "ตาราง", "Tables", "home"),
    Key("home.duplicates", "u", "duplicates", "ซ้ำ", "Duplicates", "home"),
    Key(
        "home.context",
        "w",
        "work_context",
        "ผู้บันทึก รอบ และ พื้นที่",
        "Keyer, round and area",
        "home",
        show=False,  # the footer is full at 80 columns: F1 and the palette name it
    ),
    # entry
    Key("entry.next", "enter", "next_field", "ถัดไป", "Next", "entry", show=False),
    Key("entry.next_tab", "tab", "next_field", "ถัดไป", "Next", "entry", show=False, priority=True),
    Key(
        "entry.previous",
        "shift+tab",
        "previous_field",
        "ก่อนหน้า",
        "Back",
        "entry",
        show=False,
        priority=True,
    ),
    # Esc and the roster keys come first, so that 80 columns show them where they work.
    Key("entry.leave", "escape", "leave", "ออก", "Leave", "entry"),
    Key("entry.add_member", "f3", "add_member", "เพิ่มคน", "Add", "entry"),
    Key("entry.insert_member", "f4", "insert_member", "แทรกคน", "Insert", "entry"),
    Key(
        "entry.section_down", "pagedown", "next_section", "หมวดถัดไป", "Section", "entry", show=False
    ),
    Key(
        "entry.section_up",
        "pageup",
        "previous_section",
        "หมวดก่อน",
        "Section back",
        "entry",
        show=False,
    ),
    Key("entry.goto", "f5", "goto_field", "ไปที่ข้อ", "Go to", "entry"),
    Key("entry.dont_know", "f6", "special('dont_know')", "ไม่ทราบ", "Don't know", "entry"),
    Key("entry.refused", "f7", "special('refused')", "ไม่ตอบ", "Refused", "entry"),
    Key(
        "entry.not_applicable",
        "f8",
        "special('not_applicable')",
        "ไม่เกี่ยว",
        "N/A",
        "entry",
        show=False,
    ),
    Key("entry.finish", "f10", "finish", "ตรวจ/เสร็จ", "Finish", "entry"),
    Key("entry.choices", "down", "focus_choices", "รายการ", "List", "entry", show=False),
    Key("entry.toggle", "space", "toggle_choice", "เลือก/ไม่เลือก", "Toggle", "entry", show=False),
    Key("entry.delete_member", "ctrl+d", "delete_member", "ลบคน", "Delete", "entry", priority=True),
    # review
    Key("review.open", "enter", "open_record", "เปิด", "Open", "review", show=False),
    Key("review.edit", "e", "edit_record", "แก้ไข", "Edit", "review"),
    Key("review.history", "h", "history", "ประวัติ", "History", "review"),
    Key("review.verify", "v", "verify", "รับรอง", "Verify", "review"),
    Key("review.rekey", "k", "rekey", "คีย์ซ้ำ", "Re-key", "review"),
    Key("review.delete", "delete", "delete_record", "ลบ", "Delete", "review"),
    Key("review.filter", "slash", "focus_filter", "กรอง", "Filter", "review"),
    Key("review.sort", "s", "cycle_sort", "เรียง", "Sort", "review"),
    Key("review.back", "escape", "back", "กลับ", "Back", "review"),
    # analysis
    Key("analysis.area", "a", "choose_area", "พื้นที่", "Area", "analysis"),
    Key("analysis.round", "r", "choose_round", "รอบ", "Round", "analysis"),
    Key("analysis.radar", "g", "show_radar", "เรดาร์", "Radar", "analysis"),
    Key("analysis.bars", "b", "show_bars", "แท่ง", "Bars", "analysis"),
    Key("analysis.previous", "p", "toggle_previous", "เทียบรอบก่อน", "Previous round", "analysis"),
    Key(
        "analysis.households",
        "enter",
        "failing_households",
        "ครัวเรือนไม่ผ่าน",
        "Failing households",
        "analysis",
        show=False,
    ),
    Key("analysis.plan", "e", "edit_plan", "แผน", "Plan", "analysis"),
    Key("analysis.report", "w", "write_report", "เขียนรายงาน", "Report", "analysis"),
    Key("analysis.back", "escape", "back", "กลับ", "Back", "analysis"),
    # quality screens (duplicates, verify): keys below this line
    Key(
        "duplicates.open",
        "enter",
        "open_record",
        "เปิด",
        "Open",
        "duplicates",
        show=False,
    ),
    Key("duplicates.delete", "delete", "delete_record", "ลบ", "Delete", "duplicates"),
    Key("duplicates.round", "r", "choose_round", "รอบ", "Round", "duplicates"),
    Key("duplicates.recheck", "c", "recheck", "ตรวจซ้ำกับแบบล่าสุด", "Recheck", "duplicates"),
    Key("duplicates.keyers", "k", "keyers", "สถิติผู้คีย์", "Keyers", "duplicates"),
    Key("duplicates.back", "escape", "back", "กลับ", "Back", "duplicates"),
    Key("recheck.open", "enter", "open_record", "เปิด", "Open", "recheck", show=False),
    Key("recheck.back", "escape", "back", "กลับ", "Back", "recheck"),
    Key("keyers.back", "escape", "back", "กลับ", "Back", "keyers"),
    Key("verify.pick", "enter", "pick", "เลือกค่าที่ถูก", "Pick", "verify"),
    Key("verify.back", "escape", "back", "กลับ", "Back", "verify"),
    # end of quality screens
    # tables screen (frequency, cross-tab): keys below this line
    Key("tables.field", "f", "choose_field", "เลือกข้อ", "Field", "tables"),
    Key("tables.by", "b", "choose_by", "แยกตาม", "By", "tables"),
    Key("tables.round", "r", "choose_round", "รอบ", "Round", "tables"),
    Key(
        "tables.records",
        "enter",
        "cell_records",
        "ครัวเรือนในช่อง",
        "Cell records",
        "tables",
        show=False,
    ),
    Key("tables.percent", "p", "cycle_percent", "ร้อยละ", "Percent", "tables"),
    Key("tables.bins", "n", "choose_bins", "กลุ่มตัวเลข", "Bins", "tables"),
    Key("tables.xlsx", "x", "write_xlsx", "บันทึก XLSX", "Save XLSX", "tables"),
    Key("tables.back", "escape", "back", "กลับ", "Back", "tables"),
    # end of tables screen
    # history
    Key("history.back", "escape", "back", "กลับ", "Back", "history"),
    # sync
    Key("sync.export", "e", "export_bundle", "ส่งออก", "Export", "sync"),
    Key("sync.import", "i", "import_bundle", "รับเข้า", "Import", "sync"),
    Key("sync.check", "d", "check_bundle", "ตรวจไฟล์", "Check a bundle", "sync"),
    Key("sync.conflicts", "c", "conflicts", "ขัดแย้ง", "Conflicts", "sync"),
    Key("sync.back", "escape", "back", "กลับ", "Back", "sync"),
    # conflicts
    Key("conflicts.resolve", "enter", "resolve", "เลือกค่า", "Resolve", "conflicts", show=False),
    Key("conflicts.history", "o", "history", "ประวัติ", "History", "conflicts"),
    Key("conflicts.back", "escape", "back", "กลับ", "Back", "conflicts"),
)


def bindings(screen: str) -> list[BindingType]:
    """The Textual bindings of one screen, described in English until localized; F1 (the
    app's help) comes first, so that a narrow terminal's footer still shows it."""
    help_key = next(k for k in KEYS if k.id == "app.help")
    first: BindingType = Binding(
        help_key.keys, f"app.{help_key.action}", help_key.en, id=help_key.id
    )
    return [first] + [
        Binding(with_thai(k.keys), k.action, k.en, show=k.show, id=k.id, priority=k.priority)
        for k in KEYS
        if k.screen == screen
    ]


# The Thai Kedmanee layout: the character each unshifted key gives while the keyboard is in
# Thai, so that `r` (review) also answers to พ, the same key, without switching to English.
KEDMANEE = dict(
    zip(
        "qwertyuiop[]asdfghjkl;'zxcvbnm,./",
        "ๆไำพะัีรนยบลฟหกดเ้่าสวงผปแอิืทมใฝ",
        strict=True,
    )
)
KEY_NAMES = {"slash": "/"}


def with_thai(keys: str) -> str:
    """`keys` and, for each plain letter (or /) among them, the key the Thai layout gives
    there: "r" -> "r,พ"; F-keys and Ctrl combinations are the same in both layouts."""
    from textual.keys import _character_to_key  # Textual's name for a key's character

    out = keys.split(",")
    for key in list(out):
        thai = KEDMANEE.get(KEY_NAMES.get(key, key))
        if thai is not None:
            out.append(_character_to_key(thai))
    return ",".join(out)


def for_screen(screen: str) -> list[Key]:
    return [k for k in KEYS if k.screen in (screen, "app")]


def description(binding_id: str | None, lang: str, fallback: str) -> str:
    for key in KEYS:
        if key.id == binding_id:
            return key.text(lang)
    return fallback


def load_keymap(path: Path) -> dict[str, str]:
    """The user's keymap file (binding id: keys); a bad file is ignored, never fatal."""
    if not path.is_file():
        return {}
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return {}
    known = {k.id for k in KEYS}
    return {str(k): str(v) for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
