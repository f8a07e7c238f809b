"""Small dialogs: confirm, reason for an edit, go to a field, help for the current screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import for_screen, with_thai
from tui_cia.tui.widgets.thai_input import ThaiInput

HELP_TEXT: dict[str, tuple[str, str]] = {
    "home": (
        "หน้าแรก: ตารางหมู่บ้านแสดงจำนวนแบบสอบถามแต่ละสถานะ กด n เพื่อเริ่มครัวเรือนใหม่ "
        "กด / เพื่อค้นหาบ้านเลขที่หรือชื่อ กด Enter เพื่อเปิดรายการที่เลือก d ไปที่ฉบับร่าง "
        "r ตรวจทาน (แก้ไข รับรอง คีย์ซ้ำ) a วิเคราะห์ CIA และรายงาน t ตารางความถี่ "
        "u แบบสอบถามซ้ำ และ การตรวจคุณภาพ s รับส่งข้อมูล c ข้อขัดแย้ง f แบบสอบถามอื่น "
        "w ผู้บันทึก รอบ และ พื้นที่ (ใส่ครั้งเดียว ใช้กับครัวเรือนใหม่ทุกครัวเรือน) "
        "Ctrl+P ค้นหาคำสั่งทั้งหมด",
        "Home: the village table counts records by status. n starts a new household, / "
        "searches house numbers and names, Enter opens the selected record, d goes to the "
        "drafts. r reviews (edit, verify, re-key), a analyses (CIA, the meeting report), t "
        "counts answers in tables, u lists duplicates and checks quality, s syncs, c shows "
        "conflicts, f switches form. w sets the keyer, round and area (given once, used by "
        "every new household). Ctrl+P finds any command.",
    ),
    "entry": (
        "กรอกข้อมูล: พิมพ์คำตอบแล้วกด Enter หรือ Tab เพื่อไปข้อถัดไป Shift+Tab ย้อนกลับ "
        "ข้อที่มีตัวเลือก พิมพ์ตัวเลข ที่แสดงหน้าตัวเลือก (เลือกหลายข้อ: เว้นวรรคระหว่างตัวเลข "
        "หรือ ลูกศรลง แล้ว Space ติ๊ก Enter รับ) หรือ พิมพ์ชื่อเพื่อค้นหา "
        "คำตอบถูกบันทึกทันทีที่ออกจากข้อ Esc ออก (เก็บร่าง) F10 ตรวจความครบถ้วน "
        "Enter บนปัญหา ไปที่ข้อนั้น วันที่พิมพ์เป็น วว/ดด/ปปปป พ.ศ.",
        "Entry: type the answer and press Enter or Tab to move on, Shift+Tab to go back. "
        "For a list, type the number shown before a choice (several numbers with spaces "
        "between them for a multiple choice, or Down, Space to tick, Enter to accept), or "
        "type a name to find it. Each answer is saved as you leave the field. Esc leaves "
        "(the draft is kept). F10 checks the record; Enter on a problem goes to it. Dates "
        "are dd/mm/yyyy in the Buddhist era.",
    ),
    "review": (
        "ตรวจทาน: เลือกแบบสอบถามแล้วกด E แก้ไข (ต้องใส่เหตุผล) H ดูประวัติ V รับรอง "
        "Delete ลบ / กรองตามหมู่บ้าน รอบ หรือสถานะ S เปลี่ยนการเรียง",
        "Review: pick a record, E edits it (a reason is asked), H shows its history, V verifies, "
        "Delete deletes. / filters by village, round or status; S changes the sort.",
    ),
    "history": (
        "ประวัติ: หนึ่งแถว ต่อ หนึ่งการแก้ไข ใคร เมื่อไร (พ.ศ.) ข้อใด ค่าเดิม → ค่าใหม่ "
        "และ เหตุผล เลื่อนแถวเพื่อดูการแก้ไขนั้นเต็ม ๆ และ ข้อมูลทั้งแบบ ณ ครั้งนั้น "
        "Tab เข้าไปเลื่อนดูข้อมูล Esc กลับ",
        "History: one row per change: who, when (Buddhist Era), which question, old → new "
        "and the reason. Move to a row to see that change whole and the record as it was "
        "then; Tab moves into the record to scroll it; Esc goes back.",
    ),
    "sync": (
        "รับส่งข้อมูล: ส่งข้อมูลให้เครื่องอื่น เป็นไฟล์ (USB แชร์โฟลเดอร์ หรือ แอปแชท) "
        "กด E ส่งออก (ทั้งหมด หรือ เฉพาะที่เครื่องนั้น ยังไม่มี) ใส่รหัสผ่านได้ ถ้าต้องการ "
        "กด I รับไฟล์เข้า กด D ตรวจไฟล์ โดยยังไม่รับเข้า ไฟล์ที่เสียหาย จะถูกปฏิเสธ "
        "และฐานข้อมูล ไม่เปลี่ยนแปลง กด C ดูข้อมูลขัดแย้ง",
        "Sync: carry records to another laptop as a file (USB stick, shared folder, chat app). "
        "E exports (everything, or only what a known peer lacks), with an optional passphrase. "
        "I imports a bundle; D checks one without importing. A damaged file is refused and "
        "the database is left as it was. C shows the conflicts.",
    ),
    "conflicts": (
        "ข้อมูลขัดแย้ง: คำตอบเดียวกัน ถูกแก้เป็นค่าต่างกัน บนสองเครื่อง เลือกแถวแล้วกด Enter "
        "เพื่อเลือกค่าที่ถูกต้อง หรือ พิมพ์ค่าใหม่ ต้องใส่เหตุผล ซึ่งจะเก็บไว้ในประวัติ "
        "กด O ดูประวัติของแบบสอบถาม",
        "Conflicts: the same answer was changed to different values on two laptops. Pick a row "
        "and press Enter to choose the right value or type another; a reason is asked and kept "
        "in the history. O shows the record's history.",
    ),
    "analysis": (
        "วิเคราะห์ (CIA): ร้อยละที่ผ่านของแต่ละตัวชี้วัด และ เรดาร์ห้าด้าน ของตำบลหรือหมู่บ้าน "
        "เทียบกับรอบก่อน G เรดาร์ B กราฟแท่ง P แสดง/ซ่อนรอบก่อน A เลือกพื้นที่ R เลือกรอบ "
        "Enter บนตัวชี้วัด ดูครัวเรือนที่ไม่ผ่าน Enter อีกครั้ง เปิดครัวเรือน ที่ข้อที่ไม่ผ่าน "
        "E บันทึกแผน (สาเหตุ โครงการ หน่วยงาน) W เขียนรายงานการประชุม เป็นไฟล์ HTML "
        "และ ภาคผนวก รายชื่อครัวเรือนเป้าหมาย เปิดด้วยเบราว์เซอร์แล้วพิมพ์",
        "Analysis (CIA): each indicator's pass rate and the five-dimension radar of a tambon or "
        "village, beside the round before. G radar, B bars, P the round before on or off, A "
        "another area, R another round. Enter on an indicator lists its failing households; E "
        "writes its planning note (cause, project, agency); Enter on a household opens it at "
        "the answer that fails. W writes the meeting report as an HTML file, with the "
        "target-household lists in an annex file, to open in a browser and print.",
    ),
    # quality screens (duplicates, verify): help below this line
    "duplicates": (
        "แบบสอบถามซ้ำ: ครัวเรือนที่คีย์สองครั้ง (รหัสบ้านและรอบเดียวกัน) และ "
        "เลขประจำตัวประชาชนเดียวกัน ในสองครัวเรือนของรอบเดียวกัน หนึ่งแถวต่อหนึ่งแบบสอบถาม "
        "Enter เปิดแบบสอบถาม เพื่อแก้ไข   Delete ลบแบบที่ผิด (ต้องใส่เหตุผล)   "
        "R เลือกรอบ   C ตรวจแบบสอบถามที่เสร็จแล้ว กับแบบสอบถามรุ่นล่าสุด   "
        "K สถิติผู้คีย์ (จากการคีย์ซ้ำ)   Esc กลับ",
        "Duplicates: households keyed twice (the same key and round) and one Thai id in two "
        "households of a round, one row per record. Enter opens a record to correct it; "
        "Delete removes the wrong one (a reason is asked); R picks the round; C rechecks the "
        "complete records against the current form version; K shows the keyer statistics "
        "of the re-keys; Esc goes back.",
    ),
    "recheck": (
        "ตรวจซ้ำ: แบบสอบถามที่เสร็จหรือรับรองแล้ว ซึ่งไม่ผ่านการตรวจของแบบสอบถามรุ่นล่าสุด "
        "(ไม่มีการแก้ไขใดๆ) Enter เปิดแบบสอบถาม ที่ปัญหาแรก   Esc กลับ",
        "Recheck: the complete and verified records the current form version does not pass "
        "(nothing is changed). Enter opens a record at its first problem; Esc goes back.",
    ),
    "keyers": (
        "สถิติผู้คีย์: ต่อผู้คีย์ จำนวนแบบสอบถามที่ถูกคีย์ซ้ำ ข้อที่เทียบ และ อัตราที่ไม่ตรงกัน Esc กลับ",
        "Keyer statistics: per enumerator, the records re-keyed, the fields compared and the "
        "share that did not match. Esc goes back.",
    ),
    "verify": (
        "คีย์ซ้ำ: ข้อที่การคีย์ครั้งแรกกับครั้งที่สองไม่ตรงกัน เลือกแถวแล้วกด Enter "
        "เพื่อเลือกค่าที่ถูกต้อง (ครั้งแรก ครั้งที่สอง หรือ พิมพ์ค่าอื่น) จำนวนสมาชิกที่ต่างกัน "
        "ต้องเลือกก่อนข้อของสมาชิก เมื่อครบทุกข้อ แบบสอบถามจะถูกรับรอง Esc กลับ",
        "Re-key: the fields the first and the second keying differ on. Pick a row and press "
        "Enter to choose the right value (first, second, or type another); a member count "
        "that differs is settled before the members' answers. Once every one is settled the "
        "record is verified. Esc goes back.",
    ),
    # end of quality screens
    # tables screen (frequency, cross-tab): help below this line
    "tables": (
        "ตารางความถี่: นับคำตอบของข้อหนึ่ง (ครัวเรือน หรือ คน) แยกตามหมู่บ้าน ตำบล รอบสำรวจ "
        "หรือ ข้ออื่น นับเฉพาะแบบสอบถามที่เสร็จหรือรับรองแล้ว กด F เลือกข้อ B เลือกว่าจะแยกตามอะไร "
        "R เลือกรอบ P แสดงร้อยละ (ของแถว ของคอลัมน์ ของทั้งหมด) N แบ่งตัวเลขเป็นกี่กลุ่ม "
        "Enter บนช่อง ดูแบบสอบถามในช่องนั้น แล้วเลือกเพื่อเปิด "
        "X บันทึกตารางเป็นไฟล์ XLSX ในโฟลเดอร์ของฐานข้อมูล",
        "Tables: count the answers of one field (households or persons) by village, tambon, "
        "round or another field; only complete and verified records count. F chooses the "
        "field, B what to cross it by, R the round, P percents (of the row, the column, "
        "all), N how many groups a number is cut into. Enter on a cell lists its records; pick "
        "one to open it. X writes the table to an XLSX file in the database's folder.",
    ),
    # end of tables screen
}


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; Y or Enter says yes, N or Esc says no."""

    BINDINGS = [  # y and n in the Thai layout too
        Binding(with_thai("y"), "answer(True)", show=False),
        Binding("enter", "answer(True)", show=False),
        Binding(with_thai("n"), "answer(False)", show=False),
        Binding("escape", "answer(False)", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="title")  # a long question wraps
            yield Static(f"{t('confirm.yes', lang)}    {t('confirm.no', lang)}", classes="muted")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ReasonScreen(ModalScreen[str | None]):
    """Asks why a record is being edited; the reason goes into history."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        with Vertical(classes="dialog"):
            yield Label(t("reason.title", lang), classes="title")
            yield ThaiInput(id="reason")
            yield Static(t("reason.hint", lang), classes="muted")

    def on_input_submitted(self, event: ThaiInput.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextInputScreen(ModalScreen[str | None]):
    """One line of text (a file name, a value, a passphrase); Enter gives it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, title: str, initial: str = "", *, password: bool = False, hint: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.password = password
        self.hint = hint

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="title")
            yield ThaiInput(self.initial, password=self.password, id="text")
            yield Static(self.hint or t("text.hint", lang), classes="muted")

    def on_input_submitted(self, event: ThaiInput.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


TYPED_SECONDS = 1.5  # a pause this long between keys starts a new search in a pick list


class PickScreen(ModalScreen[Any]):
    """A list to pick from (go to a field, a problem to fix); Enter picks, Esc closes, and
    typing finds an option by its text."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, options: list[tuple[str, Any]]) -> None:
        super().__init__()
        self.title_text = title
        self.values = [value for _, value in options]
        self.labels = [label for label, _ in options]
        self.folded = [label.casefold() for label in self.labels]  # what typing is matched on
        self.typed = ""  # what was typed to find an option
        self.typed_at = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="title", id="pick-title")
            yield OptionList(*[Option(label) for label in self.labels], id="pick")

    def on_key(self, event: events.Key) -> None:
        """Typing finds an option: the first, from the highlighted one on, whose text starts
        with what was typed, else holds it (a pause of a second and a half starts a new
        search); Backspace takes a character back."""
        import time

        if event.key == "backspace" and self.typed:
            self.typed = self.typed[:-1]
        elif event.is_printable and event.character and event.key != "space":
            fresh = time.monotonic() - self.typed_at > TYPED_SECONDS
            self.typed = ("" if fresh else self.typed) + event.character
        else:
            return
        event.stop()
        self.typed_at = time.monotonic()
        self.query_one("#pick-title", Label).update(
            f"{self.title_text}   / {self.typed}" if self.typed else self.title_text
        )
        self._find()

    def _find(self) -> None:
        options = self.query_one("#pick", OptionList)
        start = options.highlighted or 0
        wanted = self.typed.casefold()
        order = list(range(start, len(self.labels))) + list(range(start))
        for found in (str.startswith, str.__contains__):  # an option that starts so, first
            for index in order:
                if wanted and found(self.folded[index], wanted):
                    options.highlighted = index
                    return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.values[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


ALL_ROUNDS = "_all_rounds"  # the pick of every round


def pick_round(screen: Any, rounds: list[int], then: Callable[[int | None], object]) -> None:
    """Ask which survey round (or all of them); `then` gets it (None: all), unless Esc."""

    def picked(value: int | str | None) -> None:
        if value is not None:
            then(None if value == ALL_ROUNDS else int(value))

    lang = screen.lang
    options: list[tuple[str, Any]] = [(t("tables.all_rounds", lang), ALL_ROUNDS)]
    options += [(str(r), r) for r in rounds]
    screen.app.push_screen(PickScreen(t("tables.round", lang), options), picked)


def about(lang: str) -> str:
    """The version and the credits the area lists' licence asks for."""
    from tui_cia import __version__
    from tui_cia.survey.areas import about_text

    return about_text(__version__, lang).strip()


class HelpScreen(ModalScreen[None]):
    """F1: what this screen is for and the keys that work on it."""

    BINDINGS = [Binding("escape,f1,q", "close", show=False)]

    def __init__(self, screen_id: str) -> None:
        super().__init__()
        self.screen_id = screen_id

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        th, en = HELP_TEXT.get(self.screen_id, ("", ""))
        keys = "\n".join(f"{k.keys:>12}  {k.text(lang)}" for k in for_screen(self.screen_id))
        with Vertical(classes="dialog"):
            yield Label(t("help.title", lang), classes="title")
            yield Static(th if lang == "th" else en)
            yield Label(t("help.keys", lang), classes="title")
            yield Static(keys, id="help-keys")
            yield Label("เกี่ยวกับ" if lang == "th" else "About", classes="title")
            yield Static(about(lang), id="help-about")

    def action_close(self) -> None:
        self.dismiss(None)
