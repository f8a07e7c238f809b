"""Whole columns of expression values with the engine's semantics (tui_cia.survey.expr.values).

A `Vec` holds one kind of value per row: numbers (float64, NaN when blank), flags (bool, never
blank) or texts (codes into a few distinct labels, -1 when blank; `multi` for select_multiple
answers, which the engine sees as lists). Work on texts is done once per label, not per row.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

ORDERING = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class Vec:
    """One value per row, all of one kind: "number", "bool" or "text"."""

    kind: str
    values: Any  # float64, bool, or int codes into `labels`
    labels: tuple[str, ...] = ()
    multi: bool = False

    def __len__(self) -> int:
        return len(self.values)


def number(values: Any) -> Vec:
    return Vec("number", np.asarray(values, dtype=np.float64))


def flag(values: Any) -> Vec:
    return Vec("bool", np.asarray(values, dtype=bool))


def null(size: int) -> Vec:
    """Blank everywhere: a missing column or `null` (compares like a blank text)."""
    return Vec("text", np.full(size, -1, dtype=np.int32))


def constant(value: object, size: int) -> Vec:
    if isinstance(value, bool):
        return flag(np.full(size, value))
    if isinstance(value, int | float):
        return number(np.full(size, float(value)))
    return Vec("text", np.zeros(size, dtype=np.int32), (str(value),))


def from_series(series: pd.Series, multi: bool = False) -> Vec:
    """A frame's column as a Vec: float64 numbers, bools, or categorical (or other) texts."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        labels = tuple(str(c) for c in series.cat.categories)
        return Vec("text", series.cat.codes.to_numpy(), labels, multi)
    if series.dtype == bool:
        return flag(series.to_numpy())
    if pd.api.types.is_numeric_dtype(series.dtype):
        return number(series.to_numpy(dtype=np.float64, na_value=np.nan))
    return from_series(series.astype("category"), multi)


def per_label(vec: Vec, compute: Callable[[str], Any], blank: Any, dtype: Any) -> Any:
    """`compute` of each row's text, worked out once per label (`blank` where blank)."""
    table = np.array([compute(label) for label in vec.labels] + [blank], dtype=dtype)
    return table[vec.values]  # code -1 picks the last entry: the blank's


def is_blank(vec: Vec) -> Any:
    """Null: a blank answer (the engine's None)."""
    if vec.kind == "number":
        return np.isnan(vec.values)
    if vec.kind == "bool":
        return np.zeros(len(vec), dtype=bool)
    return vec.values < 0


def is_empty(vec: Vec) -> Any:
    """The engine's blank(): null, the empty text or the empty list."""
    if vec.kind == "text":
        return per_label(vec, lambda label: label == "", True, bool)
    return is_blank(vec)


def truth(vec: Vec) -> Any:
    """The engine's truthy(): false for null, 0, false, '' and the empty list."""
    if vec.kind == "bool":
        return vec.values
    if vec.kind == "number":
        return ~np.isnan(vec.values) & (vec.values != 0)
    return per_label(vec, bool, False, bool)


def numeric(vec: Vec) -> Any:
    """Numbers as float64; any other kind is not a number (NaN), as in the engine."""
    return vec.values if vec.kind == "number" else np.full(len(vec), np.nan)


def texts(vec: Vec) -> Any:
    """The texts as an object array (None where blank)."""
    return np.array([*vec.labels, None], dtype=object)[vec.values]


def _same_values(left: Vec, right: Vec) -> Any:
    """Row by row, whether two Vecs of one kind hold the same value (blanks aside)."""
    if left.kind != "text":
        return left.values == right.values
    if len(right.labels) == 1:
        return per_label(left, lambda label: label == right.labels[0], False, bool) & (
            right.values == 0
        )
    return texts(left) == texts(right)


def equals(left: Vec, right: Vec) -> Any:
    """`=`: null equals only null; values of different kinds are never equal."""
    both_blank = is_blank(left) & is_blank(right)
    if left.kind != right.kind or left.multi != right.multi:
        return both_blank
    with np.errstate(invalid="ignore"):
        return both_blank | (_same_values(left, right) & ~is_blank(left) & ~is_blank(right))


def ordered(op: str, left: Vec, right: Vec) -> Any:
    """`<` and friends: false with a null, across kinds and for lists."""
    test = ORDERING[op]
    if left.kind != right.kind or left.multi or right.multi:
        return np.zeros(len(left), dtype=bool)
    known = ~is_blank(left) & ~is_blank(right)
    if left.kind != "text":
        with np.errstate(invalid="ignore"):
            return known & test(left.values, right.values)
    if len(right.labels) == 1:
        return known & per_label(left, lambda label: test(label, right.labels[0]), False, bool)
    result = np.zeros(len(left), dtype=bool)
    result[known] = [
        test(a, b) for a, b in zip(texts(left)[known], texts(right)[known], strict=True)
    ]
    return result


def merge(vecs: list[Vec], chosen: list[Any]) -> Vec | None:
    """Row by row the value of the first Vec chosen there (else blank); None if their kinds
    cannot be merged (a flag cannot be blank, texts and numbers do not mix)."""
    kinds = {v.kind for v in vecs if v.kind != "text" or v.labels}
    if len(kinds) > 1 or len({v.multi for v in vecs if v.labels}) > 1:
        return None
    kind = kinds.pop() if kinds else "text"
    if kind == "number":
        return number(np.select(chosen, [numeric(v) for v in vecs], default=np.nan))
    if kind == "bool":
        if any(v.kind != "bool" for v in vecs):
            return None
        return flag(np.select(chosen, [v.values for v in vecs], default=False))
    labels = sorted({label for v in vecs for label in v.labels})
    where = {label: k for k, label in enumerate(labels)}
    recoded = [
        np.array([where[x] for x in v.labels] + [-1], dtype=np.int32)[v.values] for v in vecs
    ]
    codes = np.select(chosen, recoded, default=-1).astype(np.int32)
    return Vec("text", codes, tuple(labels), any(v.multi for v in vecs))


def to_int(vec: Vec) -> Any:
    """The engine's int(): numbers truncated, texts of digits read; else NaN."""
    if vec.kind == "number":
        with np.errstate(invalid="ignore"):
            return np.trunc(vec.values)
    if vec.kind == "text" and not vec.multi:
        return per_label(
            vec,
            lambda t: float(int(t)) if INTEGER_TEXT.fullmatch(t.strip()) else np.nan,
            np.nan,
            float,
        )
    return np.full(len(vec), np.nan)
