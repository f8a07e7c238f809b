"""Judging a form's indicators for one record: per household, and per person for rosters.

An indicator set is valid for the survey rounds its form declares (`form: indicator_rounds`);
a record of another round is not judged, and `not_scored` says why, naming the indicator set
that round needs: the set of the national development plan (NESDP) the round falls in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tui_cia.survey.expr import truthy
from tui_cia.survey.schema import Form, Indicator
from tui_cia.survey.state import Instance, Scope

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession

Outcome = Literal["pass", "fail", "na"]


@dataclass
class IndicatorResult:
    """One indicator for one household; `persons` lists (instance index, outcome). `level` is
    the 3-level problem scale (1 serious, 2 moderate, 3 little or none) for an indicator with
    `levels:`, else None; None also when the indicator does not apply."""

    indicator: Indicator
    outcome: Outcome
    persons: list[tuple[int, Outcome]] = field(default_factory=list)
    level: int | None = None

    @property
    def failing_persons(self) -> list[int]:
        return [i for i, o in self.persons if o == "fail"]


def _judge(
    session: FormSession, indicator: Indicator, inst: Instance
) -> tuple[Outcome, int | None]:
    """The outcome of one unit, and its level: 3 if it passes, else 1 if `serious` holds,
    else 2 (None without levels or when not applicable)."""
    scope = Scope(session, inst)
    if indicator.applies is not None and not truthy(indicator.applies.run(scope)):
        return "na", None
    if truthy(indicator.passes.run(scope)):
        return "pass", 3 if indicator.serious is not None else None
    if indicator.serious is None:
        return "fail", None
    return "fail", 1 if truthy(indicator.serious.run(scope)) else 2


def evaluate_indicator(session: FormSession, indicator: Indicator) -> IndicatorResult:
    """Household outcome; a person indicator fails if any applicable member fails, and its
    level is the lowest (worst) level of the applicable members."""
    if indicator.unit != "person" or indicator.over is None:
        outcome, level = _judge(session, indicator, session.root)
        return IndicatorResult(indicator, outcome, level=level)
    persons: list[tuple[int, Outcome]] = []
    levels: list[int] = []
    for scope in Scope(session, session.root).instances(indicator.over):
        outcome, level = _judge(session, indicator, scope.inst)
        persons.append((scope.inst.index, outcome))
        if level is not None:
            levels.append(level)
    judged = [o for _, o in persons if o != "na"]
    household: Outcome = "na" if not judged else ("fail" if "fail" in judged else "pass")
    return IndicatorResult(indicator, household, persons, min(levels, default=None))


def plan_rounds(round_: int) -> tuple[int, int]:
    """The first and last round of the indicator set of the plan `round_` falls in: the
    12th plan's set 2560-2564 (also used in 2565, the plan's extra year), and 5-year sets
    before it (2555-2559, ...) and after it (2566-2570, 2571-2575, ...)."""
    if 2560 <= round_ <= 2565:
        return (2560, 2564)
    if round_ > 2565:
        first = 2566 + (round_ - 2566) // 5 * 5
    else:
        first = 2560 - (2560 - round_ + 4) // 5 * 5
    return (first, first + 4)


def not_scored(form: Form, round_: Any) -> str | None:
    """Why records of this round are not judged by the form's indicators; None if they are."""
    valid = form.settings.indicator_rounds
    if valid is None:
        return None
    first, last = valid
    if isinstance(round_, float) and round_.is_integer():
        round_ = int(round_)
    if not isinstance(round_, int) or isinstance(round_, bool):
        return f"no survey round: this form's indicator set is for rounds {first}-{last}"
    if first <= round_ <= last:
        return None
    start, end = plan_rounds(round_)
    return (
        f"round {round_} needs the {start}-{end} indicator set: this form's indicators "
        f"(version {form.version}) are for rounds {first}-{last}"
    )


def session_round(session: FormSession) -> Any:
    """The survey round of the record (None if the form names no round field)."""
    name = session.form.settings.round
    return session.value((name,)) if name else None


def evaluate_indicators(session: FormSession) -> list[IndicatorResult]:
    """Every indicator of the record; none when its round is outside the indicator set's
    (`form: indicator_rounds`)."""
    if not_scored(session.form, session_round(session)) is not None:
        return []
    return [evaluate_indicator(session, ind) for ind in session.form.indicators]
