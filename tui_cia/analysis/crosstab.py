"""Frequencies and cross-tabs of any field by area or round, with each cell's records.

`frequency` counts the answers of one field (in columns: the areas of a level, the rounds,
or one column of all); `crosstab` counts one field against another. A household field
counts households, a roster (repeat) field counts persons; a household field against a
roster field counts persons, each carrying their household's answer. Blanks and special
answers (dont_know, refused, not_applicable) are rows of their own; a select_multiple
field counts each choice picked, so one unit can be in several rows (the totals count each
unit once). Numbers are cut into quantile bins and summarised (n, mean, median, min, max).
Only complete or verified, not deleted records count. The results are plain data: what
the terminal, the JSON, the XLSX file and the app show (see `crosstabout`).
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tui_cia.analysis.results import LEVELS
from tui_cia.errors import TuiCiaError
from tui_cia.storage.flat import flat_tables
from tui_cia.survey import Form
from tui_cia.survey.schema import Field

BLANK = "_blank"
SPECIAL = "_special:"  # SPECIAL + "dont_know": a special answer's key
ALL = "_all"
NUMBER_TYPES = ("integer", "decimal")
BY = ("village", "tambon", "amphoe", "province", "round")
SPECIAL_LABELS = {
    "dont_know": {"th": "ไม่ทราบ", "en": "Don't know"},
    "refused": {"th": "ไม่ตอบ (ปฏิเสธ)", "en": "Refused"},
    "not_applicable": {"th": "ไม่เกี่ยวข้อง", "en": "Not applicable"},
}
WORDS = {
    "blank": {"th": "(ว่าง)", "en": "(blank)"},
    "all": {"th": "ทั้งหมด", "en": "All"},
    "household": {"th": "ครัวเรือน", "en": "households"},
    "person": {"th": "คน", "en": "persons"},
    "village": {"th": "หมู่บ้าน", "en": "Village"},
    "tambon": {"th": "ตำบล", "en": "Tambon"},
    "amphoe": {"th": "อำเภอ", "en": "Amphoe"},
    "province": {"th": "จังหวัด", "en": "Province"},
    "round": {"th": "รอบสำรวจ", "en": "Round"},
}
COUNTED = "m.\"_status\" IN ('complete', 'verified') AND m.\"_deleted\" = 0"


@dataclass
class Axis:
    """The rows or the columns of a table: a key for each (choice value, BLANK, SPECIAL+x,
    a bin, an area code, a round) and its label."""

    name: str
    label: str
    keys: list[str]
    labels: list[str]


@dataclass
class Record:
    """One record of a cell (the drill-down): uuid, house number, head, village."""

    uuid: str
    house_no: str | None
    head: str | None
    village: str | None
    village_name: str | None
    name: str | None


@dataclass
class Table:
    """A frequency or cross-tab: counts[r][c] of units (households or persons), percents
    (None without `percent`), the uuids of the records in each cell, the units in each row,
    column and all, and for a number field its summary per column."""

    form_id: str
    unit: str
    rows: Axis
    cols: Axis
    counts: list[list[int]]
    uuids: list[list[list[str]]]
    row_totals: list[int]
    col_totals: list[int]
    total: int
    percent: str | None = None
    percents: list[list[float | None]] | None = None
    multiple: bool = False
    summary: dict[str, dict[str, float | int | None]] | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The `--json` object."""
        return {
            "form": self.form_id,
            "unit": self.unit,
            "rows": vars(self.rows),
            "cols": vars(self.cols),
            "counts": self.counts,
            "percent": self.percent,
            "percents": self.percents,
            "row_totals": self.row_totals,
            "col_totals": self.col_totals,
            "total": self.total,
            "multiple": self.multiple,
            "summary": self.summary,
            "notes": self.notes,
            "uuids": self.uuids,
        }

    def cell(self, row: str, col: str | None = None) -> tuple[int, int]:
        """The place of the cell whose row and column keys (or labels) are given."""
        return _place(self.rows, row), (0 if col is None else _place(self.cols, col))


def _place(axis: Axis, wanted: str) -> int:
    for names in (axis.keys, axis.labels):
        if wanted in names:
            return names.index(wanted)
    for i, key in enumerate(axis.keys):  # a special answer by its own name
        if key == SPECIAL + wanted:
            return i
    close = difflib.get_close_matches(wanted, axis.keys + axis.labels, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise TuiCiaError(f"{axis.name} has no row or column '{wanted}'{hint}")


def field_label(fld: Field, lang: str) -> str:
    """A field's label for a table heading: `${name}` references (filled in per record on
    the form) as `…`."""
    return re.sub(r"\$\{\w+\}", "…", fld.label.get(lang)) or fld.name


def find_field(form: Form, name: str) -> Field:
    """The field `name` of the form that the flat tables hold, or an error saying which
    name was perhaps meant."""
    fields = {f.name: f for t in flat_tables(form) for f in t.fields}
    if name in fields:
        return fields[name]
    close = difflib.get_close_matches(name, list(fields), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise TuiCiaError(f"form {form.id} has no field '{name}'{hint}")


def _table_of(form: Form, name: str) -> str:
    return next(t.name for t in flat_tables(form) if name in t.field_names)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read(
    conn: sqlite3.Connection,
    form: Form,
    names: list[str],
    round_: int | None,
    area: str | None,
) -> pd.DataFrame:
    """One row per unit: `_unit`, `_uuid`, area, round, each field and its special answer."""
    main = flat_tables(form)[0].name
    repeat = {t for t in (_table_of(form, n) for n in names) if t != main}
    if len(repeat) > 1:
        raise TuiCiaError("these fields are in different rosters: they cannot be crossed")
    s = form.settings
    columns = ["m._uuid AS _uuid", "m._specials AS _m_specials"]
    for extra, alias in ((s.area, "_area"), (s.round, "_round")):
        columns.append(f"m.{_quote(extra)} AS {alias}" if extra else f"NULL AS {alias}")
    source = f"{_quote(main)} AS m"
    if repeat:
        table = repeat.pop()
        source += f" JOIN {_quote(table)} AS r ON r._uuid = m._uuid"
        columns += ["r._specials AS _r_specials", "m._uuid || '/' || r._id AS _unit"]
    else:
        columns += ["NULL AS _r_specials", "m._uuid AS _unit"]
    for i, n in enumerate(names):
        alias = "r" if _table_of(form, n) != main else "m"
        columns.append(f"{alias}.{_quote(n)} AS _f{i}")
    where: list[str] = [COUNTED]
    params: list[Any] = []
    if round_ is not None:
        if not s.round:
            raise TuiCiaError(f"form {form.id} has no round field")
        where.append(f"m.{_quote(s.round)} = ?")
        params.append(round_)
    if area:
        if not s.area:
            raise TuiCiaError(f"form {form.id} has no area field")
        where.append(f"CAST(m.{_quote(s.area)} AS TEXT) LIKE ? || '%'")
        params.append(area)
    sql = f"SELECT {', '.join(columns)} FROM {source} WHERE {' AND '.join(where)}"
    frame = pd.read_sql_query(sql, conn, params=params)
    for i, n in enumerate(names):
        specials = frame["_r_specials" if _table_of(form, n) != main else "_m_specials"]
        frame[f"_s{i}"] = [json.loads(v).get(n) if isinstance(v, str) else None for v in specials]
    return frame


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def number_text(value: float) -> str:
    """A number as people write it: whole numbers without a point, others to 2 places."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _field_keys(
    frame: pd.DataFrame, i: int, fld: Field, lang: str, bins: int
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The frame with `_k{i}`: each unit's key (select_multiple: one row per choice), and
    the keys and labels in order (choices, other answers, then specials and blank)."""
    values = frame[f"_f{i}"]
    keys: list[str] = []
    labels: list[str] = []
    if fld.type in NUMBER_TYPES:
        numbers = pd.to_numeric(values, errors="coerce")
        present = numbers.dropna()
        kind = np.full(len(frame), "", dtype=object)
        if len(present):
            cut = pd.qcut(present, q=max(1, bins), duplicates="drop")
            for n, interval in enumerate(cut.cat.categories):
                low, high = float(interval.left), float(interval.right)
                if n == 0:
                    low = float(present.min())
                elif fld.type == "integer" and low.is_integer():
                    low += 1  # (12, 27] of whole numbers is 13-27
                keys.append(f"{number_text(low)}-{number_text(high)}")
            labels = list(keys)
            codes = np.asarray(cut.cat.codes)
            kind[np.asarray(numbers.notna())] = [keys[c] for c in codes]
        out = frame.assign(**{f"_k{i}": kind})
    else:
        choices = fld.choices.choices if fld.choices else []
        keys = [c.value for c in choices]
        labels = [c.label.get(lang) or c.value for c in choices]
        texts = [
            None if v is None or (isinstance(v, float) and np.isnan(v)) else _text(v)
            for v in values
        ]
        if fld.type == "select_multiple":
            split = [t.split() if t else [""] for t in texts]
            out = frame.assign(**{f"_k{i}": split}).explode(f"_k{i}")
        else:
            out = frame.assign(**{f"_k{i}": [t or "" for t in texts]})
        others = sorted(set(out[f"_k{i}"]) - set(keys) - {""})
        keys += others
        labels += others
    spec = out[f"_s{i}"]
    has_special = spec.notna()
    out.loc[has_special, f"_k{i}"] = [SPECIAL + str(v) for v in spec[has_special]]
    out.loc[out[f"_k{i}"] == "", f"_k{i}"] = BLANK
    for name in fld.special or ():
        keys.append(SPECIAL + name)
        labels.append(SPECIAL_LABELS.get(name, {}).get(lang, name))
    for k in sorted(set(out[f"_k{i}"]) - set(keys) - {BLANK}):
        keys.append(k)
        name = k.removeprefix(SPECIAL)
        labels.append(SPECIAL_LABELS.get(name, {}).get(lang, name))
    keys.append(BLANK)
    labels.append(WORDS["blank"][lang])
    return out, keys, labels


def area_names(form: Form, lang: str = "th") -> dict[str, str]:
    """Area code to name, from the form's choice lists of coded areas (province, amphoe,
    tambon, village: the lists whose values are all digits)."""
    names: dict[str, str] = {}
    for fld in form.fields():
        choices = fld.choices.choices if fld.choices and fld.type == "select_one" else []
        if choices and all(c.value.isdigit() for c in choices[:50]):
            for c in choices:
                names.setdefault(c.value, c.label.get(lang))
    return names


def _by_keys(
    frame: pd.DataFrame, form: Form, by: str | None, lang: str
) -> tuple[pd.DataFrame, Axis]:
    if by is None:
        axis = Axis(ALL, WORDS["all"][lang], [ALL], [WORDS["all"][lang]])
        return frame.assign(_c=ALL), axis
    if by not in BY:
        raise TuiCiaError(f"--by is one of {', '.join(BY)}, not '{by}'")
    if by == "round":
        texts = [BLANK if v is None or pd.isna(v) else _text(v) for v in frame["_round"]]
        keys = sorted(set(texts) - {BLANK}) + ([BLANK] if BLANK in texts else [])
        labels = [WORDS["blank"][lang] if k == BLANK else k for k in keys]
        return frame.assign(_c=texts), Axis("round", WORDS["round"][lang], keys, labels)
    width = LEVELS[by]
    texts = [BLANK if v is None or pd.isna(v) else _text(v)[:width] for v in frame["_area"]]
    keys = sorted(set(texts) - {BLANK}) + ([BLANK] if BLANK in texts else [])
    names = area_names(form, lang)
    labels = [WORDS["blank"][lang] if k == BLANK else names.get(k, k) for k in keys]
    return frame.assign(_c=texts), Axis(by, WORDS[by][lang], keys, labels)


def _summary(frame: pd.DataFrame, cols: Axis) -> dict[str, dict[str, float | int | None]]:
    numbers = frame.assign(_n=pd.to_numeric(frame["_f0"], errors="coerce"))
    out: dict[str, dict[str, float | int | None]] = {}
    for key, part in [(ALL, numbers), *((k, numbers[numbers["_c"] == k]) for k in cols.keys)]:
        present = part["_n"].dropna()
        empty = not len(present)
        out[key] = {
            "n": len(present),
            "mean": None if empty else round(float(present.mean()), 2),
            "median": None if empty else round(float(present.median()), 2),
            "min": None if empty else round(float(present.min()), 2),
            "max": None if empty else round(float(present.max()), 2),
        }
    return out


def _count(
    form: Form,
    frame: pd.DataFrame,
    rows: Axis,
    cols: Axis,
    unit: str,
    percent: str | None,
) -> Table:
    """Counts, uuids and totals of the rows `_r` against the columns `_c`."""
    frame = frame[frame["_r"].isin(rows.keys) & frame["_c"].isin(cols.keys)]
    keep = [i for i, k in enumerate(rows.keys) if k != BLANK or (frame["_r"] == BLANK).any()]
    rows = Axis(rows.name, rows.label, [rows.keys[i] for i in keep], [rows.labels[i] for i in keep])
    r_at, c_at = {k: i for i, k in enumerate(rows.keys)}, {k: i for i, k in enumerate(cols.keys)}
    counts = [[0] * len(cols.keys) for _ in rows.keys]
    uuids: list[list[list[str]]] = [[[] for _ in cols.keys] for _ in rows.keys]
    cells = frame.drop_duplicates(["_unit", "_r", "_c"])
    for (r, c), part in cells.groupby(["_r", "_c"], sort=False):
        counts[r_at[r]][c_at[c]] = len(part)
        uuids[r_at[r]][c_at[c]] = list(dict.fromkeys(part["_uuid"].tolist()))
    row_units = frame.drop_duplicates(["_unit", "_r"])["_r"].value_counts()
    col_units = frame.drop_duplicates(["_unit", "_c"])["_c"].value_counts()
    row_totals = [int(row_units.get(k, 0)) for k in rows.keys]
    col_totals = [int(col_units.get(k, 0)) for k in cols.keys]
    total = int(frame["_unit"].nunique())
    table = Table(form.id, unit, rows, cols, counts, uuids, row_totals, col_totals, total)
    if percent is not None:
        table.percent = percent
        table.percents = [
            [
                _pct(n, _base(percent, row_totals[r], col_totals[c], total))
                for c, n in enumerate(line)
            ]
            for r, line in enumerate(counts)
        ]
    return table


def _base(percent: str, row: int, col: int, total: int) -> int:
    if percent not in ("row", "col", "all"):
        raise TuiCiaError(f"--percent is row, col or all, not '{percent}'")
    return row if percent == "row" else col if percent == "col" else total


def _pct(n: int, base: int) -> float | None:
    return round(100.0 * n / base, 2) if base else None


def _unit(form: Form, names: list[str]) -> str:
    main = flat_tables(form)[0].name
    return "person" if any(_table_of(form, n) != main for n in names) else "household"


def frequency(
    conn: sqlite3.Connection,
    form: Form,
    name: str,
    *,
    by: str | None = None,
    round_: int | None = None,
    area: str | None = None,
    percent: str | None = None,
    lang: str = "th",
    bins: int = 5,
) -> Table:
    """The counts of each answer of field `name` (rows) by `by` (columns: an area level or
    the round; None: one column of all), of round `round_` and areas under code `area`."""
    fld = find_field(form, name)
    frame = _read(conn, form, [name], round_, area)
    frame, keys, labels = _field_keys(frame, 0, fld, lang, bins)
    frame = frame.rename(columns={"_k0": "_r"})
    frame, cols = _by_keys(frame, form, by, lang)
    rows = Axis(name, field_label(fld, lang), keys, labels)
    table = _count(form, frame, rows, cols, _unit(form, [name]), percent)
    table.multiple = fld.type == "select_multiple"
    if fld.type in NUMBER_TYPES:
        table.summary = _summary(frame.drop_duplicates(["_unit", "_c"]), cols)
    _notes(table, lang)
    return table


def crosstab(
    conn: sqlite3.Connection,
    form: Form,
    rows_name: str,
    cols_name: str,
    *,
    round_: int | None = None,
    area: str | None = None,
    percent: str | None = None,
    lang: str = "th",
    bins: int = 5,
) -> Table:
    """The counts of field `rows_name` against field `cols_name` (a household field against
    a roster field counts persons)."""
    row_field, col_field = find_field(form, rows_name), find_field(form, cols_name)
    frame = _read(conn, form, [rows_name, cols_name], round_, area)
    frame, r_keys, r_labels = _field_keys(frame, 0, row_field, lang, bins)
    frame, c_keys, c_labels = _field_keys(frame, 1, col_field, lang, bins)
    frame = frame.rename(columns={"_k0": "_r", "_k1": "_c"})
    rows = Axis(rows_name, field_label(row_field, lang), r_keys, r_labels)
    cols = Axis(cols_name, field_label(col_field, lang), c_keys, c_labels)
    used = [i for i, k in enumerate(cols.keys) if k != BLANK or (frame["_c"] == BLANK).any()]
    cols = Axis(cols.name, cols.label, [cols.keys[i] for i in used], [cols.labels[i] for i in used])
    table = _count(form, frame, rows, cols, _unit(form, [rows_name, cols_name]), percent)
    table.multiple = "select_multiple" in (row_field.type, col_field.type)
    _notes(table, lang)
    return table


def _notes(table: Table, lang: str) -> None:
    if not table.total:
        table.notes.append(
            "ไม่มีแบบสอบถามที่เสร็จหรือรับรองแล้ว ตรงกับรอบและพื้นที่ที่เลือก: ตรวจ --round และ --area"
            if lang == "th"
            else "no complete or verified records match the round and area asked: check --round "
            "and --area"
        )
    if table.multiple:
        table.notes.append(
            "เลือกได้หลายข้อ: หนึ่งหน่วยอาจอยู่หลายแถว ผลรวมนับแต่ละหน่วยครั้งเดียว"
            if lang == "th"
            else "several answers allowed: a unit can be in several rows; totals count it once"
        )


def records(conn: sqlite3.Connection, form: Form, uuids: list[str]) -> list[Record]:
    """The records of a cell, in the given order: uuid, house number, head, village."""
    main = flat_tables(form)[0]
    present = set(main.field_names)
    area = form.settings.area if form.settings.area in present else None
    picks = [
        f"m.{_quote(n)}" if n in present else "NULL"
        for n in ("house_no", "head_name", area or "_none_")
    ]
    names = area_names(form)
    found: dict[str, Record] = {}
    for at in range(0, len(uuids), 500):
        part = uuids[at : at + 500]
        marks = ", ".join("?" * len(part))
        sql = (
            f"SELECT m._uuid, {', '.join(picks)}, r.instance_name FROM {_quote(main.name)} AS m"
            f" LEFT JOIN records AS r ON r.uuid = m._uuid WHERE m._uuid IN ({marks})"
        )
        for uuid, house, head, village, name in conn.execute(sql, part):
            code = None if village is None else _text(village)
            found[uuid] = Record(
                uuid,
                None if house is None else _text(house),
                head,
                code,
                names.get(code) if code else None,
                name,
            )
    return [found[u] for u in uuids if u in found]
