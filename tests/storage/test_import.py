"""records import/export: every row checked, any bad row refuses the whole file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from storetools import household_form, new_store

from tui_cia.cli import main
from tui_cia.storage import Store
from tui_cia.storage.exporter import export_records
from tui_cia.storage.importer import ImportRefused, import_file

UUID = "0b7f3c1e-8d2a-4e5b-9c6d-1a2b3c4d5e6f"


def good(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uuid": UUID,
        "form": "hh",
        "version": "1",
        "status": "complete",
        "data": {
            "tambon": "160104",
            "village_code": "16010401",
            "survey_round": 2565,
            "house_no": "12/3",
            "head_name": "สมชาย ใจดี",
            "income": 120000,
            "members": [
                {"first_name": "สมชาย", "national_id": "1101700230708", "age": 54, "checkup": "1"},
                {"first_name": "มาลี", "national_id": {"special": "dont_know"}, "age": 10},
            ],
        },
    }
    for key, value in changes.items():
        if key.startswith("data_"):
            record["data"][key[5:]] = value
        else:
            record[key] = value
    return record


def write_lines(path: Path, *records: Any) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = new_store(tmp_path / "t.db")
    s.add_form(household_form())
    return s


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_good_lines_are_imported_in_one_go(store: Store, tmp_path: Path) -> None:
    second = good(
        uuid="1b7f3c1e-8d2a-4e5b-9c6d-1a2b3c4d5e6f", status="draft", data={"house_no": "9"}
    )
    count = import_file(store, household_form(), write_lines(tmp_path / "in.jsonl", good(), second))
    assert count == 2
    rec = store.open(UUID)
    assert rec.status == "complete" and rec.session.value(("per_person",)) == 60000
    assert [c.op for c in store.history(UUID)] == ["import"]
    assert store.conn.execute("SELECT count(*) FROM form_hh_members").fetchone() == (2,)
    assert [r.uuid for r in store.search("มาลี")] == [UUID]


BAD_ROWS = {
    "not-json": ("{not json", "", "not valid JSON"),
    "not-an-object": ("[1, 2]", "", "one JSON object"),
    "unknown-envelope-key": (good(colour="red"), "colour", "unknown key"),
    "other-form": (good(form="village"), "form", "not 'hh'"),
    "unknown-version": (good(version="9"), "version", "not in the database"),
    "bad-status": (good(status="done"), "status", "draft, complete or verified"),
    "bad-uuid": (good(uuid="12345"), "uuid", "not a UUID"),
    "data-not-object": (good(data=[1]), "data", "an object of answers"),
    "unknown-field": (good(data_colour="red"), "colour", "no field colour"),
    "wrong-type": (good(data_income="120000"), "income", "whole number"),
    "choice-not-in-list": (good(data_village_code="99999999"), "village_code", "not in the list"),
    "choice-filtered-out": (good(data_tambon="160101"), "village_code", "does not go with"),
    "constraint": (good(data_income=99_000_000), "income", "Too large"),
    "bound": (
        good(data_members=[{"first_name": "x", "age": 130}]),
        "members[1].age",
        "at most 120",
    ),
    "thai-id-check-digit": (
        good(data_members=[{"first_name": "x", "national_id": "1101700230709"}]),
        "members[1].national_id",
        "check digit",
    ),
    "special-not-allowed": (good(data_income={"special": "refused"}), "income", "special"),
    "required-blank": (good(data_house_no=None), "house_no", "must be answered"),
    "unconfirmed-warning": (
        good(data_members=[{"first_name": "x", "age": 104}]),
        "members[1].age",
        "not confirmed",
    ),
    "roster-below-min": (good(data_members=[]), "members", "at least 1"),
}


@pytest.mark.parametrize(("line", "field", "message"), BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_refuses_the_whole_file(
    store: Store, tmp_path: Path, line: Any, field: str, message: str
) -> None:
    other = good(uuid="2b7f3c1e-8d2a-4e5b-9c6d-1a2b3c4d5e6f", data_house_no="99")
    path = write_lines(tmp_path / "in.jsonl", other, line)
    before = digest(store.path)
    with pytest.raises(ImportRefused) as info:
        import_file(store, household_form(), path)
    problems = info.value.problems
    assert any(
        p.where == "in.jsonl:2" and p.field == field and message in p.message for p in problems
    ), [p.format() for p in problems]
    assert store.conn.execute("SELECT count(*) FROM records").fetchone() == (0,)
    assert digest(store.path) == before


def test_a_draft_may_have_blanks_but_not_wrong_values(store: Store, tmp_path: Path) -> None:
    draft = good(status="draft", data={"house_no": "1"})
    assert import_file(store, household_form(), write_lines(tmp_path / "a.jsonl", draft)) == 1
    bad = good(uuid="3b7f3c1e-8d2a-4e5b-9c6d-1a2b3c4d5e6f", status="draft", data={"income": -5})
    with pytest.raises(ImportRefused):
        import_file(store, household_form(), write_lines(tmp_path / "b.jsonl", bad))


def test_uuids_must_be_new_and_unique(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="appears twice"):
        import_file(store, household_form(), write_lines(tmp_path / "a.jsonl", good(), good()))
    import_file(store, household_form(), write_lines(tmp_path / "b.jsonl", good()))
    with pytest.raises(ImportRefused, match="already in the database"):
        import_file(store, household_form(), write_lines(tmp_path / "c.jsonl", good()))


def test_every_problem_of_the_file_is_listed(store: Store, tmp_path: Path) -> None:
    third = good(uuid="4b7f3c1e-8d2a-4e5b-9c6d-1a2b3c4d5e6f", status="?")
    path = write_lines(tmp_path / "in.jsonl", good(data_income="x"), "{", third)
    with pytest.raises(ImportRefused) as info:
        import_file(store, household_form(), path)
    assert [p.where for p in info.value.problems] == ["in.jsonl:1", "in.jsonl:2", "in.jsonl:3"]
    assert "nothing was imported: 3 problem(s)" in str(info.value)


def test_export_then_import_gives_the_same_records(store: Store, tmp_path: Path) -> None:
    rec = store.create(household_form())
    store.answer(rec, ("village_code",), "16010402")
    store.answer(rec, ("house_no",), "7")
    store.answer(rec, ("members", 0, "first_name"), "ปิติ")
    store.answer(rec, ("members", 0, "age"), "101", confirm=True)
    import_file(store, household_form(), write_lines(tmp_path / "in.jsonl", good()))
    out = tmp_path / "out.jsonl"
    assert export_records(store, "hh", out) == 2
    other = new_store(tmp_path / "other.db")
    other.add_form(household_form())
    assert import_file(other, household_form(), out) == 2
    again = tmp_path / "again.jsonl"
    export_records(other, "hh", again)
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert other.open(rec.uuid).session.confirmed == {"members[1].age"}


def test_csv_households_and_members_joined_by_key(store: Store, tmp_path: Path) -> None:
    (tmp_path / "hh.csv").write_text(
        "tambon,village_code,house_no,head_name,income,status\n"
        "160104,16010401,12/3,สมชาย,90000,complete\n160104,16010402,8,มาลี,,draft\n",
        encoding="utf-8",
    )
    (tmp_path / "m.csv").write_text(
        "village_code,house_no,first_name,national_id,age,checkup\n"
        "16010401,12/3,สมชาย,1101700230708,54,1\n16010401,12/3,ปิติ,dont_know,12,\n",
        encoding="utf-8",
    )
    assert import_file(store, household_form(), tmp_path / "hh.csv", tmp_path / "m.csv") == 2
    [first] = store.list_records("hh", area="16010401")
    members = store.data(first.uuid)["members"]
    assert [m["first_name"] for m in members] == ["สมชาย", "ปิติ"]
    assert members[1]["national_id"] == {"special": "dont_know"}


def test_csv_bad_cells_and_orphan_members_are_refused(store: Store, tmp_path: Path) -> None:
    (tmp_path / "hh.csv").write_text(
        "tambon,village_code,house_no,income\n160104,16010401,1,lots\n", encoding="utf-8"
    )
    (tmp_path / "m.csv").write_text(
        "village_code,house_no,first_name\n16010401,2,x\n", encoding="utf-8"
    )
    with pytest.raises(ImportRefused) as info:
        import_file(store, household_form(), tmp_path / "hh.csv", tmp_path / "m.csv")
    found = {(p.where, p.field) for p in info.value.problems}
    assert ("hh.csv row 2", "income") in found and ("m.csv", "key") in found


def test_the_command_line_prints_problems_and_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    form = tmp_path / "hh.yaml"
    from storetools import HEADER, HOUSEHOLD

    form.write_text(HEADER + HOUSEHOLD, encoding="utf-8")
    bad = write_lines(tmp_path / "bad.jsonl", good(data_income="x"))
    result = CliRunner().invoke(
        main, ["records", "import", "--db", str(db), "--form", str(form), str(bad)]
    )
    assert result.exit_code == 1
    assert "bad.jsonl:1: income:" in result.output and "Traceback" not in result.output
    ok = write_lines(tmp_path / "ok.jsonl", good())
    result = CliRunner().invoke(
        main, ["records", "import", "--db", str(db), "--form", "hh", str(ok)]
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["records", "export", "--db", str(db), "--form", "hh", "--out", str(out)]
    )
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["uuid"] == UUID


def test_the_groups_db_option_reaches_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tui-cia --db FILE records …` works on FILE, never on the user's own database."""
    monkeypatch.setenv("TUI_CIA_HOME", str(tmp_path / "home"))
    db = tmp_path / "given.db"
    form = tmp_path / "hh.yaml"
    from storetools import HEADER, HOUSEHOLD

    form.write_text(HEADER + HOUSEHOLD, encoding="utf-8")
    ok = write_lines(tmp_path / "ok.jsonl", good())
    result = CliRunner().invoke(
        main, ["--db", str(db), "records", "import", "--form", str(form), str(ok)]
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["--db", str(db), "records", "export", "--form", "hh", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["uuid"] == UUID
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.db"))


def test_a_line_that_is_not_utf8_is_named(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps(good()).encode() + b'\n{"data": {"head_name": "Jos\xe9"}}\n')
    with pytest.raises(ImportRefused) as refused:
        import_file(store, household_form(), path)
    assert [p.format() for p in refused.value.problems] == [
        "latin.jsonl:2: not UTF-8 text: save the file as UTF-8"
    ]
