"""The sync commands: bundle export/import (with --for, --dry-run, --json, --encrypt),
conflicts list/resolve, export csv|xlsx and device."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from synctools import Laptop, send

from tui_cia.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> str:
    """The command's output in English (the wording these tests read)."""
    env = {"TUI_CIA_LANG": "en", **(env or {})}
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Laptop, Laptop]:
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    a.household("1", members=2)
    a.household("2")
    return a, b


def test_a_bundle_goes_from_one_database_to_another(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = pair
    out = tmp_path / "x.tcb"
    assert "2 records" in run("bundle", "export", "--db", str(a.store.path), "--out", str(out))
    dry = json.loads(
        run("bundle", "import", str(out), "--db", str(b.store.path), "--dry-run", "--json")
    )
    assert dry["added"] == 2 and dry["dry_run"]
    text = run("bundle", "import", str(out), "--db", str(b.store.path))
    assert "2 added, 0 updated, 0 unchanged, 0 conflicts" in text
    again = json.loads(run("bundle", "import", str(out), "--db", str(b.store.path), "--json"))
    assert (again["added"], again["unchanged"]) == (0, 2)


def test_encrypted_bundles_take_the_passphrase_from_the_environment(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = pair
    out = tmp_path / "x.tcb"
    env = {"TUI_CIA_PASSPHRASE": "ความลับ"}
    assert "encrypted" in run(
        "bundle", "export", "--db", str(a.store.path), "--out", str(out), "--encrypt", env=env
    )
    assert "2 added" in run("bundle", "import", str(out), "--db", str(b.store.path), env=env)
    bad = CliRunner().invoke(
        main,
        ["bundle", "import", str(out), "--db", str(b.store.path)],
        env={"TUI_CIA_PASSPHRASE": "x"},
    )
    assert bad.exit_code == 1 and "รหัสผ่านไม่ถูกต้อง" in bad.output  # Thai by default


def test_a_damaged_bundle_is_an_error_not_a_traceback(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    _, b = pair
    out = tmp_path / "junk.tcb"
    out.write_bytes(b"PK\x03\x04 not really")
    result = CliRunner().invoke(main, ["bundle", "import", str(out), "--db", str(b.store.path)])
    assert result.exit_code == 1 and result.output.startswith("ข้อผิดพลาด: ")  # Thai by default


def test_conflicts_are_listed_and_resolved(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    uuid = a.store.list_records("hh")[0].uuid
    send(a, b)
    a.answer(uuid, ("income",), "5000")
    b.answer(uuid, ("income",), "7000")
    send(b, a)
    listed = json.loads(run("conflicts", "list", "--json", "--db", str(a.store.path)))
    assert [c["path"] for c in listed] == ["income"]
    number = 1 + [v["value"] for v in listed[0]["values"]].index(7000)
    db = ["--db", str(a.store.path)]
    out = run(
        "conflicts",
        "resolve",
        uuid[:8],
        "income",
        "--choose",
        str(number),
        "--reason",
        "receipt",
        *db,
    )
    assert "7000" in out
    assert "no conflicts" in run("conflicts", "list", *db)


def test_exports_and_device(pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    a, _ = pair
    db = ["--db", str(a.store.path)]
    run("export", "csv", "--form", "hh", "--out", str(tmp_path / "csv"), *db)
    assert (tmp_path / "csv" / "members.csv").is_file()
    before = a.store.device
    a.store.close()
    shown = run("device", "--new", "--enumerator", "สมชาย", *db)
    assert before not in shown and "สมชาย" in shown
