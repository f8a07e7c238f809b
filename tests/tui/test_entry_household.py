"""A whole จปฐ. household of four keyed in the entry screen with keys only, from Home to done.

The household is the one of tests/forms/test_bmn_household.py (a head, his wife, their son
who just finished M.3, a granddaughter of 7 months), typed through the screen this time:
every stop the screen shows is answered or passed, the survey date's warning is confirmed,
then F10 and Ctrl+S complete the record.
"""

from __future__ import annotations

import pytest
from drive import (
    ENUMERATOR,
    ROSTER,
    SAMPLE_DEVICE,
    current,
    entry,
    key_record,
    new_record,
    running,
    text_of,
)
from formtools import BMN_WELL_OFF
from textual.widgets import OptionList

from tui_cia.survey import path_str
from tui_cia.tui.screens.finish import FinishScreen
from tui_cia.tui.screens.home import HomeScreen

YES = "1"
NO = "2"
HOUSEHOLD = {
    # The survey date falls in December before the round: a warning to confirm.
    "survey_date": "28/12/2564",
    "enumerator_name": ENUMERATOR,  # replaces the name carried from the last record
    "has_house_no": YES,
    "house_no": "45/2",
    "house_code": "16010045021",
    "head_name": "สมชาย ใจดี",
    "informant_name": "สมศรี ใจดี",
    "local_government": "sao",
    "dwelling_land": YES,
    "dwelling_rai": "0",
    "dwelling_wah": "120",
    "dwelling_document": "chanote",
    "work_land": "6",
    **dict.fromkeys(BMN_WELL_OFF, YES),
    **dict.fromkeys(
        "i14_1_murder i14_2_assault i14_3_property_crime i14_5_intrusion i14_6_other_crime"
        " debt_institution debt_fund debt_informal state_welfare community_welfare".split(),
        NO,
    ),
    "i11_5_waste": "equipment sorting dry_disposal wet_disposal",
    "i12_pollution": "none",
    "i13_disaster": YES,
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
    "credit_sources": "none",
    "i23_savings": "bank cash",
    "i23_amount": "15000",
    "i24_earner_drinks": "4",
    "happiness": "8",
    "notes": "หัวหน้าครัวเรือน ดื่มสุรา สัปดาห์ละครั้ง",
}
ADULT = {
    "occupation": "03",
    "health_status": YES,
    "religion": "buddhism",
    "self_care": YES,
    "welfare_card": NO,
    "is_informant": NO,
    "health_scheme": "nhso",
    "facilities_used": "health_centre",
    "i06_checkup": YES,
    "i07_exercise_days": "3",
    "i19_literate": YES,
    "work_status": "1",
    "i24_drinks": NO,
    "i25_smokes": NO,
    "i26_religious": YES,
}
MEMBERS = [
    {  # the head: drinks, and exercises only twice a week
        **ADULT,
        "relation": "1",
        "prefix": "1",
        "first_name": "สมชาย",
        "last_name": "ใจดี",
        "sex": "1",
        "national_id": "1101700230708",
        "birth_date": "02/04/2509",
        "education": "2",
        "i07_exercise_days": "2",
        "i07_active_days": "4",
        "i24_drinks": YES,
        "welfare_card": YES,
    },
    {  # his wife, the informant: chronically ill and cared for, no check-up this year
        **ADULT,
        "relation": "2",
        "prefix": "2",
        "first_name": "สมศรี",
        "last_name": "ใจดี",
        "sex": "2",
        "national_id": "3100600123450",
        "birth_date": "10/11/2513",
        "education": "3",
        "health_status": "3",
        "is_informant": YES,
        "i06_checkup": NO,
        "i06_screened": YES,
        "i17_finished_m3": NO,
        "i29_chronic_care": YES,
    },
    {  # their son: finished M.3 this year and went on to M.4; his id is not known
        **ADULT,
        "relation": "3",
        "prefix": "1",
        "first_name": "มานะ",
        "last_name": "ใจดี",
        "sex": "1",
        "national_id": "!dont_know",
        "birth_date": "05/01/2549",
        "education": "3",
        "occupation": "02",
        "study_only": YES,
        "i17_finished_m3": YES,
        "i17_continued": YES,
    },
    {  # their granddaughter, 7 months old on the survey date
        "relation": "5",
        "prefix": "5",
        "first_name": "ชูใจ",
        "last_name": "ใจดี",
        "sex": "2",
        "national_id": "!dont_know",
        "birth_date": "20/05/2564",
        "religion": "buddhism",
        "health_status": YES,
        "health_scheme": "nhso",
        "facilities_used": "health_centre",
        "i01_birth_weight": "2800",
        "i02_breastfed": YES,
        "i03_vaccinated": YES,
    },
]
CARRIED = {  # from the last record keyed on this laptop (the sample's)
    ("survey_round",): "2565",
    ("province",): "16",
    ("amphoe",): "1601",
    ("tambon",): "160104",
    ("village_code",): "16010409",
}


@pytest.mark.slow
async def test_a_household_of_four_keyed_from_home_to_complete(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        session = screen.session
        # The area and round come from the last record; the survey date defaults to today.
        assert {path: session.display(path) for path in CARRIED} == CARRIED
        assert session.display(("survey_date",)) == "15/06/2565"
        # The screen opens at the first unanswered field.
        assert screen.path == ("has_house_no",)
        await pilot.press("pageup")  # back to the start of the section to key it all
        assert screen.path == ("survey_round",)

        keyed = await key_record(pilot, HOUSEHOLD, MEMBERS)

        assert current(app) == (None, None)  # the end of the form
        assert [k.path for k in keyed if k.warned] == [("survey_date",)]
        assert session.instance_count(ROSTER) == 4
        await pilot.press("f10")
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert session.completion_problems() == []
        shown = "\n".join(str(w.render()) for w in finish.query("Label, Static"))
        assert "ครบถ้วน พร้อมบันทึกเสร็จ" in shown  # nothing missing: ready to complete
        # The confirmed warning is listed, and the three indicators this household fails.
        lines = finish.query_one("#finish-lines", OptionList)
        assert lines.option_count == 1
        assert str(lines.get_option_at_index(0).prompt).startswith("! survey_date")
        failing = text_of(app, "#failing").splitlines()
        assert [line.split()[0] for line in failing] == ["6", "7", "24"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # completing leaves the record

        store = app.store
        (row,) = [r for r in store.list_records("bmn", status="complete") if r.uuid == uuid]
        assert (row.key, row.round, row.area) == ("16010409|45/2", 2565, "16010409")
        assert row.name == "45/2 สมชาย ใจดี"
        assert row.modified_by == ENUMERATOR
        data = store.data(uuid)
        assert {k: data[k] for k in ("survey_date", "house_no", "house_code", "head_name")} == {
            "survey_date": "2021-12-28",
            "house_no": "45/2",
            "house_code": "16010045021",
            "head_name": "สมชาย ใจดี",
        }
        assert data["enumerator_name"] == ENUMERATOR
        assert (data["village_code"], data["tambon"]) == ("16010409", "160104")
        members = data["members"]
        assert [(m["first_name"], m["last_name"]) for m in members] == [
            (m["first_name"], m["last_name"]) for m in MEMBERS
        ]
        assert [m["birth_date"] for m in members] == [
            "1966-04-02",
            "1970-11-10",
            "2006-01-05",
            "2021-05-20",
        ]
        # Ages in completed years on the survey date (28/12/2564), from the พ.ศ. birth dates.
        assert [m["age"] for m in members] == [55, 51, 15, 0]
        assert members[3]["age_months"] == 7
        assert members[3]["i01_birth_weight"] == 2800
        assert [m["national_id"] for m in members][2:] == [{"special": "dont_know"}] * 2
        assert data["n_members"] == 4
        assert (data["income_total"], data["income_per_person"]) == (160000, 40000)
        assert data["i11_5_waste"] == ["equipment", "sorting", "dry_disposal", "wet_disposal"]
        assert store.open(uuid).session.confirmed == {"survey_date"}

        changes = store.history(uuid)
        assert {(c.device, c.enumerator) for c in changes} == {(SAMPLE_DEVICE, ENUMERATOR)}
        assert [c.op for c in changes][:1] == ["create"]
        assert [(c.op, c.new) for c in changes][-1] == ("status", "complete")
        assert [c.label for c in changes if c.op == "add"] == [
            "members[2]",
            "members[3]",
            "members[4]",
        ]
        sets = [c for c in changes if c.op == "set"]
        # One `set` row per answer typed, in the order typed, labelled as people count.
        assert [c.label for c in sets] == [path_str(k.path) for k in keyed]
        by_label = {c.label: c for c in sets}
        assert by_label["members[2].first_name"].new == "สมศรี"
        assert by_label["members[4].birth_date"].new == "2021-05-20"
        assert by_label["members[3].national_id"].new == {"special": "dont_know"}
        assert by_label["enumerator_name"].old == "อาสาพัฒนา ใจดี"  # the sample's last
        assert by_label["survey_date"].old == "2022-06-15"
        assert by_label["house_no"].path == "house_no"
        member_ids = [m["_id"] for m in members]
        assert by_label["members[2].first_name"].path == f"members#{member_ids[1]}.first_name"


async def _to_roster_stop(pilot) -> None:
    """A new record keyed up to its roster stop."""
    await new_record(pilot)
    await key_record(pilot, HOUSEHOLD, until=ROSTER[0])


@pytest.mark.slow
async def test_enter_at_the_roster_stop_opens_the_first_member(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        await _to_roster_stop(pilot)
        assert entry(app).path == ROSTER
        await pilot.press("enter")
        assert entry(app).path == (*ROSTER, 0, "relation")
