"""The village form (a local profile in the style of กชช. 2ค): it loads cleanly, one village
record is keyed end to end, and its indicators, problem levels and development class."""

from __future__ import annotations

import pytest
from villagetools import DRUG_DETAILS, GROUPS, TODAY, enter, filled, levels, village_form

from tui_cia.survey import Form, FormSession


@pytest.fixture(scope="module")
def form() -> Form:
    return village_form()


def outcomes(s: FormSession) -> dict[str, str]:
    return {r.indicator.id: r.outcome for r in s.indicator_results()}


def test_the_form_loads_without_warnings(form: Form) -> None:
    assert form.warnings == []
    assert form.id == "village"
    assert form.version == "2566.2"
    assert [i.number for i in form.indicators] == list(range(1, 24))
    assert {i.unit for i in form.indicators} == {"household"}
    assert len(form.dimensions) == 7
    assert {i.dimension for i in form.indicators} == {d.id for d in form.dimensions}
    assert all(i.has_levels for i in form.indicators)
    assert [c.number for c in form.classes] == [1, 2, 3]


def test_the_form_says_it_is_a_local_profile_not_the_official_form(form: Form) -> None:
    assert "ไม่ใช่แบบสอบถามทางการ" in form.settings.title.get("th")
    assert "not the official" in form.settings.title.get("en")
    header = form.source.split("\nform:\n")[0]
    for words in ("NOT", "official กชช. 2ค questionnaire", "2566-2570", "inferred", "classes:"):
        assert words in header
    assert "LOCAL ASSUMPTION" in form.source  # above classes:
    labels = [c.label.get("th") for c in form.classes]
    assert labels == [
        "หมู่บ้านเร่งรัดพัฒนาอันดับ 1 (ล้าหลัง)",
        "หมู่บ้านเร่งรัดพัฒนาอันดับ 2 (ปานกลาง)",
        "หมู่บ้านเร่งรัดพัฒนาอันดับ 3 (ก้าวหน้า)",
    ]


def test_the_labour_section(form: Form) -> None:
    labour = [i for i in form.indicators if i.dimension == "labour"]
    assert [i.id for i in labour] == ["i21", "i22", "i23"]
    s = filled(form)
    assert s.value(("unemployed_pct",)) == 2
    assert s.value(("away_pct",)) == 10
    assert s.value(("wage_pct",)) == 102.9
    assert not s.enter(("unemployed",), "401").ok  # more than the working-age people
    assert not s.enter(("workers_abroad",), "41").ok  # more than those working away
    assert not s.enter(("working_age",), "621").ok  # more than the population
    assert s.enter(("working_age",), "100").needs_confirmation  # 16% of the people
    enter(s, ("workers_away",), "0")
    assert not s.is_relevant(("workers_abroad",))


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
    assert problems == {"drug_users", *(str(p[0]) for p, _ in DRUG_DETAILS)}
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
    enter(s, ("working_age",), "0")
    assert outcomes(s)["i21"] == "na" and outcomes(s)["i22"] == "na"
    s.set_special(("daily_wage",), "dont_know")
    assert outcomes(s)["i23"] == "na"


# ------------------------------------------------------------------ the 3-level problem scale

# (indicator, answers that make it level 2, answers that make it level 1); an indicator whose
# failures are all moderate (a yes/no answer shows no degree) has None for level 1.
LEVELS: list[
    tuple[str, list[tuple[tuple[str, ...], str]], list[tuple[tuple[str, ...], str]] | None]
] = [
    (
        "i01",
        [(("all_weather_road",), "2")],
        [(("all_weather_road",), "2"), (("minutes_to_amphoe",), "61")],
    ),
    ("i02", [(("village_roads_good_km",), "4")], [(("village_roads_good_km",), "3.9")]),
    ("i03", [(("hh_electricity",), "180")], [(("hh_electricity",), "179")]),
    ("i04", [(("mobile_signal",), "2")], [(("mobile_signal",), "3")]),
    ("i05", [(("hh_water_use_enough",), "160")], [(("hh_water_use_enough",), "159")]),
    ("i06", [(("farm_water",), "2")], [(("farm_water",), "3")]),
    ("i07", [(("has_groups",), "2")], None),
    ("i08", [(("income_per_person",), "30000")], [(("income_per_person",), "29999")]),
    ("i09", [(("savings_members",), "185")], [(("savings_group",), "2")]),
    ("i10", [(("hh_drinking_enough",), "160")], [(("hh_drinking_enough",), "159")]),
    ("i11", [(("hh_toilet",), "180")], [(("hh_toilet",), "179")]),
    ("i12", [(("vhv_count",), "8")], [(("vhv_count",), "7")]),
    (
        "i13",
        [(("drug_problem",), "0"), (("drug_users",), "6")],
        [(("drug_problem",), "0"), (("drug_users",), "7")],
    ),
    ("i14", [(("children_out_of_school",), "4")], [(("children_out_of_school",), "5")]),
    ("i15", [(("learning_centre",), "2")], None),
    ("i16", [(("meetings_per_year",), "6")], [(("meetings_per_year",), "5")]),
    ("i17", [(("participation_pct",), "30")], [(("participation_pct",), "29")]),
    ("i18", [(("plan_year",), "2563")], [(("village_plan",), "2")]),
    ("i19", [(("water_pollution",), "0")], None),
    ("i20", [(("waste_method",), "3")], [(("waste_method",), "4")]),
    ("i21", [(("unemployed",), "40")], [(("unemployed",), "41")]),
    ("i22", [(("workers_away",), "200")], [(("workers_away",), "201")]),
    ("i23", [(("daily_wage",), "272")], [(("daily_wage",), "271")]),
]
# The last answers at level 3, just inside each pass rule.
STILL_PASSING = [
    ("i03", [(("hh_electricity",), "200")]),
    ("i08", [(("income_per_person",), "38000")]),
    ("i12", [(("vhv_count",), "14"), (("households",), "200")]),  # 14 x 15 = 210
    ("i21", [(("unemployed",), "20")]),  # 5 %
    ("i22", [(("workers_away",), "120")]),  # 30 %
    ("i23", [(("daily_wage",), "340")]),
]


def test_a_good_village_is_at_level_3_everywhere_and_in_class_3(form: Form) -> None:
    s = filled(form)
    assert set(levels(s).values()) == {3}
    found = s.development_class()
    assert (found.number, found.serious, found.problems, found.judged) == (3, 0, 0, 23)
    assert found.score == 3


@pytest.mark.parametrize(("ident", "moderate", "serious"), LEVELS, ids=[c[0] for c in LEVELS])
def test_each_indicator_has_its_moderate_and_serious_answers(
    form: Form,
    ident: str,
    moderate: list[tuple[tuple[str, ...], str]],
    serious: list[tuple[tuple[str, ...], str]] | None,
) -> None:
    s = filled(form, moderate)
    assert levels(s)[ident] == 2
    assert outcomes(s)[ident] == "fail"
    changed = {k for k, v in levels(s).items() if v != 3}
    assert changed == {ident}, changed  # each case moves only its own indicator
    if serious is not None:
        s = filled(form, serious)
        assert levels(s)[ident] == 1
        assert {k for k, v in levels(s).items() if v != 3} == {ident}


@pytest.mark.parametrize(("ident", "answers"), STILL_PASSING, ids=[c[0] for c in STILL_PASSING])
def test_the_boundary_of_each_pass_rule_is_level_3(
    form: Form, ident: str, answers: list[tuple[tuple[str, ...], str]]
) -> None:
    assert levels(filled(form, answers))[ident] == 3


def test_an_indicator_that_does_not_apply_has_no_level(form: Form) -> None:
    s = filled(form, [(("occupations",), "trade")])  # no farming: i06 does not apply
    assert levels(s)["i06"] is None
    assert s.development_class().judged == 22


def test_a_blank_answer_fails_at_level_2_unless_serious_says_otherwise(form: Form) -> None:
    s = filled(form, [(("drug_problem",), "0")])
    s.set_special(("drug_users",), "dont_know")  # the number of users is not known
    assert levels(s)["i13"] == 2
    s = filled(form, [(("meetings_per_year",), "0")])  # no meeting: no participation asked
    assert not s.is_relevant(("participation_pct",))
    assert levels(s)["i17"] == 1  # coalesce(..., 0) < 30


# ------------------------------------------------------------------ the development class

SERIOUS_5 = [  # five indicators at level 1, nothing else failing
    (("mobile_signal",), "3"),
    (("farm_water",), "3"),
    (("waste_method",), "4"),
    (("village_plan",), "2"),
    (("children_out_of_school",), "5"),
]
MODERATE_6 = [  # six indicators at level 2, nothing else failing
    (("has_groups",), "2"),
    (("learning_centre",), "2"),
    (("water_pollution",), "0"),
    (("mobile_signal",), "2"),
    (("farm_water",), "2"),
    (("waste_method",), "3"),
]
CLASS_CASES = [
    ("nothing failing", [], 3, 0, 0),
    ("one serious", SERIOUS_5[:1], 3, 1, 1),
    (
        "one serious and four moderate",
        SERIOUS_5[:1] + MODERATE_6[:3] + [(("plan_year",), "2563")],
        3,
        1,
        5,
    ),
    ("five moderate", MODERATE_6[:5], 3, 0, 5),
    ("six moderate: class 2 by problems_at_least 6", MODERATE_6, 2, 0, 6),
    ("two serious: class 2 by serious_at_least 2", SERIOUS_5[:2], 2, 2, 2),
    ("four serious", SERIOUS_5[:4], 2, 4, 4),
    ("five serious: class 1 by serious_at_least 5", SERIOUS_5, 1, 5, 5),
]


@pytest.mark.parametrize(
    ("changes", "number", "serious", "problems"),
    [c[1:] for c in CLASS_CASES],
    ids=[c[0] for c in CLASS_CASES],
)
def test_the_class_at_the_boundaries_of_the_thresholds(
    form: Form,
    changes: list[tuple[tuple[str, ...], str]],
    number: int,
    serious: int,
    problems: int,
) -> None:
    found = filled(form, changes).development_class()
    assert (found.number, found.serious, found.problems) == (number, serious, problems)


def test_twelve_problems_make_class_1_and_eleven_class_2(form: Form) -> None:
    eleven = [  # 3 yes/no + 8 others at level 2, 0 at level 1
        *MODERATE_6[:3],
        (("all_weather_road",), "2"),
        (("hh_electricity",), "190"),
        (("mobile_signal",), "2"),
        (("farm_water",), "2"),
        (("income_per_person",), "35000"),
        (("vhv_count",), "10"),
        (("waste_method",), "3"),
        (("unemployed",), "30"),
    ]
    found = filled(form, eleven).development_class()
    assert (found.number, found.serious, found.problems) == (2, 0, 11)
    found = filled(form, [*eleven, (("hh_toilet",), "190")]).development_class()
    assert (found.number, found.serious, found.problems) == (1, 0, 12)


# ------------------------------------------------------------ the loader checks levels and classes

SCALE_BODY = """\
fields:
  - {name: a, type: integer, label: {th: ก, en: A}}
dimensions:
  - {id: d, label: {th: ด้าน, en: D}}
indicators:
  - id: i1
    dimension: d
    label: {th: หนึ่ง, en: One}
    pass: "${a} >= 10"
%s
  - id: i2
    dimension: d
    label: {th: สอง, en: Two}
    pass: "${a} >= 20"
    levels: {serious: "${a} < 5"}
%s"""
LEVELS_OK = '    levels: {serious: "${a} < 2"}'
CLASSES_OK = """\
classes:
  - {class: 1, label: {th: หนึ่ง, en: One}, serious_at_least: 2}
  - {class: 2, label: {th: สอง, en: Two}, problems_at_least: 1, score_below: 2.5}
  - {class: 3, label: {th: สาม, en: Three}}
"""


def scale_problems(levels: str = LEVELS_OK, classes: str = CLASSES_OK) -> list[str]:
    from formtools import problems_of

    return [f"{p.code} {p.message}" for p in problems_of(SCALE_BODY % (levels, classes))]


def test_a_good_scale_loads() -> None:
    assert scale_problems() == []
    assert scale_problems(levels="", classes="") == []  # levels are optional without classes


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (
            '    levels: {serius: "${a} < 2"}',
            "FORM004 unknown key 'serius' in levels: of indicator 'i1'; did you mean 'serious'?",
        ),
        ("    levels: {}", "FORM005 levels: of indicator 'i1' needs 'serious:'"),
        ('    levels: "${a} < 2"', "FORM006 indicator 'i1' levels: should be a mapping"),
        ('    levels: {serious: "${b} < 2"}', "FORM012"),
        ('    levels: {serious: "${a} <"}', "FORM015 in serious:"),
        ("    levels: {serious: \"${a} = 'x'\"}", "FORM016"),
    ],
    ids=[
        "unknown-key",
        "no-serious",
        "not-a-mapping",
        "unknown-field",
        "syntax",
        "number-and-text",
    ],
)
def test_bad_levels_are_refused(levels: str, expected: str) -> None:
    problems = scale_problems(levels=levels, classes="")
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        (
            "classes:\n  - {class: 1, label: L, serious_at_least: 1, typo: 2}\n"
            "  - {class: 2, label: L}\n",
            "FORM004 unknown key 'typo' in a development class",
        ),
        (
            "classes:\n  - {label: L, serious_at_least: 1}\n  - {class: 2, label: L}\n",
            "FORM005 a development class needs 'class:'",
        ),
        (
            "classes:\n  - {class: 1, serious_at_least: 1}\n  - {class: 2, label: L}\n",
            "FORM005 'label:' is required here",
        ),
        (
            "classes:\n  - {class: 1, label: L, serious_at_least: two}\n  - {class: 2, label: L}\n",
            "FORM006 'serious_at_least' should be a whole number",
        ),
        ("classes: {class: 1}\n", "FORM006 classes: should be a list"),
        ("classes:\n  - {class: 1, label: L}\n", "FORM049 classes: needs at least two classes"),
        (
            "classes:\n  - {class: 2, label: L, serious_at_least: 1}\n  - {class: 1, label: L}\n",
            "FORM049 class 2 is number 1 in the list",
        ),
        (
            "classes:\n  - {class: 1, label: L}\n  - {class: 2, label: L}\n",
            "FORM049 class 1 needs a threshold",
        ),
        (
            "classes:\n  - {class: 1, label: L, serious_at_least: 1}\n"
            "  - {class: 2, label: L, problems_at_least: 1}\n",
            "FORM049 class 2 is the last: it holds every other record, so it takes no threshold",
        ),
        (
            "classes:\n  - {class: 1, label: L, serious_at_least: 3}\n  - {class: 2, label: L}\n",
            "FORM049 class 1: serious_at_least 3 is not between 1 and the form's 2 indicators",
        ),
        (
            "classes:\n  - {class: 1, label: L, problems_at_least: 0}\n  - {class: 2, label: L}\n",
            "FORM049 class 1: problems_at_least 0 is not between 1",
        ),
        (
            "classes:\n  - {class: 1, label: L, score_below: 1}\n  - {class: 2, label: L}\n",
            "FORM049 class 1: score_below 1 is not above 1 and at most 3",
        ),
        (
            "classes:\n  - {class: 1, label: L, score_below: 3.5}\n  - {class: 2, label: L}\n",
            "FORM049 class 1: score_below 3.5",
        ),
    ],
    ids=[
        "unknown-key",
        "no-number",
        "no-label",
        "count-not-a-number",
        "not-a-list",
        "one-class",
        "out-of-order",
        "no-threshold",
        "last-with-threshold",
        "count-over-indicators",
        "count-zero",
        "score-at-1",
        "score-over-3",
    ],
)
def test_bad_classes_are_refused(classes: str, expected: str) -> None:
    problems = scale_problems(classes=classes)
    assert any(p.startswith(expected) for p in problems), problems


def test_classes_need_levels_on_every_indicator() -> None:
    problems = scale_problems(levels="")
    assert problems == [
        "FORM049 indicator 'i1' has no levels: a form with classes: judges every indicator "
        "on the 3 levels"
    ]


def test_the_shipped_rule_breaks_ties_by_the_first_class_reached() -> None:
    from tui_cia.survey.classes import classify

    rule = village_form().classes
    assert classify(rule, [1] * 5 + [3] * 18).number == 1  # serious_at_least 5
    assert classify(rule, [1] * 4 + [2] * 8).number == 1  # problems_at_least 12
    assert classify(rule, [1] * 4 + [2] * 7).number == 2
    assert classify(rule, [1] * 2).number == 2
    assert classify(rule, [1] + [2] * 4 + [None] * 3).number == 3
    assert classify(rule, [None, None]).number is None  # nothing judged: not classified
    assert classify(rule, []).score is None


def test_a_score_cut_off_compares_the_unrounded_mean_level() -> None:
    from tui_cia.survey.classes import classify
    from tui_cia.survey.schema import EMPTY_TEXT, DevClass
    from tui_cia.survey.yamlsrc import Pos

    at = Pos(1, 1)
    rule = [
        DevClass(1, EMPTY_TEXT, at, score_below=2.0),
        DevClass(2, EMPTY_TEXT, at, score_below=2.5),
        DevClass(3, EMPTY_TEXT, at),
    ]
    assert classify(rule, [1, 3]).number == 2  # 2.0 is not below 2.0
    assert classify(rule, [1, 2, 3, 1]).number == 1  # 1.75
    assert classify(rule, [2, 3]).number == 3  # 2.5 is not below 2.5
    assert classify(rule, [2, 3, 2, 3, 2, 3, 3, 2, 2]).number == 2  # 2.444...
    assert classify(rule, [3, 3, None]).score == 3
