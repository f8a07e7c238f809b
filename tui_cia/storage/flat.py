"""Flat tables per form: one row per record and one per repeat instance, readable by any tool.

`form_<id>` holds every field outside repeats, `form_<id>_<repeat>` one row per instance
(with `_uuid` of the record, the instance `_id`, its `_parent_id` for nested repeats and its
1-based `_position`). Columns starting with `_` are tui-cia's own. Special answers are NULL
in their column and listed in `_specials` (JSON), so arithmetic on a column never sees them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tui_cia.survey import Form
from tui_cia.survey.schema import Container, Field, Group, Repeat

SQL_TYPES = {"integer": "INTEGER", "decimal": "REAL"}
MAIN_META = ("_uuid", "_status", "_deleted", "_version", "_modified_at", "_specials")
REPEAT_META = ("_uuid", "_id", "_parent_id", "_position", "_specials")


@dataclass
class FlatTable:
    """One flat table: its name, the repeat it holds (None = the record), its fields, and the
    repeats directly inside that container (whose tables hold its instances' children)."""

    name: str
    repeat: str | None
    fields: list[Field]
    inner: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.field_names = tuple(f.name for f in self.fields)
        # The columns whose values may be lists (choices picked, calculations).
        self.list_positions = tuple(
            i for i, f in enumerate(self.fields) if f.type in ("select_multiple", "calculate")
        )

    @property
    def meta(self) -> tuple[str, ...]:
        return REPEAT_META if self.repeat else MAIN_META

    @property
    def columns(self) -> list[str]:
        return [*self.meta, *(f.name for f in self.fields)]


def _scope_fields(container: Container) -> Iterator[Field]:
    for child in container.children:
        if isinstance(child, Field) and child.type != "note":
            yield child
        elif isinstance(child, Group):
            yield from _scope_fields(child)


def _child_repeats(container: Container) -> Iterator[str]:
    for child in container.children:
        if isinstance(child, Repeat):
            yield child.name
        elif isinstance(child, Group):
            yield from _child_repeats(child)


def table_name(form_id: str, repeat: str | None = None) -> str:
    return f"form_{form_id}" + (f"_{repeat}" if repeat else "")


_TABLES: dict[tuple[str, str], list[FlatTable]] = {}


def flat_tables(form: Form) -> list[FlatTable]:
    """The record table and one table per repeat (nested repeats included); cached."""
    key = (form.id, form.content_hash)
    if key not in _TABLES:
        _TABLES[key] = _plan(form)
    return _TABLES[key]


@dataclass
class VersionedTable:
    """A flat table over several versions of a form: the repeat as the version that first
    has it defines it (None = the record), and the fields of every version, the current
    version's first, then those only older versions had."""

    repeat: Repeat | None
    fields: list[Field]


def across_versions(form: Form, others: list[Form]) -> list[VersionedTable]:
    """The tables of `form` and of its `others` versions merged, so that an export of
    records keyed with an older version keeps the answers the current one no longer asks."""
    merged: dict[str | None, VersionedTable] = {}
    for version in [form, *others]:
        for flat in flat_tables(version):
            table = merged.get(flat.repeat)
            if table is None:
                rep = version.items[flat.repeat] if flat.repeat else None
                assert rep is None or isinstance(rep, Repeat), flat.repeat
                table = merged[flat.repeat] = VersionedTable(rep, [])
            known = {f.name for f in table.fields}
            table.fields += [f for f in flat.fields if f.name not in known]
    return list(merged.values())


def _plan(form: Form) -> list[FlatTable]:
    root = form.root
    tables = [
        FlatTable(table_name(form.id), None, list(_scope_fields(root)), (*_child_repeats(root),))
    ]
    for rep in form.repeats():
        name, fields = table_name(form.id, rep.name), list(_scope_fields(rep))
        tables.append(FlatTable(name, rep.name, fields, (*_child_repeats(rep),)))
    return tables


def _existing_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


# Rows of a flat table are counted in chunks of 2**CHUNK_SHIFT rowids. Every insert, update
# or delete raises its chunk's stamp (triggers, so every writer does), which lets the analysis
# keep what it decoded from a chunk for as long as the chunk's stamp stays the same.
CHUNK_SHIFT = 14


def stamp_trigger(table: str, event: str) -> str:
    """A stamp trigger's name: it names the chunk size, which the triggers compute with."""
    return f"{table}_stamp{CHUNK_SHIFT}_{event.lower()}"


def stamp_triggers(conn: sqlite3.Connection, table: str) -> None:
    """The triggers that raise a chunk's stamp when a row of `table` in it changes."""
    for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
        bumps = " ".join(
            "INSERT INTO chunk_stamps(tbl, chunk, stamp) "
            f"VALUES ('{table}', {row}.rowid >> {CHUNK_SHIFT}, 1) "
            "ON CONFLICT(tbl, chunk) DO UPDATE SET stamp = stamp + 1;"
            for row in rows
        )
        conn.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{stamp_trigger(table, event)}" '
            f'AFTER {event} ON "{table}" BEGIN {bumps} END'
        )


def ensure_tables(conn: sqlite3.Connection, form: Form) -> None:
    """Create the flat tables of a form, or add the columns a newer version brings."""
    for table in flat_tables(form):
        have = _existing_columns(conn, table.name)
        missing = [f for f in table.fields if f.name not in have]
        if have and not missing:
            continue
        import sqlite_utils  # only when the schema changes: it is slow to import

        db = sqlite_utils.Database(conn, execute_plugins=False)
        if not have:
            _create(db, table, form)
            stamp_triggers(conn, table.name)
        for field in missing if have else []:
            db.table(table.name).add_column(field.name, _py_type(field, form))


def _py_type(field: Field, form: Form) -> type:
    """The column type: a calculation takes the kind its expression gives (a number is REAL)."""
    if field.type == "calculate":
        from tui_cia.survey.checks import ExpressionChecker
        from tui_cia.survey.expr import Kind

        kind = ExpressionChecker(form, "", []).kind_of(field.name)
        return {Kind.NUMBER: float, Kind.BOOL: int}.get(kind, str)
    return {"INTEGER": int, "REAL": float}.get(SQL_TYPES.get(field.type, ""), str)


def _create(db: Any, table: FlatTable, form: Form) -> None:
    columns: dict[str, type] = {name: str for name in table.meta}
    columns["_deleted" if not table.repeat else "_position"] = int
    columns.update({f.name: _py_type(f, form) for f in table.fields})
    pk = "_uuid" if table.repeat is None else ("_uuid", "_id")
    db.table(table.name).create(columns, pk=pk)
    if table.repeat is not None:
        db.table(table.name).create_index(["_uuid"])


def flat_value(value: Any) -> Any:
    """A section-8 value as a flat column holds it (lists space-joined, specials NULL)."""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return None
    return value


def _values(table: FlatTable, data: dict[str, Any]) -> tuple[str | None, list[Any]]:
    """(the special answers as JSON, the column values) of one row: lists space-joined,
    special answers (don't know, refused) as NULL and listed apart."""
    names = table.field_names
    values = list(map(data.get, names))
    kinds = set(map(type, values))
    if list not in kinds and dict not in kinds:
        return None, values  # the common case, decided at C speed
    if dict not in kinds:  # no special answers: only the columns that may hold lists
        for i in table.list_positions:
            if type(values[i]) is list:
                values[i] = flat_value(values[i])
        if list not in set(map(type, values)):
            return None, values
    specials: dict[str, Any] = {}
    for i, value in enumerate(values):
        if type(value) is dict and "special" in value:
            specials[names[i]] = value["special"]
        values[i] = flat_value(value)
    return (json.dumps(specials) if specials else None), values


def rows_of(
    form: Form, tables: list[FlatTable], uuid: str, meta: tuple[Any, ...], data: dict[str, Any]
) -> dict[str, list[tuple[Any, ...]]]:
    """Every flat row of one record: `meta` is (status, deleted, version, modified_at)."""
    main = tables[0]
    out: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in tables}
    specials, values = _values(main, data)
    out[main.name].append((uuid, *meta, specials, *values))
    if main.inner:
        _repeat_rows(main, data, uuid, None, {t.repeat: t for t in tables}, out)
    return out


def _repeat_rows(
    holder: FlatTable,
    data: dict[str, Any],
    uuid: str,
    parent: str | None,
    by_repeat: dict[str | None, FlatTable],
    out: dict[str, list[tuple[Any, ...]]],
) -> None:
    """The rows of the instances of the repeats inside `holder`'s container, nested ones too."""
    for name in holder.inner:
        table = by_repeat[name]
        rows = out[table.name]
        for position, inst in enumerate(data.get(name) or [], start=1):
            iid = str(inst.get("_id") or position)
            specials, values = _values(table, inst)
            rows.append((uuid, iid, parent, position, specials, *values))
            if table.inner:
                _repeat_rows(table, inst, uuid, iid, by_repeat, out)


def rows_from_columns(
    table: FlatTable,
    named: dict[str, list[Any]],
    rows: list[int],
    heads: list[list[Any]],
) -> list[tuple[Any, ...]]:
    """The rows of `table` for some rows of a level given as columns of section-8 values
    (`named`, by field name): each is its `heads` columns (uuid and the rest of the meta
    before `_specials`), its special answers, and its values as `rows_of` gives them."""
    from tui_cia.survey.batch.columns import take  # imports only: not on the save path

    specials: list[dict[str, Any] | None] = [None] * len(rows)
    values = []
    every = bool(named) and rows == list(range(len(next(iter(named.values())))))
    for field in table.fields:
        column = named[field.name] if every else take(named[field.name], rows)
        kinds = set(map(type, column))
        if dict in kinds:
            for at, value in enumerate(column):
                if type(value) is dict and "special" in value:
                    specials[at] = {**(specials[at] or {}), field.name: value["special"]}
        if list in kinds or dict in kinds:
            column = list(map(flat_value, column))
        values.append(column)
    found = [json.dumps(s) if s else None for s in specials]
    return list(zip(*heads, found, *values, strict=True))


def insert_sql(table: FlatTable) -> str:
    names = ", ".join(f'"{c}"' for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    return f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'


def write_rows(
    conn: sqlite3.Connection,
    tables: list[FlatTable],
    rows: dict[str, list[tuple[Any, ...]]],
    uuids: Iterable[str],
) -> None:
    """Replace the flat rows of these records (call inside a transaction)."""
    keys = [(u,) for u in uuids]
    for table in tables:
        conn.executemany(f'DELETE FROM "{table.name}" WHERE _uuid = ?', keys)
        if rows.get(table.name):
            conn.executemany(insert_sql(table), rows[table.name])
