"""`tui-cia sample`: a deterministic synthetic BMN data set, from a tambon to a province.

Households are keyed through FormSession (every answer obeys the form). Up to PROTOTYPES
households are generated one by one; a larger data set repeats them with new identities
(area, house number, names, id numbers), which keeps a province-sized run fast. In the
second round a household is a year older, some have a baby, and a share of the answers the
indicators read is asked afresh (`goals.CHURN`), so rates move a little between rounds.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import uuid as uuidlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_cia.paths import shipped_forms_dir
from tui_cia.storage.bulk import Author, NewRecord, write_new
from tui_cia.storage.sample.areas import Village, plan_villages
from tui_cia.storage.sample.filler import Filler
from tui_cia.storage.sample.goals import CHURN, read_goals
from tui_cia.storage.sample.household import composition, newborn, thai_id
from tui_cia.storage.sample.names import FEMALE, MALE, SURNAMES
from tui_cia.storage.settings import set_setting
from tui_cia.storage.store import StoreCore
from tui_cia.survey import Form, FormSession, load_data, load_form

PROTOTYPES = 3000
ROUNDS = (2564, 2565)
RESURVEYED = 0.92  # households surveyed again in the second round
WRITTEN_AT = "2022-08-01T00:00:00.000Z"
CHECKED_BY = dt.date(2022, 6, 14)  # records are verified by then (the tests' today is the 15th)
Keyed = tuple[dict[str, Any], list[str]]  # a household's data and its confirmed warnings
CHUNK = 5000


@dataclass
class SampleReport:
    households: int
    records: int
    villages: int


def shipped_form() -> Path:
    """The BMN household form the sample is keyed with."""
    return shipped_forms_dir() / "bmn.yaml"


def _uuid(rng: random.Random) -> str:
    return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))


class SampleBuilder:
    """Builds the records of both rounds for every household of the plan."""

    def __init__(self, form: Form, seed: int) -> None:
        self.form = form
        self.rng = random.Random(seed)
        self.filler = Filler(form, read_goals(form), self.rng)
        self.verifiers = [  # the district's community-development officers (invented)
            f"{self.rng.choice(names)} {self.rng.choice(SURNAMES)}" for names in (FEMALE, MALE)
        ]

    def first_round(self, village: Village, number: int) -> Keyed:
        survey = dt.date(ROUNDS[0] - 543, 1, 10) + dt.timedelta(days=self.rng.randint(0, 150))
        session = FormSession(
            self.form,
            today=survey + dt.timedelta(days=400),
            new_id=lambda: f"{self.rng.getrandbits(48):012x}",
        )
        people = composition(self.rng)
        fixed = {
            **village.answers(),
            "survey_round": ROUNDS[0],
            "survey_date": survey,
            "has_house_no": "1",
            "house_no": f"{number}",
        }
        self.filler.household(session, people, fixed, survey)
        return session.to_data(complete=True, ids=True), sorted(session.confirmed)

    def second_round(self, keyed: Keyed) -> Keyed:
        first, confirmed = keyed
        data = copy.deepcopy(first)
        data["survey_round"] = ROUNDS[1]
        before = dt.date.fromisoformat(first["survey_date"])
        survey = before.replace(year=before.year + 1) + dt.timedelta(days=self.rng.randint(-9, 9))
        data["survey_date"] = survey.isoformat()
        for name in ("income_main", "income_secondary", "income_other", "income_food_value"):
            if isinstance(data.get(name), int):
                data[name] = int(data[name] * self.rng.uniform(0.88, 1.15)) // 100 * 100
        self._ask_again(data)
        baby = newborn(data.get("members", []), survey, self.rng)
        if baby is not None:
            data["members"].append({"_id": f"{self.rng.getrandbits(48):012x}", **baby})
        session, _ = load_data(self.form, data, today=survey + dt.timedelta(days=30))
        session.confirmed = set(confirmed)
        self.filler.fixed = {}
        self.filler.round_index = 1
        self.filler.fill(session)  # answers asked again, and questions newly relevant
        self.filler.round_index = 0
        for problem in session.completion_problems():
            if problem.problem.kind == "warn_unconfirmed":  # the enumerator checks, confirms
                session.confirmed.add(problem.where)
        return session.to_data(complete=True, ids=True), sorted(session.confirmed)

    def _ask_again(self, data: dict[str, Any]) -> None:
        """Small changes between rounds: a share of the answers the indicators read are
        dropped, to be answered afresh with the second round's shares."""
        used = self.filler.goals.used_by
        for holder in (data, *data.get("members", [])):
            for name in [n for n in holder if n in used]:
                if self.rng.random() < CHURN:
                    del holder[name]

    def verified(self, data: dict[str, Any]) -> dict[str, Any]:
        """The record with the name of the district officer who checked it, and the date."""
        survey = dt.date.fromisoformat(data["survey_date"])
        checked = {
            "verifier_name": self.verifiers[self.rng.randrange(len(self.verifiers))],
            "verified_date": max(
                survey, min(survey + dt.timedelta(days=self.rng.randint(3, 30)), CHECKED_BY)
            ).isoformat(),
        }
        keys = list(data)
        at = keys.index("certified") + 1 if "certified" in keys else len(keys)
        return {**{k: data[k] for k in keys[:at]}, **checked, **{k: data[k] for k in keys[at:]}}

    def draft_of(self, data: dict[str, Any]) -> dict[str, Any]:
        """A record abandoned part-way: the roster and the later sections left blank."""
        keep = list(data)[: self.rng.randint(8, 14)]
        return {k: data[k] for k in keep if k != "members"}

    def clone(self, data: dict[str, Any], village: Village, number: int) -> dict[str, Any]:
        """The same answers for another household: new area, house number, names and ids."""
        new = copy.deepcopy(data)
        new.update(village.answers())
        new["house_no"] = str(number)
        surname = None
        for member in new.get("members", []):
            names = MALE if member.get("sex") == "1" else FEMALE
            member["first_name"] = self.rng.choice(names)
            surname = surname or member.get("last_name")
            if isinstance(member.get("national_id"), str):
                member["national_id"] = thai_id(
                    self.rng, dt.date.fromisoformat(member["birth_date"])
                )
        head = new.get("members", [{}])[0]
        new["head_name"] = new["informant_name"] = f"{head.get('first_name')} {surname}"
        return new


class _TopLevel:
    """Just enough of an expression context to compute the instance name from data."""

    def __init__(self, form: Form, data: dict[str, Any]) -> None:
        self.form, self.data = form, data

    def value(self, name: str) -> Any:
        value = self.data.get(name)
        return None if isinstance(value, dict | list) else value

    def current(self) -> Any:
        return None

    def bare(self, name: str) -> Any:
        return None

    def instances(self, repeat: str) -> list[Any]:
        return []

    def position(self) -> None:
        return None

    def label(self, name: str, value: Any) -> Any:
        choices = getattr(self.form.items.get(name), "choices", None)
        choice = choices.by_value.get(value) if choices is not None else None
        return choice.label.get(self.form.settings.default_language) if choice else value

    def today(self) -> dt.date:
        return dt.date.today()

    def is_repeat(self, name: str) -> bool:
        return False


def instance_name(form: Form, data: dict[str, Any]) -> str:
    expr = form.settings.instance_name
    value = expr.run(_TopLevel(form, data)) if expr is not None else None
    return "" if value is None else str(value)


def _records(
    builder: SampleBuilder,
    villages: list[Village],
    progress: Callable[[int], None] | None,
    limit: int = PROTOTYPES,
) -> Iterator[NewRecord]:
    rng, form = builder.rng, builder.form
    prototypes: list[tuple[Keyed, Keyed]] = []
    done = 0
    for village in villages:
        for number in range(1, village.households + 1):
            if len(prototypes) < limit:
                first = builder.first_round(village, number)
                prototypes.append((first, builder.second_round(first)))
                first, second = prototypes[-1]
            else:
                (one, one_ok), (two, two_ok) = prototypes[done % limit]
                data = builder.clone(one, village, number)
                first = (data, one_ok)
                second = (
                    {**builder.clone(two, village, number), "members": _same_people(data, two)},
                    two_ok,
                )
            yield from _round_records(builder, first, second, rng, form)
            done += 1
            if progress and done % 1000 == 0:
                progress(done)


def _same_people(first: dict[str, Any], second: dict[str, Any]) -> list[dict[str, Any]]:
    """Second-round members keep the names and ids the clone gave them in the first round."""
    members: list[dict[str, Any]] = copy.deepcopy(second.get("members", []))
    for old, new in zip(first.get("members", []), members, strict=False):
        for key in ("first_name", "last_name", "national_id"):
            if key in old:
                new[key] = old[key]
    return members


def _round_records(
    builder: SampleBuilder, first: Keyed, second: Keyed, rng: random.Random, form: Form
) -> Iterator[NewRecord]:
    (one, one_ok), (two, two_ok) = first, second
    status = "verified" if rng.random() < 0.3 else "complete"
    if status == "verified":
        one = builder.verified(one)
    yield NewRecord(
        _uuid(rng),
        form,
        status,
        one,
        instance_name(form, one),
        one_ok,
        created_at=f"{one['survey_date']}T09:00:00.000Z",
    )
    if rng.random() >= RESURVEYED:
        return
    roll = rng.random()
    data = builder.draft_of(two) if roll < 0.02 else two
    status = "draft" if roll < 0.02 else ("verified" if roll < 0.2 else "complete")
    if status == "verified":
        data = builder.verified(data)
    yield NewRecord(
        _uuid(rng),
        form,
        status,
        data,
        instance_name(form, data),
        two_ok if status != "draft" else [],
        created_at=f"{two['survey_date']}T09:00:00.000Z",
    )


def generate_sample(
    store: StoreCore,
    households: int = 1800,
    seed: int = 1,
    form_path: Path | None = None,
    progress: Callable[[int], None] | None = None,
    prototypes: int = PROTOTYPES,
) -> SampleReport:
    """Fill an empty database with a synthetic tambon (or province) of two rounds."""
    form = load_form(form_path or shipped_form())
    store.clock = lambda: WRITTEN_AT
    store.add_form(form)
    store.device = f"sample{seed}"
    store.conn.execute("BEGIN")
    set_setting(store.conn, "device_id", store.device)
    store.conn.execute("COMMIT")
    villages = plan_villages(form, households, random.Random(seed))
    builder = SampleBuilder(form, seed)
    who = Author(store.device, "sample", WRITTEN_AT)
    batch: list[NewRecord] = []
    count = 0
    for record in _records(builder, villages, progress, prototypes):
        batch.append(record)
        if len(batch) >= CHUNK:
            count += write_new(store.conn, batch, who)
            batch = []
    count += write_new(store.conn, batch, who)
    return SampleReport(sum(v.households for v in villages), count, len(villages))
