"""Results per area and round: indicator rates, dimension scores, ranking, target households.

Every count is worked out once for all areas of a level and all rounds (one np.bincount per
indicator over the group of each household); a result then only reads its group's counts.
A round outside the form's `indicator_rounds` is not scored: its result holds the number of
households and the reason, with no rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.analysis.frames import FormFrames
from tui_cia.analysis.levels import Scale
from tui_cia.analysis.outcomes import FAIL, NA, Outcomes
from tui_cia.survey.indicators import not_scored

LEVELS = {"province": 2, "amphoe": 4, "tambon": 6, "village": 8}


@dataclass
class AreaResult:
    """The CIA of one area in one round (the `--json` object)."""

    level: str
    area: str
    round: int | None
    households: int
    indicators: list[dict[str, Any]] = field(default_factory=list)
    dimensions: list[dict[str, Any]] = field(default_factory=list)
    ranking: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    not_scored: str | None = None  # why this round is not scored (indicator_rounds)
    classes: list[dict[str, Any]] | None = None  # records per development class (classes:)
    classified: list[dict[str, Any]] | None = None  # each record with its class

    @property
    def scored(self) -> bool:
        return self.not_scored is None

    def as_json(self) -> dict[str, Any]:
        found = self._base_json()
        if self.classes is not None:  # only for a form with a classes: rule
            found["classes"] = self.classes
            found["classified"] = self.classified
        return found

    def _base_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "area": self.area,
            "round": self.round,
            "households": self.households,
            "scored": self.scored,
            "not_scored": self.not_scored,
            "indicators": self.indicators,
            "dimensions": self.dimensions,
            "ranking": self.ranking,
            "target_households": self.targets,
        }


def _rate(passed: int, failed: int) -> float | None:
    return round(100.0 * passed / (passed + failed), 2) if passed + failed else None


def _per_group(group: Any, values: Any, groups: int) -> Any:
    """Counts of values 0, 1, 2 per group: an array of groups x 3."""
    return np.bincount(group * 3 + values, minlength=groups * 3).reshape(groups, 3)


def _areas(data: FormFrames, width: int) -> tuple[Any, list[str]]:
    """Each household's area at this level (an index into the list of area codes)."""
    name = data.form.settings.area
    size = len(data.households)
    if not name:
        return np.zeros(size, dtype=np.int64), [""]
    codes = pd.Categorical(data.households[name])
    prefixes = [str(c)[:width] for c in codes.categories] + [""]
    index, areas = pd.factorize(np.array(prefixes, dtype=object))
    return index[codes.codes], [str(a) for a in areas]  # code -1 (blank) takes the last


def _rounds(data: FormFrames) -> tuple[Any, list[int | None]]:
    name = data.form.settings.round
    if not name:
        return np.zeros(len(data.households), dtype=np.int64), [0]
    values = data.households[name].to_numpy(dtype=np.float64, na_value=np.nan)
    index, rounds = pd.factorize(values, use_na_sentinel=False)
    return index, [None if np.isnan(r) else int(r) for r in rounds]


def _failing_lists(failing: Any, labels: list[Any]) -> tuple[Any, list[list[Any]]]:
    """For each household the index of its set of failed indicators, and those sets."""
    if not labels or not len(failing):
        return np.zeros(len(failing), dtype=np.int64), [[]]
    bits = np.packbits(failing, axis=1)
    width = -(-bits.shape[1] // 8) * 8  # whole 8-byte words: up to 64 indicators sort as ints
    padded = np.zeros((len(bits), width), dtype=np.uint8)
    padded[:, : bits.shape[1]] = bits
    kind = np.uint64 if width == 8 else np.dtype((np.void, width))
    patterns, index = np.unique(padded.view(kind).ravel(), return_inverse=True)
    rows = np.unpackbits(patterns.view(np.uint8).reshape(len(patterns), -1), axis=1)
    return index, [[labels[j] for j in np.flatnonzero(row[: len(labels)])] for row in rows]


class Analysis:
    """Counts for every indicator and group (area and round) of a level, read per area."""

    def __init__(self, data: FormFrames, outcomes: Outcomes, level: str) -> None:
        self.data, self.outcomes, self.level = data, outcomes, level
        form = data.form
        area, self.areas = _areas(data, LEVELS[level])
        rnd, self.rounds = _rounds(data)
        keys, self.group = np.unique(area * len(self.rounds) + rnd, return_inverse=True)
        self.keys = {
            (self.areas[k // len(self.rounds)], self.rounds[k % len(self.rounds)]): g
            for g, k in enumerate(keys.tolist())
        }
        size = len(keys)
        codes = outcomes.codes
        self.sizes = np.bincount(self.group, minlength=size)
        self.house = [_per_group(self.group, codes[:, k], size) for k in range(codes.shape[1])]
        self.person = {
            i: _per_group(self.group[rows], judged, size)
            for i, (rows, judged) in outcomes.person_codes.items()
        }
        self.dims = []
        for dim in form.dimensions:
            part = codes[:, [k for k, i in enumerate(form.indicators) if i.dimension == dim.id]]
            applicable = (part != NA).any(axis=1)
            clean = applicable & ~(part == FAIL).any(axis=1)
            self.dims.append(
                (
                    np.bincount(self.group, weights=applicable, minlength=size),
                    np.bincount(self.group, weights=clean, minlength=size),
                )
            )
        name = form.settings.area
        self.uuids = np.asarray(outcomes.index, dtype=object)
        self.area_text = np.asarray(data.households[name], dtype=object) if name else None
        self.names = data.names
        self.order = np.argsort(self.group, kind="stable")
        self.starts = np.r_[0, np.cumsum(self.sizes)]
        failing = codes == FAIL
        self.failing_any = failing.any(axis=1)
        self.pattern, self.patterns = _failing_lists(
            failing, [i.number or i.id for i in form.indicators]
        )
        levels = outcomes.levels
        self.scale = Scale(form, levels, self.group, size) if levels is not None else None

    def groups(self) -> list[tuple[str, int | None]]:
        return sorted(self.keys, key=lambda k: (k[0], k[1] is not None, k[1] or 0))

    def rates(self, area: str, round_: int | None) -> dict[str, float | None]:
        """The pass rate of each indicator in one group (none for a round not scored)."""
        if not_scored(self.data.form, round_) is not None:
            return {}
        return {row["id"]: row["rate"] for row in self._indicators(self.keys[(area, round_)])}

    def result(self, area: str, round_: int | None) -> AreaResult:
        g = self.keys[(area, round_)]
        res = AreaResult(self.level, area, round_, int(self.sizes[g]))
        res.not_scored = not_scored(self.data.form, round_)
        if res.not_scored is not None:
            return res
        res.indicators = self._indicators(g)
        res.dimensions = self._dimensions(res.indicators, g)
        ranked = sorted(
            (i for i in res.indicators if i["rate"] is not None),
            key=lambda i: (i["rate"], i["number"] or 0),
        )
        keys = ("id", "number", "rate", "target", "gap")
        res.ranking = [{k: i[k] for k in keys} for i in ranked]
        res.targets = self._targets(g)
        if self.scale is not None:
            self._scale(res, g)
        return res

    def _scale(self, res: AreaResult, g: int) -> None:
        """Records per level of each indicator with levels; classes when the form has them."""
        assert self.scale is not None
        levels = self.scale.indicator_levels(g)
        for row in res.indicators:
            if row["id"] in levels:
                row["levels"] = levels[row["id"]]
        if self.scale.records is not None:
            members = self.order[self.starts[g] : self.starts[g + 1]]
            none = [None] * len(members)
            names = self.names[members].tolist() if self.names is not None else none
            areas = self.area_text[members].tolist() if self.area_text is not None else none
            res.classes = self.scale.class_counts(g)
            res.classified = self.scale.classified(
                members, self.uuids[members].tolist(), names, areas
            )

    def _indicators(self, g: int) -> list[dict[str, Any]]:
        rows = []
        for k, ind in enumerate(self.data.form.indicators):
            h_pass, h_fail = (int(x) for x in self.house[k][g, 1:])
            person = self.person.get(ind.id)
            passed, failed = (
                (int(x) for x in person[g, 1:]) if person is not None else (h_pass, h_fail)
            )
            rate = _rate(passed, failed)
            gap = (
                round(ind.target - rate, 2) if ind.target is not None and rate is not None else None
            )
            rows.append(
                {
                    "id": ind.id,
                    "number": ind.number,
                    "dimension": ind.dimension,
                    "unit": ind.unit,
                    "applicable": passed + failed,
                    "passed": passed,
                    "failed": failed,
                    "rate": rate,
                    "target": ind.target,
                    "gap": gap,
                    "households_applicable": h_pass + h_fail,
                    "households_failing": h_fail,
                }
            )
        return rows

    def _dimensions(self, rows: list[dict[str, Any]], g: int) -> list[dict[str, Any]]:
        result = []
        for dim, (applicable, clean) in zip(self.data.form.dimensions, self.dims, strict=True):
            rates = [r["rate"] for r in rows if r["dimension"] == dim.id and r["rate"] is not None]
            some, none_failed = int(applicable[g]), int(clean[g])
            result.append(
                {
                    "id": dim.id,
                    "score": round(sum(rates) / len(rates), 2) if rates else None,
                    "households_applicable": some,
                    "households_pass_all_pct": round(100.0 * none_failed / some, 2)
                    if some
                    else None,
                }
            )
        return result

    def _targets(self, g: int) -> list[dict[str, Any]]:
        """Households failing at least one indicator, with their names and the numbers of
        the indicators they fail."""
        members = self.order[self.starts[g] : self.starts[g + 1]]
        members = members[self.failing_any[members]]
        uuids = self.uuids[members].tolist()
        areas = (
            self.area_text[members].tolist()
            if self.area_text is not None
            else [None] * len(members)
        )
        names = self.names[members].tolist() if self.names is not None else [None] * len(members)
        patterns = self.patterns
        return [
            {"uuid": u, "name": n, "area": a, "failing": list(patterns[p])}
            for u, n, a, p in zip(uuids, names, areas, self.pattern[members].tolist(), strict=True)
        ]
