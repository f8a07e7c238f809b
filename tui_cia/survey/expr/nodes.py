"""The syntax tree of the expression language: small frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

#: Operators that combine two truth values; they short-circuit.
LOGICAL_OPS = frozenset({"or", "and"})
#: Operators that compare two values and give a bool.
COMPARISON_OPS = frozenset({"=", "!=", "<", "<=", ">", ">="})
#: Comparisons that order their sides (equality works on every kind, ordering on fewer).
ORDERING_OPS = frozenset({"<", "<=", ">", ">="})
#: Operators on numbers.
ARITHMETIC_OPS = frozenset({"+", "-", "*", "/", "div", "mod"})
#: Words with a fixed meaning; they are lower-case and cannot name a function or a column.
KEYWORDS = frozenset({"and", "or", "not", "div", "mod", "true", "false", "null"})


@dataclass(frozen=True, slots=True, eq=False)
class Literal:
    """A number, a text or true/false as written in the source.

    Equality also compares the Python type, so ``Literal(1)``, ``Literal(1.0)`` and
    ``Literal(True)`` are three different trees (Python alone would call them equal).
    """

    value: int | float | str | bool
    pos: int = field(default=0, compare=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Literal):
            return NotImplemented
        return type(self.value) is type(other.value) and self.value == other.value

    def __hash__(self) -> int:
        return hash((type(self.value), self.value))


@dataclass(frozen=True, slots=True)
class Null:
    """The keyword ``null``: the blank value."""

    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Ref:
    """``${name}``: the answer to field ``name``; ``pos`` is the offset of the ``$``."""

    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the answer being checked by a constraint or a warning."""

    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Name:
    """A bare identifier: a column of the current choice inside ``choice_filter``."""

    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """A prefix operator, ``-`` or ``not``; ``pos`` is the offset of the operator."""

    op: str
    operand: Node
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """An infix operator; ``pos`` is the offset of the operator, where errors point."""

    op: str
    left: Node
    right: Node
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    """A function call ``name(args)``; ``pos`` is the offset of the function's name."""

    name: str
    args: tuple[Node, ...]
    pos: int = field(default=0, compare=False)


Node: TypeAlias = Literal | Null | Ref | Current | Name | Unary | Binary | Call


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``, left to right."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Node) -> list[Node]:
    """Every node of the tree, each before its sub-expressions, siblings left to right."""
    found: list[Node] = []
    pending = [node]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(reversed(children(current)))
    return found
