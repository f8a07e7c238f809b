"""Evaluating expressions: operators, null, every function, repeats and choice filters."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from tui_cia.survey.expr import Value, compile_node, evaluate, parse, truthy

TODAY = datetime.date(2024, 6, 15)


@dataclass
class Ctx:
    """A record as dicts: answers, repeats (lists of answer dicts), labels, a choice's columns."""

    values: dict[str, Value] = field(default_factory=dict)
    repeats: dict[str, list[dict[str, Value]]] = field(default_factory=dict)
    checked: Value = None
    columns: dict[str, Value] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    index: int | None = None
    outer: Ctx | None = None

    def value(self, name: str) -> Value:
        if name in self.values or self.outer is None:
            return self.values.get(name)
        return self.outer.value(name)

    def current(self) -> Value:
        return self.checked

    def bare(self, name: str) -> Value:
        return self.columns.get(name)

    def instances(self, repeat: str) -> Sequence[Ctx]:
        rows = self.root().repeats.get(repeat, [])
        return [Ctx(values=row, index=i + 1, outer=self) for i, row in enumerate(rows)]

    def position(self) -> int | None:
        return self.index

    def label(self, name: str, value: Value) -> Value:
        table = self.root().labels.get(name, {})
        if isinstance(value, list):
            return ", ".join(table[item] for item in value)
        return None if value is None else table.get(str(value))

    def today(self) -> datetime.date:
        return TODAY

    def is_repeat(self, name: str) -> bool:
        return name in self.root().repeats

    def root(self) -> Ctx:
        return self if self.outer is None else self.outer.root()


def run(source: str, ctx: Ctx | None = None, **values: Value) -> Value:
    context = ctx if ctx is not None else Ctx(values=dict(values))
    return compile_node(parse(source))(context)


def same(actual: Value, expected: Value) -> bool:
    return type(actual) is type(expected) and actual == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", 3),
        ("2 * 3", 6),
        ("1 - 5", -4),
        ("1 + 2.5", 3.5),
        ("7 / 2", 3.5),
        ("6 / 3", 2.0),
        ("7 div 2", 3),
        ("-7 div 2", -4),
        ("7 mod 3", 1),
        ("-7 mod 3", 2),
        ("7.5 div 2", 3.0),
        ("1 / 0", None),
        ("1 div 0", None),
        ("1 mod 0", None),
        ("1.0 / 0.0", None),
        ("1 + null", None),
        ("null * 2", None),
        ("-null", None),
        ("-'a'", None),
        ("1 + 'a'", None),
        ("1 + true", None),
        ("date('2020-01-01') + 1", None),
        ("-(2 + 3)", -5),
    ],
)
def test_arithmetic(source: str, expected: Value) -> None:
    assert same(run(source), expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("null = null", True),
        ("null != null", False),
        ("${x} = null", True),
        ("${x} != null", False),
        ("1 = null", False),
        ("1 != null", True),
        ("${x} < 1", False),
        ("${x} >= 1", False),
        ("null <= null", False),
        ("1 = 1.0", True),
        ("1 < 1.5", True),
        ("'a' < 'b'", True),
        ("'ก' > 'a'", True),
        ("1 = '1'", False),
        ("1 != '1'", True),
        ("1 < '2'", False),
        ("true = 1", False),
        ("true = true", True),
        ("false < true", True),
        ("date('2020-01-02') > date('2020-01-01')", True),
        ("date('2020-01-02') = '2020-01-02'", True),
        ("'2020-01-03' > date('2020-01-02')", True),
        ("date('2020-01-02') = '2 Jan 2020'", False),
        ("date('2020-01-02') < 5", False),
    ],
)
def test_comparisons(source: str, expected: bool) -> None:
    assert run(source) is expected


def test_lists_compare_for_equality_only() -> None:
    assert run("${m} = ${n}", m=["a", "b"], n=("a", "b")) is True
    assert run("${m} != ${n}", m=["a"], n=["b"]) is True
    assert run("${m} < ${n}", m=["a"], n=["b"]) is False
    assert run("${m} = 'a'", m=["a"]) is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        (True, True),
        (False, False),
        (0, False),
        (0.0, False),
        (-1, True),
        ("", False),
        ("0", True),
        ([], False),
        (["a"], True),
        (datetime.date(2020, 1, 1), True),
    ],
)
def test_truthy(value: Value, expected: bool) -> None:
    assert truthy(value) is expected
    assert run("${x} and true", x=value) is expected
    assert run("not ${x}", x=value) is (not expected)


def test_and_or_short_circuit_and_give_bools() -> None:
    assert run("1 and 'x'") is True
    assert run("0 or ''") is False
    assert run("null or 2") is True
    # The right side would divide by zero; it is never reached, and would be null anyway.
    assert run("false and 1 / 0 = 1") is False
    assert run("true or 1 / 0 = 1") is True


def test_if_evaluates_only_the_chosen_branch() -> None:
    class Counting(Ctx):
        reads: list[str] = []

        def value(self, name: str) -> Value:
            self.reads.append(name)
            return super().value(name)

    ctx = Counting(values={"c": True, "a": 1, "b": 2})
    assert run("if(${c}, ${a}, ${b})", ctx) == 1
    assert ctx.reads == ["c", "a"]
    assert run("if(null, 'y', 'n')") == "n"
    assert run("if(1 > 0, 'y', 'n')") == "y"


def test_coalesce_blank_filled() -> None:
    assert run("coalesce(${a}, ${b}, 3)", b=0) == 0
    assert run("coalesce(${a})") is None
    assert run("coalesce(${a}, '')") == ""
    blank_values: list[Value] = [None, "", []]
    for blank_value in blank_values:
        assert run("blank(${x})", x=blank_value) is True
        assert run("filled(${x})", x=blank_value) is False
    for filled_value in (0, "a", ["a"], False):
        assert run("blank(${x})", x=filled_value) is False


def test_selected_and_count_selected() -> None:
    assert run("selected(${m}, 'b')", m=["a", "b"]) is True
    assert run("selected(${m}, 'c')", m=["a", "b"]) is False
    assert run("selected(${m}, 'a')", m=("a",)) is True
    assert run("selected(${s}, '1')", s="1") is True
    assert run("selected(${s}, 1)", s="1") is True
    assert run("selected(${s}, '2')", s="1") is False
    assert run("selected(${s}, 'a')") is False
    assert run("count_selected(${m})", m=["a", "b", "c"]) == 3
    assert run("count_selected(${s})", s="x") == 1
    assert run("count_selected(${s})", s="") == 0
    assert run("count_selected(${s})") == 0


def test_label_reads_the_context() -> None:
    ctx = Ctx(values={"sex": "1", "m": ["a", "b"]})
    ctx.labels = {"sex": {"1": "ชาย"}, "m": {"a": "A", "b": "B"}}
    assert run("label(${sex})", ctx) == "ชาย"
    assert run("label(${m})", ctx) == "A, B"
    assert run("label(${none})", ctx) is None
    assert run("label('x')", ctx) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(0.5)", 1),
        ("round(1.4)", 1),
        ("round(2.675, 2)", 2.68),
        ("round(-2.675, 2)", -2.68),
        ("round(1.25, 1)", 1.3),
        ("round(7, 1)", 7.0),
        ("round(1234, -2)", 1200.0),
        ("round(null)", None),
        ("round('2.5')", None),
        ("round(2.5, null)", None),
        ("int(3.9)", 3),
        ("int(-3.9)", -3),
        ("int(7)", 7),
        ("int('12')", 12),
        ("int(' -12 ')", -12),
        ("int('12.5')", None),
        ("int('abc')", None),
        ("int(true)", None),
        ("int(null)", None),
        ("abs(-3)", 3),
        ("abs(-2.5)", 2.5),
        ("abs('x')", None),
        ("min(3, 1, 2)", 1),
        ("max(3, 1.5, 2)", 3),
        ("min(4)", 4),
        ("min(1, null)", None),
        ("max(1, 'a')", None),
        ("min('b', 'a')", "a"),
        ("max(date('2020-01-01'), date('2021-01-01'))", datetime.date(2021, 1, 1)),
    ],
)
def test_number_functions(source: str, expected: Value) -> None:
    assert same(run(source), expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("concat('a', 1, ' ', 2.5, null, true)", "a1 2.5true"),
        ("concat(2.0, ' ', 1 / 4)", "2.0 0.25"),
        ("concat(date('2023-05-01'))", "2023-05-01"),
        ("concat()", ""),
        ("length('สมชาย')", 5),
        ("length('')", 0),
        ("length(null)", 0),
        ("length(12345)", 5),
        ("contains('บ้านเลขที่', 'เลข')", True),
        ("contains('abc', 'x')", False),
        ("contains(null, 'a')", False),
        ("contains('a', null)", False),
        ("starts_with('0812345678', '08')", True),
        ("starts_with('0812345678', '09')", False),
        ("starts_with(null, '0')", False),
        ("regex('12345', '[0-9]{5}')", True),
        ("regex('123456', '[0-9]{5}')", False),
        ("regex('a12345', '[0-9]{5}')", False),
        ("regex(12345, '[0-9]+')", True),
        ("regex(null, '.*')", False),
        ("regex('a', '(')", False),
    ],
)
def test_text_functions(source: str, expected: Value) -> None:
    assert same(run(source), expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("today()", TODAY),
        ("date('2023-05-01')", datetime.date(2023, 5, 1)),
        ("date('2023-02-30')", None),
        ("date('01/05/2566')", None),
        ("date(20230501)", None),
        ("year(date('2023-05-01'))", 2023),
        ("year('2023-05-01')", 2023),
        ("year(null)", None),
        ("age('2000-06-15', '2024-06-15')", 24),
        ("age('2000-06-16', '2024-06-15')", 23),
        ("age('2000-02-29', '2023-02-28')", 22),
        ("age('2000-02-29', '2023-03-01')", 23),
        ("age('2000-02-29', '2024-02-29')", 24),
        ("age('2000-01-01', null)", None),
        ("age('junk', '2024-01-01')", None),
        ("age_months('2024-01-31', '2024-02-29')", 0),
        ("age_months('2024-01-31', '2024-03-01')", 1),
        ("age_months('2023-06-15', '2024-06-15')", 12),
        ("age_months('2023-06-16', '2024-06-15')", 11),
        ("days_between('2024-01-01', '2024-03-01')", 60),
        ("days_between('2024-03-01', '2024-01-01')", -60),
        ("days_between(null, '2024-01-01')", None),
    ],
)
def test_date_functions(source: str, expected: Value) -> None:
    assert same(run(source), expected)


def test_dates_may_come_from_answers() -> None:
    assert run("age(${dob}, today())", dob=datetime.date(1990, 6, 16)) == 33
    assert run("age(${dob}, today()) >= 18", dob="2010-01-01") is False


def household(members: list[dict[str, Value]]) -> Ctx:
    return Ctx(values={"hh_size": len(members), "village": "v1"}, repeats={"members": members})


MEMBERS: list[dict[str, Value]] = [
    {"age": 40, "income": 1000, "sex": "1"},
    {"age": 12, "income": None, "sex": "2"},
    {"age": 70, "income": 2500.5, "sex": "2"},
]


@pytest.mark.parametrize(
    ("source", "none", "one", "many"),
    [
        ("count(${members})", 0, 1, 3),
        ("count(${members}, ${age} >= 18)", 0, 1, 2),
        ("sum(${members}, ${income})", 0, 1000, 3500.5),
        ("min(${members}, ${age})", None, 40, 12),
        ("max(${members}, ${age})", None, 40, 70),
        ("any(${members}, ${age} < 15)", False, False, True),
        ("all(${members}, ${age} < 100)", True, True, True),
        ("all(${members}, ${sex} = '2')", True, False, False),
        ("max(${members}, ${income})", None, 1000, 2500.5),
    ],
)
def test_aggregates_over_zero_one_and_many(
    source: str, none: Value, one: Value, many: Value
) -> None:
    assert same(run(source, household([])), none)
    assert same(run(source, household(MEMBERS[:1])), one)
    assert same(run(source, household(MEMBERS)), many)


def test_aggregates_read_outer_fields_and_positions() -> None:
    ctx = household(MEMBERS)
    assert run("count(${members}, ${village} = 'v1')", ctx) == 3
    assert run("sum(${members}, position())", ctx) == 6
    assert run("count(${members}) = ${hh_size}", ctx) is True
    first = ctx.instances("members")[0]
    assert run("position()", first) == 1
    assert run("position()", ctx) is None
    assert run("${age} + position()", ctx.instances("members")[2]) == 73


def test_aggregates_need_a_repeat() -> None:
    ctx = household(MEMBERS)
    assert run("count(${village})", ctx) is None
    assert run("sum(1, 2)", ctx) is None
    assert run("min(${hh_size}, 5)", ctx) == 3


def test_current_and_bare_names() -> None:
    ctx = Ctx(values={"tambon": "160101"}, checked=15, columns={"tambon": "160101"})
    assert run(". >= 15 and . < 100", ctx) is True
    assert run("tambon = ${tambon}", ctx) is True
    assert run("amphoe = ${tambon}", ctx) is False


def test_unknown_functions_and_wrong_arity_compile_to_null() -> None:
    assert run("nope(1)") is None
    assert run("round(1, 2, 3)") is None
    assert run("today(1)") is None


def test_constant_sub_expressions_are_folded() -> None:
    compiled = compile_node(parse("if(1 + 1 = 2, date('2020-01-01'), today())"))
    assert compiled(None) == datetime.date(2020, 1, 1)  # type: ignore[arg-type]


def test_evaluate_caches_by_structure() -> None:
    assert evaluate(parse("${a} * 2"), Ctx(values={"a": 4})) == 8
    assert evaluate(parse("${a}  *  2"), Ctx(values={"a": 5})) == 10
    assert same(evaluate(parse("1"), Ctx()), 1)
    assert same(evaluate(parse("1.0"), Ctx()), 1.0)
