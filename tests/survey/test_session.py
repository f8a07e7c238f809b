"""FormSession: navigation, answers and their checks, repeats, defaults, completion."""

from __future__ import annotations

import datetime as dt

import pytest
from formtools import TODAY, make_form, session_of

from tui_cia.survey import FormSession, Special

HOUSEHOLD = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
  sex:
    - {value: "1", label: {th: ชาย, en: Male}}
    - {value: "2", label: {th: หญิง, en: Female}}
  water:
    - {value: tap, label: {th: ประปา, en: Tap}}
    - {value: well, label: {th: บ่อ, en: Well}}
    - {value: rain, label: {th: น้ำฝน, en: Rain}}
fields:
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}, required: true,
     pattern: '[0-9]+(/[0-9]+)?', carry: false}
  - {name: village, type: text, label: {th: หมู่บ้าน, en: Village}, carry: true}
  - {name: survey_date, type: date, label: {th: วันที่สำรวจ, en: Survey date},
     default: 'today()'}
  - {name: round, type: integer, label: {th: รอบ, en: Round}, default: 2565}
  - {name: note1, type: note, label: {th: "บ้าน ${house_no}", en: "House ${house_no}"}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    min: 1
    max: 5
    instance_label: "concat(${first_name}, ' (', position(), ')')"
    fields:
      - {name: first_name, type: text, label: {th: ชื่อ, en: First name}, length: [1, 30]}
      - {name: sex, type: select_one, choices: sex, label: {th: เพศ, en: Sex}, appearance: quick}
      - {name: birth, type: date, label: {th: วันเกิด, en: Birth date}, special: [dont_know]}
      - {name: age, type: integer, label: {th: อายุ, en: Age}, min: 0, max: 120,
         warn: '. < 100', warn_message: {th: "อายุ ${age} ปี จริงหรือ", en: "Really ${age}?"}}
      - {name: age_calc, type: calculate, calculate: 'age(${birth}, ${survey_date})'}
      - {name: pregnant, type: select_one, choices: yn, label: {th: ตั้งครรภ์, en: Pregnant},
         relevant: "${sex} = '2' and ${age} >= 15", required: true}
  - {name: size, type: integer, label: {th: จำนวนสมาชิก, en: Members},
     calculate: 'count(${members})', read_only: true}
  - {name: adults, type: calculate, calculate: 'count(${members}, ${age} >= 18)'}
  - group: water_group
    label: {th: น้ำ, en: Water}
    fields:
      - {name: water_src, type: select_multiple, choices: water, label: {th: แหล่งน้ำ, en: Water}}
      - {name: litres, type: decimal, label: {th: ลิตร, en: Litres}, min: 0,
         relevant: "selected(${water_src}, 'well')",
         constraint: '. <= 1000', constraint_message: {th: เกินไป, en: "Too many for ${house_no}"}}
  - group: money
    label: {th: รายได้, en: Income}
    relevant: '${adults} > 0'
    fields:
      - {name: income, type: integer, label: {th: รายได้, en: Income}, min: 0, required: true,
         special: [dont_know, refused]}
      - {name: per_person, type: calculate, calculate: 'int(${income} div ${size})'}
"""


@pytest.fixture
def s() -> FormSession:
    return FormSession(make_form(HOUSEHOLD), today=TODAY, lang="en")


def fill_member(s: FormSession, i: int, name: str, sex: str, age: int) -> None:
    assert s.enter(("members", i, "first_name"), name).ok
    assert s.enter(("members", i, "sex"), sex).ok
    assert s.enter(("members", i, "age"), str(age)).ok


def test_defaults_are_applied_once_and_min_instances_exist(s: FormSession) -> None:
    assert s.value(("survey_date",)) == TODAY
    assert s.value(("round",)) == 2565
    assert s.instance_count(("members",)) == 1
    s.enter(("round",), "2566")
    s.add_instance(("members",))
    assert s.value(("round",)) == 2566


def test_positions_skip_hidden_and_irrelevant_fields(s: FormSession) -> None:
    names = [p[-1] for p in s.nav.positions()]
    assert names == [
        "house_no",
        "village",
        "survey_date",
        "round",
        "note1",
        "first_name",
        "sex",
        "birth",
        "age",
        "size",
        "water_src",
    ]
    fill_member(s, 0, "Malee", "2", 30)
    s.enter(("water_src",), "well tap")
    names = [p[-1] for p in s.nav.positions()]
    assert "pregnant" in names and "litres" in names and "income" in names


def test_next_previous_and_sections(s: FormSession) -> None:
    first = s.nav.first()
    assert first == ("house_no",)
    assert s.nav.next(first) == ("village",)
    assert s.nav.previous(("village",)) == ("house_no",)
    assert s.nav.next(("note1",)) == ("members", 0, "first_name")
    assert s.nav.next_section(("house_no",)) == ("village",)
    assert s.nav.next_section(("members", 0, "sex")) == ("size",)
    assert s.nav.previous_section(("members", 0, "age")) == ("members", 0, "first_name")
    assert s.nav.find("water_src") == ("water_src",)
    assert s.nav.next(("water_src",)) is None


def test_typed_values_are_parsed_by_type(s: FormSession) -> None:
    assert s.enter(("members", 0, "birth"), "02/04/2511").value == dt.date(1968, 4, 2)
    bad = s.enter(("members", 0, "age"), "12a")
    assert not bad.ok and bad.problem is not None and bad.problem.kind == "integer"
    assert "ต้องเป็นจำนวนเต็ม" in bad.problem.message("th")
    assert not s.enter(("survey_date",), "31/02/2565").ok
    assert s.display(("members", 0, "birth")) == "02/04/2511"


def test_bounds_length_pattern_and_choices(s: FormSession) -> None:
    assert s.enter(("members", 0, "age"), "121").problem.kind == "max"  # type: ignore[union-attr]
    assert s.enter(("members", 0, "age"), "-1").problem.kind == "min"  # type: ignore[union-attr]
    assert s.enter(("members", 0, "first_name"), "x" * 31).problem.kind == "length_max"  # type: ignore[union-attr]
    assert s.enter(("house_no",), "12/3").ok
    assert s.enter(("house_no",), "12-3").problem.kind == "pattern"  # type: ignore[union-attr]
    assert s.enter(("members", 0, "sex"), "3").problem.kind == "choice"  # type: ignore[union-attr]
    assert s.enter(("water_src",), "tap tap").problem.kind == "choice"  # type: ignore[union-attr]


def test_constraint_blocks_with_its_interpolated_message(s: FormSession) -> None:
    s.enter(("house_no",), "7")
    s.enter(("water_src",), "well")
    result = s.enter(("litres",), "5000")
    assert not result.ok
    assert result.problem is not None and result.problem.message("en") == "Too many for 7"
    assert s.raw(("litres",)) is None
    assert s.enter(("litres",), "80.5").ok


def test_warn_asks_for_confirmation_and_is_recorded(s: FormSession) -> None:
    result = s.enter(("members", 0, "age"), "104")
    assert result.needs_confirmation and not result.ok
    assert result.problem is not None and result.problem.message("en") == "Really …?"
    assert s.raw(("members", 0, "age")) is None
    assert s.enter(("members", 0, "age"), "104", confirm=True).ok
    assert "members[1].age" in s.confirmed
    assert [p for p, _ in s.confirmed_warnings()] == [("members", 0, "age")]
    s.enter(("members", 0, "age"), "40")
    assert s.confirmed == set()


def test_special_answers_are_blank_in_expressions(s: FormSession) -> None:
    assert s.set_special(("members", 0, "birth"), "dont_know").ok
    assert s.raw(("members", 0, "birth")) == Special("dont_know")
    assert s.value(("members", 0, "birth")) is None
    assert not s.set_special(("members", 0, "age"), "refused").ok


def test_required_and_repeat_bounds_at_completion(s: FormSession) -> None:
    s.remove_instance(("members",), 0)
    problems = {(p.where, p.problem.kind) for p in s.completion_problems()}
    assert ("house_no", "required") in problems
    assert ("members", "repeat_min") in problems
    s.enter(("house_no",), "1")
    s.add_instance(("members",))
    fill_member(s, 0, "Malee", "2", 30)
    problems = {(p.where, p.problem.kind) for p in s.completion_problems()}
    assert problems == {("members[1].pregnant", "required"), ("income", "required")}
    s.enter(("members", 0, "pregnant"), "2")
    s.set_special(("income",), "refused")
    assert s.completion_problems() == []


def test_repeat_add_insert_move_remove_and_max(s: FormSession) -> None:
    fill_member(s, 0, "A", "1", 40)
    s.add_instance(("members",))
    fill_member(s, 1, "B", "2", 10)
    s.add_instance(("members",), at=0)
    fill_member(s, 0, "C", "1", 70)
    assert [s.instance_label(("members",), i) for i in range(3)] == ["C (1)", "A (2)", "B (3)"]
    s.move_instance(("members",), 0, 2)
    assert [s.value(("members", i, "first_name")) for i in range(3)] == ["A", "B", "C"]
    assert s.value(("adults",)) == 2
    s.remove_instance(("members",), 1)
    assert s.value(("size",)) == 2 and s.value(("adults",)) == 2
    for _ in range(3):
        s.add_instance(("members",))
    assert s.can_add(("members",)) is not None
    with pytest.raises(ValueError, match="At most 5"):
        s.add_instance(("members",))


def test_calculations_follow_answers_and_relevance(s: FormSession) -> None:
    assert s.value(("size",)) == 1
    assert s.value(("adults",)) == 0
    assert not s.is_relevant(("income",))
    fill_member(s, 0, "A", "1", 40)
    assert s.value(("adults",)) == 1 and s.is_relevant(("income",))
    s.enter(("income",), "90000")
    s.add_instance(("members",))
    fill_member(s, 1, "B", "2", 10)
    assert s.value(("per_person",)) == 45000
    s.enter(("members", 0, "age"), "17")
    assert not s.is_relevant(("income",))
    assert s.value(("income",)) is None  # not relevant: blank for every expression
    assert s.value(("per_person",)) is None
    assert s.raw(("income",)) == 90000  # but kept in the draft


def test_read_only_and_calculated_fields_refuse_edits(s: FormSession) -> None:
    result = s.enter(("size",), "3")
    assert not result.ok and result.problem is not None and result.problem.kind == "read_only"


def test_labels_interpolate_answers_in_the_session_language(s: FormSession) -> None:
    assert s.label(("note1",)) == "House …"
    s.enter(("house_no",), "12/3")
    assert s.label(("note1",)) == "House 12/3"
    s.lang = "th"
    assert s.label(("note1",)) == "บ้าน 12/3"


def test_carry_copies_marked_answers_from_the_previous_record() -> None:
    s = session_of(HOUSEHOLD, carry={"village": "Ban Kong", "house_no": "1"})
    assert s.value(("village",)) == "Ban Kong"
    assert s.value(("house_no",)) is None


def test_count_fixes_the_number_of_instances() -> None:
    s = session_of("""\
        fields:
          - {name: n, type: integer, label: N}
          - repeat: kids
            label: K
            count: ${n}
            fields:
              - {name: k, type: integer, label: K, default: 1}
              - {name: idx, type: calculate, calculate: 'position() * 10'}
          - {name: total, type: calculate, calculate: 'sum(${kids}, ${k} + ${idx})'}
        """)
    assert s.instance_count(("kids",)) == 0
    s.enter(("n",), "3")
    assert s.instance_count(("kids",)) == 3
    assert s.value(("total",)) == 3 + 60
    assert s.can_add(("kids",)) is not None
    s.enter(("n",), "1")
    assert s.instance_count(("kids",)) == 1 and s.value(("total",)) == 11
    s.clear(("n",))
    assert s.instance_count(("kids",)) == 1  # a blank count never deletes what was typed


def test_choice_filter_cascade_offers_only_matching_choices() -> None:
    s = session_of("""\
        choices:
          province:
            - {value: "16", label: ลพบุรี}
            - {value: "17", label: สิงห์บุรี}
          amphoe:
            - {value: "1601", label: เมืองลพบุรี, province: "16"}
            - {value: "1602", label: พัฒนานิคม, province: "16"}
            - {value: "1701", label: เมืองสิงห์บุรี, province: "17"}
        fields:
          - {name: province, type: select_one, choices: province, label: P}
          - {name: amphoe, type: select_one, choices: amphoe, label: A,
             choice_filter: 'province = ${province}'}
        """)
    assert s.choices(("amphoe",)) == []
    s.enter(("province",), "16")
    assert [c.value for c in s.choices(("amphoe",))] == ["1601", "1602"]
    assert not s.enter(("amphoe",), "1701").ok
    assert s.enter(("amphoe",), "1601").ok
    s.enter(("province",), "17")
    problems = [(p.where, p.problem.kind) for p in s.completion_problems()]
    assert problems == [("amphoe", "choice_filtered")]


def test_an_answer_change_recomputes_only_its_dependents(
    monkeypatch: pytest.MonkeyPatch, s: FormSession
) -> None:
    computed: list[str] = []
    original = s.recalc.compute

    def spy(name: str, holder: object) -> bool:
        computed.append(name)
        return original(name, holder)  # type: ignore[arg-type]

    monkeypatch.setattr(s.recalc, "compute", spy)
    s.enter(("house_no",), "5")
    assert computed == []
    s.enter(("members", 0, "age"), "30")
    assert set(computed) <= {"age_calc", "pregnant", "adults", "money", "income", "per_person"}
    assert "size" not in computed


def test_unknown_paths_raise_key_error(s: FormSession) -> None:
    with pytest.raises(KeyError):
        s.raw(("nothing",))
    with pytest.raises(KeyError):
        s.raw(("members", 5, "age"))
    with pytest.raises(KeyError):
        s.raw(("age",))


def test_literal_and_expression_defaults() -> None:
    s = session_of("""\
        fields:
          - {name: a, type: text, label: A, default: '12/3'}
          - {name: d, type: date, label: D, default: '2024-01-05'}
          - {name: e, type: date, label: E, default: 'today()'}
          - {name: n, type: decimal, label: N, default: 2.5}
          - {name: q, type: text, label: Q, default: "'x'"}
          - {name: r, type: integer, label: R, default: '${n} * 2'}
        """)
    assert s.to_data() == {
        "a": "12/3",
        "d": "2024-01-05",
        "e": "2022-06-15",
        "n": 2.5,
        "q": "x",
        "r": 5,
    }
