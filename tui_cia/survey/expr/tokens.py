"""The tokenizer: expression source text to a list of tokens with their offsets."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from tui_cia.survey.expr.nodes import KEYWORDS


class ExprSyntaxError(Exception):
    """An expression that cannot be read; ``offset`` is 0-based in the source."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at character {offset + 1})")
        self.message = message
        self.offset = offset


class TokenKind(enum.Enum):
    """What a token is; symbols and keywords keep their spelling in ``Token.text``."""

    NUMBER = "number"
    STRING = "string"
    REF = "ref"
    DOT = "dot"
    NAME = "name"
    KEYWORD = "keyword"
    SYMBOL = "symbol"
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text`` as written, ``value`` the number, text or field name it denotes."""

    kind: TokenKind
    text: str
    pos: int
    value: int | float | str | None = None


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
_NAME_LIKE = re.compile(r"[^\s{}()$'\",=<>!+*/-]+")
_TWO_CHAR_SYMBOLS = frozenset({"!=", "<=", ">="})
_ONE_CHAR_SYMBOLS = frozenset("=<>+-*/(),")
# Spellings from other languages, with what to write instead.
_FOREIGN_SPELLINGS = {
    "==": "use a single '=' to compare",
    "<>": "use '!=' for 'not equal'",
    "&&": "use 'and'",
    "||": "use 'or'",
    "&": "use 'and'",
    "|": "use 'or'",
    "!": "use 'not'",
}


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, ending with an END token at ``len(source)``.

    Numbers are ``12``, ``3.5`` or ``.5`` (int and float kept apart); a lone ``.`` is the
    current answer. Texts are quoted with ``'`` or ``"`` and may hold the other quote and any
    Unicode (Thai included); there are no escapes. ``${name}`` takes a field name matching
    ``[a-z][a-z0-9_]*`` with no spaces. Keywords are lower-case; ``AND`` is a plain name.
    """
    tokens: list[Token] = []
    offset = 0
    while offset < len(source):
        char = source[offset]
        if char.isspace():
            offset += 1
            continue
        token = _read_token(source, offset)
        tokens.append(token)
        offset = token.pos + len(token.text)
    tokens.append(Token(TokenKind.END, "", len(source)))
    return tokens


def _read_token(source: str, offset: int) -> Token:
    char = source[offset]
    number = _NUMBER.match(source, offset)
    if number:
        return _number_token(number.group(), offset)
    if char == ".":
        return Token(TokenKind.DOT, ".", offset)
    if char in "'\"":
        return _string_token(source, offset)
    if char == "$":
        return _ref_token(source, offset)
    identifier = _IDENTIFIER.match(source, offset)
    if identifier:
        word = identifier.group()
        kind = TokenKind.KEYWORD if word in KEYWORDS else TokenKind.NAME
        return Token(kind, word, offset, word)
    return _symbol_token(source, offset)


def _number_token(text: str, offset: int) -> Token:
    try:
        value = float(text) if "." in text else int(text)
    except ValueError:  # Python refuses to read ints of more than 4300 digits
        value = float("inf")
    if value == float("inf"):
        raise ExprSyntaxError(f"the number {text[:20]}... is too large", offset)
    return Token(TokenKind.NUMBER, text, offset, value)


def _string_token(source: str, offset: int) -> Token:
    quote = source[offset]
    end = source.find(quote, offset + 1)
    if end < 0:
        raise ExprSyntaxError(f"unterminated string: add the closing {quote}", offset)
    return Token(TokenKind.STRING, source[offset : end + 1], offset, source[offset + 1 : end])


def _ref_token(source: str, offset: int) -> Token:
    if not source.startswith("${", offset):
        raise ExprSyntaxError("'$' starts a reference: write ${name}", offset)
    start = offset + 2
    if start >= len(source) or source[start] == "}":
        raise ExprSyntaxError("${ needs a field name, e.g. ${age}", offset)
    if source[start].isspace():
        raise ExprSyntaxError("no spaces inside ${...}", start)
    written = _NAME_LIKE.match(source, start)
    name = written.group() if written else source[start]
    if not _FIELD_NAME.fullmatch(name):
        raise ExprSyntaxError(
            f"'{name}' is not a field name: use lower-case letters, digits and '_', "
            "starting with a letter",
            start,
        )
    end = start + len(name)
    if end >= len(source) or source[end] != "}":
        raise ExprSyntaxError(
            f"expected '}}' to close ${{{name}, found {_describe(source, end)}", end
        )
    return Token(TokenKind.REF, source[offset : end + 1], offset, name)


def _symbol_token(source: str, offset: int) -> Token:
    pair, char = source[offset : offset + 2], source[offset]
    if pair in _TWO_CHAR_SYMBOLS:
        return Token(TokenKind.SYMBOL, pair, offset)
    for spelling in (pair, char):
        if spelling in _FOREIGN_SPELLINGS:
            raise ExprSyntaxError(
                f"unexpected '{spelling}': {_FOREIGN_SPELLINGS[spelling]}", offset
            )
    if char in _ONE_CHAR_SYMBOLS:
        return Token(TokenKind.SYMBOL, char, offset)
    if char == "}":
        raise ExprSyntaxError("unexpected '}': references are written ${name}", offset)
    if char.isalpha():
        # Most often a Thai word typed without quotes.
        raise ExprSyntaxError(f"unexpected '{char}': put texts in quotes, e.g. '{char}'", offset)
    raise ExprSyntaxError(f"unexpected character '{char}'", offset)


def _describe(source: str, offset: int) -> str:
    if offset >= len(source):
        return "the end"
    return "a space" if source[offset].isspace() else f"'{source[offset]}'"
