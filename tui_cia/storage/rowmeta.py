"""What a record row carries besides its data: key text, round, area, search text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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


_SEARCHED: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def _searched_fields(form: Form) -> tuple[frozenset[str], frozenset[str]]:
    """(the key fields and text fields that hold names, the repeats that may hold them): what
    search looks in, cached per form version."""
    if form.content_hash not in _SEARCHED:
        names = {f.name for f in form.fields() if f.type == "text" and "name" in f.name}
        repeats = frozenset(r.name for r in form.repeats())
        _SEARCHED[form.content_hash] = (frozenset(names | set(form.settings.key)), repeats)
    return _SEARCHED[form.content_hash]


def _values(data: dict[str, Any], wanted: frozenset[str], repeats: frozenset[str]) -> list[str]:
    found: list[str] = []
    for key, value in data.items():
        if key in wanted:
            if type(value) is str:
                found.append(value)
        elif key in repeats and type(value) is list:
            for inst in value:
                if type(inst) is dict:
                    found += _values(inst, wanted, repeats)
    return found


def search_text(form: Form, data: dict[str, Any], instance_name: str) -> str:
    """What Thai substring search looks in: instance name, key values and names."""
    return " ".join([instance_name, *_values(data, *_searched_fields(form))])
