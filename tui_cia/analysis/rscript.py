"""labels.R of an rds-ready export: reads its CSV files with readr and applies the labels.

Coded columns (choices, 0/1 columns) become factors (special answers are levels too, with
their labels); every column gets its label as the "label" attribute (as haven and labelled
do), and any other numeric column that may hold special codes (-7, -8, -9) lists them in the
"na_values" attribute and names them in "labels" (haven's conventions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_cia.analysis.statcolumns import SPECIAL_CODES, Column

if TYPE_CHECKING:
    from tui_cia.analysis.statexport import StatTable

HEADER = """\
# Written by tui-cia (export rds-ready). Reads the tables of this folder with readr and
# applies the variable and value labels. Run in this folder: source("labels.R"); then
# saveRDS(<table>, "<table>.rds") keeps a table with its labels.
library(readr)
"""


def r_string(text: str) -> str:
    """A double-quoted R string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _col_type(col: Column) -> str:
    return "d" if col.numeric else "D" if col.is_date else "c"


def _table_lines(name: str, columns: list[Column]) -> list[str]:
    types = "".join(_col_type(c) for c in columns)
    lines = [
        "",
        f"{name} <- read_csv({r_string(name + '.csv')}, col_types = {r_string(types)})",
    ]
    for col in columns:
        ref = f"{name}[[{r_string(col.name)}]]"
        coded = col.source == "dummy" or (col.item is not None and col.item.choices is not None)
        if col.value_labels and coded:
            codes = ", ".join(f"{code:g}" for code in col.value_labels)
            texts = ", ".join(r_string(t) for t in col.value_labels.values())
            lines.append(f"{ref} <- factor({ref}, levels = c({codes}), labels = c({texts}))")
        elif col.numeric and col.missing:
            codes = ", ".join(str(SPECIAL_CODES[s]) for s in col.missing)
            named = ", ".join(f"{r_string(t)} = {c:g}" for c, t in col.value_labels.items())
            lines.append(f'attr({ref}, "na_values") <- c({codes})')
            lines.append(f'attr({ref}, "labels") <- c({named})')
        lines.append(f'attr({ref}, "label") <- {r_string(col.label)}')
    return lines


def labels_script(tables: list[StatTable]) -> str:
    """The whole script: one read_csv per table, then its labels, column by column."""
    lines = [HEADER.rstrip("\n")]
    for table in tables:
        lines += _table_lines(table.name, table.columns)
    return "\n".join(lines) + "\n"
