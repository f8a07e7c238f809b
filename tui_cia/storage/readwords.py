"""Stored answers in words, as a supervisor reads them: choice labels, special answers by
name, Buddhist-Era dates and times, members named by position and name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from tui_cia.storage.exportlabels import SPECIAL_LABELS
from tui_cia.survey import dates
from tui_cia.survey.dates import be_date as be_date  # re-exported: the CLI shows dates so too
from tui_cia.survey.dates import be_time as be_time
from tui_cia.survey.schema import Field, Form, Repeat

WORDS: dict[str, tuple[str, str]] = {
    "blank": ("(ว่าง)", "(blank)"),
    "yes": ("ใช่", "yes"),
    "no": ("ไม่ใช่", "no"),
    "member": ("คนที่ {n}", "Member {n}"),
    "instance": ("{label}ที่ {n}", "{label} {n}"),
}
# A roster of people (a household's members) numbers them "คนที่ 2"; other rosters
# (a village's groups) by their own name, "กลุ่มอาชีพที่ 2".
_PEOPLE = re.compile(r"member|person|people|สมาชิก|บุคคล")


def word(key: str, lang: str, **values: Any) -> str:
    """One of this module's words in `lang`."""
    th, en = WORDS[key]
    return (th if lang == "th" else en).format(**values)


def value_text(field: Field | None, raw: Any, lang: str) -> str:
    """A stored (section-8 JSON) answer in words: labels for codes, specials by name."""
    if raw is None or raw == "" or raw == []:
        return word("blank", lang)
    if isinstance(raw, dict) and "special" in raw:
        label = SPECIAL_LABELS.get(str(raw["special"]))
        return label.get(lang) if label else str(raw["special"])
    if isinstance(raw, bool):
        return word("yes" if raw else "no", lang)
    if isinstance(raw, list):
        return ", ".join(value_text(field, item, lang) for item in raw)
    if field is not None and field.choices is not None:
        choice = field.choices.by_value.get(str(raw))
        return choice.label.get(lang) if choice else str(raw)
    if field is not None and field.type == "date":
        day = dates.as_date(raw)
        return be_date(day, lang) if day else str(raw)
    if isinstance(raw, float):
        return f"{raw:g}"
    return str(raw)  # numbers as typed: a code or a postcode is no amount to group


def question_text(form: Form, name: str, lang: str, holder: dict[str, Any] | None = None) -> str:
    """The question of field `name` as the form words it (`${x}` filled from `holder`)."""
    item = form.items.get(name)
    if item is None:
        return name  # a field this form version no longer has: its id is all there is
    text = item.label.get(lang) or name
    if "${" in text:
        values = holder or {}
        text = re.sub(
            r"\$\{([a-z][a-z0-9_]*)\}",
            lambda m: _filled(form, m.group(1), values.get(m.group(1)), lang),
            text,
        )
    return " ".join(text.split())


def _filled(form: Form, name: str, raw: Any, lang: str) -> str:
    field = form.items.get(name)
    return (
        "…" if raw is None else value_text(field if isinstance(field, Field) else None, raw, lang)
    )


def instance_title(repeat: Repeat, index: int, instance: dict[str, Any], lang: str) -> str:
    """`คนที่ 2 สมหญิง ใจดี`: a roster entry by its position (from 1) and its name."""
    if _PEOPLE.search(f"{repeat.name} {repeat.label.get('th')} {repeat.label.get('en')}"):
        where = word("member", lang, n=index + 1)
    else:
        where = word("instance", lang, label=repeat.label.get(lang) or repeat.name, n=index + 1)
    name = instance_name(repeat, index, instance)
    return f"{where} {name}" if name else where


def instance_name(repeat: Repeat, index: int, instance: dict[str, Any]) -> str:
    """The roster entry's name by the form's `instance_label`, from its stored answers."""
    if repeat.instance_label is None:
        return ""
    try:
        value = repeat.instance_label.run(_Answers(instance, index))
    except Exception:  # an expression that needs more than the stored answers: no name
        return ""
    return " ".join(str(value).split()) if value not in (None, "") else ""


class _Answers:
    """What an `instance_label` reads: one roster entry's stored answers (no session)."""

    def __init__(self, values: dict[str, Any], index: int) -> None:
        self.values = values
        self.index = index

    def value(self, name: str) -> Any:
        raw = self.values.get(name)
        return None if isinstance(raw, dict | list) else raw

    def current(self) -> Any:
        return None

    def bare(self, name: str) -> Any:
        return None

    def instances(self, repeat: str) -> Sequence[Any]:
        return [_Answers(v, i) for i, v in enumerate(self.values.get(repeat) or [])]

    def position(self) -> int | None:
        return self.index + 1

    def label(self, name: str, value: Any) -> Any:
        return value

    def today(self) -> dt.date:
        return dt.date.today()

    def is_repeat(self, name: str) -> bool:
        return isinstance(self.values.get(name), list)
