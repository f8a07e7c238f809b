"""Planning notes: saved by part, kept in history, merged in any order to the same notes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_cia.storage import Store
from tui_cia.storage.plans import (
    PART_CHARS,
    Plan,
    PlanError,
    merge_plans,
    plan_history,
    plans_for,
    plans_under,
    save_plan,
)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return Store(tmp_path / "p.db").conn


def test_parts_are_saved_one_by_one_and_every_text_is_kept(conn: sqlite3.Connection) -> None:
    save_plan(conn, "bmn", "160104", 2565, "i20", cause="ผู้สูงอายุ  ว่างงาน\n")
    save_plan(conn, "bmn", "160104", 2565, "i20", project="ฝึกอาชีพ จักสาน")
    found = plans_for(conn, "bmn", "160104", 2565)["i20"]
    assert (found.cause, found.project, found.agency) == ("ผู้สูงอายุ ว่างงาน", "ฝึกอาชีพ จักสาน", "")
    history = plan_history(conn, "bmn", "160104", 2565, "i20")
    assert [h.project for h in history] == ["", "ฝึกอาชีพ จักสาน"]
    save_plan(conn, "bmn", "16010402", 2565, "i21", agency="อบต.")
    assert set(plans_under(conn, "bmn", "160104", 2565)) == {("160104", "i20"), ("16010402", "i21")}
    assert plans_for(conn, "bmn", "160104", 2564) == {}


def test_a_bad_note_changes_nothing(conn: sqlite3.Connection) -> None:
    with pytest.raises(PlanError, match="at most"):
        save_plan(conn, "bmn", "160104", 2565, "i20", cause="ก" * (PART_CHARS + 1))
    with pytest.raises(PlanError, match="2, 4, 6 or 8 digits"):
        save_plan(conn, "bmn", "16x104", 2565, "i20", cause="x")
    assert plans_for(conn, "bmn", "160104", 2565) == {}


def test_merging_in_either_order_gives_the_same_notes(tmp_path: Path) -> None:
    older = Plan("bmn", "160104", 2565, "i20", "a", "", "", "2026-01-01T00:00:00.000Z", None, "d1")
    newer = Plan("bmn", "160104", 2565, "i20", "b", "", "", "2026-02-01T00:00:00.000Z", None, "d2")
    one, two = Store(tmp_path / "1.db").conn, Store(tmp_path / "2.db").conn
    assert merge_plans(one, [older]) == 1 and merge_plans(one, [newer]) == 1
    assert merge_plans(two, [newer]) == 1 and merge_plans(two, [older]) == 0
    for conn in (one, two):
        assert plans_for(conn, "bmn", "160104", 2565)["i20"].cause == "b"
        assert len(plan_history(conn, "bmn", "160104", 2565, "i20")) == 2
