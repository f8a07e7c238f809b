"""Filling one synthetic household through FormSession, so every answer obeys the form.

Questions an indicator reads are answered the passing way with the share `goals` gives for
the round (the drinking and smoking questions by age and sex); other questions follow the
plausible distributions of `answers`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from tui_cia.storage.sample.answers import NUMBERS, RULED_OUT, TEXTS, weights_for
from tui_cia.storage.sample.goals import HABITS, Goals
from tui_cia.storage.sample.household import Person, birth_date, prefix, thai_id
from tui_cia.storage.sample.names import FEMALE, MALE, SURNAMES
from tui_cia.survey import FieldPath, Form, FormSession
from tui_cia.survey.expr import truthy
from tui_cia.survey.schema import Field
from tui_cia.survey.state import Instance, Scope

INCOME_MEDIAN = 85_000  # baht per person per year, near Lopburi's BMN average
INCOME_SPREAD = 0.65  # lognormal sigma: about 10 % of households under 38,000


class Filler:
    """Answers every relevant field of a session the way a plausible household would."""

    def __init__(self, form: Form, goals: Goals, rng: random.Random) -> None:
        self.form = form
        self.goals = goals
        self.rng = rng
        self.round_index = 0  # 0: the first round, 1: the second (its shares)
        # Answers decided in advance, by field name or (for members) by full path.
        self.fixed: dict[Any, Any] = {}

    def household(
        self,
        session: FormSession,
        people: list[Person],
        fixed: dict[str, Any],
        survey_date: dt.date,
    ) -> None:
        """Key a whole household; `fixed` answers (area, round, dates) come first."""
        self.fixed = dict(fixed)
        self._income(len(people))
        surname = self.rng.choice(SURNAMES)
        while session.instance_count(("members",)) < len(people):
            session.add_instance(("members",))
        for index, who in enumerate(people):
            self._person(index, who, surname, survey_date)
        head = self.fixed[("members", 0, "first_name")] + " " + surname
        self.fixed.setdefault("head_name", head)
        self.fixed.setdefault("informant_name", head)
        self.fill(session)

    def _person(self, index: int, who: Person, surname: str, on: dt.date) -> None:
        born = birth_date(on, who, self.rng)
        names = MALE if who.sex == "1" else FEMALE
        for name, value in (
            ("relation", who.relation),
            ("prefix", prefix(who)),
            ("first_name", self.rng.choice(names)),
            ("last_name", surname),
            ("sex", who.sex),
            ("national_id", thai_id(self.rng, born)),
            ("birth_date", born),
        ):
            self.fixed[("members", index, name)] = value

    def _income(self, size: int) -> None:
        per_person = self.rng.lognormvariate(math.log(INCOME_MEDIAN), INCOME_SPREAD)
        total = int(per_person * size)
        parts = {
            "income_main": 0.72,
            "income_secondary": 0.14,
            "income_other": 0.09,
            "income_food_value": 0.05,
        }
        for name, share in parts.items():
            self.fixed[name] = int(total * share) // 100 * 100
        spend = total * self.rng.uniform(0.6, 0.95)
        for name, share in (
            ("exp_production", 0.25),
            ("exp_necessary", 0.55),
            ("exp_unnecessary", 0.1),
            ("exp_debt", 0.1),
        ):
            self.fixed[name] = int(spend * share) // 100 * 100

    def fill(self, session: FormSession) -> None:
        """Answer fields in form order (relevance is re-checked as answers arrive)."""
        for path, item, inst in list(session.walk(relevant_only=False)):
            if not isinstance(item, Field) or not item.editable or item.type == "note":
                continue
            key = path if len(path) > 1 else item.name
            if not session.is_relevant(path):
                continue
            if key not in self.fixed and session.raw(path) is not None:
                continue  # a default or a carried answer stays
            self._answer(session, path, item, key, inst)

    def _answer(
        self, session: FormSession, path: FieldPath, item: Field, key: Any, inst: Instance
    ) -> None:
        if key in self.fixed and session.set_value(path, self.fixed[key], confirm=True).ok:
            return
        passing = self.rng.random() < self.share(session, path, item, inst)
        refused: list[Any] = []
        for _ in range(10):
            value = self.value(session, path, item, passing, refused)
            if value is None or session.set_value(path, value, confirm=True).ok:
                return
            refused.append(value)

    def share(self, session: FormSession, path: FieldPath, item: Field, inst: Instance) -> float:
        """How often this question is answered the passing way, for this person and round."""
        habit = HABITS.get(item.name)
        if habit is not None:
            age = session.value((*path[:-1], "age"))
            sex = session.value((*path[:-1], "sex"))
            rate = habit.get(str(sex), 0.0) if isinstance(age, int) and age >= 15 else 0.004
            return 1 - (rate / 2 if isinstance(age, int) and age < 20 else rate)
        shares = [
            self.goals.share(ind.id, item.name, self.round_index)
            for ind in self.goals.used_by.get(item.name, [])
            if ind.applies is None or truthy(ind.applies.run(Scope(session, inst)))
        ]
        share = min(shares) if shares else 1.0
        if item.name in RULED_OUT:
            other, value = RULED_OUT[item.name]
            weights = weights_for(other, session.value((*path[:-1], "age"))) or {}
            share /= 1 - weights.get(value, 0.0) / (sum(weights.values()) or 1.0)
        return min(1.0, share)

    def value(
        self,
        session: FormSession,
        path: FieldPath,
        item: Field,
        passing: bool,
        refused: list[Any],
    ) -> Any:
        """A plausible answer (the passing kind if `passing`), avoiding refused values."""
        if item.choices is not None:
            options = [
                c.value
                for c in session.choices(path)
                if c.value not in refused and [c.value] not in refused
            ]
            age = session.value((*path[:-1], "age")) if len(path) > 1 else None
            return self._choose(item, options, passing, age) if options else None
        if item.type in ("integer", "decimal"):
            return self._number(item, passing, refused)
        if item.type == "text":
            return self._text(item)
        return None

    def _number(self, item: Field, passing: bool, refused: list[Any]) -> int:
        rng = self.rng
        low = int(item.min if item.min is not None else 0)
        high = int(item.max if item.max is not None else low + (40_000 if low else 10))
        floor = self.goals.floor.get(item.name)
        spans = NUMBERS.get(item.name)
        if spans is not None:
            low, high = spans[0] if passing or floor is None else spans[1]
        elif floor is not None:
            low, high = (max(low, floor), high) if passing else (low, floor - 1)
        high = min([high, *(int(r) - 1 for r in refused)])  # refused: too big, go lower
        step = 100 if high >= 10_000 else 1  # amounts of money in hundreds of baht
        return rng.randint(-(-low // step), max(low, high) // step) * step

    def _choose(self, item: Field, options: list[str], passing: bool, age: Any) -> Any:
        rng = self.rng
        good = [v for v in options if v in self.goals.good.get(item.name, ())]
        bad = [v for v in options if v in self.goals.bad.get(item.name, ())]
        if not good and not bad:
            return self._plain(item, options, age)
        if item.type == "select_multiple":
            return self._several(options, good, bad, passing)
        if passing:
            return rng.choice(good or [v for v in options if v not in bad] or options)
        return rng.choice(bad or [v for v in options if v not in good] or options)

    def _several(self, options: list[str], good: list[str], bad: list[str], passing: bool) -> Any:
        """A select_multiple answer: every listed practice (or the one good answer) when
        passing; one practice missing, a bad kind or the bad answer when failing."""
        rng = self.rng
        others = [v for v in options if v not in good and v not in bad and v != "none"]
        if passing:
            if good:
                return good if len(good) > 1 else [good[0]]
            return sorted(rng.sample(others, min(len(others), rng.choice((1, 1, 2)))))
        if len(good) > 1:
            missing = rng.choice(good)
            return [v for v in good if v != missing]
        if good:
            return sorted(rng.sample(others, min(len(others), rng.choice((1, 1, 2)))))
        return [rng.choice(bad)] if bad else [rng.choice(options)]

    def _plain(self, item: Field, options: list[str], age: Any) -> Any:
        """A question no indicator reads: by its distribution in `answers`, or else mostly
        the first answer (yes)."""
        weights = weights_for(item.name, age)
        if weights is not None:
            allowed = [(v, w) for v, w in weights.items() if v in options]
            if allowed:
                pick = self.rng.choices([v for v, _ in allowed], [w for _, w in allowed])[0]
                return [pick] if item.type == "select_multiple" else pick
        pick = "1" if "1" in options and self.rng.random() < 0.8 else self.rng.choice(options)
        return [pick] if item.type == "select_multiple" else pick

    def _text(self, item: Field) -> str | None:
        rng = self.rng
        if "house_no" in item.name:
            return f"{rng.randint(1, 250)}" + (
                f"/{rng.randint(1, 9)}" if rng.random() < 0.2 else ""
            )
        if item.name == "house_code":
            return "".join(str(rng.randint(0, 9)) for _ in range(11))
        if item.name == "enumerator_name":
            return "อาสาพัฒนา " + rng.choice(SURNAMES)
        if item.name == "gps_point":  # made-up points near Lopburi town
            return f"{rng.uniform(14.86, 14.98):.5f}, {rng.uniform(100.58, 100.70):.5f}"
        if item.name in TEXTS:
            return rng.choice(TEXTS[item.name])
        if item.name.endswith("_other"):
            return rng.choice(("อื่น ๆ", "ไม่ระบุ", "ตามที่แจ้ง"))
        return None
