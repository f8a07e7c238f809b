"""Planning notes: what the meeting agreed for an indicator that fails in an area and round.

Each note is the cause, the project and the responsible agency, typed by staff in the
analysis screen (or `tui-cia plan set`) and printed in the meeting report. A note is keyed by
form, area, round and indicator; saving keeps every text in `plan_history`. Between laptops
the latest text wins, by time and then device (`merge_plans`), so that merging in any order
gives the same notes everywhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass

from tui_cia.errors import TuiCiaError
from tui_cia.storage.db import transaction
from tui_cia.storage.rowmeta import utc_now
from tui_cia.storage.settings import device_id, enumerator

NO_ROUND = 0  # the round of a note for a form without rounds
PART_CHARS = 500  # cause, project and agency each: a line or two of a printed table
PARTS = ("cause", "project", "agency")
COLUMNS = (
    "form_id, area, round, indicator, cause, project, agency, modified_at, modified_by, device"
)


class PlanError(TuiCiaError):
    """A planning note that cannot be saved; the message says why."""


@dataclass(frozen=True)
class Plan:
    """One planning note, as stored."""

    form_id: str
    area: str
    round: int
    indicator: str
    cause: str = ""
    project: str = ""
    agency: str = ""
    modified_at: str = ""
    modified_by: str | None = None
    device: str = ""

    @property
    def empty(self) -> bool:
        return not (self.cause or self.project or self.agency)


def _clean(text: str | None, part: str) -> str:
    value = " ".join((text or "").split())  # one line: a table cell in the report
    if len(value) > PART_CHARS:
        raise PlanError(f"{part}: at most {PART_CHARS} characters ({len(value)} typed)")
    return value


def plans_for(
    conn: sqlite3.Connection, form_id: str, area: str, round_: int | None
) -> dict[str, Plan]:
    """The notes of one area and round, by indicator id."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM plans WHERE form_id = ? AND area = ? AND round = ?",
        (form_id, area, NO_ROUND if round_ is None else round_),
    ).fetchall()
    return {row[3]: Plan(*row) for row in rows}


def plans_under(
    conn: sqlite3.Connection, form_id: str, area: str, round_: int | None
) -> dict[tuple[str, str], Plan]:
    """The notes of an area and every area inside it, by (area, indicator id)."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM plans WHERE form_id = ? AND round = ? AND substr(area, 1, ?) = ?",
        (form_id, NO_ROUND if round_ is None else round_, len(area), area),
    ).fetchall()
    return {(row[1], row[3]): Plan(*row) for row in rows}


def save_plan(
    conn: sqlite3.Connection,
    form_id: str,
    area: str,
    round_: int | None,
    indicator: str,
    *,
    cause: str | None = None,
    project: str | None = None,
    agency: str | None = None,
    by: str | None = None,
) -> Plan:
    """Save the parts given (None keeps a part as it is); every save goes to the history,
    by `by` (else the database's enumerator)."""
    if not area.isdigit() or len(area) not in (2, 4, 6, 8):
        raise PlanError(f"{area!r}: an area code has 2, 4, 6 or 8 digits")
    rnd = NO_ROUND if round_ is None else round_
    with transaction(conn):
        before = plans_for(conn, form_id, area, round_).get(indicator)
        given = {"cause": cause, "project": project, "agency": agency}
        parts = {
            p: _clean(given[p], p) if given[p] is not None else getattr(before, p, "")
            for p in PARTS
        }
        plan = Plan(
            form_id,
            area,
            rnd,
            indicator,
            **parts,
            modified_at=_after(before.modified_at if before else ""),
            modified_by=(by or "").strip()[:PART_CHARS] or enumerator(conn) or None,
            device=device_id(conn),
        )
        _write(conn, [plan])
    return plan


def _after(earlier: str) -> str:
    """Now, or a millisecond after `earlier` if that is not before now: each save of a note
    has a time of its own, so that its history keeps every text."""
    import datetime as dt

    now = utc_now()
    if not earlier or now > earlier:
        return now
    moment = dt.datetime.fromisoformat(earlier.replace("Z", "+00:00"))
    later = moment + dt.timedelta(milliseconds=1)
    return later.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _write(conn: sqlite3.Connection, plans: Iterable[Plan]) -> None:
    marks = ", ".join("?" * 10)
    rows = [astuple(p) for p in plans]
    conn.executemany(f"INSERT OR REPLACE INTO plans ({COLUMNS}) VALUES ({marks})", rows)
    conn.executemany(f"INSERT OR IGNORE INTO plan_history ({COLUMNS}) VALUES ({marks})", rows)


def all_plans(conn: sqlite3.Connection) -> list[Plan]:
    """Every note of the database (for a bundle)."""
    return [Plan(*row) for row in conn.execute(f"SELECT {COLUMNS} FROM plans ORDER BY 1, 2, 3, 4")]


def _newer(a: Plan, b: Plan | None) -> bool:
    return b is None or (a.modified_at, a.device) > (b.modified_at, b.device)


def merge_plans(conn: sqlite3.Connection, incoming: Iterable[Plan]) -> int:
    """Notes from another laptop, inside the caller's transaction: each replaces ours only
    if it is newer (time, then device); every text goes to the history. The number taken."""
    taken = []
    for plan in incoming:
        ours = plans_for(conn, plan.form_id, plan.area, plan.round).get(plan.indicator)
        if _newer(plan, ours):
            taken.append(plan)
        else:
            conn.execute(
                f"INSERT OR IGNORE INTO plan_history ({COLUMNS}) VALUES ({', '.join('?' * 10)})",
                astuple(plan),
            )
    if taken:
        _write(conn, taken)
    return len(taken)


def plan_history(
    conn: sqlite3.Connection, form_id: str, area: str, round_: int | None, indicator: str
) -> list[Plan]:
    """Every text a note has had, oldest first."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM plan_history WHERE form_id = ? AND area = ? AND round = ? "
        "AND indicator = ? ORDER BY modified_at, device",
        (form_id, area, NO_ROUND if round_ is None else round_, indicator),
    ).fetchall()
    return [Plan(*row) for row in rows]
