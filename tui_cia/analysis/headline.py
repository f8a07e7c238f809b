"""The headline figures of an area and round: households, population and average income.

Counted records only (complete or verified, not deleted), like the indicators. Population
is the members of the first roster of the household form; the average income per person is
the households' total income over that population (the department's
รายได้เฉลี่ยต่อคนต่อปี of an area), read from the field `income_total` when the form has one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from tui_cia.storage.flat import flat_tables

INCOME_FIELD = "income_total"


@dataclass(frozen=True)
class Headline:
    """What the report's first lines say of an area and round."""

    households: int
    population: int | None  # None: the form has no roster
    income_per_person: float | None  # None: the form has no total income


def _where(form: Any, area: str, round_: int | None) -> tuple[str, list[Any]]:
    clauses = ["h._status IN ('complete', 'verified')", "COALESCE(h._deleted, 0) = 0"]
    values: list[Any] = []
    if form.settings.area and area:
        clauses.append(f'substr(h."{form.settings.area}", 1, ?) = ?')
        values += [len(area), area]
    if form.settings.round and round_ is not None:
        clauses.append(f'h."{form.settings.round}" = ?')
        values.append(round_)
    return " AND ".join(clauses), values


def headline(conn: sqlite3.Connection, form: Any, area: str, round_: int | None) -> Headline:
    """The households, population and average income per person of `area` in `round_`."""
    record, *repeats = flat_tables(form)
    where, values = _where(form, area, round_)
    households = conn.execute(f'SELECT count(*) FROM "{record.name}" h WHERE {where}', values)
    count = int(households.fetchone()[0])
    if not repeats:
        return Headline(count, None, None)
    roster = repeats[0].name
    people = conn.execute(
        f'SELECT count(*) FROM "{roster}" m JOIN "{record.name}" h ON h._uuid = m._uuid '
        f"WHERE {where}",
        values,
    )
    population = int(people.fetchone()[0])
    income = None
    if INCOME_FIELD in record.field_names and population:
        total = conn.execute(
            f'SELECT sum(h."{INCOME_FIELD}") FROM "{record.name}" h WHERE {where}', values
        ).fetchone()[0]
        income = None if total is None else round(total / population, 0)
    return Headline(count, population, income)
