"""The library's English messages as they are worded, each with its Thai: `{name}` parts are
carried over (tui_cia.wordings matches and fills them)."""

from __future__ import annotations

# Library wordings (English) and their Thai; `{name}` parts are carried over.
WORDINGS: tuple[tuple[str, str], ...] = (
    ("no such file: {path}", "ไม่พบไฟล์ {path}"),
    ("no such bundle file: {path}", "ไม่พบไฟล์ชุดข้อมูล {path}"),
    ("no form file {path}", "ไม่พบไฟล์แบบสำรวจ {path}"),
    (
        "the database has no form '{form}'; known forms: {forms}",
        "ฐานข้อมูลไม่มีแบบสำรวจ '{form}' (ที่มี: {forms})",
    ),
    ("{path} is a folder: give the database file's path", "{path} เป็นโฟลเดอร์: ระบุไฟล์ฐานข้อมูล"),
    ("{path} is not a tui-cia database ({why})", "{path} ไม่ใช่ฐานข้อมูลของ tui-cia"),
    ("no such field in this part of the form", "ไม่มีคำถามนี้ในส่วนนี้ของแบบสำรวจ"),
    ("appears twice in this file", "ซ้ำกันสองครั้งในไฟล์นี้"),
    (
        "is already in the database (use a bundle to sync)",
        "มีอยู่แล้วในฐานข้อมูล (รับส่งข้อมูลระหว่างเครื่องด้วยไฟล์ชุดข้อมูลแทน)",
    ),
    ("not UTF-8 text: save the file as UTF-8", "ไม่ใช่ข้อความ UTF-8: บันทึกไฟล์เป็น UTF-8"),
    ("{name}: not UTF-8 text: save it as CSV UTF-8", "{name}: ไม่ใช่ข้อความ UTF-8: บันทึกเป็น CSV UTF-8"),
    ("not valid JSON ({why} at column {col})", "ไม่ใช่ JSON ที่ถูกต้อง (ที่คอลัมน์ {col})"),
    (
        "each line must be one JSON object (a record)",
        "แต่ละบรรทัดต้องเป็น JSON หนึ่งชุด (หนึ่งระเบียน)",
    ),
    (
        "'{status}' is not draft, complete or verified",
        "สถานะ '{status}' ใช้ไม่ได้ (ใช้ได้: 'draft' 'complete' 'verified')",
    ),
    ("a record needs data: an object of answers", "ระเบียนต้องมี 'data' ซึ่งเก็บคำตอบ"),
    ("this record is of form '{a}', not '{b}'", "ระเบียนนี้เป็นของแบบสำรวจ '{a}' ไม่ใช่ '{b}'"),
    ("members of {key} match no household row", "สมาชิกของ {key} ไม่ตรงกับครัวเรือนใดในไฟล์"),
    ("form '{form}' has no roster", "แบบสำรวจ '{form}' ไม่มีรายชื่อสมาชิก"),
    (
        "cannot export to {path}: it is a file, not a folder",
        "ส่งออกไปที่ {path} ไม่ได้: เป็นไฟล์ ไม่ใช่โฟลเดอร์",
    ),
    (
        "{name} is not a tui-cia bundle, or it was cut short on the way: copy it again",
        "{name} ไม่ใช่ไฟล์ชุดข้อมูลของ tui-cia หรือไฟล์ขาดหายระหว่างทาง: คัดลอกมาใหม่",
    ),
    (
        "no bundle from '{peer}' has been imported here, so what it has is unknown; known "
        "peers: {peers}. Use --all to send everything.",
        "ยังไม่เคยนำเข้าไฟล์ชุดข้อมูลจาก '{peer}' จึงไม่รู้ว่าปลายทางมีข้อมูลใดแล้ว "
        "(เครื่องที่รู้จัก: {peers}) ใช้ --all เพื่อส่งทั้งหมด",
    ),
    (
        "{path} is a folder: give the bundle's file name, e.g. {example}",
        "{path} เป็นโฟลเดอร์: ระบุชื่อไฟล์ชุดข้อมูล เช่น {example}",
    ),
    (
        "'{uuid}' names {count} records with conflicts: see tui-cia conflicts list",
        "'{uuid}' ตรงกับ {count} ระเบียนที่มีคำตอบขัดแย้ง: ดูด้วยคำสั่ง 'tui-cia conflicts list'",
    ),
    ("that value cannot be the answer: {why}", "ใช้ค่านี้เป็นคำตอบไม่ได้: {why}"),
    (
        "record {uuid} has no conflict at {path}: see tui-cia conflicts list",
        "ระเบียน {uuid} ไม่มีคำตอบขัดแย้งที่ {path}: ดูด้วยคำสั่ง 'tui-cia conflicts list'",
    ),
    ("choose a value from 1 to {n}, or type one", "เลือกค่าหมายเลข 1 ถึง {n} หรือพิมพ์ค่าใหม่"),
    (
        "{path} exists; choose another --out or add --force",
        "มี {path} อยู่แล้ว: เลือก --out อื่น หรือเพิ่ม --force",
    ),
    (
        "area {area} has no records of form {form}: check --area",
        "พื้นที่ {area} ไม่มีระเบียนของแบบสำรวจ {form}: ตรวจ --area",
    ),
    ("{file}: not a JSON file ({why})", "{file}: ไม่ใช่ไฟล์ JSON"),
    (
        "no complete or verified records for area {area} in that round",
        "ไม่มีระเบียนที่เสร็จหรือตรวจแล้วของพื้นที่ {area} ในรอบนั้น",
    ),
    (
        "'{value}': no such indicator in the form (give its number, e.g. 20)",
        "'{value}': ไม่มีตัวชี้วัดนี้ในแบบสำรวจ (ระบุหมายเลข เช่น 20)",
    ),
    (
        "area {area} has no records of round {round} (its rounds: {rounds}): check --round",
        "พื้นที่ {area} ไม่มีระเบียนของรอบ {round} (รอบที่มี: {rounds}): ตรวจ --round",
    ),
    ("type the date as dd/mm/yyyy, e.g. {example}", "พิมพ์วันที่เป็น วว/ดด/ปปปป เช่น {example}"),
    (
        "{typed} is not a date: {month} {year} has {days} days",
        "ไม่มีวันที่ {typed}: เดือน{month} {year} มี {days} วัน",
    ),
    ("{typed} is not a date: there is no month {month}", "ไม่มีวันที่ {typed}: ไม่มีเดือนที่ {month}"),
    ("{typed} is not a date: the year {year} is too early", "ไม่มีวันที่ {typed}: ปี {year} เก่าเกินไป"),
    ("'{text}' is not a date in the form YYYY-MM-DD", "'{text}' ไม่ใช่วันที่แบบ YYYY-MM-DD"),
    *zip(
        "January February March April May June July August September October November "
        "December".split(),
        "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม "
        "พฤศจิกายน ธันวาคม".split(),
        strict=True,
    ),
    ("exported to {path}: {files}", "ส่งออกไปที่ {path} แล้ว: {files}"),
    ("rows per table: {tables}", "จำนวนแถวของแต่ละตาราง: {tables}"),
    (
        "{file}: label of {name} cut to {n} characters",
        "{file}: ป้ายชื่อของ {name} ถูกตัดเหลือ {n} ตัวอักษร",
    ),
    ("{file}: variable {name} ({why}) renamed {other}", "{file}: ตัวแปร {name} เปลี่ยนชื่อเป็น {other}"),
    # bundles: reading, checking and merging (tui_cia.sync)
    (
        "no folder {path}: create it first or choose another place",
        "ไม่มีโฟลเดอร์ {path}: สร้างโฟลเดอร์ก่อน หรือเลือกที่อื่น",
    ),
    (
        "the manifest says {expected} records but the bundle holds {count}",
        "รายการในไฟล์ชุดข้อมูลบอกว่ามี {expected} ระเบียน แต่มีอยู่จริง {count}: ไฟล์เสียหาย",
    ),
    (
        "{name} is {count} MiB, larger than any bundle can be",
        "{name} มีขนาด {count} MiB ใหญ่เกินกว่าไฟล์ชุดข้อมูลใดจะเป็นได้",
    ),
    (
        "{name} holds the same file twice: it was not written by tui-cia",
        "{name} มีไฟล์เดียวกันสองครั้ง: ไม่ได้เขียนโดย tui-cia",
    ),
    (
        "{name} lacks {files}: it is not a complete bundle",
        "{name} ขาด {files}: ไฟล์ชุดข้อมูลไม่ครบ",
    ),
    (
        "{name} inside the bundle is larger than it may be: refused",
        "{name} ในไฟล์ชุดข้อมูล ใหญ่เกินกว่าที่ควร: ไม่รับ",
    ),
    (
        "the bundle's checksum list (SHA256SUMS) is damaged: refused",
        "รายการตรวจสอบ (SHA256SUMS) ของไฟล์ชุดข้อมูลเสียหาย: ไม่รับ",
    ),
    (
        "the checksum of {name} does not match: the bundle was altered or damaged after it "
        "was written; ask for a new bundle",
        "ค่าตรวจสอบของ {name} ไม่ตรง: ไฟล์ชุดข้อมูลถูกแก้ไขหรือเสียหายหลังจากเขียน ขอไฟล์ชุดข้อมูลใหม่",
    ),
    (
        "this zip file is not a tui-cia bundle (its manifest says otherwise)",
        "ไฟล์ zip นี้ไม่ใช่ไฟล์ชุดข้อมูลของ tui-cia",
    ),
    (
        "bundle format version {a} is unknown to this tui-cia, which reads version {b}: "
        "update tui-cia on this laptop, or ask for a bundle written by the same version",
        "tui-cia เครื่องนี้ไม่รู้จักรูปแบบไฟล์ชุดข้อมูลรุ่น {a} (อ่านได้รุ่น {b}): "
        "ปรับรุ่น tui-cia ในเครื่องนี้ หรือขอไฟล์ที่เขียนด้วยรุ่นเดียวกัน",
    ),
    (
        "the manifest's checksum of the records does not match: refused",
        "ค่าตรวจสอบของระเบียนไม่ตรงกับรายการในไฟล์ชุดข้อมูล: ไม่รับ",
    ),
    ("record {n} of the bundle is not an object", "ระเบียนที่ {n} ในไฟล์ชุดข้อมูลเสียหาย: ไม่รับ"),
    (
        "record {n} of the bundle is not readable JSON",
        "ระเบียนที่ {n} ในไฟล์ชุดข้อมูล ไม่ใช่ JSON ที่อ่านได้: ไม่รับ",
    ),
    (
        "{name} holds a file named {other}, which no tui-cia bundle has: it was not written "
        "by tui-cia, so it is not opened",
        "{name} มีไฟล์ชื่อ {other} ซึ่งไฟล์ชุดข้อมูลของ tui-cia ไม่มี: ไม่ได้เขียนโดย tui-cia จึงไม่เปิด",
    ),
    (
        "{name} inside {other} claims {count} bytes, more than a bundle may hold: refused",
        "{name} ใน {other} บอกว่ามีขนาด {count} ไบต์ เกินกว่าที่ไฟล์ชุดข้อมูลจะมีได้: ไม่รับ",
    ),
    ("{name} inside the bundle cannot be read ({why})", "อ่าน {name} ในไฟล์ชุดข้อมูลไม่ได้"),
    (
        "the bundle's manifest is not readable JSON: refused",
        "รายการในไฟล์ชุดข้อมูล ไม่ใช่ JSON ที่อ่านได้: ไม่รับ",
    ),
    (
        "the bundle's manifest has a malformed '{name}': refused",
        "รายการในไฟล์ชุดข้อมูล มี '{name}' ที่ผิดรูปแบบ: ไม่รับ",
    ),
    (
        "the bundle's manifest has a malformed '{name}' list: refused",
        "รายการในไฟล์ชุดข้อมูล มีรายการ '{name}' ที่ผิดรูปแบบ: ไม่รับ",
    ),
    (
        "form '{name}' in the bundle does not match its checksum: refused",
        "แบบสำรวจ '{name}' ในไฟล์ชุดข้อมูล ไม่ตรงกับค่าตรวจสอบ: ไม่รับ",
    ),
    (
        "the bundle lacks form version {name}: refused",
        "ไฟล์ชุดข้อมูลไม่มีแบบสำรวจรุ่น {name}: ไม่รับ",
    ),
    (
        "the bundle's manifest does not say who wrote it: refused",
        "รายการในไฟล์ชุดข้อมูล ไม่ได้บอกว่าใครเขียน: ไม่รับ",
    ),
    (
        "the bundle holds the same record twice: it was not written by tui-cia",
        "ไฟล์ชุดข้อมูลมีระเบียนเดียวกันสองครั้ง: ไม่ได้เขียนโดย tui-cia",
    ),
    (
        "this bundle was written by this same database (device {name}); if this database file "
        "was copied from another laptop, give this copy its own device id first (tui-cia "
        "device --new)",
        "ไฟล์ชุดข้อมูลนี้เขียนจากฐานข้อมูลนี้เอง (เครื่อง {name}) ถ้าคัดลอกไฟล์ฐานข้อมูลมาจาก"
        "เครื่องอื่น ให้ตั้งรหัสเครื่องใหม่ก่อน ('tui-cia device --new')",
    ),
    (
        "this bundle was made for a laptop that already had changes this database lacks "
        "(from {names}): ask the sender for a full bundle (tui-cia bundle export --all) or "
        "one made --for this laptop",
        "ไฟล์ชุดข้อมูลนี้ทำให้เครื่องที่มีข้อมูลที่ฐานข้อมูลนี้ยังไม่มี (จาก {names}): "
        "ขอไฟล์ทั้งหมดจากผู้ส่ง ('tui-cia bundle export --all') หรือไฟล์ที่ทำ --for เครื่องนี้",
    ),
    (
        "this bundle holds records of form '{a}', not '{b}': refused",
        "ไฟล์ชุดข้อมูลนี้มีระเบียนของแบบสำรวจ '{a}' ไม่ใช่ '{b}': ไม่รับ",
    ),
    (
        "record {uuid} is new here but the bundle lacks its first change: ask the sender "
        "for a full bundle (tui-cia bundle export --all)",
        "ระเบียน {uuid} ยังไม่มีในเครื่องนี้ แต่ไฟล์ชุดข้อมูลไม่มีการเปลี่ยนแปลงแรกของระเบียนนี้: "
        "ขอไฟล์ทั้งหมดจากผู้ส่ง ('tui-cia bundle export --all')",
    ),
    (
        "record {uuid}: a change's value is not JSON: refused",
        "ระเบียน {uuid}: ค่าของการเปลี่ยนแปลงไม่ใช่ JSON: ไม่รับ",
    ),
    (
        "record {uuid}: its changes do not fit together (a value of the wrong shape): refused",
        "ระเบียน {uuid}: การเปลี่ยนแปลงไม่เข้ากัน (ค่ามีรูปแบบผิด): ไม่รับ",
    ),
    (
        "record {uuid} is a '{a}' record here but a '{b}' record in the bundle: refused",
        "ระเบียน {uuid} เป็นของแบบสำรวจ '{a}' ในเครื่องนี้ แต่เป็น '{b}' ในไฟล์ชุดข้อมูล: ไม่รับ",
    ),
    # bundle encryption
    (
        "an empty passphrase cannot protect a bundle: choose one",
        "รหัสผ่านว่าง ป้องกันไฟล์ชุดข้อมูลไม่ได้: ตั้งรหัสผ่าน",
    ),
    (
        "this bundle is encrypted: give its passphrase (asked for, or set {name})",
        "ไฟล์ชุดข้อมูลนี้เข้ารหัสไว้: ใส่รหัสผ่าน (ตามที่ถาม หรือตั้งค่า {name})",
    ),
    (
        "this encrypted bundle is cut short: copy it again",
        "ไฟล์ชุดข้อมูลที่เข้ารหัสนี้ไม่ครบ: คัดลอกมาใหม่",
    ),
    (
        "wrong passphrase for this bundle (or the file was damaged on the way): check the "
        "passphrase with the person who sent it",
        "รหัสผ่านไม่ถูกต้อง (หรือไฟล์เสียหายระหว่างทาง): ตรวจรหัสผ่านกับผู้ส่ง",
    ),
    (
        "'{peer}' names several peers: give more of the device id",
        "'{peer}' ตรงกับหลายเครื่อง: ระบุรหัสเครื่องให้ยาวขึ้น",
    ),
    (
        "say why this value is right (--reason): it is kept in the history",
        "บอกเหตุผลว่าทำไมค่านี้ถูก (--reason): เหตุผลจะเก็บไว้ในประวัติ",
    ),
    # click's own
    ("Missing option '{name}'.", "ขาดตัวเลือก {name}"),
    ("Missing argument '{name}'.", "ขาดค่า {name}"),
    ("No such option: {name}", "ไม่มีตัวเลือก {name}"),
    ("No such command '{name}'.", "ไม่มีคำสั่ง '{name}'"),
    ("Option '{name}' requires an argument.", "ตัวเลือก {name} ต้องมีค่าตามหลัง"),
    ("Got unexpected extra argument ({name})", "มีค่าเกินมา: {name}"),
    ("Got unexpected extra arguments ({name})", "มีค่าเกินมา: {name}"),
    ("Invalid value for '{name}': {why}", "ค่าของ {name} ไม่ถูกต้อง: {why}"),
    ("Invalid value for {name}: {why}", "ค่าของ {name} ไม่ถูกต้อง: {why}"),
    ("'{value}' is not one of {choices}.", "'{value}' ไม่ใช่ค่าที่เลือกได้ ({choices})"),
    ("'{value}' is not a valid integer.", "'{value}' ไม่ใช่จำนวนเต็ม"),
    ("Path '{path}' does not exist.", "ไม่พบ '{path}'"),
    ("File '{path}' does not exist.", "ไม่พบไฟล์ '{path}'"),
    # the CLI's own usage errors
    ("name the form files to check, or give --shipped", "ระบุไฟล์แบบสำรวจที่จะตรวจ หรือใช้ --shipped"),
    ("give either --choose N or --value TEXT", "ใช้ --choose N หรือ --value TEXT อย่างใดอย่างหนึ่ง"),
    (
        "nothing to save: give --cause, --project or --agency",
        "ไม่มีอะไรให้บันทึก: ใช้ --cause --project หรือ --agency",
    ),
    (
        "--labels and --include-deleted are for csv and xlsx only",
        "--labels และ --include-deleted ใช้ได้กับ csv และ xlsx เท่านั้น",
    ),
    ("the report is FILE.md or FILE.html", "รายงานต้องเป็นไฟล์ .md หรือ .html"),
    ("a tambon code is 6 digits, e.g. 160104", "รหัสตำบลมี 6 หลัก เช่น 160104"),
)
