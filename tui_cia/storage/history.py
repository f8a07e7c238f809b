"""Edit history: each change as an operation, and a record rebuilt as of any revision.

Operations name answers by *id paths*, `members#3f2a9c1b0d4e.age`: a repeat instance is named
by its stable id, so history stays right when members are inserted, removed or moved. The
`label` column keeps the path as people read it then (`members[2].age`).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_cia.survey import FieldPath, FormSession

OPS = (
    "create",
    "import",
    "set",
    "add",
    "remove",
    "move",
    "status",
    "delete",
    "restore",
    "replace",
)


@dataclass
class Change:
    """One row of history."""

    revision: int
    at: str
    device: str
    enumerator: str
    op: str
    path: str
    label: str
    old: Any
    new: Any
    reason: str | None
    lamport: int = 0  # the change's clock: changes replay in clock order (see sync)


def id_path(session: FormSession, path: FieldPath) -> str:
    """`members#<id>.age` for ("members", 1, "age")."""
    parts: list[str] = []
    prefix: tuple[str | int, ...] = ()
    items = list(path)
    while len(items) > 1:
        rep, index = str(items[0]), int(items[1])
        iid = session.instances((*prefix, rep))[index].iid
        parts.append(f"{rep}#{iid}")
        prefix = (*prefix, rep, index)
        items = items[2:]
    if items:
        parts.append(str(items[0]))
    return ".".join(parts)


def _instance_list(data: dict[str, Any], segment: str) -> tuple[list[dict[str, Any]], str]:
    name, _, iid = segment.partition("#")
    return data.setdefault(name, []), iid


def _find(instances: list[dict[str, Any]], iid: str) -> int:
    for i, inst in enumerate(instances):
        if inst.get("_id") == iid:
            return i
    raise KeyError(iid)


def _holder(data: dict[str, Any], segments: list[str]) -> dict[str, Any]:
    """The dict that holds the last segment, walking instance segments by id."""
    node = data
    for segment in segments:
        name, _, iid = segment.partition("#")
        instances = node[name]  # a KeyError when the member is gone: nothing is created
        node = instances[_find(instances, iid)]
    return node


def apply(data: dict[str, Any], change: Change) -> dict[str, Any]:
    """`data` with one change applied (data changes of other kinds leave it as it is)."""
    segments = change.path.split(".") if change.path else []
    if change.op in ("create", "import", "replace"):
        return copy.deepcopy(change.new or {})
    if change.op == "set":
        holder = _holder(data, segments[:-1])
        if change.new is None:
            holder.pop(segments[-1], None)
        else:
            holder[segments[-1]] = copy.deepcopy(change.new)
    elif change.op in ("add", "remove", "move"):
        _structure(data, segments, change)
    return data


def _structure(data: dict[str, Any], segments: list[str], change: Change) -> None:
    holder = _holder(data, segments[:-1])
    instances, iid = _instance_list(holder, segments[-1])
    if change.op == "add":
        instances.insert(int(change.new["index"]), copy.deepcopy(change.new["data"]))
    elif change.op == "remove":
        del instances[_find(instances, iid)]
    else:
        moved = instances.pop(_find(instances, iid))
        instances.insert(int(change.new), moved)
    name = segments[-1].partition("#")[0]
    if not instances:
        holder.pop(name, None)


def replay(changes: list[Change], revision: int | None = None) -> dict[str, Any]:
    """The data as it was after `revision` (all changes when None).

    The changes this database held then are replayed in clock order, the order a merge uses:
    a change that arrived in a bundle may be older than the local changes before it."""
    known = [c for c in changes if revision is None or c.revision <= revision]
    known.sort(key=lambda c: (c.lamport, c.device))
    data: dict[str, Any] = {}
    for change in known:
        try:
            data = apply(data, change)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            continue  # a change to a member another device removed: the removal stands
    return data


def encode(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)
