"""The answers of one record as a tree of instances, and the scope expressions run in."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui_cia.survey.schema import Choice, Container, Field, Form, Item, Repeat
from tui_cia.survey.types import Special

if TYPE_CHECKING:
    from tui_cia.survey.expr import Value


class Instance:
    """The root of a record, or one instance of a repeat: answers, relevance, sub-repeats."""

    __slots__ = ("iid", "index", "parent", "relevant", "repeat", "repeats", "values")

    def __init__(
        self, repeat: str | None = None, parent: Instance | None = None, iid: str | None = None
    ) -> None:
        # A stable id for a repeat instance: positions shift when members are inserted or
        # removed, the id does not, so history and sync can name "this member" safely.
        self.iid = iid or (uuid.uuid4().hex[:12] if repeat is not None else "")
        self.values: dict[str, Any] = {}
        self.relevant: dict[str, bool] = {}
        self.repeats: dict[str, list[Instance]] = {}
        self.repeat = repeat
        self.parent = parent
        self.index = 0


class ItemInfo:
    """What the hot path needs to know of an item, computed once per form."""

    __slots__ = ("gates", "item", "owner")

    def __init__(self, item: Item) -> None:
        self.item = item
        self.owner = item.repeat.name if item.repeat is not None else None
        # Containers (and the item itself) whose relevance gates this item's value, each with
        # how many instance levels up its relevance is stored.
        gates: list[tuple[str, int]] = []
        up = 0
        for node in [item, *item.ancestors()]:
            if isinstance(node, Repeat) and node is not item:
                up += 1
            if node.relevant is not None:
                gates.append((node.name, up))
        self.gates = tuple(gates)


def item_infos(form: Form) -> dict[str, ItemInfo]:
    return {name: ItemInfo(item) for name, item in form.items.items()}


def owner_instance(inst: Instance, owner: str | None) -> Instance | None:
    """Walk up from `inst` to the instance that holds values of repeat `owner` (None = root)."""
    node: Instance | None = inst
    while node is not None and node.repeat != owner:
        node = node.parent
    return node


def gated_open(info: ItemInfo, holder: Instance) -> bool:
    """Whether every relevance gate of an item is open, seen from its holding instance."""
    for name, up in info.gates:
        node: Instance | None = holder
        for _ in range(up):
            node = node.parent if node is not None else None
        if node is not None and not node.relevant.get(name, True):
            return False
    return True


def choice_label(form: Form, lang: str, name: str, value: Value) -> Value:
    """``label(${name})``: the label, in `lang`, of the chosen value(s) of field `name`."""
    item = form.items.get(name)
    if not isinstance(item, Field) or item.choices is None or value is None:
        return None
    values = value if isinstance(value, list | tuple) else [value]
    by_value = item.choices.by_value
    labels = [
        by_value[v].label.get(lang) if isinstance(v, str) and v in by_value else str(v)
        for v in values
    ]
    return ", ".join(labels)


class Scope:
    """The EvalContext of the expression engine over one instance of a record."""

    __slots__ = ("choice", "current_value", "inst", "session")

    def __init__(
        self, session: Any, inst: Instance, current: Any = None, choice: Choice | None = None
    ) -> None:
        self.session = session
        self.inst = inst
        self.current_value = current
        self.choice = choice

    def value(self, name: str) -> Value:
        info = self.session.infos.get(name)
        if info is None or isinstance(info.item, Container):
            return None
        holder = owner_instance(self.inst, info.owner)
        if holder is None or (info.gates and not gated_open(info, holder)):
            return None
        value = holder.values.get(name)
        return None if isinstance(value, Special) else value

    def current(self) -> Value:
        value = self.current_value
        return None if isinstance(value, Special) else value

    def bare(self, name: str) -> Value:
        if self.choice is None:
            return None
        return self.choice.columns.get(name)

    def instances(self, repeat: str) -> Sequence[Scope]:
        info = self.session.infos.get(repeat)
        if info is None:
            return ()
        holder = owner_instance(self.inst, info.owner)
        if holder is None or (info.gates and not gated_open(info, holder)):
            return ()
        return [Scope(self.session, child) for child in holder.repeats.get(repeat, ())]

    def position(self) -> int | None:
        return self.inst.index + 1 if self.inst.repeat is not None else None

    def label(self, name: str, value: Value) -> Value:
        return choice_label(self.session.form, self.session.lang, name, value)

    def today(self) -> dt.date:
        return self.session.today  # type: ignore[no-any-return]

    def is_repeat(self, name: str) -> bool:
        return isinstance(self.session.form.items.get(name), Repeat)
