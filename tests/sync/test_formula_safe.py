"""Exports are formula-safe: text a spreadsheet would run gets a `'`, numbers stay numbers,
and an XLSX table larger than a sheet is refused with nothing written."""

from __future__ import annotations

import csv
import json
import uuid as uuidlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from formtools import make_form

from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.exportlabels import formula_safe
from tui_cia.storage.importer import import_file
from tui_cia.survey import Form
from tui_cia.sync import xlsx
from tui_cia.sync.codebook import Table
from tui_cia.sync.exports import export_tables

HEADER = 'form:\n  id: risky\n  version: "1"\n  languages: [th, en]\n  key: [house_no]\n'
FORM = """\
choices:
  kind:
    - {value: "1", label: {th: "-ไม่ระบุ-", en: "-none-"}}
    - {value: "2", label: {th: ร้านค้า, en: Shop}}
fields:
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}}
  - {name: head_name, type: text, label: {th: ชื่อหัวหน้า, en: Head}}
  - {name: remark, type: text, label: {th: หมายเหตุ, en: "=Remark"}}
  - {name: kind, type: select_one, choices: kind, label: {th: ประเภท, en: Kind}}
  - {name: debt, type: integer, label: {th: หนี้, en: Debt}}
  - {name: change, type: decimal, label: {th: ผลต่าง, en: Change}}
  - repeat: people
    label: {th: คน, en: People}
    fields:
      - {name: first_name, type: text, label: {th: ชื่อ, en: Name}}
      - {name: balance, type: integer, label: {th: ยอด, en: Balance}}
"""
# Text answers a spreadsheet would take for a formula: one record starts with each.
DANGEROUS = [
    "=1+1",
    "+66812345678",
    "-",
    "-5",
    "@SUM(A1:A9)",
    "\tindented",
    "\rreturned",
    '=HYPERLINK("http://example.invalid","click")',
]
HARMLESS = ["12/3", " =1", "ก-ข", "'quoted", "สมชาย ใจดี"]  # left as they are
TEXT_FIELDS = ("house_no", "head_name", "remark")


def uuid_of(n: int) -> str:
    return str(uuidlib.UUID(int=n + 1))


def make_store(folder: Path, texts: list[str]) -> tuple[Store, Form]:
    """A record per text: every text field holds it; numbers are negative."""
    form = make_form(FORM, header=HEADER)
    store = Store(folder / "risky.db")
    store.add_form(form)
    lines = []
    for n, text in enumerate(texts):
        data: dict[str, Any] = {name: text for name in TEXT_FIELDS}
        data |= {"kind": "1", "debt": -100 * n - 1, "change": -1.5 - n}
        data["people"] = [{"first_name": text, "balance": -7 - n}]
        record = {"uuid": uuid_of(n), "form": "risky", "version": "1", "data": data}
        lines.append(json.dumps(record, ensure_ascii=False))
    source = folder / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_file(store, form, source) == len(texts)
    return store, form


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sheet_rows(sheet: Any) -> list[dict[str, Any]]:
    """A sheet's rows as {header: cell}."""
    rows = list(sheet.iter_rows())
    names = [c.value for c in rows[0]]
    return [dict(zip(names, row, strict=True)) for row in rows[1:]]


def test_the_rule_prefixes_only_text_that_starts_a_formula() -> None:
    for text in DANGEROUS:
        assert formula_safe(text) == "'" + text
    for value in [*HARMLESS, "", None, -5, -1.5, 0, 3]:
        assert formula_safe(value) == value


def test_csv_text_cells_are_neutralised_and_numbers_are_not(tmp_path: Path) -> None:
    store, form = make_store(tmp_path, DANGEROUS + HARMLESS)
    export_tables(store, form, tmp_path / "out")
    records = {row["uuid"]: row for row in read_csv(tmp_path / "out" / "risky.csv")}
    people = {row["uuid"]: row for row in read_csv(tmp_path / "out" / "people.csv")}
    for n, text in enumerate(DANGEROUS + HARMLESS):
        wanted = "'" + text if text in DANGEROUS else text
        row, person = records[uuid_of(n)], people[uuid_of(n)]
        assert [row[name] for name in (*TEXT_FIELDS, "key")] == [wanted] * 4, text
        assert person["first_name"] == person["key"] == wanted
        # Negative numbers of numeric fields are data: written as numbers, no quote.
        assert (row["debt"], row["change"]) == (str(-100 * n - 1), str(-1.5 - n))
        assert person["balance"] == str(-7 - n)
        assert (row["kind"], person["position"]) == ("1", "1")


def test_labels_and_the_codebook_are_neutralised_too(tmp_path: Path) -> None:
    store, form = make_store(tmp_path, ["ok"])
    export_tables(store, form, tmp_path / "out", labels="en")
    assert read_csv(tmp_path / "out" / "risky.csv")[0]["kind"] == "'-none-"
    codebook = {row["column"]: row for row in read_csv(tmp_path / "out" / "codebook.csv")}
    assert codebook["remark"]["label_en"] == "'=Remark"
    choices = read_csv(tmp_path / "out" / "choices.csv")
    assert [row["label_th"] for row in choices][:2] == ["'-ไม่ระบุ-", "ร้านค้า"]


def test_xlsx_text_cells_are_prefixed_strings_and_numbers_stay_numbers(tmp_path: Path) -> None:
    store, form = make_store(tmp_path, DANGEROUS + HARMLESS)
    export_tables(store, form, tmp_path, "xlsx")
    book = openpyxl.load_workbook(tmp_path / "risky.xlsx")
    records = {r["uuid"].value: r for r in sheet_rows(book["risky"])}
    people = {r["uuid"].value: r for r in sheet_rows(book["people"])}
    for n, text in enumerate(DANGEROUS + HARMLESS):
        wanted = "'" + text if text in DANGEROUS else text
        wanted = wanted.replace("\r", "\n")  # XML reads a carriage return as a line break
        row, person = records[uuid_of(n)], people[uuid_of(n)]
        for cell in [*(row[name] for name in (*TEXT_FIELDS, "key")), person["first_name"]]:
            assert (cell.value, cell.data_type) == (wanted, "s"), text
        numbers = [row["debt"], row["change"], person["balance"]]
        assert [(c.value, c.data_type) for c in numbers] == [
            (-100 * n - 1, "n"),
            (-1.5 - n, "n"),
            (-7 - n, "n"),
        ]
    assert not any(
        cell.data_type == "f"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )


def test_an_answer_like_an_excel_error_stays_text_in_xlsx(tmp_path: Path) -> None:
    store, form = make_store(tmp_path, ["#N/A"])
    export_tables(store, form, tmp_path, "xlsx")
    cell = sheet_rows(openpyxl.load_workbook(tmp_path / "risky.xlsx")["risky"])[0]["remark"]
    assert (cell.value, cell.data_type) == ("#N/A", "s")


def test_the_xlsx_row_limit_is_excels() -> None:
    assert xlsx.MAX_ROWS == 1_048_576  # rows of a sheet, the header row included
    assert xlsx.MAX_COLUMNS == 16_384


# A sheet of this many rows in the tests: more than the codebook's, so the record table
# (one row per record, and the header) decides.
SMALL_SHEET = 30


def test_a_table_that_fills_a_sheet_exactly_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, form = make_store(tmp_path, [f"h{n}" for n in range(SMALL_SHEET - 1)])
    monkeypatch.setattr(xlsx, "MAX_ROWS", SMALL_SHEET)
    summary = export_tables(store, form, tmp_path / "out", "xlsx")
    assert summary.rows["risky"] == SMALL_SHEET - 1
    book = openpyxl.load_workbook(tmp_path / "out" / "risky.xlsx")
    assert book["risky"].max_row == SMALL_SHEET


def test_a_table_larger_than_a_sheet_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, form = make_store(tmp_path, [f"h{n}" for n in range(SMALL_SHEET)])
    monkeypatch.setattr(xlsx, "MAX_ROWS", SMALL_SHEET)
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "risky.xlsx").write_bytes(b"an earlier export")
    for out in (tmp_path / "new", existing):
        with pytest.raises(TuiCiaError) as refused:
            export_tables(store, form, out, "xlsx")
        message = str(refused.value)
        assert f"table risky has {SMALL_SHEET + 1} rows with its header" in message
        assert f"more than the {SMALL_SHEET} an Excel sheet holds" in message
        assert "Export as CSV" in message and "--area or --round" in message
    assert not (tmp_path / "new").exists()
    assert [p.name for p in existing.iterdir()] == ["risky.xlsx"]  # no scratch folder left
    assert (existing / "risky.xlsx").read_bytes() == b"an earlier export"
    export_tables(store, form, tmp_path / "csv", "csv")  # CSV has no such limit
    assert len(read_csv(tmp_path / "csv" / "risky.csv")) == SMALL_SHEET


def test_the_refusal_names_the_table_and_the_real_limit() -> None:
    table = Table("members", ["uuid"], [["x"]] * xlsx.MAX_ROWS)
    with pytest.raises(TuiCiaError, match=r"table members has 1,048,577 rows .* 1,048,576 "):
        xlsx.check_fits([Table("bmn", ["uuid"], [["x"]] * 3), table])
    xlsx.check_fits([Table("members", ["uuid"], [["x"]] * (xlsx.MAX_ROWS - 1))])


@pytest.mark.parametrize("text", ["=1+1", "-", "+66812345678", "@SUM(A1:A9)"])
def test_a_csv_import_reads_an_exported_text_back_without_its_quote(text: str) -> None:
    from tui_cia.storage.csvimport import cell_value

    form = make_form(FORM, header=HEADER)
    field = form.items["remark"]
    assert cell_value(field, formula_safe(text), "buddhist") == text
    assert cell_value(field, "'quoted", "buddhist") == "'quoted"  # not one the export made


def test_a_bundle_that_cannot_be_written_is_said_plainly_and_leaves_no_part(
    tmp_path: Path,
) -> None:
    from tui_cia.sync.bundle import _write_atomically

    target = tmp_path / "out.tcb"
    target.mkdir()  # a folder in the way: refused before writing
    with pytest.raises(TuiCiaError, match="is a folder"):
        _write_atomically(target, b"x")
    blocked = tmp_path / "blocked" / "out.tcb"
    blocked.parent.mkdir()
    (blocked.parent / "out.tcb.part").mkdir()  # the temporary name cannot be opened
    with pytest.raises(TuiCiaError, match="cannot write"):
        _write_atomically(blocked, b"x")
    assert not blocked.exists()
