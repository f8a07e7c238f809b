"""Expressions evaluated over whole columns of a batch, with the engine's own semantics.

Each node is evaluated once per column instead of once per record: a reference is a column,
an operator is one pass over its operands' columns applying the engine's scalar rules (the
comparators, arithmetic that gives null for non-numbers and division by zero, the function
implementations, the repeat reducers). So a value is what `FormSession` would compute, row by
row; the tests compare the two on real and mutated records.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from tui_cia.survey.batch.frame import Batch, Level, Unsupported
from tui_cia.survey.expr.compiler import REDUCERS
from tui_cia.survey.expr.functions import FUNCTIONS
from tui_cia.survey.expr.nodes import (
    ARITHMETIC_OPS,
    Binary,
    Call,
    Current,
    Literal,
    Name,
    Node,
    Null,
    Ref,
    Unary,
)
from tui_cia.survey.expr.values import ARITHMETIC, COMPARATORS, NUMBER_TYPES, ORDERABLE
from tui_cia.survey.schema import Choice
from tui_cia.survey.state import choice_label
from tui_cia.survey.types import Special

Column = list[Any]


@dataclass
class Env:
    """Where a column expression runs: some rows (all when None) of one level of a batch,
    with the answer being checked (`.`) and the choice a filter looks at."""

    batch: Batch
    level: Level
    lang: str
    today: dt.date
    rows: list[int] | None = None
    current: Column | None = None
    choice: Choice | None = None
    # The value of each pure function call already run here: a call written twice in an
    # expression (`age(., ${survey_date})` in a check, say) runs once.
    calls: dict[Call, Column] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return self.level.size if self.rows is None else len(self.rows)

    def pick(self, column: Column) -> Column:
        return column if self.rows is None else take(column, self.rows)

    def records(self) -> list[int]:
        """The record of each row."""
        return self.pick(self.level.record)

    def ref(self, name: str) -> Column:
        """`${name}` in every row: blank for groups, repeats and fields of other levels."""
        batch = self.batch
        if not batch.is_field(name):
            return [None] * self.size
        owner = batch.infos[name].owner
        if owner == self.level.repeat:
            return self.pick(batch.visible(name))
        if owner is None:  # a record's answer, read from inside one of its repeats
            return take(batch.visible(name), self.records())
        return [None] * self.size


def take(column: Column, rows: list[int]) -> Column:
    """The values of `column` at `rows` (one C loop)."""
    if len(rows) < 2:
        return [column[r] for r in rows]
    return list(itemgetter(*rows)(column))


def run(node: Node, env: Env) -> Column:
    """The value of `node` in every row of `env`."""
    match node:
        case Literal(value=value):
            return [value] * env.size
        case Null():
            return [None] * env.size
        case Ref(name=name):
            return env.ref(name)
        case Current():
            current = env.current if env.current is not None else [None] * env.size
            return [None if type(v) is Special else v for v in current]
        case Name(name=name):
            found = env.choice.columns.get(name) if env.choice is not None else None
            return [found] * env.size
        case Unary(op="not", operand=operand):
            return [not v for v in run(operand, env)]
        case Unary(operand=operand):
            return [-v if type(v) in NUMBER_TYPES else None for v in run(operand, env)]
        case Binary():
            return _binary(node, env)
        case Call():
            return _call(node, env)
    raise Unsupported(f"cannot evaluate {type(node).__name__} over columns")


def _binary(node: Binary, env: Env) -> Column:
    left, right = run(node.left, env), run(node.right, env)
    fast = _one_type(node, left, right)
    if fast is not None:
        return list(map(fast, left, right))
    pairs = zip(left, right, strict=True)
    if node.op == "and":
        return [bool(a) and bool(b) for a, b in pairs]
    if node.op == "or":
        return [bool(a) or bool(b) for a, b in pairs]
    if node.op in ARITHMETIC_OPS:
        apply = ARITHMETIC[node.op]
        return [arithmetic(apply, a, b) for a, b in pairs]
    compare = COMPARATORS[node.op]
    # Values of one type (two nulls too) compare as Python does; a null equals only null
    # and orders with nothing; numbers order with numbers.
    if node.op == "=":
        return [
            a == b if type(a) is type(b) else a is b if a is None or b is None else compare(a, b)
            for a, b in pairs
        ]
    if node.op == "!=":
        return [
            a != b
            if type(a) is type(b)
            else a is not b
            if a is None or b is None
            else compare(a, b)
            for a, b in pairs
        ]
    order = _ORDER[node.op]
    return [
        order(a, b)
        if type(a) is type(b) and type(a) in ORDERABLE
        else False
        if a is None or b is None
        else order(a, b)
        if type(a) in NUMBER_TYPES and type(b) in NUMBER_TYPES
        else compare(a, b)
        for a, b in pairs
    ]


def _one_type(node: Binary, left: Column, right: Column) -> Callable[[Any, Any], Any] | None:
    """Python's operator for the node's, when the engine's rule is exactly that operator
    for these columns: all values of one type (both columns) that the operator takes as
    it is."""
    kinds = _kinds(node.left, left)
    if len(kinds) != 1:
        return None
    kinds = kinds | _kinds(node.right, right)
    if len(kinds) != 1:
        return None
    kind, op = kinds.pop(), node.op
    if op in ("=", "!="):
        return operator.eq if op == "=" else operator.ne
    if op in _ORDER and kind in ORDERABLE:
        return _ORDER[op]
    if op in ("+", "-", "*") and kind in NUMBER_TYPES:
        return ARITHMETIC[op]
    if op in ("and", "or") and kind is bool:
        return operator.and_ if op == "and" else operator.or_
    return None


def _kinds(node: Node, column: Column) -> set[type]:
    """The types of a column's values (a literal's without looking)."""
    if isinstance(node, Literal) and column:
        return {type(node.value)}
    return set(map(type, column))


# The orderings' answer for two values of one orderable type: Python's operator.
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def arithmetic(apply: Callable[[Any, Any], Any], left: Any, right: Any) -> Any:
    """One arithmetic operation as the compiled engine does it (see its `_arithmetic`)."""
    if type(left) not in NUMBER_TYPES or type(right) not in NUMBER_TYPES:
        return None
    try:
        return apply(left, right)
    except (ZeroDivisionError, OverflowError):
        return None


def _call(node: Call, env: Env) -> Column:
    spec = FUNCTIONS.get(node.name)
    if spec is None or not spec.accepts(len(node.args)):
        return [None] * env.size
    special = _SPECIAL.get(node.name)
    if special is not None:
        return special(node, env)
    return _plain(node, env)


def _plain(node: Call, env: Env) -> Column:
    spec = FUNCTIONS[node.name]
    found = env.calls.get(node) if spec.pure else None
    if found is not None:
        return found
    impl = spec.impl
    assert impl is not None
    columns = [run(argument, env) for argument in node.args]
    if not columns:
        return [impl() for _ in range(env.size)]
    found = [impl(*values) for values in zip(*columns, strict=True)]
    if spec.pure:
        env.calls[node] = found
    return found


def _if(node: Call, env: Env) -> Column:
    test, then, otherwise = (run(argument, env) for argument in node.args)
    return [a if t else b for t, a, b in zip(test, then, otherwise, strict=True)]


def _coalesce(node: Call, env: Env) -> Column:
    columns = [run(argument, env) for argument in node.args]
    return [
        next((v for v in values if v is not None), None) for values in zip(*columns, strict=True)
    ]


def _label(node: Call, env: Env) -> Column:
    field = node.args[0]
    if not isinstance(field, Ref):
        return [None] * env.size
    form, name = env.batch.form, field.name
    return [choice_label(form, env.lang, name, v) for v in env.ref(name)]


def _today(node: Call, env: Env) -> Column:
    return [env.today] * env.size


def _position(node: Call, env: Env) -> Column:
    return env.pick(env.level.position)


def _repeat_of(node: Call, env: Env) -> str | None:
    """The repeat an aggregate runs over, or None when its first argument is not one."""
    first = node.args[0] if node.args else None
    if not isinstance(first, Ref):
        return None
    return first.name if first.name in env.batch.levels and first.name is not None else None


def _aggregate(node: Call, env: Env) -> Column:
    repeat = _repeat_of(node, env)
    return [None] * env.size if repeat is None else _over(node, env, repeat)


def _extreme(node: Call, env: Env) -> Column:
    repeat = _repeat_of(node, env)
    if repeat is None or len(node.args) != 2:
        return _plain(node, env)
    return _over(node, env, repeat)


def _over(node: Call, env: Env, repeat: str) -> Column:
    """An aggregate per record over the repeat's instances (none where it is not relevant),
    given to each row of `env` from its record."""
    batch = env.batch
    level = batch.levels[repeat]
    opened = batch.open_rows(repeat)
    rows_of = level.rows_of
    per_record: list[Any]
    if len(node.args) == 1:
        per_record = [len(rows) for rows in rows_of]
    else:
        inner = run(node.args[1], Env(batch, level, env.lang, env.today))
        reduce = REDUCERS[node.name]
        per_record = [reduce([inner[r] for r in rows]) for rows in rows_of]
    if opened is not None:
        empty = 0 if len(node.args) == 1 else REDUCERS[node.name]([])
        per_record = [p if o else empty for p, o in zip(per_record, opened, strict=True)]
    return [per_record[r] for r in env.records()]


_SPECIAL: dict[str, Callable[[Call, Env], Column]] = {
    "if": _if,
    "coalesce": _coalesce,
    "label": _label,
    "today": _today,
    "position": _position,
    "count": _aggregate,
    "sum": _aggregate,
    "any": _aggregate,
    "all": _aggregate,
    "min": _extreme,
    "max": _extreme,
}
