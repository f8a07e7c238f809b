"""The official content of the จปฐ. form added in version 2565.2: who is asked what, and the
indicator set's rounds.

Each test keys a household with `bmn_helpers.household` and checks which questions the
record asks (its navigation positions) and what it accepts.
"""

from __future__ import annotations

import re

import pytest
from bmn_helpers import ADULT, bmn_form, household, new_session, outcomes, person

from tui_cia.survey import FormSession
from tui_cia.survey.indicators import not_scored, plan_rounds


def asked(session: FormSession, member: int | None = None) -> set[str]:
    """The fields a record asks: of one member, or outside the roster."""
    if member is None:
        return {str(p[-1]) for p in session.nav.positions() if p[0] != "members"}
    return {str(p[-1]) for p in session.nav.positions() if p[:2] == ("members", member)}


def test_every_question_label_starts_with_its_official_number_or_none() -> None:
    """Numbered questions carry the official number first; a number is never invented
    for identification, land or roster items (they have none in the sources)."""
    unnumbered = {
        *"survey_round survey_date enumerator_name province amphoe tambon village_code".split(),
        *"has_house_no house_no house_code near_house_no soi road local_government".split(),
        *"local_government_name gps_point head_name informant_name".split(),
        *"dwelling_land dwelling_land_other dwelling_rai dwelling_wah dwelling_document".split(),
        *"work_land work_land_other work_rai work_wah work_document".split(),
        *"relation prefix first_name last_name sex national_id birth_date age education".split(),
        *"religion occupation health_status self_care study_only is_informant".split(),
        *"happiness certified verifier_name verified_date notes".split(),
    }
    number = re.compile(r"\d{1,2}(\.\d{1,2}){0,2}( \(\d\))?( / \d{1,2}\.\d)?(-\d+\.\d)?\.? ")
    for field in bmn_form().fields():
        if not field.shown or field.type == "note":
            continue
        label = field.label.get("th")
        if field.name in unnumbered:
            assert not number.match(label), field.name
        else:
            assert number.match(label), f"{field.name}: {label}"
            assert number.match(field.label.get("en")), field.name


def test_health_scheme_and_facilities_are_asked_of_every_member() -> None:
    session = household(ADULT, person(0, 3), person(10))
    for member in range(3):
        assert {"health_scheme", "facilities_used"} <= asked(session, member)
    assert "i06_screened" not in asked(session, 0)  # had the check-up


def test_the_screening_question_follows_a_missed_check_up() -> None:
    session = household(person(50, i06_checkup="2", i06_screened="1"), person(20))
    assert "i06_screened" in asked(session, 0)
    assert "i06_checkup" not in asked(session, 1)
    assert outcomes(session)["i06"] == "fail"
    path = ("members", 0, "facilities_used")
    assert not session.enter(path, "none clinic").ok  # "did not use" stands alone


def test_bouts_are_asked_only_when_exercise_falls_short() -> None:
    assert "i07_active_days" not in asked(household(ADULT), 0)
    short = household(person(40, i07_exercise_days="2", i07_active_days="5"))
    assert "i07_active_days" in asked(short, 0)
    assert outcomes(short)["i07"] == "pass"


def test_who_is_asked_about_work() -> None:
    session = household(
        ADULT,
        person(20, occupation="02", study_only="1"),
        person(30, health_status="2", self_care="2", occupation="01"),
        person(70, health_status="3", occupation="01", work_status="3"),
        person(16, occupation="04"),
    )
    assert "study_only" in asked(session, 1) and "study_only" not in asked(session, 4)
    assert "work_status" not in asked(session, 1)  # only studies
    assert "work_status" not in asked(session, 2)  # disabled, cannot take care of himself
    assert {"work_status", "i20_wants_work"} <= asked(session, 3)  # 21.2 and 21.4
    assert "work_status" in asked(session, 4)


def test_finishing_m3_is_asked_at_any_age_of_those_whose_level_is_m3() -> None:
    session = household(ADULT, person(45, education="3"), person(15, education="2"))
    assert "i17_finished_m3" in asked(session, 1)
    assert "i17_finished_m3" not in asked(session, 2)


def test_credit_access_asks_an_amount_for_each_source_applied_to() -> None:
    none = household()
    assert not {"credit_baac", "credit_enough"} & asked(none)
    session = household(credit_sources="baac lender", credit_baac="80000", credit_lender="0")
    assert {"credit_baac", "credit_lender", "credit_enough"} <= asked(session)
    assert not {"credit_coop", "credit_other", "credit_needed"} & asked(session)
    assert not session.enter(("credit_sources",), "none baac").ok
    short = household(
        credit_sources="other",
        credit_other_source="ญาติ",
        credit_other="5000",
        credit_enough="2",
        credit_needed="20000",
    )
    assert {"credit_other_source", "credit_needed"} <= asked(short)
    assert short.completion_problems() == []


def test_debts_ask_persons_and_amount_for_each_kind() -> None:
    session = household(
        ADULT,
        person(38),
        debt_informal="1",
        debt_informal_persons="1",
        debt_informal_baht="30000",
    )
    assert {"debt_informal_persons", "debt_informal_baht"} <= asked(session)
    assert not {"debt_institution_persons", "debt_fund_baht"} & asked(session)
    assert not session.enter(("debt_informal_persons",), "3").ok  # only 2 members
    assert session.completion_problems() == []


def test_state_and_community_welfare_and_the_disability_card() -> None:
    session = household(
        ADULT,
        person(30, health_status="2", self_care="2", occupation="01"),
        state_welfare="1",
        state_welfare_what="เบี้ยความพิการ",
    )
    assert {"state_welfare", "state_welfare_what", "community_welfare"} <= asked(session)
    assert "community_welfare_what" not in asked(session)
    assert "i28_disability_card" in asked(session, 1)
    assert "i28_disability_card" not in asked(session, 0)


def test_land_questions_follow_the_kind_of_land() -> None:
    own = household()
    assert {"dwelling_rai", "dwelling_wah", "dwelling_document", "work_land"} <= asked(own)
    assert not {"work_rai", "dwelling_land_other"} & asked(own)  # no work land
    rented = household(
        dwelling_land="2", work_land="5", work_land_other="ที่วัด", work_rai="3", work_wah="0"
    )
    assert "dwelling_document" not in asked(rented)
    assert {"work_land_other", "work_rai"} <= asked(rented)
    assert not rented.enter(("dwelling_wah",), "400").ok  # 400 square wah make a rai


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("14.8012, 100.6543", True),
        ("14.8012,100.6543", True),
        ("5.650, 101.070", True),
        ("20.45, 99.88", False),  # 3 decimals at least
        ("48.8566, 2.3522", False),  # Paris
        ("100.6543, 14.8012", False),  # swapped
    ],
)
def test_the_gps_point_is_typed_or_pasted_as_latitude_longitude(text: str, ok: bool) -> None:
    assert new_session().enter(("gps_point",), text).ok is ok


def test_the_verifier_gives_a_date_not_before_the_survey() -> None:
    session = household(
        survey_date="01/06/2565", verifier_name="นายตรวจ ถูกต้อง", verified_date="14/06/2565"
    )
    assert "verified_date" in asked(session)
    assert session.completion_problems() == []
    assert not session.enter(("verified_date",), "31/05/2565").ok
    assert "verified_date" not in asked(household())


def test_the_form_declares_the_rounds_of_its_indicator_set() -> None:
    form = bmn_form()
    assert form.settings.indicator_rounds == (2560, 2565)
    assert not_scored(form, 2564) is None and not_scored(form, 2565) is None
    assert not_scored(form, 2566) == (
        "round 2566 needs the 2566-2570 indicator set: this form's indicators "
        "(version 2565.2) are for rounds 2560-2565"
    )
    assert str(not_scored(form, 2559)).startswith("round 2559 needs the 2555-2559 indicator set")
    assert [plan_rounds(r) for r in (2555, 2564, 2565, 2570, 2571)] == [
        (2555, 2559),
        (2560, 2564),
        (2560, 2564),
        (2566, 2570),
        (2571, 2575),
    ]


def test_a_record_of_a_later_round_is_keyed_but_not_judged() -> None:
    session = new_session()
    assert session.enter(("survey_round",), "2566").needs_confirmation
    keyed = household(
        person(50, i06_checkup="2", i06_screened="2"),
        survey_round="2566",
        survey_date="01/06/2565",  # the round's window may open in the year before
    )
    assert keyed.completion_problems() == []
    assert keyed.indicator_results() == [] and keyed.failing_indicators() == []
    assert outcomes(household(person(50, i06_checkup="2", i06_screened="2")))["i06"] == "fail"
