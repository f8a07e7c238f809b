"""One language at a time on the command line: Thai by default (TUI_CIA_LANG or --lang en for
English), on every command; no line mixes the two; the dates printed are in พ.ศ.

A line is mixed when it has Thai letters and an English word of 3 or more letters beside
them; codes, paths, options, field and table names, numbers and quoted text are not words.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from formtools import copy_sample

from tui_cia.cli import main, scratch_copy
from tui_cia.paths import sample_db_path, shipped_forms_dir
from tui_cia.storage import Store
from tui_cia.survey import load_form

THAI = re.compile(r"[\u0e00-\u0e7f]")
CODES = {"bmn", "village", "members", "codebook", "choices", "tui-cia"}
CODES |= {f.name for f in load_form(shipped_forms_dir() / "bmn.yaml").fields()}  # field names
HOUSEHOLD = "002d22ab-91fb-4707-833a-0ad8b0ba97e1"


def english_words(line: str) -> list[str]:
    """The English words of a line: not codes, paths, options, names with _ or digits,
    acronyms, or quoted text."""
    bare = re.sub(r"^\S+( แถว \d+|:\d+): [\w\[\].]+: ", " ", line)  # a problem's field name
    bare = re.sub(r"'[^']*'|`[^`]*`", " ", bare)
    words = []
    for token in re.split(r"[\s,;:()|]+", bare):
        if not token or token in CODES or token.startswith("-"):
            continue
        if re.search(r"[/\\.\d_\[\]=]", token) or token.isupper():
            continue
        words += re.findall(r"[A-Za-z]{3,}", token)
    return words


def mixed(line: str) -> bool:
    return bool(THAI.search(line)) and bool(english_words(line))


def test_the_mixed_line_check_itself() -> None:
    assert mixed("นำเข้า 3 records ลงใน x.db")
    assert not mixed("นำเข้า 3 ระเบียน ลงใน /tmp/x.db แล้ว")
    assert not mixed("bad.csv แถว 2: income_main: ต้องเป็นจำนวนเต็ม เช่น 12")
    assert not mixed("bad.csv แถว 4: status: สถานะ 'done' ใช้ไม่ได้")
    assert mixed("bad.csv แถว 4: status: สถานะ done is wrong")
    assert not mixed("ค่าของ --level ไม่ถูกต้อง: 'moo' ไม่ใช่ค่าที่เลือกได้")
    assert not mixed("imported 3 record(s) into x.db")


def run(*args: str, lang: str | None = None) -> Result:
    """The command in Thai (the default: no TUI_CIA_LANG) or with `--lang lang`."""
    extra = ["--lang", lang] if lang else []
    return CliRunner().invoke(main, [*args, *extra])


@pytest.fixture(autouse=True)
def default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TUI_CIA_LANG", raising=False)  # tests/conftest.py sets English


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample with a conflict on the household HOUSEHOLD."""
    folder = tmp_path_factory.mktemp("office")
    here, there = folder / "office.db", folder / "laptop.db"
    for db, income in ((here, "120000"), (there, "125000")):
        scratch_copy(sample_db_path(), db)
        store = Store(db)
        rec = store.open(HOUSEHOLD)
        assert store.answer(rec, ("income_main",), income).ok
        store.checkpoint(rec)
        store.close()
    result = run("bundle", "export", "--db", str(there), "--out", str(folder / "in.tcb"))
    assert result.exit_code == 0, result.output
    result = run("bundle", "import", "--db", str(here), str(folder / "in.tcb"))
    assert result.exit_code == 0, result.output
    return here


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy, what the write-ahead log holds included."""
    old, new = sqlite3.connect(source), sqlite3.connect(target)
    try:
        old.backup(new)
    finally:
        old.close()
        new.close()
    return target


def bad_files(folder: Path, office: Path) -> tuple[Path, Path]:
    """households.jsonl (2 good records, new) and bad.csv (bad cells and a bad status)."""
    jsonl = folder / "all.jsonl"
    assert run("records", "export", "--db", str(office), "--form", "bmn", "--out", str(jsonl))
    lines = jsonl.read_text(encoding="utf-8").splitlines()[:2]
    fresh = [{k: v for k, v in json.loads(x).items() if k != "uuid"} for x in lines]
    good = folder / "households.jsonl"
    good.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in fresh), "utf-8")
    bad = folder / "bad.csv"
    bad.write_text(
        "village_code,house_no,income_main,survey_date,status\n"
        "16010401,900,abc,01/06/2565,draft\n"
        "16010401,901,5,31/02/2565,draft\n"
        "16010401,902,5,01/06/2565,done\n",
        encoding="utf-8",
    )
    return good, bad


def commands(folder: Path, office: Path) -> Iterator[tuple[str, list[str], int]]:
    """(what, arguments, exit code) of the commands people use most."""
    db = ["--db", str(office)]
    good, bad = bad_files(folder, office)
    yield "import", ["records", "import", *db, "--form", "bmn", str(good)], 0
    yield "import refused", ["records", "import", *db, "--form", "bmn", str(bad)], 1
    yield "no such file", ["records", "import", *db, "--form", "bmn", "none.jsonl"], 1
    yield "unknown form", ["records", "import", *db, "--form", "bmnx", str(good)], 1
    yield "usage", ["records", "import", *db, str(good)], 2
    yield "bad choice", ["analyze", *db, "--form", "bmn", "--level", "moo"], 2
    yield "db is a folder", ["records", "export", "--db", str(folder), "--form", "bmn",
                             "--out", str(folder / "x.jsonl")], 1  # fmt: skip
    yield "export records", ["records", "export", *db, "--form", "bmn", "--out",
                             str(folder / "r.jsonl")], 0  # fmt: skip
    yield "export csv", ["export", "csv", *db, "--form", "bmn", "--out", str(folder / "csv"),
                         "--area", "16010401"], 0  # fmt: skip
    yield "bundle export", ["bundle", "export", *db, "--out", str(folder / "b.tcb")], 0
    yield "bundle dry run", ["bundle", "import", *db, str(folder / "b.tcb"), "--dry-run"], 1
    yield "no bundle", ["bundle", "import", *db, str(folder / "none.tcb")], 1
    yield "conflicts", ["conflicts", "--db", str(office), "list"], 0
    yield "device", ["device", *db], 0
    yield "forms check", ["forms", "check", "--shipped"], 0
    yield "plan list", ["plan", "list", *db, "--form", "bmn", "--area", "160104",
                        "--round", "2565"], 0  # fmt: skip
    yield "duplicates", ["quality", "duplicates", *db, "--form", "bmn", "--round", "2565"], 0
    yield "recheck", ["quality", "recheck", *db, "--form", "bmn", "--round", "2565"], 0
    yield "keyers", ["quality", "keyers", *db], 0
    yield "areas", ["areas", "list", *db, "--tambon", "160104"], 0
    yield "stata", ["export", "dta", *db, "--form", "bmn", "--out", str(folder / "dta"),
                    "--area", "16010401"], 0  # fmt: skip


def outputs(tmp_path: Path, office: Path, lang: str | None) -> dict[str, Result]:
    found = {}
    for what, args, code in commands(tmp_path, office):
        result = run(*args, lang=lang)
        assert result.exit_code == code, f"{what}: {result.output}"
        assert "Traceback" not in result.output
        found[what] = result
    return found


@pytest.mark.slow
def test_thai_is_the_default_and_no_line_mixes_the_languages(tmp_path: Path, office: Path) -> None:
    copy = copy_db(office, tmp_path / "office.db")
    found = outputs(tmp_path, copy, None)
    for what, result in found.items():
        said = result.stderr if what == "areas" else result.output  # stdout: names, TSV data
        for line in said.splitlines():
            assert not mixed(line), f"{what}: {line!r} mixes Thai and English"
    thai_lines = {
        "import": "นำเข้า 2 ระเบียน",
        "import refused": "ไม่ได้นำเข้าระเบียนใดเลย",
        "no such file": "ข้อผิดพลาด: ไม่พบไฟล์ none.jsonl",
        "unknown form": "ไม่มีแบบสำรวจ 'bmnx'",
        "usage": "ข้อผิดพลาด: ขาดตัวเลือก --form",
        "bad choice": "ค่าของ --level ไม่ถูกต้อง",
        "db is a folder": "เป็นโฟลเดอร์",
        "export records": "ระเบียน ลงใน",
        "export csv": "ส่งออก",
        "bundle export": "เขียน",
        "no bundle": "ไม่พบไฟล์ชุดข้อมูล",
        "conflicts": "โดย",
        "device": "เครื่อง",
        "forms check": "ผ่าน",
        "plan list": "บันทึกการประชุม 0 รายการ",
        "duplicates": "กลุ่มที่ซ้ำกัน",
        "recheck": "ตรวจ",
        "keyers": "ผู้บันทึก",
        "areas": "10 หมู่บ้าน ในตำบล 160104",
        "stata": "จำนวนแถวของแต่ละตาราง",
    }
    for what, text in thai_lines.items():
        assert text in found[what].output, f"{what}: {found[what].output}"
    refused = found["import refused"].output
    assert "bad.csv แถว 2: income_main: ต้องเป็นจำนวนเต็ม เช่น 12" in refused
    assert "bad.csv แถว 3: survey_date: วันที่ไม่ถูกต้อง: ไม่มีวันที่ 31/02/2565" in refused
    assert "สถานะ 'done' ใช้ไม่ได้" in refused


@pytest.mark.slow
def test_english_with_lang_en_or_tui_cia_lang(
    tmp_path: Path, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = copy_db(office, tmp_path / "office.db")
    found = outputs(tmp_path, copy, "en")
    assert "imported 2 record(s)" in found["import"].output
    assert "bad.csv row 2: income_main: Must be a whole number" in found["import refused"].output
    assert "error: no such file: none.jsonl" in found["no such file"].output
    assert "Missing option '--form'" in found["usage"].output
    assert "no conflicts" not in found["conflicts"].output and " by " in found["conflicts"].output
    for what, result in found.items():
        # the conflict's label is the form's text; the village list is names in both
        said = result.stderr if what == "areas" else result.output
        if what != "conflicts":
            assert not THAI.search(said), f"{what}: {said}"
    monkeypatch.setenv("TUI_CIA_LANG", "en")
    assert "device " in run("device", "--db", str(copy)).output


def test_dates_printed_are_in_the_buddhist_era(tmp_path: Path, office: Path) -> None:
    """A conflict's time in the Thai list: the year in พ.ศ. (CE + 543)."""
    listed = run("conflicts", "list", "--db", str(office)).output
    years = {int(y) for y in re.findall(r"\b(2[45]\d\d)\b", listed)}
    assert years and all(y >= 2560 for y in years), listed
    assert not re.search(r"\b20[0-9]{2}-\d\d-\d\d", listed)  # no ISO (CE) date left


def every_command(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))


def test_every_command_takes_lang_and_every_group_db() -> None:
    for path in every_command(main.group):
        command: click.Command = main.group
        for name in path:
            assert isinstance(command, click.Group)
            command = command.commands[name]
        names = {p.name for p in command.params}
        assert "lang" in names, path
        if isinstance(command, click.Group):
            assert "db" in names, path


def test_db_after_the_command_group(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    result = run("conflicts", "--db", str(db), "list", lang="en")
    assert result.exit_code == 0 and "no conflicts" in result.output
    assert run("quality", "--db", str(db), "keyers", lang="en").exit_code == 0


def test_forms_problems_stay_english_whole_lines(tmp_path: Path) -> None:
    """The form linter's catalogue is English: its lines are English as a whole."""
    bad = tmp_path / "bad.yaml"
    bad.write_text('form: {id: x, version: "1"}\nfields:\n  - {name: A, type: text}\n', "utf-8")
    result = run("forms", "check", str(bad))
    assert result.exit_code == 1
    for line in result.output.splitlines():
        assert not mixed(line), line
