"""Flat exports for the district office: records, roster tables and a codebook as CSV or XLSX.

Formula-safe cells (OWASP's "CSV injection" rule): a text cell whose text starts with `=`,
`+`, `-`, `@`, a tab or a carriage return is written with a single quote `'` before it, so
that Excel, LibreOffice or Google Sheets show it as text and never run it as a formula. The
rule goes by what a cell holds, not by how it looks: numbers (integer and decimal answers,
counts, rounds, positions; negative ones too) are written as numbers, unchanged, while text
(names, house numbers such as "-" or "=1", free text, codes, labels, the key) is text even
when it looks like a number, so a house number "-5" is written `'-5`. Every table, the
codebook and choices included, and both formats follow it: an XLSX text cell holds the same
`'`-prefixed text as the CSV cell, and is always stored as text (never as a formula).

An XLSX sheet holds at most `xlsx.MAX_ROWS` rows (header included, Excel's limit): an export
with a larger table is refused, naming the table, and nothing is written; CSV has no limit.
Files are written in a scratch folder inside the output folder and moved into place when
all are finished, so a failed export never leaves a half-written file; a file of an earlier
export that cannot be replaced (on Windows, one open in Excel) is named before anything is
written. A table named like a Windows device (con, aux, nul, com1, ...) is written as
`<name>_rows`, and such a form's workbook as `<form id>_export.xlsx`.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.exportlabels import formula_safe
from tui_cia.survey import Form
from tui_cia.survey.schema import Repeat
from tui_cia.sync.codebook import (
    CellText,
    Table,
    TableSpec,
    choices_table,
    codebook_table,
    plan_tables,
    portable_stem,
)

FORMATS = ("csv", "xlsx")
RECORD_SQL = (
    "SELECT uuid, key_text, status, round, area, form_version, created_at, modified_at, "
    "deleted, confirmed, form_hash, data FROM records"
)
RECORD_OWN_SQL = (  # the own columns the query gives, in its order
    "uuid key status round area version created_at modified_at deleted confirmed".split()
)


@dataclass
class ExportSummary:
    """What an export wrote: the files and the rows of each table."""

    form_id: str
    fmt: str
    out_dir: Path
    files: list[Path]
    rows: dict[str, int]
    records: int

    def describe(self, lang: str = "en") -> str:
        """A line or two for people, e.g. after `tui-cia export csv`, in `lang`."""
        tables = ", ".join(f"{name} {count}" for name, count in self.rows.items())
        files = ", ".join(f.name for f in self.files)
        if lang == "th":
            return (
                f"ส่งออก {self.records} ระเบียน ของแบบสำรวจ {self.form_id} ไปที่ "
                f"{self.out_dir} แล้ว: {files}\nจำนวนแถวของแต่ละตาราง: {tables}"
            )
        return (
            f"exported {self.records} record{'' if self.records == 1 else 's'} of form "
            f"{self.form_id} to {self.out_dir}: "
            f"{files}\nrows per table: {tables}"
        )


@dataclass
class StoredRecord:
    """One record as the export reads it from the database."""

    own: dict[str, Any]
    form_hash: str
    data: dict[str, Any]


def export_tables(
    store: Store,
    form: Form | str,
    out_dir: Path | str,
    fmt: str = "csv",
    *,
    labels: str | None = None,
    include_deleted: bool = False,
    area: str | None = None,
    round: int | None = None,
) -> ExportSummary:
    """Write the form's records, one table per repeat, a codebook and the choice lists.

    `fmt` "csv" writes one UTF-8 (with BOM, for Excel) file per table into `out_dir`; "xlsx"
    writes `<form id>.xlsx` there with one sheet per table (refused if a table has more rows
    than a sheet holds). `labels` ("th", "en") writes the labels of select answers instead of
    their codes. `area` (a code prefix) and `round` narrow the records; deleted records are
    left out unless `include_deleted`. Text that a spreadsheet would take for a formula is
    written with a `'` before it (see the module's docstring).
    """
    form = store.resolve_form(form) if isinstance(form, str) else form
    _check_options(form, fmt, labels)
    out = Path(out_dir)
    created = _make_folder(out)
    try:
        _bring_up_to_date(store)
        records = list(_read_records(store, form.id, include_deleted, area, round))
        specs = plan_tables(form, _other_versions(store, form, records), include_deleted)
        tables = list(_data_tables(specs, records, CellText(labels)))
        tables += [codebook_table(form, specs), choices_table(form, specs)]
        files = _publish(out, tables, fmt, form.id)
    except BaseException:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    rows = {t.name: len(t.rows) for t in tables}
    return ExportSummary(form.id, fmt, out, files, rows, len(records))


def _check_options(form: Form, fmt: str, labels: str | None) -> None:
    if fmt not in FORMATS:
        raise TuiCiaError(f"unknown export format '{fmt}': use csv or xlsx")
    languages = form.settings.languages
    if labels is not None and labels not in languages:
        raise TuiCiaError(
            f"form '{form.id}' has no labels in '{labels}': use one of {', '.join(languages)}"
        )


def _make_folder(out: Path) -> bool:
    """Make the output folder if missing; True if this export made it."""
    if out.exists() and not out.is_dir():
        raise TuiCiaError(f"cannot export to {out}: it is a file, not a folder")
    if out.is_dir():
        return False
    try:
        out.mkdir(parents=True)
    except OSError as exc:
        raise TuiCiaError(f"cannot make the folder {out}: {exc.strerror or exc}") from exc
    return True


def _bring_up_to_date(store: Store) -> None:
    """Snapshots can lag the last answers saved (see Store.checkpoint): exports need them all."""
    try:
        store.checkpoint_all()
    except sqlite3.Error as exc:
        raise TuiCiaError(
            f"cannot bring the records of {store.path.name} up to date: {exc}"
        ) from exc


def _read_records(
    store: Store, form_id: str, include_deleted: bool, area: str | None, round: int | None
) -> Iterator[StoredRecord]:
    where, args = ["form_id = ?"], [form_id]
    if not include_deleted:
        where.append("deleted = 0")
    if area:
        where.append("area LIKE ?")
        args.append(area + "%")
    sql = f"{RECORD_SQL} WHERE {' AND '.join(where)}"
    if round is not None:
        sql += f" AND round = {int(round)}"
    sql += " ORDER BY area, round, key_text, created_at, rowid"
    for *own, form_hash, data in store.conn.execute(sql, args):
        fields = dict(zip(RECORD_OWN_SQL, own, strict=True))
        fields["confirmed"] = " ".join(json.loads(fields["confirmed"] or "[]"))
        yield StoredRecord(fields, form_hash, json.loads(data))


def _other_versions(store: Store, form: Form, records: list[StoredRecord]) -> list[Form]:
    """The other versions the records were filled with, whose fields the export also keeps."""
    hashes = sorted({r.form_hash for r in records} - {form.content_hash})
    return [store.forms.get(form.id, content_hash=h) for h in hashes]


def _data_tables(
    specs: list[TableSpec], records: list[StoredRecord], cells: CellText
) -> Iterator[Table]:
    for spec in specs:
        table = Table(spec.name, spec.header())
        for rec in records:
            if spec.repeat is None:
                table.rows.append(_row(spec, rec.own, rec.data, cells))
            else:
                table.rows.extend(_instance_rows(spec, spec.repeat, rec, cells))
        yield table


def _row(spec: TableSpec, own: dict[str, Any], data: dict[str, Any], cells: CellText) -> list[Any]:
    return [own[c] for c in spec.own] + [cells.cell(f, data.get(f.name)) for f in spec.fields]


def _instance_rows(
    spec: TableSpec, repeat: Repeat, rec: StoredRecord, cells: CellText
) -> Iterator[list[Any]]:
    for parent_id, position, inst in _instances(rec.data, repeat):
        own = {**rec.own, "instance_id": _instance_id(inst, position), "position": position}
        own["parent_id"] = parent_id
        yield _row(spec, own, inst, cells)


def _instances(
    data: dict[str, Any], repeat: Repeat
) -> Iterator[tuple[str | None, int, dict[str, Any]]]:
    """(parent instance id, position, answers) of every instance of `repeat` in a record."""
    outer = repeat.repeat
    parents = [(None, data)] if outer is None else _parents(data, outer)
    for parent_id, answers in parents:
        found = answers.get(repeat.name)
        for position, inst in enumerate(found if isinstance(found, list) else [], start=1):
            if isinstance(inst, dict):
                yield parent_id, position, inst


def _parents(data: dict[str, Any], outer: Repeat) -> list[tuple[str | None, dict[str, Any]]]:
    return [(_instance_id(inst, pos), inst) for _, pos, inst in _instances(data, outer)]


def _instance_id(inst: dict[str, Any], position: int) -> str:
    return str(inst.get("_id") or position)


def _publish(out: Path, tables: list[Table], fmt: str, form_id: str) -> list[Path]:
    """Write into a scratch folder inside `out`, then move the finished files into place."""
    names = [f"{t.name}.csv" for t in tables] if fmt == "csv" else [_workbook_name(form_id)]
    taken = [n for n in names if (out / n).is_dir()]
    if taken:
        raise TuiCiaError(f"cannot export to {out}: {', '.join(taken)} is a folder there")
    _check_replaceable(out, names)
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    except OSError as exc:
        raise TuiCiaError(f"cannot write in {out}: {exc.strerror or exc}") from exc
    try:
        _write_files(scratch, tables, fmt, names)
        for name in names:  # the same folder, so the same drive: each rename is atomic
            _move(scratch / name, out / name)
    except OSError as exc:
        raise TuiCiaError(f"cannot write the export to {out}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [out / n for n in names]


def _workbook_name(form_id: str) -> str:
    return f"{portable_stem(form_id, '_export')}.xlsx"


def _check_replaceable(out: Path, names: list[str]) -> None:
    """Refuse before writing when an earlier export's file cannot be replaced: on Windows a
    file open in Excel is locked, and an export that replaced only some of its files would
    leave new and old tables side by side."""
    for name in names:
        target = out / name
        if not target.is_file():
            continue
        try:
            with target.open("ab"):  # opening to append writes nothing and fails if locked
                pass
        except PermissionError as exc:
            raise TuiCiaError(_in_use(target, exc)) from exc
        except OSError as exc:
            raise TuiCiaError(f"cannot replace {target}: {exc.strerror or exc}") from exc


def _move(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except PermissionError as exc:
        raise TuiCiaError(_in_use(target, exc)) from exc


def _in_use(target: Path, exc: OSError) -> str:
    return (
        f"cannot replace {target}: {exc.strerror or exc}. If it is open in Excel or another "
        "program, close it and export again"
    )


def _write_files(folder: Path, tables: list[Table], fmt: str, names: list[str]) -> None:
    if fmt == "xlsx":
        from tui_cia.sync.xlsx import write_xlsx  # openpyxl is slow to import: only when used

        write_xlsx(folder / names[0], tables)
        return
    for table, name in zip(tables, names, strict=True):
        write_csv(folder / name, table)


def write_csv(path: Path, table: Table) -> None:
    """UTF-8 with a byte-order mark: Excel on Windows then reads Thai text correctly. Text
    that a spreadsheet would run as a formula gets a `'` before it (see the module's rule)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([formula_safe(name) for name in table.header])
        writer.writerows([formula_safe(value) for value in row] for row in table.rows)
