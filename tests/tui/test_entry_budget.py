"""The keystroke budget: a household of four (an infant, an elder, a disabled member who cannot
take care of herself, an adult) keyed from Home to complete at 80x24 through the real keys,
in at most 330 keystrokes.

Every key is counted: `n`, each Enter, each F-key, each character typed (Thai text posted as
one key event per character, each counted), a Right arrow taking a word the answer line
offers, F10 and Ctrl+S. Choices are typed as the numbers shown before them; the keyer presses
F10 at the verifier's name, which stays blank until the record is checked.
`pytest -s` prints the count.
"""

from __future__ import annotations

from typing import Any

import pytest
from drive import ROSTER, current, entry, running
from formtools import BMN_WELL_OFF
from textual import events
from textual.pilot import Pilot

from tui_cia.survey.schema import Field, Repeat
from tui_cia.tui.screens.finish import FinishScreen
from tui_cia.tui.screens.home import HomeScreen

BUDGET = 330
YES, NO = "1", "2"
HOUSEHOLD = {
    "has_house_no": YES,
    "house_no": "17/1",
    "house_code": "!dont_know",  # the house registration was not at hand
    "head_name": "บุญมา ดีใจ",
    "informant_name": "บุญมา ดีใจ",
    "dwelling_land": "1",  # own land
    "dwelling_rai": "0",
    "dwelling_wah": "80",
    "dwelling_document": "1",  # chanote
    "work_land": "2",  # rented
    "work_rai": "5",
    "work_wah": "0",
    **dict.fromkeys(BMN_WELL_OFF, YES),
    **dict.fromkeys(
        "i13_disaster i14_1_murder i14_2_assault i14_3_property_crime i14_5_intrusion"
        " i14_6_other_crime debt_institution debt_fund debt_informal community_welfare".split(),
        NO,
    ),
    "state_welfare": YES,
    "state_welfare_what": "เบี้ยยังชีพ",  # the old-age and disability allowances
    "i11_5_waste": "1 2 3",  # equipment, sorting, dry waste
    "i12_pollution": "7",  # not disturbed by any
    "i13_work_ill": "0",
    "income_main": "90000",
    "income_secondary": "0",
    "income_other": "7200",  # the elder's and the disability allowances
    "income_food_value": "5000",
    "exp_production": "20000",
    "exp_necessary": "60000",
    "exp_unnecessary": "3000",
    "exp_debt": "0",
    "credit_sources": "10",  # did not borrow
    "i23_savings": "2",  # a bank deposit
    "i23_amount": "10000",
    "happiness": "7",
}
ADULT = {
    "religion": "1",
    "health_status": YES,
    "self_care": YES,
    "health_scheme": "4",  # national health security
    "facilities_used": "1",  # the health centre
    "i19_literate": YES,
    "i24_drinks": NO,
    "i25_smokes": NO,
    "i26_religious": YES,
}
MEMBERS = [
    {  # the head, a farmer of 45, the informant
        **ADULT,
        "relation": "1",
        "prefix": "1",
        "first_name": "บุญมา",
        "last_name": "ดีใจ",
        "sex": "1",
        "national_id": "1101700230708",
        "birth_date": "2/4/2520",
        "education": "2",
        "occupation": "3",
        "welfare_card": YES,
        "is_informant": YES,
        "i06_checkup": YES,
        "i07_exercise_days": "3",
        "work_status": "1",
    },
    {  # his mother, 74: a check-up, cared for by the family
        **ADULT,
        "relation": "6",
        "prefix": "2",
        "first_name": "คำ",
        "last_name": "ดีใจ",
        "sex": "2",
        "national_id": "3100600123450",
        "birth_date": "1/1/2491",
        "education": "2",
        "occupation": "1",
        "welfare_card": YES,
        "is_informant": NO,
        "i06_checkup": YES,
        "i07_exercise_days": "3",
        "work_status": "3",
        "i20_wants_work": NO,
        "i27_elder_care": YES,
        "i19_literate": None,
    },
    {  # his sister, 40, disabled and unable to take care of herself
        **ADULT,
        "relation": "7",
        "prefix": "3",
        "first_name": "แก้ว",
        "last_name": "ดีใจ",
        "sex": "2",
        "national_id": "!dont_know",
        "birth_date": "5/5/2525",
        "education": "0",
        "occupation": "1",
        "health_status": "2",
        "self_care": NO,
        "welfare_card": YES,
        "is_informant": NO,
        "i06_checkup": YES,
        "i07_exercise_days": "0",
        "i07_active_days": "0",
        "i28_disability_card": YES,
        "i28_disabled_care": YES,
        "i19_literate": NO,
        "i26_religious": YES,
    },
    {  # his grandson, 8 months
        "relation": "5",
        "prefix": "4",
        "first_name": "ต้น",
        "last_name": "ดีใจ",
        "sex": "1",
        "national_id": "!dont_know",
        "birth_date": "10/10/2564",
        "religion": "1",
        "health_status": YES,
        "health_scheme": "4",
        "facilities_used": "1",
        "i01_birth_weight": "3100",
        "i02_breastfed": YES,
        "i03_vaccinated": YES,
    },
]
SPECIAL_KEYS = {"dont_know": "f6", "refused": "f7", "not_applicable": "f8"}


class Keyer:
    """Presses keys on the app and counts every one."""

    def __init__(self, pilot: Pilot[Any]) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)

    async def type_words(self, text: str) -> None:
        """Type a text answer, taking a word the answer line offers (Right) as soon as it is
        the word wanted: names typed once in the household are offered again."""
        answer = entry(self.pilot.app).question.answer
        for number, word in enumerate(text.split(" ")):
            if number:
                await self.type(" ")
            for typed in range(1, len(word) + 1):
                await self.type(word[typed - 1])
                await self.pilot.app.workers.wait_for_complete()  # the offer's worker
                await self.pilot.pause()
                whole = answer.value[: len(answer.value) - typed] + word
                if typed < len(word) and answer._suggestion == whole:
                    await self.press("right")
                    break

    async def type(self, text: str) -> None:
        """One key event per character, as a Thai keyboard sends them."""
        focused = self.pilot.app.focused
        assert focused is not None
        for char in text:
            self.count += 1
            focused.post_message(events.Key(char, char))
        await self.pilot.pause()


def wanted(path: tuple[Any, ...]) -> str | None:
    name = str(path[-1])
    if path[0] == ROSTER[0] and len(path) > 1:
        return MEMBERS[int(path[1])].get(name)
    return HOUSEHOLD.get(name)


async def key_stop(keyer: Keyer, app: Any) -> None:
    """Answer the stop shown (or pass it), the way a keyer would."""
    screen = entry(app)
    path, item = current(app)
    assert path is not None
    count = screen.session.instance_count(ROSTER)
    if path[0] != ROSTER[0] and count < len(MEMBERS) and screen._just_after_roster():
        await keyer.press("f3")  # the next member, from the stop after the last one
        return
    if isinstance(item, Repeat):
        await keyer.press("enter")  # the roster: Enter opens (adds) the first member
        return
    assert isinstance(item, Field)
    text = wanted(path) if item.editable else None
    shown = screen.question.ask.shown
    if text is None or text == shown:
        await keyer.press("enter")
    elif text.startswith("!"):
        await keyer.press(SPECIAL_KEYS[text[1:]])
    else:
        if shown:
            await keyer.press("ctrl+u")
        if item.type == "text":
            await keyer.type_words(text)
        else:
            await keyer.type(text)
        if screen.path == path:
            await keyer.press("enter")  # a quick select has moved on by itself
        if screen.path == path and screen.pending is not None:
            await keyer.press("enter")  # confirm the warning
    assert screen.path != path, f"stuck at {path}: {screen.question.typed!r}"


@pytest.mark.slow
async def test_a_household_of_four_in_at_most_330_keystrokes(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        keyer = Keyer(pilot)
        await keyer.press("n")
        screen = entry(app)
        uuid = screen.record.uuid
        for _ in range(500):
            if screen.path is None or screen.path == ("verifier_name",):
                break  # the rest is blank until the record is checked: F10 from here
            await key_stop(keyer, app)
        assert screen.path == ("verifier_name",), "the form never ended"
        await keyer.press("f10")
        assert isinstance(app.screen, FinishScreen)
        problems = screen.session.completion_problems()
        assert problems == [], [p.where for p in problems]
        await keyer.press("ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        print(f"keystrokes: {keyer.count}")

        record = app.store.open(uuid)
        assert record.status == "complete"
        data = app.store.data(uuid)
        members = data["members"]
        assert [m["first_name"] for m in members] == ["บุญมา", "คำ", "แก้ว", "ต้น"]
        assert [m["age"] for m in members] == [45, 74, 40, 0]
        assert members[0]["health_scheme"] == ["nhso"]  # typed 4: stored as its code
        assert members[2]["self_care"] == "2" and members[2]["health_status"] == "2"
        assert data["i11_5_waste"] == ["equipment", "sorting", "dry_disposal"]
        assert data["credit_sources"] == ["none"]
        assert (data["survey_round"], data["village_code"]) == (2565, "16010409")  # carried
        assert keyer.count <= BUDGET, f"{keyer.count} keystrokes, more than {BUDGET}"
