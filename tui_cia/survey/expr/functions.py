"""The function table: every function's name, number of arguments and implementation."""

from __future__ import annotations

import datetime
import decimal
import difflib
import functools
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from tui_cia.survey.dates import as_date, whole_months, whole_years
from tui_cia.survey.expr.nodes import Call, Ref
from tui_cia.survey.expr.values import Value, as_text, is_number


@dataclass(frozen=True)
class FunctionSpec:
    """One function of the language.

    ``impl`` takes the evaluated arguments and returns the result; it is None for the
    functions the compiler builds itself because they are lazy (``if``, ``coalesce``), read the
    context (``today``, ``position``, ``label``) or run over a repeat (the aggregates).
    ``pure`` says the result depends on the arguments alone, so a call on constants is folded
    to its value once. ``over_repeat`` says the first argument must be a repeat.
    """

    name: str
    min_args: int
    max_args: int | None
    usage: str
    impl: Callable[..., Value] | None = None
    pure: bool = True
    over_repeat: bool = False

    def accepts(self, count: int) -> bool:
        """True if a call may have ``count`` arguments."""
        return self.min_args <= count and (self.max_args is None or count <= self.max_args)


def _searchable(value: Value) -> str | None:
    """The text that text functions look into: a text, or a whole number written out."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def blank(value: Value) -> bool:
    """True for null, the empty text and the empty list."""
    return value is None or (isinstance(value, str | list | tuple) and len(value) == 0)


def filled(value: Value) -> bool:
    """The opposite of ``blank``."""
    return not blank(value)


def selected(answer: Value, choice: Value) -> bool:
    """True if ``choice`` is among the chosen values (a list, or one text for select_one)."""
    if isinstance(choice, int) and not isinstance(choice, bool):
        choice = str(choice)  # choice values are texts; selected(${x}, 1) means '1'
    if isinstance(answer, list | tuple):
        return choice in answer
    return isinstance(answer, str) and answer == choice


def count_selected(answer: Value) -> int:
    """How many values are chosen: a list's length, 1 for a non-empty text, else 0."""
    if isinstance(answer, list | tuple):
        return len(answer)
    return 1 if isinstance(answer, str) and answer else 0


def round_half_away(number: Value, digits: Value = 0) -> Value:
    """Round half away from zero on the number as written (2.675 -> 2.68, not 2.67).

    Gives an int when ``digits`` is 0, a float otherwise; null for anything not a number.
    """
    if not is_number(number) or type(digits) is not int:
        return None
    places = max(-400, min(400, digits))  # beyond this every float is already exact or 0
    context = decimal.Context(prec=1000, rounding=decimal.ROUND_HALF_UP)
    try:
        rounded = decimal.Decimal(str(number)).quantize(
            decimal.Decimal(1).scaleb(-places), context=context
        )
        return int(rounded) if digits == 0 else float(rounded)
    except (decimal.InvalidOperation, OverflowError, ValueError):
        return None


def to_int(value: Value) -> int | None:
    """Truncate toward zero; a text of digits such as '12' is read as a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
        try:
            return int(value)
        except ValueError:  # longer than Python reads
            return None
    return None


_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")


def absolute(value: Value) -> Value:
    """``abs`` of a number, else null."""
    return abs(value) if is_number(value) else None


def _extreme(pick: Callable[..., Value], *values: Value) -> Value:
    """min or max of numbers, of texts or of dates; null if any is null or the kinds differ."""
    kinds = {_scalar_kind(value) for value in values}
    if len(kinds) != 1 or None in kinds:
        return None
    return pick(values)


def _scalar_kind(value: Value) -> str | None:
    if is_number(value):
        return "number"
    if isinstance(value, str):
        return "text"
    return "date" if isinstance(value, datetime.date) else None


def concat(*values: Value) -> str:
    """Join the values as texts; null counts as ''."""
    return "".join([as_text(value) for value in values])


def length(value: Value) -> int | None:
    """The number of characters (null counts as 0)."""
    if value is None:
        return 0
    text = _searchable(value)
    return None if text is None else len(text)


def _on_texts(compute: Callable[[str, str], bool]) -> Callable[[Value, Value], bool]:
    """A text test that is false when either side is null or not a text."""

    def run(first: Value, second: Value) -> bool:
        text, other = _searchable(first), _searchable(second)
        return text is not None and other is not None and compute(text, other)

    return run


def _matches(text: str, pattern: str) -> bool:
    from tui_cia.survey.patterns import full_match  # an invalid or slow pattern matches nothing

    return full_match(pattern, text)


def _on_dates(compute: Callable[..., Value]) -> Callable[..., Value]:
    """A function of dates; a text in the form YYYY-MM-DD counts, anything else gives null."""

    def run(*values: Value) -> Value:
        days = [as_date(value) for value in values]
        return None if None in days else compute(*days)

    return run


def _spec(
    usage: str,
    min_args: int,
    max_args: int | None,
    impl: Callable[..., Value] | None = None,
    *,
    pure: bool = True,
    over_repeat: bool = False,
) -> FunctionSpec:
    name = usage.split("(", 1)[0]
    return FunctionSpec(name, min_args, max_args, usage, impl, pure, over_repeat)


_SPECS = (
    _spec("if(condition, then, otherwise)", 3, 3),
    _spec("coalesce(a, b, ...)", 1, None),
    _spec("blank(x)", 1, 1, blank),
    _spec("filled(x)", 1, 1, filled),
    _spec("selected(${field}, 'value')", 2, 2, selected),
    _spec("count_selected(${field})", 1, 1, count_selected),
    _spec("label(${field})", 1, 1, pure=False),
    _spec("round(x, digits)", 1, 2, round_half_away),
    _spec("int(x)", 1, 1, to_int),
    _spec("abs(x)", 1, 1, absolute),
    _spec("min(a, b, ...)", 1, None, functools.partial(_extreme, min)),
    _spec("max(a, b, ...)", 1, None, functools.partial(_extreme, max)),
    _spec("concat(a, b, ...)", 0, None, concat),
    _spec("length(text)", 1, 1, length),
    _spec("contains(text, part)", 2, 2, _on_texts(operator.contains)),
    _spec("starts_with(text, start)", 2, 2, _on_texts(str.startswith)),
    _spec("regex(text, pattern)", 2, 2, _on_texts(_matches)),
    _spec("today()", 0, 0, pure=False),
    _spec("date('YYYY-MM-DD')", 1, 1, as_date),
    _spec("year(date)", 1, 1, _on_dates(operator.attrgetter("year"))),
    _spec("age(birth, on)", 2, 2, _on_dates(whole_years)),
    _spec("age_months(birth, on)", 2, 2, _on_dates(whole_months)),
    _spec("days_between(from, to)", 2, 2, _on_dates(lambda first, second: (second - first).days)),
    _spec("count(${repeat}, condition)", 1, 2, pure=False, over_repeat=True),
    _spec("sum(${repeat}, expression)", 2, 2, pure=False, over_repeat=True),
    _spec("any(${repeat}, condition)", 2, 2, pure=False, over_repeat=True),
    _spec("all(${repeat}, condition)", 2, 2, pure=False, over_repeat=True),
    _spec("position()", 0, 0, pure=False),
)

#: Every function by name. ``min`` and ``max`` are listed as the scalar functions; with a
#: repeat as their first argument they are aggregates (see ``is_aggregate``).
FUNCTIONS: dict[str, FunctionSpec] = {spec.name: spec for spec in _SPECS}

#: Aggregates that are also scalar functions, told apart by their first argument.
DUAL_AGGREGATES = frozenset({"min", "max"})


def repeat_argument(call: Call, is_repeat: Callable[[str], bool]) -> str | None:
    """The repeat a call runs over, if its first argument is a reference to a repeat."""
    if not call.args or not isinstance(call.args[0], Ref):
        return None
    name = call.args[0].name
    return name if is_repeat(name) else None


def is_aggregate(call: Call, is_repeat: Callable[[str], bool]) -> bool:
    """True when ``call`` evaluates its later arguments once per instance of a repeat."""
    spec = FUNCTIONS.get(call.name)
    if spec is not None and spec.over_repeat:
        return True
    return call.name in DUAL_AGGREGATES and repeat_argument(call, is_repeat) is not None


def arity_problem(call: Call, is_repeat: Callable[[str], bool]) -> str | None:
    """A message when ``call`` has the wrong arguments for its function, else None.

    Unknown functions are not this function's business (see ``unknown_function_message``).
    Besides counting, it checks that aggregates get a repeat first and ``label`` a reference.
    """
    spec = FUNCTIONS.get(call.name)
    if spec is None:
        return None
    repeat = repeat_argument(call, is_repeat)
    if spec.over_repeat and repeat is None:
        return _not_a_repeat(call, spec)
    if call.name in DUAL_AGGREGATES and repeat is not None and len(call.args) != 2:
        return (
            f"{call.name}() over a repeat takes 2 arguments: {call.name}(${{{repeat}}}, expression)"
        )
    if call.name == "label" and call.args and not isinstance(call.args[0], Ref):
        return "label() takes a field reference: label(${field})"
    return _count_problem(call, spec, repeat)


def _not_a_repeat(call: Call, spec: FunctionSpec) -> str:
    first = call.args[0] if call.args else None
    if isinstance(first, Ref):
        return f"${{{first.name}}} is not a repeat; {call.name}() runs over a repeat: {spec.usage}"
    return f"{call.name}() needs a repeat as its first argument: {spec.usage}"


def _count_problem(call: Call, spec: FunctionSpec, repeat: str | None) -> str | None:
    given = len(call.args)
    if spec.accepts(given):
        return None
    usage = spec.usage.replace("${repeat}", f"${{{repeat}}}") if repeat else spec.usage
    over = " over a repeat" if spec.over_repeat else ""
    return f"{call.name}(){over} takes {_expected(spec)}: {usage}; this call has {given}"


def _expected(spec: FunctionSpec) -> str:
    low, high = spec.min_args, spec.max_args
    if high is None:
        return f"at least {low} argument{'s' if low != 1 else ''}"
    if low == high:
        return "no arguments" if low == 0 else f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} or {high} arguments" if high == low + 1 else f"{low} to {high} arguments"


def unknown_function_message(name: str) -> str:
    """The message for a call to a function that does not exist, with a likely fix."""
    close = difflib.get_close_matches(name.lower(), FUNCTIONS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}()?" if close else ""
    return f"there is no function {name}(){hint}"
