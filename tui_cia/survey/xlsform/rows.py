"""The survey sheet's rows to tui-cia fields, groups and repeats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui_cia.survey.xlsform import convert as c
from tui_cia.survey.xlsform.reader import Row

if TYPE_CHECKING:
    from tui_cia.survey.xlsform.convert import Converter


def form_tree(conv: Converter) -> dict[str, Any]:
    """The whole form: settings, then choices (their names are needed by the fields), fields."""
    conv.name_fields()
    out: dict[str, Any] = {"form": conv.settings()}
    choices = conv.choices()
    if choices:
        out["choices"] = choices
    out["fields"] = FieldRows(conv).build()
    return out


class FieldRows:
    """Walks the survey sheet once, with a stack of the groups and repeats still open."""

    def __init__(self, conv: Converter) -> None:
        self.conv = conv
        self.top: list[dict[str, Any]] = []
        self.stack: list[tuple[str, Row, list[dict[str, Any]]]] = []

    def build(self) -> list[dict[str, Any]]:
        for row in self.conv.book.survey:
            self.row(row)
        while self.stack:
            kind, row, _ = self.stack[-1]
            self.conv.notes.append(
                f"{self.conv.file}:survey row {row.number}: begin {kind} has no end {kind}:"
                " closed at the end of the sheet"
            )
            self.close()
        return self.top

    def here(self) -> list[dict[str, Any]]:
        return self.stack[-1][2] if self.stack else self.top

    def row(self, row: Row) -> None:
        words = row.cells.get("type", "").replace("_", " ", 1).split()
        first = " ".join(words[:2]).lower() if words else ""
        if first in ("begin group", "begin repeat"):
            self.begin(row, words[1].lower())
        elif first in ("end group", "end repeat"):
            self.end(row, words[1].lower())
        elif words:
            field = self.field(row, row.cells["type"].split())
            if field is not None:
                self.here().append(field)
        else:
            self.conv.note("survey", row.number, "a row without a type", "every row needs one")

    def begin(self, row: Row, kind: str) -> None:
        conv = self.conv
        node: dict[str, Any] = {kind: conv.rename(row.cells.get("name", kind))}
        label = conv.text(row.cells, "label")
        if label is not None:
            node["label"] = label
        self.common(row, node, ("hint",), ("relevant",))
        if kind == "repeat" and row.cells.get("repeat_count"):
            count = conv.expression("survey", row.number, "repeat_count", row.cells["repeat_count"])
            if count is not None:
                node["count"] = count
        allowed = frozenset({"table"}) if kind == "repeat" else frozenset()
        if row.cells.get("appearance"):
            words = row.cells["appearance"].replace("table-list", "table")
            appearance = conv.appearance(Row(row.number, {"appearance": words}), allowed)
            if appearance:
                node["appearance"] = appearance
        self.unknown(row, {"type", "name", "label", "hint", "relevant", "repeat_count"})
        node["fields"] = []
        self.here().append(node)
        self.stack.append((kind, row, node["fields"]))

    def end(self, row: Row, kind: str) -> None:
        if not self.stack or self.stack[-1][0] != kind:
            self.conv.note("survey", row.number, f"end {kind}", f"no begin {kind} is open")
            return
        self.close()

    def close(self) -> None:
        """Close the innermost container; one left empty by what was not converted goes too."""
        kind, begun, fields = self.stack.pop()
        if not fields:
            self.here().pop()
            name = begun.cells.get("name", kind)
            self.conv.note("survey", begun.number, f"{kind} {name}", "none of its fields are")

    def field(self, row: Row, words: list[str]) -> dict[str, Any] | None:
        conv, cells = self.conv, row.cells
        kind = c.ALIASES.get(words[0].lower(), words[0].lower())
        why = c.why_not(kind)
        if why is not None:
            conv.note("survey", row.number, f"{cells['type']!r} ({cells.get('name', '')})", why)
            return None
        if not cells.get("name"):
            conv.note("survey", row.number, f"{cells['type']!r} without a name", "add a name")
            return None
        node: dict[str, Any] = {"name": conv.rename(cells["name"]), "type": kind}
        if kind.startswith("select_"):
            if len(words) < 2:
                conv.note("survey", row.number, cells["type"], "a select needs a list name")
                return None
            node["choices"] = conv.lists.get(words[1], words[1])
            if len(words) > 2:
                conv.note("survey", row.number, " ".join(words[2:]), "add an 'other' choice")
        label = conv.text(cells, "label")
        if label is None and kind != "calculate":
            label = node["name"]
            conv.notes.append(
                f"{conv.file}:survey row {row.number}: {node['name']} has no label:"
                " its name is used"
            )
        if label is not None:
            node["label"] = label
        self.keys(row, node)
        if kind == "calculate" and "calculate" not in node:
            conv.note("survey", row.number, f"calculate {node['name']}", "it has no calculation")
            return None
        self.unknown(row, c.HANDLED)
        return node

    def keys(self, row: Row, node: dict[str, Any]) -> None:
        """The keys after the label, in the order an author reads them."""
        conv, cells = self.conv, row.cells
        self.common(row, node, ("hint",), ("relevant",))
        self.required(row, node)
        self.common(row, node, ("required_message",), ("constraint",))
        self.common(row, node, ("constraint_message",), ("calculation",))
        self.default(row, node)
        if cells.get("read_only", "").lower() in c.YES:
            node["read_only"] = True
        elif cells.get("read_only", "").lower() not in c.NO:
            conv.note("survey", row.number, "read_only as an expression", "use true or false")
        self.common(row, node, (), ("choice_filter",))
        if cells.get("appearance"):
            appearance = conv.appearance(row, c.field_appearances())
            if appearance:
                node["appearance"] = appearance

    def common(
        self, row: Row, node: dict[str, Any], texts: tuple[str, ...], exprs: tuple[str, ...]
    ) -> None:
        for key in texts:
            text = self.conv.text(row.cells, key)
            if text is not None:
                node[key] = text
        for key in exprs:
            source = row.cells.get(key, "")
            if source:
                done = self.conv.expression("survey", row.number, key, source)
                if done is not None:
                    node[c.EXPRESSIONS.get(key, key)] = done

    def required(self, row: Row, node: dict[str, Any]) -> None:
        raw = row.cells.get("required", "")
        if raw.lower() in c.YES:
            node["required"] = True
        elif raw.lower() not in c.NO:
            done = self.conv.expression("survey", row.number, "required", raw)
            if done is not None:
                node["required"] = done

    def default(self, row: Row, node: dict[str, Any]) -> None:
        raw = row.cells.get("default", "")
        if not raw:
            return
        if "${" in raw or "(" in raw:
            done = self.conv.expression("survey", row.number, "default", raw)
            if done is not None:
                node["default"] = done
            return
        value: Any = raw
        if node["type"] == "integer" and raw.lstrip("-").isdigit():
            value = int(raw)
        elif node["type"] == "decimal":
            try:
                value = float(raw)
            except ValueError:
                value = raw
        elif node["type"].startswith("select_"):
            names = self.conv.values.get(self._raw_list(node), {})
            value = " ".join(names.get(v, v) for v in raw.split())
            if node["type"] == "select_multiple":
                value = value.split()
        node["default"] = value

    def _raw_list(self, node: dict[str, Any]) -> str:
        return next((raw for raw, new in self.conv.lists.items() if new == node["choices"]), "")

    def unknown(self, row: Row, known: set[str]) -> None:
        for column in row.cells:
            if column.partition("::")[0].strip().lower() not in known:
                self.conv.note(
                    "survey", row.number, f"the column {column}", "tui-cia has no such key"
                )
