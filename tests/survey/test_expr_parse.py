"""Parsing expressions: precedence, tokens, positions and every syntax error."""

from __future__ import annotations

import pytest

from tui_cia.survey.expr import (
    Binary,
    Call,
    Current,
    ExprSyntaxError,
    Literal,
    Name,
    Node,
    Null,
    Ref,
    Unary,
    parse,
    to_source,
)


def b(op: str, left: Node, right: Node) -> Binary:
    return Binary(op, left, right)


A, B, C = Ref("a"), Ref("b"), Ref("c")
ONE, TWO, THREE = Literal(1), Literal(2), Literal(3)


@pytest.mark.parametrize(
    ("source", "tree"),
    [
        ("1 + 2 * 3", b("+", ONE, b("*", TWO, THREE))),
        ("(1 + 2) * 3", b("*", b("+", ONE, TWO), THREE)),
        ("1 - 2 - 3", b("-", b("-", ONE, TWO), THREE)),
        ("1 / 2 div 3 mod 1", b("mod", b("div", b("/", ONE, TWO), THREE), ONE)),
        ("-1 * 2", b("*", Unary("-", ONE), TWO)),
        ("-(1 * 2)", Unary("-", b("*", ONE, TWO))),
        ("1 - -2", b("-", ONE, Unary("-", TWO))),
        ("${a} + 1 = 3", b("=", b("+", A, ONE), THREE)),
        ("not ${a} = 1", Unary("not", b("=", A, ONE))),
        ("not not ${a}", Unary("not", Unary("not", A))),
        ("not ${a} and ${b}", b("and", Unary("not", A), B)),
        ("${a} or ${b} and ${c}", b("or", A, b("and", B, C))),
        ("${a} and ${b} or ${c}", b("or", b("and", A, B), C)),
        ("${a} or ${b} or ${c}", b("or", b("or", A, B), C)),
        ("${a} != 1 and ${b} <= 2", b("and", b("!=", A, ONE), b("<=", B, TWO))),
        ("(${a} < 1) = true", b("=", b("<", A, ONE), Literal(True))),
        ("${a} >= 1 + 2 * 3", b(">=", A, b("+", ONE, b("*", TWO, THREE)))),
        ("${a} > null", b(">", A, Null())),
        ("false", Literal(False)),
    ],
)
def test_precedence(source: str, tree: Node) -> None:
    assert parse(source) == tree
    assert parse(to_source(tree)) == tree


def test_int_and_float_are_kept_apart() -> None:
    assert type(parse("12").value) is int  # type: ignore[union-attr]
    assert type(parse("3.0").value) is float  # type: ignore[union-attr]
    assert parse("3.0") != Literal(3)
    assert parse("true") != Literal(1)


def test_dot_alone_is_current_but_dot_five_is_a_number() -> None:
    assert parse(".") == Current()
    assert parse(".5") == Literal(0.5)
    assert parse(". > .5") == b(">", Current(), Literal(0.5))
    assert parse("-.5") == Unary("-", Literal(0.5))


def test_strings_in_either_quote_and_thai() -> None:
    assert parse("'it\"s'") == Literal('it"s')
    assert parse('"it\'s"') == Literal("it's")
    assert parse("${name} = 'สมชาย'") == b("=", Ref("name"), Literal("สมชาย"))
    assert parse("concat('บ้าน', \"เลขที่ \", ${house_no})") == Call(
        "concat", (Literal("บ้าน"), Literal("เลขที่ "), Ref("house_no"))
    )
    assert parse("''") == Literal("")


def test_calls_with_zero_one_and_many_arguments() -> None:
    assert parse("today()") == Call("today", ())
    assert parse("int('12')") == Call("int", (Literal("12"),))
    assert parse("if(${a} > 1, 'x', coalesce(${b}, 0))") == Call(
        "if",
        (b(">", A, ONE), Literal("x"), Call("coalesce", (B, Literal(0)))),
    )
    assert parse("count (${r})") == Call("count", (Ref("r"),))


def test_bare_names_and_keywords_are_case_sensitive() -> None:
    assert parse("tambon = ${t}") == b("=", Name("tambon"), Ref("t"))
    assert parse("True") == Name("True")
    assert parse("Mod(1)") == Call("Mod", (ONE,))


def test_positions_point_at_operators_and_starts() -> None:
    tree = parse("  ${age} >= 15 and count(${r})")
    assert isinstance(tree, Binary) and tree.pos == 15
    comparison = tree.left
    assert isinstance(comparison, Binary) and comparison.pos == 9
    assert isinstance(comparison.left, Ref) and comparison.left.pos == 2
    assert isinstance(comparison.right, Literal) and comparison.right.pos == 12
    call = tree.right
    assert isinstance(call, Call) and call.pos == 19
    assert call.args[0].pos == 25


def test_positions_count_thai_characters() -> None:
    tree = parse("'ไทย' + 1")
    assert isinstance(tree, Binary) and tree.pos == 6


def test_positions_do_not_affect_equality() -> None:
    assert parse("${a}+1") == parse("  ${a}   +   1")


@pytest.mark.parametrize(
    ("source", "offset", "fragment"),
    [
        ("", 0, "the expression is empty"),
        ("   ", 3, "the expression is empty"),
        ("1 +", 3, "expected a value after '+'"),
        ("(1 + 2", 6, "expected ')' to close the '(' at character 1"),
        ("(1 2)", 3, "expected ')'"),
        ("'abc", 0, "unterminated string"),
        ('1 = "ab', 4, "unterminated string"),
        ("${", 0, "${ needs a field name"),
        ("${}", 0, "${ needs a field name"),
        ("${ age}", 2, "no spaces inside ${...}"),
        ("${Age}", 2, "'Age' is not a field name"),
        ("${1a}", 2, "'1a' is not a field name"),
        ("${age", 5, "expected '}' to close ${age"),
        ("${age name}", 5, "expected '}' to close ${age, found a space"),
        ("$age", 0, "'$' starts a reference"),
        ("1 + + 2", 4, "unexpected '+'"),
        ("* 2", 0, "unexpected '*'"),
        ("1 2", 2, "unexpected '2'"),
        ("1 < 2 < 3", 6, "comparisons do not chain"),
        ("${a} == 1", 5, "use a single '='"),
        ("${a} <> 1", 5, "use '!='"),
        ("1 ! 2", 2, "use 'not'"),
        ("1 && 2", 2, "use 'and'"),
        ("1 | 2", 2, "use 'or'"),
        ("f(1 2)", 4, "expected ',' or ')' after an argument of f()"),
        ("f(1,)", 4, "expected an argument after ','"),
        ("f(1,", 4, "expected a value after ','"),
        ("f(", 2, "the expression ends too early"),
        ("f(,1)", 2, "unexpected ','"),
        ("1 = not 2", 4, "put 'not ...' in parentheses"),
        ("1 AND 2", 2, "write 'and' in lower case"),
        (")", 0, "unexpected ')'"),
        ("1)", 1, "there is no '(' for it to close"),
        ("x # y", 2, "unexpected character '#'"),
        ("${a} = สมชาย", 7, "put texts in quotes"),
        ("12.", 2, "unexpected '.'"),
        ("true(1)", 4, "unexpected '('"),
        ("a }", 2, "unexpected '}'"),
    ],
)
def test_syntax_errors(source: str, offset: int, fragment: str) -> None:
    with pytest.raises(ExprSyntaxError) as caught:
        parse(source)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_syntax_error_str_shows_the_human_column() -> None:
    with pytest.raises(ExprSyntaxError) as caught:
        parse("1 +")
    assert str(caught.value).endswith("(at character 4)")


def test_too_deep_a_tree_is_a_syntax_error_not_a_crash() -> None:
    parse(" + ".join(["${a}"] * 200))
    with pytest.raises(ExprSyntaxError, match="nested more than 200 levels"):
        parse(" + ".join(["${a}"] * 201))
    with pytest.raises(ExprSyntaxError, match="nested more than 200 levels"):
        parse("(" * 2000 + "1" + ")" * 2000)
