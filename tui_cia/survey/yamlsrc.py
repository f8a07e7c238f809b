"""Safe YAML reading that keeps the line and column of every key and value.

Aliases are expanded as the tree is built, so a file is measured before it is composed:
one whose aliases expand past YAML_NODES (the "billion laughs"), that uses more than
YAML_ALIASES aliases or nests deeper than YAML_DEPTH is refused with FORM044 while its
events are read, before any of it is built. Text too short to hold that many nodes, and
with no anchors, is not measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from tui_cia.errors import Problem
from tui_cia.survey import limits

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


_SAFE_TAGS = {  # what a form may hold: YAML's plain types
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}


class _OverLimit(Exception):
    """The tree grew past a limit; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Turns composed YAML nodes into YMap/YList/scalars, collecting duplicate keys; the
    depth is held to its limit here too, for an alias inside its own anchor (`&a [*a]`)."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()
        self.depth = 0

    def build(self, node: yaml.Node) -> Any:
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._over(node, f"YAML tags such as {tag} are not allowed in a form", "FORM001")
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self.depth += 1
            if self.depth > limits.YAML_DEPTH:
                self._over(
                    node, f"the YAML is too big: it nests more than {limits.YAML_DEPTH} levels deep"
                )
            try:
                return (
                    self._mapping(node) if isinstance(node, yaml.MappingNode) else self._seq(node)
                )
            finally:
                self.depth -= 1
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            self._over(node, f"a value cannot be read: {str(exc).split(';')[0]}")
            raise  # not reached: _over raises

    def _over(self, node: yaml.Node, why: str, code: str = "FORM044") -> None:
        line, col = _line_col(node)
        raise _OverLimit(Problem(code, why, self.file, line, col))

    def _seq(self, node: yaml.SequenceNode) -> YList:
        seq = YList(_pos(node))
        for item in node.value:
            seq.append(self.build(item))
            seq.item_pos.append(_content_pos(item))
        return seq

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


_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE_MARKS = ":,-[{\n?"  # each node but the first follows one of these


def _may_be_large(text: str) -> bool:
    """False when the text cannot hold more than YAML_NODES nodes: each node but the first
    follows one of _NODE_MARKS, and with no anchor (&) no alias can expand."""
    if "&" in text:
        return True
    return sum(text.count(mark) for mark in _NODE_MARKS) >= limits.YAML_NODES


def measure(text: str, file: str) -> Problem | None:
    """FORM044 when the YAML's nodes (each alias as what it expands to), aliases or depth
    pass the limits; None otherwise, and for a syntax error (composing reports it)."""
    nodes = aliases = 0
    sizes: dict[str, int] = {}
    open_: list[tuple[str | None, int]] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _COLLECTION_START):
                nodes += 1
                open_.append((event.anchor, nodes))
                if len(open_) > limits.YAML_DEPTH:
                    return _over(event, file, f"it nests more than {limits.YAML_DEPTH} levels deep")
            elif isinstance(event, _COLLECTION_END):
                anchor, first = open_.pop()
                if anchor:
                    sizes[anchor] = nodes - first + 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                nodes += sizes.get(str(event.anchor), 1)
                if aliases > limits.YAML_ALIASES:
                    return _over(event, file, f"it uses more than {limits.YAML_ALIASES:,} aliases")
            if nodes > limits.YAML_NODES:
                why = f"it has more than {limits.YAML_NODES:,} nodes (each alias expanded)"
                return _over(event, file, why)
    except yaml.YAMLError:
        return None
    return None


def _over(event: yaml.Event, file: str, why: str) -> Problem:
    mark = event.start_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem("FORM044", f"the YAML is too big: {why}", file, line, col)


def load_located(text: str, file: str, problems: list[Problem]) -> Any:
    """Parse YAML text safely; syntax errors become FORM001 problems and a tree over the
    limits FORM044, and return None."""
    if len(text) > limits.FORM_BYTES:
        problems.append(
            Problem(
                "FORM044", f"the form is larger than {limits.mib(limits.FORM_BYTES)}", file, 1, 1
            )
        )
        return None
    too_big = measure(text, file) if _may_be_large(text) else None
    if too_big is not None:
        problems.append(too_big)
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
        return None if node is None else build_tree(node, file, problems)
    except _OverLimit as over:
        problems.append(over.problem)
    except RecursionError:  # the pure-Python composer recurses once per level
        why = f"the YAML is too big: it nests more than {limits.YAML_DEPTH} levels deep"
        problems.append(Problem("FORM044", why, file, 1, 1))
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(exc, file))
    except yaml.YAMLError as exc:
        problems.append(Problem("FORM001", f"YAML error: {exc}", file, 1, 1))
    return None


def build_tree(node: yaml.Node, file: str, problems: list[Problem]) -> Any:
    """The located tree of a composed document (duplicate keys reported in `problems`)."""
    return _Builder(file, problems).build(node)


def fast_loader() -> type[Any]:
    """The loader forms are read with: libyaml's where installed."""
    return _Loader


def syntax_problem(exc: yaml.MarkedYAMLError, file: str, code: str = "FORM001") -> Problem:
    """A YAML reader's error as a problem at the place it names."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if exc.context_mark is not None and exc.context_mark is not mark:
        start = exc.context_mark
        what += f" (it started at line {start.line + 1}, column {start.column + 1})"
    return Problem(code, f"YAML syntax error: {what}", file, line, col)
