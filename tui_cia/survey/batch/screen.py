"""Checking a batch of records at once: which are sound as they stand, and their data.

For each record `screen` tells whether `load_data` and `completion_problems` would find
nothing wrong with it, and if so gives the data `to_data(ids=True)` writes and the record's
instance name. It never names a problem: a record it does not pass is checked one by one by
the caller, whose messages are the entry screen's. Relevance and calculations are computed
in the order a session computes them, then every check of the completion walk runs on the
rows where the field is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains, is_, not_
from types import NoneType
from typing import Any

from tui_cia.survey.batch.columns import Env, run, take
from tui_cia.survey.batch.frame import Batch, Level
from tui_cia.survey.fieldpath import path_str
from tui_cia.survey.recalc import coerce, is_blank
from tui_cia.survey.recorddata import INSTANCE_ID, written_alike
from tui_cia.survey.schema import Container, Expr, Field, Form, Repeat
from tui_cia.survey.types import Special, to_json
from tui_cia.survey.validate import check_number, check_text

_JSON_AS_IS = frozenset({str, int, float, bool, list})


@dataclass
class Screened:
    """A record that passed: its data as stored and its instance name."""

    data: dict[str, Any]
    instance_name: str


@dataclass
class LevelData:
    """The data of one level (the records, or one repeat's instances) as columns: the
    names `to_data` writes (`_id` first on a repeat) and their section-8 values (None for
    blank), with each row's record, position and instance id."""

    names: list[str]
    columns: list[list[Any]]
    record: list[int]
    position: list[int | None]
    ids: list[str]


@dataclass
class Screening:
    """What `screen` found: per record, what it stores or None; and the data of
    every level (by repeat name, None for the records) as columns."""

    records: list[Screened | None]
    levels: dict[str | None, LevelData]


def screen(
    form: Form,
    datas: Sequence[dict[str, Any]],
    required: Sequence[bool],
    *,
    today: dt.date,
    confirmed: Sequence[set[str]] | None = None,
    lang: str | None = None,
) -> Screening:
    """Per record, what it stores if nothing is wrong with it, else None (`records`);
    and the data of every level as columns.

    `required[i]` says whether record i must have every required answer (not a draft),
    `confirmed[i]` holds the paths of the soft checks its enumerator confirmed. Raises
    Unsupported for a form whose structure the batch does not handle.
    """
    batch = Batch(form, datas)
    agreed = confirmed if confirmed is not None else [set()] * len(datas)
    lang = lang or form.settings.default_language
    check = _Checker(batch, required, agreed, lang, today)
    check.compute()
    check.fields()
    check.repeats()
    names = check.instance_names()
    writer = _DataWriter(batch)
    records = [
        None if bad else Screened(writer.data(record), names[record])
        for record, bad in enumerate(batch.bad)
    ]
    return Screening(records, writer.levels)


class _Checker:
    def __init__(
        self,
        batch: Batch,
        required: Sequence[bool],
        confirmed: Sequence[set[str]],
        lang: str,
        today: dt.date,
    ) -> None:
        self.batch, self.form = batch, batch.form
        self.required, self.confirmed = required, confirmed
        self.lang, self.today = lang, today

    def env(self, level: Level, rows: list[int] | None = None, current: Any = None) -> Env:
        return Env(self.batch, level, self.lang, self.today, rows, current)

    def flag(self, level: Level, rows: Sequence[int]) -> None:
        bad, record = self.batch.bad, level.record
        for row in rows:
            bad[record[row]] = True

    def compute(self) -> None:
        """Relevance and calculations, item by item in the order a session computes them."""
        batch = self.batch
        for name in self.form.graph.computed:
            item = self.form.items[name]
            env = self.env(batch.level_of(name))
            if item.relevant is not None:
                batch.set_relevant(name, list(map(bool, run(item.relevant.node, env))))
            if isinstance(item, Field) and item.calculate is not None:
                values = run(item.calculate.node, env)
                if item.type == "integer" and float in set(map(type, values)):
                    values = [coerce(item, v) for v in values]  # the only type it changes
                batch.set_values(name, _as_before(batch.level_of(name).values.get(name), values))

    def fields(self) -> None:
        for item in self.form.fields():
            if item.type in ("note", "calculate"):
                continue
            level = self.batch.level_of(item.name)
            values = level.values[item.name]
            opened = self.batch.open_rows(item.name)
            every = range(level.size)
            rows = list(every if opened is None else compress(every, opened))
            blank = _blank_rows(values, rows)
            if blank:
                self.required_rows(item, level, blank)
            if item.calculate is None:
                if blank:
                    skipped = set(blank)
                    rows = [r for r in rows if r not in skipped]
                self.answers(item, level, rows)

    def required_rows(self, item: Field, level: Level, blank: list[int]) -> None:
        wanted = [r for r in blank if self.required[level.record[r]]]
        if not wanted or item.required is False:
            return
        if isinstance(item.required, Expr):
            flags = run(item.required.node, self.env(level, wanted))
            wanted = [r for r, f in zip(wanted, flags, strict=True) if f]
        self.flag(level, wanted)

    def answers(self, item: Field, level: Level, rows: list[int]) -> None:
        """check_answer and the soft check on every filled row (special answers apart)."""
        values = level.values[item.name]
        if item.name in self.batch.specials:
            special = [r for r in rows if type(values[r]) is Special]
            self.flag(level, [r for r in special if values[r].name not in item.special])
            rows = [r for r in rows if type(values[r]) is not Special]
        failed = self.typed(item, level, rows)
        if failed:
            self.flag(level, failed)
            rejected = set(failed)
            rows = [r for r in rows if r not in rejected]
        for expr in (item.constraint, item.warn):
            if expr is not None and rows:
                current = take(values, rows)
                flags = run(expr.node, self.env(level, rows, current))
                failing = list(compress(rows, map(not_, flags)))
                if expr is item.warn:  # a soft check the enumerator confirmed stands
                    failing = [r for r in failing if not self.confirmed_at(item, level, r)]
                self.flag(level, failing)

    def confirmed_at(self, item: Field, level: Level, row: int) -> bool:
        confirmed = self.confirmed[level.record[row]]
        if not confirmed:
            return False
        if level.repeat is None:
            return item.name in confirmed
        index = (level.position[row] or 1) - 1
        return path_str((level.repeat, index, item.name)) in confirmed

    def typed(self, item: Field, level: Level, rows: list[int]) -> list[int]:
        """The rows whose answer breaks the field's choices, bounds, length or pattern."""
        values = level.values[item.name]
        if item.choices is not None:
            return self.choices(item, level, rows)
        if item.type in ("integer", "decimal"):
            if _within(item, values):
                return []
            return [r for r in rows if check_number(item, values[r]) is not None]
        if item.type == "text" and (item.length is not None or item.pattern is not None):
            return [r for r in rows if check_text(item, values[r]) is not None]
        return []

    def choices(self, item: Field, level: Level, rows: list[int]) -> list[int]:
        assert item.choices is not None
        values, known = level.values[item.name], item.choices.by_value
        if item.choice_filter is None and item.type == "select_one":
            if known.keys() >= set(values) - {None}:  # every code known: the usual
                return []
            return [r for r in rows if type(values[r]) is not str or values[r] not in known]
        failed: set[int] = set()
        asked: dict[str, list[int]] = {}  # rows by the code a filter must allow
        for r in rows:
            codes = values[r] if isinstance(values[r], list) else [values[r]]
            if any(c not in known for c in codes) or len(set(codes)) != len(codes):
                failed.add(r)
            elif item.choice_filter is not None:
                for code in codes:
                    asked.setdefault(code, []).append(r)
        for code, asking in asked.items():
            assert item.choice_filter is not None
            env = self.env(level, asking)
            env.choice = known[code]
            flags = run(item.choice_filter.node, env)
            failed.update(r for r, f in zip(asking, flags, strict=True) if not f)
        return sorted(failed)

    def repeats(self) -> None:
        """Too few instances (not for drafts) or too many, where the repeat is shown."""
        main = self.batch.main
        for rep in self.form.repeats():
            level = self.batch.levels[rep.name]
            opened = self.batch.open_rows(rep.name)
            for record, rows in enumerate(level.rows_of):
                if opened is not None and not opened[record]:
                    continue
                few = self.required[record] and rep.min is not None and len(rows) < rep.min
                if few or (rep.max is not None and len(rows) > rep.max):
                    self.flag(main, [record])

    def instance_names(self) -> list[str]:
        expr = self.form.settings.instance_name
        if expr is None:
            return [""] * self.batch.size
        values = run(expr.node, self.env(self.batch.main))
        return ["" if v is None else str(v) for v in values]


def _as_before(given: list[Any] | None, computed: list[Any]) -> list[Any]:
    """Computed values, but the value given where it is the same (same type, equal), as a
    session keeps it: so a given -0.0 stays -0.0 where 0.0 is computed."""
    if given is None:
        return computed
    if given == computed and list(map(type, given)) == list(map(type, computed)):
        return given
    return [
        old if type(old) is type(new) and old == new else new
        for old, new in zip(given, computed, strict=True)
    ]


def _blank_rows(values: list[Any], rows: list[int]) -> list[int]:
    """The rows whose value is blank (`is_blank`): none when the column's types rule a
    blank out; else found by C comparisons, unless there are special answers."""
    kinds = set(map(type, values))
    if Special in kinds:
        return [r for r in rows if is_blank(values[r])]
    if not (
        NoneType in kinds or (str in kinds and "" in values) or (list in kinds and [] in values)
    ):
        return []
    picked = take(values, rows)
    return list(compress(rows, map(contains, repeat(_BLANKS), picked)))


# The blank values but a special answer with no name (see is_blank).
_BLANKS: tuple[Any, ...] = (None, "", [])


def _within(item: Field, values: list[Any]) -> bool:
    """Whether every non-blank value of a number column is a number within its bounds."""
    numbers = [v for v in values if v is not None]
    if not set(map(type, numbers)) <= {int, float}:
        return False
    low, high = item.min, item.max
    return not numbers or (
        (low is None or min(numbers) >= low) and (high is None or max(numbers) <= high)
    )


class _DataWriter:
    """Record data in the order `to_data` writes it: the form's order, groups flattened, a
    repeat's instances each led by their id. Built a level at a time, repeats first. A row
    whose data as given is already written so (the usual case for an exported file) keeps
    its given dict: it is checked column by column instead of being built again."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.levels: dict[str | None, LevelData] = {}
        built: dict[str, list[dict[str, Any]]] = {}
        for rep in batch.form.repeats():
            level = batch.levels[rep.name]
            built[rep.name] = self._rows(_entries(rep, level, batch), level, built, level.ids)
        main = batch.main
        self.records = self._rows(_entries(batch.form.root, main, batch), main, built, None)

    def data(self, record: int) -> dict[str, Any]:
        return self.records[record]

    def _rows(
        self,
        entries: list[tuple[str, Any]],
        level: Level,
        built: dict[str, list[dict[str, Any]]],
        ids: list[str] | None,
    ) -> list[dict[str, Any]]:
        """Each row of a level as data: its answers that are not blank, in order."""
        names, columns = ([INSTANCE_ID], [ids]) if ids is not None else ([], [])
        for name, column in entries:
            if column is None:  # a repeat: its instances' data, on each record's row
                instances, rows_of = built[name], self.batch.levels[name].rows_of
                column = [[instances[r] for r in rows_of[row]] or None for row in level.record]
            names.append(name)
            columns.append(_json_column(column))
        self.levels[level.repeat] = LevelData(
            names, columns, level.record, level.position, level.ids
        )
        if not columns:
            return [{} for _ in range(level.size)]
        same = _as_given(level, names, columns)
        return [
            given if kept else _written(names, columns, row)
            for row, (given, kept) in enumerate(zip(level.read, same, strict=True))
        ]


def _written(names: list[str], columns: list[list[Any]], row: int) -> dict[str, Any]:
    """A row's data as written: its values that are not blank."""
    values = (column[row] for column in columns)
    return {name: value for name, value in zip(names, values, strict=True) if value is not None}


def _as_given(level: Level, names: list[str], columns: list[list[Any]]) -> list[bool]:
    """Per row, whether the data given is the data written, to the text: the same keys in
    the same order, holding equal values of the same types. (Written data has no blank
    values and its keys in the order of `names`.)"""
    in_order = _KeyOrders(names)
    same = [in_order(given) and None not in given.values() for given in level.read]
    for name, written in zip(names, columns, strict=True):
        raw = level.raw.get(name)
        if raw is None:  # an instance's id or a repeat: not among the values read
            raw = [given.get(name) for given in level.read]
        if all(map(is_, written, raw)) or _alike_plain(written, raw):
            continue
        for row, (ours, theirs) in enumerate(zip(written, raw, strict=True)):
            if ours is not theirs and not written_alike(ours, theirs):
                same[row] = False
    return same


class _KeyOrders:
    """Whether a dict's keys are some of `names` in their order; remembered per key tuple,
    as most rows share a few."""

    def __init__(self, names: list[str]) -> None:
        self.place = {name: at for at, name in enumerate(names)}
        self.known: dict[tuple[str, ...], bool] = {}

    def __call__(self, given: dict[str, Any]) -> bool:
        keys = tuple(given)
        found = self.known.get(keys)
        if found is None:
            places = list(map(self.place.get, keys))
            found = None not in places and places == sorted(places)  # type: ignore[type-var]
            self.known[keys] = found
        return found


def _alike_plain(written: list[Any], raw: Sequence[Any]) -> bool:
    """Whether two columns of text, whole numbers and blanks are written alike."""
    kinds = list(map(type, written))
    return set(kinds) <= _PLAIN and kinds == list(map(type, raw)) and written == list(raw)


_PLAIN = frozenset({str, int, bool, NoneType})


def _json_column(column: list[Any]) -> list[Any]:
    """A column as section-8 data: values JSON has no type for written by `to_json`."""
    kinds = set(map(type, column))
    kinds.discard(NoneType)
    if kinds <= _JSON_AS_IS:
        return column
    return [v if v is None or type(v) in _JSON_AS_IS else to_json(v) for v in column]


def _entries(container: Container, level: Level, batch: Batch) -> list[tuple[str, Any]]:
    """(name, column) of the fields in form order, (name, None) for a repeat."""
    found: list[tuple[str, Any]] = []
    for child in container.children:
        if isinstance(child, Repeat):
            found.append((child.name, None))
        elif isinstance(child, Container):
            found += _entries(child, level, batch)
        elif isinstance(child, Field) and child.type != "note":
            found.append((child.name, level.values[child.name]))
    return found
