"""`tui-cia quality duplicates|recheck|verify|keyers` on a scratch copy of the sample."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from formtools import copy_sample

from tui_cia.cli import main
from tui_cia.plots.cells import width


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording (the Thai is tests/test_cli_language.py's)."""
    monkeypatch.setenv("TUI_CIA_LANG", "en")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def complete_records(db: Path, n: int) -> list[str]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT uuid FROM records WHERE status = 'complete' AND deleted = 0 "
        "AND data_revision >= revision ORDER BY uuid LIMIT ?",
        (n,),
    ).fetchall()
    conn.close()
    return [r[0] for r in rows]


def test_duplicates_lists_a_key_keyed_twice_and_a_shared_thai_id(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    one, two, three = complete_records(db, 3)
    conn = sqlite3.connect(db)
    with conn:
        key, round_ = conn.execute(
            "SELECT key_text, round FROM records WHERE uuid = ?", (one,)
        ).fetchone()
        conn.execute(
            "UPDATE records SET key_text = ?, round = ? WHERE uuid = ?", (key, round_, two)
        )
        nid = conn.execute(
            "SELECT national_id FROM form_bmn_members WHERE _uuid = ? AND national_id IS NOT NULL",
            (one,),
        ).fetchone()[0]
        conn.execute(
            "UPDATE form_bmn_members SET national_id = ? WHERE _uuid = ? AND _position = 1",
            (nid, three),
        )
        conn.execute("UPDATE records SET round = ? WHERE uuid = ?", (round_, three))
    conn.close()
    result = invoke("quality", "duplicates", "--db", str(db), "--form", "bmn", "--json")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["groups"]
    kinds = {(g["kind"], g["value"]): {r["uuid"] for r in g["records"]} for g in groups}
    assert kinds[("key", key)] == {one, two}
    assert kinds[("thai_id", nid)] == {one, three}
    text = invoke("quality", "duplicates", "--db", str(db), "--form", "bmn")
    assert f"same key {key}, round {round_}: 2 records" in text.stdout
    assert f"same Thai id (members.national_id) {nid}" in text.stdout


@pytest.mark.slow
def test_recheck_lists_a_record_that_no_longer_passes(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    [bad] = complete_records(db, 1)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE records SET data = json_remove(data, '$.house_no') WHERE uuid = ?", (bad,)
        )
    round_ = conn.execute("SELECT round FROM records WHERE uuid = ?", (bad,)).fetchone()[0]
    conn.close()
    result = invoke("quality", "recheck", "--db", str(db), "--form", "bmn", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["checked"] > 1000
    assert [r["uuid"] for r in found["failing"]] == [bad]
    assert {"field": "house_no"}.items() <= found["failing"][0]["problems"][0].items()
    text = invoke("quality", "recheck", "--db", str(db), "--form", "bmn", "--round", str(round_))
    assert text.exit_code == 0 and "1 no longer pass (1 problem)" in text.stdout


def test_verify_prints_side_by_side_then_takes_one_side_and_counts_the_keyer(
    tmp_path: Path,
) -> None:
    db = copy_sample(tmp_path)
    [uuid] = complete_records(db, 1)
    conn = sqlite3.connect(db)
    data = json.loads(
        conn.execute("SELECT data FROM records WHERE uuid = ?", (uuid,)).fetchone()[0]
    )
    keyer = conn.execute("SELECT created_by FROM records WHERE uuid = ?", (uuid,)).fetchone()[0]
    conn.close()
    informant = data["informant_name"]
    data["informant_name"] = "ทดสอบ ระบบ"
    rekeyed = tmp_path / "rekeyed.json"
    rekeyed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    args = ["quality", "verify", "--db", str(db), "--uuid", uuid, "--file", str(rekeyed)]
    shown = invoke(*args)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["field", "first", "second"]
    assert lines[1].split() == ["informant_name", *informant.split(), "ทดสอบ", "ระบบ"]
    # the second column starts at the same cell in every row, Thai or not
    starts = {
        width(line[: line.index("second" if n == 0 else "ทดสอบ")])
        for n, line in enumerate(lines[:2])
    }
    assert len(starts) == 1
    assert "1 differ" in lines[-1]
    taken = invoke(*args, "--take", "second")
    assert taken.exit_code == 0, taken.output
    stats = invoke("quality", "keyers", "--db", str(db), "--json")
    [row] = json.loads(stats.stdout)["keyers"]
    assert (row["enumerator"], row["records"], row["mismatches"]) == (keyer, 1, 1)
    conn = sqlite3.connect(db)
    status, name = conn.execute(
        "SELECT r.status, f.informant_name FROM records r JOIN form_bmn f ON f._uuid = r.uuid "
        "WHERE r.uuid = ?",
        (uuid,),
    ).fetchone()
    assert (status, name) == ("verified", "ทดสอบ ระบบ")
    table = invoke("quality", "keyers", "--db", str(db))
    assert table.stdout.splitlines()[0].split() == [
        "enumerator",
        "records",
        "fields",
        "mismatches",
        "rate",
    ]


def test_errors_are_for_people(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = invoke("quality", "verify", "--db", str(db), "--uuid", "nope", "--file", str(bad))
    assert result.exit_code == 1 and "error:" in result.output and "Traceback" not in result.output
    bad.write_text("{}", encoding="utf-8")
    result = invoke("quality", "verify", "--db", str(db), "--uuid", "nope", "--file", str(bad))
    assert result.exit_code == 1 and "no record nope" in result.output


def test_every_quality_command_has_an_example() -> None:
    for command in ("duplicates", "recheck", "verify", "keyers"):
        result = invoke("quality", command, "--help")
        assert result.exit_code == 0 and f"tui-cia quality {command}" in result.output
