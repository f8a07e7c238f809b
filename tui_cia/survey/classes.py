"""The development class of one record from its indicator levels, by the form's `classes:`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui_cia.survey.schema import DevClass

LEVEL_NAMES = {
    1: {"th": "มีปัญหามาก", "en": "serious problem"},
    2: {"th": "ปัญหาปานกลาง", "en": "moderate problem"},
    3: {"th": "ปัญหาน้อย/ไม่มีปัญหา", "en": "little or no problem"},
}


@dataclass(frozen=True)
class Classified:
    """One record's counts of judged indicators, its score (mean level) and its class
    (None when no indicator applies: such a record is not classified)."""

    serious: int
    problems: int
    judged: int
    score: float | None
    number: int | None


def reaches(cls: DevClass, serious: int, problems: int, score: float | None) -> bool:
    """Whether a record reaches any one of the class's thresholds."""
    return (
        (cls.serious_at_least is not None and serious >= cls.serious_at_least)
        or (cls.problems_at_least is not None and problems >= cls.problems_at_least)
        or (cls.score_below is not None and score is not None and score < cls.score_below)
    )


def classify(classes: list[DevClass], levels: Iterable[int | None]) -> Classified:
    """The first class whose thresholds the levels reach; the last class holds the rest.
    `levels` has one entry per indicator: 1, 2, 3, or None where it does not apply."""
    judged = [level for level in levels if level is not None]
    serious = judged.count(1)
    problems = serious + judged.count(2)
    score = sum(judged) / len(judged) if judged else None  # compared unrounded
    number = None
    if judged and classes:
        number = next(
            (c.number for c in classes[:-1] if reaches(c, serious, problems, score)),
            classes[-1].number,
        )
    return Classified(serious, problems, len(judged), score, number)
