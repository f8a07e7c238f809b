"""A save that meets another program's write lock: DatabaseBusy names that program, and the
record and its session are left as they were, so that the same call can be made again."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from concurrenttools import lock_held
from storetools import household_form, new_store

from tui_cia.storage import DatabaseBusy, OpenRecord, Store, register_writer
from tui_cia.storage.writers import folder_of, holder_of, writers


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = new_store(tmp_path / "t.db")
    s.add_form(household_form())
    return s


def state(rec: OpenRecord) -> tuple[Any, ...]:
    """All a save may change in memory: the answers (with roster ids), what was confirmed,
    the record's facts."""
    data = rec.session.to_data(ids=True)
    return (
        json.dumps(data, sort_keys=True, ensure_ascii=False),
        sorted(rec.session.confirmed),
        rec.status,
        rec.revision,
        rec.deleted,
        rec.data_revision,
        dict(rec.vector or {}),
    )


def members(rec: OpenRecord) -> int:
    return len(rec.session.to_data(ids=True)["members"])


def test_a_busy_save_leaves_the_record_as_it_was_and_can_be_made_again(store: Store) -> None:
    rec = store.create(household_form())
    store.answer(rec, ("house_no",), "7")
    store.answer(rec, ("members", 0, "age"), "40")
    before = state(rec)
    with lock_held(store.path, "records import") as pid, store.busy_timeout(50):
        with pytest.raises(DatabaseBusy) as info:
            store.answer(rec, ("members", 0, "age"), "41")
        assert state(rec) == before
        with pytest.raises(DatabaseBusy):
            store.set_special(rec, ("members", 0, "national_id"), "dont_know")
        assert state(rec) == before
        with pytest.raises(DatabaseBusy):
            store.add_instance(rec, ("members",))
        assert state(rec) == before and members(rec) == 1
        with pytest.raises(DatabaseBusy):
            store.remove_instance(rec, ("members",), 0)
        assert state(rec) == before
        with pytest.raises(DatabaseBusy):
            store.checkpoint(rec)
        assert state(rec) == before
    busy = info.value
    assert (busy.holder, busy.pid) == ("records import", pid)
    assert busy.message("th") == (
        f"ฐานข้อมูลถูกใช้อยู่โดย การนำเข้าข้อมูล (records import, pid {pid}): รอให้เสร็จแล้วลองอีกครั้ง"
    )
    assert str(busy) == busy.message("en") and "records import" in str(busy)
    assert "bug" not in str(busy)
    # The lock is free: the same calls go through, and the answers are in the database.
    assert store.answer(rec, ("members", 0, "age"), "41").ok
    store.add_instance(rec, ("members",))
    store.checkpoint(rec)
    again = Store(store.path)
    assert again.open(rec.uuid).session.value(("members", 0, "age")) == 41
    assert members(again.open(rec.uuid)) == 2


def test_busy_timeout_is_set_for_the_block_and_restored(store: Store) -> None:
    def timeout() -> int:
        return int(store.conn.execute("PRAGMA busy_timeout").fetchone()[0])

    with store.busy_timeout(4000):
        outer = timeout()
        with store.busy_timeout(50):
            assert timeout() == 50
        assert timeout() == outer == 4000


def test_the_wait_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_CIA_LOCK_WAIT", "0.25")
    s = Store(tmp_path / "w.db")
    assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 250
    assert (
        Store(tmp_path / "w.db", busy_timeout_ms=7)
        .conn.execute("PRAGMA busy_timeout")
        .fetchone()[0]
        == 7
    )


def test_a_holder_that_did_not_say_who_it_is(store: Store) -> None:
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        rec_before = store.conn.execute("SELECT count(*) FROM records").fetchone()
        with store.busy_timeout(0), pytest.raises(DatabaseBusy) as info:
            store.create(household_form())
    finally:
        other.execute("ROLLBACK")
    assert info.value.holder is None
    assert info.value.message("th") == "ฐานข้อมูลถูกใช้อยู่โดยโปรแกรมอื่น: รอให้เสร็จแล้วลองอีกครั้ง"
    assert store.conn.execute("SELECT count(*) FROM records").fetchone() == rec_before


def test_writer_files_come_and_go(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with register_writer(db, "bundle import"), register_writer(db, "records import"):
        mine = folder_of(db) / f"{os.getpid()}.json"
        assert json.loads(mine.read_text(encoding="utf-8"))["kind"] == "bundle import"
        assert writers(db) == []  # this process is never its own holder
    assert not folder_of(db).exists()


def test_a_dead_writers_file_is_ignored_and_removed(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(gone.stdout)
    folder = folder_of(db)
    folder.mkdir()
    stale = folder / f"{pid}.json"
    stale.write_text(
        json.dumps({"kind": "records import", "pid": pid, "started": "1"}), encoding="utf-8"
    )
    assert holder_of(db) is None
    assert not stale.exists()


def test_an_import_kept_waiting_after_some_slices_says_to_resume(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slices written stay; the message says so, and --resume (resume=True) adds the rest."""
    from test_import import good, write_lines

    from tui_cia.storage import importslices
    from tui_cia.storage.importer import ImportPaused, import_file

    records = [good(uuid=f"0b7f3c1e-8d2a-4e5b-9c6d-1a2b3c4d5e{n:02x}") for n in range(9)]
    path = write_lines(tmp_path / "in.jsonl", *records)
    monkeypatch.setattr(importslices, "SLICE", 4)
    other = sqlite3.connect(store.path, isolation_level=None)

    def another_program_writes(db_path: object) -> None:
        if not other.in_transaction:
            other.execute("BEGIN IMMEDIATE")

    monkeypatch.setattr(importslices, "yield_to_waiters", another_program_writes)
    with store.busy_timeout(50), pytest.raises(ImportPaused) as info:
        import_file(store, household_form(), path)
    other.execute("ROLLBACK")
    assert info.value.added == 4 and "--resume" in info.value.message("th")
    assert "4 record(s) were imported" in str(info.value)
    monkeypatch.setattr(importslices, "yield_to_waiters", lambda db_path: None)
    assert import_file(store, household_form(), path, resume=True) == 5
    count = store.conn.execute("SELECT count(*), count(DISTINCT uuid) FROM records").fetchone()
    assert count == (9, 9)
