"""What the charts show, as plain data: radar axes and series, bar rows (no drawing here)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tui_cia.analysis.results import AreaResult
from tui_cia.survey.areas import LEVEL_NAMES, level_name


def radar_data(
    form: Any, results: list[AreaResult], lang: str = "th"
) -> tuple[list[str], list[tuple[str, Sequence[float | None]]], float | None]:
    """Axes (dimension labels), one series per result, and the target ring (mean target)."""
    axes = [d.label.get(lang) for d in form.dimensions]
    names = _names(form, lang)
    series: list[tuple[str, Sequence[float | None]]] = []
    for result in results:
        scores = {d["id"]: d["score"] for d in result.dimensions}
        series.append(
            (
                f"{area_title(names, result.area)} {result.round}",
                [scores.get(d.id) for d in form.dimensions],
            )
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


def _names(form: Any, lang: str) -> dict[str, str]:
    from tui_cia.analysis.crosstab import area_names

    return area_names(form, lang)


def area_title(names: dict[str, str], code: str) -> str:
    """An area code with its name, when the form's lists have it."""
    name = names.get(code)
    return f"{code} {name}" if name else code


def _target_lists(
    result: AreaResult, labels: dict[str, str], names: dict[str, str], anonymous: bool
) -> list[tuple[Any, str, int, list[tuple[str, int, str]]]]:
    """One list per failing indicator (in the ranking's order): its number, label, how many
    households fail it and, per village, how many and which (names, or numbers in an
    anonymous report)."""
    numbered = {h["uuid"]: n for n, h in enumerate(result.targets, start=1)}
    lists = []
    for r in result.ranking:
        by_village: dict[str, list[str]] = {}
        for h in result.targets:
            if r["number"] in h["failing"]:
                who = f"#{numbered[h['uuid']]}" if anonymous else (h["name"] or h["uuid"][:8])
                by_village.setdefault(h.get("area") or result.area, []).append(who)
        if by_village:
            total = sum(len(v) for v in by_village.values())
            rows = [
                (area_title(names, code), len(who), ", ".join(who))
                for code, who in sorted(by_village.items())
            ]
            lists.append((r["number"], labels[r["id"]], total, rows))
    return lists


PLACE_WORDS = {
    "tambon": ("ตำบล", "Tambon "),
    "amphoe": ("อำเภอ", "Amphoe "),
    "province": ("จังหวัด", "Province of "),
}
TITLE = {
    "th": "รายงานผลการวิเคราะห์ข้อมูลชุมชน {place} รอบ {round}",
    "en": "Community information report: {place}, round {round}",
}


def place_name(names: dict[str, str], level: str, code: str, lang: str = "th") -> str:
    """An area as people name it: ตำบลโก่งธนู, หมู่ 2 บ้านหนองบัว ตำบลโก่งธนู (the code when
    the form's lists do not name it)."""
    name = names.get(code)
    if not name:
        return code
    english = lang == "en"
    if level == "village":
        tambon = names.get(code[:6])
        if not tambon:
            return name
        return f"{name}, Tambon {tambon}" if english else f"{name} ตำบล{tambon}"
    word = PLACE_WORDS.get(level)
    return f"{word[english]}{name}" if word else name


def matrix(
    form: Any, villages: list[AreaResult], lang: str = "th"
) -> tuple[list[str], list[list[Any]], list[list[str]]]:
    """Areas (rows: a tambon's villages, an amphoe's tambons) by indicators (columns, by
    number): each cell the pass rate; the first heading names the areas' level. The marks
    say which cells are below target ("below") or more than FAR points below ("far")."""
    names = _names(form, lang)
    numbers = [str(i.number or i.id) for i in form.indicators]
    level = villages[0].level if villages else "village"
    head = [level_name(level if level in LEVEL_NAMES else "village", lang), *numbers]
    rows, marks = [], []
    for village in sorted(villages, key=lambda v: v.area):
        found = {str(r["number"] or r["id"]): r for r in village.indicators}
        cells = [found.get(n) for n in numbers]
        rows.append([area_title(names, village.area), *(_whole(r) for r in cells)])
        marks.append(["", *(_mark(r) for r in cells)])
    return head, rows, marks


FAR = 10  # points below target from which a matrix cell is marked more strongly


def _mark(row: dict[str, Any] | None) -> str:
    """How a matrix cell stands out: "" at or above target, "below", or "far" below."""
    if row is None or row["rate"] is None or row["target"] is None:
        return ""
    short = float(row["target"]) - row["rate"]
    return "" if short <= 0 else ("far" if short > FAR else "below")


def report_context(
    form: Any,
    results: list[AreaResult],
    lang: str = "th",
    anonymous: bool = False,
    *,
    headline: Any = None,
    plans: dict[str, Any] | None = None,
    villages: list[AreaResult] | None = None,
) -> dict[str, Any]:
    """Everything the meeting report shows, as plain data; `results[0]` is the area itself,
    `results[1]` (if any) the round before; `plans` the planning notes by indicator id;
    `villages` the results of the villages of a tambon (for the matrix)."""
    result = results[0]
    names = _names(form, lang)
    labels = {i.id: i.label.get(lang) for i in form.indicators}
    unit = {
        "person": "คน" if lang == "th" else "persons",
        "household": "คร." if lang == "th" else "households",
    }
    axes, series, target = radar_data(form, results, lang)
    before = {r["id"]: r["rate"] for r in results[1].indicators} if len(results) > 1 else {}
    dims = {d.id: d.label.get(lang) for d in form.dimensions}
    targets: dict[str, list[tuple[str, list[Any]]]] = {}
    for number, row in enumerate(result.targets, start=1):
        who = f"#{number}" if anonymous else (row["name"] or row["uuid"][:8])
        place = area_title(names, row.get("area") or result.area)
        targets.setdefault(place, []).append((who, row["failing"]))
    plans = plans or {}
    lists = _target_lists(result, labels, names, anonymous)
    place = place_name(names, result.level, result.area, lang)
    return {
        "title": TITLE["en" if lang == "en" else "th"].format(place=place, round=result.round),
        "form_title": form.settings.title.get(lang) or form.id,
        "place": place,
        "lang": lang,
        "area": area_title(names, result.area),
        "level": result.level,
        "round": result.round,
        "previous_round": results[1].round if len(results) > 1 else None,
        "households": result.households,
        "headline": headline,
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
                _shown(r["rate"]),
                _shown(before.get(r["id"])),
                _change(r["rate"], before.get(r["id"])),
                r["target"],
                _gap(r),
            )
            for r in result.indicators
        ],
        "dimensions": [
            (dims[d["id"]], _shown(d["score"]), _shown(d["households_pass_all_pct"]))
            for d in result.dimensions
        ],
        "ranking": [
            (r["number"], labels[r["id"]], _shown(r["rate"]), _gap(r)) for r in result.ranking
        ],
        "plans": [
            (
                r["number"],
                labels[r["id"]],
                _shown(r["rate"]),
                getattr(plans.get(r["id"]), "cause", ""),
                getattr(plans.get(r["id"]), "project", ""),
                getattr(plans.get(r["id"]), "agency", ""),
            )
            for r in result.ranking
        ],
        "target_lists": [(f"{n} {label} ({total:,})", rows) for n, label, total, rows in lists],
        "target_summary": [(n, label, total, len(rows)) for n, label, total, rows in lists],
        "matrix": matrix(form, villages, lang) if villages else None,
        "targets": targets,
    }


def one_decimal(value: float | None) -> float | None:
    """A rate as every table prints it: one decimal, half up from the two decimals the
    results keep (94.05 is 94.1, as the bars show it), never Python's float rounding."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)) + 0.0


_one = one_decimal


def _shown(value: float | None) -> str | None:
    """A rate as the report prints it: always one decimal (94.0, not 94)."""
    one = _one(value)
    return None if one is None else f"{one:.1f}"


def _gap(row: dict[str, Any]) -> str | None:
    """The gap to the target as printed: the target less the printed rate, so the two add
    up on the page (77.8 and 22.2, not 22.1 from the unrounded rate)."""
    rate = _one(row["rate"])
    if rate is None or row["target"] is None:
        return None
    return f"{round(float(row['target']) - rate, 1) + 0.0:.1f}"


def _whole(row: dict[str, Any] | None) -> int | None:
    """A rate in the village matrix: a whole percent (31 columns on an A4 page); a rate
    below its target never shows as the target (99.6 of 100 shows 99, not 100), so that a
    cell at the target always means the target is met."""
    if row is None or row["rate"] is None:
        return None
    shown = round(row["rate"])
    target = row["target"]
    if target is not None and row["rate"] < target and shown >= target:
        shown = math.ceil(target) - 1
    return int(shown)


def _change(rate: float | None, earlier: float | None) -> str | None:
    """The change since the round before, signed (+1.2, -0.4, 0), between the rates as
    printed (one decimal each), so that the figures on the page agree."""
    now, then = _one(rate), _one(earlier)
    if now is None or then is None:
        return None
    change = round(now - then, 1) + 0.0
    return f"{change:+.1f}" if change else "0.0"
