"""Analysis: records to pandas frames, indicators, dimension scores and rankings per area."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from tui_cia.analysis.frames import FormFrames, frame_requests, load_frames
from tui_cia.analysis.outcomes import Outcomes, indicator_outcomes
from tui_cia.analysis.reading import prepare as _prepare_requests
from tui_cia.analysis.results import LEVELS, Analysis, AreaResult
from tui_cia.storage.collector import collector_paused
from tui_cia.storage.flat import flat_tables

__all__ = [
    "LEVELS",
    "AreaResult",
    "FormFrames",
    "Outcomes",
    "analyse",
    "indicator_outcomes",
    "load_frames",
    "prepare",
]


P = ParamSpec("P")
R = TypeVar("R")


def _bulk(function: Callable[P, R]) -> Callable[P, R]:
    """Python's cycle collector off while results are built: a province makes about a
    million small dicts and lists (no cycles), and collections run over and over as they
    pile up (two thirds of the time of building them)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return run


def _filter(
    form: Any, level: str, round_: int | None, area: str | None
) -> tuple[tuple[int, ...] | None, str | None]:
    """The households a call needs: its round and the one before (for the change), and the
    area at this level that holds `area` (as a code prefix)."""
    rounds = (round_, round_ - 1) if round_ is not None and form.settings.round else None
    prefix = area[: min(len(area), LEVELS[level])] if area and form.settings.area else None
    return rounds, prefix


@_bulk
def analyse(
    store: Any,
    form: Any,
    *,
    level: str = "village",
    round_: int | None = None,
    area: str | None = None,
) -> list[AreaResult]:
    """The CIA per area of `level` (and round): every area, or those under `area`."""
    store.checkpoint_all()
    data = load_frames(store.conn, form, *_filter(form, level, round_, area))
    analysis = Analysis(data, indicator_outcomes(data), level)
    groups = analysis.groups()
    if round_ is None and groups:
        round_ = max((r for _, r in groups if r is not None), default=None)
    chosen = [
        (a, r)
        for a, r in groups
        if r == round_ and (not area or a.startswith(area) or area.startswith(a))
    ]
    results = []
    for code, rnd in chosen:
        result = analysis.result(code, rnd)
        before = (
            analysis.rates(code, rnd - 1)
            if rnd is not None and (code, rnd - 1) in analysis.keys
            else {}
        )
        for row in result.indicators:
            rate, earlier = row["rate"], before.get(row["id"])
            row["change"] = (
                round(rate - earlier, 2) if rate is not None and earlier is not None else None
            )
        results.append(result)
    return results


def area_result(store: Any, form: Any, area: str, round_: int | None = None) -> AreaResult:
    """The CIA of one area (its level from the code's length), or a clear error."""
    from tui_cia.errors import TuiCiaError

    level = {n: name for name, n in LEVELS.items()}.get(len(area))
    if level is None or not area.isdigit():
        raise TuiCiaError(f"{area!r}: an area code has 2, 4, 6 or 8 digits")
    found = [
        r for r in analyse(store, form, level=level, round_=round_, area=area) if r.area == area
    ]
    if not found:
        raise TuiCiaError(f"no complete or verified records for area {area} in that round")
    if found[0].not_scored is not None:
        raise TuiCiaError(f"area {area} is not scored: {found[0].not_scored}")
    return found[0]


@_bulk
def all_results(
    store: Any, form: Any, levels: tuple[str, ...] = ("tambon", "village")
) -> dict[tuple[str, Any], Any]:
    """Every area of these levels in every round, from one reading of the records."""
    store.checkpoint_all()
    data = load_frames(store.conn, form)
    outcomes = indicator_outcomes(data)
    found: dict[tuple[str, Any], AreaResult] = {}
    for level in levels:
        analysis = Analysis(data, outcomes, level)
        for code, rnd in analysis.groups():
            found[(code, rnd)] = analysis.result(code, rnd)
    return found


def prepare(
    store: Any,
    form_ids: list[str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Fill the column cache for the analysis of these forms (default: every form in the
    database with indicators), after a bulk write, so that the next analysis finds its
    columns ready; the number of chunks read (0 for a database that cannot keep them).
    `cancelled` is asked between batches of chunks: what was read is kept."""
    read = 0
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    for form_id in form_ids if form_ids is not None else store.forms.ids():
        form = store.forms.get(form_id)
        if form.indicators and all(t.name in tables for t in flat_tables(form)):
            requests = frame_requests(store.conn, form)
            read += _prepare_requests(store.conn, requests, cancelled=cancelled)
    return read
