"""Filling one synthetic household through FormSession, so every answer obeys the form."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any

from tui_cia.storage.sample.goals import Goals
from tui_cia.storage.sample.names import FEMALE, MALE, SURNAMES
from tui_cia.survey import FieldPath, Form, FormSession
from tui_cia.survey.schema import Field
from tui_cia.survey.thaiid import thai_id_check_digit

PASS_SHARE = 0.985  # each question answered the passing way this often
INCOME_MEDIAN = 85_000  # baht per person per year, near Lopburi's BMN average
INCOME_SPREAD = 0.65  # lognormal sigma: about 10 % of households under 38,000


@dataclass
class Person:
    """A member to be keyed: relation code, sex code and age."""

    relation: str
    sex: str
    years: int
    months: int = 0


def composition(rng: random.Random) -> list[Person]:
    """A household of 1-9 people (mean about 3): a head, often a spouse, children, elders."""
    head_age = rng.randint(24, 82)
    head_sex = rng.choice("12")
    people = [Person("1", head_sex, head_age)]
    if head_age < 75 and rng.random() < 0.75:
        people.append(
            Person("2", "2" if head_sex == "1" else "1", max(20, head_age + rng.randint(-6, 4)))
        )
    children = rng.choices((0, 1, 2, 3, 4, 5), (22, 28, 28, 13, 6, 3))[0]
    for _ in range(children if head_age < 60 else children // 2):
        years = max(0, min(head_age - 18, rng.randint(0, 30)))
        people.append(Person("3", rng.choice("12"), years, rng.randint(0, 11)))
    if head_age < 55 and rng.random() < 0.22:
        people.append(Person("6", rng.choice("12"), head_age + rng.randint(22, 30)))
    return people[:9]


def birth_date(on: dt.date, who: Person, rng: random.Random) -> dt.date:
    days = who.years * 365 + who.months * 30 + rng.randint(1, 28)
    return on - dt.timedelta(days=days)


def thai_id(rng: random.Random, born: dt.date) -> str:
    first12 = "1" if born.year >= 1984 else "3"
    first12 += "".join(str(rng.randint(0, 9)) for _ in range(11))
    return first12 + str(thai_id_check_digit(first12))


def prefix(who: Person) -> str:
    if who.years < 15:
        return "4" if who.sex == "1" else "5"
    if who.sex == "1":
        return "1"
    return "2" if who.relation in ("1", "2") else "3"


class Filler:
    """Answers every relevant field of a session the way a plausible household would."""

    def __init__(self, form: Form, goals: Goals, rng: random.Random) -> None:
        self.form = form
        self.goals = goals
        self.rng = rng
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

    def fill(self, session: FormSession, stop_after: int | None = None) -> None:
        """Answer fields in form order (relevance is re-checked as answers arrive)."""
        answered = 0
        for path, item, _ in list(session.walk(relevant_only=False)):
            if not isinstance(item, Field) or not item.editable or item.type == "note":
                continue
            if stop_after is not None and answered >= stop_after:
                return
            key = path if len(path) > 1 else item.name
            if not session.is_relevant(path):
                continue
            if key not in self.fixed and session.raw(path) is not None:
                continue  # a default or a carried answer stays
            self._answer(session, path, item, key)
            answered += 1

    def _answer(self, session: FormSession, path: FieldPath, item: Field, key: Any) -> None:
        if key in self.fixed and session.set_value(path, self.fixed[key], confirm=True).ok:
            return
        refused: list[Any] = []
        for _ in range(10):
            value = self.value(session, path, item, refused)
            if value is None or session.set_value(path, value, confirm=True).ok:
                return
            refused.append(value)

    def value(self, session: FormSession, path: FieldPath, item: Field, refused: list[Any]) -> Any:
        """A plausible answer, avoiding values the form already refused."""
        rng = self.rng
        if item.choices is not None:
            options = [
                c.value
                for c in session.choices(path)
                if c.value not in refused and [c.value] not in refused
            ]
            return self._choose(item, options) if options else None
        if item.type in ("integer", "decimal"):
            low = int(item.min if item.min is not None else 0)
            floor = self.goals.floor.get(item.name)
            if floor is not None and rng.random() < PASS_SHARE:
                low = max(low, floor)
            high = int(item.max if item.max is not None else low + (40_000 if low else 10))
            high = min([high, *(int(r) - 1 for r in refused)])  # refused: too big, go lower
            return rng.randint(low, max(low, high))
        if item.type == "date":
            return None
        if item.type == "text":
            return self._text(item)
        return None

    def _choose(self, item: Field, options: list[str]) -> Any:
        rng = self.rng
        good = [v for v in options if v in self.goals.good.get(item.name, ())]
        bad = set(self.goals.bad.get(item.name, ()))
        passing = good or [v for v in options if v not in bad]
        pick = rng.choice(passing) if passing and rng.random() < PASS_SHARE else None
        if pick is None:
            failing = [v for v in options if v not in good] or options
            pick = rng.choice(failing)
        if item.type == "select_multiple":
            if len(good) > 1 and rng.random() < PASS_SHARE:
                return good  # a rule that wants every listed practice
            return [pick]
        if item.name not in self.goals.good and "1" in options and rng.random() < 0.8:
            return "1"
        return pick

    def _text(self, item: Field) -> str | None:
        if "house_no" in item.name:
            return f"{self.rng.randint(1, 250)}" + (
                f"/{self.rng.randint(1, 9)}" if self.rng.random() < 0.2 else ""
            )
        if item.name == "house_code":
            return "".join(str(self.rng.randint(0, 9)) for _ in range(11))
        if item.name == "enumerator_name":
            return "อาสาพัฒนา " + self.rng.choice(SURNAMES)
        if item.name.endswith("_other"):
            return self.rng.choice(("อื่น ๆ", "ไม่ระบุ", "ตามที่แจ้ง"))
        return None
