"""Verify mode (CSPro-style double entry): a second person re-keys a record blind, the two
keyings are compared field by field, each mismatch is resolved, and keyer statistics kept.

The re-key starts empty except for the record's identification answers (its key fields,
round and area), copied so that the verifier keys the same household without seeing any
other answer; those are not compared. Defaults are not filled in (the survey date is keyed
from the paper, not taken as today). Calculations and notes are not compared either.
Roster instances are compared by position; a roster of another length is a mismatch of its
own (path = the roster, values = the counts), resolved before the fields inside it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.db import transaction
from tui_cia.storage.flat import flat_tables
from tui_cia.survey.fieldpath import FieldPath, parse_path, path_str
from tui_cia.survey.limits import INSTANCES
from tui_cia.survey.schema import Container, Field, Group, Repeat

if TYPE_CHECKING:
    from tui_cia.storage import OpenRecord, Store
    from tui_cia.survey import Form, FormSession

REASON = "verify"
FIRST, SECOND = "first", "second"


class VerifyError(TuiCiaError):
    """A re-key that cannot be compared or a resolution that cannot be saved."""


@dataclass
class Mismatch:
    """One answer the two keyings differ on, as section-8 values (None for blank)."""

    path: str  # e.g. "members[2].age"; a roster's own path when its counts differ
    label: str
    first: Any  # the stored record's value
    second: Any  # the re-keyed value


@dataclass
class Comparison:
    """A stored record and its re-key compared: the fields compared and where they differ."""

    uuid: str
    keyer: str | None  # who keyed the record (its creator)
    fields: int
    mismatches: list[Mismatch]


@dataclass
class KeyerStats:
    """One enumerator's verified records: how many, fields compared, mismatches found."""

    enumerator: str
    records: int
    fields: int
    mismatches: int

    @property
    def rate(self) -> float:
        return self.mismatches / self.fields if self.fields else 0.0


def identification(form: Form) -> list[str]:
    """The answers a re-key starts with, in form order: the key fields, the round, the area
    and the answers carried from record to record (where the household is: tambon,
    village), outside rosters."""
    s = form.settings
    wanted = {*s.key, *(name for name in (s.round, s.area) if name)}
    return [f.name for f in form.fields() if f.repeat is None and (f.name in wanted or f.carry)]


def start_rekey(store: Store, uuid: str) -> FormSession:
    """An empty session of the record's form holding only its identification answers."""
    from tui_cia.survey import FormSession
    from tui_cia.survey.types import from_json

    rec = store.open(uuid)
    if rec.status == "draft":
        raise VerifyError(
            f"{rec.session.instance_name() or uuid[:8]} is a draft: complete it (F10) before "
            "a second person keys it again"
        )
    data = rec.session.to_data()
    session = FormSession(rec.form, today=store.today)
    ids = identification(rec.form)
    for name in ids:
        field = rec.form.items[name]
        if isinstance(field, Field) and data.get(name) is not None:
            session.set_value((name,), from_json(field.type, data[name]), confirm=True)
    for field in flat_tables(rec.form)[0].fields:  # blind: no default filled in (a date)
        if field.name not in ids and field.editable and session.raw((field.name,)) is not None:
            session.set_value((field.name,), None)
    return session


def compare(
    form: Form, first: dict[str, Any], second: dict[str, Any]
) -> tuple[int, list[Mismatch]]:
    """(fields compared, mismatches) of two section-8 datas of one form: a field counts
    when either side answered it."""
    out: list[Mismatch] = []
    count = _compare(form.root, first, second, (), set(identification(form)), out)
    return count, out


def _compare(
    container: Container,
    first: dict[str, Any],
    second: dict[str, Any],
    prefix: FieldPath,
    skip: set[str],
    out: list[Mismatch],
) -> int:
    count = 0
    for child in container.children:
        if isinstance(child, Group):
            count += _compare(child, first, second, prefix, skip, out)
        elif isinstance(child, Repeat):
            count += _compare_repeat(child, first, second, prefix, skip, out)
        elif isinstance(child, Field) and child.type != "note" and child.calculate is None:
            if not prefix and child.name in skip:
                continue
            a, b = first.get(child.name), second.get(child.name)
            if a is None and b is None:
                continue
            count += 1
            if a != b or (type(a) is not type(b) and not _numbers(a, b)):
                path = path_str((*prefix, child.name))
                out.append(Mismatch(path, _label(child), a, b))
    return count


def _numbers(a: Any, b: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))


def _compare_repeat(
    rep: Repeat,
    first: dict[str, Any],
    second: dict[str, Any],
    prefix: FieldPath,
    skip: set[str],
    out: list[Mismatch],
) -> int:
    ones, twos = first.get(rep.name) or [], second.get(rep.name) or []
    count = 0
    if len(ones) != len(twos):
        out.append(Mismatch(path_str((*prefix, rep.name)), _label(rep), len(ones), len(twos)))
        count += 1
    for at in range(max(len(ones), len(twos))):
        a = ones[at] if at < len(ones) else {}
        b = twos[at] if at < len(twos) else {}
        count += _compare(rep, a, b, (*prefix, rep.name, at), skip, out)
    return count


def _label(item: Field | Repeat, lang: str = "th") -> str:
    return item.label.get(lang) if item.label else item.name


def compare_record(store: Store, uuid: str, rekeyed: dict[str, Any]) -> Comparison:
    """The stored record (as it is now) compared with a re-keyed data dict."""
    if not isinstance(rekeyed, dict):
        raise VerifyError("a re-keyed record is an object of answers (FORMS-SPEC section 8)")
    rec = store.open(uuid)
    if "data" in rekeyed and isinstance(rekeyed["data"], dict):
        rekeyed = rekeyed["data"]  # a whole record as `records export` writes it
    from tui_cia.survey import load_data

    session, problems = load_data(rec.form, rekeyed, today=store.today)
    if problems:
        lines = "; ".join(f"{p.where}: {p.problem.message('en')}" for p in problems)
        raise VerifyError(f"the re-keyed record does not fit form {rec.form.id}: {lines}")
    fields, mismatches = compare(rec.form, rec.session.to_data(), session.to_data())
    keyer = store.conn.execute("SELECT created_by FROM records WHERE uuid = ?", (uuid,))
    return Comparison(uuid, keyer.fetchone()[0], fields, mismatches)


def resolve(
    store: Store, comparison: Comparison, choices: dict[str, tuple[str, Any]]
) -> OpenRecord:
    """Settle every mismatch: `choices[path]` is (FIRST, _), (SECOND, _) or ("new", value
    as section 8 writes it). Changed answers are saved through the store's edit path with
    the reason "verify"; then the record is marked verified and the comparison joins the
    keyer statistics. CompletionRefused if the record no longer passes its checks: the
    answers stay saved, the statistics wait for a resolution that verifies it."""
    missing = [m.path for m in comparison.mismatches if m.path not in choices]
    if missing:
        raise VerifyError(f"{len(missing)} mismatches are not resolved: {', '.join(missing)}")
    rec = store.open(comparison.uuid)
    # Rosters first (their length decides which paths exist), deepest last.
    order = sorted(comparison.mismatches, key=lambda m: (not _is_repeat(rec, m.path), m.path))
    for m in order:
        how, value = choices[m.path]
        if how == FIRST:
            continue
        _apply(store, rec, m, m.second if how == SECOND else value)
    store.verify(rec, reason=REASON)
    _record(store, comparison)
    return rec


def resolve_field(
    store: Store, comparison: Comparison, path: str, how: str, value: Any = None
) -> list[Mismatch]:
    """Settle one mismatch of `comparison` (as `resolve` does each): FIRST keeps the stored
    answer, SECOND saves the re-keyed one, "new" saves `value`; changed answers are saved
    with the reason "verify". The record is not marked verified: `finish_verify` does that
    once every mismatch is settled. The mismatches settled: this one, and for a roster's
    count those inside the instances it no longer has."""
    found = [m for m in comparison.mismatches if m.path == path]
    if not found:
        raise VerifyError(f"{path}: not a mismatch of this comparison")
    rec = store.open(comparison.uuid)
    if how != FIRST:
        _apply(store, rec, found[0], found[0].second if how == SECOND else value)
        store.checkpoint(rec)
    return _settled(rec, comparison, found[0])


def resolve_typed(
    store: Store, comparison: Comparison, path: str, text: str, lang: str = "en"
) -> list[Mismatch]:
    """Settle one mismatch with a third value, typed as on the entry screen (a roster's
    mismatch takes a number of instances); VerifyError, with the form's own message, when
    the value is refused: nothing is saved then. The mismatches settled, as resolve_field."""
    found = [m for m in comparison.mismatches if m.path == path]
    if not found:
        raise VerifyError(f"{path}: not a mismatch of this comparison")
    m = found[0]
    rec = store.open(comparison.uuid)
    if _is_repeat(rec, m.path):
        _apply(store, rec, m, _count(rec, m, text))
    else:
        parts = parse_path(m.path)
        if not _exists(rec, parts):
            raise VerifyError(f"{m.path}: that roster instance is not in the record")
        result = store.answer(rec, parts, text, confirm=True, reason=REASON)
        if not result.ok:
            why = result.problem.message(lang) if result.problem else "refused"
            raise VerifyError(f"{m.label}: {why}")
    store.checkpoint(rec)
    return _settled(rec, comparison, m)


def _settled(rec: OpenRecord, comparison: Comparison, m: Mismatch) -> list[Mismatch]:
    """`m`, and when it is a roster's count the mismatches of the instances now gone."""
    if not _is_repeat(rec, m.path):
        return [m]
    return [m, *gone(comparison, m, rec.session.instance_count(parse_path(m.path)))]


def _count(rec: OpenRecord, m: Mismatch, text: str) -> int:
    """A typed number of roster instances, within what the roster allows."""
    rep = rec.form.items[str(parse_path(m.path)[-1])]
    assert isinstance(rep, Repeat)
    if rep.count is not None:
        raise VerifyError(f"{m.label}: the number of instances follows its count question")
    low, high = rep.min or 0, rep.max if rep.max is not None else INSTANCES
    if not text.strip().isdigit() or not low <= int(text.strip()) <= high:
        raise VerifyError(f"{m.label}: type the number of instances, {low} to {high}")
    return int(text.strip())


def left_blank(comparison: Comparison) -> list[Mismatch]:
    """The mismatches the re-key left blank, other than the answers of members it does not
    have (a roster's count settles those)."""
    out = []
    for m in comparison.mismatches:
        if m.second is not None:  # a roster's own mismatch holds its count
            continue
        roster = roster_of(comparison, m)
        if roster is not None and m in gone(comparison, roster, int(roster.second or 0)):
            continue
        out.append(m)
    return out


def roster_of(comparison: Comparison, m: Mismatch) -> Mismatch | None:
    """The mismatch of the roster `m` lies in, when the two keyings' counts differ (to be
    settled first: it decides which instances there are)."""
    for other in comparison.mismatches:
        if other is not m and m.path.startswith(other.path + "["):
            return other
    return None


def gone(comparison: Comparison, roster: Mismatch, count: int) -> list[Mismatch]:
    """The mismatches inside instances of `roster` past `count`: settled by removing them."""
    out = []
    for m in comparison.mismatches:
        if m.path.startswith(roster.path + "["):
            index = parse_path(m.path)[len(parse_path(roster.path))]
            if isinstance(index, int) and index >= count:
                out.append(m)
    return out


def finish_verify(store: Store, comparison: Comparison) -> OpenRecord:
    """Mark the record verified and add the comparison to the keyer statistics, after each
    mismatch was settled with `resolve_field` (CompletionRefused as in `resolve`)."""
    rec = store.open(comparison.uuid)
    store.verify(rec, reason=REASON)
    _record(store, comparison)
    return rec


def _is_repeat(rec: OpenRecord, path: str) -> bool:
    last = parse_path(path)[-1]
    return isinstance(last, str) and isinstance(rec.form.items.get(last), Repeat)


def _apply(store: Store, rec: OpenRecord, m: Mismatch, value: Any) -> None:
    from tui_cia.survey.types import from_json

    path = parse_path(m.path)
    if _is_repeat(rec, m.path):
        want = int(value)
        while rec.session.instance_count(path) < want:
            store.add_instance(rec, path, reason=REASON)
        while rec.session.instance_count(path) > want:
            store.remove_instance(rec, path, rec.session.instance_count(path) - 1, REASON)
        return
    if not _exists(rec, path):
        if value is None:
            return  # inside an instance the resolution of its roster removed
        raise VerifyError(f"{m.path}: that roster instance is not in the record")
    field = rec.form.items[str(path[-1])]
    assert isinstance(field, Field)
    result = store.set_value(
        rec, path, from_json(field.type, value), confirm=True, reason=REASON, force=True
    )
    if not result.ok:
        why = result.problem.message("en") if result.problem else "refused"
        raise VerifyError(f"{m.path}: {value!r} cannot be saved ({why})")


def _exists(rec: OpenRecord, path: FieldPath) -> bool:
    """Whether every roster instance on the path is in the record."""
    return all(
        not isinstance(part, int) or part < rec.session.instance_count(path[:at])
        for at, part in enumerate(path)
    )


def _record(store: Store, comparison: Comparison) -> None:
    done = Verification(
        comparison.uuid,
        comparison.keyer,
        store.enumerator,
        store.clock(),
        comparison.fields,
        len(comparison.mismatches),
    )
    with transaction(store.conn):
        _write(store.conn, done)


def _write(conn: sqlite3.Connection, v: Verification) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO verifications({_VERIFICATION}) VALUES (?, ?, ?, ?, ?, ?)",
        (v.record_uuid, v.keyer, v.verifier, v.at, v.fields, v.mismatches),
    )


@dataclass
class Verification:
    """One verified re-key as the keyer statistics keep it (one per record, the latest)."""

    record_uuid: str
    keyer: str | None
    verifier: str | None
    at: str
    fields: int
    mismatches: int


_VERIFICATION = "record_uuid, keyer, verifier, at, fields, mismatches"


def all_verifications(conn: sqlite3.Connection) -> list[Verification]:
    """Every verified re-key of the database, by record."""
    rows = conn.execute(f"SELECT {_VERIFICATION} FROM verifications ORDER BY record_uuid")
    return [Verification(*row) for row in rows]


def merge_verifications(conn: sqlite3.Connection, found: list[Verification]) -> int:
    """Take each re-key newer than this database's of the same record (by time, then the
    verifier), of records this database holds; inside the caller's transaction. The number
    taken: laptops and the office end with the same keyer statistics."""
    taken = 0
    for v in found:
        if (
            conn.execute("SELECT 1 FROM records WHERE uuid = ?", (v.record_uuid,)).fetchone()
            is None
        ):
            continue
        ours = conn.execute(
            "SELECT at, COALESCE(verifier, '') FROM verifications WHERE record_uuid = ?",
            (v.record_uuid,),
        ).fetchone()
        if ours is not None and tuple(ours) >= (v.at, v.verifier or ""):
            continue
        _write(conn, v)
        taken += 1
    return taken


def keyer_stats(store: Store) -> list[KeyerStats]:
    """Per enumerator who keyed records, the sums over their verified re-keys."""
    rows = store.conn.execute(
        "SELECT COALESCE(keyer, ''), count(*), sum(fields), sum(mismatches) FROM verifications "
        "GROUP BY COALESCE(keyer, '') ORDER BY 1"
    )
    return [KeyerStats(k, n, int(f or 0), int(m or 0)) for k, n, f, m in rows]
