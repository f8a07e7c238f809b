"""Which answers make an indicator pass: read from the form's own `pass` rules.

The sample answers most questions the passing way and a few the failing way, so each
indicator fails in a plausible share of households without the generator knowing the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui_cia.survey import Form

_EQ = re.compile(r"\$\{(\w+)\}\s*=\s*'(\w+)'")
_NE = re.compile(r"\$\{(\w+)\}\s*!=\s*'(\w+)'")
_NOT_SELECTED = re.compile(r"not\s+selected\(\$\{(\w+)\},\s*'(\w+)'\)")
_SELECTED = re.compile(r"(?<!not )selected\(\$\{(\w+)\},\s*'(\w+)'\)")
_AT_LEAST = re.compile(r"\$\{(\w+)\}\s*>=\s*(\d+)")


@dataclass
class Goals:
    """For each field, the values that pass and those that fail, and numeric floors."""

    good: dict[str, set[str]] = field(default_factory=dict)
    bad: dict[str, set[str]] = field(default_factory=dict)
    floor: dict[str, int] = field(default_factory=dict)


def read_goals(form: Form) -> Goals:
    goals = Goals()
    for indicator in form.indicators:
        source = indicator.passes.source
        for name, value in _NOT_SELECTED.findall(source):
            goals.bad.setdefault(name, set()).add(value)
        for name, value in _SELECTED.findall(source):
            goals.good.setdefault(name, set()).add(value)
        for name, value in _EQ.findall(source):
            goals.good.setdefault(name, set()).add(value)
        for name, value in _NE.findall(source):
            goals.bad.setdefault(name, set()).add(value)
        for name, value in _AT_LEAST.findall(source):
            goals.floor[name] = int(value)
    return goals
