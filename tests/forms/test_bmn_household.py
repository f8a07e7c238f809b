"""The จปฐ. household form end to end: one household of four keyed field by field, and skip rules.

The end-to-end test walks the record the way the entry screen does, without Textual: from
`nav.first()` through `nav.next()`, typing each visible field's answer as text, confirming a
warning when the answer needs it, and adding the next member at the end of the roster.
"""

from __future__ import annotations

import datetime as dt

from bmn_helpers import (
    ADULT,
    BMN,
    area_answers,
    bmn_form,
    household,
    new_session,
    outcomes,
    person,
    persons,
    thai_id,
)
from formtools import BMN_WELL_OFF, TODAY

from tui_cia.survey import FieldPath, FormSession, check_file

# The household: answers by field name, typed as text. The survey date falls in December of
# the year before the round (the collection window starts then), so it asks for confirmation.
ANSWERS = {
    "survey_date": "28/12/2564",
    "enumerator_name": "นางสาวพัฒนา รักชุมชน",
    "has_house_no": "1",
    "house_no": "45/2",
    "house_code": "16010045021",
    "head_name": "สมชาย ใจดี",
    "informant_name": "สมศรี ใจดี",
    "soi": "ร่วมใจ",
    "local_government": "sao",
    "local_government_name": "อบต.ตัวอย่าง",
    "gps_point": "14.8012, 100.6543",
    "dwelling_land": "1",
    "dwelling_rai": "0",
    "dwelling_wah": "120",
    "dwelling_document": "chanote",
    "work_land": "2",
    "work_rai": "12",
    "work_wah": "0",
    **dict.fromkeys(BMN_WELL_OFF, "1"),
    **dict.fromkeys(
        "i14_1_murder i14_2_assault i14_3_property_crime i14_5_intrusion i14_6_other_crime"
        " debt_fund debt_informal community_welfare".split(),
        "2",
    ),
    "i11_5_waste": "equipment sorting dry_disposal wet_disposal",
    "i12_pollution": "none",
    "i13_disaster": "1",
    "i13_disaster_types": "flood storm",
    "i13_work_ill": "0",
    "income_main": "120,000",
    "income_secondary": "20000",
    "income_other": "12000",
    "income_food_value": "8000",
    "exp_production": "30000",
    "exp_necessary": "90000",
    "exp_unnecessary": "6000",
    "exp_debt": "12000",
    "credit_sources": "baac government_fund",
    "credit_baac": "50000",
    "credit_government_fund": "0",
    "credit_enough": "2",
    "credit_needed": "20000",
    "debt_institution": "1",
    "debt_institution_persons": "1",
    "debt_institution_baht": "80000",
    "state_welfare": "1",
    "state_welfare_what": "เบี้ยยังชีพผู้สูงอายุ",
    "i23_savings": "bank cash",
    "i23_amount": "15000",
    "i24_earner_drinks": "4",
    "happiness": "8",
    "notes": "หัวหน้าครัวเรือน ดื่มสุรา สัปดาห์ละครั้ง",
}
ADULT_ANSWERS = {
    "occupation": "03",
    "health_status": "1",
    "religion": "buddhism",
    "self_care": "1",
    "welfare_card": "2",
    "health_scheme": "nhso",
    "facilities_used": "health_centre",
    "i06_checkup": "1",
    "i07_exercise_days": "3",
    "i19_literate": "1",
    "work_status": "1",
    "i24_drinks": "2",
    "i25_smokes": "2",
    "i26_religious": "1",
}
MEMBERS = [
    {  # the head: drinks; exercises twice a week and is active on only 4 days
        **ADULT_ANSWERS,
        "relation": "1",
        "prefix": "1",
        "first_name": "สมชาย",
        "last_name": "ใจดี",
        "sex": "1",
        "national_id": "1101700230708",
        "birth_date": "02/04/2509",
        "education": "2",
        "is_informant": "2",
        "i07_exercise_days": "2",
        "i07_active_days": "4",
        "i24_drinks": "1",
        "welfare_card": "1",
    },
    {  # his wife: chronically ill and cared for, no check-up this year (screened instead)
        **ADULT_ANSWERS,
        "relation": "2",
        "prefix": "2",
        "first_name": "สมศรี",
        "last_name": "ใจดี",
        "sex": "2",
        "national_id": "3100600123450",
        "birth_date": "10/11/2513",
        "education": "3",
        "health_status": "3",
        "is_informant": "1",
        "i06_checkup": "2",
        "i06_screened": "1",
        "i17_finished_m3": "2",
        "i29_chronic_care": "1",
    },
    {  # their son: finished M.3 this year and went on to M.4
        **ADULT_ANSWERS,
        "relation": "3",
        "prefix": "1",
        "first_name": "มานะ",
        "last_name": "ใจดี",
        "sex": "1",
        "national_id": thai_id(7),
        "birth_date": "05/01/2549",
        "education": "3",
        "occupation": "02",
        "study_only": "1",
        "is_informant": "2",
        "i17_finished_m3": "1",
        "i17_continued": "1",
    },
    {  # their granddaughter, 7 months old: id not yet known
        "relation": "5",
        "prefix": "5",
        "first_name": "ชูใจ",
        "last_name": "ใจดี",
        "sex": "2",
        "national_id": "!dont_know",
        "birth_date": "20/05/2564",
        "religion": "buddhism",
        "health_status": "1",
        "health_scheme": "nhso",
        "facilities_used": "health_centre public_hospital",
        "i01_birth_weight": "2800",
        "i02_breastfed": "1",
        "i03_vaccinated": "1",
    },
]


def answer_for(path: FieldPath) -> str | None:
    name = str(path[-1])
    if path[0] == "members":
        return MEMBERS[int(path[1])].get(name)
    return {**area_answers(), **ANSWERS}.get(name)


def type_answer(session: FormSession, path: FieldPath, text: str) -> bool:
    """Type an answer as the entry screen does; True if a warning had to be confirmed."""
    if text.startswith("!"):
        assert session.set_special(path, text[1:]).ok
        return False
    result = session.enter(path, text)
    if result.needs_confirmation:
        result = session.enter(path, text, confirm=True)
        assert result.ok, path
        return True
    problem = result.problem.message("en") if result.problem else None
    assert result.ok, f"{path} = {text!r}: {problem}"
    return False


def key_household() -> tuple[FormSession, list[FieldPath]]:
    """Walk the record from its first field to its last; returns the confirmed fields."""
    session = FormSession(bmn_form(), today=TODAY)
    confirmed: list[FieldPath] = []
    path = session.nav.first()
    while path is not None:
        item, _ = session.field_at(path)
        text = answer_for(path) if item.editable else None
        if text is not None and type_answer(session, path, text):
            confirmed.append(path)
        following = session.nav.next(path)
        at_roster_end = path[0] == "members" and (following is None or following[0] != "members")
        if at_roster_end and session.instance_count(("members",)) < len(MEMBERS):
            index = session.add_instance(("members",))
            following = next(p for p in session.nav.positions() if p[:2] == ("members", index))
        path = following
    return session, confirmed


def test_the_form_checks_without_errors_or_warnings() -> None:
    assert check_file(BMN) == []
    form = bmn_form()
    assert form.warnings == []
    assert (form.id, form.version) == ("bmn", "2565.2")
    assert form.settings.area == "village_code" and form.settings.round == "survey_round"


def test_one_household_of_four_keyed_field_by_field() -> None:
    session, confirmed = key_household()
    assert confirmed == [("survey_date",)]
    assert session.completion_problems() == []
    assert session.instance_name() == "45/2 สมชาย ใจดี"
    data = session.to_data(complete=True)
    area = area_answers()
    identification = "survey_round survey_date village_code house_no house_code head_name"
    assert {k: data[k] for k in identification.split()} == {
        "survey_round": 2565,
        "survey_date": "2021-12-28",
        "village_code": area["village_code"],
        "house_no": "45/2",
        "house_code": "16010045021",
        "head_name": "สมชาย ใจดี",
    }
    assert data["province"] == area["province"] and data["has_house_no"] == "1"
    assert data["village_code"].startswith(data["tambon"])
    assert "near_house_no" not in data
    members = data["members"]
    assert [m["birth_date"] for m in members] == [
        "1966-04-02",
        "1970-11-10",
        "2006-01-05",
        "2021-05-20",
    ]
    assert [m["age"] for m in members] == [55, 51, 15, 0]
    assert members[3]["age_months"] == 7
    assert members[3]["national_id"] == {"special": "dont_know"}
    assert "i01_birth_weight" not in members[0] and "i06_checkup" not in members[3]
    assert (data["income_total"], data["income_per_person"], data["exp_total"]) == (
        160000,
        40000,
        138000,
    )
    assert data["n_members"] == 4
    assert (data["n_drinkers_20plus"], data["n_smokers_20plus"]) == (1, 0)


def test_the_keyed_household_fails_three_indicators() -> None:
    session, _ = key_household()
    results = outcomes(session)
    assert [i for i, o in results.items() if o == "fail"] == ["i06", "i07", "i24"]
    assert [i for i, o in results.items() if o == "na"] == "i15 i16 i18 i21 i27 i28".split()
    failing = {r.indicator.id: r.failing_persons for r in session.failing_indicators()}
    assert failing == {"i06": [1], "i07": [0], "i24": [0]}
    assert persons(session, "i06") == ["pass", "fail", "na", "na"]
    assert persons(session, "i07") == ["fail", "pass", "pass", "na"]
    assert persons(session, "i20") == ["pass", "pass", "na", "na"]
    assert persons(session, "i17") == ["na", "na", "pass", "na"]
    assert persons(session, "i29") == ["na", "pass", "na", "na"]
    assert persons(session, "i02") == ["na", "na", "na", "pass"]


def member_fields(session: FormSession, index: int) -> set[str]:
    return {str(p[-1]) for p in session.nav.positions() if p[:2] == ("members", index)}


def test_an_adult_is_not_asked_the_child_questions() -> None:
    session = household(ADULT, person(20))
    asked = member_fields(session, 1)
    child = "i01_birth_weight i02_breastfed i03_vaccinated i15_preschool i16_in_school"
    assert asked.isdisjoint([*child.split(), "i17_finished_m3", "i27_elder_care"])
    assert {"i07_exercise_days", "i19_literate", "work_status", "i24_drinks"} <= asked
    assert "i06_checkup" not in asked and "i06_checkup" in member_fields(session, 0)


def test_a_baby_is_asked_only_the_baby_questions() -> None:
    session = household(ADULT, person(0, 8))
    assert member_fields(session, 1) == {
        *"relation prefix first_name last_name sex national_id birth_date age".split(),
        *"religion health_status health_scheme facilities_used".split(),
        *"i01_birth_weight i02_breastfed i03_vaccinated".split(),
    }


def test_no_member_under_one_makes_i01_not_applicable() -> None:
    session = household(ADULT, person(3))
    assert outcomes(session)["i01"] == "na"
    assert all(p[-1] != "i01_birth_weight" for p in session.nav.positions())
    assert outcomes(session)["i15"] == "pass"


def test_birth_weight_is_bounded_and_unusual_weights_are_confirmed() -> None:
    session = household(ADULT, person(0, 2))
    path = ("members", 1, "i01_birth_weight")
    assert session.enter(path, "400").problem.kind == "min"  # type: ignore[union-attr]
    assert session.enter(path, "6500").problem.kind == "max"  # type: ignore[union-attr]
    assert session.enter(path, "1400").needs_confirmation
    assert session.enter(path, "1400", confirm=True).ok
    assert outcomes(session)["i01"] == "fail"


def test_a_household_without_a_house_number_gives_a_nearby_one() -> None:
    session = household(has_house_no="2", near_house_no="14/1")
    names = {str(p[-1]) for p in session.nav.positions()}
    assert "near_house_no" in names and not {"house_no", "house_code"} & names
    assert session.completion_problems() == []
    assert session.instance_name() == "ใกล้ 14/1 สมชาย ใจดี"


def test_the_warm_family_questions_follow_the_household_size() -> None:
    alone = {str(p[-1]) for p in household().nav.positions()}
    family = {str(p[-1]) for p in household(ADULT, person(38, sex="2")).nav.positions()}
    assert {"i31_has_relatives", "i31_visits"} <= alone
    assert "i31_1_time_together" not in alone
    assert {"i31_1_time_together", "i31_2_respect", "i31_3_mutual_help"} <= family
    assert "i31_has_relatives" not in family


def test_income_per_person_is_rounded_down() -> None:
    session = household(ADULT, person(38), person(10), income_main="100000")
    assert session.value(("income_total",)) == 100000
    assert session.value(("income_per_person",)) == 33333
    assert outcomes(session)["i22"] == "fail"


def test_the_area_lists_cascade() -> None:
    session = new_session()
    area = area_answers()
    assert session.choices(("amphoe",)) == []
    session.enter(("province",), area["province"])
    assert {c.columns["province"] for c in session.choices(("amphoe",))} == {area["province"]}
    session.enter(("amphoe",), area["amphoe"])
    session.enter(("tambon",), area["tambon"])
    villages = session.choices(("village_code",))
    assert area["village_code"] in [c.value for c in villages]
    assert all(c.value.startswith(area["tambon"]) for c in villages)


def test_a_new_record_carries_the_village_round_and_enumerator() -> None:
    previous = household(survey_round="2566", survey_date="15/06/2565")
    following = FormSession(bmn_form(), today=TODAY, carry=previous.to_data())
    for name in ("survey_round", "province", "amphoe", "tambon", "village_code"):
        assert following.value((name,)) == previous.value((name,))
    assert following.value(("enumerator_name",)) == "นางสาวพัฒนา รักชุมชน"
    assert following.value(("house_no",)) is None
    assert following.value(("survey_date",)) == TODAY


def test_the_survey_date_must_match_the_round_or_be_confirmed() -> None:
    session = new_session()
    assert session.value(("survey_round",)) == 2565
    assert session.value(("survey_date",)) == dt.date(2022, 6, 15)
    assert session.enter(("survey_date",), "01/06/2565").ok
    assert session.enter(("survey_date",), "01/06/2566").problem is not None  # after today
    assert session.enter(("survey_date",), "15/01/2564").needs_confirmation


def test_roster_checks_head_title_and_sex() -> None:
    session = household(ADULT, person(38, sex="2"))
    assert not session.enter(("members", 1, "relation"), "1").ok
    assert not session.enter(("members", 0, "relation"), "2").ok
    assert not session.enter(("members", 1, "sex"), "1").ok  # นางสาว is female
    warned = session.enter(("members", 1, "prefix"), "5")  # เด็กหญิง at 38
    assert warned.ok
    assert session.completion_problems()[0].path == ("members", 1, "birth_date")
