"""XLSForm (XPath-like) expressions to tui-cia expressions, token by token."""

from __future__ import annotations

import re
from collections.abc import Callable

from tui_cia.survey.expr import FUNCTIONS

# XLSForm function -> tui-cia function, where only the name differs.
RENAMED = {
    "count-selected": "count_selected",
    "string-length": "length",
    "starts-with": "starts_with",
}
# Functions that read things tui-cia has no notion of (files, devices, other records).
NO_EQUIVALENT = {
    "pulldata": "reads a CSV file attached to the form",
    "search": "searches a CSV file attached to the form",
    "instance": "reads a secondary instance",
    "indexed-repeat": "reaches into another repeat instance by index",
    "once": "keeps the first value computed",
    "uuid": "makes a random id",
    "random": "makes a random number",
    "now": "reads the clock with the time of day",
    "format-date": "formats a date as text",
    "format-date-time": "formats a date and time as text",
    "decimal-date-time": "turns a date into a number",
    "position": "takes a node argument in XLSForm",
}
_TOKEN = re.compile(
    r"""(?P<str>'[^']*'|"[^"]*")
      |(?P<ref>\$\{[^}]*\})
      |(?P<name>[A-Za-z_][A-Za-z0-9_:.-]*)
      |(?P<num>\d+(?:\.\d+)?)
      |(?P<space>\s+)
      |(?P<other>.)""",
    re.VERBOSE,
)
# jr:choice-name(${x}, '${x}'): the label of the chosen value, tui-cia's label(${x}).
_CHOICE_NAME = re.compile(r"jr:choice-name\(\s*(\$\{[^}]*\})\s*,\s*(?:'[^']*'|\"[^\"]*\")\s*\)")
_AGGREGATE = re.compile(r"\b(sum|max|min|count)\(\s*\$\{(\w+)\}\s*\)")


class Translated:
    """A translated expression and what in it did not map (empty when everything did)."""

    def __init__(self, text: str, unknown: list[str], drop: list[str]) -> None:
        self.text = text
        self.unknown = unknown  # kept as written; the form check will name them too
        self.drop = drop  # no equivalent at all: the key is left out


def translate(source: str, rename: Callable[[str], str]) -> Translated:
    """Translate one expression; `rename` maps an XLSForm field name to its tui-cia name."""
    source = _CHOICE_NAME.sub(r"label(\1)", source)
    out: list[str] = []
    unknown: list[str] = []
    drop: list[str] = []
    tokens = [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(source)]
    for i, (kind, text) in enumerate(tokens):
        following = next((t for k, t in tokens[i + 1 :] if k != "space"), "")
        if kind == "ref":
            out.append("${" + rename(text[2:-1].strip()) + "}")
        elif kind == "name" and following == "(":
            out.append(_function(text, unknown, drop))
        else:
            out.append(text)
    joined = "".join(out)
    joined = re.sub(r"\btrue\(\s*\)", "true", joined)
    joined = re.sub(r"\bfalse\(\s*\)", "false", joined)
    bare = "".join(t for k, t in tokens if k != "str")
    if ".." in bare or re.search(r"(^|[\s(,=])/[A-Za-z]", bare):
        unknown.append("an XPath path (tui-cia refers to fields as ${name})")
    return Translated(joined, unknown, drop)


def _function(name: str, unknown: list[str], drop: list[str]) -> str:
    """The tui-cia name of a called function, noting those that do not map."""
    if name in ("true", "false", "not", "and", "or", "div", "mod"):
        return name
    if name in RENAMED:
        return RENAMED[name]
    if name in FUNCTIONS:
        return name
    if ":" in name:
        drop.append(f"the function {name}() (an extension of one XForms client)")
    elif name in NO_EQUIVALENT:
        drop.append(f"the function {name}() ({NO_EQUIVALENT[name]})")
    else:
        unknown.append(f"the function {name}()")
    return name


def over_repeats(text: str, repeat_of: dict[str, str]) -> str:
    """XLSForm's `sum(${age})` over the ages of a roster is tui-cia's `sum(${members}, ${age})`."""

    def one(found: re.Match[str]) -> str:
        function, name = found[1], found[2]
        repeat = repeat_of.get(name)
        if repeat is None:
            return found[0]
        if function == "count":  # XPath counts the nodes: one per instance
            return f"count(${{{repeat}}})"
        return f"{function}(${{{repeat}}}, ${{{name}}})"

    return _AGGREGATE.sub(one, text)
