"""What an export's tables hold: their columns, the codebook and choice lists, and cell values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tui_cia.storage.exportlabels import (
    OWN_LABELS,
    RECORD_OWN,
    REPEAT_OWN,
    SPECIAL_LABELS,
)
from tui_cia.storage.flat import across_versions
from tui_cia.survey import Form
from tui_cia.survey.schema import Field, Repeat, Text

CODEBOOK, CHOICES = "codebook", "choices"
MULTI_LABEL_SEPARATOR = "; "  # labels may hold spaces and commas; codes are joined by a space

# File names Windows gives to devices, whatever their extension.
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))]
)
# Text a spreadsheet takes for a formula when it starts with one of these (OWASP's rule).


@dataclass
class Table:
    """One exported table: a CSV file or a sheet."""

    name: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class TableSpec:
    """The columns of a data table: tui-cia's own (canonical names), then the form's fields."""

    name: str
    repeat: Repeat | None
    own: list[str]
    fields: list[Field] = field(default_factory=list)

    def own_header(self) -> list[str]:
        """Own columns as written: `_name` where a field of the form has the same name."""
        names = {f.name for f in self.fields}
        return [f"_{c}" if c in names else c for c in self.own]

    def header(self) -> list[str]:
        return [*self.own_header(), *(f.name for f in self.fields)]


def plan_tables(form: Form, others: list[Form], include_deleted: bool) -> list[TableSpec]:
    """The record table and one per repeat; fields only older versions had come last."""
    specs = []
    for table in across_versions(form, others):
        if table.repeat is None:
            # confirmed: the warnings a keyer confirmed, without which a complete record
            # would not import back (`records import` reads it)
            own = [*RECORD_OWN, "confirmed", *(["deleted"] if include_deleted else [])]
            specs.append(TableSpec(form.id, None, own, table.fields))
        else:
            rep = table.repeat
            own = [*REPEAT_OWN, *(["parent_id"] if rep.repeat else [])]
            specs.append(TableSpec(rep.name, rep, own, table.fields))
    return _named(specs)


def _named(specs: list[TableSpec]) -> list[TableSpec]:
    """Table names that are unique file names on every system: a repeat named like the form,
    the codebook or the choices, or a name Windows keeps for a device, gets `_rows`."""
    taken = {CODEBOOK, CHOICES}
    for spec in specs:
        name, number = portable_stem(spec.name, "_rows"), 1
        if name in taken:
            name = f"{spec.name}_rows"
        while name in taken:
            number += 1
            name = f"{spec.name}_rows_{number}"
        spec.name = name
        taken.add(name)
    return specs


def portable_stem(name: str, suffix: str) -> str:
    """`name`, or `name + suffix` if Windows keeps it for a device (`aux.csv` cannot be made)."""
    return f"{name}{suffix}" if name.lower() in WINDOWS_DEVICES else name


def _labels(text: Text, languages: tuple[str, ...]) -> list[str]:
    return [text.get(lang) for lang in languages]


def _relevance(item: Field) -> str:
    """Every condition that must hold for the field to be asked, outermost first."""
    nodes = [*reversed(list(item.ancestors())), item]
    conditions = [n.relevant.source for n in nodes if n.relevant is not None]
    if len(conditions) == 1:
        return conditions[0]
    return " and ".join(f"({c})" for c in conditions)


def _required(item: Field) -> str:
    if isinstance(item.required, bool):
        return "yes" if item.required else ""
    return item.required.source


def _path(item: Field) -> str:
    names = [a.name for a in reversed(list(item.ancestors())) if a.name]
    return "/".join([*names, item.name])


def codebook_table(form: Form, specs: list[TableSpec]) -> Table:
    """One row per column of every data table, with its labels in each language."""
    langs = form.settings.languages
    header = ["table", "column", "path", "type", *(f"label_{lang}" for lang in langs)]
    table = Table(CODEBOOK, [*header, "choices", "required", "relevant", "calculate", "special"])
    key_fields = " | ".join(form.settings.key)
    for spec in specs:
        for canonical, column in zip(spec.own, spec.own_header(), strict=True):
            labels = _labels(OWN_LABELS[canonical], langs)
            if canonical == "key" and key_fields:
                labels = [f"{label}: {key_fields}" for label in labels]
            table.rows.append([spec.name, column, "", "system", *labels, "", "", "", "", ""])
        for item in spec.fields:
            table.rows.append(_field_row(spec, item, langs))
    return table


def _field_row(spec: TableSpec, item: Field, langs: tuple[str, ...]) -> list[Any]:
    return [
        spec.name,
        item.name,
        _path(item),
        item.type,
        *_labels(item.label, langs),
        item.choices.name if item.choices else "",
        _required(item),
        _relevance(item),
        item.calculate.source if item.calculate else "",
        " ".join(item.special),
    ]


def choices_table(form: Form, specs: list[TableSpec]) -> Table:
    """Every code a select field (or a special answer) can hold, with its labels."""
    langs = form.settings.languages
    header = ["table", "field", "list", "value", *(f"label_{lang}" for lang in langs)]
    table = Table(CHOICES, header)
    for spec in specs:
        for item in spec.fields:
            table.rows += _choice_rows(spec.name, item, langs)
    return table


def _choice_rows(table: str, item: Field, langs: tuple[str, ...]) -> list[list[Any]]:
    rows = []
    if item.choices is not None:
        for choice in item.choices.choices:
            labels = _labels(choice.label, langs)
            rows.append([table, item.name, item.choices.name, choice.value, *labels])
    for special in item.special:
        rows.append(
            [table, item.name, "(special)", special, *_labels(SPECIAL_LABELS[special], langs)]
        )
    return rows


class CellText:
    """A stored answer as an export writes it: raw codes, or labels in one language."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang

    def cell(self, item: Field, value: Any) -> Any:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, dict):
            return self._special(str(value.get("special", "")))
        if isinstance(value, list):
            parts = [self._choice(item, str(v)) for v in value]
            return (MULTI_LABEL_SEPARATOR if self.lang else " ").join(parts)
        if item.type == "date" and isinstance(value, str):
            return _date(value)
        return self._choice(item, value) if item.choices else value

    def _choice(self, item: Field, value: str) -> str:
        choice = item.choices.by_value.get(value) if item.choices and self.lang else None
        return choice.label.get(self.lang) if choice and self.lang else value

    def _special(self, name: str) -> str:
        text = SPECIAL_LABELS.get(name)
        return text.get(self.lang) if text and self.lang else name


def _date(value: str) -> dt.date | str:
    """A stored date as a date (a real date cell in XLSX); anything odd stays as it is."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value
