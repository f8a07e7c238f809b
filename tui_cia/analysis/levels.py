"""The 3-level problem scale in the analysis: the records at each level of each indicator, and
each record's development class by the form's `classes:` rule (as survey.classes.classify).

Levels are 1 (มีปัญหามาก, serious), 2 (ปานกลาง, moderate), 3 (น้อย/ไม่มีปัญหา, little or
none), with 0 where the indicator does not apply; class 0 means not classified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tui_cia.survey.classes import LEVEL_NAMES
from tui_cia.survey.schema import DevClass, Form

__all__ = ["LEVEL_NAMES", "RecordClasses", "Scale", "record_classes"]


@dataclass
class RecordClasses:
    """Per record: indicators at level 1, at level 1 or 2, judged; mean level (NaN where
    none is judged); class number (0 = not classified)."""

    serious: Any
    problems: Any
    judged: Any
    score: Any
    number: Any


def _reached(cls: DevClass, rc: RecordClasses) -> Any:
    """Where a record reaches any one of the class's thresholds."""
    hit = np.zeros(len(rc.serious), dtype=bool)
    if cls.serious_at_least is not None:
        hit |= rc.serious >= cls.serious_at_least
    if cls.problems_at_least is not None:
        hit |= rc.problems >= cls.problems_at_least
    if cls.score_below is not None:
        with np.errstate(invalid="ignore"):
            hit |= rc.score < cls.score_below  # NaN (nothing judged) is never below
    return hit


def record_classes(classes: list[DevClass], levels: Any) -> RecordClasses:
    """Counts, score and class of every record from its levels (records x indicators)."""
    judged = (levels > 0).sum(axis=1)
    total = levels.sum(axis=1, dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(judged > 0, total / np.maximum(judged, 1), np.nan)
    serious = (levels == 1).sum(axis=1)
    rc = RecordClasses(serious, serious + (levels == 2).sum(axis=1), judged, score, None)
    number = np.zeros(len(judged), dtype=np.int64)
    if classes:
        number[:] = classes[-1].number
        for cls in reversed(classes[:-1]):  # the first class reached wins
            number = np.where(_reached(cls, rc), cls.number, number)
        number[judged == 0] = 0
    rc.number = number
    return rc


def _per_group(group: Any, values: Any, groups: int, width: int) -> Any:
    """Counts of values 0 .. width-1 per group: an array of groups x width."""
    return np.bincount(group * width + values, minlength=groups * width).reshape(groups, width)


class Scale:
    """Level and class counts for every group (area and round) of a level, read per group."""

    def __init__(self, form: Form, levels: Any, group: Any, size: int) -> None:
        self.form = form
        self.levels = {
            ind.id: _per_group(group, levels[:, k].astype(np.int64), size, 4)
            for k, ind in enumerate(form.indicators)
            if ind.has_levels
        }
        self.records = record_classes(form.classes, levels) if form.classes else None
        if self.records is not None:
            width = len(form.classes) + 1
            self.classes = _per_group(group, self.records.number, size, width)

    def indicator_levels(self, g: int) -> dict[str, dict[str, int]]:
        """Per indicator with levels, the records of group `g` at levels 1, 2 and 3."""
        return {
            i: {str(level): int(counts[g, level]) for level in (1, 2, 3)}
            for i, counts in self.levels.items()
        }

    def class_counts(self, g: int) -> list[dict[str, Any]]:
        """The records of group `g` in each class, and those not classified (class None)."""
        if self.records is None:
            return []
        rows = [
            {"class": c.number, "records": int(self.classes[g, c.number])}
            for c in self.form.classes
        ]
        return [*rows, {"class": None, "records": int(self.classes[g, 0])}]

    def classified(
        self, members: Any, uuids: list[Any], names: list[Any], areas: list[Any]
    ) -> list[dict[str, Any]]:
        """Each record of a group with its class, counts and score (rounded for people)."""
        rc = self.records
        if rc is None:
            return []
        score = rc.score[members]
        return [
            {
                "uuid": u,
                "name": n,
                "area": a,
                "class": int(c) or None,
                "serious": int(s),
                "problems": int(p),
                "judged": int(j),
                "score": None if np.isnan(x) else round(float(x), 2),
            }
            for u, n, a, c, s, p, j, x in zip(
                uuids,
                names,
                areas,
                rc.number[members].tolist(),
                rc.serious[members].tolist(),
                rc.problems[members].tolist(),
                rc.judged[members].tolist(),
                score.tolist(),
                strict=True,
            )
        ]
