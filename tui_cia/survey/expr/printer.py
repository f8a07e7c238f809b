"""Print a syntax tree back as source text, with only the parentheses it needs."""

from __future__ import annotations

import decimal
import math

from tui_cia.survey.expr.nodes import (
    COMPARISON_OPS,
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

# Binding strength, loosest first; it mirrors the parser's levels.
_BINARY_PRECEDENCE = {
    "or": 1,
    "and": 2,
    **{op: 4 for op in COMPARISON_OPS},
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "div": 6,
    "mod": 6,
}
_NOT_PRECEDENCE = 3
_NEGATE_PRECEDENCE = 7
_ATOM_PRECEDENCE = 8


def to_source(node: Node) -> str:
    """The source text of ``node``; ``parse(to_source(node)) == node`` for every tree.

    Two trees cannot be written, and raise ValueError: a text holding both quote characters
    (the language has no escapes) and a number that is not finite. A negative number
    literal, which the parser never produces, prints as ``-3`` and reads back as
    ``Unary('-', Literal(3))``, the same value.
    """
    match node:
        case Literal(value=value):
            return _literal(value)
        case Null():
            return "null"
        case Ref(name=name):
            return f"${{{name}}}"
        case Current():
            return "."
        case Name(name=name):
            return name
        case Unary():
            return _unary(node)
        case Binary():
            return _binary(node)
        case Call(name=name, args=args):
            return f"{name}({', '.join(to_source(argument) for argument in args)})"


def _precedence(node: Node) -> int:
    if isinstance(node, Binary):
        return _BINARY_PRECEDENCE[node.op]
    if isinstance(node, Unary):
        return _NOT_PRECEDENCE if node.op == "not" else _NEGATE_PRECEDENCE
    if isinstance(node, Literal) and _is_negative(node.value):
        return _NEGATE_PRECEDENCE
    return _ATOM_PRECEDENCE


def _is_negative(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value < 0


def _wrapped(node: Node, parenthesize: bool) -> str:
    text = to_source(node)
    return f"({text})" if parenthesize else text


def _unary(node: Unary) -> str:
    if node.op == "not":
        return "not " + _wrapped(node.operand, _precedence(node.operand) < _NOT_PRECEDENCE)
    operand = _wrapped(node.operand, _precedence(node.operand) < _NEGATE_PRECEDENCE)
    # A space keeps "- -3" readable; the tokenizer reads "--3" the same way.
    return f"- {operand}" if operand.startswith("-") else f"-{operand}"


def _binary(node: Binary) -> str:
    precedence = _BINARY_PRECEDENCE[node.op]
    # Left-associative levels need parentheses only around a looser left side; comparisons do
    # not chain, so a comparison on either side of another one is parenthesized too.
    left_limit = precedence + 1 if node.op in COMPARISON_OPS else precedence
    left = _wrapped(node.left, _precedence(node.left) < left_limit)
    right = _wrapped(node.right, _precedence(node.right) <= precedence)
    return f"{left} {node.op} {right}"


def _literal(value: int | float | str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError(f"a text holding both ' and \" cannot be written: {value!r}")


def _float(value: float) -> str:
    """Digits, a point and digits: the tokenizer reads no exponents (1e-07 is 0.0000001)."""
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be written as a number")
    text = format(decimal.Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"
