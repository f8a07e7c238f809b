"""Results per area and round: indicator rates, dimension scores, ranking, target households."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tui_cia.analysis.frames import FormFrames
from tui_cia.analysis.outcomes import Outcomes

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

    def as_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "area": self.area,
            "round": self.round,
            "households": self.households,
            "indicators": self.indicators,
            "dimensions": self.dimensions,
            "ranking": self.ranking,
            "target_households": self.targets,
        }


def _counts(outcome: pd.Series, groups: pd.Series) -> pd.DataFrame:
    """pass/fail/na counts per group."""
    table = outcome.groupby(groups).value_counts().unstack(fill_value=0)
    return table.reindex(columns=["pass", "fail", "na"], fill_value=0)


def _all_counts(table: pd.DataFrame, groups: pd.Series) -> dict[str, pd.DataFrame]:
    """pass/fail/na counts per group for every indicator column, in one group-by."""
    long = table.assign(_group=groups.values).melt(id_vars="_group", var_name="_indicator")
    sizes = long.groupby(["_indicator", "_group", "value"]).size().unstack(fill_value=0)
    sizes = sizes.reindex(columns=["pass", "fail", "na"], fill_value=0)
    present = set(sizes.index.get_level_values(0))
    return {name: sizes.loc[name] if name in present else sizes.iloc[:0] for name in table.columns}


def _rate(passed: int, failed: int) -> float | None:
    return round(100.0 * passed / (passed + failed), 2) if passed + failed else None


class Analysis:
    """Counts for every indicator and group, computed once, read per area."""

    def __init__(self, data: FormFrames, outcomes: Outcomes, level: str) -> None:
        self.data, self.outcomes, self.level = data, outcomes, level
        settings = data.form.settings
        house = data.households
        width = LEVELS[level]
        self.area = (
            house[settings.area].astype("string").str[:width]
            if settings.area
            else pd.Series("", index=house.index)
        )
        self.round = house[settings.round] if settings.round else pd.Series(0, index=house.index)
        self.key = self.area.astype(str) + "|" + self.round.astype(str)
        self.household_counts = _all_counts(outcomes.household, self.key)
        self.person_counts = {
            i: _counts(p["outcome"], p["_uuid"].map(self.key)) for i, p in outcomes.persons.items()
        }

    def groups(self) -> list[tuple[str, int | None]]:
        pairs = pd.DataFrame({"a": self.area, "r": self.round}).drop_duplicates()
        return sorted(
            (str(a), None if pd.isna(r) else int(r)) for a, r in pairs.itertuples(index=False)
        )

    def result(self, area: str, round_: int | None) -> AreaResult:
        key = f"{area}|{round_}"
        members = self.key == key
        res = AreaResult(self.level, area, round_, int(members.sum()))
        res.indicators = [self._indicator(ind, key) for ind in self.data.form.indicators]
        res.dimensions = self._dimensions(res.indicators, members)
        ranked = sorted(
            (i for i in res.indicators if i["rate"] is not None),
            key=lambda i: (i["rate"], i["number"] or 0),
        )
        res.ranking = [
            {
                "id": i["id"],
                "number": i["number"],
                "rate": i["rate"],
                "target": i["target"],
                "gap": i["gap"],
            }
            for i in ranked
        ]
        res.targets = self._targets(members)
        return res

    def _row(self, counts: pd.DataFrame, key: str) -> tuple[int, int]:
        if key not in counts.index:
            return 0, 0
        row = counts.loc[key]
        return int(row["pass"]), int(row["fail"])

    def _indicator(self, ind: Any, key: str) -> dict[str, Any]:
        h_pass, h_fail = self._row(self.household_counts[ind.id], key)
        passed, failed = (
            self._row(self.person_counts[ind.id], key)
            if ind.id in self.person_counts
            else (h_pass, h_fail)
        )
        rate = _rate(passed, failed)
        gap = round(ind.target - rate, 2) if ind.target is not None and rate is not None else None
        return {
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

    def _dimensions(self, rows: list[dict[str, Any]], members: pd.Series) -> list[dict[str, Any]]:
        table = self.outcomes.household[members]
        result = []
        for dim in self.data.form.dimensions:
            ids = [r["id"] for r in rows if r["dimension"] == dim.id]
            rates = [r["rate"] for r in rows if r["id"] in ids and r["rate"] is not None]
            part = table[ids] if ids else table.iloc[:, :0]
            applicable = (part != "na").any(axis=1)
            clean = applicable & ~(part == "fail").any(axis=1)
            share = round(100.0 * clean.sum() / applicable.sum(), 2) if applicable.sum() else None
            result.append(
                {
                    "id": dim.id,
                    "score": round(sum(rates) / len(rates), 2) if rates else None,
                    "households_applicable": int(applicable.sum()),
                    "households_pass_all_pct": share,
                }
            )
        return result

    def _targets(self, members: pd.Series) -> list[dict[str, Any]]:
        """Households failing at least one indicator, with the numbers they fail."""
        table = self.outcomes.household[members]
        failing = (table == "fail").to_numpy()
        numbers = {i.id: i.number for i in self.data.form.indicators}
        columns = [numbers.get(c) or c for c in table.columns]
        names = self.data.households["_name"].reindex(table.index).to_numpy()
        area_field = self.data.form.settings.area
        areas = (
            self.data.households[area_field].reindex(table.index).astype(str).to_numpy()
            if area_field
            else [None] * len(table)
        )
        uuids = table.index.to_numpy()
        return [
            {
                "uuid": uuids[k],
                "name": names[k],
                "area": areas[k],
                "failing": [columns[j] for j in failing[k].nonzero()[0]],
            }
            for k in failing.any(axis=1).nonzero()[0]
        ]
