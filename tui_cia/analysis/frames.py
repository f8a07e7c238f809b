"""Counted records to typed frames: only the columns the indicators read, one pass per table.

Households are the complete or verified, not deleted rows of `form_<id>`; each repeat frame
has the rows of those households, in the order they were entered, with `_row`: the position
of their household. Numbers are float64 (NaN when blank), texts categorical.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.analysis.columns import Request, Spec
from tui_cia.analysis.reading import read_tables
from tui_cia.storage.flat import FlatTable, flat_tables
from tui_cia.survey import Form
from tui_cia.survey.expr.inspect import refs
from tui_cia.survey.schema import Field

COUNTED = "\"_status\" IN ('complete', 'verified') AND \"_deleted\" = 0"
# A record's instance name changes only with its flat rows (they are written together), so
# it is read, and cached, as if it were a column of the main table.
NAME = 'SELECT instance_name FROM records INDEXED BY records_name WHERE uuid = "_uuid"'


@dataclass
class FormFrames:
    """The counted records of a form: households (indexed by uuid), one frame per repeat,
    and the households' instance names (head, house number; None where a record has none)."""

    form: Form
    households: pd.DataFrame
    repeats: dict[str, pd.DataFrame]
    names: Any = None


def needed_fields(form: Form) -> set[str]:
    """The fields the indicators read, with the area and round fields."""
    names = {n for n in (form.settings.area, form.settings.round) if n}
    for indicator in form.indicators:
        for expr in (indicator.applies, indicator.passes, indicator.serious):
            if expr is not None:
                names |= refs(expr.node)
    return names


def _spec(field: Field, sql_type: str, key: bool) -> Spec:
    """How to read a field's column: by the type of its column and of its choices."""
    numeric = sql_type in ("INTEGER", "REAL")
    if field.type in ("integer", "decimal") or (field.type == "calculate" and numeric):
        return Spec(field.name, "number", real=sql_type != "INTEGER")
    if key:
        return Spec(field.name, "fixed")
    codes = [c.value for c in field.choices.choices] if field.choices else []
    if field.type == "select_one" and codes and all(len(c) == 1 and c >= " " for c in codes):
        return Spec(field.name, "code")
    return Spec(field.name, "text")


def _specs(
    conn: sqlite3.Connection, table: str, fields: list[Field], area: str | None
) -> list[Spec]:
    types = {r[1]: str(r[2]).upper() for r in conn.execute(f'PRAGMA table_info("{table}")')}
    present = [f for f in fields if f.name in types]
    return [Spec("_uuid", "fixed"), *(_spec(f, types[f.name], f.name == area) for f in present)]


def _column(values: Any) -> Any:
    """A column for a frame: texts of fixed width (bytes) become categorical texts."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "SO":
        codes, uniques = pd.factorize(values)
        labels = [u.decode() if isinstance(u, bytes) else str(u) for u in uniques]
        return pd.Categorical.from_codes(codes, categories=labels)
    return values


def _texts(keys: Any) -> Any:
    return (
        keys
        if keys.dtype.kind == "O"
        else keys.astype(str).astype(object)  # ASCII bytes (see columns._fixed) to texts
    )


def _positions(keys: Any, house_keys: Any) -> Any:
    """The position of each repeat row's household among `house_keys`, -1 if not counted."""
    if len(keys) == 0:
        return np.empty(0, dtype=np.int64)
    if keys.dtype != house_keys.dtype:
        keys, house_keys = _texts(keys), _texts(house_keys)
    heads = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    found = _fast_indexer(house_keys, keys[heads])
    if found is None:
        found = pd.Index(house_keys).get_indexer(keys[heads])
    return np.repeat(found, np.diff(np.r_[heads, len(keys)]))


def _hashes(keys: Any) -> Any:
    """A 64-bit number for each fixed-width byte key (equal keys, equal numbers)."""
    width = keys.dtype.itemsize
    words = -(-width // 8)
    padded = np.zeros((len(keys), words * 8), dtype=np.uint8)
    padded[:, :width] = np.frombuffer(keys.tobytes(), dtype=np.uint8).reshape(-1, width)
    lanes = padded.view(np.uint64)
    mixed = np.zeros(len(keys), dtype=np.uint64)
    for i in range(words):
        mixed = (mixed ^ lanes[:, i]) * np.uint64(0x100000001B3)
    return mixed


def _fast_indexer(house_keys: Any, wanted: Any) -> Any:
    """`get_indexer` through 64-bit hashes of byte keys (far faster than on the keys); None
    when that cannot be exact: keys not bytes, two households with one hash, or a match
    whose keys differ."""
    if house_keys.dtype.kind != "S" or wanted.dtype != house_keys.dtype or not len(house_keys):
        return None
    index = pd.Index(_hashes(house_keys))
    if not index.is_unique:
        return None
    found = index.get_indexer(_hashes(wanted))
    hit = found >= 0
    if not (house_keys[found[hit]] == wanted[hit]).all():
        return None
    return found


def _prefixed(values: Any, prefix: str) -> Any:
    """Whether each area code starts with `prefix` (a blank never does); codes kept as
    numbers are compared by their text, as the results group them."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "S":
        width = len(prefix.encode())
        return values.astype(f"S{width}") == prefix.encode()
    return np.array(
        [v is not None and not pd.isna(v) and str(v).startswith(prefix) for v in values],
        dtype=bool,
    )


def _in_rounds(values: Any, rounds: tuple[int, ...]) -> Any:
    """Whether each round is one of `rounds` (numbers, or texts of them)."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return np.isin(values, np.array(rounds, dtype=np.float64))
    texts = np.asarray(values, dtype=object)
    return np.isin(texts, np.array([str(r) for r in rounds], dtype=object))


def _selected(
    form: Form, read: dict[str, Any], rounds: tuple[int, ...] | None, area: str | None
) -> Any:
    """Which rows of the main table count: complete or verified, not deleted, of these
    rounds and under this area (all rows are read, so one cached read serves every call)."""
    keep = read.pop("_counted") == 1
    if rounds is not None and form.settings.round in read:
        keep &= _in_rounds(read[form.settings.round], rounds)
    if area and form.settings.area in read:
        keep &= _prefixed(read[form.settings.area], area)
    return keep


def frame_requests(conn: sqlite3.Connection, form: Form) -> list[Request]:
    """What an analysis of `form` reads: the main table's columns the indicators need (every
    row, with whether it counts) and those of each repeat table."""
    wanted = needed_fields(form)
    main, *others = flat_tables(form)

    def request(table: FlatTable, area_field: str | None, extra: tuple[Spec, ...]) -> Request:
        fields = [f for f in table.fields if f.name in wanted]
        return Request(table.name, (*_specs(conn, table.name, fields, area_field), *extra))

    return [
        request(
            main,
            form.settings.area,
            (Spec("_counted", "number", sql=COUNTED), Spec("_name", "names", sql=NAME)),
        ),
        *(request(table, None, ()) for table in others),
    ]


def load_frames(
    conn: sqlite3.Connection,
    form: Form,
    rounds: tuple[int, ...] | None = None,
    area: str | None = None,
) -> FormFrames:
    """Complete and verified, not deleted records of `form`; only those of `rounds` and with
    area codes starting with `area` when these are given."""
    _, *others = flat_tables(form)
    read, *repeat_reads = read_tables(conn, frame_requests(conn, form))
    keep = _selected(form, read, rounds, area)
    whole = bool(keep.all())
    house_keys, names = read.pop("_uuid"), read.pop("_name")
    if not whole:
        house_keys, names = house_keys[keep], names[keep]
    households = pd.DataFrame(
        {name: _column(values if whole else values[keep]) for name, values in read.items()},
        index=pd.Index(_texts(house_keys), name="_uuid"),
    )
    repeats = {}
    for table, rows in zip(others, repeat_reads, strict=True):
        place = _positions(rows.pop("_uuid"), house_keys)
        kept = place >= 0 if (place < 0).any() else slice(None)  # members of counted records
        frame = {name: _column(values)[kept] for name, values in rows.items()}
        repeats[str(table.repeat)] = pd.DataFrame({"_row": place[kept], **frame})
    return FormFrames(form, households, repeats, names)
