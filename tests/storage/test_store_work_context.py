"""The work context: kept in the database, it pre-fills new records (round, a survey date in
the round's period, the area) and names the keyer of every change; the shipped forms refuse a
survey date that contradicts the round, at the date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from formtools import FORMS, TODAY

from tui_cia.storage import Store
from tui_cia.storage.settings import WorkContext
from tui_cia.survey import Form, FormSession, load_form

KEYER = "นางสาวพัฒนา รักชุมชน"
PERIOD = (dt.date(2022, 1, 1), dt.date(2022, 4, 30))  # 1 ม.ค. - 30 เม.ย. 2565
AREA = ("province", "amphoe", "tambon", "village_code")


@pytest.fixture(scope="module")
def bmn() -> Form:
    return load_form(FORMS / "bmn.yaml")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db.sqlite", today=TODAY)


def context(area: str = "16010402", **changes: object) -> WorkContext:
    given = {"round": 2565, "start": PERIOD[0], "end": PERIOD[1], "area": area, **changes}
    return WorkContext(KEYER, **given)  # type: ignore[arg-type]


def answers(store: Store, form: Form, *names: str) -> dict[str, object]:
    record = store.create(form)
    return {name: record.session.value((name,)) for name in names}


def test_the_context_is_kept_and_read_back(store: Store) -> None:
    assert store.work_context() is None  # first use: no keyer yet
    store.set_work_context(context())
    assert store.work_context() == context()
    assert store.enumerator == KEYER
    again = Store(store.path, today=TODAY)
    assert again.work_context() == context() and again.enumerator == KEYER


def test_a_keyer_set_alone_is_a_context_without_round_or_area(store: Store) -> None:
    store.set_enumerator("สมศรี")
    assert store.work_context() == WorkContext("สมศรี")


def test_the_survey_date_is_today_in_the_period_else_its_start() -> None:
    kept = context()
    assert kept.survey_date(dt.date(2022, 3, 10)) == dt.date(2022, 3, 10)
    assert kept.survey_date(TODAY) == PERIOD[0]  # after the period: never today
    assert kept.survey_date(dt.date(2026, 12, 8)) == PERIOD[0]  # another year: never today
    assert WorkContext(KEYER, 2565).survey_date(TODAY) is None


def test_a_new_household_takes_the_round_period_and_area(store: Store, bmn: Form) -> None:
    store.set_work_context(context())
    found = answers(store, bmn, "survey_round", "survey_date", *AREA)
    assert found == {
        "survey_round": 2565,
        "survey_date": PERIOD[0],
        "province": "16",
        "amphoe": "1601",
        "tambon": "160104",
        "village_code": "16010402",
    }


def test_ages_are_right_from_the_start(store: Store, bmn: Form) -> None:
    """The survey date is the period's start, not today: a child born 10 March 2560 is 4 on
    1 January 2565 (5 by today, 15 June 2565)."""
    store.set_work_context(context())
    session = store.create(bmn).session
    index = session.add_instance(("members",))
    assert session.enter(("members", index, "birth_date"), "10/03/2560", confirm=True).ok
    assert session.value(("members", index, "age")) == 4


def test_a_tambon_keeps_a_carried_village_inside_it_and_drops_one_outside(
    store: Store, bmn: Form
) -> None:
    store.set_work_context(context(area="16010402"))
    store.create(bmn)  # carries village 16010402 to the next record
    store.set_work_context(context(area="160104"))
    assert answers(store, bmn, "tambon", "village_code") == {
        "tambon": "160104",
        "village_code": "16010402",
    }
    store.set_work_context(context(area="160101"))  # another tambon: the village goes
    assert answers(store, bmn, "tambon", "village_code") == {
        "tambon": "160101",
        "village_code": None,
    }


def test_what_the_form_refuses_keeps_the_forms_own_default(store: Store, bmn: Form) -> None:
    store.set_work_context(context(round=2580, area="99999999"))  # out of range, unknown
    found = answers(store, bmn, "survey_round", "village_code")
    assert found == {"survey_round": 2565, "village_code": None}


def test_without_a_context_a_new_record_is_as_before(store: Store, bmn: Form) -> None:
    assert answers(store, bmn, "survey_round", "survey_date") == {
        "survey_round": 2565,
        "survey_date": TODAY,
    }


def test_every_change_carries_the_keyer(store: Store, bmn: Form) -> None:
    store.set_work_context(context())
    record = store.create(bmn)
    from tui_cia.storage.store import Op

    store.commit(record, [Op("set", "notes", new="ทดสอบ")])
    rows = store.conn.execute(
        "SELECT DISTINCT enumerator FROM history WHERE record_uuid = ?", (record.uuid,)
    ).fetchall()
    assert rows == [(KEYER,)]
    by = store.conn.execute(
        "SELECT created_by, modified_by FROM records WHERE uuid = ?", (record.uuid,)
    ).fetchone()
    assert tuple(by) == (KEYER, KEYER)


# -- the shipped forms: a survey date that contradicts the round is refused at the date ------


def test_bmn_refuses_a_date_outside_the_round_and_asks_about_the_year_before(bmn: Form) -> None:
    session = FormSession(bmn, today=dt.date(2024, 6, 15))  # 2567
    assert session.value(("survey_round",)) == 2565
    refused = session.enter(("survey_date",), "15/01/2567")  # two years after the round
    assert not refused.ok and refused.problem is not None
    assert "2565" in refused.problem.message("th") and "2565" in refused.problem.message("en")
    assert not session.enter(("survey_date",), "15/01/2563").ok  # two years before
    assert session.enter(("survey_date",), "15/12/2564").needs_confirmation  # the year before
    assert session.enter(("survey_date",), "15/03/2565").ok


def test_a_blank_round_leaves_the_date_to_its_own_checks(bmn: Form) -> None:
    session = FormSession(bmn, today=TODAY)
    session.clear(("survey_round",))
    assert session.enter(("survey_date",), "15/03/2563").needs_confirmation  # not refused


def test_the_village_form_refuses_a_date_more_than_a_year_from_the_round() -> None:
    village = load_form(FORMS / "village.yaml")
    session = FormSession(village, today=dt.date(2024, 6, 15))
    assert session.enter(("survey_round",), "2566", confirm=True).ok
    assert session.enter(("survey_date",), "15/03/2567").ok  # a year after
    refused = session.enter(("survey_date",), "15/03/2564")
    assert not refused.ok and refused.problem is not None
    assert "2566" in refused.problem.message("th")
