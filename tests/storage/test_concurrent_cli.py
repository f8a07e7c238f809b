"""A command that cannot get the write lock (another program holds it) waits TUI_CIA_LOCK_WAIT
seconds, then says which program holds it and to try again: no traceback, no "bug"."""

from __future__ import annotations

from pathlib import Path

import pytest
from concurrenttools import cli, lock_held
from storetools import household_form
from test_import import good, write_lines

from tui_cia.storage import Store

WAIT = {"TUI_CIA_LOCK_WAIT": "0.2", "TUI_CIA_LANG": "th"}  # Thai: the default for people


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    store = Store(path)
    store.add_form(household_form())
    store.close()
    write_lines(tmp_path / "in.jsonl", good())
    return path


def clean(stderr: str) -> None:
    assert "Traceback" not in stderr and "bug" not in stderr


def test_a_command_says_which_program_holds_the_lock(db: Path) -> None:
    with lock_held(db, "records import") as pid:
        done = cli(
            "--db",
            str(db),
            "records",
            "import",
            "--form",
            "hh",
            str(db.parent / "in.jsonl"),
            env=WAIT,
        )
    assert done.returncode == 1
    clean(done.stderr)
    assert done.stderr.strip() == (
        f"ฐานข้อมูลถูกใช้อยู่โดย การนำเข้าข้อมูล (records import, pid {pid}): รอให้เสร็จแล้วลองอีกครั้ง"
    )


def test_in_english_when_asked(db: Path) -> None:
    with lock_held(db, "bundle import") as pid:
        done = cli("--lang", "en", "--db", str(db), "device", "--enumerator", "x", env=WAIT)
    assert done.returncode == 1
    clean(done.stderr)
    assert done.stderr.strip() == (
        f"error: the database is in use by bundle import (pid {pid}): wait for it to finish, "
        "then try again"
    )


def test_bundle_export_reads_while_another_program_writes(db: Path) -> None:
    """A reader takes no lock: the export goes through, from the last committed state."""
    out = db.parent / "b.tcb"
    assert (
        cli(
            "--db", str(db), "records", "import", "--form", "hh", str(db.parent / "in.jsonl")
        ).returncode
        == 0
    )
    with lock_held(db, "the tui-cia app"):
        done = cli("--db", str(db), "bundle", "export", "--all", "--out", str(out), env=WAIT)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
