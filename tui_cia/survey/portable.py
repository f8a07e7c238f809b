"""The linter's portability check: a form must read alike in every YAML reader.

tui-cia reads forms with libyaml (PyYAML's CSafeLoader) where it is installed and with
PyYAML's pure-Python SafeLoader where it is not; the two disagree on some text (a `?`
inside a flow mapping is one). `forms check` reads each form with both and reports, with
line and column, text that only one of them reads (FORM045) or that they read differently
(FORM045), and plain words and numbers that YAML 1.1 readers such as PyYAML take for
booleans or numbers where YAML 1.2 readers see text or another number (FORM046).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tui_cia.errors import Problem
from tui_cia.survey import yamlsrc
from tui_cia.survey.yamlsrc import Pos, YList, YMap

_BOOL_TEXT = {"true", "false", "True", "False", "TRUE", "FALSE"}
_INT_11 = re.compile(r"[-+]?(0[0-7_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|.*_.*)")
_FLOAT_11 = re.compile(r"[-+]?([0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|.*_.*)")


def portability_problems(text: str, file: str) -> list[Problem]:
    """FORM045 where the two PyYAML readers differ, FORM046 for YAML 1.1 readings."""
    fast = yaml.compose(text, Loader=yamlsrc.fast_loader())
    try:
        slow = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        found = yamlsrc.syntax_problem(exc, file, "FORM045")
        message = found.message.replace("YAML syntax error", "the pure-Python YAML reader")
        return [Problem("FORM045", message + " (libyaml reads it)", file, found.line, found.col)]
    if fast is None or slow is None:
        return []
    problems = _yaml11(fast, file)
    quiet: list[Problem] = []
    mine = yamlsrc.build_tree(fast, file, quiet)
    theirs = yamlsrc.build_tree(slow, file, quiet)
    place = _first_difference(mine, theirs, Pos(1, 1))
    if place is not None:
        pos, a, b = place
        message = f"the YAML readers differ here: libyaml reads {a!r}, pure Python reads {b!r}"
        problems.append(Problem("FORM045", message, file, pos.line, pos.col))
    return problems


def _first_difference(a: Any, b: Any, pos: Pos) -> tuple[Pos, Any, Any] | None:
    if isinstance(a, YMap) and isinstance(b, dict):
        if list(a) != list(b):
            return pos, list(a), list(b)
        for key, value in a.items():
            found = _first_difference(value, b[key], a.at(key))
            if found is not None:
                return found
        return None
    if isinstance(a, YList) and isinstance(b, list):
        if len(a) != len(b):
            return pos, f"{len(a)} items", f"{len(b)} items"
        for item, other, at in zip(a, b, a.item_pos, strict=True):
            found = _first_difference(item, other, at)
            if found is not None:
                return found
        return None
    if type(a) is not type(b) or a != b:
        return pos, _short(a), _short(b)
    return None


def _short(value: Any) -> Any:
    text = repr(value)
    return value if len(text) <= 60 else text[:57] + "..."


def _yaml11(root: yaml.Node, file: str) -> list[Problem]:
    """Plain scalars that YAML 1.1 resolves otherwise than YAML 1.2 (yes/no/on/off as
    booleans, 0777 as octal, 1:30 as base 60, 1_000 with underscores)."""
    found: list[Problem] = []
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
        elif isinstance(node, yaml.ScalarNode) and not node.style and _differs_in_yaml12(node):
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            what = node.tag.rsplit(":", 1)[-1]
            message = f"'{node.value}' is read as a {what} by YAML 1.1 readers only"
            found.append(Problem("FORM046", message, file, line, col))
    return sorted(found, key=lambda p: (p.line, p.col))


def _differs_in_yaml12(node: yaml.ScalarNode) -> bool:
    value = str(node.value)
    if node.tag.endswith(":bool"):
        return value not in _BOOL_TEXT
    if node.tag.endswith(":int"):
        return _INT_11.fullmatch(value) is not None
    if node.tag.endswith(":float"):
        return _FLOAT_11.fullmatch(value) is not None
    return False
