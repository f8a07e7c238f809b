"""Columns of a statistical export: names, labels, value labels, cells, in a format's limits.

Special answers become user-missing codes: -7 don't know, -8 refused, -9 not applicable in
SPSS and R (declared missing, with value labels); Stata's extended missing values .a, .b, .c.
A select_multiple answer is a text column of codes plus one 0/1 column per choice
(`<field>_<value>`). Every name or label a format cannot hold is shortened, and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from tui_cia.storage.exportlabels import OWN_LABELS, SPECIAL_LABELS
from tui_cia.survey.schema import Field

SPECIAL_CODES = {"dont_know": -7, "refused": -8, "not_applicable": -9}
STATA_MISSING = {"dont_know": "a", "refused": "b", "not_applicable": "c"}
NUMERIC_TYPES = ("integer", "decimal", "calculate")


@dataclass(frozen=True)
class Limits:
    """What one file format holds: name length, label lengths, and how they are counted."""

    fmt: str
    name_max: int  # characters of a variable name (all ASCII after cleaning)
    label_max: int
    value_label_max: int
    in_bytes: bool  # True: lengths are UTF-8 bytes (SPSS); False: characters (Stata)
    # pyreadstat names a column's value label set after it plus a counter (name + "12"), and
    # Stata's 32 characters hold that name too: a labelled column's name leaves room for it.
    labelled_name_max: int = 0

    def name_limit(self, col: Column) -> int:
        return (
            self.labelled_name_max
            if col.value_labels and self.labelled_name_max
            else (self.name_max)
        )


LIMITS = {
    "sav": Limits("sav", 64, 256, 120, True),
    "dta": Limits("dta", 32, 80, 32000, False, labelled_name_max=28),
    "rds-ready": Limits("rds-ready", 10_000, 10_000, 10_000, False),
}


@dataclass
class Column:
    """One variable: where its value comes from and what labels it carries."""

    name: str
    label: str
    source: str  # "own", "field", "dummy"
    key: str  # own column name or field name
    item: Field | None = None
    choice: str = ""  # the choice of a 0/1 column
    numeric: bool = False
    is_date: bool = False
    value_labels: dict[float | str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # special answers this column may hold


def numeric_codes(item: Field) -> bool:
    """Select codes that are all whole numbers become numbers with value labels."""
    if item.choices is None:
        return False
    return all(re.fullmatch(r"-?\d{1,9}", c.value) for c in item.choices.choices)


def field_columns(item: Field, lang: str) -> list[Column]:
    """The column of a field, and for select_multiple one 0/1 column per choice."""
    label = item.label.get(lang) or item.name
    col = Column(item.name, label, "field", item.name, item, missing=list(item.special))
    if item.type in NUMERIC_TYPES:
        col.numeric = item.type != "calculate"
    elif item.type == "date":
        col.is_date = True
        col.missing = []  # a date column holds no codes: a special answer is left blank
    elif item.type == "select_one" and numeric_codes(item):
        col.numeric = True
        assert item.choices is not None
        col.value_labels = {float(c.value): c.label.get(lang) for c in item.choices.choices}
    cols = [col]
    if item.type == "select_multiple" and item.choices is not None:
        col.missing = []  # the text column keeps the special answer's name
        for choice in item.choices.choices:
            name = f"{item.name}_{choice.value}"
            text = f"{label}: {choice.label.get(lang)}"
            dummy = Column(name, text, "dummy", item.name, item, choice.value, numeric=True)
            dummy.value_labels = {0.0: _no(lang), 1.0: _yes(lang)}
            dummy.missing = list(item.special)
            cols.append(dummy)
    for c in cols:
        if c.numeric:
            for special in c.missing:
                c.value_labels[float(SPECIAL_CODES[special])] = SPECIAL_LABELS[special].get(lang)
    return cols


def _yes(lang: str) -> str:
    return "เลือก" if lang == "th" else "Selected"


def _no(lang: str) -> str:
    return "ไม่เลือก" if lang == "th" else "Not selected"


def own_column(canonical: str, written: str, lang: str) -> Column:
    numeric = canonical in ("round", "position", "deleted")
    return Column(written, OWN_LABELS[canonical].get(lang), "own", canonical, numeric=numeric)


def cell(col: Column, own: dict[str, Any], answers: dict[str, Any]) -> Any:
    """The value of a column in one row: numbers, text, dates, special codes, or None."""
    if col.source == "own":
        return own.get(col.key)
    value = answers.get(col.key)
    if isinstance(value, dict):  # a special answer
        special = str(value.get("special", ""))
        if col.is_date:
            return None
        return SPECIAL_CODES.get(special, special) if col.numeric else special
    if value is None:
        return None
    if col.source == "dummy":
        return 1 if isinstance(value, list) and col.choice in map(str, value) else 0
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return int(value)
    if col.is_date:
        return _date(value)
    if col.numeric:
        return _number(value)
    return value


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def clean_names(cols: list[Column], limits: Limits, file: str, report: list[str]) -> None:
    """Names the format accepts, unique in the file; every change reported. The form's own
    fields keep their names first: a 0/1 column gives way to a field of the same name."""
    taken: set[str] = set()
    for col in sorted(cols, key=lambda c: c.source == "dummy"):
        name = re.sub(r"[^A-Za-z0-9_]", "_", col.name)
        if not re.match(r"[A-Za-z]", name):
            name = "v" + name  # SPSS and Stata names start with a letter
        limit = limits.name_limit(col)
        name = name[:limit]
        number = 1
        while name.lower() in taken:
            number += 1
            suffix = f"_{number}"
            name = name[: limit - len(suffix)] + suffix
        taken.add(name.lower())
        if name != col.name:
            what = f" (0/1 column of {col.key} = {col.choice})" if col.source == "dummy" else ""
            report.append(f"{file}: variable {col.name}{what} renamed {name}")
            col.name = name


def fit_labels(cols: list[Column], limits: Limits, file: str, report: list[str]) -> None:
    """Labels cut to what the format holds, at a character boundary; every cut reported."""
    unit = "bytes" if limits.in_bytes else "characters"
    for col in cols:
        cut = shorten(col.label, limits.label_max, limits.in_bytes)
        if cut != col.label:
            report.append(f"{file}: label of {col.name} cut to {limits.label_max} {unit}")
            col.label = cut
        for code, text in col.value_labels.items():
            cut = shorten(text, limits.value_label_max, limits.in_bytes)
            if cut != text:
                report.append(
                    f"{file}: value label {code:g} of {col.name} cut to "
                    f"{limits.value_label_max} {unit}"
                    if isinstance(code, float)
                    else f"{file}: value label {code} of {col.name} cut"
                )
                col.value_labels[code] = cut


def shorten(text: str, limit: int, in_bytes: bool) -> str:
    """`text` cut to `limit` characters, or to `limit` UTF-8 bytes without splitting one."""
    if not in_bytes:
        return text[:limit]
    data = text.encode("utf-8")
    return data[:limit].decode("utf-8", errors="ignore") if len(data) > limit else text
