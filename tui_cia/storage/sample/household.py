"""The people of one synthetic household: who lives there, their ages, ids and titles, and
the babies born between two rounds."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from tui_cia.storage.sample.names import FEMALE, MALE
from tui_cia.survey.thaiid import thai_id_check_digit

# Of the households with a woman aged 18-44, the share with a baby born in a year: about
# 40 births a year in a tambon of 1,800 households, 5,000 people (Thailand: about 7.5
# births a year per 1,000 people in 2564-2565).
BIRTHS = 0.05


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
        if years == 0 and rng.random() < 0.55:  # as many babies as the births of a year
            years = rng.randint(1, max(1, min(head_age - 18, 30)))
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


def _mother(members: list[dict[str, Any]], on: dt.date) -> dict[str, Any] | None:
    """The first woman of 18-44 in the household, if there is one."""
    for member in members:
        born = member.get("birth_date")
        if member.get("sex") == "2" and isinstance(born, str):
            years = (on - dt.date.fromisoformat(born)).days // 365
            if 18 <= years <= 44:
                return member
    return None


def newborn(
    members: list[dict[str, Any]], on: dt.date, rng: random.Random
) -> dict[str, Any] | None:
    """A baby born since the round before (0-11 months old on `on`), or None: the child of
    the head's family (a grandchild when the mother is a daughter), given a name and an id."""
    mother = _mother(members, on)
    if mother is None or len(members) >= 9 or rng.random() >= BIRTHS:
        return None
    relation = "3" if mother.get("relation") in ("1", "2") else "5"
    sex = rng.choice("12")
    born = on - dt.timedelta(days=rng.randint(3, 350))
    baby = Person(relation, sex, 0)
    return {
        "relation": relation,
        "prefix": prefix(baby),
        "first_name": rng.choice(MALE if sex == "1" else FEMALE),
        "last_name": mother.get("last_name"),
        "sex": sex,
        "national_id": thai_id(rng, born),
        "birth_date": born.isoformat(),
    }
