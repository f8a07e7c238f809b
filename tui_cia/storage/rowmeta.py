"""What a record row carries besides its data: key text, round, area, search text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui_cia.survey.schema import Container, Field, Group, Repeat

if TYPE_CHECKING:
    from tui_cia.survey import Form

Clock = Callable[[], str]


def utc_now() -> str:
    """The time of a change, as stored: ISO 8601 UTC to the millisecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def key_text(form: Form, data: dict[str, Any]) -> str | None:
    """The record's key for people (e.g. village and house number); None if any part is blank."""
    parts = [data.get(name) for name in form.settings.key]
    if not parts or any(p is None or p == "" or isinstance(p, dict) for p in parts):
        return None
    return "|".join(str(p) for p in parts)


def round_of(form: Form, data: dict[str, Any]) -> int | None:
    value = data.get(form.settings.round or "")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def area_of(form: Form, data: dict[str, Any]) -> str | None:
    value = data.get(form.settings.area or "")
    return value if isinstance(value, str) else None


# What search looks in, per container: (field name, None) or (repeat name, its own plan).
Plan = tuple[tuple[str, "Plan | None"], ...]
_SEARCHED: dict[str, Plan] = {}


def _plan(container: Container, wanted: frozenset[str]) -> Plan:
    entries: list[tuple[str, Plan | None]] = []
    for child in container.children:
        if isinstance(child, Repeat):
            entries.append((child.name, _plan(child, wanted)))
        elif isinstance(child, Group):
            entries += _plan(child, wanted)
        elif isinstance(child, Field) and child.name in wanted:
            entries.append((child.name, None))
    return tuple(entries)


def _searched(form: Form) -> Plan:
    """The key fields and the text fields that hold names, in the form's order (the order
    of a record's data), and the repeats that may hold them; cached per form version."""
    if form.content_hash not in _SEARCHED:
        names = {f.name for f in form.fields() if f.type == "text" and "name" in f.name}
        _SEARCHED[form.content_hash] = _plan(form.root, frozenset(names | set(form.settings.key)))
    return _SEARCHED[form.content_hash]


def _values(data: dict[str, Any], plan: Plan, found: list[str]) -> None:
    for name, inner in plan:
        value = data.get(name)
        if inner is None:
            if type(value) is str:
                found.append(value)
        elif type(value) is list:
            for inst in value:
                if type(inst) is dict:
                    _values(inst, inner, found)


def search_text(form: Form, data: dict[str, Any], instance_name: str) -> str:
    """What Thai substring search looks in: instance name, key values and names."""
    found = [instance_name]
    _values(data, _searched(form), found)
    return " ".join(found)
