"""Choice lists read from a CSV file beside the form (value, label_xx columns, extra columns)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

Row = tuple[str, dict[str, str], dict[str, Any]]


def read_choice_file(
    base_dir: Path | None, name: str, languages: tuple[str, ...]
) -> tuple[list[Row], str | None]:
    """Rows of (value, label by language, other columns), or a problem message."""
    if Path(name).is_absolute() or ".." in Path(name).parts:
        return [], "give a path relative to the form's folder, inside it"
    path = (base_dir or Path.cwd()) / name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if "value" not in header:
                return [], "the first row must name a 'value' column"
            return [_row(raw, languages) for raw in reader], None
    except FileNotFoundError:
        return [], f"no such file beside the form ({path.name})"
    except UnicodeDecodeError:
        return [], "not UTF-8 text: save it as CSV UTF-8"
    except csv.Error as exc:
        return [], f"not a valid CSV file: {exc}"


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
