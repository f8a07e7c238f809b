"""Compile a syntax tree once into nested closures: the hot path of every answer change."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol, TypeAlias, cast

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
from tui_cia.survey.expr.values import ARITHMETIC, COMPARATORS, NUMBER_TYPES, Value, truthy

__all__ = ["Compiled", "EvalContext", "Value", "compile_node", "evaluate", "truthy"]


class EvalContext(Protocol):
    """What an expression can read: the record's answers as seen from one scope."""

    def value(self, name: str) -> Value:
        """The answer to ``${name}``; None when blank, not relevant or a special answer."""

    def current(self) -> Value:
        """The answer being checked (``.``)."""

    def bare(self, name: str) -> Value:
        """A bare name: the current choice's column of that name (``choice_filter``)."""

    def instances(self, repeat: str) -> Sequence[EvalContext]:
        """One context per instance of the repeat ``repeat``."""

    def position(self) -> int | None:
        """The 1-based index of the current repeat instance; None outside a repeat."""

    def label(self, name: str, value: Value) -> Value:
        """The label, in the current language, of the chosen value(s) of field ``name``."""

    def today(self) -> datetime.date:
        """Today's date."""

    def is_repeat(self, name: str) -> bool:
        """True when ``name`` is a repeat."""


Compiled: TypeAlias = Callable[[EvalContext], Value]
# Constant sub-expressions are evaluated once with no context: they never read one.
_NO_CONTEXT = cast(EvalContext, None)


class _Piece(NamedTuple):
    """A compiled sub-expression; ``constant`` when it reads nothing from the context."""

    run: Compiled
    constant: bool


def compile_node(node: Node) -> Compiled:
    """Compile ``node`` to a closure; call it once per expression when the form loads.

    The closure dispatches on nothing at run time: each node became a specialised closure,
    and every constant sub-expression (``2 * 3``, ``date('2020-01-01')``) became its value.
    It never raises: a call that the linter rejects (an unknown function, wrong arguments)
    compiles to a closure that gives null.
    """
    return _compile(node).run


@functools.lru_cache(maxsize=1024)
def _cached(node: Node) -> Compiled:
    return compile_node(node)


def evaluate(node: Node, ctx: EvalContext) -> Value:
    """Compile (cached by the tree's structure) and run; convenient, not for hot paths."""
    return _cached(node)(ctx)


def _constant(value: Value) -> _Piece:
    return _Piece(lambda ctx: value, True)


def _folded(run: Compiled, constant: bool) -> _Piece:
    """``run`` as a piece, replaced by its value when everything it reads is constant."""
    return _constant(run(_NO_CONTEXT)) if constant else _Piece(run, False)


def _compile(node: Node) -> _Piece:
    match node:
        case Literal(value=value):
            return _constant(value)
        case Null():
            return _constant(None)
        case Ref(name=name):
            return _Piece(operator.methodcaller("value", name), False)
        case Current():
            return _Piece(operator.methodcaller("current"), False)
        case Name(name=name):
            return _Piece(operator.methodcaller("bare", name), False)
        case Unary():
            return _compile_unary(node)
        case Binary():
            return _compile_binary(node)
        case Call():
            return _compile_call(node)


def _compile_unary(node: Unary) -> _Piece:
    operand = _compile(node.operand)
    inner = operand.run
    if node.op == "not":
        return _folded(lambda ctx: not inner(ctx), operand.constant)

    def negate(ctx: EvalContext) -> Value:
        value = inner(ctx)
        return -value if type(value) in NUMBER_TYPES else None  # type: ignore[operator]

    return _folded(negate, operand.constant)


def _compile_binary(node: Binary) -> _Piece:
    """``and``/``or`` short-circuit and give a bool; see ``values`` for the other operators."""
    left, right = _compile(node.left), _compile(node.right)
    constant = left.constant and right.constant
    first, second = left.run, right.run
    if node.op == "and":
        return _folded(lambda ctx: bool(first(ctx)) and bool(second(ctx)), constant)
    if node.op == "or":
        return _folded(lambda ctx: bool(first(ctx)) or bool(second(ctx)), constant)
    if node.op in ARITHMETIC_OPS:
        return _folded(_arithmetic(ARITHMETIC[node.op], first, second), constant)
    compare = COMPARATORS[node.op]
    return _folded(lambda ctx: compare(first(ctx), second(ctx)), constant)


def _arithmetic(apply: Callable[[Any, Any], Value], first: Compiled, second: Compiled) -> Compiled:
    """Numbers only: a null or any other kind on either side gives null, as does x / 0."""

    def run(ctx: EvalContext) -> Value:
        left = first(ctx)
        if type(left) not in NUMBER_TYPES:
            return None
        right = second(ctx)
        if type(right) not in NUMBER_TYPES:
            return None
        try:
            return apply(left, right)
        except (ZeroDivisionError, OverflowError):
            return None

    return run


def _compile_call(node: Call) -> _Piece:
    spec = FUNCTIONS.get(node.name)
    if spec is None or not spec.accepts(len(node.args)):
        return _constant(None)
    special = _SPECIAL_FORMS.get(node.name)
    return special(node) if special is not None else _compile_plain(node)


def _compile_plain(node: Call) -> _Piece:
    """A function of its evaluated arguments, folded to a constant when they all are."""
    spec = FUNCTIONS[node.name]
    assert spec.impl is not None
    arguments = [_compile(argument) for argument in node.args]
    run = _apply(spec.impl, [argument.run for argument in arguments])
    return _folded(run, spec.pure and all(argument.constant for argument in arguments))


def _apply(impl: Callable[..., Value], arguments: list[Compiled]) -> Compiled:
    """Call ``impl`` on the evaluated arguments, without building a list for short calls."""
    if not arguments:
        return lambda ctx: impl()
    if len(arguments) == 1:
        only = arguments[0]
        return lambda ctx: impl(only(ctx))
    if len(arguments) == 2:
        first, second = arguments
        return lambda ctx: impl(first(ctx), second(ctx))
    return lambda ctx: impl(*[argument(ctx) for argument in arguments])


# -- functions the compiler builds itself ----------------------------------------------------


def _compile_if(node: Call) -> _Piece:
    """``if(c, a, b)`` evaluates only the chosen branch."""
    condition, then, otherwise = (_compile(argument) for argument in node.args)
    if condition.constant:
        return then if condition.run(_NO_CONTEXT) else otherwise
    test, chosen, other = condition.run, then.run, otherwise.run
    return _Piece(lambda ctx: chosen(ctx) if test(ctx) else other(ctx), False)


def _compile_coalesce(node: Call) -> _Piece:
    """``coalesce(a, b, ...)``: the first non-null value, evaluating no further."""
    arguments = [_compile(argument) for argument in node.args]
    runs = [argument.run for argument in arguments]

    def first_filled(ctx: EvalContext) -> Value:
        for run in runs:
            value = run(ctx)
            if value is not None:
                return value
        return None

    return _folded(first_filled, all(argument.constant for argument in arguments))


def _compile_label(node: Call) -> _Piece:
    """``label(${x})``: the label of x's chosen value(s); null unless given a reference."""
    field = node.args[0]
    if not isinstance(field, Ref):
        return _constant(None)
    name = field.name
    return _Piece(lambda ctx: ctx.label(name, ctx.value(name)), False)


def _context_reader(method: str) -> Callable[[Call], _Piece]:
    """``today()`` and ``position()``: a question to the context."""
    reader = operator.methodcaller(method)
    return lambda node: _Piece(reader, False)


def _repeat_name(node: Call) -> str | None:
    first = node.args[0] if node.args else None
    return first.name if isinstance(first, Ref) else None


def _compile_aggregate(node: Call) -> _Piece:
    """``count``, ``sum``, ``any``, ``all``: null when the first argument is not a repeat."""
    repeat = _repeat_name(node)
    if repeat is None:
        return _constant(None)
    over = _over_instances(node, repeat)
    return _Piece(lambda ctx: over(ctx) if ctx.is_repeat(repeat) else None, False)


def _compile_extreme(node: Call) -> _Piece:
    """``min``/``max``: over a repeat when given one and an expression, else over the values."""
    scalar = _compile_plain(node)
    repeat = _repeat_name(node)
    if repeat is None or len(node.args) != 2:
        return scalar
    over, alone = _over_instances(node, repeat), scalar.run
    return _Piece(lambda ctx: over(ctx) if ctx.is_repeat(repeat) else alone(ctx), False)


def _over_instances(node: Call, repeat: str) -> Compiled:
    """Evaluate the second argument in each instance's own context, then reduce."""
    if len(node.args) == 1:
        return lambda ctx: len(ctx.instances(repeat))
    inner = _compile(node.args[1]).run
    reduce = REDUCERS[node.name]
    return lambda ctx: reduce([inner(instance) for instance in ctx.instances(repeat)])


def _numbers(values: list[Value]) -> list[float]:
    """The numeric values; blanks and other kinds are skipped by aggregates."""
    return [cast(float, value) for value in values if type(value) in NUMBER_TYPES]


def _extreme_number(pick: Callable[[list[float]], float]) -> Callable[[list[Value]], Value]:
    """min or max of the numeric values; null when there are none."""
    return lambda values: pick(numbers) if (numbers := _numbers(values)) else None


# ``sum`` of no instances is 0, ``any`` is false and ``all`` is true, as in Python.
REDUCERS: dict[str, Callable[[list[Value]], Value]] = {
    "count": lambda values: sum(map(bool, values)),
    "sum": lambda values: sum(_numbers(values)),
    "min": _extreme_number(min),
    "max": _extreme_number(max),
    "any": any,
    "all": all,
}
_SPECIAL_FORMS: dict[str, Callable[[Call], _Piece]] = {
    "if": _compile_if,
    "coalesce": _compile_coalesce,
    "label": _compile_label,
    "today": _context_reader("today"),
    "position": _context_reader("position"),
    "count": _compile_aggregate,
    "sum": _compile_aggregate,
    "any": _compile_aggregate,
    "all": _compile_aggregate,
    "min": _compile_extreme,
    "max": _compile_extreme,
}
