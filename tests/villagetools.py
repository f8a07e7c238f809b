"""Test helpers for the village form (forms/village.yaml): a village that passes every
indicator, keyed answer by answer, and variations of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from formtools import FORMS

from tui_cia.survey import Form, FormSession, load_form

TODAY = dt.date(2023, 6, 15)  # 2566 B.E.
VILLAGE_FORM = FORMS / "village.yaml"

Path = tuple[str | int, ...]

# A village that passes every indicator, answer by answer (path, typed text).
GOOD: list[tuple[Path, str]] = [
    (("survey_round",), "2566"),
    (("survey_date",), "15/03/2566"),
    (("province",), "16"),
    (("amphoe",), "1601"),
    (("tambon",), "160104"),
    (("village_code",), "16010403"),
    (("informant_name",), "สมชาย ใจดี"),
    (("recorder_name",), "สมหญิง รักงาน"),
    (("recorder_role",), "1"),
    (("households",), "200"),
    (("males",), "300"),
    (("females",), "320"),
    (("elderly",), "124"),
    (("all_weather_road",), "1"),
    (("road_surface",), "1"),
    (("minutes_to_amphoe",), "25"),
    (("village_roads_km",), "8"),
    (("village_roads_good_km",), "7"),
    (("hh_electricity",), "200"),
    (("mobile_signal",), "1"),
    (("public_internet",), "1"),
    (("hh_internet",), "150"),
    (("village_water_supply",), "1"),
    (("hh_drinking_enough",), "200"),
    (("hh_water_use_enough",), "200"),
    (("occupations",), "rice wage"),
    (("hh_farming",), "120"),
    (("farm_water",), "1"),
    (("income_per_person",), "65000"),
    (("has_groups",), "1"),
    (("working_age",), "400"),
    (("unemployed",), "8"),
    (("workers_away",), "40"),
    (("workers_abroad",), "5"),
    (("daily_wage",), "350"),
    (("minimum_wage",), "340"),
    (("labour_shortage",), "1"),
    (("skills_training",), "1"),
    (("village_fund",), "1"),
    (("village_fund_members",), "180"),
    (("village_fund_capital",), "1200000"),
    (("savings_group",), "1"),
    (("savings_members",), "250"),
    (("savings_amount",), "500000"),
    (("funds_other",), "funeral welfare"),
    (("vhv_count",), "18"),
    (("health_station_km",), "3.5"),
    (("hh_toilet",), "200"),
    (("drug_problem",), "1"),
    (("n_schools",), "1"),
    (("child_centre",), "1"),
    (("children_out_of_school",), "0"),
    (("illiterate_adults",), "3"),
    (("learning_centre",), "1"),
    (("local_sages",), "2"),
    (("village_committee",), "1"),
    (("committee_members",), "15"),
    (("meetings_per_year",), "12"),
    (("participation_pct",), "70"),
    (("village_plan",), "1"),
    (("plan_year",), "2565"),
    (("community_forest",), "1"),
    (("forest_rai",), "150"),
    (("water_bodies",), "pond canal"),
    (("water_pollution",), "1"),
    (("waste_method",), "2"),
    (("problems",), "drought debt"),
    (("priority_problem",), "drought"),
]
GROUPS = [("กลุ่มทอผ้าบ้านโคกสูง", "handicraft", "25", "1"), ("กลุ่มข้าวกล้อง", "processing", "12", "2")]
# What a drug problem needs besides drug_problem = 0 and drug_users, to be complete.
DRUG_DETAILS: list[tuple[Path, str]] = [
    (("drug_ages",), "age_15_24"),
    (("drug_sources",), "outside"),
    (("drug_treated",), "1"),
]


def village_form() -> Form:
    return load_form(VILLAGE_FORM)


def enter(s: FormSession, path: Path, text: str) -> None:
    """Enter an answer, confirming a warning; fail the test if it is refused."""
    result = s.enter(path, text)
    if result.needs_confirmation:
        result = s.enter(path, text, confirm=True)
    assert result.ok, (path, text, result.problem and result.problem.message("en"))


def filled(form: Form, changes: Iterable[tuple[Path, str]] = ()) -> FormSession:
    """The good village, then `changes` entered in order."""
    s = FormSession(form, today=TODAY, lang="en")
    for path, text in GOOD:
        enter(s, path, text)
    for i, (name, kind, members, registered) in enumerate(GROUPS):
        if i >= s.instance_count(("groups",)):
            s.add_instance(("groups",))
        enter(s, ("groups", i, "group_name"), name)
        enter(s, ("groups", i, "group_type"), kind)
        enter(s, ("groups", i, "group_members"), members)
        enter(s, ("groups", i, "group_registered"), registered)
    for path, text in changes:
        enter(s, path, text)
    return s


def levels(s: FormSession) -> dict[str, int | None]:
    """Each indicator's level for this record (None where it does not apply)."""
    return {r.indicator.id: r.level for r in s.indicator_results()}
