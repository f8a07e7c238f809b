"""Shared helpers for the จปฐ. form tests: the form, ages as พ.ศ. birth dates, a household filler.

A household is built from a minimal valid one in which every applicable indicator passes: each
test overrides only the answers its indicator needs (household answers by field name, member
answers per `Person`). Answers are typed as text, as the entry screen types them; a text that
starts with `!` is a special answer (`!dont_know`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from formtools import FORMS, TODAY

from tui_cia.survey import FieldPath, Form, FormSession, load_form

BMN = FORMS / "bmn.yaml"
FIRST_NAMES = ("สมชาย", "สมศรี", "มานะ", "มานี", "ปิติ", "ชูใจ", "วีระ", "ดวงใจ")
SURNAME = "ใจดี"

# The answers of a household in which every household indicator passes.
HOUSEHOLD_PASSES: dict[str, str] = {
    "enumerator_name": "นางสาวพัฒนา รักชุมชน",
    "has_house_no": "1",
    "house_no": "12/3",
    "house_code": "16990012345",
    "near_house_no": "14",
    "head_name": f"{FIRST_NAMES[0]} {SURNAME}",
    "informant_name": f"{FIRST_NAMES[0]} {SURNAME}",
    "local_government": "sao",
    "dwelling_land": "1",
    "dwelling_rai": "0",
    "dwelling_wah": "80",
    "dwelling_document": "chanote",
    "work_land": "6",
    **dict.fromkeys(
        "i04_1_fda_food i04_2_cooked_meat i04_3_safe_vegetables i04_4_hand_washing"
        " i05_1_household_remedies i05_2_no_drug_sets i05_3_no_unlabelled_herbal"
        " i05_4_no_false_supplements i08_1_secure_tenure i08_2_durable_house"
        " i09_drinking_water i10_household_water i11_1_clean_rooms i11_2_kitchen"
        " i11_3_water_storage i11_4_pest_control i11_6_drainage i11_7_toilet i11_8_chemicals"
        " i13_1_vehicles i13_2_electricity i13_3_work_safety i13_4_disaster_ready"
        " i30_community i31_1_time_together i31_2_respect i31_3_mutual_help"
        " i31_has_relatives i31_visits i31_happy_alone certified".split(),
        "1",
    ),
    **dict.fromkeys(
        "i13_disaster i14_1_murder i14_2_assault i14_3_property_crime i14_5_intrusion"
        " i14_6_other_crime i25_earner_smokes debt_institution debt_fund debt_informal"
        " state_welfare community_welfare".split(),
        "2",
    ),
    "i11_5_waste": "equipment sorting dry_disposal wet_disposal",
    "i12_pollution": "none",
    "i12_source": "agriculture",
    "i12_source_other": "โรงสีข้าว",
    "i13_disaster_types": "flood",
    "i13_work_ill": "0",
    "i14_loss_baht": "5000",
    "income_main": "400000",
    "income_secondary": "0",
    "income_other": "0",
    "income_food_value": "0",
    "exp_production": "20000",
    "exp_necessary": "120000",
    "exp_unnecessary": "0",
    "exp_debt": "0",
    "credit_sources": "none",
    "i23_savings": "bank",
    "i23_savings_other": "สลากออมสิน",
    "i23_amount": "20000",
    "i24_earner_drinks": "!not_applicable",
    "happiness": "8",
}

# The answers of a member who passes every person indicator that applies to them.
PERSON_PASSES: dict[str, str] = {
    "occupation": "03",
    "health_status": "1",
    "religion": "buddhism",
    "self_care": "1",
    "study_only": "2",
    "welfare_card": "2",
    "i01_birth_weight": "3000",
    "i02_breastfed_so_far": "1",
    "i02_breastfed": "1",
    "i03_vaccinated": "1",
    "health_scheme": "nhso",
    "facilities_used": "health_centre",
    "i06_checkup": "1",
    "i06_screened": "1",
    "i07_exercise_days": "3",
    "i07_active_days": "5",
    "i15_preschool": "1",
    "i16_in_school": "1",
    "i16_activity": "idle",
    "i17_finished_m3": "2",
    "i17_continued": "1",
    "i18_trained": "1",
    "i18_wants_training": "1",
    "i19_literate": "1",
    "work_status": "1",
    "i20_wants_work": "1",
    "i24_drinks": "2",
    "i25_smokes": "2",
    "i26_religious": "1",
    "i27_elder_care": "1",
    "i28_disability_card": "1",
    "i28_disabled_care": "1",
    "i29_chronic_care": "1",
}


@dataclass(frozen=True)
class Person:
    """A member `age` years and `months` months old on TODAY, with answers that differ."""

    age: int
    months: int = 0
    sex: str = "1"
    answers: Mapping[str, str] = field(default_factory=dict)


def person(age: int, months: int = 0, sex: str = "1", **answers: str) -> Person:
    return Person(age, months, sex, answers)


ADULT = person(40)


@functools.cache
def bmn_form() -> Form:
    return load_form(BMN)


def new_session() -> FormSession:
    return FormSession(bmn_form(), today=TODAY)


def born(years: int = 0, months: int = 0) -> str:
    """A พ.ศ. birth date for someone exactly `years` and `months` old on TODAY (the 15th)."""
    index = TODAY.year * 12 + TODAY.month - 1 - (years * 12 + months)
    year, month = divmod(index, 12)
    return f"01/{month + 1:02d}/{year + 543}"


def thai_id(serial: int) -> str:
    """A valid 13-digit Thai id: 1 + the serial in 11 digits + the check digit."""
    body = f"1{serial:011d}"
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(body))
    return body + str((11 - total % 11) % 10)


def area_answers() -> dict[str, str]:
    """Province, amphoe, tambon and village of the first village in the area lists."""
    lists = bmn_form().choices
    village = lists["villages"].choices[0]
    tambon = lists["tambons"].by_value[village.columns["tambon"]]
    amphoe = lists["amphoes"].by_value[tambon.columns["amphoe"]]
    return {
        "province": str(amphoe.columns["province"]),
        "amphoe": amphoe.value,
        "tambon": tambon.value,
        "village_code": village.value,
    }


def member_answers(index: int, who: Person) -> dict[str, str]:
    """Every answer a member may be asked, passing unless `who` says otherwise."""
    adult = who.age >= 15
    male = who.sex == "1"
    answers = {
        "relation": "1" if index == 0 else "3",
        "prefix": ("1" if male else "3") if adult else ("4" if male else "5"),
        "first_name": FIRST_NAMES[index % len(FIRST_NAMES)],
        "last_name": SURNAME,
        "sex": who.sex,
        "national_id": thai_id(index + 1),
        "birth_date": born(who.age, who.months),
        "education": "4" if adult else ("1" if who.age < 12 else "2"),
        "is_informant": "1" if index == 0 else "2",
        **PERSON_PASSES,
    }
    answers.update(who.answers)
    return answers


def enter(session: FormSession, path: FieldPath, text: str) -> None:
    """Type one answer, confirming any warning; a `!name` text is a special answer."""
    if text.startswith("!"):
        result = session.set_special(path, text[1:])
    else:
        result = session.enter(path, text, confirm=True)
    problem = result.problem.message("en") if result.problem else None
    assert result.ok, f"{path} = {text!r}: {problem}"


def household(*members: Person, **answers: str) -> FormSession:
    """A household of `members` (default one adult head), filled field by field."""
    people = members or (ADULT,)
    session = new_session()
    while session.instance_count(("members",)) < len(people):
        session.add_instance(("members",))
    given = {**area_answers(), **answers}
    by_member = [member_answers(i, who) for i, who in enumerate(people)]
    path = session.nav.first()
    while path is not None:
        text = _answer(session, path, given, by_member)
        if text is not None:
            enter(session, path, text)
        path = session.nav.next(path)
    return session


def _answer(
    session: FormSession, path: FieldPath, given: Mapping[str, str], by_member: list[dict[str, str]]
) -> str | None:
    item, _ = session.field_at(path)
    name = str(path[-1])
    if not item.editable:
        return None
    if path[0] == "members":
        return by_member[int(path[1])].get(name)
    if name in given:
        return given[name]
    if session.raw(path) is not None:
        return None  # keep the default (round, survey date)
    return HOUSEHOLD_PASSES.get(name)


def outcomes(session: FormSession) -> dict[str, str]:
    """Each indicator's household outcome: pass, fail or na."""
    return {r.indicator.id: r.outcome for r in session.indicator_results()}


def persons(session: FormSession, indicator: str) -> list[str]:
    """The per-member outcomes of a person indicator, in roster order."""
    result = next(r for r in session.indicator_results() if r.indicator.id == indicator)
    return [outcome for _, outcome in result.persons]
