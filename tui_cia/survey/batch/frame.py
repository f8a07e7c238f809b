"""Many records of one form held column by column (a batch), for checks run on all at once.

A batch has a level for the records and one for each repeat directly inside them. A level
holds one list per field with the value of each of its rows (None when blank), and the
relevance each computed item has in each row. A record whose data does not fit the form (an
unknown field, a value of the wrong type, a malformed repeat or instance id) is marked, not
read: the caller checks it one by one, which names the problem.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from types import NoneType
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.survey.dates import column_from_iso
from tui_cia.survey.recalc import form_runtime
from tui_cia.survey.recorddata import ID_PATTERN, INSTANCE_ID, is_plain, scopes_of
from tui_cia.survey.schema import Container, Field, Form, Item, Repeat
from tui_cia.survey.state import ItemInfo
from tui_cia.survey.types import InvalidAnswer, Special, from_json


class Unsupported(TuiCiaError):
    """A form the batch checks do not handle (repeats inside repeats, counted repeats)."""


@dataclass
class Level:
    """The rows of the records (`repeat` None) or of one repeat's instances."""

    repeat: str | None
    record: list[int]  # the record each row belongs to (a record's own index on its level)
    position: list[int | None]
    ids: list[str]
    values: dict[str, list[Any]] = field(default_factory=dict)
    relevant: dict[str, list[bool]] = field(default_factory=dict)
    rows_of: list[list[int]] = field(default_factory=list)  # a repeat's rows of each record
    read: list[dict[str, Any]] = field(default_factory=list)  # each row's data as given
    raw: dict[str, Sequence[Any]] = field(default_factory=dict)  # values as given, per field

    @property
    def size(self) -> int:
        return len(self.record)


def _fields(plan: dict[str, tuple[Item, type | None]]) -> dict[str, tuple[Field, type | None]]:
    return {
        name: (item, plain)
        for name, (item, plain) in plan.items()
        if isinstance(item, Field) and item.type != "note"
    }


def check_supported(form: Form) -> None:
    """Raise Unsupported unless every repeat sits at the top and has no `count`."""
    for rep in form.repeats():
        if rep.repeat is not None or rep.count is not None:
            raise Unsupported(f"repeat '{rep.name}' is nested or counted")


class Batch:
    """The records of a batch, their repeat instances, and which records did not fit."""

    def __init__(self, form: Form, datas: Sequence[dict[str, Any]]) -> None:
        check_supported(form)
        self.form = form
        self.infos: dict[str, ItemInfo] = form_runtime(form).infos
        self.size = len(datas)
        self.bad = [False] * self.size
        self.specials: set[str] = set()  # fields with a special answer somewhere
        self._visible: dict[str, list[Any]] = {}
        self._gated_by = _gated_by(self.infos)
        scopes = scopes_of(form)
        count = range(self.size)
        self.main = Level(None, list(count), [None] * self.size, [""] * self.size)
        self.levels: dict[str | None, Level] = {None: self.main}
        plan = scopes[id(form.root)]
        self._read(self.main, list(datas), plan)
        for item, _ in plan.values():
            if isinstance(item, Repeat):
                self.levels[item.name] = self._repeat_level(item, datas, scopes[id(item)])

    def _read(
        self, level: Level, rows: list[dict[str, Any]], plan: dict[str, tuple[Item, type | None]]
    ) -> None:
        fields = _fields(plan)
        allowed = set(fields) | {n for n, (i, _) in plan.items() if isinstance(i, Repeat)}
        if level.repeat is not None:
            allowed.add(INSTANCE_ID)
        record = level.record
        level.read = rows
        for row, data in enumerate(rows):
            if not data.keys() <= allowed:
                self.bad[record[row]] = True
        names = list(fields)
        blanks = dict.fromkeys(names)
        # Every row with a key for every field, read into columns by C loops.
        full = [{**blanks, **data} for data in rows]
        columns: list[Sequence[Any]]
        if len(names) < 2 or not rows:
            columns = [[data[name] for data in full] for name in names]
        else:
            columns = list(zip(*map(itemgetter(*names), full), strict=True))
        for name, values in zip(names, columns, strict=True):
            item, plain = fields[name]
            level.raw[name] = values
            column = list(values)
            dates = column_from_iso(column) if item.type == "date" else None
            if dates is not None:  # read at once
                column = dates
            elif not set(map(type, column)) <= {plain, NoneType}:
                entry = (item, plain)
                odd = [
                    row
                    for row, value in enumerate(column)
                    if value is not None and not is_plain(entry, value)
                ]
                for row in odd:
                    column[row] = self._convert(item, column[row], record[row])
            level.values[name] = column

    def _convert(self, item: Field, raw: Any, record: int) -> Any:
        """A value that is not taken as it is, read as `load_data` reads it."""
        try:
            value = from_json(item.type, raw)
        except InvalidAnswer:
            self.bad[record] = True
            return None
        if type(value) is Special:
            self.specials.add(item.name)
        return value

    def _repeat_level(
        self,
        item: Repeat,
        datas: Sequence[dict[str, Any]],
        plan: dict[str, tuple[Item, type | None]],
    ) -> Level:
        level = Level(item.name, [], [], [], rows_of=[[] for _ in range(self.size)])
        rows: list[dict[str, Any]] = []
        for record, data in enumerate(datas):
            raw = data.get(item.name)
            if raw is None:
                continue
            if type(raw) is not list:
                self.bad[record] = True
                continue
            for position, inst in enumerate(raw, start=1):
                if type(inst) is not dict:
                    self.bad[record] = True
                    continue
                level.rows_of[record].append(len(rows))
                level.record.append(record)
                level.position.append(position)
                level.ids.append(self._instance_id(inst, record))
                rows.append(inst)
        self._read(level, rows, plan)
        return level

    def _instance_id(self, inst: dict[str, Any], record: int) -> str:
        raw = inst.get(INSTANCE_ID)
        if raw is None:
            return uuidlib.uuid4().hex[:12]  # as a new Instance makes one
        if not (isinstance(raw, str) and ID_PATTERN.fullmatch(raw)):
            self.bad[record] = True
            return ""
        return raw

    # -- values as expressions see them ------------------------------------------------------
    def level_of(self, name: str) -> Level:
        return self.levels[self.infos[name].owner]

    def open_rows(self, name: str) -> list[bool] | None:
        """Per row of the item's level, whether every relevance gate of the item is open
        (None: no gate is ever closed)."""
        info = self.infos[name]
        level = self.levels[info.owner]
        columns = []
        for gate, up in info.gates:
            holder = level if up == 0 else self.main
            relevant = holder.relevant.get(gate)
            if relevant is None:
                continue
            columns.append(relevant if up == 0 else [relevant[r] for r in level.record])
        if not columns:
            return None
        if len(columns) == 1:
            return columns[0]
        return [all(flags) for flags in zip(*columns, strict=True)]

    def visible(self, name: str) -> list[Any]:
        """A field's values as `${name}` reads them on its own level: blank where a gate is
        closed or the answer is special."""
        found = self._visible.get(name)
        if found is not None:
            return found
        values = self.level_of(name).values[name]
        opened = self.open_rows(name)
        if opened is not None:
            values = [v if o else None for v, o in zip(values, opened, strict=True)]
        if name in self.specials:
            values = [None if type(v) is Special else v for v in values]
        self._visible[name] = values
        return values

    def set_relevant(self, name: str, flags: list[bool]) -> None:
        self.level_of(name).relevant[name] = flags
        for gated in self._gated_by.get(name, ()):
            self._visible.pop(gated, None)

    def set_values(self, name: str, values: list[Any]) -> None:
        self.level_of(name).values[name] = values  # computed: never a special answer
        self.specials.discard(name)
        self._visible.pop(name, None)

    def is_field(self, name: str) -> bool:
        info = self.infos.get(name)
        return info is not None and not isinstance(info.item, Container)


def _gated_by(infos: dict[str, ItemInfo]) -> dict[str, set[str]]:
    """For each item with relevance, the items whose values it gates."""
    found: dict[str, set[str]] = {}
    for name, info in infos.items():
        for gate, _ in info.gates:
            found.setdefault(gate, set()).add(name)
    return found
