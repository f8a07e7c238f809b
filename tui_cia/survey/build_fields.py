"""Building one field or one indicator from its YAML mapping."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tui_cia.survey import dates, limits, types
from tui_cia.survey.schema import Container, Field, Indicator, Repeat
from tui_cia.survey.yamlsrc import Pos, YMap

if TYPE_CHECKING:
    from tui_cia.survey.build import FormBuilder

# A default is an expression when it refers to an answer or calls a function; anything else
# ("12/3", "2024-01-01", "ไม่มี") is the literal answer itself.
EXPRESSION_HINT = re.compile(r"\$\{|[a-z_]+\s*\(")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TEXT_KEYS = ("hint", "required_message", "constraint_message", "warn_message")


def int_setting(b: FormBuilder, node: YMap, key: str, field: str | None) -> int | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        b.report("FORM006", f"'{key}' should be a whole number", node.at(key), field)
        return None
    return value


def _number(b: FormBuilder, node: YMap, key: str, field: str) -> float | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        b.report("FORM006", f"'{key}' should be a number", node.at(key), field)
        return None
    return value


def _flag(b: FormBuilder, node: YMap, key: str, field: str) -> bool:
    value = node.get(key, False)
    if not isinstance(value, bool):
        b.report("FORM006", f"'{key}' should be true or false", node.at(key), field)
        return False
    return value


def _type(b: FormBuilder, node: YMap, name: str) -> str | None:
    kind = node.get("type")
    if kind is None:
        b.report("FORM005", f"field '{name}' needs 'type:'", node.pos, name)
        return None
    if kind not in types.TYPES:
        from tui_cia.survey.build import suggest

        b.report(
            "FORM010",
            f"unknown type '{kind}'{suggest(str(kind), list(types.TYPES))}",
            node.at("type"),
            name,
        )
        return None
    return str(kind)


def _check_field_keys(b: FormBuilder, node: YMap, kind: str, name: str) -> None:
    allowed = types.TYPES[kind].keys
    b.keys(node, types.ALL_FIELD_KEYS, f"field '{name}'", name)
    for key in node:
        if key in types.ALL_FIELD_KEYS and key not in allowed:
            b.report(
                "FORM026", f"'{key}' does not apply to a {kind} field", node.key_pos[key], name
            )


def build_field(b: FormBuilder, node: YMap, parent: Container) -> Field | None:
    name = b.name(node, "name", "field")
    kind = _type(b, node, name or "?")
    if name is None or kind is None:
        return None
    _check_field_keys(b, node, kind, name)
    item = Field(
        name=name,
        pos=node.pos,
        parent=parent,
        type=kind,
        label=b.texts.read(node, "label", name, required=kind != "calculate"),
        relevant=b.expr(node, "relevant", name),
    )
    b.register(item, node.at("name"))
    for key in TEXT_KEYS:
        setattr(item, key, b.texts.read(node, key, name))
    for key in ("constraint", "warn", "calculate", "choice_filter"):
        setattr(item, key, b.expr(node, key, name))
    item.required = _required(b, node, name)
    item.read_only = _flag(b, node, "read_only", name)
    item.carry = _flag(b, node, "carry", name)
    item.special = b.specials(node, name) if "special" in node else ()
    item.appearance = b.appearance(node, name)
    _choices(b, node, item)
    _bounds(b, node, item)
    _default(b, node, item)
    return item


def _required(b: FormBuilder, node: YMap, name: str) -> Any:
    value = node.get("required", False)
    if isinstance(value, bool):
        return value
    return b.expr(node, "required", name) or False


def _choices(b: FormBuilder, node: YMap, item: Field) -> None:
    has_choices = types.TYPES[item.type].has_choices
    list_name = node.get("choices")
    if has_choices and list_name is None:
        b.report("FORM023", f"a {item.type} field needs 'choices:'", node.pos, item.name)
    elif list_name is not None and has_choices:
        found = b.choices.get(str(list_name))
        if found is None:
            from tui_cia.survey.build import suggest

            b.report(
                "FORM011",
                f"no choice list '{list_name}'{suggest(str(list_name), list(b.choices))}",
                node.at("choices"),
                item.name,
            )
        item.choices = found


def _bounds(b: FormBuilder, node: YMap, item: Field) -> None:
    item.min = _number(b, node, "min", item.name)
    item.max = _number(b, node, "max", item.name)
    if item.min is not None and item.max is not None and item.min > item.max:
        b.report(
            "FORM035", f"min {item.min} is greater than max {item.max}", node.at("min"), item.name
        )
    length = node.get("length")
    if length is not None:
        ok = (
            isinstance(length, list)
            and len(length) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in length)
        )
        if not ok:
            b.report(
                "FORM006", "length should be [min, max], e.g. [1, 50]", node.at("length"), item.name
            )
        elif length[0] > length[1]:
            b.report(
                "FORM035",
                f"length {length[0]} is greater than {length[1]}",
                node.at("length"),
                item.name,
            )
        elif length[1] > limits.TEXT_CHARS:
            why = f"length {length[1]:,} is more than the {limits.TEXT_CHARS:,} characters"
            b.report(
                "FORM044", f"{why} a text answer may have (limit)", node.at("length"), item.name
            )
        else:
            item.length = (length[0], length[1])
    pattern = node.get("pattern")
    if pattern is not None:
        _pattern(b, str(pattern), node.at("pattern"), item)


def _pattern(b: FormBuilder, source: str, pos: Pos, item: Field) -> None:
    from tui_cia.survey.patterns import problem

    found = problem(source)
    if found is None:
        item.pattern = source
    else:
        b.report(found[0], f"pattern {found[1]}", pos, item.name)


def _default(b: FormBuilder, node: YMap, item: Field) -> None:
    if "default" not in node:
        return
    raw = node["default"]
    if isinstance(raw, str) and EXPRESSION_HINT.search(raw):
        item.default_expr = b.expr(node, "default", item.name)
        return
    if isinstance(raw, str) and len(raw) > 1 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]  # a quoted literal written the expression way: '1'
    value = _literal_default(item, raw)
    if value is None:
        b.report(
            "FORM042",
            f"default {raw!r} is not a valid {item.type} answer",
            node.at("default"),
            item.name,
        )
    item.default = value


def _literal_default(item: Field, raw: Any) -> Any:
    if isinstance(raw, bool):
        return None
    if item.type in ("select_one", "text", "thai_id") and isinstance(raw, str | int):
        value = str(raw)
        if item.choices is not None and value not in item.choices.by_value:
            return None
        return value
    if item.type == "select_multiple" and isinstance(raw, list):
        return [str(v) for v in raw]
    if item.type == "date" and isinstance(raw, str) and ISO_DATE.fullmatch(raw):
        try:
            return dates.from_iso(raw)
        except ValueError:
            return None
    try:
        return types.parse_typed(item.type, str(raw), "gregorian")
    except types.InvalidAnswer:
        return None


def build_indicator(b: FormBuilder, node: YMap, dims: set[str]) -> Indicator | None:
    from tui_cia.survey.build import INDICATOR_KEYS, suggest

    b.keys(node, INDICATOR_KEYS, "an indicator")
    ident = b.name(node, "id", "indicator")
    if ident is None:
        return None
    dim = str(node.get("dimension", ""))
    if dim not in dims:
        b.report(
            "FORM018",
            f"indicator '{ident}' names dimension '{dim}', which is not under "
            f"dimensions:{suggest(dim, dims)}",
            node.at("dimension"),
            ident,
        )
    unit = node.get("unit", "household")
    if unit not in ("household", "person"):
        b.report("FORM041", f"unit '{unit}' should be household or person", node.at("unit"), ident)
    over = node.get("over")
    if unit == "person" and over is None:
        b.report(
            "FORM020", f"indicator '{ident}' is per person but has no 'over:'", node.pos, ident
        )
    if over is not None and not isinstance(b.items.get(str(over)), Repeat):
        b.report(
            "FORM019",
            f"over: '{over}' is not a repeat of this form"
            f"{suggest(str(over), [n for n, i in b.items.items() if isinstance(i, Repeat)])}",
            node.at("over"),
            ident,
        )
    passes = b.expr(node, "pass", ident)
    if passes is None and "pass" not in node:
        b.report("FORM005", f"indicator '{ident}' needs 'pass:'", node.pos, ident)
    if passes is None:
        return None
    target = _number(b, node, "target", ident)
    from tui_cia.survey.build_levels import build_levels

    serious = build_levels(b, node, ident)
    return Indicator(
        ident,
        int_setting(b, node, "number", ident),
        dim,
        b.texts.read(node, "label", ident, required=True),
        str(unit),
        str(over) if over is not None else None,
        b.expr(node, "applies", ident),
        passes,
        target,
        node.pos,
        serious,
    )
