"""The vectorised indicators agree with FormSession on every household of the sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formtools import copy_sample

from tui_cia.analysis import indicator_outcomes, load_frames
from tui_cia.storage import Store
from tui_cia.survey import load_data


@pytest.mark.slow
def test_every_household_and_indicator_matches_the_form_session(tmp_path: Path) -> None:
    store = Store(copy_sample(tmp_path))
    form = store.forms.get("bmn")
    data = load_frames(store.conn, form)
    outcomes = indicator_outcomes(data)
    assert len(outcomes.household) > 3000
    mismatches = []
    rows = store.conn.execute(
        "SELECT uuid, data FROM records WHERE deleted = 0 AND status IN ('complete', 'verified')"
    ).fetchall()
    assert {u for u, _ in rows} == set(outcomes.household.index)
    persons = {i: p.groupby("_uuid")["outcome"].apply(list) for i, p in outcomes.persons.items()}
    for uuid, data in rows:
        session, _ = load_data(form, json.loads(data))
        for result in session.indicator_results():
            got = outcomes.household.at[uuid, result.indicator.id]
            if got != result.outcome:
                mismatches.append((uuid, result.indicator.id, result.outcome, got))
            if result.indicator.unit == "person":
                mine = persons[result.indicator.id].get(uuid, [])
                if mine != [o for _, o in result.persons]:
                    mismatches.append((uuid, result.indicator.id, "persons", mine))
    assert mismatches == []
