"""Indicator rules of every kind the analysis evaluates agree with the form engine, blanks too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from formtools import make_form

from tui_cia.analysis import indicator_outcomes, load_frames
from tui_cia.storage import Store
from tui_cia.survey import load_data

HEADER = 'form: {id: rules, version: "1", languages: [th, en], area: village, round: rnd}\n'
RULES = {
    "not_equal": "${water} != '1'",
    "null_division": "${income} div 0 = null",
    "chosen": "selected(${savings}, 'bank') and count_selected(${savings}) >= 2",
    "list_is_text": "${savings} = 'bank'",
    "many": "count(${members}) > 2",
    "heavy": "sum(${members}, ${weight}) > 100",
    "old": "max(${members}, ${age}) >= 60",
    "young": "min(${members}, ${age}) < 5",
    "some": "any(${members}, ${checkup} = '1')",
    "every": "all(${members}, ${checkup} = '1')",
    "adults": "count(${members}, ${age} >= 18) >= 2",
    "fallback": "coalesce(${note}, 'none') = 'none'",
    "branch": "if(${income} > 100, ${water} = '1', ${water} = '2')",
    "whole": "int(${income}) = 12",
    "near": "abs(${income} - 100) < 10",
    "same_text": "${note} = ${village}",
    "early": "${note} < 'm'",
    "negated": "not(${water} = '1')",
    "sums": "${rnd} + 1 > 2565",
    "nothing": "${note} = null",
}
FORM = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
  ways:
    - {value: bank, label: {th: ธนาคาร, en: Bank}}
    - {value: cash, label: {th: เงินสด, en: Cash}}
fields:
  - {name: village, type: text, label: {th: หมู่บ้าน, en: Village}}
  - {name: rnd, type: integer, label: {th: รอบ, en: Round}}
  - {name: water, type: select_one, choices: yn, label: {th: น้ำ, en: Water}}
  - {name: savings, type: select_multiple, choices: ways, label: {th: ออม, en: Savings}}
  - {name: income, type: decimal, label: {th: รายได้, en: Income}}
  - {name: note, type: text, label: {th: บันทึก, en: Note}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    fields:
      - {name: age, type: integer, label: {th: อายุ, en: Age}}
      - {name: checkup, type: select_one, choices: yn, label: {th: ตรวจ, en: Check-up}}
      - {name: weight, type: decimal, label: {th: น้ำหนัก, en: Weight}}
      - {name: nick, type: text, label: {th: ชื่อเล่น, en: Nickname}}
dimensions:
  - {id: all, label: {th: ทั้งหมด, en: All}}
indicators:
"""
PERSON = [
    ("p_adult", "${age} >= 18", "${checkup} != '2'"),
    ("p_house", "${water} = '1'", "${age} > 10"),
    ("p_blank", "filled(${nick})", "blank(${weight})"),
]
HOUSEHOLDS: list[dict[str, Any]] = [
    {
        "village": "16010101",
        "water": "1",
        "savings": "bank cash",
        "income": "12.5",
        "note": "a",
        "members": [("70", "1", "60.5", "Nok"), ("10", "2", "", "")],
    },
    {
        "village": "16010101",
        "income": "105",
        "note": "16010101",
        "members": [("3", "", "", "Dang"), ("40", "1", "50", ""), ("41", "2", "55", "x")],
    },
    {"village": "16010102", "water": "2", "savings": "cash", "note": "z", "members": []},
    {"village": "16010102", "water": "1", "income": "95", "members": [("", "1", "", "")]},
]


def _form_text() -> str:
    lines = [
        f"  - {{id: {name}, dimension: all, label: {{th: {name}, en: {name}}}, "
        f'unit: household, pass: "{rule}"}}'
        for name, rule in RULES.items()
    ]
    lines += [
        f"  - {{id: {name}, dimension: all, label: {{th: {name}, en: {name}}}, unit: person, "
        f'over: members, applies: "{applies}", pass: "{rule}"}}'
        for name, applies, rule in PERSON
    ]
    return FORM + "\n".join(lines) + "\n"


def _answer(store: Store, rec: Any, path: tuple[Any, ...], text: str) -> None:
    if text:
        assert store.answer(rec, path, text).ok, (path, text)


def test_every_rule_agrees_with_the_form_session(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    form = make_form(_form_text(), header=HEADER)
    for house in HOUSEHOLDS:
        rec = store.create(form)
        _answer(store, rec, ("rnd",), "2565")
        for name in ("village", "water", "savings", "income", "note"):
            _answer(store, rec, (name,), house.get(name, ""))
        for member in house["members"]:
            i = store.add_instance(rec, ("members",))
            for name, text in zip(("age", "checkup", "weight", "nick"), member, strict=True):
                _answer(store, rec, ("members", i, name), text)
        store.complete(rec)
    store.checkpoint_all()
    outcomes = indicator_outcomes(load_frames(store.conn, store.forms.get("rules")))
    persons = {i: p.groupby("_uuid")["outcome"].apply(list) for i, p in outcomes.persons.items()}
    rows = store.conn.execute("SELECT uuid, data FROM records").fetchall()
    assert len(rows) == len(outcomes.household) == len(HOUSEHOLDS)
    mismatches = []
    for uuid, data in rows:
        session, _ = load_data(form, json.loads(data))
        for result in session.indicator_results():
            got = outcomes.household.at[uuid, result.indicator.id]
            if got != result.outcome:
                mismatches.append((uuid[:8], result.indicator.id, result.outcome, got))
            if result.indicator.unit == "person":
                mine = persons[result.indicator.id].get(uuid, [])
                if mine != [o for _, o in result.persons]:
                    mismatches.append((uuid[:8], result.indicator.id, "persons", mine))
    assert mismatches == []
