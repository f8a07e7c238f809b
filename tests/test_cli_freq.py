"""`tui-cia freq` and `tui-cia crosstab` on a copy of the sample: text, JSON, XLSX,
the records of a cell, and people's errors without tracebacks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from formtools import copy_sample

from tui_cia.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("freq"))


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_freq_json_counts_persons_by_village(db: Path) -> None:
    code, out, _ = run(db, "freq", "--form", "bmn", "--field", "sex", "--by", "village", "--json")
    assert code == 0, out
    table = json.loads(out)
    assert table["unit"] == "person" and table["cols"]["labels"][0].startswith("หมู่ 1")
    conn = sqlite3.connect(db)
    persons = conn.execute(
        "SELECT count(*) FROM form_bmn_members r JOIN form_bmn m ON m._uuid = r._uuid"
        " WHERE m._status IN ('complete', 'verified') AND m._deleted = 0"
    ).fetchone()[0]
    assert table["total"] == persons == sum(map(sum, table["counts"]))


def test_freq_text_and_xlsx(db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "sex.xlsx"
    code, text, err = run(
        db,
        "freq",
        "--form",
        "bmn",
        "--field",
        "sex",
        "--by",
        "round",
        "--percent",
        "col",
        "--lang",
        "en",
        "--xlsx",
        str(out),
    )
    assert code == 0, err
    assert text.splitlines()[1].startswith("Male") and "%" in text
    rows = list(load_workbook(out)["counts"].iter_rows(values_only=True))
    assert rows[0][1:] == ("2564", "2565", "Total")


def test_records_of_a_cell(db: Path) -> None:
    code, out, _ = run(
        db,
        "freq",
        "--form",
        "bmn",
        "--field",
        "has_house_no",
        "--by",
        "village",
        "--records",
        "1|16010401",
    )
    assert code == 0, out
    lines = out.splitlines()
    conn = sqlite3.connect(db)
    expected = conn.execute(
        "SELECT count(*) FROM form_bmn WHERE _status IN ('complete', 'verified')"
        " AND _deleted = 0 AND village_code = '16010401' AND has_house_no = '1'"
    ).fetchone()[0]
    assert len(lines) == expected
    assert all(line.split("\t")[3] == "16010401" for line in lines)


def test_crosstab_household_against_roster_field(db: Path) -> None:
    code, out, _ = run(
        db,
        "crosstab",
        "--form",
        "bmn",
        "--rows",
        "has_house_no",
        "--cols",
        "sex",
        "--round",
        "2565",
        "--json",
    )
    assert code == 0, out
    table = json.loads(out)
    assert table["unit"] == "person" and table["cols"]["keys"] == ["1", "2"]


def test_unknown_field_and_cell_are_errors_for_people(db: Path) -> None:
    code, _, err = run(db, "freq", "--form", "bmn", "--field", "sexx")
    assert code == 1 and "did you mean 'sex'" in err and "Traceback" not in err
    code, _, err = run(db, "freq", "--form", "bmn", "--field", "sex", "--records", "9")
    assert code == 1 and err.startswith("error:")


@pytest.mark.parametrize("command", ["freq", "crosstab"])
def test_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_a_round_with_no_records_says_what_to_check(db: Path) -> None:
    code, out, _ = run(
        db, "freq", "--form", "bmn", "--field", "sex", "--round", "2599", "--lang", "en"
    )
    assert code == 0
    assert "no complete or verified records match" in out and "--round" in out
