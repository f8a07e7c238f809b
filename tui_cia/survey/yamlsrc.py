"""Safe YAML reading that keeps the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from tui_cia.errors import Problem

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in a form file."""

    line: int
    col: int

    def shifted(self, offset: int) -> Pos:
        """The position `offset` characters further along the same line."""
        return Pos(self.line, self.col + offset)


class YMap(dict[str, Any]):
    """A YAML mapping with the position of itself, of each key and of each value."""

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}

    def at(self, key: str) -> Pos:
        """Where the value of `key` starts (or the mapping itself when the key is absent)."""
        return self.value_pos.get(key, self.pos)


class YList(list[Any]):
    """A YAML sequence with the position of itself and of each item."""

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def _content_pos(node: yaml.Node) -> Pos:
    """Where a scalar's text starts: after its opening quote, or on the line after `|`/`>`."""
    pos = _pos(node)
    style = getattr(node, "style", None)
    if style in ("'", '"'):
        return pos.shifted(1)
    if style in ("|", ">") and node.end_mark.line > node.start_mark.line:
        indent = len(node.value) - len(node.value.lstrip(" "))
        return Pos(pos.line + 1, node.start_mark.column + 1 + indent)
    return pos


class _Builder:
    """Turns composed YAML nodes into YMap/YList/scalars, collecting duplicate keys."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            seq = YList(_pos(node))
            for item in node.value:
                seq.append(self.build(item))
                seq.item_pos.append(_content_pos(item))
            return seq
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        result = YMap(_pos(node))
        for key_node, value_node in node.value:
            key = self.build(key_node)
            name = key if isinstance(key, str) else _key_text(key_node)
            if name in result:
                first = result.key_pos[name]
                self.problems.append(
                    Problem(
                        "FORM022",
                        f"key '{name}' appears twice (first at line {first.line}); "
                        "YAML would silently keep only the last one",
                        self.file,
                        *_line_col(key_node),
                    )
                )
            result[name] = self.build(value_node)
            result.key_pos[name] = _pos(key_node)
            result.value_pos[name] = _content_pos(value_node)
        return result


def _key_text(node: yaml.Node) -> str:
    """A non-text key (YAML read `yes:` as true) shown as it was written."""
    return str(getattr(node, "value", ""))


def _line_col(node: yaml.Node) -> tuple[int, int]:
    pos = _pos(node)
    return pos.line, pos.col


def load_located(text: str, file: str, problems: list[Problem]) -> Any:
    """Parse YAML text safely; syntax errors become FORM001 problems and return None."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if exc.context_mark is not None and exc.context_mark is not mark:
            start = exc.context_mark
            what += f" (it started at line {start.line + 1}, column {start.column + 1})"
        problems.append(Problem("FORM001", f"YAML syntax error: {what}", file, line, col))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem("FORM001", f"YAML error: {exc}", file, 1, 1))
        return None
    if node is None:
        return None
    return _Builder(file, problems).build(node)
