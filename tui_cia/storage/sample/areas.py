"""Where the synthetic households live: the tambon's villages, or a generated province."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tui_cia.survey import Form

TAMBON = "160104"  # โก่งธนู, Mueang Lopburi
TAMBON_SCALE = 4000  # above this many households, villages are generated across a province
VILLAGE_SIZES = (50, 400)


@dataclass
class Village:
    """One village of the plan and how many households it gets."""

    code: str
    households: int

    def answers(self) -> dict[str, str]:
        code = self.code
        return {"province": code[:2], "amphoe": code[:4], "tambon": code[:6], "village_code": code}


def _sizes(total: int, count: int, rng: random.Random) -> list[int]:
    """`count` village sizes within 50-400 that add up to `total` (as far as possible)."""
    low, high = VILLAGE_SIZES
    raw = [rng.randint(low, high) for _ in range(count)]
    scale = total / sum(raw)
    sizes = [max(1, round(s * scale)) for s in raw]
    sizes[-1] += total - sum(sizes)
    return sizes


def listed_villages(form: Form, prefix: str) -> list[str]:
    """Village codes the form's own list has under an area prefix."""
    villages = form.choices.get("villages")
    if villages is None:
        return [f"{TAMBON}{n:02d}" for n in range(1, 11)] if TAMBON.startswith(prefix) else []
    return [c.value for c in villages.choices if c.value.startswith(prefix)]


def plan_villages(form: Form, households: int, rng: random.Random) -> list[Village]:
    """Villages and their sizes: the real tambon for a small sample; for a large one, every
    village the form lists in the province, then generated codes (not in the form's list)."""
    if households <= TAMBON_SCALE:
        codes = listed_villages(form, TAMBON)
        count = max(1, min(len(codes), round(households / 170)))
        sizes = _sizes(households, count, rng)
        return [Village(code, n) for code, n in zip(codes[:count], sizes, strict=True)]
    listed = listed_villages(form, TAMBON[:2])
    plan: list[Village] = []
    left = households
    index = 0
    while left > 0:
        size = min(left, rng.randint(*VILLAGE_SIZES))
        if index < len(listed):
            code = listed[index]
        else:
            amphoe, rest = divmod(index - len(listed), 100)
            tambon, village = divmod(rest, 10)
            code = f"16{amphoe + 21:02d}{tambon + 1:02d}{village + 1:02d}"
        plan.append(Village(code, size))
        left -= size
        index += 1
    return plan
