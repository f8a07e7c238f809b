"""Every `tui-cia ...` example of README.md's code blocks and of every command's `--help`
runs as written, on copies.

Each example runs in a folder of its own, with TUI_CIA_HOME pointing at a temporary home
whose database is a scratch copy of the sample (its own device id, enumerator somchai), and
the files the examples name made first: the shipped forms in forms/, office.db (another
copy, enumerator office, whose bundle the home database has imported: `--for office`
needs one), bundles from the office and from somchai, a conflict on the household
002d22ab (income_main and soi changed on both laptops), households.jsonl and
households.csv with members.csv (new records), village lists, rekeyed.json and an XLSForm
household.xlsx. `> FILE` is done as a shell would, `forms/*.yaml` is expanded.

Two kinds of lines are not run: those that open the app (`tui-cia`, `tui-cia demo`: the
app's tests start it), and the province-sized `sample --households 375000` runs with 300
households (the whole takes 12 minutes; see Performance). At the end sample_db/ is
byte-identical to what it was.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

from tui_cia.cli import app_launch, main, scratch_copy
from tui_cia.paths import sample_db_path, shipped_dir, shipped_forms_dir
from tui_cia.storage import Store
from tui_cia.sync.exchange import export_bundle, import_bundle

ROOT = Path(__file__).resolve().parents[1]
HOUSEHOLD = "002d22ab-91fb-4707-833a-0ad8b0ba97e1"  # complete, round 2565, 16010401|16
PASSPHRASE = "ตัวอย่าง example"
TOO_LONG = {"375000": "300"}  # a province: 12 minutes


def joined(text: str) -> Iterator[str]:
    """The lines of `text`, a line ending in a backslash joined with the next."""
    held = ""
    for line in text.splitlines():
        line = (held + " " + line.strip()).strip() if held else line.strip()
        held = ""
        if line.endswith("\\"):
            held = line[:-1].strip()
            continue
        yield line


def readme_examples() -> list[str]:
    found, fenced = [], False
    for line in joined((ROOT / "README.md").read_text(encoding="utf-8")):
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and line.startswith("tui-cia"):
            found.append(line)
    return found


def help_examples(command: click.Command, path: str = "") -> Iterator[tuple[str, str]]:
    """(command path, example) of every command, its subcommands too."""
    text = command.help or ""
    assert "Example:" in text, f"tui-cia {path}: its --help has no example"
    for line in joined(text.split("Example:", 1)[1]):
        if line.startswith("tui-cia"):
            yield path, line
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from help_examples(sub, f"{path} {name}".strip())


def all_examples() -> list[tuple[str, str]]:
    found = [(f"--help of {path or 'tui-cia'}", line) for path, line in help_examples(main.group)]
    found += [("README.md", line) for line in readme_examples()]
    return found


def words(line: str) -> list[str]:
    return shlex.split(line, comments=True)[1:]


def starts_the_app(line: str) -> bool:
    return app_launch(words(line)) is not None


def to_run() -> list[tuple[str, str]]:
    """The examples that do not open the app, each command line once."""
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    for where, line in all_examples():
        if not starts_the_app(line):
            found.setdefault(tuple(words(line)), (where, line))
    return list(found.values())


RUN = to_run()


def sample_hashes() -> dict[str, str]:
    folder = shipped_dir("sample_db")
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


BEFORE = sample_hashes()


def edit(db: Path, income: str, soi: str) -> None:
    store = Store(db)
    try:
        rec = store.open(HOUSEHOLD)
        for name, text in (("income_main", income), ("soi", soi)):
            assert store.answer(rec, (name,), text).ok
        store.checkpoint(rec)
    finally:
        store.close()


def laptop(folder: Path, name: str, enumerator: str) -> Path:
    db = folder / name
    db.parent.mkdir(parents=True, exist_ok=True)
    scratch_copy(sample_db_path(), db)
    store = Store(db)
    store.set_enumerator(enumerator)
    store.close()
    return db


def bundle(source: Path, out: Path, into: Path | None = None) -> None:
    store = Store(source)
    export_bundle(store, out)
    store.close()
    if into is not None:
        target = Store(into)
        import_bundle(target, out)
        target.close()


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, ["--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def record_files(folder: Path, office: Path) -> None:
    """households.jsonl (3 records) and households.csv/members.csv (a village), all new to
    the database: their uuids are left out."""
    cli(
        "records",
        "export",
        "--db",
        str(office),
        "--form",
        "bmn",
        "--out",
        str(folder / "all.jsonl"),
    )
    lines = (folder / "all.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    fresh = [{k: v for k, v in json.loads(x).items() if k != "uuid"} for x in lines]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in fresh)
    (folder / "households.jsonl").write_text(text, encoding="utf-8")
    (folder / "all.jsonl").unlink()
    out = folder / "csv-export"
    cli("export", "csv", "--db", str(office), "--form", "bmn", "--out", str(out))
    cli("export", "csv", "--db", str(office), "--form", "bmn", "--out", str(out),
        "--area", "16010401", "--round", "2565")  # fmt: skip
    for name in ("bmn", "members"):
        lines = (out / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()
        cut = [",".join(line.split(",")[1:]) for line in lines]  # uuid is the first column
        target = "households.csv" if name == "bmn" else "members.csv"
        (folder / target).write_text("\n".join(cut) + "\n", encoding="utf-8-sig")
    shutil.rmtree(out)


def other_files(folder: Path) -> None:
    villages = (shipped_forms_dir() / "areas" / "villages.csv").read_text(encoding="utf-8")
    rows = [line for line in villages.splitlines()[1:] if line.startswith("1601")]
    text = "\n".join([villages.splitlines()[0], *rows]) + "\n"
    for name in ("villages.csv", "amphoe_1601_villages.csv"):
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(folder / "office.db")
    data = store.open(HOUSEHOLD).session.to_data(ids=True)
    store.close()
    (folder / "rekeyed.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    for row in (
        ["type", "name", "label::Thai (th)", "label::English (en)"],
        ["text", "house_no", "บ้านเลขที่", "House number"],
        ["integer", "members", "จำนวนสมาชิก", "Members"],
    ):
        survey.append(row)
    book.save(folder / "household.xlsx")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every example's folder is copied from."""
    folder = tmp_path_factory.mktemp("examples")
    shutil.copytree(shipped_forms_dir(), folder / "forms")
    home = laptop(folder, "home/tui-cia.db", "somchai")
    office = laptop(folder, "office.db", "office")
    edit(home, "120000", "ซอยวัด")
    edit(office, "125000", "ซอยวัดโก")
    bundle(office, folder / "from-office.tcb", into=home)  # the conflict, and a peer
    shutil.copyfile(folder / "from-office.tcb", folder / "for-me.tcb")
    somchai = laptop(folder, "somchai.db", "somchai")
    bundle(somchai, folder / "from-somchai.tcb")
    somchai.unlink()
    record_files(folder, office)
    other_files(folder)
    return folder


def setup(prepared: Path, target: Path, args: list[str]) -> None:
    """The example's folder: the small files, and a copy of each database it uses."""
    shutil.copytree(prepared, target, ignore=shutil.ignore_patterns("*.db"))
    (target / "home").mkdir(exist_ok=True)
    shutil.copyfile(prepared / "home" / "tui-cia.db", target / "home" / "tui-cia.db")
    for name in args:
        if name.endswith(".db") and (prepared / name).is_file():
            shutil.copyfile(prepared / name, target / name)


def command_line(line: str) -> tuple[list[str], str | None]:
    """The arguments, as a shell would give them, and the file of a `> FILE`."""
    args, out = words(line), None
    if ">" in args:
        at = args.index(">")
        args, out = args[:at], args[at + 1]
    expanded: list[str] = []
    for arg in args:
        expanded += sorted(glob.glob(arg)) if "*" in arg else [TOO_LONG.get(arg, arg)]
    return expanded, out


@pytest.mark.slow  # about 100 commands, a few of them seconds each
@pytest.mark.parametrize(
    ("where", "line"),
    [pytest.param(w, line, id=f"{w}: {line}") for w, line in RUN],
)
def test_the_example_runs_as_written(
    where: str, line: str, prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "here"
    monkeypatch.chdir(tmp_path)
    setup(prepared, folder, words(line))
    monkeypatch.chdir(folder)
    monkeypatch.setenv("TUI_CIA_HOME", str(folder / "home"))
    monkeypatch.setenv("TUI_CIA_PASSPHRASE", PASSPHRASE)
    args, out = command_line(line)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, f"{where}: {line}\n{result.output}"
    assert "Traceback" not in result.output
    if out is not None:
        (folder / out).write_text(result.stdout, encoding="utf-8")


def test_every_command_has_an_example_and_the_readme_has_many() -> None:
    lines = [line for _, line in all_examples()]
    assert len([x for x in lines if re.match(r"tui-cia (bundle|conflicts) ", x)]) >= 8
    assert len(readme_examples()) >= 30


def test_the_sample_database_is_unchanged() -> None:
    """Run last in this file: no example wrote into sample_db/."""
    assert sample_hashes() == BEFORE
