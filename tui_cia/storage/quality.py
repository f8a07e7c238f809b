"""Data quality: records keyed twice (same key and round), one Thai id in two households,
and stored records re-checked against the current form version (read-only)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui_cia.storage import flat

if TYPE_CHECKING:
    from tui_cia.storage import Store
    from tui_cia.survey import Form

CHUNK = 2000  # records screened at once by the recheck


@dataclass
class GroupRecord:
    """One record of a duplicate group, as a list shows it."""

    uuid: str
    key: str | None
    village: str | None
    status: str


@dataclass
class Duplicate:
    """Live records that share something they should not: `kind` is "key" (the same key
    and round) or "thai_id" (one id among the members of two or more households)."""

    kind: str
    value: str
    round: int | None
    records: list[GroupRecord]
    field: str = ""  # for "thai_id": the field holding the id (e.g. members.national_id)


_RECORD = "SELECT uuid, key_text, area, status FROM records WHERE uuid = ?"


def duplicates(store: Store, form: Form, round_: int | None = None) -> list[Duplicate]:
    """Every duplicate group of a form's live records (of one round, or of every round)."""
    found = _key_groups(store, form, round_) + _id_groups(store, form, round_)
    return found


def _records(store: Store, uuids: list[str]) -> list[GroupRecord]:
    rows = [store.conn.execute(_RECORD, (u,)).fetchone() for u in sorted(set(uuids))]
    return [GroupRecord(*r) for r in rows if r is not None]


def _key_groups(store: Store, form: Form, round_: int | None) -> list[Duplicate]:
    where = ""
    args: list[Any] = [form.id]
    if round_ is not None:
        where = " AND round = ?"
        args.append(round_)
    rows = store.conn.execute(
        "SELECT key_text, round, group_concat(uuid, ' ') FROM records "
        f"WHERE form_id = ? AND deleted = 0 AND key_text IS NOT NULL{where} "
        "GROUP BY key_text, round HAVING count(*) > 1 ORDER BY key_text, round",
        args,
    ).fetchall()
    return [Duplicate("key", k, r, _records(store, u.split())) for k, r, u in rows]


def thai_id_columns(form: Form) -> Iterator[tuple[str, str]]:
    """(flat table, column) of every Thai-id field of a form."""
    for table in flat.flat_tables(form):
        for f in table.fields:
            if f.type == "thai_id":
                yield table.name, f.name


def _id_groups(store: Store, form: Form, round_: int | None) -> list[Duplicate]:
    out: list[Duplicate] = []
    for table, column in thai_id_columns(form):
        where = ""
        args: list[Any] = [form.id]
        if round_ is not None:
            where = " AND r.round = ?"
            args.append(round_)
        rows = store.conn.execute(
            f'SELECT t."{column}", r.round, group_concat(DISTINCT r.uuid) '
            f'FROM "{table}" t JOIN records r ON r.uuid = t._uuid '
            f'WHERE r.form_id = ? AND r.deleted = 0 AND t."{column}" IS NOT NULL{where} '
            f'GROUP BY t."{column}", r.round HAVING count(DISTINCT r.uuid) > 1 '
            f'ORDER BY t."{column}", r.round',
            args,
        ).fetchall()
        where_name = table.removeprefix(flat.table_name(form.id)).lstrip("_")
        name = f"{where_name}.{column}" if where_name else column
        for value, rnd, uuids in rows:
            out.append(
                Duplicate("thai_id", str(value), rnd, _records(store, uuids.split(",")), name)
            )
    return out


@dataclass
class Problem:
    """One thing the current form version finds wrong with a stored record."""

    field: str
    message: str


@dataclass
class Rechecked:
    """A record that no longer passes: who it is, which version keyed it, what is wrong."""

    uuid: str
    key: str | None
    village: str | None
    status: str
    version: str
    problems: list[Problem]


@dataclass
class Recheck:
    """What a recheck found: the records it checked and those with problems."""

    form_id: str
    version: str
    checked: int = 0
    failing: list[Rechecked] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return sum(len(r.problems) for r in self.failing)


def recheck(
    store: Store,
    form: Form,
    round_: int | None = None,
    lang: str = "en",
    progress: Callable[[int, int], object] | None = None,
) -> Recheck:
    """Check every live complete or verified record of a form against `form` (the current
    version), as completing it would; changes nothing. Sound records are screened column by
    column (survey.batch); only those the screen does not pass go through a session, which
    names the problems. `progress(checked, total)` is told after each chunk."""
    out = Recheck(form.id, form.version)
    total = _count(store, form.id, round_) if progress else 0
    for chunk in _chunks(store, form.id, round_):
        if progress:
            progress(out.checked, total)
        out.checked += len(chunk)
        passed = _screen(store, form, [row[5] for row in chunk], [row[6] for row in chunk])
        for row, ok in zip(chunk, passed, strict=True):
            if not ok:
                problems = _problems(store, form, row[5], row[6], lang)
                if problems:
                    out.failing.append(Rechecked(row[0], row[1], row[2], row[3], row[4], problems))
    return out


def _count(store: Store, form_id: str, round_: int | None) -> int:
    row = store.conn.execute(
        "SELECT count(*) FROM records WHERE form_id = ? AND deleted = 0 "
        "AND status IN ('complete', 'verified') AND (? IS NULL OR round = ?)",
        (form_id, round_, round_),
    ).fetchone()
    return int(row[0])


def _chunks(store: Store, form_id: str, round_: int | None) -> Iterator[list[tuple[Any, ...]]]:
    where = ""
    args: list[Any] = [form_id]
    if round_ is not None:
        where = " AND round = ?"
        args.append(round_)
    cursor = store.conn.execute(
        "SELECT uuid, key_text, area, status, form_version, data, confirmed, data_revision, "
        "revision FROM records WHERE form_id = ? AND deleted = 0 "
        f"AND status IN ('complete', 'verified'){where} ORDER BY key_text, rowid",
        args,
    )
    while rows := cursor.fetchmany(CHUNK):
        yield [_decoded(store, row) for row in rows]


def _decoded(store: Store, row: tuple[Any, ...]) -> tuple[Any, ...]:
    uuid, data, confirmed, since, revision = row[0], row[5], row[6], row[7], row[8]
    answers = json.loads(data) if since >= revision else store.data(uuid)
    return (*row[:5], answers, set(json.loads(confirmed or "[]")))


def _screen(
    store: Store, form: Form, datas: list[dict[str, Any]], confirmed: list[set[str]]
) -> list[bool]:
    from tui_cia.survey.batch import screen

    try:
        screening = screen(
            form, datas, [True] * len(datas), today=_today(store), confirmed=confirmed
        )
    except Exception:  # Unsupported, or any failure: the screen only saves time
        return [False] * len(datas)
    return [s is not None for s in screening.records]


def _problems(
    store: Store, form: Form, data: dict[str, Any], confirmed: set[str], lang: str
) -> list[Problem]:
    from tui_cia.survey import load_data

    session, bad = load_data(form, data, today=_today(store))
    session.confirmed = set(confirmed)
    found = [Problem(p.where, p.problem.message(lang)) for p in bad]
    if not bad:
        found += [Problem(p.where, p.problem.message(lang)) for p in session.completion_problems()]
    return found


def _today(store: Store) -> dt.date:
    return store.today or dt.date.today()
