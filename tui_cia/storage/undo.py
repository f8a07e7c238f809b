"""An open record's state in memory, kept before a change so that a failed save undoes it.

A change is applied to the FormSession first and written after; when the write fails (the
database busy with another program), the record and its session go back to what they were,
so the caller can make the same call again later and nothing is half done.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_cia.storage.store import OpenRecord
    from tui_cia.survey.state import Instance


class _Node:
    """One instance of the session's tree as it was: its answers, relevance and repeats."""

    __slots__ = ("index", "instance", "parent", "relevant", "repeats", "values")

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.values = {k: list(v) if isinstance(v, list) else v for k, v in instance.values.items()}
        self.relevant = dict(instance.relevant)
        self.repeats = {name: list(items) for name, items in instance.repeats.items()}
        self.index = instance.index
        self.parent = instance.parent

    def restore(self) -> None:
        inst = self.instance
        inst.values.clear()
        inst.values.update(self.values)
        inst.relevant.clear()
        inst.relevant.update(self.relevant)
        inst.repeats.clear()
        inst.repeats.update(self.repeats)
        inst.index, inst.parent = self.index, self.parent


class Memo:
    """What `rec` and its session hold now, to be put back by `restore`."""

    def __init__(self, rec: OpenRecord) -> None:
        self.rec = rec
        self.facts: tuple[Any, ...] = (rec.status, rec.revision, rec.deleted, rec.data_revision)
        self.vector = None if rec.vector is None else dict(rec.vector)
        session = rec.session
        self.root = session.root
        self.version = session.version
        self.confirmed = session.confirmed
        self.confirmed_copy = set(session.confirmed)
        self.nodes = [_Node(inst) for inst in _walk(session.root)]

    def restore(self) -> None:
        rec, session = self.rec, self.rec.session
        rec.status, rec.revision, rec.deleted, rec.data_revision = self.facts
        if self.vector is None:
            rec.vector = None
        elif rec.vector is not None:
            rec.vector.clear()
            rec.vector.update(self.vector)
        session.root = self.root
        for node in self.nodes:
            node.restore()
        self.confirmed.clear()
        self.confirmed.update(self.confirmed_copy)
        session.confirmed = self.confirmed
        # Routes and stops are cached by version: a new one makes them be rebuilt.
        session.version = max(session.version, self.version) + 1


@contextmanager
def all_or_nothing(rec: OpenRecord) -> Iterator[None]:
    """The block changes `rec` in memory and saves it; if it raises, `rec` is as before."""
    memo = Memo(rec)
    try:
        yield
    except BaseException:
        memo.restore()
        raise


def _walk(root: Instance) -> Iterator[Instance]:
    stack = [root]
    while stack:
        inst = stack.pop()
        yield inst
        for items in inst.repeats.values():
            stack.extend(items)
