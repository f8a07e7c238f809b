"""Every indicator judged for every household (and person) at once, with vectorised rules.

Outcomes are small codes, 0 not applicable, 1 pass, 2 fail, in one matrix of households by
indicators; `household` and `persons` show them as frames of 'na' / 'pass' / 'fail'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.analysis.frames import FormFrames
from tui_cia.analysis.vectorize import Frames, truth
from tui_cia.survey.schema import Indicator

NA, PASS, FAIL = 0, 1, 2
LABELS = ("na", "pass", "fail")


@dataclass
class Outcomes:
    """Codes per household and indicator; per person (with its household's position) for
    person rules."""

    index: pd.Index  # the households' uuids
    ids: list[str]
    codes: Any  # int8, households x indicators
    person_codes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # id: (rows, codes)
    levels: Any = None  # int8, households x indicators: 1-3, 0 = n/a or no levels; or None

    @cached_property
    def household(self) -> pd.DataFrame:
        """'na' / 'pass' / 'fail' per household (rows, by uuid) and indicator (columns)."""
        columns = {
            i: pd.Categorical.from_codes(self.codes[:, k], categories=LABELS)
            for k, i in enumerate(self.ids)
        }
        return pd.DataFrame(columns, index=self.index)

    @cached_property
    def persons(self) -> dict[str, pd.DataFrame]:
        """Per person rule, one row per judged person: its household's `_uuid` and `outcome`."""
        return {
            i: pd.DataFrame(
                {
                    "_uuid": pd.Categorical.from_codes(rows, categories=self.index),
                    "outcome": pd.Categorical.from_codes(codes, categories=LABELS),
                }
            )
            for i, (rows, codes) in self.person_codes.items()
        }


def _judge(indicator: Indicator, frames: Frames) -> tuple[Any, Any]:
    """Outcome codes of every unit, and levels (1-3, 0 = n/a) for an indicator with levels."""
    applies = (
        truth(indicator.applies.node, frames)
        if indicator.applies
        else np.ones(frames.size, dtype=bool)
    )
    passes = truth(indicator.passes.node, frames)
    codes = np.where(applies, np.where(passes, PASS, FAIL), NA).astype(np.int8)
    if indicator.serious is None:
        return codes, None
    serious = truth(indicator.serious.node, frames)
    failing = np.where(serious, 1, 2)
    levels = np.where(applies, np.where(passes, 3, failing), 0).astype(np.int8)
    return codes, levels


def _household_level(rows: Any, levels: Any, size: int) -> Any:
    """A household's level is the lowest level of its applicable members (0 if none)."""
    worst = np.full(size, 4, dtype=np.int8)
    judged = levels > 0
    np.minimum.at(worst, rows[judged], levels[judged])
    worst[worst == 4] = 0
    return worst


def _household_of_persons(rows: Any, codes: Any, size: int) -> Any:
    """A household fails if any applicable member fails, passes if all pass, else is n/a."""
    failing = np.bincount(rows, weights=codes == FAIL, minlength=size) > 0
    judged = np.bincount(rows, weights=codes != NA, minlength=size) > 0
    return np.where(failing, FAIL, np.where(judged, PASS, NA)).astype(np.int8)


def indicator_outcomes(data: FormFrames) -> Outcomes:
    households = data.households
    multi = frozenset(f.name for f in data.form.fields() if f.type == "select_multiple")
    top = Frames(households, data.repeats, multi=multi)
    over: dict[str, Frames] = {}  # one per repeat: its columns are read once for all rules
    indicators = data.form.indicators
    codes = np.zeros((len(households), len(indicators)), dtype=np.int8)
    levels = np.zeros_like(codes) if data.form.uses_levels else None
    persons: dict[str, tuple[Any, Any]] = {}
    for k, indicator in enumerate(indicators):
        if indicator.unit == "person" and indicator.over in data.repeats:
            rows = data.repeats[indicator.over]
            if indicator.over not in over:
                place = rows["_row"].to_numpy()
                over[indicator.over] = Frames(rows, parent=households, rows=place, multi=multi)
            frames = over[indicator.over]
            judged, judged_levels = _judge(indicator, frames)
            persons[indicator.id] = (frames.rows, judged)
            codes[:, k] = _household_of_persons(frames.rows, judged, len(households))
            if levels is not None and judged_levels is not None:
                levels[:, k] = _household_level(frames.rows, judged_levels, len(households))
        else:
            codes[:, k], judged_levels = _judge(indicator, top)
            if levels is not None and judged_levels is not None:
                levels[:, k] = judged_levels
    return Outcomes(households.index, [i.id for i in indicators], codes, persons, levels)
