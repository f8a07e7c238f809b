"""The 3-level problem scale in the analysis: villages at each level of each indicator and each
village's development class, as the form engine judges them, in the library, JSON and text."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from formtools import make_form
from villagetools import VILLAGE_FORM, filled, levels, village_form

from tui_cia.analysis import analyse, indicator_outcomes, load_frames
from tui_cia.analysis.levels import record_classes
from tui_cia.cli import main
from tui_cia.storage import Store
from tui_cia.storage.importer import import_file

# Villages of tambon 160104 (codes 16010401 ..), each the good village with some changes.
VILLAGES: list[tuple[str, list[tuple[tuple[str, ...], str]]]] = [
    ("16010401", []),  # class 3, nothing failing
    ("16010402", [(("mobile_signal",), "2")]),  # i04 at level 2: class 3
    ("16010403", [(("mobile_signal",), "3"), (("farm_water",), "3")]),  # 2 serious: class 2
    (
        "16010404",
        [
            (("mobile_signal",), "3"),
            (("farm_water",), "3"),
            (("waste_method",), "4"),
            (("village_plan",), "2"),
            (("children_out_of_school",), "5"),
        ],
    ),  # 5 serious: class 1
    ("16010405", [(("occupations",), "trade"), (("has_groups",), "2")]),  # i06 n/a, i07 at 2
]


def village_record(n: int, code: str, changes: list[tuple[tuple[str, ...], str]]) -> str:
    """One village as a JSON line to import, with the warnings its enumerator confirmed."""
    s = filled(village_form(), [(("village_code",), code), *changes])
    assert s.completion_problems() == [], code
    envelope = {
        "uuid": str(uuid.UUID(int=n + 1)),
        "form": "village",
        "version": s.form.version,
        "status": "complete",
        "confirmed": sorted({*s.confirmed, "survey_round"}),  # 2566 is years before today
        "data": s.to_data(complete=True),
    }
    return json.dumps(envelope, ensure_ascii=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("levels")
    form = village_form()
    lines = [village_record(n, code, changes) for n, (code, changes) in enumerate(VILLAGES)]
    (folder / "villages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = Store(folder / "v.db")
    s.add_form(form)
    assert import_file(s, form, folder / "villages.jsonl") == len(VILLAGES)
    return s


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in rows}


def test_villages_at_each_level_per_indicator(store: Store) -> None:
    [tambon] = analyse(store, store.forms.get("village"), level="tambon")
    rows = by_id(tambon.indicators)
    assert all("levels" in r for r in rows.values())
    assert rows["i04"]["levels"] == {"1": 2, "2": 1, "3": 2}
    assert rows["i06"]["levels"] == {"1": 2, "2": 0, "3": 2}  # one village does not farm
    assert rows["i07"]["levels"] == {"1": 0, "2": 1, "3": 4}
    assert rows["i01"]["levels"] == {"1": 0, "2": 0, "3": 5}
    for row in rows.values():  # level 3 is passing, levels 1 and 2 failing
        assert row["levels"]["3"] == row["passed"]
        assert row["levels"]["1"] + row["levels"]["2"] == row["failed"]


def test_each_village_class_and_the_count_per_class(store: Store) -> None:
    [tambon] = analyse(store, store.forms.get("village"), level="tambon")
    assert tambon.classes == [
        {"class": 1, "records": 1},
        {"class": 2, "records": 1},
        {"class": 3, "records": 3},
        {"class": None, "records": 0},
    ]
    assert tambon.classified is not None
    found = {
        r["area"]: (r["class"], r["serious"], r["problems"], r["judged"]) for r in tambon.classified
    }
    assert found == {
        "16010401": (3, 0, 0, 23),
        "16010402": (3, 0, 1, 23),
        "16010403": (2, 2, 2, 23),
        "16010404": (1, 5, 5, 23),
        "16010405": (3, 0, 1, 22),
    }
    assert {r["area"]: r["score"] for r in tambon.classified}["16010404"] == round(
        (5 * 1 + 18 * 3) / 23, 2
    )


def test_the_analysis_agrees_with_the_form_engine(store: Store) -> None:
    form = store.forms.get("village")
    outcomes = indicator_outcomes(load_frames(store.conn, form))
    by_uuid = {u: k for k, u in enumerate(outcomes.index)}
    classes = record_classes(form.classes, outcomes.levels)
    for n, (code, changes) in enumerate(VILLAGES):
        s = filled(form, [(("village_code",), code), *changes])
        row = by_uuid[str(uuid.UUID(int=n + 1))]
        expected = [lv or 0 for lv in levels(s).values()]
        assert outcomes.levels[row].tolist() == expected, code
        assert int(classes.number[row]) == s.development_class().number, code


def test_a_village_result_has_its_own_class(store: Store) -> None:
    results = analyse(store, store.forms.get("village"), level="village", area="16010404")
    [village] = results
    assert village.classes is not None and village.classified is not None
    assert [r["class"] for r in village.classified] == [1]
    assert village.as_json()["classes"][0] == {"class": 1, "records": 1}


def test_the_cli_prints_levels_and_classes(store: Store) -> None:
    base = ["--db", str(store.path), "analyze", "--form", "village", "--level", "tambon"]
    text = CliRunner().invoke(main, [*base, "--lang", "en"])
    assert text.exit_code == 0, text.output
    assert "Problem levels: 1 serious, 2 moderate, 3 little or none" in text.output
    assert "Development priority 1 (backward): 1" in text.output
    assert "16010404" in text.output and "class 1 (serious 5, problems 5 of 23" in text.output
    thai = CliRunner().invoke(main, base)
    assert "หมู่บ้านเร่งรัดพัฒนาอันดับ 3 (ก้าวหน้า): 3" in thai.output
    as_json = CliRunner().invoke(main, [*base, "--json"])
    [area] = json.loads(as_json.output)
    assert [c["records"] for c in area["classes"]] == [1, 1, 3, 0]
    assert by_id(area["indicators"])["i04"]["levels"] == {"1": 2, "2": 1, "3": 2}


FORM = """\
fields:
  - {name: village, type: text, label: {th: หมู่บ้าน, en: Village}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    fields:
      - {name: age, type: integer, label: {th: อายุ, en: Age}}
dimensions:
  - {id: d, label: {th: ด้าน, en: D}}
indicators:
  - {id: p1, dimension: d, label: {th: คน, en: Person}, unit: person, over: members,
     applies: "${age} >= 18", pass: "${age} < 60", levels: {serious: "${age} >= 80"}}
  - {id: h1, dimension: d, label: {th: บ้าน, en: House}, pass: "count(${members}) >= 2"}
"""
HEADER = 'form: {id: pl, version: "1", languages: [th, en], area: village}\n'


def test_a_person_indicator_takes_the_worst_level_of_its_members(tmp_path: Path) -> None:
    form = make_form(FORM, header=HEADER)
    s = Store(tmp_path / "p.db")
    for ages, level in (([30, 65, 85], 1), ([30, 70], 2), ([30, 40], 3), ([10], None)):
        rec = s.create(form)
        s.answer(rec, ("village",), "16010401")
        for age in ages:
            i = s.add_instance(rec, ("members",))
            s.answer(rec, ("members", i, "age"), str(age))
        s.complete(rec)
        assert [r.level for r in rec.session.indicator_results()] == [level, None]
    [area] = analyse(s, form)
    rows = by_id(area.indicators)
    assert rows["p1"]["levels"] == {"1": 1, "2": 1, "3": 1}  # the child-only house is n/a
    assert "levels" not in rows["h1"]  # no levels: no counts
    assert area.classes is None and "classes" not in area.as_json()


def test_the_shipped_form_file_is_the_one_tested() -> None:
    assert VILLAGE_FORM.name == "village.yaml" and village_form().uses_levels
