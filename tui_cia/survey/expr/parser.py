"""The parser: expression source to a syntax tree, with errors that point at the problem."""

from __future__ import annotations

from collections.abc import Callable

from tui_cia.survey.expr.nodes import (
    COMPARISON_OPS,
    KEYWORDS,
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
)
from tui_cia.survey.expr.tokens import ExprSyntaxError, Token, TokenKind, tokenize

__all__ = ["ExprSyntaxError", "parse"]

_ADDITIVE_OPS = frozenset({"+", "-"})
_MULTIPLICATIVE_OPS = frozenset({"*", "/", "div", "mod"})
_CONSTANTS: dict[str, bool] = {"true": True, "false": False}
#: The deepest tree ``parse`` returns (a sum of 200 terms is 200 levels deep).
MAX_DEPTH = 200


def parse(source: str) -> Node:
    """Parse one expression; raise ExprSyntaxError with a message and the exact offset.

    Precedence, lowest first: ``or``; ``and``; prefix ``not`` (so ``not ${a} = 1`` is
    ``not (${a} = 1)``); the comparisons, which do not chain (``1 < ${a} < 5`` is an error
    that suggests ``and``); ``+ -``; ``* / div mod``; unary ``-``; then literals, ``${ref}``,
    ``.``, names, calls and parentheses. A name followed by ``(`` is a call. The parser never
    folds ``-3`` into a negative literal: it is ``Unary('-', Literal(3))``.
    """
    try:
        tree = _Parser(tokenize(source)).parse_all()
    except RecursionError:
        tree = None
    if tree is None or _depth(tree) > MAX_DEPTH:
        # Compiling and printing recurse once per level; refuse here rather than crash there.
        raise ExprSyntaxError(
            f"the expression is nested more than {MAX_DEPTH} levels deep; "
            "split it with calculate fields",
            0,
        )
    return tree


def _depth(tree: Node) -> int:
    deepest = 0
    pending = [(tree, 1)]
    while pending:
        node, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children(node))
    return deepest


def _operator(token: Token) -> str | None:
    """The operator a token spells, if it is a symbol or keyword (a quoted '+' is not)."""
    if token.kind is TokenKind.SYMBOL or token.kind is TokenKind.KEYWORD:
        return token.text
    return None


def _shown(token: Token) -> str:
    return "the end" if token.kind is TokenKind.END else f"'{token.text}'"


class _Parser:
    """Recursive descent over a token list; one method per precedence level."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse_all(self) -> Node:
        if self.peek().kind is TokenKind.END:
            raise ExprSyntaxError("the expression is empty", self.peek().pos)
        node = self.parse_or()
        token = self.peek()
        if token.kind is not TokenKind.END:
            raise self.trailing_error(token)
        return node

    def trailing_error(self, token: Token) -> ExprSyntaxError:
        if token.text == ")":
            return ExprSyntaxError("unexpected ')': there is no '(' for it to close", token.pos)
        if token.kind is TokenKind.NAME and token.text.lower() in KEYWORDS:
            hint = f"write '{token.text.lower()}' in lower case"
            return ExprSyntaxError(f"unexpected '{token.text}': {hint}", token.pos)
        return ExprSyntaxError(
            f"unexpected '{token.text}': is an operator such as '+' or 'and' missing before it?",
            token.pos,
        )

    def binary_level(self, operators: frozenset[str], operand: Callable[[], Node]) -> Node:
        """A left-associative level: ``operand (op operand)*``."""
        node = operand()
        while (op := _operator(self.peek())) in operators:
            position = self.advance().pos
            node = Binary(str(op), node, operand(), position)
        return node

    def parse_or(self) -> Node:
        return self.binary_level(frozenset({"or"}), self.parse_and)

    def parse_and(self) -> Node:
        return self.binary_level(frozenset({"and"}), self.parse_not)

    def parse_not(self) -> Node:
        token = self.peek()
        if token.kind is TokenKind.KEYWORD and token.text == "not":
            self.advance()
            return Unary("not", self.parse_not(), token.pos)
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        left = self.parse_additive()
        op = _operator(self.peek())
        if op not in COMPARISON_OPS:
            return left
        position = self.advance().pos
        node = Binary(str(op), left, self.parse_additive(), position)
        if _operator(self.peek()) in COMPARISON_OPS:
            raise ExprSyntaxError(
                "comparisons do not chain: join them with 'and', e.g. 1 < ${a} and ${a} < 5",
                self.peek().pos,
            )
        return node

    def parse_additive(self) -> Node:
        return self.binary_level(_ADDITIVE_OPS, self.parse_multiplicative)

    def parse_multiplicative(self) -> Node:
        return self.binary_level(_MULTIPLICATIVE_OPS, self.parse_unary)

    def parse_unary(self) -> Node:
        token = self.peek()
        if token.kind is TokenKind.SYMBOL and token.text == "-":
            self.advance()
            return Unary("-", self.parse_unary(), token.pos)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        token = self.advance()
        kind = token.kind
        if kind is TokenKind.NUMBER or kind is TokenKind.STRING:
            assert token.value is not None
            return Literal(token.value, token.pos)
        if kind is TokenKind.REF:
            return Ref(str(token.value), token.pos)
        if kind is TokenKind.DOT:
            return Current(token.pos)
        if kind is TokenKind.NAME:
            return self.parse_name(token)
        if token.text in _CONSTANTS and kind is TokenKind.KEYWORD:
            return Literal(_CONSTANTS[token.text], token.pos)
        if token.text == "null" and kind is TokenKind.KEYWORD:
            return Null(token.pos)
        if token.text == "(" and kind is TokenKind.SYMBOL:
            return self.parse_group(token)
        raise self.value_expected(token)

    def value_expected(self, token: Token) -> ExprSyntaxError:
        if token.kind is TokenKind.END:
            before = self.tokens[self.index - 2] if self.index >= 2 else None
            after = f" after '{before.text}'" if before else ""
            return ExprSyntaxError(
                f"the expression ends too early: expected a value{after}", token.pos
            )
        if token.text == "not" and token.kind is TokenKind.KEYWORD:
            return ExprSyntaxError("put 'not ...' in parentheses here, e.g. (not ${a})", token.pos)
        return ExprSyntaxError(f"unexpected '{token.text}'", token.pos)

    def parse_group(self, opening: Token) -> Node:
        node = self.parse_or()
        closing = self.advance()
        if closing.text != ")" or closing.kind is not TokenKind.SYMBOL:
            raise ExprSyntaxError(
                f"expected ')' to close the '(' at character {opening.pos + 1}, "
                f"found {_shown(closing)}",
                closing.pos,
            )
        return node

    def parse_name(self, token: Token) -> Node:
        name = str(token.value)
        following = self.peek()
        if following.text != "(" or following.kind is not TokenKind.SYMBOL:
            return Name(name, token.pos)
        self.advance()
        return Call(name, self.parse_arguments(name), token.pos)

    def parse_arguments(self, name: str) -> tuple[Node, ...]:
        if self.peek().text == ")" and self.peek().kind is TokenKind.SYMBOL:
            self.advance()
            return ()
        arguments = [self.parse_or()]
        while True:
            token = self.advance()
            if token.kind is TokenKind.SYMBOL and token.text == ")":
                return tuple(arguments)
            if token.kind is not TokenKind.SYMBOL or token.text != ",":
                raise ExprSyntaxError(
                    f"expected ',' or ')' after an argument of {name}(), found {_shown(token)}",
                    token.pos,
                )
            if self.peek().kind is TokenKind.SYMBOL and self.peek().text == ")":
                raise ExprSyntaxError("expected an argument after ','", self.peek().pos)
            arguments.append(self.parse_or())
