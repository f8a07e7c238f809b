"""Values at run time: their Python types, truth, text form, comparisons and arithmetic."""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from typing import Any, TypeAlias, TypeGuard

from tui_cia.survey.dates import as_date

#: What an expression gives: blank is None, select_multiple answers are lists of values.
Value: TypeAlias = bool | int | float | str | datetime.date | list[str] | tuple[str, ...] | None

Comparator: TypeAlias = Callable[[Value, Value], bool]

#: The types that are numbers (a bool is not one); a set, so a type test is one lookup.
NUMBER_TYPES = frozenset({int, float})
ORDERABLE = frozenset({int, float, str, bool, datetime.date})
#: The arithmetic operators, as in Python: int op int stays int for + - *, ``/`` is true
#: division, ``div`` is ``//`` and ``mod`` is ``%`` (so -7 div 2 = -4 and -7 mod 3 = 2). The
#: compiler gives null for a division by zero and for any operand that is not a number.
ARITHMETIC: dict[str, Callable[[Any, Any], Value]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "div": operator.floordiv,
    "mod": operator.mod,
}


def truthy(value: Value) -> bool:
    """How ``and``, ``or``, ``not`` and ``if`` read a value.

    Null is false, a bool is itself, a number is true unless 0, a text or a list unless
    empty, and a date is always true: exactly Python's ``bool``.
    """
    return bool(value)


def _comparable(left: Value, right: Value) -> tuple[Any, Any] | None:
    """Both non-null sides in a form Python compares, or None when their kinds differ.

    Numbers compare with numbers (int with float too), texts with texts, dates with dates,
    bools with bools and lists with lists; a date and a text in the form YYYY-MM-DD compare
    as dates.
    """
    if is_number(left) and is_number(right):
        return left, right
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return list(left), list(right)
    if isinstance(left, datetime.date) and isinstance(right, str):
        right = as_date(right)
    elif isinstance(left, str) and isinstance(right, datetime.date):
        left = as_date(left)
    if left is None or right is None or type(left) is not type(right):
        return None
    return left, right


def _equals(left: Value, right: Value) -> bool:
    """``=``: null equals only null; values of different kinds are never equal."""
    if left is None or right is None:
        return left is right
    if type(left) is type(right):
        return left == right
    pair = _comparable(left, right)
    return pair is not None and pair[0] == pair[1]


def _not_equals(left: Value, right: Value) -> bool:
    """``!=``: exactly ``not =``, so null differs from everything but null."""
    return not _equals(left, right)


def _ordering(test: Callable[[Any, Any], bool]) -> Comparator:
    """``<`` and friends: false with a null, with lists and across kinds."""

    def compare(left: Value, right: Value) -> bool:
        if left is None or right is None:
            return False
        if type(left) is type(right) and type(left) in ORDERABLE:
            return test(left, right)
        pair = _comparable(left, right)
        return pair is not None and not isinstance(pair[0], list) and test(*pair)

    return compare


COMPARATORS: dict[str, Comparator] = {
    "=": _equals,
    "!=": _not_equals,
    "<": _ordering(operator.lt),
    "<=": _ordering(operator.le),
    ">": _ordering(operator.gt),
    ">=": _ordering(operator.ge),
}


def is_number(value: object) -> TypeGuard[int | float]:
    """True for int and float answers; a bool is not a number here."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _join_choices(values: list[str] | tuple[str, ...]) -> str:
    return " ".join(values)  # a select_multiple answer, written as XLSForm tools store it


# One lookup by exact type instead of a chain of isinstance tests: concat is on hot paths.
_TEXT_FORMS: dict[type, Callable[[Any], str]] = {
    type(None): lambda value: "",
    bool: lambda value: "true" if value else "false",
    int: str,
    float: repr,
    str: str,
    datetime.date: datetime.date.isoformat,
    list: _join_choices,
    tuple: _join_choices,
}


def as_text(value: Value) -> str:
    """How ``concat`` shows a value: blank as '', 12 not 12.0, dates as YYYY-MM-DD."""
    return _TEXT_FORMS.get(type(value), str)(value)
