"""`tui-cia plot radar|bars` on the sample: charts of the right size with Thai labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from formtools import copy_sample

from tui_cia.cli import main
from tui_cia.plots import width


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("plot"))


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args[:1], "--db", str(db), *args[1:]])
    assert result.exit_code == 0, result.output
    return result.output


def test_radar_of_a_tambon_with_the_round_before(db: Path) -> None:
    out = run(
        db,
        "plot",
        "radar",
        "--form",
        "bmn",
        "--area",
        "160104",
        "--previous",
        "--width",
        "80",
        "--height",
        "24",
    )
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == 24 and all(width(line) == 80 for line in lines)
    for label in ("สุขภาพ", "สภาพแวดล้อม", "การศึกษา", "ค่านิยม"):
        assert label in out
    assert "160104 โก่งธนู 2565" in lines[-1] and "160104 โก่งธนู 2564" in lines[-1]


def test_bars_of_a_village_in_english(db: Path) -> None:
    out = run(db, "plot", "bars", "--form", "bmn", "--area", "16010402", "--lang", "en")
    rates = [
        float(line.rsplit(None, 1)[-1].rstrip("%"))
        for line in out.splitlines()
        if line.rstrip().endswith("%")
    ]
    assert len(rates) >= 25 and rates == sorted(rates)


def test_a_bad_area_code_is_a_clear_error(db: Path) -> None:
    result = CliRunner().invoke(
        main, ["plot", "radar", "--db", str(db), "--form", "bmn", "--area", "123"]
    )
    assert result.exit_code == 1 and "2, 4, 6 or 8 digits" in result.output
