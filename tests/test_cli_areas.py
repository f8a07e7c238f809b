"""`tui-cia areas import|list` and `tui-cia about`: thin commands over storage.villagelists
and survey.areas, with people's errors and no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from villagelisttools import LIST_A, LIST_B, form_versions, write_csv

from tui_cia.cli import main


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording (the Thai is tests/test_cli_language.py's)."""
    monkeypatch.setenv("TUI_CIA_LANG", "en")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_import_then_list_a_tambon(tmp_path: Path) -> None:
    db = str(tmp_path / "office.db")
    result = invoke("areas", "import", str(write_csv(tmp_path, LIST_A)), "--db", db)
    assert result.exit_code == 0, result.output
    assert "imported 3 villages in 2 tambons" in result.output
    assert "the village list of bmn, village" in result.output
    listed = invoke("areas", "list", "--tambon", "500101", "--db", db)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == [
        "50010101\tบ้านป่าแดด\tBan Pa Daet",
        "50010102\tบ้านหนองหอย\tBan Nong Hoi",
    ]
    # when it was imported, in the Buddhist Era
    assert re.search(
        r"bmn, village: 2 villages in tambon 500101, imported \d+ \w+ 25\d\d", listed.stderr
    )


@pytest.mark.slow
def test_the_same_list_again_changes_nothing_and_another_replaces_it(tmp_path: Path) -> None:
    db = str(tmp_path / "office.db")
    invoke("areas", "import", str(write_csv(tmp_path, LIST_A, "a.csv")), "--db", db)
    again = invoke("areas", "import", str(tmp_path / "a.csv"), "--db", db)
    assert "already offer this list" in again.output and "nothing changed" in again.output
    invoke("--db", db, "areas", "import", str(write_csv(tmp_path, LIST_B, "b.csv")))
    listed = invoke("areas", "list", "--db", db)
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [
        "50010101",
        "50010103",
    ]


def test_a_bad_file_exits_1_with_each_row_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    invoke("areas", "import", str(write_csv(tmp_path, LIST_A, "a.csv")), "--db", str(db))
    before = form_versions(db)
    bad = write_csv(tmp_path, "value,label_th\n50010101,บ้าน\n5001,บ้าน\n50010101,อื่น\n")
    result = invoke("areas", "import", str(bad), "--db", str(db))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "error: nothing was imported: 2 problem(s)" in result.output
    assert "villages.csv row 3: village code '5001' is not 8 digits" in result.output
    assert "villages.csv row 4: village code 50010101 appears already in row 2" in result.output
    assert form_versions(db) == before


def test_a_missing_file_and_a_bad_tambon_option_are_said_plainly(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    missing = invoke("areas", "import", str(tmp_path / "none.csv"), "--db", db)
    assert missing.exit_code == 1 and "none.csv: no such file" in missing.output
    option = invoke("areas", "list", "--tambon", "1601", "--db", db)
    assert option.exit_code == 2 and "a tambon code is 6 digits" in option.output


def test_list_without_an_import_shows_the_shipped_list(tmp_path: Path) -> None:
    result = invoke("areas", "list", "--tambon", "160104", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 10
    assert "no list imported" in result.stderr


@pytest.mark.parametrize("lang", ["en", "th"])
def test_about_credits_the_area_lists(lang: str) -> None:
    result = invoke("about", "--lang", lang)
    assert result.exit_code == 0
    assert result.output.startswith("tui-cia ")
    assert "GeoThai" in result.output and "CC BY 4.0" in result.output
    assert "https://github.com/GeoThai/data" in result.output


@pytest.mark.parametrize("command", [["areas"], ["areas", "import"], ["areas", "list"], ["about"]])
def test_every_area_command_has_an_example_in_its_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "tui-cia " in result.output.split("Example:")[1]
