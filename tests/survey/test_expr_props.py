"""Properties of the expression engine: it agrees with Python, null spreads, print round-trips."""

from __future__ import annotations

import datetime
import math
import operator
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_cia.survey.expr import (
    Binary,
    Call,
    Current,
    Literal,
    Name,
    Node,
    Null,
    Ref,
    Unary,
    Value,
    compile_node,
    parse,
    to_source,
)
from tui_cia.survey.expr.nodes import KEYWORDS


class EmptyContext:
    """A record with no answers."""

    def value(self, name: str) -> Value:
        return None

    def current(self) -> Value:
        return None

    def bare(self, name: str) -> Value:
        return None

    def instances(self, repeat: str) -> Sequence[EmptyContext]:
        return []

    def position(self) -> int | None:
        return None

    def label(self, name: str, value: Value) -> Value:
        return None

    def today(self) -> datetime.date:
        return datetime.date(2024, 1, 1)

    def is_repeat(self, name: str) -> bool:
        return False


ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "div": operator.floordiv,
    "mod": operator.mod,
}
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

numbers = st.integers(-1000, 1000) | st.floats(-1e6, 1e6, allow_subnormal=False)
number_literals = numbers.map(Literal)


def arithmetic_trees(leaves: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.recursive(
        leaves,
        lambda inner: (
            st.builds(Binary, st.sampled_from(sorted(ARITHMETIC)), inner, inner)
            | st.builds(Unary, st.just("-"), inner)
        ),
        max_leaves=8,
    )


def reference(node: Node) -> Any:
    """What Python computes for the tree, with null for a blank or a division by zero."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Null):
        return None
    if isinstance(node, Unary):
        operand = reference(node.operand)
        return None if operand is None else -operand
    assert isinstance(node, Binary)
    left, right = reference(node.left), reference(node.right)
    if left is None or right is None:
        return None
    try:
        return ARITHMETIC[node.op](left, right)
    except ZeroDivisionError:
        return None


def same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    return type(actual) is type(expected) and actual == expected


class AnswersContext(EmptyContext):
    """A record whose answers are a dict."""

    def __init__(self, answers: dict[str, Value]) -> None:
        self.answers = answers

    def value(self, name: str) -> Value:
        return self.answers.get(name)


def run(node: Node) -> Value:
    return compile_node(node)(EmptyContext())


def run_as_answers(node: Node) -> Value:
    """Evaluate with every literal turned into an answer, so nothing is folded at compile time."""
    answers: dict[str, Value] = {}

    def lift(each: Node) -> Node:
        if isinstance(each, Literal):
            name = f"v{len(answers)}"
            answers[name] = each.value
            return Ref(name)
        if isinstance(each, Unary):
            return Unary(each.op, lift(each.operand))
        if isinstance(each, Binary):
            return Binary(each.op, lift(each.left), lift(each.right))
        return each

    lifted = lift(node)
    return compile_node(lifted)(AnswersContext(answers))


@given(arithmetic_trees(number_literals))
def test_arithmetic_agrees_with_python(tree: Node) -> None:
    expected = reference(tree)
    assert same(run(tree), expected)
    assert same(run_as_answers(tree), expected)


@given(
    arithmetic_trees(number_literals),
    st.sampled_from(sorted(COMPARISONS)),
    arithmetic_trees(number_literals),
)
def test_comparisons_agree_with_python(left: Node, op: str, right: Node) -> None:
    expected_left, expected_right = reference(left), reference(right)
    result = run(Binary(op, left, right))
    if expected_left is None or expected_right is None:
        both = expected_left is None and expected_right is None
        expected = {"=": both, "!=": not both}.get(op, False)
    else:
        expected = COMPARISONS[op](expected_left, expected_right)
    assert result is expected
    assert run_as_answers(Binary(op, left, right)) is expected


blank_leaves = st.sampled_from([Null(), Ref("blank"), Current()])


@given(arithmetic_trees(number_literals), st.sampled_from(sorted(ARITHMETIC)), blank_leaves)
def test_null_spreads_through_arithmetic(tree: Node, op: str, blank: Node) -> None:
    for evaluate in (run, run_as_answers):
        assert evaluate(Binary(op, tree, blank)) is None
        assert evaluate(Binary(op, blank, tree)) is None
        assert evaluate(Unary("-", Binary(op, tree, blank))) is None


@given(arithmetic_trees(number_literals), st.sampled_from(["<", "<=", ">", ">="]), blank_leaves)
def test_ordering_with_null_is_false(tree: Node, op: str, blank: Node) -> None:
    for evaluate in (run, run_as_answers):
        assert evaluate(Binary(op, tree, blank)) is False
        assert evaluate(Binary(op, blank, tree)) is False


@given(numbers, blank_leaves)
def test_equality_with_null(number: int | float, blank: Node) -> None:
    value = Literal(number)
    assert run(Binary("=", value, blank)) is False
    assert run(Binary("!=", value, blank)) is True
    assert run(Binary("=", blank, Null())) is True
    assert run(Binary("!=", blank, Null())) is False


# -- printing round-trips ----------------------------------------------------------------------

field_names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: name not in KEYWORDS
)
texts = st.text(st.characters(codec="utf-8"), max_size=10).filter(
    lambda text: not ("'" in text and '"' in text)
)
leaves: st.SearchStrategy[Node] = st.one_of(
    st.integers(0, 10**12).map(Literal),
    st.floats(0, 1e300, allow_nan=False, allow_infinity=False).map(abs).map(Literal),
    texts.map(Literal),
    st.booleans().map(Literal),
    st.just(Null()),
    field_names.map(Ref),
    st.just(Current()),
    identifiers.map(Name),
)
OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "div", "mod"]


def extend(inner: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Unary, st.sampled_from(["-", "not"]), inner),
        st.builds(Binary, st.sampled_from(OPERATORS), inner, inner),
        st.builds(Call, identifiers, st.lists(inner, max_size=3).map(tuple)),
    )


trees = st.recursive(leaves, extend, max_leaves=20)


@settings(max_examples=300)
@given(trees)
def test_printed_tree_parses_back_to_itself(tree: Node) -> None:
    source = to_source(tree)
    assert parse(source) == tree, source


@given(trees)
def test_printing_is_stable(tree: Node) -> None:
    source = to_source(tree)
    assert to_source(parse(source)) == source
