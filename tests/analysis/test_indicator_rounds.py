"""An indicator set scores only the rounds its form declares (`form: indicator_rounds`):
the loader checks the setting, and analysis, the CLI and the plots say why a round is not
scored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from formtools import problems_of

from tui_cia.analysis import analyse, area_result
from tui_cia.cli import main
from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.survey import load_form_text

BODY = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
fields:
  - {name: village, type: text, label: {th: หมู่บ้าน, en: Village}}
  - {name: rnd, type: integer, label: {th: รอบ, en: Round}}
  - {name: water, type: select_one, choices: yn, label: {th: น้ำ, en: Water}}
dimensions:
  - {id: living, label: {th: ความเป็นอยู่, en: Living}}
indicators:
  - {id: i09, number: 9, dimension: living, label: {th: น้ำ, en: Water},
     pass: "${water} = '1'", target: 100}
"""
HEADER = """\
form: {id: hh, version: "2565.1", languages: [th, en], area: village, round: rnd,
       indicator_rounds: [2560, 2565]}
"""
WHY = (
    "round 2566 needs the 2566-2570 indicator set: this form's indicators "
    "(version 2565.1) are for rounds 2560-2565"
)


def settings_problems(setting: str, round_: str = " round: rnd,") -> list[str]:
    header = (
        f'form: {{id: hh, version: "1", languages: [th, en],{round_} '
        f"indicator_rounds: {setting}}}\n"
    )
    return [f"{p.code} {p.message}" for p in problems_of(BODY, header=header)]


def test_the_setting_is_two_rounds_in_order_with_a_round_field() -> None:
    assert settings_problems("[2560, 2565]") == []
    assert settings_problems("[2560, 2560]") == []
    assert settings_problems("2565")[0].startswith("FORM006 indicator_rounds should be two")
    assert settings_problems("[2560]")[0].startswith("FORM006")
    assert settings_problems("[2560, '2565']")[0].startswith("FORM006")
    assert settings_problems("[2566, 2560]") == ["FORM035 indicator_rounds: 2566 is after 2560"]
    assert settings_problems("[2560, 2565]", round_="") == [
        "FORM039 indicator_rounds needs round: (the field that holds the survey round)"
    ]


def test_a_typo_in_the_setting_is_an_unknown_key() -> None:
    header = (
        'form: {id: hh, version: "1", languages: [th, en], round: rnd, '
        "indicator_round: [2560, 2565]}\n"
    )
    [problem] = problems_of(BODY, header=header)
    assert problem.code == "FORM004" and "did you mean 'indicator_rounds'" in problem.message


def household(store: Store, village: str, water: str, rnd: int) -> Any:
    rec = store.create(load_form_text(HEADER + BODY, "hh.yaml"))
    store.answer(rec, ("village",), village)
    store.answer(rec, ("rnd",), str(rnd))
    store.answer(rec, ("water",), water)
    store.complete(rec)
    return rec


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "a.db")
    household(s, "16010401", "1", 2565)
    household(s, "16010401", "2", 2565)
    household(s, "16010401", "2", 2566)
    household(s, "16010401", "1", 2566)
    household(s, "16010401", "1", 2566)
    return s


def test_a_round_outside_the_set_is_counted_but_not_scored(store: Store) -> None:
    form = store.forms.get("hh")
    [scored] = analyse(store, form, round_=2565)
    assert scored.scored and scored.indicators[0]["rate"] == 50.0
    [later] = analyse(store, form)  # the latest round is 2566
    assert (later.round, later.households, later.scored, later.not_scored) == (2566, 3, False, WHY)
    assert later.indicators == [] and later.dimensions == [] and later.targets == []
    assert later.as_json()["scored"] is False and later.as_json()["not_scored"] == WHY
    assert scored.as_json()["not_scored"] is None


def test_the_cli_says_why_a_round_is_not_scored(store: Store) -> None:
    base = ["--db", str(store.path), "--form", "hh"]
    text = CliRunner().invoke(main, ["analyze", *base, "--lang", "en"])
    assert text.exit_code == 0 and f"not scored: {WHY}" in text.output
    as_json = CliRunner().invoke(main, ["analyze", *base, "--json"])
    [area] = json.loads(as_json.output)
    assert area["scored"] is False and area["not_scored"] == WHY and area["indicators"] == []
    plot = CliRunner().invoke(main, ["plot", "radar", *base, "--area", "16010401"])
    assert plot.exit_code != 0 and WHY in plot.output
    report = CliRunner().invoke(main, ["report", *base, "--area", "16010401", "--out", "r.md"])
    assert report.exit_code != 0 and WHY in report.output


def test_area_result_raises_with_the_reason(store: Store) -> None:
    with pytest.raises(TuiCiaError, match="area 16010401 is not scored: round 2566 needs"):
        area_result(store, store.forms.get("hh"), "16010401")
    assert area_result(store, store.forms.get("hh"), "16010401", 2565).scored
