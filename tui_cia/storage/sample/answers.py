"""Plausible answers of the sample's questions that no indicator reads: weights of choices,
ranges of numbers (passing, failing) and texts. Invented for the synthetic tambon."""

from __future__ import annotations

# Weights of the answers of a select question (a select_multiple gets one of them).
CHOICES: dict[str, dict[str, float]] = {
    "health_status": {"1": 87, "2": 3, "3": 10},
    "religion": {"buddhism": 95, "islam": 3, "christianity": 1, "none": 1},
    "health_scheme": {"nhso": 75, "social_security": 15, "civil_servant": 7, "private": 3},
    "facilities_used": {
        "health_centre": 45,
        "public_hospital": 28,
        "clinic": 10,
        "private_hospital": 4,
        "none": 13,
    },
    "i06_screened": {"1": 60, "2": 40},
    "study_only": {"1": 85, "2": 15},
    "local_government": {"sao": 1},
    "dwelling_land": {"1": 85, "2": 5, "3": 6, "5": 4},
    "dwelling_document": {"chanote": 70, "ns3": 15, "spk": 5, "sk1": 3, "other": 7},
    "work_land": {"1": 42, "2": 18, "3": 3, "5": 2, "6": 35},
    "work_document": {"chanote": 55, "ns3": 20, "spk": 15, "sk1": 4, "other": 6},
    "credit_sources": {
        "none": 55,
        "baac": 14,
        "government_fund": 14,
        "coop": 5,
        "savings_group": 3,
        "state_bank": 4,
        "commercial_bank": 2,
        "lender": 3,
    },
    "credit_enough": {"1": 75, "2": 25},
    "debt_institution": {"1": 45, "2": 55},
    "debt_fund": {"1": 30, "2": 70},
    "debt_informal": {"1": 7, "2": 93},
    "state_welfare": {"1": 60, "2": 40},
    "community_welfare": {"1": 25, "2": 75},
    "i28_disability_card": {"1": 90, "2": 10},
    "welfare_card": {"1": 35, "2": 65},
    "self_care": {"1": 97, "2": 3},
    "i02_breastfed_so_far": {"1": 75, "2": 25},
}
# Weights that depend on the person's age: (up to this age, weights), youngest first.
BY_AGE: dict[str, tuple[tuple[int, dict[str, float]], ...]] = {
    "occupation": (
        (22, {"02": 55, "04": 15, "03": 10, "05": 8, "07": 5, "01": 4, "09": 3}),
        (59, {"03": 35, "04": 25, "05": 12, "07": 11, "06": 5, "08": 3, "09": 3, "01": 4, "02": 1}),
        (200, {"03": 45, "07": 12, "04": 10, "08": 6, "09": 7, "01": 20}),
    ),
}
# A question whose passing answer another answer rules out: (that field, its value). The
# share of passing answers is raised so that the indicator still meets its target.
RULED_OUT = {"work_status": ("occupation", "01")}


def weights_for(name: str, age: object) -> dict[str, float] | None:
    """The weights of a question's answers for a person of this age (or for anyone)."""
    bands = BY_AGE.get(name)
    if bands is None or not isinstance(age, int):
        return CHOICES.get(name)
    return next(w for top, w in bands if age <= top)


# Ranges of a number: (passing, failing) for one an indicator reads, else one range.
NUMBERS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "i01_birth_weight": ((2500, 4200), (1500, 2499)),
    "i07_exercise_days": ((3, 7), (0, 2)),
    "i07_active_days": ((5, 7), (0, 4)),
    "dwelling_rai": ((0, 1), (0, 1)),
    "dwelling_wah": ((50, 399), (50, 399)),
    "work_rai": ((1, 30), (1, 30)),
    "work_wah": ((0, 399), (0, 399)),
    "credit_savings_group": ((0, 50_000), (0, 50_000)),
    "credit_coop": ((10_000, 300_000), (10_000, 300_000)),
    "credit_baac": ((20_000, 500_000), (20_000, 500_000)),
    "credit_state_bank": ((10_000, 300_000), (10_000, 300_000)),
    "credit_commercial_bank": ((10_000, 500_000), (10_000, 500_000)),
    "credit_industrial": ((50_000, 500_000), (50_000, 500_000)),
    "credit_lender": ((0, 50_000), (0, 50_000)),
    "credit_government_fund": ((0, 50_000), (0, 50_000)),
    "credit_other": ((0, 30_000), (0, 30_000)),
    "credit_needed": ((10_000, 200_000), (10_000, 200_000)),
    "debt_institution_persons": ((1, 2), (1, 2)),
    "debt_institution_baht": ((20_000, 800_000), (20_000, 800_000)),
    "debt_fund_persons": ((1, 2), (1, 2)),
    "debt_fund_baht": ((5_000, 50_000), (5_000, 50_000)),
    "debt_informal_persons": ((1, 1), (1, 1)),
    "debt_informal_baht": ((5_000, 100_000), (5_000, 100_000)),
}
TEXTS: dict[str, tuple[str, ...]] = {
    "state_welfare_what": (
        "เบี้ยยังชีพผู้สูงอายุ",
        "บัตรสวัสดิการแห่งรัฐ",
        "เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด",
        "เบี้ยความพิการ",
    ),
    "community_welfare_what": ("กองทุนสวัสดิการชุมชน", "ฌาปนกิจสงเคราะห์", "กองทุนหมู่บ้าน"),
    "credit_other_source": ("ญาติพี่น้อง", "นายจ้าง", "กลุ่มสัจจะ"),
}
