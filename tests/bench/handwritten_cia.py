"""The BMN indicators written by hand in plain pandas: the baseline of bench_analysis.py.

What an analyst would write without tui-cia: read the columns the 31 indicators need from
the flat tables (complete or verified, not deleted records), judge every rule with pandas
column operations and count passes and failures per area and round (persons for person
indicators, households for household ones). It does not use tui_cia.analysis.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

COUNTED = "h._status IN ('complete', 'verified') AND h._deleted = 0"
HOUSEHOLD = (
    "village_code survey_round n_members income_per_person i04_1_fda_food i04_2_cooked_meat "
    "i04_3_safe_vegetables i04_4_hand_washing i05_1_household_remedies i05_2_no_drug_sets "
    "i05_3_no_unlabelled_herbal i05_4_no_false_supplements i08_1_secure_tenure "
    "i08_2_durable_house i09_drinking_water i10_household_water i11_1_clean_rooms "
    "i11_2_kitchen i11_3_water_storage i11_4_pest_control i11_5_waste i11_6_drainage "
    "i11_7_toilet i11_8_chemicals i12_pollution i13_1_vehicles i13_2_electricity "
    "i13_3_work_safety i13_4_disaster_ready i14_1_murder i14_2_assault i14_3_property_crime "
    "i14_5_intrusion i14_6_other_crime i23_savings i30_community "
    "i31_1_time_together i31_2_respect i31_3_mutual_help i31_visits i31_happy_alone"
).split()
MEMBER = (
    "age age_months i01_birth_weight i02_breastfed i03_vaccinated i06_checkup "
    "i07_exercise_days i07_active_days i15_preschool i16_in_school i17_finished_m3 "
    "i17_continued i18_target i18_trained i19_literate i20_target i21_target work_status "
    "i24_drinks i25_smokes i26_religious "
    "i27_elder_care i28_disabled_care i29_chronic_care health_status"
).split()


def _all(frame: pd.DataFrame, answers: dict[str, str]) -> pd.Series:
    """Every named answer equals its code (a blank fails)."""
    result = pd.Series(True, index=frame.index)
    for column, code in answers.items():
        result &= frame[column] == code
    return result


def _yes(frame: pd.DataFrame, *columns: str) -> pd.Series:
    return _all(frame, dict.fromkeys(columns, "1"))


def _chosen(answers: pd.Series, code: str) -> pd.Series:
    return (" " + answers.fillna("") + " ").str.contains(f" {code} ", regex=False)


def household_rules(h: pd.DataFrame) -> dict[str, tuple[pd.Series, pd.Series]]:
    """(applies, passes) of each household indicator."""
    every = pd.Series(True, index=h.index)
    waste = [_chosen(h["i11_5_waste"], c) for c in ("equipment", "sorting", "dry_disposal")]
    waste.append(_chosen(h["i11_5_waste"], "wet_disposal"))
    savings = h["i23_savings"].fillna("")
    crime = ["i14_1_murder", "i14_2_assault", "i14_3_property_crime"]
    family = _yes(h, "i31_1_time_together", "i31_2_respect", "i31_3_mutual_help")
    alone = _yes(h, "i31_visits") | _yes(h, "i31_happy_alone")
    rules = {
        "i04": _yes(h, "i04_1_fda_food", "i04_2_cooked_meat")
        & _yes(h, "i04_3_safe_vegetables", "i04_4_hand_washing"),
        "i05": _yes(h, "i05_1_household_remedies", "i05_2_no_drug_sets")
        & _yes(h, "i05_3_no_unlabelled_herbal", "i05_4_no_false_supplements"),
        "i08": _yes(h, "i08_1_secure_tenure", "i08_2_durable_house"),
        "i09": _yes(h, "i09_drinking_water"),
        "i10": _yes(h, "i10_household_water"),
        "i11": _yes(h, "i11_1_clean_rooms", "i11_2_kitchen", "i11_3_water_storage")
        & _yes(h, "i11_4_pest_control", "i11_6_drainage", "i11_7_toilet", "i11_8_chemicals")
        & waste[0]
        & waste[1]
        & waste[2]
        & waste[3],
        "i12": _chosen(h["i12_pollution"], "none"),
        "i13": _yes(h, "i13_1_vehicles", "i13_2_electricity", "i13_3_work_safety")
        & _yes(h, "i13_4_disaster_ready"),
        "i14": _all(h, dict.fromkeys([*crime, "i14_5_intrusion", "i14_6_other_crime"], "2")),
        "i22": h["income_per_person"] >= 38000,
        "i23": (savings.str.split().str.len() > 0) & ~_chosen(h["i23_savings"], "none"),
        "i30": _yes(h, "i30_community"),
        "i31": (family & (h["n_members"] > 1)) | (alone & ~(h["n_members"] > 1)),
    }
    return {name: (every, passes.fillna(False)) for name, passes in rules.items()}


def person_rules(m: pd.DataFrame) -> dict[str, tuple[pd.Series, pd.Series]]:
    """(applies, passes) of each person indicator."""
    age, months = m["age"], m["age_months"]
    six = age >= 6
    rules = {
        "i01": (months < 12, m["i01_birth_weight"] >= 2500),
        "i02": ((months >= 6) & (months < 12), m["i02_breastfed"] == "1"),
        "i03": (age <= 12, m["i03_vaccinated"] == "1"),
        "i06": (age >= 35, m["i06_checkup"] == "1"),
        "i07": (six, (m["i07_exercise_days"] >= 3) | (m["i07_active_days"] >= 5)),
        "i15": ((age >= 3) & (age <= 5), m["i15_preschool"] == "1"),
        "i16": ((age >= 6) & (age <= 14), m["i16_in_school"] == "1"),
        "i17": (m["i17_finished_m3"] == "1", m["i17_continued"] == "1"),
        "i18": (m["i18_target"] == 1, m["i18_trained"] == "1"),
        "i19": ((age >= 15) & (age <= 59), m["i19_literate"] == "1"),
        "i20": (m["i20_target"] == 1, m["work_status"] == "1"),
        "i21": (m["i21_target"] == 1, m["work_status"] == "1"),
        "i24": (six, m["i24_drinks"] == "2"),
        "i25": (six, m["i25_smokes"] == "2"),
        "i26": (six, m["i26_religious"] == "1"),
        "i27": (age >= 60, m["i27_elder_care"] == "1"),
        "i28": (m["health_status"] == "2", m["i28_disabled_care"] == "1"),
        "i29": (m["health_status"] == "3", m["i29_chronic_care"] == "1"),
    }
    return {name: (a.fillna(False), p.fillna(False)) for name, (a, p) in rules.items()}


def _count(rules: dict[str, tuple[pd.Series, pd.Series]], groups: list[pd.Series]) -> list:
    rows = []
    for name, (applies, passes) in rules.items():
        judged = pd.DataFrame({"passed": applies & passes, "failed": applies & ~passes})
        sums = judged.groupby(groups).sum()
        rows.append(sums.assign(indicator=name).set_index("indicator", append=True))
    return rows


def counts(conn: sqlite3.Connection, width: int = 8) -> pd.DataFrame:
    """Passed and failed per (area code of `width` digits, round, indicator)."""
    households = pd.read_sql_query(
        f"SELECT {', '.join('h.' + c for c in HOUSEHOLD)} FROM form_bmn h WHERE {COUNTED}",
        conn,
    )
    members = pd.read_sql_query(
        f"SELECT h.village_code, h.survey_round, {', '.join('m.' + c for c in MEMBER)} "
        f"FROM form_bmn_members m JOIN form_bmn h ON h._uuid = m._uuid WHERE {COUNTED}",
        conn,
    )
    by_house = [households["village_code"].str[:width], households["survey_round"]]
    by_person = [members["village_code"].str[:width], members["survey_round"]]
    table = pd.concat(
        _count(household_rules(households), by_house) + _count(person_rules(members), by_person)
    )
    return table.sort_index()
