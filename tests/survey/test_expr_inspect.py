"""Static analysis of expressions: references, calls, kinds and suspicious comparisons."""

from __future__ import annotations

import pytest

from tui_cia.survey.expr import (
    FUNCTIONS,
    Call,
    Kind,
    Name,
    RefUse,
    arity_problem,
    calls,
    comparison_mismatches,
    infer_kind,
    names,
    parse,
    ref_uses,
    refs,
    unknown_function_message,
    uses_current,
    uses_position,
)

REPEATS = {"members", "plots"}
KINDS = {
    "age": Kind.NUMBER,
    "income": Kind.NUMBER,
    "name": Kind.TEXT,
    "sex": Kind.TEXT,
    "dob": Kind.DATE,
    "m": Kind.LIST,
    ".": Kind.NUMBER,
}


def is_repeat(name: str) -> bool:
    return name in REPEATS


def kind_of(name: str) -> Kind:
    return KINDS.get(name, Kind.ANY)


def call_of(source: str) -> Call:
    tree = parse(source)
    assert isinstance(tree, Call)
    return tree


def test_refs_include_repeats_inside_aggregates() -> None:
    assert refs(parse("sum(${members}, ${income}) > ${min_income}")) == {
        "members",
        "income",
        "min_income",
    }
    assert refs(parse("1 + 2")) == set()


def test_ref_uses_say_where_a_reference_is_read() -> None:
    source = "count(${members}, ${age} > ${adult_age}) + max(${plots}, ${area}) + ${hh}"
    uses = ref_uses(parse(source), is_repeat)
    assert uses == [
        RefUse("members", 6, None),
        RefUse("age", 18, "members"),
        RefUse("adult_age", 27, "members"),
        RefUse("plots", 47, None),
        RefUse("area", 57, "plots"),
        RefUse("hh", 68, None),
    ]


def test_ref_uses_of_scalar_min_are_not_inside_anything() -> None:
    uses = ref_uses(parse("min(${a}, ${b})"), is_repeat)
    assert [use.inside for use in uses] == [None, None]


def test_calls_names_current_and_position() -> None:
    tree = parse("if(foo(.) > 1, tambon, position())")
    assert [call.name for call in calls(tree)] == ["if", "foo", "position"]
    assert names(tree) == [Name("tambon")]
    assert uses_current(tree)
    assert uses_position(tree)
    assert not uses_current(parse("${a}"))
    assert not uses_position(parse("count(${members})"))


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("1", Kind.NUMBER),
        ("1.5", Kind.NUMBER),
        ("'a'", Kind.TEXT),
        ("true", Kind.BOOL),
        ("null", Kind.NULL),
        ("${age}", Kind.NUMBER),
        ("${unknown}", Kind.ANY),
        (".", Kind.NUMBER),
        ("tambon", Kind.ANY),
        ("-${age}", Kind.NUMBER),
        ("not ${age}", Kind.BOOL),
        ("${age} + 1", Kind.NUMBER),
        ("${age} > 1 or false", Kind.BOOL),
        ("concat(${age})", Kind.TEXT),
        ("today()", Kind.DATE),
        ("age(${dob}, today())", Kind.NUMBER),
        ("if(${age} > 1, 'a', 'b')", Kind.TEXT),
        ("if(${age} > 1, 'a', null)", Kind.TEXT),
        ("if(${age} > 1, 'a', 1)", Kind.ANY),
        ("coalesce(${age}, 0)", Kind.NUMBER),
        ("coalesce(null)", Kind.NULL),
        ("max(${members}, ${age})", Kind.NUMBER),
        ("min(1, 2)", Kind.NUMBER),
        ("count(${members})", Kind.NUMBER),
        ("selected(${m}, 'a')", Kind.BOOL),
        ("mystery(1)", Kind.ANY),
    ],
)
def test_infer_kind(source: str, kind: Kind) -> None:
    assert infer_kind(parse(source), kind_of) is kind


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "${age} = '5'",
            [(7, "${age} is a number but is compared with the text '5'; write 5 without quotes")],
        ),
        (
            "'5' < ${age}",
            [(4, "${age} is a number but is compared with the text '5'; write 5 without quotes")],
        ),
        (
            "${sex} = 1",
            [(7, "${sex} is a text but is compared with the number 1; write '1' in quotes")],
        ),
        (
            ". >= 'abc'",
            [
                (
                    2,
                    ". is a number but is compared with the text 'abc'; "
                    "a number never equals a text",
                )
            ],
        ),
        (
            "${age} != ${name}",
            [(7, "${age} is a number but is compared with ${name}, which is a text")],
        ),
        (
            "${name} + 1",
            [(8, "${name} is a text; '+' works on numbers only; use concat() to join texts")],
        ),
        ("-${name}", [(0, "${name} is a text; '-' works on numbers only")]),
        ("1 * 'a' = 2", [(2, "'a' is a text; '*' works on numbers only")]),
        ("${age} = 5 and ${sex} = '1'", []),
        ("${unknown} = '5'", []),
        ("date('2020-01-01') = '2020-01-01'", []),
    ],
)
def test_comparison_mismatches(source: str, expected: list[tuple[int, str]]) -> None:
    assert comparison_mismatches(parse(source), kind_of) == expected


def test_mismatches_are_found_inside_aggregates_in_source_order() -> None:
    found = comparison_mismatches(parse("count(${members}, ${sex} = 2) > '1'"), kind_of)
    assert [offset for offset, _ in found] == [25, 30]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("sum(${members})", "sum() over a repeat takes 2 arguments: sum(${members}, expression)"),
        ("sum(${age}, 1)", "${age} is not a repeat; sum() runs over a repeat"),
        ("count(1)", "count() needs a repeat as its first argument: count(${repeat}, condition)"),
        ("count()", "count() needs a repeat as its first argument"),
        ("min(${members}, ${age}, 1)", "min() over a repeat takes 2 arguments"),
        ("round(1, 2, 3)", "round() takes 1 or 2 arguments: round(x, digits); this call has 3"),
        ("today(1)", "today() takes no arguments"),
        ("if(1, 2)", "if() takes 3 arguments"),
        ("coalesce()", "coalesce() takes at least 1 argument"),
        ("label('x')", "label() takes a field reference: label(${field})"),
    ],
)
def test_arity_problems(source: str, message: str) -> None:
    problem = arity_problem(call_of(source), is_repeat)
    assert problem is not None and problem.startswith(message)


@pytest.mark.parametrize(
    "source",
    [
        "count(${members})",
        "count(${members}, ${age} > 1)",
        "max(${members}, ${age})",
        "max(${age}, 1, 2)",
        "min(${age})",
        "concat()",
        "round(1.5)",
        "label(${sex})",
        "nosuch(1, 2)",
    ],
)
def test_no_arity_problem(source: str) -> None:
    assert arity_problem(call_of(source), is_repeat) is None


def test_unknown_function_message_suggests_a_name() -> None:
    assert unknown_function_message("cout") == "there is no function cout(); did you mean count()?"
    assert unknown_function_message("zzzz") == "there is no function zzzz()"
    assert set(FUNCTIONS) >= {"if", "count", "position", "days_between", "regex"}
