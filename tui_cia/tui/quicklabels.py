"""Village names from a stored form without parsing it: a line scan finds the CSV file of the
form's `villages` list, which the loader's own CSV reader then reads.

Home names the villages of its table from the choice list `villages`. Parsing the form (YAML,
expressions, checks, graph) takes a tenth of a second and more, and even loading the YAML
library slows the start: this scan takes a millisecond or two, so the names are there when the
table first fills. It knows the usual shape only (`villages:` with `file:` in the top-level
`choices:` block, nested or in braces); any other gives no names, which then come with the
parsed form a moment later. The parsed form is always the authority.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field

LIST = "villages"
APP_LANGUAGES = ("th", "en")  # read when the form's own list is not written [th, en]-style


@dataclass(frozen=True)
class Labels:
    """Labels of a choice list by value and language, with the form's default language."""

    by_value: dict[str, dict[str, str]] = field(default_factory=dict)
    default: str = "th"

    def get(self, value: str, lang: str) -> str | None:
        """As `Text.get`: in `lang`, else the default language, else any; None if unknown."""
        by_lang = self.by_value.get(value)
        if not by_lang:
            return None
        return by_lang.get(lang) or by_lang.get(self.default) or next(iter(by_lang.values()))


def village_labels(
    yaml_text: str, files_json: str, wanted: Collection[str] | None = None
) -> Labels:
    """The labels of the form's `villages` list (none if the form is not of the usual shape);
    with `wanted`, only those of these values may be given (a country's list reads faster)."""
    lines = yaml_text.splitlines()
    name = _value(_top_block(lines, "choices"), LIST, "file")
    if name is None:
        return Labels()
    head = _top_block(lines, "form")
    languages = _flow_list(_raw(head, "languages")) or APP_LANGUAGES
    default = _scalar(_raw(head, "default_language") or "") or languages[0]
    from tui_cia.survey.choices_csv import read_choice_file

    files = json.loads(files_json)
    if name not in files:  # only the form version's own copy: never the disk
        return Labels()
    if wanted is not None:
        files = {name: _only(files[name], set(wanted))}
    rows, problem, _ = read_choice_file(None, name, languages, files)
    if problem:
        return Labels()
    return Labels({value: by_lang for value, by_lang, _ in rows if by_lang}, default)


def _only(text: str, wanted: set[str]) -> str:
    """The CSV `text` with its header and the rows of `wanted` values, when every row is one
    plain line (no quotes); else all of it."""
    lines = text.splitlines()
    header = lines[0].lstrip("\ufeff").split(",") if lines else []
    if '"' in text or "value" not in header:
        return text
    at = header.index("value")
    kept = [
        line
        for line in lines[1:]
        if len(cells := line.split(",")) > at and cells[at].strip() in wanted
    ]
    return "\n".join([lines[0], *kept])


def _top_block(lines: list[str], key: str) -> list[str]:
    """The lines inside the top-level `key:` of a block-style YAML mapping."""
    start = next((i for i, line in enumerate(lines) if _strip(line) == f"{key}:"), None)
    if start is None or lines[start][:1].isspace():
        return []
    end = start + 1
    # The block ends at the next top-level key: a line starting in column 0 that is neither
    # blank nor a comment.
    while end < len(lines) and (not lines[end][:1].strip() or lines[end].startswith("#")):
        end += 1
    return lines[start + 1 : end]


def _raw(block: list[str], key: str) -> str | None:
    """What follows `key:` on its line at the block's first level (None if not there)."""
    return next((rest for _, rest, _ in _keys(block, key)), None)


def _value(block: list[str], key: str, inner: str) -> str | None:
    """The plain value of `inner` in the mapping of `key` at the block's first level:
    nested one level deeper, or written `{inner: value}`."""
    for _, rest, below in _keys(block, key):
        braces = re.fullmatch(r"\{\s*" + re.escape(inner) + r"\s*:\s*([^,{}]+?)\s*\}", rest)
        if braces:
            return _scalar(braces[1])
        if not rest:
            return _scalar(_raw(below, inner) or "")
    return None


def _keys(block: list[str], key: str) -> list[tuple[str, str, list[str]]]:
    """Each line of `key:` at the block's first level: the key, the rest of its line, and
    the more indented lines under it."""
    items = [line for line in block if _strip(line)]
    indent = _indent(items[0]) if items else 0
    found = []
    for i, line in enumerate(items):
        if _indent(line) == indent and _strip(line).startswith(f"{key}:"):
            below = []
            for deeper in items[i + 1 :]:
                if _indent(deeper) <= indent:
                    break
                below.append(deeper)
            found.append((key, _strip(line)[len(key) + 1 :].strip(), below))
    return found


def _flow_list(text: str | None) -> tuple[str, ...]:
    """`[th, en]` as ("th", "en"); () for anything else."""
    if not text or not (text.startswith("[") and text.endswith("]")):
        return ()
    found = tuple(s for part in text[1:-1].split(",") if (s := _scalar(part.strip())))
    return found if all(re.fullmatch(r"[a-z]{2,3}", s) for s in found) else ()


def _scalar(text: str) -> str | None:
    """A plain or quoted YAML scalar (None if empty or of another kind)."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text if text and text[0] not in "[{&*!|>'\"%@`" else None


def _strip(line: str) -> str:
    """The line without its indentation and any trailing comment."""
    return re.sub(r"\s+#.*$", "", line).strip() if not line.lstrip().startswith("#") else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
