"""Reading one line of a JSON lines file: the record, and the text of its data as written.

A record whose checked data is its data as written (the usual case for a file that tui-cia
exported) is stored with that text, so it need not be written out again. Only the text of
the line's top-level `data` member is kept; everything else is what `json.loads` gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json import decoder
from typing import Any

_BLANK = " \t\n\r"
_SPACE = re.compile(f"[{_BLANK}]*")
# A JSON string after its opening quote: (text, end).
_STRING: Callable[[str, int], tuple[str, int]] = decoder.scanstring  # type: ignore[attr-defined]
# One JSON value at a position: (value, end); json's own scanner (C when available).
_VALUE: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def read_line(text: str) -> tuple[Any, str | None]:
    """The line's value, as `json.loads` gives it (and its errors), and the text of the
    `data` member when the value is an object with one."""
    try:
        return _as_exported(text) or _object(text)
    except (ValueError, IndexError, StopIteration):
        return json.loads(text), None  # not a plain object: json.loads says what it is


def _as_exported(text: str) -> tuple[dict[str, Any], str] | None:
    """A line laid out as tui-cia writes lines (": " after a name, ", " between members)
    read in three parts by json's C code: the members before `data`, `data`, the members
    after it. None when the line is laid out otherwise, or is not valid JSON.

    The text before `"data": ` closed with "}" parses only when it is the object's members
    up to there: so the `"data"` found is the object's own, not one nested or in a text."""
    at = text.find(_DATA)
    head, start = text[:at], at + len(_DATA)
    if at < 1 or not (head == "{" or head.endswith(", ")):
        return None
    try:
        before = _members(head[:-2] + "}") if head != "{" else {}
        data, end = _VALUE(text, start)
        tail = text[end:].rstrip(_BLANK)
        after = _members("{" + tail[2:]) if tail.startswith(', "') else {} if tail == "}" else None
    except (ValueError, StopIteration):
        return None
    if before is None or after is None or "data" in before or "data" in after:
        return None
    if not before and head != "{":  # "{, " before `data`: not JSON
        return None
    return {**before, "data": data, **after}, text[start:end]


def _members(text: str) -> dict[str, Any] | None:
    value = json.loads(text)
    return value if type(value) is dict else None


_DATA = '"data": '


def _skip(text: str, at: int) -> int:
    """The position after any white space at `at`."""
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # always matches


def _object(text: str) -> tuple[dict[str, Any], str | None]:
    """An object read member by member, so that the span of `data` is known. White space
    is looked for only where a character says there is some: lines written by json.dumps
    have one space after each separator and none elsewhere."""
    text = text.rstrip(_BLANK)
    at = _skip(text, 0)
    if text[at] != "{" or text[-1] != "}":
        raise ValueError("not an object")
    found: dict[str, Any] = {}
    span: tuple[int, int] | None = None
    at = _skip(text, at + 1)
    while text[at] != "}":
        if text[at] != '"':
            raise ValueError("a member's name must be a string")
        key, at = _STRING(text, at + 1)
        if text[at] != ":":
            at = _skip(text, at)
            if text[at] != ":":
                raise ValueError("':' expected")
        at += 1
        if text[at] in _BLANK:
            at = _skip(text, at)
        found[key], end = _VALUE(text, at)
        if key == "data":
            span = (at, end)
        at = end
        if text[at] in _BLANK:
            at = _skip(text, at)
        if text[at] == ",":
            at += 1
            if text[at] in _BLANK:
                at = _skip(text, at)
            if text[at] != '"':
                raise ValueError("a member expected after ','")
        elif text[at] != "}":
            raise ValueError("',' expected")
    if at != len(text) - 1:
        raise ValueError("text after the object")
    return found, None if span is None else text[span[0] : span[1]]
