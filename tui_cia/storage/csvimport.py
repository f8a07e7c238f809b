"""Records from CSV: a households file (one row per record) and a members file joined by key.

Cells are typed as in the entry screen: codes for selects (several separated by spaces),
dates as dd/mm/yyyy in the form's calendar or as YYYY-MM-DD, a special answer by its name
(dont_know, refused, not_applicable). Columns `uuid` and `status` are optional.

The files `tui-cia export csv` writes import back unchanged: their own columns (see
storage.exportlabels; `_name` where a field has that name) are read, not refused. A
household's uuid, status, created_at, version and deleted go to its record; members are
joined by uuid when both files have one (a key repeats from round to round), each keeping
its instance id, in the order of `position`; key, round, area and modified_at follow from the
answers and the import.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.exportlabels import FORMULA_STARTS, RECORD_OWN, REPEAT_OWN
from tui_cia.storage.importcheck import Candidate, RowProblem
from tui_cia.survey import Form, limits
from tui_cia.survey.schema import Container, Field, Group, Repeat
from tui_cia.survey.types import InvalidAnswer, Special, parse_typed, to_json

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
ENVELOPE_COLUMNS = ("uuid", "status")
# The own columns an export writes (`tui-cia export csv`), which an import reads back.
RECORD_COLUMNS = (*RECORD_OWN, "confirmed", "deleted")
MEMBER_COLUMNS = (*REPEAT_OWN, "parent_id")


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


def own_column(column: str | None, items: dict[str, Field | Repeat], own: tuple[str, ...]) -> str:
    """The export's own column that `column` is (`round`, or `_round` where a field of the
    form is named round), or "" for a column of answers."""
    if column is None or column in items:
        return ""
    name = column[1:] if column.startswith("_") else column
    return name if name in own else ""


def _row_data(
    form: Form,
    items: dict[str, Field | Repeat],
    row: dict[str, str],
    where: str,
    problems: list[RowProblem],
    order: int = 0,
    own: tuple[str, ...] = RECORD_COLUMNS,
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, text in row.items():
        if column in ENVELOPE_COLUMNS or column is None or text is None or text.strip() == "":
            continue
        if own_column(column, items, own):
            continue  # the export's own column: read by the caller, or follows from the data
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
    by_uuid, member_rows = _member_rows(form, members, repeats, problems)
    used: set[tuple[str, ...]] = set()
    candidates = []
    for number, row in enumerate(_read(households), start=2):
        where = f"{households.name} row {number}"
        data = _row_data(form, items, row, where, problems, number)
        ident = _join(form, _own_values(row, items, RECORD_COLUMNS), row, by_uuid)
        if members is not None and repeats and ident in member_rows:
            data[repeats[0].name] = member_rows[ident]
            used.add(ident)
        envelope = _envelope(_own_values(row, items, RECORD_COLUMNS))
        envelope["data"] = data
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


def _own_values(
    row: dict[str, str], items: dict[str, Field | Repeat], own: tuple[str, ...]
) -> dict[str, str]:
    """The export's own columns of a row, by their names (without a leading `_`)."""
    found = {}
    for column, text in row.items():
        name = column if column in ENVELOPE_COLUMNS else own_column(column, items, own)
        if name and text is not None and text.strip():
            found[name] = text.strip()
    return found


def _envelope(own: dict[str, str]) -> dict[str, Any]:
    """A record's envelope from a households row's own columns."""
    envelope: dict[str, Any] = {"status": own.get("status") or "draft"}
    for name in ("uuid", "created_at", "version"):
        if name in own:
            envelope[name] = own[name]
    if "confirmed" in own:
        envelope["confirmed"] = own["confirmed"].split()
    if "deleted" in own:
        envelope["deleted"] = own["deleted"] not in ("0", "false", "False")
    return envelope


def _join(form: Form, own: dict[str, str], row: dict[str, str], by_uuid: bool) -> tuple[str, ...]:
    """What joins a row of members to its household: the uuid, or the form's key."""
    if by_uuid:
        return (own.get("uuid", ""),)
    values = tuple((row.get(k) or "").strip() for k in form.settings.key)
    if not any(values) and own.get("key"):  # an export's members file: its key column
        values = tuple(own["key"].split("|"))
    return values


def _member_rows(
    form: Form, path: Path | None, repeats: list[Repeat], problems: list[RowProblem]
) -> tuple[bool, dict[tuple[str, ...], list[dict[str, Any]]]]:
    """Whether members join by uuid, and each household's members in order."""
    if path is None:
        return False, {}
    if not repeats:
        problems.append(RowProblem(path.name, "", f"form '{form.id}' has no roster"))
        return False, {}
    items = _scope(repeats[0])
    rows = _read(path)
    by_uuid = bool(rows) and any(own_column(c, items, MEMBER_COLUMNS) == "uuid" for c in rows[0])
    grouped: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = {}
    for number, row in enumerate(rows, start=2):
        where = f"{path.name} row {number}"
        own = _own_values(row, items, MEMBER_COLUMNS)
        ident = _join(form, own, row, by_uuid)
        inner = {c: v for c, v in row.items() if by_uuid or c not in form.settings.key}
        member = _row_data(form, items, inner, where, problems, own=MEMBER_COLUMNS)
        if own.get("instance_id"):
            member["_id"] = own["instance_id"]
        place = int(own["position"]) if own.get("position", "").isdigit() else number
        grouped.setdefault(ident, []).append((place, member))
    ordered = {k: [m for _, m in sorted(v, key=lambda pm: pm[0])] for k, v in grouped.items()}
    return by_uuid, ordered
