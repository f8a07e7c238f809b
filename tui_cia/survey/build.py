"""Stage 2 of loading: the located YAML tree becomes schema objects, checking shapes and keys."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui_cia.errors import Problem
from tui_cia.survey import limits, types
from tui_cia.survey.build_texts import TextReader
from tui_cia.survey.choices_csv import read_choice_file
from tui_cia.survey.expr import ExprSyntaxError, compile_node, parse, refs
from tui_cia.survey.schema import (
    SPECIALS,
    Choice,
    ChoiceList,
    Container,
    Dimension,
    Expr,
    Field,
    Group,
    Indicator,
    Item,
    Repeat,
    Settings,
)
from tui_cia.survey.yamlsrc import Pos, YList, YMap

NAME_RE = re.compile(r"[a-z][a-z0-9_]*")
CHOICE_VALUE_RE = re.compile(r"[a-z][a-z0-9_]*|[0-9]+")
TOP_KEYS = ("form", "choices", "fields", "dimensions", "indicators", "classes")
SETTING_KEYS = (
    "id",
    "version",
    "title",
    "languages",
    "default_language",
    "key",
    "instance_name",
    "area",
    "round",
    "calendar",
    "indicator_rounds",
)
GROUP_KEYS = ("group", "label", "hint", "relevant", "fields")
REPEAT_KEYS = (*GROUP_KEYS[1:], "repeat", "min", "max", "count", "instance_label", "appearance")
INDICATOR_KEYS = (
    "id",
    "number",
    "dimension",
    "label",
    "unit",
    "over",
    "applies",
    "pass",
    "target",
    "levels",
)


def suggest(word: str, options: Iterable[str]) -> str:
    """`; did you mean 'x'?` when a close option exists."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class FormBuilder:
    """Builds the schema tree, collecting every problem instead of stopping at the first."""

    def __init__(
        self,
        file: str,
        base_dir: Path | None,
        problems: list[Problem],
        files: dict[str, str] | None = None,
    ) -> None:
        self.file = file
        self.base_dir = base_dir
        self.files = files
        self.attachments: dict[str, str] = {}
        self.problems = problems
        self.items: dict[str, Item] = {}
        self.choices: dict[str, ChoiceList] = {}
        self.order = 0
        self.texts = TextReader(self.report, ("th",), "th")

    # -- reporting -------------------------------------------------------------------------
    def report(self, code: str, message: str, pos: Pos, field: str | None = None) -> None:
        self.problems.append(Problem(code, message, self.file, pos.line, pos.col, field))

    def keys(
        self,
        node: YMap,
        allowed: tuple[str, ...] | list[str] | frozenset[str],
        what: str,
        field: str | None = None,
    ) -> None:
        """Report unknown keys of a mapping (FORM004), suggesting the closest known one."""
        known = set(allowed)
        for key in node:
            if key not in known:
                self.report(
                    "FORM004",
                    f"unknown key '{key}' in {what}{suggest(key, known)}",
                    node.key_pos[key],
                    field,
                )

    def mapping(self, value: Any, pos: Pos, what: str, field: str | None = None) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.report("FORM006", f"{what} should be a mapping (key: value lines)", pos, field)
        return None

    def sequence(self, value: Any, pos: Pos, what: str, field: str | None = None) -> YList | None:
        if isinstance(value, YList):
            return value
        self.report("FORM006", f"{what} should be a list (lines starting with '- ')", pos, field)
        return None

    def name(self, node: YMap, key: str, what: str) -> str | None:
        value = node.get(key)
        if value is None:
            self.report("FORM005", f"{what} needs '{key}:'", node.pos)
            return None
        if not isinstance(value, str) or not NAME_RE.fullmatch(value):
            self.report("FORM007", f"'{value}' is not a valid {what} name", node.at(key), None)
            return None
        return value

    # -- expressions -----------------------------------------------------------------------
    def expr(self, node: YMap, key: str, field: str | None) -> Expr | None:
        """Parse an expression value once; syntax errors become FORM015 at the exact column."""
        if key not in node:
            return None
        source = node[key]
        pos = node.at(key)
        if isinstance(source, bool | int | float):
            source = str(source).lower()
        if not isinstance(source, str):
            self.report("FORM006", f"'{key}' should be an expression (text)", pos, field)
            return None
        if len(source) > limits.EXPRESSION_CHARS:
            why = f"{key} is longer than {limits.EXPRESSION_CHARS:,} characters (limit)"
            self.report("FORM044", f"{why}: split it with calculate fields", pos, field)
            return None
        try:
            tree = parse(source)
        except ExprSyntaxError as exc:
            self.report("FORM015", f"in {key}: {exc.message}", pos.shifted(exc.offset), field)
            return None
        return Expr(source, tree, compile_node(tree), pos, frozenset(refs(tree)))

    # -- settings --------------------------------------------------------------------------
    def settings(self, node: YMap) -> Settings:
        self.keys(node, SETTING_KEYS, "form:")
        languages = self._languages(node)
        default = node.get("default_language", languages[0])
        if default not in languages:
            self.report(
                "FORM037",
                f"default_language '{default}' is not in languages",
                node.at("default_language"),
            )
            default = languages[0]
        self.texts = TextReader(self.report, languages, default)
        calendar = node.get("calendar", "buddhist")
        if calendar not in ("buddhist", "gregorian"):
            self.report(
                "FORM039",
                f"calendar is buddhist or gregorian, not '{calendar}'",
                node.at("calendar"),
            )
            calendar = "buddhist"
        return Settings(
            id=self._required_str(node, "id", "form:") or "form",
            version=str(self._required_str(node, "version", "form:") or "0"),
            title=self.texts.read(node, "title", None),
            languages=languages,
            default_language=default,
            key=tuple(self._name_list(node, "key")),
            instance_name=self.expr(node, "instance_name", None),
            area=self._opt_str(node, "area"),
            round=self._opt_str(node, "round"),
            calendar=calendar,
            indicator_rounds=self._indicator_rounds(node),
            positions=dict(node.value_pos),
        )

    def _indicator_rounds(self, node: YMap) -> tuple[int, int] | None:
        """`indicator_rounds: [first, last]`: the survey rounds the indicators may score."""
        if "indicator_rounds" not in node:
            return None
        raw, pos = node["indicator_rounds"], node.at("indicator_rounds")
        whole = isinstance(raw, list) and all(
            isinstance(x, int) and not isinstance(x, bool) for x in raw
        )
        if not whole or len(raw) != 2:
            self.report(
                "FORM006",
                "indicator_rounds should be two whole numbers, the first and the last "
                "round the indicators are valid for, e.g. [2560, 2565]",
                pos,
            )
            return None
        if raw[0] > raw[1]:
            self.report("FORM035", f"indicator_rounds: {raw[0]} is after {raw[1]}", pos)
            return None
        if "round" not in node:
            self.report(
                "FORM039",
                "indicator_rounds needs round: (the field that holds the survey round)",
                pos,
            )
        return (raw[0], raw[1])

    def _languages(self, node: YMap) -> tuple[str, ...]:
        raw = node.get("languages", ["th"])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
            self.report(
                "FORM006", "languages should be a list such as [th, en]", node.at("languages")
            )
            return ("th",)
        return tuple(raw)

    def _required_str(self, node: YMap, key: str, what: str) -> str | None:
        if key not in node:
            self.report("FORM005", f"{what} needs '{key}:'", node.pos)
            return None
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report("FORM006", f"'{key}' should be text", node.at(key))
            return None
        if key == "version" and isinstance(value, float):
            self.report(
                "FORM006",
                f'quote the version, e.g. "{value}": YAML reads an '
                "unquoted 2565.10 as the number 2565.1",
                node.at(key),
            )
        if key == "id" and not NAME_RE.fullmatch(str(value)):
            self.report("FORM007", f"'{value}' is not a valid form id", node.at(key))
        return str(value)

    def _opt_str(self, node: YMap, key: str) -> str | None:
        value = node.get(key)
        if value is not None and not isinstance(value, str):
            self.report("FORM006", f"'{key}' should be a field name", node.at(key))
            return None
        return value

    def _name_list(self, node: YMap, key: str) -> list[str]:
        raw = node.get(key, [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            self.report("FORM006", f"'{key}' should be a list of field names", node.at(key))
            return []
        return list(raw)

    # -- choices ---------------------------------------------------------------------------
    def choice_lists(self, node: YMap) -> None:
        for list_name, body in node.items():
            pos = node.key_pos[list_name]
            if not NAME_RE.fullmatch(list_name):
                self.report("FORM007", f"'{list_name}' is not a valid choice list name", pos)
            if isinstance(body, YMap):
                self.keys(body, ("file",), f"choice list '{list_name}'")
                choices = self._choice_file(body, list_name)
            else:
                seq = self.sequence(body, node.at(list_name), f"choice list '{list_name}'")
                choices = self._inline_choices(seq, list_name) if seq is not None else []
            if len(choices) > limits.CHOICES:
                why = f"choice list '{list_name}' has more than {limits.CHOICES:,} choices (limit)"
                self.report("FORM044", why, pos)
                choices = choices[: limits.CHOICES]
            self.choices[list_name] = ChoiceList(list_name, choices, pos)

    def _inline_choices(self, seq: YList, list_name: str) -> list[Choice]:
        result: list[Choice] = []
        seen: dict[str, Pos] = {}
        for raw, pos in zip(seq, seq.item_pos, strict=True):
            node = self.mapping(raw, pos, f"a choice of '{list_name}'")
            if node is None:
                continue
            value = node.get("value")
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not CHOICE_VALUE_RE.fullmatch(value):
                self.report(
                    "FORM007",
                    f"choice value {value!r} of '{list_name}' is not valid: "
                    "use digits only or a-z, 0-9, _",
                    node.at("value"),
                )
                continue
            if value in seen:
                self.report(
                    "FORM009",
                    f"value '{value}' appears twice in '{list_name}' "
                    f"(first at line {seen[value].line})",
                    node.at("value"),
                )
                continue
            seen[value] = node.at("value")
            label = self.texts.read(node, "label", None, required=True)
            columns = {k: v for k, v in node.items() if k not in ("value", "label")}
            result.append(Choice(value, label, columns))
        return result

    def _choice_file(self, body: YMap, list_name: str) -> list[Choice]:
        file = body.get("file")
        if not isinstance(file, str):
            self.report("FORM005", f"choice list '{list_name}' needs file: or a list", body.pos)
            return []
        rows, problem, text = read_choice_file(
            self.base_dir, file, self.texts.languages, self.files
        )
        if text:
            self.attachments[file] = text
        if problem:
            self.report("FORM024", f"{file}: {problem}", body.at("file"))
            return []
        result = []
        seen: set[str] = set()
        for row_no, (value, by_lang, columns) in enumerate(rows, start=2):
            if value in seen or not CHOICE_VALUE_RE.fullmatch(value):
                code = "FORM009" if value in seen else "FORM007"
                self.report(
                    code,
                    f"{file} row {row_no}: value '{value}' is "
                    f"{'repeated' if value in seen else 'not valid'}",
                    body.at("file"),
                )
                continue
            seen.add(value)
            result.append(Choice(value, self.texts.make(by_lang), columns))
        return result

    # -- fields ----------------------------------------------------------------------------
    def items_of(self, seq: YList, parent: Container) -> None:
        for raw, pos in zip(seq, seq.item_pos, strict=True):
            node = self.mapping(raw, pos, "a field")
            if node is None:
                continue
            if "group" in node:
                item: Item | None = self.container(node, Group, "group", parent)
            elif "repeat" in node:
                item = self.container(node, Repeat, "repeat", parent)
            else:
                item = self.field(node, parent)
            if item is not None:
                parent.children.append(item)

    def register(self, item: Item, pos: Pos) -> None:
        if item.name in self.items:
            first = self.items[item.name].pos
            self.report(
                "FORM008",
                f"name '{item.name}' is used twice (first at line "
                f"{first.line}); names are unique in the whole form",
                pos,
                item.name,
            )
            return
        self.order += 1
        item.order = self.order
        self.items[item.name] = item
        if self.order == limits.FIELDS + 1:
            why = f"the form has more than {limits.FIELDS:,} fields, groups and repeats (limit)"
            self.report("FORM044", why, pos, item.name)

    def container(
        self, node: YMap, cls: type[Group] | type[Repeat], kind: str, parent: Container
    ) -> Container | None:
        name = self.name(node, kind, kind)
        if name is None:
            return None
        self.keys(node, REPEAT_KEYS if kind == "repeat" else GROUP_KEYS, f"{kind} '{name}'", name)
        item = cls(
            name=name,
            pos=node.pos,
            parent=parent,
            label=self.texts.read(node, "label", name),
            hint=self.texts.read(node, "hint", name),
            relevant=self.expr(node, "relevant", name),
        )
        self.register(item, node.at(kind))
        if isinstance(item, Repeat):
            self._repeat_settings(item, node)
        body = node.get("fields")
        seq = self.sequence(body, node.at("fields"), f"{kind} '{name}' fields", name)
        if seq is not None:
            self.items_of(seq, item)
        if not item.children:
            self.report("FORM040", f"{kind} '{name}' has no fields", node.pos, name)
        return item

    def _repeat_settings(self, item: Repeat, node: YMap) -> None:
        from tui_cia.survey.build_fields import int_setting

        item.min = int_setting(self, node, "min", item.name)
        item.max = int_setting(self, node, "max", item.name)
        if "max" not in node:  # every repeat has a bound: a record can never grow without end
            item.max = limits.INSTANCES
        for key in ("min", "max"):
            bound = getattr(item, key)
            if bound is not None and bound > limits.INSTANCES:
                why = f"repeat '{item.name}': {key} {bound:,} is more than the {limits.INSTANCES:,}"
                self.report(
                    "FORM044", f"{why} instances a record may hold (limit)", node.at(key), item.name
                )
        if item.min is not None and item.max is not None and item.min > item.max:
            self.report(
                "FORM035",
                f"repeat '{item.name}': min {item.min} > max {item.max}",
                node.at("min"),
                item.name,
            )
        item.count = self.expr(node, "count", item.name)
        item.instance_label = self.expr(node, "instance_label", item.name)
        item.appearance = self.appearance(node, item.name)
        outer = item.repeat
        if outer is not None and outer.repeat is not None:
            self.report(
                "FORM032",
                f"repeat '{item.name}' is inside repeat '{outer.name}', "
                "which is inside another repeat",
                node.pos,
                item.name,
            )

    def appearance(self, node: YMap, field: str) -> tuple[str, ...]:
        raw = node.get("appearance")
        if raw is None:
            return ()
        words = raw.split() if isinstance(raw, str) else []
        for word in words:
            if word not in types.APPEARANCES:
                self.report(
                    "FORM033",
                    f"unknown appearance '{word}'{suggest(word, types.APPEARANCES)}",
                    node.at("appearance"),
                    field,
                )
        return tuple(words)

    def field(self, node: YMap, parent: Container) -> Field | None:
        from tui_cia.survey.build_fields import build_field

        return build_field(self, node, parent)

    # -- analysis --------------------------------------------------------------------------
    def dimensions(self, seq: YList) -> list[Dimension]:
        result = []
        for raw, pos in zip(seq, seq.item_pos, strict=True):
            node = self.mapping(raw, pos, "a dimension")
            if node is None:
                continue
            self.keys(node, ("id", "label"), "a dimension")
            ident = self.name(node, "id", "dimension")
            if ident:
                result.append(Dimension(ident, self.texts.read(node, "label", None), node.pos))
        return result

    def indicators(self, seq: YList, dims: list[Dimension]) -> list[Indicator]:
        from tui_cia.survey.build_fields import build_indicator

        result = []
        for raw, pos in zip(seq, seq.item_pos, strict=True):
            node = self.mapping(raw, pos, "an indicator")
            if node is not None:
                indicator = build_indicator(self, node, {d.id for d in dims})
                if indicator is not None:
                    result.append(indicator)
        return result

    def specials(self, node: YMap, field: str) -> tuple[str, ...]:
        raw = node.get("special", [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.report("FORM006", "special should be a list", node.at("special"), field)
            return ()
        for word in raw:
            if word not in SPECIALS:
                self.report(
                    "FORM025",
                    f"unknown special answer '{word}'{suggest(str(word), SPECIALS)}",
                    node.at("special"),
                    field,
                )
        return tuple(w for w in raw if w in SPECIALS)
