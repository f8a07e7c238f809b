"""Records from CSV: a households file (one row per record) and a members file joined by key.

Cells are typed as in the entry screen: codes for selects (several separated by spaces),
dates as dd/mm/yyyy in the form's calendar or as YYYY-MM-DD, a special answer by its name
(dont_know, refused, not_applicable). Columns `uuid` and `status` are optional.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.exportlabels import FORMULA_STARTS
from tui_cia.storage.importcheck import Candidate, RowProblem
from tui_cia.survey import Form, limits
from tui_cia.survey.schema import Container, Field, Group, Repeat
from tui_cia.survey.types import InvalidAnswer, Special, parse_typed, to_json

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
ENVELOPE_COLUMNS = ("uuid", "status")


def _scope(container: Container) -> dict[str, Field | Repeat]:
    found: dict[str, Field | Repeat] = {}
    for child in container.children:
        if isinstance(child, Group):
            found.update(_scope(child))
        elif isinstance(child, Field | Repeat):
            found[child.name] = child
    return found


def cell_value(field: Field, text: str, calendar: str) -> Any:
    """A CSV cell as section-8 data; raises InvalidAnswer. A text cell that an export made
    formula-safe (`'=1`, `'-`) is read back without its quote."""
    text = text.strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    if text in field.special:
        return {"special": text}
    if field.type == "date" and ISO.fullmatch(text):
        calendar = "gregorian"
        text = "/".join(reversed(text.split("-")))
    value = parse_typed(field.type, text, calendar)
    return None if value is None or isinstance(value, Special) else to_json(value)


def _row_data(
    form: Form,
    items: dict[str, Field | Repeat],
    row: dict[str, str],
    where: str,
    problems: list[RowProblem],
    order: int = 0,
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, text in row.items():
        if column in ENVELOPE_COLUMNS or column is None or text is None or text.strip() == "":
            continue
        item = items.get(column)
        if not isinstance(item, Field):
            problems.append(
                RowProblem(where, column, "no such field in this part of the form", order)
            )
            continue
        try:
            value = cell_value(item, text, form.settings.calendar)
        except InvalidAnswer as exc:
            problems.append(RowProblem(where, column, exc.problem.message("en"), order))
            continue
        if value is not None:
            data[column] = value
    return data


def _read(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file; a file that is not CSV UTF-8 is refused whole."""
    refused = limits.refuse_to_read(path, limits.CSV_BYTES)
    if refused:
        raise TuiCiaError(f"{path.name}: {refused}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            return list(reader)
        except csv.Error as exc:
            raise TuiCiaError(
                f"{path.name} line {reader.line_num}: not a valid CSV file ({exc}); "
                "save it as CSV UTF-8"
            ) from None
        except UnicodeDecodeError:
            raise TuiCiaError(f"{path.name}: not UTF-8 text: save it as CSV UTF-8") from None


def read_csv_records(
    form: Form, households: Path, members: Path | None
) -> Iterator[Candidate | RowProblem]:
    """Candidates from the CSV files; bad cells and unmatched members become problems."""
    items = _scope(form.root)
    problems: list[RowProblem] = []
    repeats = [r for r in form.repeats() if r.repeat is None]
    member_rows = _member_rows(form, members, repeats, problems)
    key = form.settings.key
    used: set[tuple[str, ...]] = set()
    candidates = []
    for number, row in enumerate(_read(households), start=2):
        where = f"{households.name} row {number}"
        data = _row_data(form, items, row, where, problems, number)
        ident = tuple((row.get(k) or "").strip() for k in key)
        if members is not None and repeats and ident in member_rows:
            data[repeats[0].name] = member_rows[ident]
            used.add(ident)
        envelope: dict[str, Any] = {"data": data, "status": (row.get("status") or "draft")}
        if row.get("uuid"):
            envelope["uuid"] = row["uuid"]
        candidates.append(Candidate(where, envelope, number))
    for ident in sorted(set(member_rows) - used):
        problems.append(
            RowProblem(
                f"{members.name if members else ''}",
                "key",
                f"members of {'/'.join(ident)} match no household row",
            )
        )
    yield from problems
    yield from candidates


def _member_rows(
    form: Form, path: Path | None, repeats: list[Repeat], problems: list[RowProblem]
) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    if path is None:
        return {}
    if not repeats:
        problems.append(RowProblem(path.name, "", f"form '{form.id}' has no roster"))
        return {}
    roster = repeats[0]
    items = _scope(roster)
    key = form.settings.key
    grouped: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for number, row in enumerate(_read(path), start=2):
        where = f"{path.name} row {number}"
        ident = tuple((row.get(k) or "").strip() for k in key)
        inner = {c: v for c, v in row.items() if c not in key}
        grouped.setdefault(ident, []).append(_row_data(form, items, inner, where, problems))
    return grouped
