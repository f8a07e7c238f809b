"""Records to pandas frames: one row per household, one per repeat instance, typed by form."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from tui_cia.survey import Form
from tui_cia.survey.schema import Field

COUNTED = ("complete", "verified")
DTYPES = {
    "integer": "Int64",
    "decimal": "Float64",
    "select_one": "category",
    "text": "string",
    "thai_id": "string",
    "select_multiple": "string",
    "date": "string",
    "calculate": None,
}


@dataclass
class FormFrames:
    """The counted records of a form: households and one frame per repeat."""

    form: Form
    households: pd.DataFrame
    repeats: dict[str, pd.DataFrame]


def _typed(frame: pd.DataFrame, form: Form) -> pd.DataFrame:
    """Nullable dtypes from the form: numbers stay numbers even with blanks."""
    for column in frame.columns:
        item = form.items.get(column)
        if not isinstance(item, Field):
            continue
        dtype = DTYPES.get(item.type)
        if dtype is None:  # a calculation: a number if its values are numbers
            numbers = pd.to_numeric(frame[column], errors="coerce")
            if numbers.notna().sum() == frame[column].notna().sum():
                frame[column] = numbers.astype("Float64")
            continue
        frame[column] = frame[column].astype("string" if dtype == "category" else dtype)
    return frame


def load_frames(conn: sqlite3.Connection, form: Form) -> FormFrames:
    """Complete and verified, not deleted records of `form` (their current revision)."""
    table = f"form_{form.id}"
    counted = "_status IN ('complete', 'verified') AND _deleted = 0"
    households = pd.read_sql_query(
        f'SELECT h.*, r.instance_name AS _name FROM "{table}" h '
        f"JOIN records r ON r.uuid = h._uuid WHERE {counted}",
        conn,
    )
    households = _typed(households, form).set_index("_uuid", drop=False)
    repeats: dict[str, pd.DataFrame] = {}
    for rep in form.repeats():
        rows = pd.read_sql_query(
            f'SELECT r.* FROM "{table}_{rep.name}" r JOIN "{table}" h ON h._uuid = r._uuid '
            f"WHERE h.{counted}",
            conn,
        )
        rows = _typed(rows, form)
        # Person rules read household answers too: join them in (names are unique).
        extra = [c for c in households.columns if not c.startswith("_") and c not in rows]
        rows = rows.join(households[extra], on="_uuid")
        repeats[rep.name] = rows.reset_index(drop=True)
    return FormFrames(form, households, repeats)
