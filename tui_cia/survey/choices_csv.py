"""Choice lists read from a CSV file beside the form (value, label_xx columns, extra columns)."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Any

from tui_cia.survey import limits

Row = tuple[str, dict[str, str], dict[str, Any]]


def read_choice_file(
    base_dir: Path | None,
    name: str,
    languages: tuple[str, ...],
    files: dict[str, str] | None = None,
) -> tuple[list[Row], str | None, str]:
    """Rows of (value, label by language, other columns), a problem message, and the text.

    `files` supplies the text instead of the disk (a form version kept in the database).
    """
    if Path(name).is_absolute() or ".." in Path(name).parts:
        return [], "give a path relative to the form's folder, inside it", ""
    if files is not None and name in files:
        text = files[name]
    else:
        path = (base_dir or Path.cwd()) / name
        refused = limits.refuse_to_read(path, limits.CHOICE_FILE_BYTES)
        if refused:
            return [], refused, ""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return [], f"no such file beside the form ({path.name})", ""
        except UnicodeDecodeError:
            return [], "not UTF-8 text: save it as CSV UTF-8", ""
    try:
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        header = next(reader, [])
        if "value" not in header:
            return [], "the first row must name a 'value' column", text
        shape = _Shape(header, languages)
        cells = (line for line in reader if line)  # blank lines are skipped, as DictReader does
        rows = [shape.row(line) for line in itertools.islice(cells, limits.CHOICES + 1)]
        if len(rows) > limits.CHOICES:
            return [], f"more than {limits.CHOICES:,} choices (limit): split the list", text
        return rows, None, text
    except csv.Error as exc:
        return [], f"not a valid CSV file: {exc}", text


class _Shape:
    """Where each part of a row is, worked out once from the header: the country's tambon
    list has 7,000 rows. A name written twice takes its last cell, a short row's missing
    cells are None, and cells past the header are dropped (as csv.DictReader reads them)."""

    def __init__(self, header: list[str], languages: tuple[str, ...]) -> None:
        last = {name: i for i, name in enumerate(header)}
        self.value = last["value"]
        plain = last.get("label")
        self.labels = [(lang, last.get(f"label_{lang}"), plain) for lang in languages]
        skip = {"value", "label"} | {f"label_{lang}" for lang in languages}
        self.columns = [(name, i) for name, i in last.items() if name and name not in skip]

    def row(self, cells: list[str]) -> Row:
        width = len(cells)

        def cell(at: int | None) -> str | None:
            return cells[at] if at is not None and at < width else None

        by_lang: dict[str, str] = {}
        for lang, own, plain in self.labels:
            text = cell(own) or cell(plain)
            if text:
                by_lang[lang] = text
        columns = {name: cell(at) for name, at in self.columns}
        return (cell(self.value) or "").strip(), by_lang, columns
