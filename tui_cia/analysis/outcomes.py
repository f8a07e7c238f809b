"""Every indicator judged for every household (and person) at once, with vectorised rules."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tui_cia.analysis.frames import FormFrames
from tui_cia.analysis.vectorize import Frames, evaluate, truth
from tui_cia.survey.schema import Indicator


@dataclass
class Outcomes:
    """'pass' / 'fail' / 'na' per household and indicator; per person for person rules."""

    household: pd.DataFrame
    persons: dict[str, pd.DataFrame] = field(default_factory=dict)


def _judge(indicator: Indicator, frames: Frames) -> pd.Series:
    index = frames.frame.index
    applies = (
        truth(evaluate(indicator.applies.node, frames))
        if indicator.applies
        else pd.Series(True, index=index)
    )
    passes = truth(evaluate(indicator.passes.node, frames))
    return pd.Series(np.where(~applies, "na", np.where(passes, "pass", "fail")), index=index)


def _household_of_persons(persons: pd.DataFrame, index: pd.Index) -> pd.Series:
    """A household fails if any applicable member fails, passes if all pass, else is n/a."""
    judged = persons[persons["outcome"] != "na"]
    failing = (judged["outcome"] == "fail").groupby(judged["_uuid"]).any()
    result = pd.Series("na", index=index)
    result[failing.index[failing.values]] = "fail"
    result[failing.index[~failing.values]] = "pass"
    return result


def indicator_outcomes(data: FormFrames) -> Outcomes:
    households = data.households
    top = Frames(households, data.repeats)
    table: dict[str, pd.Series] = {}
    persons: dict[str, pd.DataFrame] = {}
    for indicator in data.form.indicators:
        if indicator.unit == "person" and indicator.over in data.repeats:
            rows = data.repeats[indicator.over]
            outcome = _judge(indicator, Frames(rows, {}))
            judged = rows[["_uuid", "_id"]].assign(outcome=outcome.values)
            persons[indicator.id] = judged
            table[indicator.id] = _household_of_persons(judged, households.index)
        else:
            table[indicator.id] = _judge(indicator, top)
    frame = pd.DataFrame(table, index=households.index)
    return Outcomes(frame, persons)
