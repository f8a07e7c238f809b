"""Checking one answer: special answers, choices, bounds, length, pattern, constraint, warn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui_cia.errors import AnswerProblem, answer_problem
from tui_cia.survey import limits, patterns
from tui_cia.survey.expr import truthy
from tui_cia.survey.schema import Choice, Field, Text
from tui_cia.survey.state import Instance, Scope
from tui_cia.survey.types import Special

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession


def _custom(
    text: Text, fallback: AnswerProblem, session: FormSession, holder: Instance
) -> AnswerProblem:
    """The form's own message (interpolated) when it has one, else the generic one."""
    if not text:
        return fallback
    by_lang = {
        lang: session.interpolate(text.get(lang), holder, lang)
        for lang in session.form.settings.languages
    }
    return AnswerProblem(fallback.kind, by_lang)


def choice_allowed(session: FormSession, item: Field, holder: Instance, choice: Choice) -> bool:
    if item.choice_filter is None:
        return True
    return truthy(item.choice_filter.run(Scope(session, holder, choice=choice)))


def _check_choices(
    session: FormSession, item: Field, holder: Instance, value: Any
) -> AnswerProblem | None:
    assert item.choices is not None
    if item.choice_filter is None and type(value) is str:  # one code, any allowed: the usual
        return None if value in item.choices.by_value else answer_problem("choice", value=value)
    values = value if isinstance(value, list) else [value]
    for v in values:
        choice = item.choices.by_value.get(v)
        if choice is None:
            return answer_problem("choice", value=v)
        if not choice_allowed(session, item, holder, choice):
            return answer_problem("choice_filtered", value=v)
    if isinstance(value, list) and len(set(values)) != len(values):
        return answer_problem("choice", value=" ".join(values))
    return None


def check_number(item: Field, value: Any) -> AnswerProblem | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return answer_problem("decimal")
    if item.min is not None and value < item.min:
        return answer_problem("min", min=_num(item.min))
    if item.max is not None and value > item.max:
        return answer_problem("max", max=_num(item.max))
    return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def check_text(item: Field, value: Any) -> AnswerProblem | None:
    text = str(value)
    if len(text) > limits.TEXT_CHARS:
        return answer_problem("length_max", n=limits.TEXT_CHARS)
    if item.length is not None:
        low, high = item.length
        if len(text) < low:
            return answer_problem("length_min", n=low)
        if len(text) > high:
            return answer_problem("length_max", n=high)
    if item.pattern is not None and not patterns.full_match(item.pattern, text):
        slow = patterns.is_slow(item.pattern)
        return answer_problem("pattern_slow" if slow else "pattern")
    return None


def check_answer(
    session: FormSession, item: Field, holder: Instance, value: Any
) -> AnswerProblem | None:
    """Why `value` cannot be the answer to `item` (None when it can); blanks always can."""
    if value is None:
        return None
    if isinstance(value, Special):
        return None if value.name in item.special else answer_problem("special", special=value.name)
    problem: AnswerProblem | None = None
    if item.choices is not None:
        problem = _check_choices(session, item, holder, value)
    elif item.type in ("integer", "decimal"):
        problem = check_number(item, value)
    elif item.type == "text":
        problem = check_text(item, value)
    if problem is not None:
        return problem
    if item.constraint is not None:
        ok = truthy(item.constraint.run(Scope(session, holder, current=value)))
        if not ok:
            return _custom(item.constraint_message, answer_problem("constraint"), session, holder)
    return None


def warn_problem(
    session: FormSession, item: Field, holder: Instance, value: Any
) -> AnswerProblem | None:
    """The soft check: a message when `warn` is false for a non-blank answer."""
    if item.warn is None or value is None or isinstance(value, Special):
        return None
    if truthy(item.warn.run(Scope(session, holder, current=value))):
        return None
    return _custom(item.warn_message, answer_problem("warn"), session, holder)


def is_required(session: FormSession, item: Field, holder: Instance) -> bool:
    required = item.required
    if isinstance(required, bool):
        return required
    return truthy(required.run(Scope(session, holder)))


def required_problem(session: FormSession, item: Field, holder: Instance) -> AnswerProblem:
    return _custom(item.required_message, answer_problem("required"), session, holder)
