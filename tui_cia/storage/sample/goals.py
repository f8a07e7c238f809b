"""Which answers make an indicator pass, read from the form's own `pass` rules, and how often.

The sample answers each question the passing way with a share worked out from the pass
rate the indicator should have (`TARGETS`, per round): an indicator judged on k questions
that must all pass gets k-th roots of its rate. The rates are the published figures where
there are any (`SOURCES`); the others are plausible guesses, marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui_cia.survey import Form
from tui_cia.survey.schema import Indicator

_EQ = re.compile(r"\$\{(\w+)\}\s*=\s*'(\w+)'")
_NE = re.compile(r"\$\{(\w+)\}\s*!=\s*'(\w+)'")
_NOT_SELECTED = re.compile(r"not\s+selected\(\$\{(\w+)\},\s*'(\w+)'\)")
_SELECTED = re.compile(r"(?<!not )selected\(\$\{(\w+)\},\s*'(\w+)'\)")
_AT_LEAST = re.compile(r"\$\{(\w+)\}\s*>=\s*(\d+)")

# Pass rate (%) of each indicator in the first and the second round of the sample.
TARGETS: dict[str, tuple[float, float]] = {
    "i01": (92.0, 93.0),
    "i02": (80.0, 82.0),
    "i03": (98.0, 98.5),
    "i04": (99.3, 99.4),
    "i05": (98.0, 98.3),
    "i06": (97.3, 97.6),
    "i07": (94.0, 94.5),
    "i08": (97.0, 97.3),
    "i09": (99.0, 99.0),
    "i10": (98.5, 98.7),
    "i11": (93.0, 94.0),
    "i12": (96.0, 96.0),
    "i13": (97.0, 97.5),
    "i14": (97.0, 97.5),
    "i15": (97.0, 97.5),
    "i16": (92.0, 92.5),
    "i17": (90.0, 91.0),
    "i18": (60.0, 62.0),
    "i19": (98.0, 98.2),
    "i20": (90.0, 90.5),
    "i21": (75.0, 76.0),
    "i23": (85.0, 86.0),
    "i26": (90.0, 90.0),
    "i27": (99.0, 99.0),
    "i28": (98.0, 98.5),
    "i29": (99.0, 99.0),
    "i30": (95.0, 95.5),
    "i31": (96.0, 96.0),
}
# Where a target comes from; every other target is a plausible guess (no figure at hand).
SOURCES = {
    "i04": "99.32 % central region 2561 (national quality-of-life report 2561, DOMAIN 1.3)",
    "i06": "97.30 % central region 2561 (national quality-of-life report 2561, DOMAIN 1.3)",
    "i11": "92-99 % (issue 17)",
    "i14": "92-99 % (issue 17)",
    "i16": "about 92 % (issue 17)",
    "i22": "income model: about 10 % of households under 38,000 baht a person",
    "i24": "NSO survey 2564-2565: about 28 % of people aged 15+ drink (approximate)",
    "i25": "NSO survey 2564-2565: about 17-18 % of people aged 15+ smoke (approximate)",
}
# Share of people aged 15+ who drink and who smoke, by sex (1 male, 2 female): about 28 %
# and 17.5 % of all adults, as the NSO's surveys of 2564-2565 report (approximate); people
# aged 6-14 almost never do, those aged 15-19 half as often as older adults.
HABITS = {"i24_drinks": {"1": 0.48, "2": 0.12}, "i25_smokes": {"1": 0.335, "2": 0.015}}
# The share of the answers the indicators read that are asked afresh in the second round.
CHURN = 0.3
# i07 passes with 3 days of exercise, or else 5 days of activity in bouts: the second
# question passes this often, and the first is set so that the indicator meets its target.
BOUTS_SHARE = 0.5


@dataclass
class Goals:
    """For each field, the values that pass and those that fail, numeric floors, and the
    indicators whose rules read it."""

    good: dict[str, set[str]] = field(default_factory=dict)
    bad: dict[str, set[str]] = field(default_factory=dict)
    floor: dict[str, int] = field(default_factory=dict)
    used_by: dict[str, list[Indicator]] = field(default_factory=dict)
    # (indicator id, field) -> share of answers given the passing way in the first round,
    # and of the answers asked afresh in the second (so that it meets its own target)
    shares: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    def share(self, indicator: str, name: str, round_index: int) -> float:
        pair = self.shares.get((indicator, name))
        return pair[min(round_index, 1)] if pair else 0.985


def _item_share(indicator: Indicator, name: str, items: int, rate: float) -> float:
    """The share of passing answers of one of the `items` questions an indicator needs."""
    if indicator.id == "i07":
        if name == "i07_active_days":
            return BOUTS_SHARE
        return max(0.0, (rate - BOUTS_SHARE) / (1 - BOUTS_SHARE))
    if indicator.id == "i31":
        items = 3 if name.startswith("i31_") and name[4].isdigit() else 1
    return float(rate ** (1 / max(1, items)))


def read_goals(form: Form) -> Goals:
    goals = Goals()
    for indicator in form.indicators:
        source = indicator.passes.source
        names: list[str] = []
        for name, value in _NOT_SELECTED.findall(source):
            goals.bad.setdefault(name, set()).add(value)
            names.append(name)
        for name, value in _SELECTED.findall(source):
            goals.good.setdefault(name, set()).add(value)
            names.append(name)
        for name, value in _EQ.findall(source):
            goals.good.setdefault(name, set()).add(value)
            names.append(name)
        for name, value in _NE.findall(source):
            goals.bad.setdefault(name, set()).add(value)
            names.append(name)
        for name, value in _AT_LEAST.findall(source):
            goals.floor[name] = int(value)
            names.append(name)
        distinct = list(dict.fromkeys(names))
        for name in distinct:
            goals.used_by.setdefault(name, []).append(indicator)
            rates = TARGETS.get(indicator.id)
            if rates is not None:
                first = _item_share(indicator, name, len(distinct), rates[0] / 100)
                second = _item_share(indicator, name, len(distinct), rates[1] / 100)
                afresh = min(1.0, max(0.0, first + (second - first) / CHURN))
                goals.shares[(indicator.id, name)] = (first, afresh)
    return goals
