"""The library's English messages put into Thai, for the command line and the app alike.

The library raises its errors in English; their wordings are listed once (`catalogue`), with
each `{name}` a part that is carried over (translated again when it is itself a message: the
detail of an answer problem, a form's own warning). A message the catalogue does not know
stays English as a whole line, so that no line mixes the two languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from tui_cia.errors import ANSWER_MESSAGES
from tui_cia.wordings.catalogue import WORDINGS


@cache
def _compiled(extra: tuple[tuple[str, str], ...] = ()) -> list[tuple[re.Pattern[str], str]]:
    """Each wording as a pattern whose `{name}` parts match any text, longest first (the
    most specific wording wins)."""
    pairs = [*WORDINGS, *extra]
    pairs += [(texts["en"], texts["th"]) for texts in ANSWER_MESSAGES.values()]
    found = []
    for en, th in sorted(pairs, key=lambda p: -len(p[0])):
        pattern = re.escape(en)
        names: set[str] = set()
        for name in re.findall(r"\\\{(\w+)\\\}", pattern):
            group = f"(?P<{name}>.+?)" if name not in names else f"(?P={name})"
            pattern = pattern.replace(f"\\{{{name}\\}}", group, 1)
            names.add(name)
        found.append((re.compile(pattern + r"\Z", re.S), th))
    return found


def thai(text: str, known: Iterable[tuple[str, str]] = ()) -> str | None:
    """`text` in Thai, or None when a part of it has no known wording. `known` adds
    wordings (a form's own texts: its labels and messages, English to Thai)."""
    pairs = tuple(known)
    exact = dict(pairs)
    if text in exact:
        return exact[text]
    for pattern, th in _compiled(pairs):
        match = pattern.match(text)
        if match is None:
            continue
        shown = match.groupdict().items()  # a part the Thai leaves out is not looked at
        parts = {name: _part(name, value, pairs) for name, value in shown if f"{{{name}}}" in th}
        if all(part is not None for part in parts.values()):
            return _filled(th, {k: v for k, v in parts.items() if v is not None})
    return None


def _filled(template: str, parts: dict[str, str]) -> str:
    """`template` with its `{name}` parts (str.format would stumble on other braces)."""

    def part(match: re.Match[str]) -> str:
        return parts.get(match.group(1), match.group(0))

    return re.sub(r"\{(\w+)\}", part, template)


# Parts that are codes or names of the user's things: carried over as they are, words and all
# (a list of form ids, a choice, a label of the form).
CODE_PARTS = {
    "name", "form", "forms", "peer", "peers", "status", "value", "choices", "example", "a",
    "b", "special", "expected", "label", "indicator", "text", "min", "max", "files", "tables",
    "other", "uuid", "rounds",
}  # fmt: skip
# Parts that are numbers, paths or ids: a wording whose such part holds English words is
# not the one that matched (a shorter wording, one level out, is tried instead).
PLAIN_PARTS = {"path", "file", "key", "count", "n", "col", "typed", "year", "days",
               "area", "round"}  # fmt: skip


def _part(name: str, value: str, known: tuple[tuple[str, str], ...]) -> str | None:
    """A carried-over part: a code as it is; a text without English words as it is; else
    translated (None when it cannot be, or when a plain part holds words)."""
    if name in CODE_PARTS or not has_words(value):
        return value
    if name in PLAIN_PARTS:
        return None
    return thai(value, known)


def form_wordings(form: object) -> tuple[tuple[str, str], ...]:
    """A form's own texts (labels and messages) as wordings, English to Thai, `${name}`
    parts carried over: the messages of its checks read in Thai too."""
    found = []
    for item in getattr(form, "fields", lambda: [])():
        for attr in ("label", "required_message", "constraint_message", "warn_message"):
            text = getattr(getattr(item, attr, None), "by_lang", {})
            if text.get("en") and text.get("th"):
                found.append((_template(text["en"]), _template(text["th"])))
    return tuple(found)


def _template(text: str) -> str:
    """A form text as a wording: `${name}` becomes the part `{name}`, other braces doubled
    away (they are not parts)."""
    text = text.replace("{", "(").replace("}", ")")
    return re.sub(r"\$\((\w+)\)", r"{\1}", text)


WORD = re.compile(r"(?<![\w./\\'`-])[A-Za-z]{3,}(?![\w./\\'`-])")


def has_words(text: str) -> bool:
    """Whether `text` holds English words (not codes, paths, field names or quoted text)."""
    bare = re.sub(r"'[^']*'|`[^`]*`|\S*[/\\.]\S*|--\S+|\b[A-Z0-9_]{2,}\b", " ", text)
    return WORD.search(bare) is not None


def in_lang(text: str, lang: str, known: Iterable[tuple[str, str]] = ()) -> tuple[str, bool]:
    """(the text to print, whether it is in `lang`): English as it is; Thai when every part
    is known, else the English text (a whole line in one language)."""
    if lang != "th":
        return text, True
    found = thai(text, known)
    return (found, True) if found is not None else (text, False)
