"""A record from the set of its changes: the same set gives the same record on every laptop.

The answers are the changes replayed in clock order. Each answer (and the status and the
deleted flag) is a register: its *heads* are the changes to it that no later change to it had
seen. One head is the answer; two heads with different values are a conflict, kept with both
values until a person resolves it. Status heads resolve as verified > complete > draft, but a
verification that had not seen some edit of the record stands only as complete.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from tui_cia.storage import history
from tui_cia.sync.changes import STATUS_RANK, SyncChange

DATA_OPS = frozenset({"create", "import", "replace", "set", "add", "remove", "move"})


@dataclass
class Conflict:
    """One answer changed to different values on two or more laptops."""

    path: str
    label: str
    heads: list[SyncChange]

    def values(self) -> list[Any]:
        return [history.decode(h.new) for h in self.heads]


@dataclass
class Merged:
    """What the changes of a record add up to."""

    data: dict[str, Any]
    status: str
    deleted: bool
    conflicts: list[Conflict] = field(default_factory=list)
    concurrent_edits: bool = False  # edits made side by side: completion must be rechecked


def heads(changes: list[SyncChange]) -> list[SyncChange]:
    """The changes that no other change in the list had seen."""
    return [c for c in changes if not any(o is not c and o.knows(c) for o in changes)]


def register(change: SyncChange) -> str | None:
    if change.op == "set":
        return "=" + change.path
    if change.op == "status":
        return "@status"
    if change.op in ("delete", "restore"):
        return "@deleted"
    return None


def ordered(changes: list[SyncChange]) -> list[SyncChange]:
    return sorted(changes, key=lambda c: (c.lamport, c.device))


def replayed(changes: list[SyncChange]) -> dict[str, Any]:
    """The data: every change applied in clock order (a tie broken by device)."""
    steps = [c for c in ordered(changes) if c.op in DATA_OPS]
    if len(steps) == 1 and steps[0].op in ("create", "import", "replace"):
        return dict(history.decode(steps[0].new) or {})  # freshly decoded: no copy needed
    return history.replay(
        [
            history.Change(
                0,
                c.at,
                c.device,
                c.enumerator,
                c.op,
                c.path,
                c.label,
                None,
                history.decode(c.new),
                c.reason,
                c.lamport,
            )
            for c in steps
        ]
    )


def materialize(changes: list[SyncChange], status: str, deleted: bool) -> Merged:
    """`status` and `deleted` are the record's own before any change to them."""
    groups: dict[str, list[SyncChange]] = {}
    for change in changes:
        name = register(change)
        if name is not None:
            groups.setdefault(name, []).append(change)
    merged = Merged(replayed(changes), status, deleted)
    for name, members in groups.items():
        tops = heads(members)
        if name == "@status":
            merged.status = _status(tops, changes)
        elif name == "@deleted":
            merged.deleted = any(h.op == "delete" for h in tops)
        elif len({h.new for h in tops}) > 1:
            tops = ordered(tops)
            merged.conflicts.append(Conflict(name[1:], tops[-1].label, tops))
    # A conflict inside a member someone removed is moot: the member's answers went with it.
    merged.conflicts = [
        c for c in merged.conflicts if "#" not in c.path or _member_exists(merged.data, c.path)
    ]
    data_changes = ordered([c for c in changes if c.op in DATA_OPS])
    merged.concurrent_edits = any(
        not later.knows(earlier) for earlier, later in itertools.pairwise(data_changes)
    )
    return merged


def _status(tops: list[SyncChange], changes: list[SyncChange]) -> str:
    values = [(STATUS_RANK.get(str(history.decode(h.new)), 0), h) for h in tops]
    best = max(rank for rank, _ in values)
    winners = [h for rank, h in values if rank == best]
    status = str(history.decode(winners[0].new))
    if status == "verified":
        unseen = [
            c
            for c in changes
            if c.op in DATA_OPS and not any(w.knows(c) or w is c for w in winners)
        ]
        if unseen:
            return "complete"  # edited where the verifier could not see it
    return status


def shown(merged: Merged, local_data: dict[str, Any] | None, device: str) -> dict[str, Any]:
    """The data a laptop shows: in a conflict, its own value (until someone resolves it); a
    laptop that took part in neither side shows the newest, the same on every such laptop."""
    data: dict[str, Any] = json.loads(json.dumps(merged.data))
    for conflict in merged.conflicts:
        own = [h for h in conflict.heads if h.device == device]
        pick = (own or conflict.heads)[-1]
        change = history.Change(
            0, "", "", "", "set", conflict.path, "", None, history.decode(pick.new), None
        )
        try:
            data = history.apply(data, change)
        except (KeyError, IndexError, TypeError):
            continue
    return data


_MISSING = object()


def _member_exists(data: dict[str, Any], path: str) -> bool:
    holder = path.rsplit(".", 1)[0] + "._"
    return value_at(data, holder) is not _MISSING


def value_at(data: dict[str, Any] | None, path: str) -> Any:
    """The value at an id path (`members#ab12.age`), or a marker when there is none."""
    if data is None:
        return _MISSING
    segments = path.split(".")
    node: Any = data
    try:
        for segment in segments[:-1]:
            name, _, iid = segment.partition("#")
            node = next(i for i in node[name] if i.get("_id") == iid)
        return node.get(segments[-1], None)
    except (KeyError, StopIteration, TypeError, AttributeError):
        return _MISSING
