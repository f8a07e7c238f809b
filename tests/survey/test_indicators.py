"""Indicators judged for one record: household, person, not applicable."""

from __future__ import annotations

from formtools import session_of

FORM = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
fields:
  - {name: income, type: integer, label: {th: รายได้, en: Income}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    fields:
      - {name: age, type: integer, label: {th: อายุ, en: Age}}
      - {name: checkup, type: select_one, choices: yn, label: {th: ตรวจ, en: Check-up}}
  - {name: per_person, type: calculate, calculate: 'int(${income} div count(${members}))'}
dimensions:
  - {id: health, label: {th: สุขภาพ, en: Health}}
  - {id: income, label: {th: รายได้, en: Income}}
indicators:
  - {id: i06, number: 6, dimension: health, label: {th: ตรวจสุขภาพ, en: Check-up},
     unit: person, over: members, applies: '${age} >= 35', pass: "${checkup} = '1'",
     target: 100}
  - {id: i22, number: 22, dimension: income, label: {th: รายได้, en: Income},
     pass: '${per_person} >= 38000', applies: 'filled(${income})'}
"""


def outcomes(s) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {r.indicator.id: r.outcome for r in s.indicator_results()}


def test_not_applicable_when_nobody_is_in_the_target_group() -> None:
    s = session_of(FORM)
    s.add_instance(("members",))
    s.enter(("members", 0, "age"), "20")
    assert outcomes(s) == {"i06": "na", "i22": "na"}


def test_a_person_indicator_fails_when_any_applicable_member_fails() -> None:
    s = session_of(FORM)
    for age, checkup in ((40, "1"), (70, "2"), (10, "2")):
        i = s.add_instance(("members",))
        s.enter(("members", i, "age"), str(age))
        s.enter(("members", i, "checkup"), checkup)
    result = s.indicator_results()[0]
    assert result.outcome == "fail"
    assert result.persons == [(0, "pass"), (1, "fail"), (2, "na")]
    assert result.failing_persons == [1]
    s.enter(("members", 1, "checkup"), "1")
    assert outcomes(s)["i06"] == "pass"


def test_a_blank_answer_fails_the_pass_rule_as_written() -> None:
    s = session_of(FORM)
    i = s.add_instance(("members",))
    s.enter(("members", i, "age"), "50")
    assert outcomes(s)["i06"] == "fail"


def test_household_indicator_uses_calculations() -> None:
    s = session_of(FORM)
    for _ in range(2):
        s.add_instance(("members",))
    s.enter(("income",), "75000")
    assert outcomes(s)["i22"] == "fail"
    s.enter(("income",), "76000")
    assert outcomes(s)["i22"] == "pass"
    assert s.failing_indicators() == []
