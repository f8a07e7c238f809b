"""Bundles between laptops: answers merge one by one, conflicts keep both values, deletes and
status travel, a bundle for a peer carries only what it lacks, importing twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from synctools import Laptop, dump, send

from tui_cia.sync.bundle import read_bundle
from tui_cia.sync.conflicts import list_conflicts, resolve


@pytest.fixture
def laptops(tmp_path: Path) -> tuple[Laptop, Laptop, Laptop]:
    return Laptop(tmp_path, "a"), Laptop(tmp_path, "b"), Laptop(tmp_path, "office")


def test_a_new_household_arrives_with_its_history(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("12/1", members=2)
    report = send(a, b)
    assert (report.added, report.updated, report.unchanged) == (1, 0, 0)
    assert b.store.data(uuid) == a.store.data(uuid)
    assert len(b.store.history(uuid)) == len(a.store.history(uuid))
    row = b.store.conn.execute(
        "SELECT instance_name, key_text, status FROM records WHERE uuid = ?", (uuid,)
    ).fetchone()
    assert row == ("12/1 สมชาย", "12/1", "draft")
    assert b.store.search("สมชา")  # the Thai search text came along


def test_importing_a_bundle_twice_changes_nothing(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    a.household("1")
    bundle = a.bundle_for(None)
    b.take(bundle)
    before = dump(b.store)
    again = b.take(bundle)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert dump(b.store) == before


def test_edits_to_different_answers_merge(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("7", members=2)
    send(a, b)
    a.answer(uuid, ("income",), "5000")
    b.answer(uuid, ("members", 1, "age"), "44")
    send(a, b)
    send(b, a)
    for laptop in (a, b):
        data = laptop.store.data(uuid)
        assert data["income"] == 5000
        assert data["members"][1]["age"] == 44
        assert data["total_age"] == 30 + 44  # calculations follow the merged answers
    assert list_conflicts(a.store) == list_conflicts(b.store) == []


def test_the_same_answer_changed_twice_is_a_conflict_that_keeps_both(
    laptops: tuple[Laptop, ...],
) -> None:
    a, b, _ = laptops
    uuid = a.household("7")
    send(a, b)
    a.answer(uuid, ("income",), "5000")
    b.answer(uuid, ("income",), "7000")
    report = send(b, a)
    assert report.updated == 1 and len(report.conflicts) == 1
    assert {v["value"] for v in report.conflicts[0]["values"]} == {5000, 7000}
    send(a, b)
    assert a.store.data(uuid)["income"] == 5000  # each laptop shows its own until resolved
    assert b.store.data(uuid)["income"] == 7000
    [conflict] = list_conflicts(a.store)
    assert conflict.label == "income" and conflict.shown == 5000
    assert {(v.value, v.by) for v in conflict.values} == {(5000, "a"), (7000, "b")}
    choice = next(i for i, v in enumerate(conflict.values, 1) if v.value == 7000)
    assert resolve(a.store, uuid, "income", choice=choice, reason="checked the receipt").ok
    assert list_conflicts(a.store) == []
    send(a, b)
    assert list_conflicts(b.store) == []
    assert a.store.data(uuid)["income"] == b.store.data(uuid)["income"] == 7000
    last = a.store.history(uuid)[-1]
    assert (last.op, last.new, last.reason) == ("set", 7000, "checked the receipt")


def test_a_conflict_can_be_settled_with_a_typed_value(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("7")
    send(a, b)
    a.answer(uuid, ("head_name",), "สมศรี")
    b.answer(uuid, ("head_name",), "สมหญิง")
    send(b, a)
    result = resolve(a.store, uuid, "head_name", text="สมศักดิ์", reason="asked again")
    assert result.ok
    send(a, b)
    assert b.store.data(uuid)["head_name"] == "สมศักดิ์"
    bad = (
        resolve(b.store, uuid, "head_name", text="x", reason="r")
        if list_conflicts(b.store)
        else None
    )
    assert bad is None


def test_the_same_value_on_both_sides_is_no_conflict(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("7")
    send(a, b)
    a.answer(uuid, ("water",), "1")
    b.answer(uuid, ("water",), "1")
    assert send(b, a).conflicts == []
    assert a.store.data(uuid)["water"] == "1"


def test_deletes_travel_as_tombstones(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("7")
    send(a, b)
    a.store.delete(a.store.open(uuid), reason="keyed twice")
    b.answer(uuid, ("income",), "100")  # edited elsewhere meanwhile
    send(a, b)
    send(b, a)
    for laptop in (a, b):
        deleted = laptop.store.conn.execute(
            "SELECT deleted FROM records WHERE uuid = ?", (uuid,)
        ).fetchone()[0]
        assert deleted == 1
        assert laptop.store.search("สมชาย") == []
        assert laptop.store.data(uuid)["income"] == 100  # the edit is kept, under the tombstone


def _status(laptop: Laptop, uuid: str) -> str:
    return str(
        laptop.store.conn.execute("SELECT status FROM records WHERE uuid = ?", (uuid,)).fetchone()[
            0
        ]
    )


def test_verified_beats_complete_unless_edited_where_the_verifier_could_not_see(
    laptops: tuple[Laptop, ...],
) -> None:
    a, b, c = laptops
    first, second = a.household("1"), a.household("2")
    for uuid in (first, second):
        a.store.complete(a.store.open(uuid))
    send(a, b)
    send(a, c)
    b.store.verify(b.store.open(first))  # verified at the office, nothing else changed
    b.store.verify(b.store.open(second))
    a.answer(second, ("income",), "900")  # but this one was edited on the laptop meanwhile
    send(b, a)
    send(a, b)
    assert _status(a, first) == _status(b, first) == "verified"
    assert _status(a, second) == _status(b, second) == "complete"
    send(a, c)  # a third laptop that saw neither step reaches the same result
    assert (_status(c, first), _status(c, second)) == ("verified", "complete")


def test_a_bundle_for_a_peer_carries_only_what_it_lacks(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("1")
    a.household("2")
    send(a, b)
    send(b, a)  # a now knows what b has
    a.answer(uuid, ("income",), "10")
    small = read_bundle(a.bundle_for(b))
    assert [r["uuid"] for r in small.records] == [uuid]
    assert len(small.records[0]["changes"]) == 1
    assert small.manifest["for_peer"] == b.store.device
    full = read_bundle(a.bundle_for(None))
    assert len(full.records) == 2


def test_members_added_and_edited_on_two_laptops_merge(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("1", members=1)
    send(a, b)
    rec = a.store.open(uuid)
    a.store.add_instance(rec, ("members",))
    a.store.answer(rec, ("members", 1, "first_name"), "ใหม่")
    a.store.checkpoint(rec)
    b.answer(uuid, ("members", 0, "age"), "61")
    send(a, b)
    send(b, a)
    for laptop in (a, b):
        members = laptop.store.data(uuid)["members"]
        assert [m.get("first_name") for m in members] == ["คน0", "ใหม่"]
        assert members[0]["age"] == 61
    assert a.store.data(uuid) == b.store.data(uuid)


def test_a_member_removed_on_one_laptop_stays_removed(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("1", members=2)
    send(a, b)
    a.store.remove_instance(a.store.open(uuid), ("members",), 1, reason="moved away")
    b.answer(uuid, ("members", 1, "age"), "50")
    send(a, b)
    send(b, a)
    assert len(a.store.data(uuid)["members"]) == len(b.store.data(uuid)["members"]) == 1


def test_dry_run_reports_and_changes_nothing(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    a.household("1")
    before = dump(b.store)
    report = b.take(a.bundle_for(None), dry_run=True)
    assert report.added == 1 and report.dry_run
    assert dump(b.store) == before
    assert json.loads(json.dumps(report.as_json()))["added"] == 1


def test_records_relay_through_the_office(laptops: tuple[Laptop, ...]) -> None:
    a, b, office = laptops
    ua, ub = a.household("1"), b.household("2")
    send(a, office)
    send(b, office)
    send(office, a)
    send(office, b)
    for laptop in (a, b, office):
        assert {r.uuid for r in laptop.store.list_records("hh")} == {ua, ub}
    assert dump_records(a) == dump_records(b) == dump_records(office)


def dump_records(laptop: Laptop) -> list[tuple[object, ...]]:
    return laptop.store.conn.execute(
        "SELECT uuid, status, deleted, data, revision FROM records ORDER BY uuid"
    ).fetchall()


def test_encrypted_bundles_need_the_passphrase(laptops: tuple[Laptop, ...]) -> None:
    a, b, _ = laptops
    uuid = a.household("1", head="ลับมาก")
    bundle = a.bundle_for(None, passphrase="ผ่าน 1234")
    assert "ลับมาก".encode() not in bundle.read_bytes()
    assert b.take(bundle, passphrase="ผ่าน 1234").added == 1
    assert b.store.data(uuid)["head_name"] == "ลับมาก"
