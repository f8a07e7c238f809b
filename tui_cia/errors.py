"""Exception classes and the catalogue of error codes and messages shown to people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """One entry of the form-problem catalogue: a stable code, what is wrong, how to fix it."""

    code: str
    title: str
    fix: str
    severity: Severity = "error"


_CATALOGUE: tuple[Code, ...] = (
    Code("FORM001", "YAML syntax error", "fix the YAML at this line; check indentation and quotes"),
    Code("FORM002", "file cannot be read", "check the path, and save the file as UTF-8"),
    Code("FORM003", "wrong top-level shape", "a form is a mapping with form:, choices:, fields:"),
    Code("FORM004", "unknown key", "remove the key or correct its spelling"),
    Code("FORM005", "missing required key", "add the key"),
    Code("FORM006", "wrong kind of value", "give the value the kind the key expects"),
    Code("FORM007", "bad name", "names use a-z, 0-9 and _, and start with a letter"),
    Code("FORM008", "duplicate name", "give each field, group and repeat its own name"),
    Code("FORM009", "duplicate choice value", "give each choice in a list its own value"),
    Code("FORM010", "unknown field type", "use one of the types listed in forms/README.md"),
    Code("FORM011", "unknown choice list", "add the list under choices: or correct the name"),
    Code("FORM012", "unknown reference", "refer to a field that exists: ${name}"),
    Code("FORM013", "unknown function", "use a function listed in forms/README.md"),
    Code("FORM014", "wrong number of arguments", "see the function's signature in forms/README.md"),
    Code("FORM015", "expression syntax error", "correct the expression at the column shown"),
    Code("FORM016", "number compared with text", "quote text values, leave numbers unquoted"),
    Code(
        "FORM017",
        "cycle among calculate/relevant",
        "break the loop: a value cannot depend on itself",
    ),
    Code("FORM018", "unknown dimension", "name a dimension listed under dimensions:"),
    Code("FORM019", "unknown repeat", "over: must name a repeat of the form"),
    Code("FORM020", "person indicator without over", "add over: with the roster repeat"),
    Code("FORM021", "missing translation", "add the text in this language", "warning"),
    Code("FORM022", "duplicate key in a mapping", "keep one of the two keys"),
    Code(
        "FORM023",
        "choices do not fit the type",
        "selects need choices:; other types must not have it",
    ),
    Code("FORM024", "bad choices file", "give a UTF-8 CSV beside the form with a value column"),
    Code("FORM025", "unknown special answer", "use dont_know, refused or not_applicable"),
    Code("FORM026", "key does not apply to this type", "remove the key"),
    Code("FORM027", "bad regular expression", "correct the pattern"),
    Code(
        "FORM028", "repeat field used outside its repeat", "use an aggregate: sum(${repeat}, ...)"
    ),
    Code("FORM029", "'.' outside constraint or warn", "refer to the field by ${name}"),
    Code("FORM030", "bare name in an expression", "refer to a field as ${name}"),
    Code("FORM031", "position() outside a repeat", "use position() only inside a repeat"),
    Code("FORM032", "repeats nested too deep", "nest repeats one level at most"),
    Code(
        "FORM033", "unknown appearance", "use one of the appearances in forms/README.md", "warning"
    ),
    Code("FORM034", "setting names an unknown field", "name a field of this form"),
    Code("FORM035", "bounds out of order", "make the lower bound at most the upper one"),
    Code(
        "FORM036",
        "text expected",
        "quote the text: YAML reads words such as No or On as true/false",
    ),
    Code("FORM037", "unknown language", "add the language to form: languages:"),
    Code("FORM038", "duplicate indicator", "give each indicator its own id and number"),
    Code("FORM039", "bad setting value", "use one of the values the setting allows"),
    Code("FORM040", "empty container", "give the group or repeat at least one field"),
    Code("FORM041", "bad indicator unit", "unit: is household or person"),
    Code("FORM042", "bad default", "give a default that is a valid answer for the type"),
    Code("FORM043", "select answer outside its choices", "compare with a value of the choice list"),
    Code(
        "FORM044",
        "over a limit",
        "make the form smaller or simpler; forms/README.md lists the limits",
    ),
    Code(
        "FORM045",
        "not portable YAML",
        "write it so every YAML reader reads it alike: quote text with ? : # { } [ ] in it",
    ),
    Code(
        "FORM046",
        "YAML 1.1 reading",
        "quote the text, or write true/false or a plain number: other readers differ here",
        "warning",
    ),
    Code(
        "FORM047",
        "slow regular expression",
        "avoid repeats inside repeats such as (a+)+ and alternatives that overlap such as (a|ab)*",
    ),
    Code(
        "FORM048", "too many problems", "fix the problems shown first, then check again", "warning"
    ),
    Code(
        "FORM049",
        "bad development class rule",
        "number the classes 1, 2, ... in order; give each but the last a threshold within range, "
        "the last none, and every indicator levels:",
    ),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CATALOGUE}
CODES_MARKER = "<!-- error-codes: generated from tui_cia/errors.py; do not edit by hand -->"


def catalogue_markdown() -> str:
    """The catalogue as the Markdown table that forms/README.md carries."""
    rows = [CODES_MARKER, "", "| code | level | problem | how to fix it |", "|---|---|---|---|"]
    rows += [f"| {c.code} | {c.severity} | {c.title} | {c.fix} |" for c in _CATALOGUE]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Problem:
    """A problem found in a form, located in its file."""

    code: str
    message: str
    file: str = "<form>"
    line: int = 0
    col: int = 0
    field: str | None = None

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def fix(self) -> str:
        return CATALOGUE[self.code].fix

    def format(self) -> str:
        """`FILE:LINE:COL: CODE message` with the field and the fix."""
        where = f" [field {self.field}]" if self.field else ""
        level = " warning:" if self.severity == "warning" else ""
        return (
            f"{self.file}:{self.line}:{self.col}:{level} {self.code} {self.message}{where}"
            f" (fix: {self.fix})"
        )


class TuiCiaError(Exception):
    """Base of every error meant for a person: `str()` is the message to show."""


class FormError(TuiCiaError):
    """A form file has errors; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(p.format() for p in errors))


# Messages about a typed answer, in every language the app speaks.
ANSWER_MESSAGES: dict[str, dict[str, str]] = {
    "integer": {"th": "ต้องเป็นจำนวนเต็ม เช่น 12", "en": "Must be a whole number, e.g. 12"},
    "decimal": {"th": "ต้องเป็นตัวเลข เช่น 12.5", "en": "Must be a number, e.g. 12.5"},
    "min": {"th": "ต้องไม่น้อยกว่า {min}", "en": "Must be at least {min}"},
    "max": {"th": "ต้องไม่มากกว่า {max}", "en": "Must be at most {max}"},
    "length_min": {"th": "ต้องยาวอย่างน้อย {n} ตัวอักษร", "en": "Must be at least {n} characters"},
    "length_max": {"th": "ต้องยาวไม่เกิน {n} ตัวอักษร", "en": "Must be at most {n} characters"},
    "pattern": {"th": "รูปแบบไม่ถูกต้อง", "en": "Not in the expected format"},
    "pattern_slow": {
        "th": "รูปแบบที่แบบฟอร์มกำหนด ตรวจนานเกินไป โปรดแจ้งผู้ดูแลแบบฟอร์ม",
        "en": "The form's pattern takes too long to check: tell the form's author",
    },
    "choice": {
        "th": "ไม่มีรหัส {value} ในรายการ: เลือกจากรายการ",
        "en": "{value} is not in the list: choose one of the listed codes",
    },
    "choice_filtered": {
        "th": "รหัส {value} ไม่ตรงกับคำตอบก่อนหน้า (เช่น อำเภอที่เลือก): เลือกจากรายการที่แสดง",
        "en": "{value} does not go with the answers above (e.g. the amphoe chosen): "
        "choose from the list shown",
    },
    "thai_id": {"th": "เลขประจำตัวประชาชนไม่ถูกต้อง: {detail}", "en": "Invalid Thai id: {detail}"},
    "date": {"th": "วันที่ไม่ถูกต้อง: {detail}", "en": "Invalid date: {detail}"},
    "special": {
        "th": "คำถามนี้ไม่รับคำตอบพิเศษ {special}",
        "en": "This question does not accept the special answer {special}",
    },
    "constraint": {
        "th": "คำตอบไม่ผ่านเงื่อนไขของคำถาม",
        "en": "The answer fails this question's check",
    },
    "required": {"th": "ต้องตอบคำถามนี้", "en": "This question must be answered"},
    "read_only": {"th": "คำถามนี้แก้ไขไม่ได้", "en": "This question cannot be edited"},
    "repeat_min": {"th": "ต้องมีอย่างน้อย {n} รายการ", "en": "Needs at least {n} entries"},
    "repeat_max": {"th": "มีได้ไม่เกิน {n} รายการ", "en": "At most {n} entries"},
    "repeat_count": {
        "th": "จำนวนรายการกำหนดโดยคำถามอื่น",
        "en": "The number of entries is set by another question",
    },
    "wrong_type": {
        "th": "ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็น {expected}",
        "en": "Wrong kind of value: expected {expected}",
    },
    "unknown_field": {"th": "ไม่มีคำถามชื่อ {name} ในแบบฟอร์ม", "en": "The form has no field {name}"},
    "instance_id": {
        "th": "รหัสรายการ _id ต้องเป็นตัวอักษร a-z หรือตัวเลข ไม่เกิน 32 ตัว",
        "en": "An instance _id is 1-32 letters a-z or digits",
    },
    "warn": {"th": "โปรดตรวจสอบคำตอบนี้", "en": "Please check this answer"},
    "warn_unconfirmed": {
        "th": "ยังไม่ได้ยืนยันคำเตือน: {detail}",
        "en": "Warning not confirmed: {detail}",
    },
}


@dataclass
class AnswerProblem:
    """Why an answer cannot be accepted (or needs confirmation), in every language."""

    kind: str
    text: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.text.get(lang) or next(iter(self.text.values()), self.kind)


def answer_problem(kind: str, **values: object) -> AnswerProblem:
    """An AnswerProblem from the catalogue above, with its placeholders filled."""
    texts = ANSWER_MESSAGES[kind]
    return AnswerProblem(kind, {lang: t.format(**values) for lang, t in texts.items()})
