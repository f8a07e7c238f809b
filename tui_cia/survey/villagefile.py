"""An office's own village list as a CSV file (value, label_th, label_en, tambon): read and
checked row by row, every problem listed, and written back in the layout the forms read.

The file is refused whole if any row is bad: a list with a wrong code in it would offer
that village in every form, so nothing is taken until the file is right."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui_cia.errors import TuiCiaError
from tui_cia.survey import limits

COLUMNS = ("value", "label_th", "label_en", "tambon")
REQUIRED = ("value", "label_th")
PROBLEMS_SHOWN = 200
CODE = re.compile(r"[0-9]{8}")
TAMBON = re.compile(r"[0-9]{6}")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
EXPECTED = f"the columns are {', '.join(COLUMNS)} (label_en and tambon may be left out)"


@dataclass(frozen=True, order=True)
class Village:
    """One village (หมู่บ้าน) of the list: its 8-digit code PPAATTVV, names and tambon."""

    code: str
    label_th: str
    label_en: str
    tambon: str


class VillagesRefused(TuiCiaError):
    """A village list with problems: nothing was imported; `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(problems[:PROBLEMS_SHOWN])
        more = len(problems) - PROBLEMS_SHOWN
        rest = f"\n… and {more:,} more" if more > 0 else ""
        super().__init__(f"nothing was imported: {len(problems):,} problem(s)\n{shown}{rest}")


def read_villages(path: Path, tambons: Mapping[str, object]) -> list[Village]:
    """The villages of the CSV file at `path`, sorted by code; `tambons` holds the country's
    tambon codes. Raises VillagesRefused listing every problem as `FILE row N: message`."""
    text = _text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    where = path.name
    try:
        header = [name.strip() for name in next(reader, [])]
        if not header:
            raise VillagesRefused([f"{where}: the file is empty: {EXPECTED}"])
        problems = _header_problems(header, where)
        if problems:
            raise VillagesRefused(problems)
        villages: list[Village] = []
        first_row: dict[str, int] = {}
        while True:
            number = reader.line_num + 1  # where the row starts (a quoted cell may go on)
            cells = next(reader, None)
            if cells is None:
                break
            if not any(cell.strip() for cell in cells):
                continue  # a blank line (Excel leaves some at the end)
            if len(villages) >= limits.VILLAGES:
                raise VillagesRefused(
                    [f"{where}: more than {limits.VILLAGES:,} villages (limit): split the file"]
                )
            row = f"{where} row {number}"
            village = _village(header, cells, row, tambons, problems)
            if village is None:
                continue
            if village.code in first_row:
                problems.append(
                    f"{row}: village code {village.code} appears already in row "
                    f"{first_row[village.code]}"
                )
                continue
            first_row[village.code] = number
            villages.append(village)
    except csv.Error as exc:
        raise VillagesRefused(
            [f"{where} row {reader.line_num}: not a valid CSV file ({exc}): save it as CSV UTF-8"]
        ) from None
    if problems:
        raise VillagesRefused(problems)
    if not villages:
        raise VillagesRefused([f"{where}: no villages: the file has only its header row"])
    return sorted(villages)


def _text(path: Path) -> str:
    refused = limits.refuse_to_read(path, limits.VILLAGE_FILE_BYTES)
    if refused:
        raise VillagesRefused([f"{path.name}: {refused}"])
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VillagesRefused(
            [f"{path.name}: not UTF-8 text: in Excel save it as 'CSV UTF-8 (comma delimited)'"]
        ) from None
    except OSError as exc:
        raise VillagesRefused([f"{path.name}: cannot read the file: {exc}"]) from None


def _header_problems(header: list[str], where: str) -> list[str]:
    row = f"{where} row 1"
    problems = [f"{row}: no '{name}' column: {EXPECTED}" for name in REQUIRED if name not in header]
    for name in sorted(set(header) - {""}):  # unnamed columns: Excel's, left blank below
        if name not in COLUMNS:
            problems.append(f"{row}: unknown column '{name}': {EXPECTED}")
        elif header.count(name) > 1:
            problems.append(f"{row}: column '{name}' appears twice")
    return problems


def _village(
    header: list[str],
    cells: list[str],
    row: str,
    tambons: Mapping[str, object],
    problems: list[str],
) -> Village | None:
    """The village of one row, or None with its problems added."""
    if len(cells) > len(header):
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            problems.append(f"{row}: more cells than the header row has columns")
            return None
    given = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
    found: list[str] = []
    unnamed = [c for c, name in zip(cells, header, strict=False) if not name and c.strip()]
    if unnamed:
        found.append(f"a cell under a column without a name: '{unnamed[0].strip()}'")
    code = _code(given.get("value", ""), given.get("tambon", ""), tambons, found)
    label_th = _name(given.get("label_th", ""), "Thai name (label_th)", True, found)
    label_en = _name(given.get("label_en", ""), "English name (label_en)", False, found)
    problems.extend(f"{row}: {message}" for message in found)
    if found or code is None:
        return None
    return Village(code, label_th, label_en, code[:6])


def _code(code: str, tambon: str, tambons: Mapping[str, object], found: list[str]) -> str | None:
    if not code:
        found.append("no village code (value)")
        return None
    if not CODE.fullmatch(code):
        found.append(
            f"village code '{code}' is not 8 digits PPAATTVV (province, amphoe, tambon, "
            "village); in Excel, format the column as Text before typing codes"
        )
        return None
    if code.endswith("00"):
        found.append(
            f"village code {code} ends in 00, which stands for the tambon itself: villages "
            "are numbered 01 to 99"
        )
    if tambon and tambon != code[:6]:
        what = "is not 6 digits" if not TAMBON.fullmatch(tambon) else "does not match"
        found.append(f"tambon '{tambon}' {what}: the code {code} is in tambon {code[:6]}")
    elif code[:6] not in tambons:
        found.append(
            f"tambon {code[:6]} (the first six digits of {code}) is not a tambon of Thailand "
            "in the shipped list (forms/areas/tambons.csv)"
        )
    return code


def _name(text: str, what: str, required: bool, found: list[str]) -> str:
    if not text:
        if required:
            found.append(f"no {what}")
        return ""
    if len(text) > limits.VILLAGE_NAME_CHARS:
        found.append(f"the {what} is longer than {limits.VILLAGE_NAME_CHARS} characters (limit)")
    elif CONTROL.search(text):
        found.append(f"the {what} holds a line break, tab or other control character")
    return text


def villages_csv(villages: list[Village]) -> str:
    """The list as the forms read it (areas/villages.csv): header, rows by code, LF ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for v in sorted(villages):
        writer.writerow((v.code, v.label_th, v.label_en, v.tambon))
    return out.getvalue()
