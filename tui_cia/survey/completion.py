"""What stands between a record and `complete`: required blanks, failing checks, rosters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_cia.errors import ANSWER_MESSAGES, AnswerProblem, answer_problem
from tui_cia.survey import validate
from tui_cia.survey.fieldpath import FieldPath, path_str
from tui_cia.survey.recalc import is_blank
from tui_cia.survey.schema import Field, Repeat

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession


@dataclass
class CompletionProblem:
    """One reason a record cannot be completed, at the field that needs attention."""

    path: FieldPath
    problem: AnswerProblem

    @property
    def where(self) -> str:
        return path_str(self.path)


def completion_problems(session: FormSession, *, required: bool = True) -> list[CompletionProblem]:
    """Every problem of the record as it stands; `required=False` checks only given answers."""
    found: list[CompletionProblem] = []
    for path, item, holder in session.walk():
        if isinstance(item, Repeat):
            count = len(holder.repeats.get(item.name, []))
            if required and item.min is not None and count < item.min:
                found.append(CompletionProblem(path, answer_problem("repeat_min", n=item.min)))
            if item.max is not None and count > item.max:
                found.append(CompletionProblem(path, answer_problem("repeat_max", n=item.max)))
            continue
        if not isinstance(item, Field) or not item.shown or item.type == "note":
            continue
        value = holder.values.get(item.name)
        if is_blank(value):
            if required and validate.is_required(session, item, holder):
                found.append(
                    CompletionProblem(path, validate.required_problem(session, item, holder))
                )
            continue
        if item.calculate is not None:
            continue
        problem = validate.check_answer(session, item, holder, value)
        if problem is None and item.warn is not None:
            warning = validate.warn_problem(session, item, holder, value)
            if warning is not None and path_str(path) not in session.confirmed:
                problem = _unconfirmed(warning)
        if problem is not None:
            found.append(CompletionProblem(path, problem))
    return found


def _unconfirmed(warning: AnswerProblem) -> AnswerProblem:
    texts = ANSWER_MESSAGES["warn_unconfirmed"]
    by_lang = {lang: t.format(detail=warning.message(lang)) for lang, t in texts.items()}
    return AnswerProblem("warn_unconfirmed", by_lang)


def confirmed_warnings(session: FormSession) -> list[tuple[FieldPath, AnswerProblem]]:
    """The warnings the enumerator confirmed that still apply, for the review page."""
    result = []
    for path, item, holder in session.walk():
        if isinstance(item, Field) and path_str(path) in session.confirmed:
            warning = validate.warn_problem(session, item, holder, holder.values.get(item.name))
            if warning is not None:
                result.append((path, warning))
    return result
