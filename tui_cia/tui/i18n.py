"""The app's own words in Thai and English (form texts come from the forms)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("tui-cia ข้อมูล จปฐ. และ CIA", "tui-cia BMN data and CIA"),
    "home.areas": ("หมู่บ้าน และ รอบสำรวจ", "Villages and rounds"),
    "home.drafts": ("ฉบับร่าง ที่ยังไม่เสร็จ", "Drafts to finish"),
    "home.recent": ("แก้ไขล่าสุด", "Recently changed"),
    "home.search": ("ค้นหา บ้านเลขที่ หรือ ชื่อ", "Search house number or name"),
    "home.loading": ("กำลังเปิดฐานข้อมูล…", "Opening the database…"),
    "home.no_form": ("ยังไม่มีแบบสอบถาม ในฐานข้อมูล", "No form in this database yet"),
    "col.village": ("หมู่บ้าน", "Village"),
    "col.round": ("รอบ", "Round"),
    "col.draft": ("ร่าง", "Draft"),
    "col.complete": ("เสร็จ", "Complete"),
    "col.verified": ("รับรอง", "Verified"),
    "col.record": ("ครัวเรือน", "Household"),
    "col.status": ("สถานะ", "Status"),
    "col.changed": ("แก้ไขเมื่อ", "Changed"),
    "col.by": ("โดย", "By"),
    "entry.position": ("ข้อ {i} จาก {n}", "Question {i} of {n}"),
    "entry.calculated": ("คำนวณอัตโนมัติ", "Calculated"),
    "entry.read_only": ("แก้ไขไม่ได้", "Read-only"),
    "entry.roster_hint": (
        "Enter เข้าไปกรอก  F3 เพิ่มคน  F4 แทรก  Ctrl+D ลบ",
        "Enter to fill in  F3 add  F4 insert  Ctrl+D delete",
    ),
    "entry.confirm_warning": ("กด Enter อีกครั้ง เพื่อยืนยัน", "Press Enter again to confirm"),
    "entry.saved": ("บันทึกแล้ว", "Saved"),
    "entry.end": ("จบแบบสอบถาม: กด F10 เพื่อตรวจและบันทึกเสร็จ", "End of form: F10 to finish"),
    "entry.special": ("คำตอบพิเศษ", "Special answer"),
    "finish.title": ("ตรวจก่อนบันทึกเสร็จ", "Check before completing"),
    "finish.missing": ("ยังไม่ได้ตอบ หรือ ยังผิด", "Unanswered or wrong"),
    "finish.warnings": ("คำเตือน ที่ยืนยันแล้ว", "Confirmed warnings"),
    "finish.failing": ("ตัวชี้วัด ที่ไม่ผ่าน", "Indicators failed"),
    "finish.complete": ("บันทึกเสร็จ (Ctrl+S)", "Complete (Ctrl+S)"),
    "finish.ready": ("ครบถ้วน พร้อมบันทึกเสร็จ", "All answered: ready to complete"),
    "finish.none": ("ไม่มี", "None"),
    "confirm.yes": ("ใช่ (Y)", "Yes (Y)"),
    "confirm.no": ("ไม่ (N)", "No (N)"),
    "confirm.delete_member": ("ลบ {name} ออกจากครัวเรือน?", "Remove {name} from the household?"),
    "confirm.delete_record": ("ลบแบบสอบถาม {name}?", "Delete record {name}?"),
    "reason.title": ("เหตุผลที่แก้ไข", "Reason for the change"),
    "reason.hint": ("พิมพ์เหตุผล แล้วกด Enter (Esc ยกเลิก)", "Type a reason, Enter (Esc cancels)"),
    "goto.title": ("ไปที่ข้อ", "Go to question"),
    "help.title": ("ช่วยเหลือ", "Help"),
    "help.keys": ("ปุ่มที่ใช้ได้", "Keys"),
    "review.title": ("ตรวจทานข้อมูล", "Review records"),
    "review.filter": ("กรอง: หมู่บ้าน รอบ สถานะ", "Filter: village, round, status"),
    "analysis.title": ("วิเคราะห์ข้อมูล CIA", "CIA analysis"),
    "analysis.working": ("กำลังคำนวณ…", "Computing…"),
    "analysis.none": ("ยังไม่มีแบบสอบถามที่เสร็จแล้ว", "No complete records yet"),
    "analysis.area": ("เลือกพื้นที่", "Choose an area"),
    "analysis.round": ("เลือกรอบสำรวจ", "Choose a survey round"),
    "analysis.failing": ("ครัวเรือนที่ไม่ผ่าน ข้อ {n}", "Households failing indicator {n}"),
    "history.title": ("ประวัติการแก้ไข", "Edit history"),
    "text.hint": ("กด Enter เพื่อตกลง  Esc ยกเลิก", "Enter to accept, Esc cancels"),
    "sync.title": ("รับส่งข้อมูล", "Sync"),
    "sync.this": (
        "เครื่องนี้: {device}   ผู้กรอก: {enumerator}",
        "This laptop: {device}   enumerator: {enumerator}",
    ),
    "sync.peers": ("เครื่องที่ เคยรับข้อมูลมา", "Known peers"),
    "sync.col.name": ("ผู้กรอก", "Name"),
    "sync.col.device": ("เครื่อง", "Device"),
    "sync.col.heard": ("รับล่าสุด", "Last heard"),
    "sync.hint": ("E ส่งออก   I รับเข้า   D ตรวจไฟล์", "E export   I import   D check a bundle"),
    "sync.everything": ("ทั้งหมด", "Everything"),
    "sync.for_peer": ("เฉพาะที่ {name} ยังไม่มี", "What {name} lacks"),
    "sync.pick": ("ส่งออก ให้ใคร", "Export for whom"),
    "sync.out": ("บันทึก ไฟล์ส่งออก ที่", "Save the bundle as"),
    "sync.secret": ("รหัสผ่าน (เว้นว่าง = ไม่เข้ารหัส)", "Passphrase (empty = not encrypted)"),
    "sync.file": ("ไฟล์ ที่จะรับเข้า", "Bundle to import"),
    "sync.check_file": ("ไฟล์ ที่จะตรวจ (ยังไม่รับเข้า)", "Bundle to check (not imported)"),
    "sync.ask_secret": ("ไฟล์นี้ เข้ารหัสไว้: ใส่รหัสผ่าน", "This bundle is encrypted: passphrase"),
    "sync.working": ("กำลังทำงาน…", "Working…"),
    "sync.busy": ("รอให้ งานที่ทำอยู่ เสร็จก่อน", "Wait for the current work to finish"),
    "sync.exported": (
        "ส่งออกแล้ว: {records} ครัวเรือน  {changes} การแก้ไข\n{path}",
        "Exported: {records} records, {changes} changes\n{path}",
    ),
    "sync.encrypted": ("(เข้ารหัส)", "(encrypted)"),
    "sync.imported": ("รับเข้าแล้ว จาก {sender}", "Imported from {sender}"),
    "sync.checked": ("ตรวจแล้ว (ยังไม่รับเข้า) จาก {sender}", "Checked (not imported), from {sender}"),
    "sync.counts": (
        "เพิ่มใหม่ {added}   ปรับปรุง {updated}   เหมือนเดิม {unchanged}   ขัดแย้ง {conflicts}",
        "added {added}   updated {updated}   unchanged {unchanged}   conflicts {conflicts}",
    ),
    "sync.refused": ("ไม่รับไฟล์นี้: {why}", "Refused: {why}"),
    "sync.failed": ("ทำไม่สำเร็จ: {why}", "Failed: {why}"),
    "conflicts.title": ("ข้อมูลขัดแย้ง", "Conflicts"),
    "conflicts.none": ("ไม่มีข้อมูลขัดแย้ง", "No conflicts"),
    "conflicts.count": ("ข้อมูลขัดแย้ง {n} รายการ", "{n} conflicts"),
    "conflicts.col.record": ("ครัวเรือน", "Record"),
    "conflicts.col.field": ("ข้อ", "Field"),
    "conflicts.col.here": ("ค่าที่นี่", "Here"),
    "conflicts.col.others": ("ค่าอื่น (ใคร เมื่อไร)", "Other values (who, when)"),
    "conflicts.hint": (
        "Enter เลือกค่า ที่ถูกต้อง   O ดูประวัติ",
        "Enter: choose the right value   O: history",
    ),
    "conflicts.pick": ("ค่าที่ถูกต้อง ของ {label}", "The right value of {label}"),
    "conflicts.laptop": ("เครื่อง", "laptop"),
    "conflicts.type": ("พิมพ์ ค่าอื่น…", "Type another value…"),
    "conflicts.typed": ("ค่าใหม่ ของ {label}", "New value of {label}"),
    "conflicts.resolved": ("แก้ข้อขัดแย้งแล้ว: {label} = {value}", "Resolved: {label} = {value}"),
    # quality screens (duplicates, verify): texts below this line
    # end of quality screens
    # tables screen (frequency, cross-tab): texts below this line
    # end of tables screen
    # planning notes (analysis screen): texts below this line
    # end of planning notes
    "status.draft": ("ร่าง", "draft"),
    "status.complete": ("เสร็จ", "complete"),
    "status.verified": ("รับรอง", "verified"),
}


def t(key: str, lang: str, **values: object) -> str:
    """A text in the language, with {placeholders} filled."""
    th, en = TEXTS.get(key, (key, key))
    text = th if lang == "th" else en
    return text.format(**values) if values else text
