"""The cells of Home's two tables, from record counts and record lines (no widgets here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from tui_cia.survey.dates import be_time
from tui_cia.tui.i18n import t

Cells = tuple[str, ...]
Columns = list[tuple[str, int]]  # header text and width
Label = Callable[[str | None], str]  # a village code as shown (code and name)

AREA_COLUMNS = (
    ("col.village", 28),
    ("col.round", 5),
    ("col.draft", 6),
    ("col.complete", 8),  # "Complete", "Verified" whole in English
    ("col.verified", 8),
)
STATUSES = ("draft", "complete", "verified")
RECORD_COLUMNS = (
    ("col.record", 16),
    ("col.village", 20),
    ("col.round", 4),
    ("col.status", 6),
    ("col.changed", 19),  # 30 มี.ค. 2565 07:00
)


def area_cells(
    counts: Iterable[tuple[str | None, int | None, str, int]], label: Label, lang: str
) -> tuple[Columns, list[Cells]]:
    """One row per village and round: its records by status."""
    by_area: dict[tuple[str | None, int | None], dict[str, int]] = {}
    for area, rnd, status, n in counts:
        by_area.setdefault((area, rnd), {})[status] = n
    rows = [
        (label(area), str(rnd or "-"), *(str(by.get(s, 0)) for s in STATUSES))
        for (area, rnd), by in by_area.items()
    ]
    return [(t(key, lang), width) for key, width in AREA_COLUMNS], rows


def record_cells(records: Iterable[Any], label: Label, lang: str) -> tuple[Columns, list[Cells]]:
    """One row per record (a `RecordSummary` or an `overview.RecordLine`)."""
    rows: list[Cells] = [
        (
            str(r.name or r.key or r.uuid[:8]),
            label(r.area),
            str(r.round or "-"),
            t(f"status.{r.status}", lang),
            when(r.modified_at, lang),
        )
        for r in records
    ]
    return [(t(key, lang), width) for key, width in RECORD_COLUMNS], rows


def when(stamp: str | None, lang: str, tz: dt.tzinfo | None = None) -> str:
    """A stored time (ISO 8601 UTC) as people read it: local time, the year in the Buddhist
    Era, the month by name (`1 ส.ค. 2565 07:00`, `1 Aug 2565 07:00`); "" if there is none."""
    return be_time(stamp, lang, tz) if stamp else ""
