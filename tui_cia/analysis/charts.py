"""What the charts show, as plain data: radar axes and series, bar rows (no drawing here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui_cia.analysis.results import AreaResult


def radar_data(
    form: Any, results: list[AreaResult], lang: str = "th"
) -> tuple[list[str], list[tuple[str, Sequence[float | None]]], float | None]:
    """Axes (dimension labels), one series per result, and the target ring (mean target)."""
    axes = [d.label.get(lang) for d in form.dimensions]
    series: list[tuple[str, Sequence[float | None]]] = []
    for result in results:
        scores = {d["id"]: d["score"] for d in result.dimensions}
        series.append(
            (f"{result.area} {result.round}", [scores.get(d.id) for d in form.dimensions])
        )
    targets = [i.target for i in form.indicators if i.target is not None]
    return axes, series, (sum(targets) / len(targets) if targets else None)


def bar_rows(
    form: Any, result: AreaResult, lang: str = "th"
) -> list[tuple[str, float | None, float | None]]:
    """One row per indicator: "number name", pass rate, target."""
    labels = {i.id: i.label.get(lang) for i in form.indicators}
    return [
        (f"{row['number'] or ''} {labels[row['id']]}".strip(), row["rate"], row["target"])
        for row in result.indicators
    ]


def report_context(
    form: Any, results: list[AreaResult], lang: str = "th", anonymous: bool = False
) -> dict[str, Any]:
    """Everything the meeting report shows, as plain data; `results[0]` is the area itself."""
    result = results[0]
    labels = {i.id: i.label.get(lang) for i in form.indicators}
    unit = {
        "person": "คน" if lang == "th" else "persons",
        "household": "คร." if lang == "th" else "households",
    }
    axes, series, target = radar_data(form, results, lang)
    dims = {d.id: d.label.get(lang) for d in form.dimensions}
    targets: dict[str, list[tuple[str, list[Any]]]] = {}
    for number, row in enumerate(result.targets, start=1):
        who = f"#{number}" if anonymous else (row["name"] or row["uuid"][:8])
        targets.setdefault(row.get("area") or result.area, []).append((who, row["failing"]))
    return {
        "title": form.settings.title.get(lang) or form.id,
        "lang": lang,
        "area": result.area,
        "level": result.level,
        "round": result.round,
        "households": result.households,
        "axes": axes,
        "series": series,
        "target": target,
        "bars": bar_rows(form, result, lang),
        "table": [
            (
                r["number"],
                labels[r["id"]],
                unit[r["unit"]],
                r["applicable"],
                r["passed"],
                r["failed"],
                r["rate"],
                r["target"],
                r["gap"],
            )
            for r in result.indicators
        ],
        "dimensions": [
            (dims[d["id"]], d["score"], d["households_pass_all_pct"]) for d in result.dimensions
        ],
        "ranking": [(r["number"], labels[r["id"]], r["rate"], r["gap"]) for r in result.ranking],
        "targets": targets,
    }
