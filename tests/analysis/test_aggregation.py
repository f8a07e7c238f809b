"""Aggregation rules by hand: person and household units, n/a, drafts and deletes left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from formtools import make_form

from tui_cia.analysis import analyse
from tui_cia.cli import main
from tui_cia.storage import Store

FORM = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
fields:
  - {name: village, type: text, label: {th: หมู่บ้าน, en: Village}}
  - {name: rnd, type: integer, label: {th: รอบ, en: Round}}
  - {name: water, type: select_one, choices: yn, label: {th: น้ำ, en: Water}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    fields:
      - {name: age, type: integer, label: {th: อายุ, en: Age}}
      - {name: checkup, type: select_one, choices: yn, label: {th: ตรวจ, en: Check-up}}
dimensions:
  - {id: health, label: {th: สุขภาพ, en: Health}}
  - {id: living, label: {th: ความเป็นอยู่, en: Living}}
indicators:
  - {id: i06, number: 6, dimension: health, label: {th: ตรวจ, en: Check-up}, unit: person,
     over: members, applies: "${age} >= 35", pass: "${checkup} = '1'", target: 90}
  - {id: i09, number: 9, dimension: living, label: {th: น้ำ, en: Water},
     pass: "${water} = '1'", target: 100}
"""
HEADER = """\
form: {id: hh, version: "1", languages: [th, en], area: village, round: rnd}
"""


def household(
    store: Store,
    village: str,
    water: str,
    people: list[tuple[int, str]],
    status: str = "complete",
    rnd: int = 2565,
) -> Any:
    rec = store.create(make_form(FORM, header=HEADER))
    store.answer(rec, ("village",), village)
    store.answer(rec, ("rnd",), str(rnd))
    store.answer(rec, ("water",), water)
    for age, checkup in people:
        i = store.add_instance(rec, ("members",))
        store.answer(rec, ("members", i, "age"), str(age))
        store.answer(rec, ("members", i, "checkup"), checkup)
    if status != "draft":
        store.complete(rec)
    return rec


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "a.db")
    household(s, "16010401", "1", [(40, "1"), (70, "2"), (10, "2")])  # i06 fails (1 of 2)
    household(s, "16010401", "2", [(50, "1")])  # i09 fails
    household(s, "16010401", "1", [(20, "2")])  # i06 n/a
    household(s, "16010401", "2", [(60, "2")], status="draft")  # left out
    deleted = household(s, "16010401", "2", [(60, "2")])
    s.delete(deleted)  # left out
    household(s, "16010402", "1", [(36, "1")])
    household(s, "16010401", "2", [(40, "2")], rnd=2564)  # the round before
    return s


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in rows}


def test_person_and_household_units_and_not_applicable(store: Store) -> None:
    [village] = analyse(store, store.forms.get("hh"), area="16010401")
    assert (village.area, village.round, village.households) == ("16010401", 2565, 3)
    i06, i09 = by_id(village.indicators)["i06"], by_id(village.indicators)["i09"]
    assert (i06["applicable"], i06["passed"], i06["failed"], i06["rate"]) == (3, 2, 1, 66.67)
    assert (i06["households_applicable"], i06["households_failing"]) == (2, 1)
    assert (i06["target"], i06["gap"]) == (90, 23.33)
    assert (i09["applicable"], i09["passed"], i09["failed"], i09["rate"]) == (3, 2, 1, 66.67)
    assert i06["change"] == 66.67 - 0.0


def test_dimension_scores_pass_all_share_ranking_and_targets(store: Store) -> None:
    [village] = analyse(store, store.forms.get("hh"), area="16010401")
    health = by_id(village.dimensions)["health"]
    assert health["score"] == 66.67 and health["households_applicable"] == 2
    assert health["households_pass_all_pct"] == 50.0
    assert [r["id"] for r in village.ranking] == ["i06", "i09"]
    assert len(village.targets) == 2
    assert sorted(t["failing"] for t in village.targets) == [[6], [9]]


def test_levels_group_by_code_prefix(store: Store) -> None:
    [tambon] = analyse(store, store.forms.get("hh"), level="tambon")
    assert (tambon.area, tambon.households) == ("160104", 4)
    assert by_id(tambon.indicators)["i06"]["applicable"] == 4


def test_analyze_prints_json_for_each_area(store: Store) -> None:
    result = CliRunner().invoke(
        main, ["analyze", "--db", str(store.path), "--form", "hh", "--json"]
    )
    assert result.exit_code == 0, result.output
    areas = json.loads(result.output)
    assert [a["area"] for a in areas] == ["16010401", "16010402"]
    keys = {
        "id",
        "number",
        "dimension",
        "unit",
        "applicable",
        "passed",
        "failed",
        "rate",
        "target",
        "gap",
        "households_applicable",
        "households_failing",
        "change",
    }
    assert set(areas[0]["indicators"][0]) == keys
    assert set(areas[0]["dimensions"][0]) == {
        "id",
        "score",
        "households_applicable",
        "households_pass_all_pct",
    }
    text = CliRunner().invoke(
        main, ["analyze", "--db", str(store.path), "--form", "hh", "--lang", "en"]
    )
    assert text.exit_code == 0 and "Check-up" in text.output


def test_a_round_without_records_says_so(store: Store) -> None:
    args = ["analyze", "--lang", "en", "--db", str(store.path), "--form", "hh", "--level", "amphoe"]
    result = CliRunner().invoke(main, [*args, "--round", "2400"])
    assert (
        result.exit_code == 0 and "no complete or verified records in round 2400" in result.output
    )
    as_json = CliRunner().invoke(main, [*args, "--round", "2400", "--json"])
    assert as_json.exit_code == 0 and json.loads(as_json.output) == []
