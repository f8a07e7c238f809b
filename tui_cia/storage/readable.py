"""A record's history as a supervisor reads it: one line per change (who, when in พ.ศ., the
question by its label, old → new in words, why), and the record as of any revision.

Labels come from the form version the record was filled with (the database keeps every
version), so an old change reads as the keyer saw it then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_cia.storage import history
from tui_cia.storage.readwords import be_time, instance_title, question_text, value_text
from tui_cia.survey.schema import Container, Field, Form, Repeat

if TYPE_CHECKING:
    from tui_cia.storage.queries import Queries

OP_WORDS: dict[str, tuple[str, str]] = {
    "create": ("สร้างแบบสอบถาม", "Record created"),
    "import": ("นำเข้าแบบสอบถาม", "Record imported"),
    "replace": ("แทนที่ทั้งแบบสอบถาม", "Whole record replaced"),
    "add": ("เพิ่ม {who}", "Added {who}"),
    "remove": ("ลบ {who}", "Removed {who}"),
    "move": ("ย้าย {who}", "Moved {who}"),
    "status": ("สถานะ", "Status"),
    "delete": ("ลบแบบสอบถาม", "Record deleted"),
    "restore": ("กู้คืนแบบสอบถาม", "Record restored"),
    "answers": ("{n} คำตอบ", "{n} answers"),
    "position": ("ลำดับ {n}", "position {n}"),
    "draft": ("ร่าง", "draft"),
    "complete": ("เสร็จ", "complete"),
    "verified": ("รับรอง", "verified"),
}


@dataclass(frozen=True)
class ReadableChange:
    """One change in words."""

    revision: int
    when: str  # พ.ศ., local time: "8 ธ.ค. 2569 07:26"
    who: str  # the keyer ("-" when none was named)
    device: str
    what: str  # the question's label, after the member it is of
    old: str
    new: str
    reason: str  # "" when none was asked
    path: str = ""  # the answer's id path (history.id_path); "" for the whole record


@dataclass(frozen=True)
class AnswerLine:
    """One line of a record in words: a question and its answer, or a roster entry's title
    (then `answer` is "")."""

    depth: int
    question: str
    answer: str
    path: str = ""  # the id path of the answer or roster entry, as changes name it


def op_word(key: str, lang: str, **values: Any) -> str:
    th, en = OP_WORDS[key]
    return (th if lang == "th" else en).format(**values)


def readable_changes(
    form: Form, changes: list[history.Change], lang: str, tz: dt.tzinfo | None = None
) -> list[ReadableChange]:
    """Every change in words; a member is named as it was when the change was made."""
    out: list[ReadableChange] = []
    data: dict[str, Any] = {}
    for change in changes:
        # A change to a member another device removed fails to apply (see history.replay).
        with contextlib.suppress(KeyError, IndexError, TypeError, ValueError, AttributeError):
            data = history.apply(data, change)
        what, old, new = _described(form, change, data, lang)
        out.append(
            ReadableChange(
                change.revision,
                be_time(change.at, lang, tz),
                change.enumerator or "-",
                change.device,
                what,
                old,
                new,
                change.reason or "",
                change.path,
            )
        )
    return out


def _described(
    form: Form, change: history.Change, data: dict[str, Any], lang: str
) -> tuple[str, str, str]:
    """(what, old, new) of one change, `data` being the record right after it."""
    op = change.op
    if op in ("create", "import", "replace"):
        count = _answer_count(form, change.new)
        return op_word(op, lang), "", op_word("answers", lang, n=count) if count else ""
    if op == "status":
        return op_word("status", lang), _status(change.old, lang), _status(change.new, lang)
    if op in ("delete", "restore"):
        return op_word(op, lang), "", ""
    if op == "set":
        return _set_described(form, change, data, lang)
    if op in ("add", "remove", "move"):
        return _roster_described(form, change, data, lang)
    return f"{op} {change.label}".strip(), _plain(change.old), _plain(change.new)


def _set_described(
    form: Form, change: history.Change, data: dict[str, Any], lang: str
) -> tuple[str, str, str]:
    segments = change.path.split(".")
    name = segments[-1]
    holder, where = _entries(form, data, segments[:-1], lang)
    question = question_text(form, name, lang, holder)
    field = form.items.get(name)
    field = field if isinstance(field, Field) else None
    what = f"{where}: {question}" if where else question
    return what, value_text(field, change.old, lang), value_text(field, change.new, lang)


def _roster_described(
    form: Form, change: history.Change, data: dict[str, Any], lang: str
) -> tuple[str, str, str]:
    segments = change.path.split(".")
    parent, where = _entries(form, data, segments[:-1], lang)
    name = segments[-1].partition("#")[0]
    repeat = form.items.get(name)
    if not isinstance(repeat, Repeat):
        return f"{change.op} {change.label}".strip(), "", ""
    stored = change.old if change.op == "remove" else change.new
    if change.op == "move":
        _, instance = _located(parent, segments[-1])
        who = instance_title(repeat, int(change.old), instance, lang)  # where it was
        old = op_word("position", lang, n=int(change.old) + 1)
        new = op_word("position", lang, n=int(change.new) + 1)
    else:
        index, instance = int(stored["index"]), dict(stored.get("data") or {})
        who = instance_title(repeat, index, instance, lang)
        old = new = ""
    what = op_word(change.op, lang, who=who)
    return (f"{where}: {what}" if where else what), old, new


def _entries(
    form: Form, data: dict[str, Any], segments: list[str], lang: str
) -> tuple[dict[str, Any], str]:
    """The roster entry that `segments` (`members#<id>`, …) lead to, and its title; the
    record itself and "" at the top. An entry no longer there is named by its path alone."""
    node: dict[str, Any] = data
    titles: list[str] = []
    for segment in segments:
        name = segment.partition("#")[0]
        repeat = form.items.get(name)
        index, instance = _located(node, segment)
        if not isinstance(repeat, Repeat) or index < 0:  # removed since: the roster's name
            label = repeat.label.get(lang) if repeat is not None and repeat.label else name
            return {}, " › ".join([*titles, label])
        titles.append(instance_title(repeat, index, instance, lang))
        node = instance
    return node, " › ".join(titles)


def _located(node: dict[str, Any], segment: str) -> tuple[int, dict[str, Any]]:
    name, _, iid = segment.partition("#")
    for index, instance in enumerate(node.get(name) or []):
        if isinstance(instance, dict) and instance.get("_id") == iid:
            return index, instance
    return -1, {}


def _answer_count(form: Form, data: Any) -> int:
    """The answers a new record starts with (carried or imported; calculations not counted)."""
    if not isinstance(data, dict):
        return 0
    count = 0
    for key, value in data.items():
        item = form.items.get(key)
        if isinstance(item, Repeat) and isinstance(value, list):
            count += sum(_answer_count(form, v) for v in value)
        elif isinstance(item, Field) and _shown(item, value):
            count += 1
    return count


def _status(value: Any, lang: str) -> str:
    return op_word(str(value), lang) if str(value) in OP_WORDS else _plain(value)


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def readable_record(form: Form, data: dict[str, Any], lang: str) -> list[AnswerLine]:
    """The record's answers question by question in form order, roster entries titled."""
    lines: list[AnswerLine] = []
    _walk(form, form.root, data, "", lines, lang)
    return lines


def _walk(
    form: Form,
    container: Container,
    holder: dict[str, Any],
    prefix: str,
    lines: list[AnswerLine],
    lang: str,
) -> None:
    depth = prefix.count("#")
    for child in container.children:
        if isinstance(child, Repeat):
            for index, instance in enumerate(holder.get(child.name) or []):
                if isinstance(instance, dict):
                    path = f"{prefix}{child.name}#{instance.get('_id', '')}"
                    title = instance_title(child, index, instance, lang)
                    lines.append(AnswerLine(depth, title, "", path))
                    _walk(form, child, instance, path + ".", lines, lang)
        elif isinstance(child, Container):
            _walk(form, child, holder, prefix, lines, lang)
        elif isinstance(child, Field) and _shown(child, holder.get(child.name)):
            question = question_text(form, child.name, lang, holder)
            answer = value_text(child, holder[child.name], lang)
            lines.append(AnswerLine(depth, question, answer, prefix + child.name))


def _shown(field: Field, raw: Any) -> bool:
    """An answered question. Calculations are left out: the history replays what was keyed,
    and a calculation stored beside it may not have followed a later answer."""
    return raw not in (None, "", []) and field.type not in ("note", "calculate")


class ReadableHistory:
    """One record's history in words, read with the form version the record was filled with."""

    def __init__(self, store: Queries, uuid: str) -> None:
        self.uuid = uuid
        self.changes = store.history(uuid)
        form_id, form_hash, name = store.conn.execute(
            "SELECT form_id, form_hash, instance_name FROM records WHERE uuid = ?", (uuid,)
        ).fetchone()
        self.form = store.forms.get(form_id, content_hash=form_hash)
        self.name: str = name or ""  # the record as lists name it: "188 สมหญิง ใจดี"

    def lines(self, lang: str, tz: dt.tzinfo | None = None) -> list[ReadableChange]:
        return readable_changes(self.form, self.changes, lang, tz)

    def as_of(self, revision: int, lang: str) -> list[AnswerLine]:
        """The record as it was right after `revision`, in words."""
        return readable_record(self.form, history.replay(self.changes, revision), lang)
