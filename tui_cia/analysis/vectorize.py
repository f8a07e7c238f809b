"""Indicator expressions evaluated from the engine's AST over whole columns at once.

The semantics are the engine's (tui_cia.survey.expr): a blank is null; arithmetic with null or
a non-number is null, as is a division by zero; `=` is true for two nulls and false across
kinds; an ordering with null is false; and/or/not read values as truthy() does. Repeat
aggregates (count, sum, min, max, any, all) become sums per household with np.bincount.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.analysis import vectors as v
from tui_cia.analysis.vectors import Vec
from tui_cia.errors import TuiCiaError
from tui_cia.survey.expr import Binary, Call, Literal, Node, Null, Ref, Unary

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
    """What an expression reads: its rows, repeat frames (`_row` = position of the row they
    belong to) for aggregates, and for a repeat's rows their household's answers."""

    frame: pd.DataFrame
    repeats: dict[str, pd.DataFrame] = field(default_factory=dict)
    parent: pd.DataFrame | None = None
    rows: Any = None  # with parent: the household position of each row
    multi: frozenset[str] = frozenset()  # select_multiple fields
    cache: dict[str, Vec] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.frame)


def evaluate(node: Node, frames: Frames) -> Vec:
    """The value of `node` for every row of `frames.frame`."""
    if isinstance(node, Literal):
        return v.constant(node.value, frames.size)
    if isinstance(node, Null):
        return v.null(frames.size)
    if isinstance(node, Ref):
        return _column(frames, node.name)
    if isinstance(node, Unary):
        value = evaluate(node.operand, frames)
        return v.flag(~v.truth(value)) if node.op == "not" else v.number(-v.numeric(value))
    if isinstance(node, Binary):
        return _binary(node, frames)
    if isinstance(node, Call):
        handler = CALLS.get(node.name)
        if handler is None:
            raise Unsupported(f"analysis cannot evaluate {node.name}() yet")
        return handler(node, frames)
    raise Unsupported(f"analysis cannot evaluate {type(node).__name__}")


def truth(node: Node, frames: Frames) -> Any:
    """Where `node` is truthy, as a bool array."""
    return v.truth(evaluate(node, frames))


def _column(frames: Frames, name: str) -> Vec:
    if name not in frames.cache:
        multi = name in frames.multi
        if name in frames.frame.columns and not name.startswith("_"):
            found = v.from_series(frames.frame[name], multi)
        elif frames.parent is not None and name in frames.parent.columns:
            whole = v.from_series(frames.parent[name], multi)
            found = Vec(whole.kind, whole.values[frames.rows], whole.labels, whole.multi)
        else:
            found = v.null(frames.size)
        frames.cache[name] = found
    return frames.cache[name]


def _binary(node: Binary, frames: Frames) -> Vec:
    op = node.op
    if op in ("and", "or"):
        left, right = truth(node.left, frames), truth(node.right, frames)
        return v.flag((left & right) if op == "and" else (left | right))
    left, right = evaluate(node.left, frames), evaluate(node.right, frames)
    if op == "=":
        return v.flag(v.equals(left, right))
    if op == "!=":
        return v.flag(~v.equals(left, right))
    if op in v.ORDERING:
        return v.flag(v.ordered(op, left, right))
    if op in ARITHMETIC:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            result = ARITHMETIC[op](v.numeric(left), v.numeric(right))
        return v.number(np.where(np.isinf(result), np.nan, result))
    raise Unsupported(f"analysis cannot evaluate the operator {op}")


def _selected(node: Call, frames: Frames) -> Vec:
    value = evaluate(node.args[0], frames)
    code = node.args[1]
    if not isinstance(code, Literal):
        raise Unsupported("selected() in analysis needs a literal code, e.g. '1'")
    choice = code.value
    if isinstance(choice, int) and not isinstance(choice, bool):
        choice = str(choice)
    if value.kind != "text" or not isinstance(choice, str):
        return v.flag(np.zeros(frames.size, dtype=bool))
    test = (lambda t: choice in t.split(" ")) if value.multi else (lambda t: t == choice)
    return v.flag(v.per_label(value, test, False, bool))


def _count_selected(node: Call, frames: Frames) -> Vec:
    value = evaluate(node.args[0], frames)
    if value.kind != "text":
        return v.number(np.zeros(frames.size))
    count = (lambda t: len(t.split())) if value.multi else (lambda t: 1 if t else 0)
    return v.number(v.per_label(value, count, 0, float))


def _filled(node: Call, frames: Frames) -> Vec:
    return v.flag(~v.is_empty(evaluate(node.args[0], frames)))


def _blank(node: Call, frames: Frames) -> Vec:
    return v.flag(v.is_empty(evaluate(node.args[0], frames)))


def _merged(vecs: list[Vec], chosen: list[Any], name: str) -> Vec:
    result = v.merge(vecs, chosen)
    if result is None:
        raise Unsupported(f"{name}() in analysis needs values of one kind")
    return result


def _if(node: Call, frames: Frames) -> Vec:
    condition = truth(node.args[0], frames)
    then, otherwise = evaluate(node.args[1], frames), evaluate(node.args[2], frames)
    return _merged([then, otherwise], [condition, ~condition], "if")


def _coalesce(node: Call, frames: Frames) -> Vec:
    values = [evaluate(arg, frames) for arg in node.args]
    return _merged(values, [~v.is_blank(value) for value in values], "coalesce")


def _int(node: Call, frames: Frames) -> Vec:
    return v.number(v.to_int(evaluate(node.args[0], frames)))


def _abs(node: Call, frames: Frames) -> Vec:
    return v.number(np.abs(v.numeric(evaluate(node.args[0], frames))))


def _aggregate(node: Call, frames: Frames) -> Vec:
    """count/sum/min/max/any/all over a repeat: a reduction of its rows per household."""
    first = node.args[0]
    if not isinstance(first, Ref) or first.name not in frames.repeats:
        if node.name in ("min", "max"):
            values = [v.numeric(evaluate(arg, frames)) for arg in node.args]
            pick = np.minimum if node.name == "min" else np.maximum
            return v.number(pick.reduce(values) if values else np.full(frames.size, np.nan))
        raise Unsupported(f"{node.name}() needs a repeat in analysis")
    repeat = frames.repeats[first.name]
    rows = repeat["_row"].to_numpy()
    instances = np.bincount(rows, minlength=frames.size).astype(np.float64)
    if node.name == "count" and len(node.args) == 1:
        return v.number(instances)
    value = evaluate(node.args[1], Frames(repeat, multi=frames.multi))
    if node.name in ("count", "any", "all"):
        true = np.bincount(rows, weights=v.truth(value), minlength=frames.size)
        return {
            "count": lambda: v.number(true),
            "any": lambda: v.flag(true > 0),
            "all": lambda: v.flag(true == instances),
        }[node.name]()
    numbers = v.numeric(value)
    known = ~np.isnan(numbers)
    if node.name == "sum":
        return v.number(np.bincount(rows[known], weights=numbers[known], minlength=frames.size))
    pick = np.minimum if node.name == "min" else np.maximum
    result = np.full(frames.size, np.inf if node.name == "min" else -np.inf)
    pick.at(result, rows[known], numbers[known])
    found = np.bincount(rows[known], minlength=frames.size) > 0
    return v.number(np.where(found, result, np.nan))


CALLS: dict[str, Callable[[Call, Frames], Vec]] = {
    "selected": _selected,
    "count_selected": _count_selected,
    "filled": _filled,
    "blank": _blank,
    "if": _if,
    "coalesce": _coalesce,
    "int": _int,
    "abs": _abs,
    "count": _aggregate,
    "sum": _aggregate,
    "min": _aggregate,
    "max": _aggregate,
    "any": _aggregate,
    "all": _aggregate,
}
