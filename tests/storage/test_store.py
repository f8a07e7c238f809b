"""The record API: every answer saved with history, revisions, tombstones, search, duplicates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from storetools import household_form, new_store

from tui_cia.storage import CompletionRefused, OpenRecord, RecordNotFound, Store
from tui_cia.survey import parse_path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = new_store(tmp_path / "t.db")
    s.set_enumerator("สมศรี")
    return s


def keyed(store: Store, house: str = "12/3", head: str = "สมชาย ใจดี") -> OpenRecord:
    rec = store.create(household_form())
    assert store.answer(rec, ("village_code",), "16010401").ok
    assert store.answer(rec, ("house_no",), house).ok
    assert store.answer(rec, ("head_name",), head).ok
    assert store.answer(rec, ("members", 0, "first_name"), head.split()[0]).ok
    assert store.answer(rec, ("members", 0, "age"), "40").ok
    assert store.answer(rec, ("members", 0, "checkup"), "1").ok
    store.checkpoint(rec)  # as leaving the entry screen does
    return rec


def value_at(data: dict[str, Any], label: str) -> Any:
    node: Any = data
    for part in parse_path(label):
        node = node[part] if isinstance(part, int) else node.get(part)
        if node is None:
            return None
    return node


def test_the_database_opens_in_wal_mode_with_a_device_id(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(store.device) == 12
    again = new_store(store.path)
    assert again.device == store.device and again.enumerator == "สมศรี"


def test_each_answer_is_saved_before_the_call_returns(store: Store, tmp_path: Path) -> None:
    rec = keyed(store)
    other = new_store(tmp_path / "t.db")  # a second connection sees it at once
    data = other.data(rec.uuid)
    assert data["house_no"] == "12/3" and data["members"][0]["age"] == 40
    store.checkpoint(rec)  # the flat rows follow at checkpoints (leaving the record, …)
    row = other.conn.execute("SELECT house_no, survey_round FROM form_hh").fetchone()
    assert row == ("12/3", 2565)
    member = other.conn.execute("SELECT _position, first_name, age FROM form_hh_members")
    assert member.fetchall() == [(1, "สมชาย", 40)]


def test_a_refused_answer_changes_nothing(store: Store) -> None:
    rec = keyed(store)
    revision = rec.revision
    result = store.answer(rec, ("income",), "99999999")
    assert not result.ok and result.problem is not None
    assert result.problem.message("th") == "มากเกินไป"
    assert rec.revision == revision and "income" not in store.data(rec.uuid)


def test_history_keeps_who_what_when_and_every_revision(store: Store) -> None:
    rec = keyed(store)
    store.answer(rec, ("house_no",), "12/4", reason="เลขบ้านผิด")
    changes = store.history(rec.uuid)
    assert [c.op for c in changes] == ["create"] + ["set"] * 7
    last = changes[-1]
    assert (last.label, last.old, last.new, last.reason) == ("house_no", "12/3", "12/4", "เลขบ้านผิด")
    assert last.enumerator == "สมศรี" and last.device == store.device
    assert changes[5].label == "members[1].age" and changes[5].path.startswith("members#")
    for change in changes[1:]:  # each revision differs from the one before by its change
        before = store.as_of(rec.uuid, change.revision - 1)
        after = store.as_of(rec.uuid, change.revision)
        assert value_at(before, change.label) == change.old
        assert value_at(after, change.label) == change.new
    assert store.as_of(rec.uuid, 2)["village_code"] == "16010401"
    assert "house_no" not in store.as_of(rec.uuid, 2)
    assert store.as_of(rec.uuid, 3)["house_no"] == "12/3"
    assert store.as_of(rec.uuid, rec.revision)["house_no"] == "12/4"


def test_as_of_follows_members_through_inserts_moves_and_removals(store: Store) -> None:
    rec = keyed(store)
    store.add_instance(rec, ("members",), at=0)
    store.answer(rec, ("members", 0, "first_name"), "มาลี")
    after_insert = rec.revision
    store.answer(rec, ("members", 1, "age"), "41")  # สมชาย, now second
    store.move_instance(rec, ("members",), 1, 0)
    store.remove_instance(rec, ("members",), 1, reason="ย้ายออก")
    names = [m.get("first_name") for m in store.as_of(rec.uuid, after_insert)["members"]]
    assert names == ["มาลี", "สมชาย"]
    final = store.as_of(rec.uuid, rec.revision)["members"]
    assert [(m["first_name"], m["age"]) for m in final] == [("สมชาย", 41)]
    stored = store.data(rec.uuid)["members"]
    assert final == [{k: v for k, v in m.items() if k != "_id"} for m in stored]
    assert store.history(rec.uuid)[-1].op == "remove"


def test_complete_refuses_with_every_problem_then_completes(store: Store) -> None:
    rec = store.create(household_form())
    with pytest.raises(CompletionRefused) as info:
        store.complete(rec)
    assert {p.where for p in info.value.problems} == {
        "village_code",
        "house_no",
        "members[1].first_name",
    }
    assert rec.status == "draft"
    rec = keyed(store, "5")
    store.complete(rec)
    assert store.open(rec.uuid).status == "complete"


def test_verify_and_an_edit_after_it(store: Store) -> None:
    rec = keyed(store)
    store.verify(rec)
    assert rec.status == "verified"
    store.answer(rec, ("income",), "50000", reason="ตรวจทาน")
    assert store.open(rec.uuid).status == "complete"  # needs verifying again
    store.clear(rec, ("house_no",), reason="ผิด")
    assert store.open(rec.uuid).status == "draft"
    assert [c.op for c in store.history(rec.uuid)][-4:] == ["set", "status", "set", "status"]


def test_a_warning_confirmation_is_kept_with_the_record(store: Store) -> None:
    rec = keyed(store)
    path = ("members", 0, "age")
    assert store.answer(rec, path, "104").needs_confirmation
    assert store.answer(rec, path, "104", confirm=True).ok
    reopened = store.open(rec.uuid)
    assert reopened.session.confirmed == {"members[1].age"}
    assert reopened.session.completion_problems() == []


def test_a_draft_reopens_where_it_was(store: Store) -> None:
    rec = keyed(store)
    store.answer(rec, ("income",), "90000")
    again = store.open(rec.uuid)
    assert again.session.to_data() == rec.session.to_data()
    assert again.session.value(("per_person",)) == 90000
    assert again.revision == rec.revision


def test_delete_is_a_tombstone_that_can_be_restored(store: Store) -> None:
    rec = keyed(store)
    store.delete(rec, reason="ซ้ำ")
    assert store.list_records("hh") == []
    assert store.search("สมชาย") == []
    with pytest.raises(RecordNotFound):
        store.open(rec.uuid)
    row = store.conn.execute("SELECT deleted FROM records WHERE uuid = ?", (rec.uuid,))
    assert row.fetchone() == (1,)
    assert store.conn.execute("SELECT _deleted FROM form_hh").fetchone() == (1,)
    tomb = store.open(rec.uuid, include_deleted=True)
    store.restore(tomb)
    assert [r.uuid for r in store.list_records("hh")] == [rec.uuid]
    assert [c.op for c in store.history(rec.uuid)][-2:] == ["delete", "restore"]


def test_lists_filter_by_area_round_and_status(store: Store) -> None:
    first = keyed(store, "1")
    keyed(store, "2")
    store.complete(first)
    assert len(store.list_records("hh", area="160104")) == 2
    assert len(store.list_records("hh", area="16010402")) == 0
    assert [r.uuid for r in store.list_records("hh", status="complete")] == [first.uuid]
    assert len(store.list_records("hh", round=2565)) == 2
    assert store.list_records("hh", order_by="key_text", descending=False)[0].key == "16010401|1"
    assert sorted(store.counts("hh")) == [
        ("16010401", 2565, "complete", 1),
        ("16010401", 2565, "draft", 1),
    ]


def test_thai_substring_search_over_house_numbers_and_names(store: Store) -> None:
    rec = keyed(store, "12/3", "สมชาย ใจดี")
    keyed(store, "45", "มาลี ศรีสุข")
    assert [r.uuid for r in store.search("มชา")] == [rec.uuid]
    assert [r.uuid for r in store.search("ใจดี")] == [rec.uuid]
    assert [r.uuid for r in store.search("12/3")] == [rec.uuid]
    assert len(store.search("ี")) == 2  # a lone vowel mark: a short pattern still works
    assert store.search("ไม่มีใคร") == []
    assert store.search("  ") == []


def test_duplicate_keys_in_the_same_round_are_reported(store: Store) -> None:
    a = keyed(store, "7")
    b = keyed(store, "7")
    keyed(store, "8")
    groups = store.duplicates("hh")
    assert [(g.key, g.round, g.uuids) for g in groups] == [
        ("16010401|7", 2565, sorted([a.uuid, b.uuid]))
    ]
    store.delete(b)
    assert store.duplicates("hh") == []


def test_carry_starts_a_new_record_from_the_previous_one(store: Store) -> None:
    keyed(store)
    rec = store.create(household_form())
    data = rec.session.to_data()
    assert data["village_code"] == "16010401" and "house_no" not in data


def test_form_versions_are_kept_with_their_choice_files(store: Store, tmp_path: Path) -> None:
    form = household_form()
    store.add_form(form)
    store.add_form(form)
    rows = store.conn.execute("SELECT form_id, version, content_hash FROM form_versions")
    assert rows.fetchall() == [("hh", "1", form.content_hash)]
    loaded = store.forms.get("hh")
    assert loaded.content_hash == form.content_hash and len(loaded.items) == len(form.items)


def test_a_newer_form_version_adds_flat_columns(store: Store) -> None:
    from formtools import make_form
    from storetools import HEADER, HOUSEHOLD

    keyed(store)
    newer = make_form(
        HOUSEHOLD.replace(
            "  - {name: head_name,",
            "  - {name: phone, type: text, label: {th: โทร, en: Phone}}\n  - {name: head_name,",
        ),
        header=HEADER.replace('version: "1"', 'version: "2"'),
    )
    store.add_form(newer)
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(form_hh)")]
    assert "phone" in columns
    assert [v for v, _, _ in store.forms.versions("hh")] == ["1", "2"]


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    from tui_cia.storage import StorageError

    bad = tmp_path / "notes.db"
    bad.write_text("just text, not SQLite " * 100, encoding="utf-8")
    with pytest.raises(StorageError, match="not a tui-cia database"):
        new_store(bad)


def test_records_row_holds_readable_json(store: Store) -> None:
    rec = keyed(store)
    raw = store.conn.execute("SELECT data FROM records WHERE uuid = ?", (rec.uuid,)).fetchone()
    assert "สมชาย" in raw[0] and json.loads(raw[0])["members"][0]["_id"]


def test_answers_past_the_snapshot_are_replayed_when_reopened(store: Store, tmp_path: Path) -> None:
    rec = keyed(store)
    store.answer(rec, ("income",), "70000")
    row = store.conn.execute("SELECT data_revision, revision FROM records").fetchone()
    assert row[0] < row[1]  # plain answers only wrote history and the revision
    again = new_store(tmp_path / "t.db").open(rec.uuid)
    assert again.session.value(("income",)) == 70000
    assert again.session.value(("per_person",)) == 70000
    for i in range(25):
        store.answer(rec, ("income",), str(1000 + i))
    row = store.conn.execute("SELECT data_revision, revision FROM records").fetchone()
    assert row[1] - row[0] < 20  # a full snapshot at least every 20 answers
    assert store.checkpoint_all() == 1
    assert store.conn.execute("SELECT income FROM form_hh").fetchone() == (1024,)
