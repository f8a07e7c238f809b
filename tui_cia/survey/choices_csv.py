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
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        if "value" not in (reader.fieldnames or []):
            return [], "the first row must name a 'value' column", text
        rows = [_row(raw, languages) for raw in itertools.islice(reader, limits.CHOICES + 1)]
        if len(rows) > limits.CHOICES:
            return [], f"more than {limits.CHOICES:,} choices (limit): split the list", text
        return rows, None, text
    except csv.Error as exc:
        return [], f"not a valid CSV file: {exc}", text


def _row(raw: dict[str, Any], languages: tuple[str, ...]) -> Row:
    value = (raw.get("value") or "").strip()
    by_lang: dict[str, str] = {}
    plain = raw.get("label")
    for lang in languages:
        text = raw.get(f"label_{lang}") or plain
        if text:
            by_lang[lang] = text
    skip = {"value", "label"} | {f"label_{lang}" for lang in languages}
    columns = {k: v for k, v in raw.items() if k and k not in skip}
    return value, by_lang, columns
