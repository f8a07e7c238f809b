"""The question-type table: what each type accepts, how it is typed, shown and stored."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui_cia.errors import AnswerProblem, answer_problem
from tui_cia.survey import dates, thaiid
from tui_cia.survey.expr import Kind


@dataclass(frozen=True)
class Special:
    """A special answer (don't know, refused, not applicable): blank in every expression."""

    name: str


class InvalidAnswer(Exception):
    """A typed or imported answer that the field's type does not accept."""

    def __init__(self, problem: AnswerProblem) -> None:
        super().__init__(problem.message("en"))
        self.problem = problem


COMMON_KEYS = frozenset(
    (
        "name type label hint required required_message relevant constraint constraint_message"
        " warn warn_message calculate default read_only special carry appearance"
    ).split()
)
NUMBER_KEYS = COMMON_KEYS | {"min", "max"}
TEXT_KEYS = COMMON_KEYS | {"length", "pattern"}
SELECT_KEYS = COMMON_KEYS | {"choices", "choice_filter"}
ALL_FIELD_KEYS = NUMBER_KEYS | TEXT_KEYS | SELECT_KEYS
NOTE_KEYS = frozenset(["name", "type", "label", "hint", "relevant", "appearance", "calculate"])
CALCULATE_KEYS = frozenset(["name", "type", "label", "hint", "relevant", "calculate", "default"])
APPEARANCES = frozenset({"multiline", "quick", "table", "minimal", "horizontal", "numbers"})


def _parse_text(text: str, calendar: str) -> Any:
    return text


def _parse_integer(text: str, calendar: str) -> Any:
    cleaned = text.replace(",", "").strip()
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise InvalidAnswer(answer_problem("integer"))
    return int(cleaned)


def _parse_decimal(text: str, calendar: str) -> Any:
    cleaned = text.replace(",", "").strip()
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", cleaned):
        raise InvalidAnswer(answer_problem("decimal"))
    value = float(cleaned)
    return int(value) if value.is_integer() and "." not in cleaned else value


def _parse_multi(text: str, calendar: str) -> Any:
    return [part for part in re.split(r"[\s,]+", text.strip()) if part]


def _parse_date(text: str, calendar: str) -> Any:
    try:
        return dates.parse_date(text, calendar)
    except ValueError as exc:
        raise InvalidAnswer(answer_problem("date", detail=str(exc))) from exc


def _parse_thai_id(text: str, calendar: str) -> Any:
    value = thaiid.normalize_thai_id(text)
    problem = thaiid.thai_id_problem(value)
    if problem:
        raise InvalidAnswer(answer_problem("thai_id", detail=problem))
    return value


@dataclass(frozen=True)
class QuestionType:
    """One row of the type table."""

    name: str
    kind: Kind
    keys: frozenset[str]
    parse: Callable[[str, str], Any]
    has_choices: bool = False
    enterable: bool = True


TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        QuestionType("text", Kind.TEXT, TEXT_KEYS, _parse_text),
        QuestionType("integer", Kind.NUMBER, NUMBER_KEYS, _parse_integer),
        QuestionType("decimal", Kind.NUMBER, NUMBER_KEYS, _parse_decimal),
        QuestionType("select_one", Kind.TEXT, SELECT_KEYS, _parse_text, has_choices=True),
        QuestionType("select_multiple", Kind.LIST, SELECT_KEYS, _parse_multi, has_choices=True),
        QuestionType("date", Kind.DATE, COMMON_KEYS, _parse_date),
        QuestionType("thai_id", Kind.TEXT, COMMON_KEYS, _parse_thai_id),
        QuestionType("note", Kind.NULL, NOTE_KEYS, _parse_text, enterable=False),
        QuestionType("calculate", Kind.ANY, CALCULATE_KEYS, _parse_text, enterable=False),
    )
}


def parse_typed(type_name: str, text: str, calendar: str = "buddhist") -> Any:
    """The value of `text` typed into a field of this type; raises InvalidAnswer."""
    text = text.strip()
    if text == "":
        return None
    return TYPES[type_name].parse(text, calendar)


def format_value(type_name: str, value: Any, calendar: str = "buddhist") -> str:
    """How a stored value is shown in an answer line (the inverse of parse_typed)."""
    if value is None:
        return ""
    if isinstance(value, Special):
        return value.name
    if isinstance(value, dt.date):
        return dates.format_date(value, calendar)
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer() and type_name != "decimal":
        return str(int(value))
    return str(value)


def to_json(value: Any) -> Any:
    """A value as FORMS-SPEC section 8 writes it."""
    if isinstance(value, Special):
        return {"special": value.name}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def from_json(type_name: str, raw: Any) -> Any:
    """A value read from section-8 data, checked against the type; raises InvalidAnswer."""
    if raw is None:
        return None
    if isinstance(raw, dict):
        return Special(str(raw.get("special", "")))
    ok: bool
    if type_name == "integer":
        ok = isinstance(raw, int) and not isinstance(raw, bool)
    elif type_name == "decimal":
        ok = isinstance(raw, int | float) and not isinstance(raw, bool)
    elif type_name == "select_multiple":
        ok = isinstance(raw, list) and all(isinstance(v, str) for v in raw)
    elif type_name == "date":
        return _parse_iso(raw)
    elif type_name == "calculate":
        ok = True
    else:
        ok = isinstance(raw, str)
    if not ok:
        raise InvalidAnswer(answer_problem("wrong_type", expected=_EXPECTED.get(type_name, "text")))
    if type_name == "thai_id":
        return _parse_thai_id(raw, "gregorian")
    return list(raw) if isinstance(raw, list) else raw


_EXPECTED = {
    "integer": "a whole number",
    "decimal": "a number",
    "select_multiple": "a list of codes",
}


def _parse_iso(raw: Any) -> dt.date:
    try:
        return dates.from_iso(str(raw))
    except ValueError as exc:
        raise InvalidAnswer(answer_problem("date", detail=str(exc))) from exc
