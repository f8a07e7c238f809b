"""Data quality: duplicate keys and Thai ids, recheck against a newer form, blind re-key."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from formtools import make_form
from storetools import HEADER, HOUSEHOLD, household_form, new_store

from tui_cia.storage import CompletionRefused, OpenRecord, Store, quality, verify
from tui_cia.storage.db import schema_version
from tui_cia.survey.thaiid import thai_id_check_digit


def thai_id(first12: str) -> str:
    return first12 + str(thai_id_check_digit(first12))


ID_A, ID_B = thai_id("110170012345"), thai_id("310100054321")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = new_store(tmp_path / "q.db")
    s.set_enumerator("สมศรี")
    return s


def household(
    store: Store, house: str, nid: str = ID_A, *, income: str = "9000", done: bool = True
) -> OpenRecord:
    rec = store.create(household_form(), carry=False)
    for path, text in (
        (("village_code",), "16010401"),
        (("house_no",), house),
        (("head_name",), "สมชาย ใจดี"),
        (("members", 0, "first_name"), "สมชาย"),
        (("members", 0, "national_id"), nid),
        (("members", 0, "age"), "40"),
        (("members", 0, "checkup"), "1"),
        (("income",), income),
    ):
        assert store.answer(rec, path, text).ok, path
    if done:
        store.complete(rec)
    store.checkpoint(rec)
    return rec


def test_the_same_key_and_round_twice_is_a_group(store: Store) -> None:
    one, two = household(store, "1", ID_A), household(store, "1", ID_B)
    household(store, "2", thai_id("510100011111"))
    found = quality.duplicates(store, household_form())
    assert [(d.kind, d.value, d.round) for d in found] == [("key", "16010401|1", 2565)]
    records = found[0].records
    assert {r.uuid for r in records} == {one.uuid, two.uuid}
    assert {(r.key, r.village, r.status) for r in records} == {
        ("16010401|1", "16010401", "complete")
    }
    assert quality.duplicates(store, household_form(), 2564) == []


def test_one_thai_id_in_two_households_is_a_group_and_deleted_records_are_not(
    store: Store,
) -> None:
    one, two = household(store, "1", ID_A), household(store, "2", ID_A)
    found = quality.duplicates(store, household_form(), 2565)
    assert [(d.kind, d.value, d.field) for d in found] == [("thai_id", ID_A, "members.national_id")]
    assert sorted(r.uuid for r in found[0].records) == sorted([one.uuid, two.uuid])
    store.delete(two)
    assert quality.duplicates(store, household_form()) == []


def test_recheck_finds_what_a_newer_version_refuses_and_changes_nothing(store: Store) -> None:
    ok, over = household(store, "1", income="900"), household(store, "2", income="9000")
    draft = household(store, "3", income="9000", done=False)
    stricter = make_form(
        HOUSEHOLD.replace('". < 10000000"', '". < 5000"'),
        header=HEADER.replace('version: "1"', 'version: "2"'),
    )
    store.add_form(stricter)
    before = store.conn.execute("SELECT * FROM records ORDER BY uuid").fetchall()
    found = quality.recheck(store, stricter)
    assert found.checked == 2 and found.version == "2"  # drafts are not rechecked
    assert [r.uuid for r in found.failing] == [over.uuid]
    assert [p.field for p in found.failing[0].problems] == ["income"]
    assert found.failing[0].version == "1" and found.problems == 1
    assert store.conn.execute("SELECT * FROM records ORDER BY uuid").fetchall() == before
    assert quality.recheck(store, household_form()).failing == []
    assert ok.uuid and draft.uuid


def test_the_keyer_statistics_table_comes_with_schema_6(store: Store) -> None:
    assert schema_version(store.conn) >= 6
    assert verify.keyer_stats(store) == []


def test_a_rekey_starts_with_only_the_identification_answers(store: Store) -> None:
    rec = household(store, "7")
    data = verify.start_rekey(store, rec.uuid).to_data()
    assert data["house_no"] == "7" and data["village_code"] == "16010401"
    assert "head_name" not in data and "income" not in data
    assert not data["members"][0].get("first_name")


def test_a_draft_is_not_rekeyed(store: Store) -> None:
    rec = household(store, "9", done=False)
    with pytest.raises(verify.VerifyError, match="is a draft: complete it"):
        verify.start_rekey(store, rec.uuid)


def test_compare_gives_the_mismatches_by_path_with_both_values(store: Store) -> None:
    rec = household(store, "7")
    second = copy.deepcopy(store.data(rec.uuid))
    second["head_name"] = "สมชาย ใจร้าย"
    second["members"][0]["age"] = 41
    second["members"].append({"first_name": "สมหญิง", "age": 38})
    found = verify.compare_record(store, rec.uuid, second)
    got = [(m.path, m.first, m.second) for m in found.mismatches]
    assert got == [
        ("head_name", "สมชาย ใจดี", "สมชาย ใจร้าย"),
        ("members", 1, 2),
        ("members[1].age", 40, 41),
        ("members[2].first_name", None, "สมหญิง"),
        ("members[2].age", None, 38),
    ]
    assert found.keyer == "สมศรี"
    # head_name, income, the roster, 4 fields of member 1 and 2 of member 2; the key and
    # the calculation are not counted
    assert found.fields == 2 + 1 + 4 + 2


def test_resolving_saves_with_the_reason_verify_and_keeps_keyer_statistics(
    store: Store,
) -> None:
    rec = household(store, "7")
    second = copy.deepcopy(store.data(rec.uuid))
    second["head_name"] = "สมชาย ใจร้าย"
    second["members"][0]["age"] = 41
    found = verify.compare_record(store, rec.uuid, second)
    store.set_enumerator("ผู้ตรวจ")
    choices = {"head_name": ("first", None), "members[1].age": ("new", 42)}
    verify.resolve(store, found, choices)
    data = store.data(rec.uuid)
    assert data["head_name"] == "สมชาย ใจดี" and data["members"][0]["age"] == 42
    assert store.open(rec.uuid).status == "verified"
    changes = [c for c in store.history(rec.uuid) if c.reason == "verify"]
    assert [(c.op, c.path) for c in changes][-2:] == [("set", changes[-2].path), ("status", "")]
    assert any(c.label == "members[1].age" and c.new == 42 for c in changes)
    [stats] = verify.keyer_stats(store)
    assert (stats.enumerator, stats.records, stats.mismatches) == ("สมศรี", 1, 2)
    assert stats.rate == pytest.approx(2 / found.fields)


def _rekeyed_one_member_short(store: Store) -> tuple[OpenRecord, verify.Comparison]:
    """A household of two members, re-keyed with the first member only."""
    rec = household(store, "7")
    store.add_instance(rec, ("members",))
    assert store.answer(rec, ("members", 1, "first_name"), "สมหญิง").ok
    store.complete(rec)
    second = copy.deepcopy(store.data(rec.uuid))
    second["members"] = second["members"][:1]
    return rec, verify.compare_record(store, rec.uuid, second)


def test_taking_a_shorter_roster_removes_the_extra_members(store: Store) -> None:
    rec, found = _rekeyed_one_member_short(store)
    verify.resolve(store, found, {m.path: ("second", None) for m in found.mismatches})
    assert len(store.data(rec.uuid)["members"]) == 1


def test_unresolved_mismatches_and_bad_rekeys_are_refused(store: Store) -> None:
    rec = household(store, "7")
    second = {**store.data(rec.uuid), "head_name": "x", "income": "lots"}
    with pytest.raises(verify.VerifyError, match="income"):
        verify.compare_record(store, rec.uuid, second)
    second["income"] = 9000
    found = verify.compare_record(store, rec.uuid, second)
    with pytest.raises(verify.VerifyError, match="not resolved: head_name"):
        verify.resolve(store, found, {})
    second["house_no"] = None  # the key is not compared; a blank required answer stays
    found = verify.compare_record(store, rec.uuid, {**second, "head_name": None})
    assert [m.path for m in found.mismatches] == ["head_name"]
    rec2 = household(store, "8", done=False)
    found = verify.compare_record(store, rec2.uuid, store.data(rec2.uuid))
    store.clear(store.open(rec2.uuid), ("members", 0, "first_name"))
    with pytest.raises(CompletionRefused):
        verify.resolve(store, found, {})
    assert verify.keyer_stats(store) == []


def test_a_new_value_the_form_refuses_is_not_saved(store: Store) -> None:
    rec = household(store, "7")
    second = {**store.data(rec.uuid), "income": 8000}
    found = verify.compare_record(store, rec.uuid, second)
    with pytest.raises(verify.VerifyError, match="income"):
        verify.resolve(store, found, {"income": ("new", 99999999)})
    assert store.data(rec.uuid)["income"] == 9000 and verify.keyer_stats(store) == []


def test_a_typed_value_is_checked_as_on_the_entry_screen(store: Store) -> None:
    rec = household(store, "7")
    second = {**store.data(rec.uuid), "income": 8000}
    found = verify.compare_record(store, rec.uuid, second)
    with pytest.raises(verify.VerifyError, match="whole number"):
        verify.resolve_typed(store, found, "income", "lots")
    with pytest.raises(verify.VerifyError, match="not a mismatch"):
        verify.resolve_typed(store, found, "head_name", "x")
    assert store.data(rec.uuid)["income"] == 9000
    verify.resolve_typed(store, found, "income", "8500")
    assert store.data(rec.uuid)["income"] == 8500
    assert any(c.reason == "verify" and c.new == 8500 for c in store.history(rec.uuid))


def test_a_roster_count_comes_first_and_settles_the_removed_members(store: Store) -> None:
    rec, found = _rekeyed_one_member_short(store)
    roster = next(m for m in found.mismatches if m.path == "members")
    inside = [m for m in found.mismatches if m.path.startswith("members[2].")]
    assert inside and all(verify.roster_of(found, m) is roster for m in inside)
    assert verify.roster_of(found, roster) is None
    assert verify.gone(found, roster, 1) == inside and verify.gone(found, roster, 2) == []
    for bad in ("two", "-1", "100000"):
        with pytest.raises(verify.VerifyError, match="number of instances"):
            verify.resolve_typed(store, found, "members", bad)
    assert len(store.data(rec.uuid)["members"]) == 2
    verify.resolve_typed(store, found, "members", "1")
    assert len(store.data(rec.uuid)["members"]) == 1


def test_recheck_tells_its_progress(store: Store) -> None:
    for house in ("1", "2", "3"):
        household(store, house, thai_id(f"1101700{house}2345"))
    told: list[tuple[int, int]] = []
    found = quality.recheck(store, household_form(), progress=lambda n, t: told.append((n, t)))
    assert found.checked == 3 and told and told[0] == (0, 3)
