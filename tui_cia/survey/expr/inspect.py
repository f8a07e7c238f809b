"""Static analysis of expressions for the form linter and the dependency graph."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from tui_cia.survey.expr.functions import is_aggregate
from tui_cia.survey.expr.nodes import (
    ARITHMETIC_OPS,
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
    children,
    walk,
)
from tui_cia.survey.expr.printer import to_source


class Kind(enum.Enum):
    """What an expression gives, as far as can be told without answers."""

    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    LIST = "list"
    NULL = "null"
    ANY = "any"


KindOf = Callable[[str], Kind]


@dataclass(frozen=True)
class RefUse:
    """One ``${name}``; ``inside`` is the repeat an aggregate evaluates it in, else None."""

    name: str
    pos: int
    inside: str | None


def refs(node: Node) -> set[str]:
    """Every field named by ``${...}``, including the repeats aggregates run over."""
    return {each.name for each in walk(node) if isinstance(each, Ref)}


def ref_uses(node: Node, is_repeat: Callable[[str], bool]) -> list[RefUse]:
    """Every ``${...}`` in source order, with the repeat whose instances it is read in.

    In ``sum(${members}, ${income})`` the ``${members}`` is read where the expression is, and
    ``${income}`` inside each instance of ``members``.
    """
    uses: list[RefUse] = []
    _collect_uses(node, is_repeat, None, uses)
    return sorted(uses, key=lambda use: use.pos)


def _collect_uses(
    node: Node, is_repeat: Callable[[str], bool], inside: str | None, uses: list[RefUse]
) -> None:
    if isinstance(node, Ref):
        uses.append(RefUse(node.name, node.pos, inside))
        return
    if isinstance(node, Call) and is_aggregate(node, is_repeat) and node.args:
        first, *rest = node.args
        _collect_uses(first, is_repeat, inside, uses)
        repeat = first.name if isinstance(first, Ref) else inside
        for argument in rest:
            _collect_uses(argument, is_repeat, repeat, uses)
        return
    for child in children(node):
        _collect_uses(child, is_repeat, inside, uses)


def calls(node: Node) -> list[Call]:
    """Every function call, outer calls before the calls in their arguments."""
    return [each for each in walk(node) if isinstance(each, Call)]


def uses_current(node: Node) -> bool:
    """True if the expression reads ``.``."""
    return any(isinstance(each, Current) for each in walk(node))


def uses_position(node: Node) -> bool:
    """True if the expression calls ``position()``."""
    return any(isinstance(each, Call) and each.name == "position" for each in walk(node))


def names(node: Node) -> list[Name]:
    """Every bare name: a choice's column in ``choice_filter``, an error anywhere else."""
    return [each for each in walk(node) if isinstance(each, Name)]


_RESULT_KINDS: dict[str, Kind] = {
    **dict.fromkeys(
        ("blank", "filled", "selected", "contains", "starts_with", "regex", "any", "all"),
        Kind.BOOL,
    ),
    **dict.fromkeys(
        ("count_selected", "round", "int", "abs", "length", "year", "age", "age_months"),
        Kind.NUMBER,
    ),
    **dict.fromkeys(("days_between", "count", "sum", "position"), Kind.NUMBER),
    **dict.fromkeys(("concat", "label"), Kind.TEXT),
    **dict.fromkeys(("today", "date"), Kind.DATE),
}
# Functions whose result has the kind of their arguments, from the argument at this index on.
_KIND_OF_ARGUMENTS_FROM = {"coalesce": 0, "min": 0, "max": 0, "if": 1}


def infer_kind(node: Node, kind_of: KindOf) -> Kind:
    """The kind ``node`` gives; ``kind_of`` answers for field names and for ``.``.

    ``kind_of('.')`` is asked for the current answer, so the linter can say what the field
    being checked holds. Bare names (choice columns) are ANY.
    """
    match node:
        case Literal(value=bool()):
            return Kind.BOOL
        case Literal(value=str()):
            return Kind.TEXT
        case Literal():
            return Kind.NUMBER
        case Null():
            return Kind.NULL
        case Ref(name=name):
            return kind_of(name)
        case Current():
            return kind_of(".")
        case Name():
            return Kind.ANY
        case Unary(op=op):
            return Kind.BOOL if op == "not" else Kind.NUMBER
        case Binary(op=op):
            return Kind.NUMBER if op in ARITHMETIC_OPS else Kind.BOOL
        case Call():
            return _call_kind(node, kind_of)


def _call_kind(call: Call, kind_of: KindOf) -> Kind:
    if call.name in _KIND_OF_ARGUMENTS_FROM:
        start = _KIND_OF_ARGUMENTS_FROM[call.name]
        if call.name in ("min", "max") and len(call.args) == 2 and isinstance(call.args[0], Ref):
            # Perhaps an aggregate, whose kind is its expression's; as a scalar min() the two
            # arguments share a kind anyway.
            start = 1
        return _common_kind([infer_kind(arg, kind_of) for arg in call.args[start:]])
    return _RESULT_KINDS.get(call.name, Kind.ANY)


def _common_kind(kinds: list[Kind]) -> Kind:
    """The one kind all of these share, ignoring nulls; ANY when they differ."""
    distinct = {kind for kind in kinds if kind is not Kind.NULL}
    if not distinct:
        return Kind.NULL if kinds else Kind.ANY
    return distinct.pop() if len(distinct) == 1 else Kind.ANY


def comparison_mismatches(node: Node, kind_of: KindOf) -> list[tuple[int, str]]:
    """(offset, message) for each number compared with a text and each sum of a text.

    The offset is the operator's. Numbers and texts are never equal, so ``${age} = '5'`` is
    always false: almost certainly a mistake, and the message says how to write it.
    """
    found: list[tuple[int, str]] = []
    for each in walk(node):
        if isinstance(each, Binary) and each.op in COMPARISON_OPS:
            message = _comparison_message(each, kind_of)
        elif isinstance(each, Binary) and each.op in ARITHMETIC_OPS:
            message = _arithmetic_message(each.op, [each.left, each.right], kind_of)
        elif isinstance(each, Unary) and each.op == "-":
            message = _arithmetic_message("-", [each.operand], kind_of)
        else:
            continue
        if message is not None:
            found.append((each.pos, message))
    return sorted(found)


def _comparison_message(node: Binary, kind_of: KindOf) -> str | None:
    kinds = (infer_kind(node.left, kind_of), infer_kind(node.right, kind_of))
    if set(kinds) != {Kind.NUMBER, Kind.TEXT}:
        return None
    sides = [node.left, node.right]
    # Name the side that is not a literal first: "${age} is a number ... the text '5'".
    if isinstance(sides[0], Literal) and not isinstance(sides[1], Literal):
        sides.reverse()
        kinds = kinds[::-1]
    subject, other = sides
    message = f"{to_source(subject)} is a {kinds[0].value} but is compared with "
    if isinstance(other, Literal):
        return message + f"the {kinds[1].value} {to_source(other)}; {_literal_fix(other)}"
    return message + f"{to_source(other)}, which is a {kinds[1].value}"


def _literal_fix(literal: Literal) -> str:
    if not isinstance(literal.value, str):
        return f"write '{literal.value}' in quotes"
    if _NUMBER_TEXT.fullmatch(literal.value):
        return f"write {literal.value} without quotes"
    return "a number never equals a text"


_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _arithmetic_message(op: str, operands: list[Node], kind_of: KindOf) -> str | None:
    for operand in operands:
        if infer_kind(operand, kind_of) is Kind.TEXT:
            hint = "; use concat() to join texts" if op == "+" else ""
            return f"{to_source(operand)} is a text; '{op}' works on numbers only{hint}"
    return None
