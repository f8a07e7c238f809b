"""Statistical exports (SPSS, Stata, CSV for R), read back with pyreadstat."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pyreadstat
import pytest
from click.testing import CliRunner
from formtools import make_form

from tui_cia.analysis.statexport import export_stat
from tui_cia.cli import main
from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.importer import import_file
from tui_cia.survey import Form

LONG = "การตรวจสุขภาพประจำปีของสมาชิกในครัวเรือนทุกคนที่มีอายุตั้งแต่สามสิบห้าปีขึ้นไปในรอบปีที่ผ่านมา"
FORM = f"""\
choices:
  yn:
    - {{value: "1", label: {{th: ใช่, en: "Yes"}}}}
    - {{value: "2", label: {{th: ไม่ใช่, en: "No"}}}}
  crops:
    - {{value: rice, label: {{th: ข้าว, en: Rice}}}}
    - {{value: cassava, label: {{th: มันสำปะหลัง, en: Cassava}}}}
fields:
  - {{name: house_no, type: text, label: {{th: บ้านเลขที่, en: House number}}}}
  - {{name: water, type: select_one, choices: yn, label: {{th: น้ำสะอาด, en: Clean water}},
     special: [dont_know, refused]}}
  - {{name: crops, type: select_multiple, choices: crops, label: {{th: พืช, en: Crops}},
     special: [dont_know]}}
  - {{name: visit_date, type: date, label: {{th: วันที่สำรวจ, en: Visit date}}}}
  - repeat: members
    label: {{th: สมาชิก, en: Members}}
    fields:
      - {{name: first_name, type: text, label: {{th: ชื่อ, en: Name}}}}
      - {{name: income, type: integer, label: {{th: รายได้, en: Income}},
         special: [dont_know, not_applicable]}}
      - {{name: i06_checkup, type: select_one, choices: yn, label: {{th: {LONG}, en: Checkup}}}}
"""
HEADER = 'form:\n  id: hh\n  version: "1"\n  languages: [th, en]\n  key: [house_no]\n'
HOUSES = [
    {
        "house_no": "7",
        "water": "1",
        "crops": ["rice", "cassava"],
        "visit_date": "2022-05-18",
        "members": [
            {"first_name": "มานี", "income": {"special": "dont_know"}, "i06_checkup": "1"},
            {"first_name": "ชูใจ", "income": 900, "i06_checkup": "2"},
        ],
    },
    {
        "house_no": "8",
        "water": {"special": "refused"},
        "crops": {"special": "dont_know"},
        "members": [{"first_name": "ปิติ", "income": {"special": "not_applicable"}}],
    },
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    form = make_form(FORM, header=HEADER)
    store = Store(tmp_path / "hh.db")
    store.add_form(form)
    lines = tmp_path / "hh.jsonl"
    records = [{"form": "hh", "version": "1", "status": "complete", "data": d} for d in HOUSES]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    lines.write_text(text, encoding="utf-8")
    assert import_file(store, form, lines) == 2
    return store


def form_of(store: Store) -> Form:
    return store.resolve_form("hh")


def test_spss_labels_user_missing_and_dummies(store: Store, tmp_path: Path) -> None:
    summary = export_stat(store, "hh", tmp_path / "spss", "sav")
    assert summary.rows == {"hh": 2, "members": 3}
    hh, meta = pyreadstat.read_sav(tmp_path / "spss" / "hh.sav", user_missing=True)
    assert len(hh) == 2
    assert meta.column_names_to_labels["water"] == "น้ำสะอาด"
    assert meta.variable_value_labels["water"] == {
        1.0: "ใช่",
        2.0: "ไม่ใช่",
        -7.0: "ไม่ทราบ",
        -8.0: "ไม่ตอบ",
    }
    assert list(hh["water"]) == [1.0, -8.0]
    assert {r["lo"] for r in meta.missing_ranges["water"]} == {-7.0, -8.0}
    assert list(hh["crops"]) == ["rice cassava", "dont_know"]
    assert list(hh["crops_rice"]) == [1.0, -7.0] and list(hh["crops_cassava"]) == [1.0, -7.0]
    assert meta.column_names_to_labels["crops_cassava"] == "พืช: มันสำปะหลัง"
    assert hh.loc[0, "visit_date"] == dt.date(2022, 5, 18)
    members, mmeta = pyreadstat.read_sav(tmp_path / "spss" / "members.sav", user_missing=True)
    assert list(members["income"]) == [-7.0, 900.0, -9.0]
    assert {r["lo"] for r in mmeta.missing_ranges["income"]} == {-7.0, -9.0}
    plain, _ = pyreadstat.read_sav(tmp_path / "spss" / "members.sav")  # missing as missing
    assert plain["income"].isna().tolist() == [True, False, True]
    # SPSS counts a label's UTF-8 bytes (3 for each Thai letter): cut whole letters, reported
    assert "members.sav: label of i06_checkup cut to 256 bytes" in summary.changes
    label = mmeta.column_names_to_labels["i06_checkup"]
    assert LONG.startswith(label) and len(label.encode()) <= 256 < len(LONG.encode())
    assert plain["income"].isna().tolist() == [True, False, True]


def test_stata_extended_missing_and_the_80_character_labels(store: Store, tmp_path: Path) -> None:
    summary = export_stat(store, "hh", tmp_path / "stata", "dta", lang="en")
    members, meta = pyreadstat.read_dta(tmp_path / "stata" / "members.dta", user_missing=True)
    assert len(members) == 3
    assert list(members["income"]) == ["a", 900, "c"]
    assert meta.missing_user_values["income"] == ["a", "c"]
    assert meta.column_names_to_labels["i06_checkup"] == "Checkup"
    hh, hmeta = pyreadstat.read_dta(tmp_path / "stata" / "hh.dta", user_missing=True)
    assert hmeta.variable_value_labels["water"] == {
        1: "Yes",
        2: "No",
        "a": "Don't know",
        "b": "Refused",
    }
    assert list(hh["water"]) == [1, "b"]
    assert not summary.changes  # English labels are short
    export_stat(store, "hh", tmp_path / "thai", "dta")
    cut = export_stat(store, "hh", tmp_path / "thai", "dta")
    assert "members.dta: label of i06_checkup cut to 80 characters" in cut.changes
    assert "members.dta: label of i06_checkup cut to 80 characters" in cut.describe()
    _, tmeta = pyreadstat.read_dta(tmp_path / "thai" / "members.dta")
    assert tmeta.column_names_to_labels["i06_checkup"] == LONG[:80]


def test_long_names_are_shortened_for_stata_and_reported(tmp_path: Path) -> None:
    body = FORM.replace("name: crops,", "name: crops_grown_on_the_family_farm_this_year,")
    form = make_form(body, header=HEADER)
    store = Store(tmp_path / "long.db")
    store.add_form(form)
    summary = export_stat(store, form, tmp_path / "out", "dta")
    renamed = [c for c in summary.changes if "renamed" in c]
    assert renamed and all(len(c.rsplit(" ", 1)[1]) <= 32 for c in renamed)
    _, meta = pyreadstat.read_dta(tmp_path / "out" / "hh.dta")
    assert all(len(name) <= 32 for name in meta.column_names)


def test_rds_ready_writes_csv_and_a_script_naming_every_variable(
    store: Store, tmp_path: Path
) -> None:
    summary = export_stat(store, "hh", tmp_path / "r", "rds-ready")
    assert [f.name for f in summary.files] == ["hh.csv", "members.csv", "labels.R"]
    script = (tmp_path / "r" / "labels.R").read_text(encoding="utf-8")
    assert "library(readr)" in script and 'read_csv("members.csv"' in script
    for table in ("hh", "members"):
        header = (tmp_path / "r" / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        for name in header.split(","):
            assert f'attr({table}[["{name}"]], "label")' in script, name
    assert re.search(r'factor\(hh\[\["water"\]\], levels = c\(1, 2, -7, -8\)', script)
    assert 'attr(members[["income"]], "na_values") <- c(-7, -9)' in script


def test_a_file_as_the_output_folder_is_refused(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "taken.txt"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(TuiCiaError, match="it is a file, not a folder"):
        export_stat(store, "hh", target, "sav")
    assert target.read_text(encoding="utf-8") == "keep"
    args = ["export", "sav", "--form", "hh", "--out", str(target), "--db", str(store.path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "เป็นไฟล์ ไม่ใช่โฟลเดอร์" in result.output  # the command line speaks Thai by default


def test_the_command_writes_and_reports(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    args = ["export", "dta", "--form", "hh", "--out", str(out), "--db", str(store.path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "hh.dta, members.dta" in result.output
    assert "members.dta: ป้ายชื่อของ i06_checkup ถูกตัดเหลือ 80 ตัวอักษร" in result.output  # Thai
    assert "Example:" in CliRunner().invoke(main, ["export", "--help"]).output


def test_a_failed_export_leaves_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_cia.analysis import statexport

    def fail(*_: object) -> None:
        raise pyreadstat.ReadstatError("A provided name is too long for the file format")

    monkeypatch.setattr(statexport, "_write_tables", fail)
    with pytest.raises(TuiCiaError, match="cannot write the sav export"):
        export_stat(store, "hh", tmp_path / "new" / "out", "sav")
    assert not (tmp_path / "new" / "out").exists()
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "hh.sav").write_text("earlier", encoding="utf-8")
    with pytest.raises(TuiCiaError):
        export_stat(store, "hh", kept, "sav")
    assert [p.name for p in kept.iterdir()] == ["hh.sav"]
    assert (kept / "hh.sav").read_text(encoding="utf-8") == "earlier"


def test_fields_only_an_older_version_had_are_kept(store: Store, tmp_path: Path) -> None:
    newer = FORM.replace("name: water,", "name: toilet,").replace("น้ำสะอาด", "ส้วม")
    version2 = make_form(newer, header=HEADER.replace('version: "1"', 'version: "2"'))
    store.add_form(version2)
    assert form_of(store).version == "2"
    summary = export_stat(store, "hh", tmp_path / "out", "sav", lang="en")
    frame, meta = pyreadstat.read_sav(str(summary.out_dir / "hh.sav"), user_missing=True)
    names = list(frame.columns)
    assert "toilet" in names and "water" in names
    assert names.index("water") > names.index("toilet")  # the older version's field last
    assert meta.column_names_to_labels["water"] == "Clean water"
    assert frame["water"].tolist()[0] == 1
