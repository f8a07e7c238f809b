"""`records import` beside other programs on one database: two imports at once, the app's
saves during an import, and an import that was stopped (killed) and then finished."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from concurrenttools import children, cli, import_file, linux_only, poll, running, start_cli

from tui_cia.storage import DatabaseBusy, Store
from tui_cia.storage.writers import folder_of


def stored(db: Path) -> tuple[int, set[str]]:
    """How many records the database holds, and their uuids."""
    conn = sqlite3.connect(db)
    try:
        uuids = [u for (u,) in conn.execute("SELECT uuid FROM records")]
    finally:
        conn.close()
    return len(uuids), set(uuids)


def imported(db: Path, path: Path, *more: str) -> list[str]:
    """`records import` of `path` into `db`, its messages in English."""
    return ["--lang", "en", "--db", str(db), "records", "import", "--form", "bmn", str(path), *more]


@pytest.mark.slow
def test_two_imports_at_once_both_succeed(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    db = tmp_path / "t.db"
    first = import_file(tmp_path_factory, tmp_path / "a.jsonl", 600, "a")
    second = import_file(tmp_path_factory, tmp_path / "b.jsonl", 600, "b")
    runs = [start_cli(*imported(db, tmp_path / f"{n}.jsonl")) for n in "ab"]
    outcomes = [(run.wait(timeout=600), run.communicate()) for run in runs]
    for code, (out, err) in outcomes:
        assert code == 0, err
        assert "imported 600 record(s)" in out
    count, uuids = stored(db)
    assert count == 1200 and uuids == set(first) | set(second)


def test_the_same_file_resumed_twice_at_once_adds_each_record_once(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    db = tmp_path / "t.db"
    uuids = import_file(tmp_path_factory, tmp_path / "a.jsonl", 250, "same")
    runs = [start_cli(*imported(db, tmp_path / "a.jsonl", "--resume")) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.communicate()[1]
    assert stored(db) == (250, set(uuids))


@pytest.mark.slow
def test_an_interrupted_import_is_refused_again_and_finished_with_resume(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """What a killed import leaves: the slices it committed, whole records. The same file
    again is refused, naming --resume; with it, the rest is added, nothing twice."""
    db = tmp_path / "t.db"
    uuids = import_file(tmp_path_factory, tmp_path / "all.jsonl", 300, "r")
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "part.jsonl").write_text("".join(lines[:120]), encoding="utf-8")
    assert cli(*imported(db, tmp_path / "part.jsonl")).returncode == 0
    again = cli(*imported(db, tmp_path / "all.jsonl"))
    assert again.returncode == 1
    assert "already in the database" in again.stderr and "--resume" in again.stderr
    assert stored(db)[0] == 120
    resumed = cli(*imported(db, tmp_path / "all.jsonl", "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert "imported 180 record(s)" in resumed.stdout
    assert stored(db) == (300, set(uuids))


@pytest.mark.slow
@linux_only
def test_a_killed_import_leaves_no_workers_and_resume_finishes_it(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    db = tmp_path / "t.db"
    uuids = import_file(tmp_path_factory, tmp_path / "big.jsonl", 1500, "k")
    run = start_cli(*imported(db, tmp_path / "big.jsonl"))
    workers: list[int] = []

    def working() -> bool:
        workers[:] = children(run.pid)
        return bool(workers) or run.poll() is not None

    assert poll(working)
    if not workers:
        pytest.skip("the import ended before its workers were seen (one core?)")
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    assert poll(lambda: not any(running(w) for w in workers), attempts=500), workers
    resumed = cli(*imported(db, tmp_path / "big.jsonl", "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert stored(db) == (1500, set(uuids))
    assert not folder_of(db).exists() or not any(folder_of(db).iterdir())


LETTERS = "กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอ"


def name(number: int) -> str:
    """A head's name of its own for each answer (names take no digits)."""
    letters = ""
    while True:
        number, digit = divmod(number, len(LETTERS))
        letters += LETTERS[digit]
        if not number:
            return f"สมชาย {letters}"


@pytest.mark.slow
def test_the_apps_saves_go_through_while_an_import_writes(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The app's way: try with a short wait, and on DatabaseBusy try the same call again.
    Every answer saved during the import is in the database afterwards."""
    db = tmp_path / "t.db"
    store = Store(db)
    form = store.resolve_form("bmn")
    rec = store.create(form)
    import_file(tmp_path_factory, tmp_path / "big.jsonl", 1200, "app")
    run = start_cli(*imported(db, tmp_path / "big.jsonl"))
    assert poll(lambda: stored(db)[0] > 1 or run.poll() is not None)  # the import writes
    answers, retries = 0, 0
    while run.poll() is None or answers < 5:
        for _attempt in range(1000):
            try:
                with store.busy_timeout(50):
                    assert store.answer(rec, ("head_name",), name(answers)).ok
                break
            except DatabaseBusy as busy:
                assert busy.holder in (None, "records import")
                retries += 1
        else:
            pytest.fail("a save waited through 1000 tries")
        answers += 1
    _, err = run.communicate()
    assert run.returncode == 0, err
    print(f"{answers} answers saved during the import, {retries} retries")
    store.checkpoint(rec)
    again = Store(db)
    assert again.open(rec.uuid).session.value(("head_name",)) == name(answers - 1)
    saved = again.history(rec.uuid)
    assert sum(1 for c in saved if c.op == "set" and c.path.endswith("head_name")) == answers
    assert stored(db)[0] == 1201
