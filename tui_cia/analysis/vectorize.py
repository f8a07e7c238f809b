"""Indicator expressions compiled from the engine's AST to pandas operations on whole columns.

The semantics are the engine's (tui_cia.survey.expr): a blank is NA; arithmetic with NA is NA;
a comparison with NA is false except `= null`/`!= null`; and/or/not treat NA as false;
dividing by zero gives NA. Repeat aggregates become group-bys over the repeat's frame.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd

from tui_cia.errors import TuiCiaError
from tui_cia.survey.expr import Binary, Call, Literal, Node, Null, Ref, Unary

Column: TypeAlias = pd.Series  # a column of values, one per row
COMPARE = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
ARITHMETIC = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "div": operator.floordiv,
    "mod": operator.mod,
}


class Unsupported(TuiCiaError):
    """An expression the vectorised analysis does not handle (the message names it)."""


@dataclass
class Frames:
    """What an expression reads: the frame it runs over, and repeat frames for aggregates."""

    frame: pd.DataFrame
    repeats: dict[str, pd.DataFrame]


def evaluate(node: Node, frames: Frames) -> Column:
    """The value of `node` for every row of `frames.frame`."""
    index = frames.frame.index
    if isinstance(node, Literal):
        return pd.Series([node.value] * len(index), index=index, dtype=_dtype(node.value))
    if isinstance(node, Null):
        return pd.Series(pd.NA, index=index, dtype="object")
    if isinstance(node, Ref):
        return _column(frames, node.name)
    if isinstance(node, Unary):
        value = evaluate(node.operand, frames)
        return ~truth(value) if node.op == "not" else -_numeric(value)
    if isinstance(node, Binary):
        return _binary(node, frames)
    if isinstance(node, Call):
        return _call(node, frames)
    raise Unsupported(f"analysis cannot evaluate {type(node).__name__}")


def _dtype(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "Int64"
    if isinstance(value, float):
        return "Float64"
    return "string"


def _column(frames: Frames, name: str) -> Column:
    frame = frames.frame
    if name in frame.columns:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="object")


def truth(value: Column) -> Column:
    """True where the engine's truthy() is true; NA is false."""
    if str(value.dtype) == "boolean" or value.dtype == bool:
        return value.fillna(False).astype(bool)
    if pd.api.types.is_numeric_dtype(value.dtype):
        return value.fillna(0).astype(float) != 0
    return value.notna() & (value.astype("string").fillna("") != "")


def _numeric(value: Column) -> Column:
    if pd.api.types.is_numeric_dtype(value.dtype) and str(value.dtype) != "boolean":
        return value.astype("Float64")
    return pd.to_numeric(value, errors="coerce").astype("Float64")


def _binary(node: Binary, frames: Frames) -> Column:
    op = node.op
    if op in ("and", "or"):
        left, right = truth(evaluate(node.left, frames)), truth(evaluate(node.right, frames))
        return (left & right) if op == "and" else (left | right)
    if op in ("=", "!=") and (isinstance(node.left, Null) or isinstance(node.right, Null)):
        other = node.right if isinstance(node.left, Null) else node.left
        blank = evaluate(other, frames).isna()
        return blank if op == "=" else ~blank
    left, right = evaluate(node.left, frames), evaluate(node.right, frames)
    if op in COMPARE:
        return _compare(op, left, right)
    if op in ARITHMETIC:
        result = ARITHMETIC[op](_numeric(left), _numeric(right))
        return result.mask(np.isinf(result.astype(float).fillna(0)))
    raise Unsupported(f"analysis cannot evaluate the operator {op}")


def _compare(op: str, left: Column, right: Column) -> Column:
    """A comparison with NA on either side is false, as in the engine."""
    numeric = all(
        pd.api.types.is_numeric_dtype(s.dtype) and str(s.dtype) != "boolean" for s in (left, right)
    )
    if numeric:
        a, b = left.astype("Float64"), right.astype("Float64")
    else:
        a, b = left.astype("string"), right.astype("string")
    known = a.notna() & b.notna()
    try:
        result = COMPARE[op](a, b)
    except TypeError:
        result = pd.Series(op == "!=", index=left.index)
    return (known & result.fillna(False).astype(bool)).astype(bool)


def _call(node: Call, frames: Frames) -> Column:
    handler = CALLS.get(node.name)
    if handler is None:
        raise Unsupported(f"analysis cannot evaluate {node.name}() yet")
    return handler(node, frames)


def _codes(value: Column) -> Column:
    return " " + value.astype("string").fillna("") + " "


def _selected(node: Call, frames: Frames) -> Column:
    value = evaluate(node.args[0], frames)
    code = node.args[1]
    if not isinstance(code, Literal):
        raise Unsupported("selected() in analysis needs a literal code, e.g. '1'")
    return _codes(value).str.contains(f" {code.value} ", regex=False).fillna(False).astype(bool)


def _count_selected(node: Call, frames: Frames) -> Column:
    value = evaluate(node.args[0], frames).astype("string")
    return value.str.split().str.len().fillna(0).astype("Int64")


def _filled(node: Call, frames: Frames) -> Column:
    value = evaluate(node.args[0], frames)
    return value.notna() & (value.astype("string").fillna("") != "")


def _if(node: Call, frames: Frames) -> Column:
    condition = truth(evaluate(node.args[0], frames))
    then, otherwise = evaluate(node.args[1], frames), evaluate(node.args[2], frames)
    return then.where(condition, otherwise)


def _coalesce(node: Call, frames: Frames) -> Column:
    result = evaluate(node.args[0], frames)
    for arg in node.args[1:]:
        result = result.combine_first(evaluate(arg, frames))
    return result


def _aggregate(node: Call, frames: Frames) -> Column:
    """count/sum/min/max/any/all over a repeat: a group-by of its frame per household."""
    first = node.args[0]
    if not isinstance(first, Ref) or first.name not in frames.repeats:
        if node.name in ("min", "max"):
            values = pd.concat([_numeric(evaluate(a, frames)) for a in node.args], axis=1)
            return getattr(values, node.name)(axis=1, skipna=False)
        raise Unsupported(f"{node.name}() needs a repeat in analysis")
    repeat = frames.repeats[first.name]
    inner = Frames(repeat, {})
    index = frames.frame.index
    groups = repeat["_uuid"]
    if node.name == "count" and len(node.args) == 1:
        return groups.value_counts().reindex(index, fill_value=0).astype("Int64")
    values = evaluate(node.args[1], inner)
    if node.name in ("count", "any", "all"):
        flags = truth(values).groupby(groups)
        summary = {"count": flags.sum(), "any": flags.any(), "all": flags.all()}[node.name]
        empty = {"count": 0, "any": False, "all": True}[node.name]
        return summary.reindex(index, fill_value=empty)
    numbers = _numeric(values).groupby(groups)
    if node.name == "sum":
        return numbers.sum().reindex(index, fill_value=0)
    return getattr(numbers, node.name)().reindex(index)


def _unary_number(function: Callable[[Column], Column]) -> Callable[[Call, Frames], Column]:
    def run(node: Call, frames: Frames) -> Column:
        return function(_numeric(evaluate(node.args[0], frames)))

    return run


CALLS: dict[str, Callable[[Call, Frames], Column]] = {
    "selected": _selected,
    "count_selected": _count_selected,
    "filled": _filled,
    "blank": lambda node, frames: ~_filled(node, frames),
    "if": _if,
    "coalesce": _coalesce,
    "int": _unary_number(lambda s: np.trunc(s.astype(float)).astype("Float64")),
    "abs": _unary_number(lambda s: s.abs()),
    "count": _aggregate,
    "sum": _aggregate,
    "min": _aggregate,
    "max": _aggregate,
    "any": _aggregate,
    "all": _aggregate,
}
