"""The village (กชช. 2ค) form: it loads cleanly, and one village record is keyed end to end."""

from __future__ import annotations

import datetime as dt

import pytest
from formtools import FORMS

from tui_cia.survey import Form, FormSession, load_form

TODAY = dt.date(2023, 6, 15)  # 2566 B.E.

# A village that passes every indicator, answer by answer (path, typed text).
GOOD: list[tuple[tuple[str | int, ...], str]] = [
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
    (("workers_away",), "40"),
    (("has_groups",), "1"),
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


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(FORMS / "village.yaml")


def enter(s: FormSession, path: tuple[str | int, ...], text: str) -> None:
    result = s.enter(path, text)
    if result.needs_confirmation:
        result = s.enter(path, text, confirm=True)
    assert result.ok, (path, text, result.problem and result.problem.message("en"))


def filled(form: Form) -> FormSession:
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
    return s


def outcomes(s: FormSession) -> dict[str, str]:
    return {r.indicator.id: r.outcome for r in s.indicator_results()}


def test_the_form_loads_without_warnings(form: Form) -> None:
    assert form.warnings == []
    assert form.id == "village"
    assert form.version == "2566.1"
    assert 12 <= len(form.indicators) <= 20
    assert {i.unit for i in form.indicators} == {"household"}
    assert 5 <= len(form.dimensions) <= 7
    assert {i.dimension for i in form.indicators} == {d.id for d in form.dimensions}


def test_the_area_cascade_offers_only_the_chosen_parent(form: Form) -> None:
    s = FormSession(form, today=TODAY, lang="en")
    assert s.choices(("amphoe",)) == []
    enter(s, ("province",), "16")
    assert [c.value for c in s.choices(("amphoe",))] == [f"16{n:02d}" for n in range(1, 12)]
    assert not s.enter(("amphoe",), "1901").ok  # Mueang Saraburi is not in Lopburi
    enter(s, ("amphoe",), "1602")
    assert not s.enter(("tambon",), "160104").ok  # Kong Thanu is in Mueang Lopburi
    enter(s, ("amphoe",), "1601")
    assert len(s.choices(("tambon",))) == 24
    enter(s, ("tambon",), "160104")
    assert [c.value for c in s.choices(("village_code",))] == [
        f"160104{n:02d}" for n in range(1, 11)
    ]
    refused = s.enter(("village_code",), "16010101")  # a village of Thale Chup Son
    assert not refused.ok and refused.problem is not None
    assert refused.problem.kind == "choice_filtered"
    enter(s, ("village_code",), "16010403")
    enter(s, ("survey_round",), "2566")
    assert s.instance_name() == "Moo 3 Ban Khok Sung (2566)"


def test_a_complete_village_record(form: Form) -> None:
    s = filled(form)
    assert s.completion_problems() == []
    data = s.to_data(complete=True)
    assert data["village_code"] == "16010403"
    assert data["survey_round"] == 2566
    assert data["survey_date"] == "2023-03-15"
    assert data["occupations"] == ["rice", "wage"]
    assert [g["group_name"] for g in data["groups"]] == [g[0] for g in GROUPS]
    assert "drug_users" not in data  # skipped: no drug problem


def test_calculations(form: Form) -> None:
    s = filled(form)
    assert s.value(("population",)) == 620
    assert s.value(("persons_per_hh",)) == 3.1
    assert s.value(("roads_good_pct",)) == 87.5
    assert s.value(("electricity_pct",)) == 100
    assert s.value(("internet_pct",)) == 75
    assert s.value(("n_groups",)) == 2
    assert s.value(("group_members_total",)) == 37
    assert s.value(("n_groups_registered",)) == 1
    assert s.value(("savings_per_member",)) == 2000
    assert s.value(("hh_per_vhv",)) == 11.1
    enter(s, ("hh_electricity",), "150")
    assert s.value(("electricity_pct",)) == 75
    s.add_instance(("groups",))
    enter(s, ("groups", 2, "group_members"), "10")
    assert s.value(("group_members_total",)) == 47


def test_constraints_refuse_impossible_counts(form: Form) -> None:
    s = filled(form)
    too_many = s.enter(("hh_electricity",), "201")
    assert not too_many.ok and too_many.problem is not None
    assert too_many.problem.message("en") == "Cannot exceed the 200 households of the village"
    assert s.value(("hh_electricity",)) == 200
    assert not s.enter(("village_roads_good_km",), "9").ok
    assert not s.enter(("occupations",), "rice wage trade factory").ok
    assert not s.enter(("problems",), "none drought").ok
    assert not s.enter(("priority_problem",), "flood").ok  # not among the problems given
    assert not s.enter(("plan_year",), "2567").ok  # after the round


def test_a_warning_asks_for_confirmation(form: Form) -> None:
    s = filled(form)
    result = s.enter(("females",), "2000")  # 7.7 persons per household
    assert result.needs_confirmation and not result.ok
    assert s.enter(("females",), "2000", confirm=True).ok
    assert [p for p, _ in s.confirmed_warnings()] == [("females",)]


def test_skip_logic(form: Form) -> None:
    s = filled(form)
    assert not s.is_relevant(("drug_users",))
    enter(s, ("drug_problem",), "0")
    assert s.is_relevant(("drug_users",))
    problems = {p.where for p in s.completion_problems()}
    assert problems == {"drug_users", "drug_ages", "drug_sources", "drug_treated"}
    enter(s, ("has_groups",), "2")
    assert not s.is_relevant(("groups",))
    assert s.value(("n_groups",)) == 0
    assert "groups" not in s.to_data(complete=True)
    enter(s, ("occupations",), "trade factory")
    assert not s.is_relevant(("hh_farming",)) and not s.is_relevant(("farm_water",))


def test_the_groups_roster_needs_one_group_when_there_are_groups(form: Form) -> None:
    s = filled(form)
    for _ in range(s.instance_count(("groups",))):
        s.remove_instance(("groups",), 0)
    kinds = {(p.where, p.problem.kind) for p in s.completion_problems()}
    assert kinds == {("groups", "repeat_min")}


def test_a_good_village_passes_every_indicator(form: Form) -> None:
    s = filled(form)
    results = outcomes(s)
    assert results == dict.fromkeys(results, "pass")
    assert s.failing_indicators() == []


def test_a_weaker_village_fails_the_matching_indicators(form: Form) -> None:
    s = filled(form)
    enter(s, ("hh_electricity",), "190")
    enter(s, ("all_weather_road",), "2")
    enter(s, ("drug_problem",), "0")
    enter(s, ("has_groups",), "2")
    enter(s, ("occupations",), "trade")
    enter(s, ("income_per_person",), "30000")
    enter(s, ("vhv_count",), "10")
    results = outcomes(s)
    failing = {i for i, o in results.items() if o == "fail"}
    assert failing == {"i01", "i03", "i07", "i08", "i12", "i13"}
    assert results["i06"] == "na"  # no farming: farm water does not apply
    s.set_special(("income_per_person",), "dont_know")
    assert outcomes(s)["i08"] == "na"
