"""The meeting report's contents for an area and round, gathered from the database: the
results with the round before, the headline figures, the planning notes and the areas one
level down (a tambon's villages, an amphoe's tambons). The CLI (`tui-cia report`) and the
analysis screen (`w`) both start here; plots.report turns the contents into Markdown or
HTML."""

from __future__ import annotations

from typing import Any

from tui_cia.analysis import analyse, area_result
from tui_cia.analysis.charts import report_context
from tui_cia.analysis.headline import headline
from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.plans import plans_for
from tui_cia.survey import Form

# The matrix of a report: the areas one level down (a tambon's villages, an amphoe's tambons).
LEVEL_BELOW = {"province": "amphoe", "amphoe": "tambon", "tambon": "village"}


def meeting_context(
    store: Store,
    form: Form,
    area: str,
    round_: int | None = None,
    *,
    lang: str = "th",
    anonymous: bool = False,
) -> dict[str, Any]:
    """What the report of `area` in `round_` (default: the latest) shows; TuiCiaError when
    the area has no complete or verified records in that round."""
    found = [area_result(store, form, area, round_)]
    try:
        before = [area_result(store, form, area, (found[0].round or 1) - 1)]
    except TuiCiaError:
        before = []  # no round before: the radar shows this round alone
    below = LEVEL_BELOW.get(found[0].level)
    parts = analyse(store, form, level=below, round_=found[0].round, area=area) if below else None
    return report_context(
        form,
        found + before,
        lang,
        anonymous,
        headline=headline(store.conn, form, area, found[0].round),
        plans=plans_for(store.conn, form.id, area, found[0].round),
        villages=parts,
    )
