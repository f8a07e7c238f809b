"""Statistical exports: SPSS .sav and Stata .dta (pyreadstat), or CSV with an R script of labels.

One file per table, as the CSV export: the record table (named after the form) and one per
repeat. Variable labels come from the field labels (Thai by default), value labels from the
choices; special answers are user-missing (see `statcolumns`). Files are written in a scratch
folder inside the output folder and moved into place when all are finished.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from tui_cia.analysis.statcolumns import (
    LIMITS,
    SPECIAL_CODES,
    STATA_MISSING,
    Column,
    cell,
    clean_names,
    field_columns,
    fit_labels,
    own_column,
)
from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.exportlabels import RECORD_OWN, REPEAT_OWN
from tui_cia.storage.flat import across_versions
from tui_cia.survey import Form
from tui_cia.survey.schema import Repeat

STAT_FORMATS = ("sav", "dta", "rds-ready")
RECORD_SQL = (
    "SELECT uuid, key_text, status, round, area, form_version, created_at, modified_at, "
    "form_hash, data "
    "FROM records WHERE form_id = ? AND deleted = 0 AND (? IS NULL OR area LIKE ?) "
    "AND (? IS NULL OR round = ?) "
    "ORDER BY area, round, key_text, rowid"
)
OWN_SQL = "uuid key status round area version created_at modified_at form_hash".split()


@dataclass
class StatTable:
    """One table of the export: its columns and rows of cells."""

    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class StatSummary:
    """What a statistical export wrote, and every name or label it had to change."""

    fmt: str
    out_dir: Path
    files: list[Path]
    rows: dict[str, int]
    changes: list[str]

    def describe(self) -> str:
        """Lines for people: the files, rows per table, then each change made for the format."""
        tables = ", ".join(f"{name} {count}" for name, count in self.rows.items())
        files = ", ".join(f.name for f in self.files)
        lines = [f"exported to {self.out_dir}: {files}", f"rows per table: {tables}"]
        return "\n".join([*lines, *self.changes])


def export_stat(
    store: Store,
    form: Form | str,
    out_dir: Path | str,
    fmt: str,
    *,
    lang: str = "th",
    area: str | None = None,
    round: int | None = None,
) -> StatSummary:
    """Write `fmt` ("sav", "dta" or "rds-ready") files of the form's records into `out_dir`,
    labels in `lang`; `area` (a code prefix) and `round` narrow the records."""
    form = store.resolve_form(form) if isinstance(form, str) else form
    if fmt not in STAT_FORMATS:
        raise TuiCiaError(f"unknown export format '{fmt}': use {', '.join(STAT_FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise TuiCiaError(f"cannot export to {out}: it is a file, not a folder")
    store.checkpoint_all()
    if lang not in form.settings.languages:
        raise TuiCiaError(
            f"form '{form.id}' has no labels in '{lang}': use one of "
            + ", ".join(form.settings.languages)
        )
    tables = build_tables(store, form, lang, area, round)
    changes: list[str] = []
    ext = {"sav": ".sav", "dta": ".dta"}.get(fmt, ".csv")
    for table in tables:
        clean_names(table.columns, LIMITS[fmt], table.name + ext, changes)
        fit_labels(table.columns, LIMITS[fmt], table.name + ext, changes)
    names = [t.name + ext for t in tables] + (["labels.R"] if fmt == "rds-ready" else [])
    _publish(out, names, lambda folder: _write(folder, tables, fmt))
    rows = {t.name: len(t.rows) for t in tables}
    if tables and not tables[0].rows:
        changes.insert(0, "no records match the round and area asked (check --round and --area)")
    return StatSummary(fmt, out, [out / n for n in names], rows, changes)


def build_tables(
    store: Store, form: Form, lang: str, area: str | None = None, round: int | None = None
) -> list[StatTable]:
    """The record table and one per repeat, with every non-deleted record's rows."""
    args = [form.id, area, f"{area}%", round, round]
    records = [
        (dict(zip(OWN_SQL, own, strict=True)), json.loads(data))
        for *own, data in store.conn.execute(RECORD_SQL, args)
    ]
    tables = []
    older = _older(store, form, {own["form_hash"] for own, _ in records})
    for flat in across_versions(form, older):
        rep = flat.repeat
        if rep is None:
            own = [own_column(c, c, lang) for c in RECORD_OWN]
        else:
            extra = ["parent_id"] if rep.repeat else []
            own = [own_column(c, c, lang) for c in [*REPEAT_OWN, *extra]]
        cols = own + [c for f in flat.fields for c in field_columns(f, lang)]
        table = StatTable(rep.name if rep else form.id, cols)
        for rec_own, data in records:
            if not isinstance(rep, Repeat):
                table.rows.append([cell(c, rec_own, data) for c in cols])
                continue
            for parent_id, position, inst in _instances(data, rep):
                row_own = {**rec_own, "instance_id": str(inst.get("_id") or position)}
                row_own.update(position=position, parent_id=parent_id)
                table.rows.append([cell(c, row_own, inst) for c in cols])
        tables.append(table)
    return tables


def _older(store: Store, form: Form, hashes: set[str]) -> list[Form]:
    """The other versions the exported records were keyed with (their fields are kept)."""
    return [store.forms.get(form.id, content_hash=h) for h in sorted(hashes - {form.content_hash})]


def _instances(
    data: dict[str, Any], rep: Repeat
) -> Iterator[tuple[str | None, int, dict[str, Any]]]:
    outer = rep.repeat
    if outer is None:
        parents: list[tuple[str | None, dict[str, Any]]] = [(None, data)]
    else:
        parents = [(str(i.get("_id") or p), i) for _, p, i in _instances(data, outer)]
    for parent_id, answers in parents:
        found = answers.get(rep.name)
        for position, inst in enumerate(found if isinstance(found, list) else [], start=1):
            if isinstance(inst, dict):
                yield parent_id, position, inst


def _frame(table: StatTable, stata: bool) -> pd.DataFrame:
    columns: dict[str, list[Any]] = {}
    for i, col in enumerate(table.columns):
        values = [row[i] for row in table.rows]
        if stata and col.numeric and col.missing:
            letters = {float(SPECIAL_CODES[s]): STATA_MISSING[s] for s in col.missing}
            values = [letters.get(v, float(v)) if isinstance(v, int | float) else v for v in values]
        elif col.numeric:
            values = [float(v) if isinstance(v, int | float) else None for v in values]
        columns[col.name] = values
    frame = pd.DataFrame(columns)
    for col in table.columns:
        if col.numeric and not (stata and col.missing):
            frame[col.name] = frame[col.name].astype("float64")
    return frame


def _write(folder: Path, tables: list[StatTable], fmt: str) -> None:
    import pyreadstat  # slow to import: only when a statistical export runs

    try:
        _write_tables(pyreadstat, folder, tables, fmt)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as exc:
        raise TuiCiaError(f"cannot write the {fmt} export: {exc}") from exc
    if fmt == "rds-ready":
        from tui_cia.analysis.rscript import labels_script

        (folder / "labels.R").write_text(labels_script(tables), encoding="utf-8")


def _write_tables(pyreadstat: Any, folder: Path, tables: list[StatTable], fmt: str) -> None:
    for table in tables:
        labels = {c.name: c.label for c in table.columns}
        if fmt == "sav":
            pyreadstat.write_sav(
                _frame(table, stata=False),
                folder / f"{table.name}.sav",
                column_labels=labels,
                variable_value_labels={
                    c.name: c.value_labels for c in table.columns if c.value_labels
                },
                missing_ranges={
                    c.name: [SPECIAL_CODES[s] for s in c.missing]
                    for c in table.columns
                    if c.numeric and c.missing
                },
            )
        elif fmt == "dta":
            pyreadstat.write_dta(
                _frame(table, stata=True),
                folder / f"{table.name}.dta",
                column_labels=labels,
                version=15,  # Stata 15 files (format 119): UTF-8 text, so Thai labels keep
                variable_value_labels={
                    c.name: _stata_value_labels(c) for c in table.columns if c.value_labels
                },
                missing_user_values={
                    c.name: [STATA_MISSING[s] for s in c.missing]
                    for c in table.columns
                    if c.numeric and c.missing
                },
            )
        else:
            _frame(table, stata=False).to_csv(folder / f"{table.name}.csv", index=False)


def _stata_value_labels(col: Column) -> dict[float | str, str]:
    by_code: dict[float | str, str] = {
        float(SPECIAL_CODES[s]): STATA_MISSING[s] for s in col.missing
    }
    return {by_code.get(code, code): text for code, text in col.value_labels.items()}


def _publish(out: Path, names: list[str], write: Callable[[Path], None]) -> None:
    """Write in a scratch folder inside `out`, then move the finished files into place; a
    failed export removes the folder if it made it, so nothing is left behind."""
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    except OSError as exc:
        raise TuiCiaError(f"cannot write in {out}: {exc.strerror or exc}") from exc
    try:
        write(scratch)
        for name in names:
            os.replace(scratch / name, out / name)
    except BaseException as exc:
        shutil.rmtree(scratch if not created else out, ignore_errors=True)
        if isinstance(exc, OSError):
            raise TuiCiaError(f"cannot write the export to {out}: {exc.strerror or exc}") from exc
        raise
    shutil.rmtree(scratch, ignore_errors=True)
