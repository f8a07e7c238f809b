"""Record data (FORMS-SPEC section 8): written from a session, read back, refused when wrong."""

from __future__ import annotations

import json

from formtools import TODAY, make_form
from test_session import HOUSEHOLD, fill_member

from tui_cia.survey import FormSession, load_data


def filled() -> FormSession:
    s = FormSession(make_form(HOUSEHOLD), today=TODAY)
    s.enter(("house_no",), "12/3")
    fill_member(s, 0, "สมชาย", "1", 54)
    s.enter(("members", 0, "birth"), "02/04/2511")
    s.add_instance(("members",))
    fill_member(s, 1, "มาลี", "2", 10)
    s.set_special(("members", 1, "birth"), "dont_know")
    s.enter(("water_src",), "tap rain")
    s.enter(("income",), "120000")
    return s


def test_data_has_the_section_8_shapes() -> None:
    data = filled().to_data(complete=True)
    assert data["house_no"] == "12/3"
    assert data["survey_date"] == "2022-06-15"
    assert data["round"] == 2565
    assert data["water_src"] == ["tap", "rain"]
    assert data["members"][0] == {
        "first_name": "สมชาย",
        "sex": "1",
        "birth": "1968-04-02",
        "age": 54,
        "age_calc": 54,
    }
    assert data["members"][1]["birth"] == {"special": "dont_know"}
    assert data["size"] == 2 and data["per_person"] == 60000
    assert "note1" not in data
    json.dumps(data, ensure_ascii=False)


def test_complete_data_leaves_out_answers_that_are_not_relevant() -> None:
    s = filled()
    s.enter(("water_src",), "well")
    s.enter(("litres",), "40")
    s.enter(("water_src",), "tap")
    assert "litres" not in s.to_data(complete=True)
    assert s.to_data()["litres"] == 40  # a draft keeps everything typed


def test_data_loads_back_to_the_same_data() -> None:
    original = filled().to_data()
    session, problems = load_data(
        make_form(HOUSEHOLD), json.loads(json.dumps(original)), today=TODAY
    )
    assert problems == []
    assert session.to_data() == original
    assert session.value(("members", 0, "birth")).year == 1968
    assert session.completion_problems() == []


def test_loading_does_not_apply_defaults() -> None:
    session, problems = load_data(make_form(HOUSEHOLD), {"house_no": "1"}, today=TODAY)
    assert problems == [] and session.value(("round",)) is None


def test_wrong_values_and_unknown_fields_are_all_reported() -> None:
    data = {
        "house_no": 12,
        "round": "2565",
        "colour": "red",
        "water_src": "tap",
        "members": [{"age": 1.5, "first_name": "x", "nick": "y"}],
        "survey_date": "15/06/2565",
    }
    _, problems = load_data(make_form(HOUSEHOLD), data, today=TODAY)
    found = {(p.where, p.problem.kind) for p in problems}
    assert found == {
        ("house_no", "wrong_type"),
        ("round", "wrong_type"),
        ("colour", "unknown_field"),
        ("water_src", "wrong_type"),
        ("members[1].age", "wrong_type"),
        ("members[1].nick", "unknown_field"),
        ("survey_date", "date"),
    }


def test_values_of_the_right_type_are_still_checked_like_typed_answers() -> None:
    data = {
        "house_no": "1",
        "members": [{"first_name": "x", "sex": "9", "age": 130}],
        "income": {"special": "not_applicable"},
    }
    session, problems = load_data(make_form(HOUSEHOLD), data, today=TODAY)
    assert problems == []
    found = {(p.where, p.problem.kind) for p in session.completion_problems(required=False)}
    assert found == {("members[1].sex", "choice"), ("members[1].age", "max"), ("income", "special")}


def test_repeat_instances_keep_stable_ids_through_a_round_trip() -> None:
    s = filled()
    first_id = s.instances(("members",))[0].iid
    s.add_instance(("members",), at=0)
    assert s.instances(("members",))[1].iid == first_id
    data = s.to_data(ids=True)
    assert data["members"][1]["_id"] == first_id and "_id" not in data
    again, problems = load_data(make_form(HOUSEHOLD), data, today=TODAY)
    assert problems == [] and again.to_data(ids=True) == data
    assert "_id" not in again.to_data()["members"][0]


def test_a_malformed_instance_id_is_reported() -> None:
    data = {"members": [{"_id": "../x", "first_name": "a"}]}
    _, problems = load_data(make_form(HOUSEHOLD), data, today=TODAY)
    assert [(p.where, p.problem.kind) for p in problems] == [("members[1]._id", "instance_id")]
