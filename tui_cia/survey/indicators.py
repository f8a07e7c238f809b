"""Judging a form's indicators for one record: per household, and per person for rosters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tui_cia.survey.expr import truthy
from tui_cia.survey.schema import Expr, Indicator
from tui_cia.survey.state import Instance, Scope

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession

Outcome = Literal["pass", "fail", "na"]


@dataclass
class IndicatorResult:
    """One indicator for one household; `persons` lists (instance index, outcome)."""

    indicator: Indicator
    outcome: Outcome
    persons: list[tuple[int, Outcome]] = field(default_factory=list)

    @property
    def failing_persons(self) -> list[int]:
        return [i for i, o in self.persons if o == "fail"]


def _judge(session: FormSession, applies: Expr | None, passes: Expr, inst: Instance) -> Outcome:
    scope = Scope(session, inst)
    if applies is not None and not truthy(applies.run(scope)):
        return "na"
    return "pass" if truthy(passes.run(scope)) else "fail"


def evaluate_indicator(session: FormSession, indicator: Indicator) -> IndicatorResult:
    """Household outcome; a person indicator fails if any applicable member fails."""
    if indicator.unit != "person" or indicator.over is None:
        outcome = _judge(session, indicator.applies, indicator.passes, session.root)
        return IndicatorResult(indicator, outcome)
    persons: list[tuple[int, Outcome]] = []
    for scope in Scope(session, session.root).instances(indicator.over):
        outcome = _judge(session, indicator.applies, indicator.passes, scope.inst)
        persons.append((scope.inst.index, outcome))
    judged = [o for _, o in persons if o != "na"]
    household: Outcome = "na" if not judged else ("fail" if "fail" in judged else "pass")
    return IndicatorResult(indicator, household, persons)


def evaluate_indicators(session: FormSession) -> list[IndicatorResult]:
    return [evaluate_indicator(session, ind) for ind in session.form.indicators]
