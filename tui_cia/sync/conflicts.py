"""Conflicts a merge found: the same answer changed to different values on two laptops.

Each keeps every value, with who changed it and when, until a person chooses one (or types
another); the choice is an ordinary answer change, with its reason, in the record's history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.history import decode

if TYPE_CHECKING:
    from tui_cia.storage import Store
    from tui_cia.survey import AnswerResult, FieldPath, FormSession


@dataclass
class ConflictValue:
    value: Any
    device: str
    by: str
    at: str


@dataclass
class ConflictView:
    """A conflict as people read it."""

    uuid: str
    path: str  # the id path (members#ab12.age)
    label: str  # as people read it (members[2].age)
    record: str  # the record's instance name
    shown: Any  # the value this laptop shows now
    values: list[ConflictValue]

    def as_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "path": self.path,
            "label": self.label,
            "record": self.record,
            "shown": self.shown,
            "values": [v.__dict__ for v in self.values],
        }


def list_conflicts(store: Store, uuid: str | None = None) -> list[ConflictView]:
    sql = (
        "SELECT c.record_uuid, c.path, c.label, c.heads, r.instance_name FROM conflicts c "
        "JOIN records r ON r.uuid = c.record_uuid"
    )
    args: tuple[str, ...] = ()
    if uuid is not None:
        sql, args = sql + " WHERE c.record_uuid = ?", (uuid,)
    views = []
    for rec_uuid, path, label, heads, name in store.conn.execute(
        sql + " ORDER BY r.instance_name, c.path", args
    ).fetchall():
        values = [ConflictValue(decode(h[8]), h[0], h[3], h[2]) for h in json.loads(heads)]
        shown = _value_at(store.data(rec_uuid), path)
        views.append(ConflictView(rec_uuid, path, label, name or "", shown, values))
    return views


def _value_at(data: dict[str, Any], path: str) -> Any:
    from tui_cia.sync.materialize import value_at

    found = value_at(data, path)
    return found if isinstance(found, str | int | float | list | dict | type(None)) else None


def field_path(session: FormSession, id_path: str) -> FieldPath:
    """("members", 1, "age") for "members#<id>.age" in this session."""
    parts: list[str | int] = []
    segments = id_path.split(".")
    for segment in segments[:-1]:
        name, _, iid = segment.partition("#")
        instances = session.instances((*parts, name))
        index = next((i for i, inst in enumerate(instances) if inst.iid == iid), None)
        if index is None:
            raise TuiCiaError(f"the member of this conflict ({id_path}) was removed")
        parts += [name, index]
    return (*parts, segments[-1])


def resolve(
    store: Store,
    uuid: str,
    path: str,
    *,
    choice: int | None = None,
    text: str | None = None,
    reason: str,
) -> AnswerResult:
    """Settle a conflict with value number `choice` (1-based) or typed `text`."""
    from tui_cia.survey.types import from_json

    views = [v for v in list_conflicts(store, uuid) if v.path == path]
    if not views:
        raise TuiCiaError(f"record {uuid} has no conflict at {path}: see tui-cia conflicts list")
    if not reason.strip():
        raise TuiCiaError("say why this value is right (--reason): it is kept in the history")
    view = views[0]
    rec = store.open(uuid)
    where = field_path(rec.session, path)
    if text is not None:
        result = rec.session.check(where, text)
        if not result.ok:
            return result
        value = result.value
    elif choice is not None and 1 <= choice <= len(view.values):
        item, _ = rec.session.field_at(where)
        value = from_json(item.type, view.values[choice - 1].value)
    else:
        raise TuiCiaError(f"choose a value from 1 to {len(view.values)}, or type one")
    result = store.set_value(rec, where, value, confirm=True, reason=reason, force=True)
    if result.ok:
        store.checkpoint(rec)
    return result
