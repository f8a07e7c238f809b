"""Windows-safe files: exports never make a device name or leave a mix of old and new files
when Excel holds one open, a file in use is named in a message (never a traceback), and no
module of tui_cia uses a POSIX-only call or opens text without saying its encoding (Windows
would use cp874 on a Thai system)."""

from __future__ import annotations

import ast
import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest
from formtools import make_form

import tui_cia
from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.exporter import export_records
from tui_cia.storage.importer import import_file
from tui_cia.survey import Form
from tui_cia.sync.exports import export_tables

PACKAGE = Path(tui_cia.__file__).parent


def device_store(folder: Path, form_id: str, repeat: str) -> tuple[Store, Form]:
    header = f'form:\n  id: {form_id}\n  version: "1"\n  languages: [th, en]\n'
    body = f"""\
fields:
  - {{name: house_no, type: text, label: {{th: บ้านเลขที่, en: House}}}}
  - repeat: {repeat}
    label: {{th: คน, en: People}}
    fields:
      - {{name: first_name, type: text, label: {{th: ชื่อ, en: Name}}}}
"""
    form = make_form(body, header=header)
    store = Store(folder / "t.db")
    store.add_form(form)
    data = {"house_no": "1", repeat: [{"first_name": "มานี"}]}
    line = json.dumps({"form": form_id, "version": "1", "data": data}, ensure_ascii=False)
    (folder / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    assert import_file(store, form, folder / "in.jsonl") == 1
    return store, form


@pytest.mark.parametrize(
    ("form_id", "repeat", "files", "workbook"),
    [
        ("con", "aux", ["con_rows.csv", "aux_rows.csv"], "con_export.xlsx"),
        ("codebook", "choices", ["codebook_rows.csv", "choices_rows.csv"], "codebook.xlsx"),
        ("hh", "lpt1", ["hh.csv", "lpt1_rows.csv"], "hh.xlsx"),
    ],
)
def test_tables_named_like_a_device_or_a_codebook_get_their_own_file(
    tmp_path: Path, form_id: str, repeat: str, files: list[str], workbook: str
) -> None:
    store, form = device_store(tmp_path, form_id, repeat)
    summary = export_tables(store, form, tmp_path / "csv")
    assert [f.name for f in summary.files] == [*files, "codebook.csv", "choices.csv"]
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        [*files, "codebook.csv", "choices.csv"]
    )
    with (tmp_path / "csv" / "codebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        tables = {row["table"] for row in csv.DictReader(handle)}
    assert tables == {f.removesuffix(".csv") for f in files}  # the codebook names them so
    assert [f.name for f in export_tables(store, form, tmp_path / "x", "xlsx").files] == [workbook]


def test_a_file_open_in_excel_is_named_and_nothing_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, form = device_store(tmp_path, "hh", "people")
    out = tmp_path / "out"
    export_tables(store, form, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open = Path.open

    def locked(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if self == out / "people.csv" and mode != "rb":  # as Windows does for Excel's files
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    (uuid,) = store.conn.execute("SELECT uuid FROM records").fetchone()
    assert store.answer(store.open(uuid), ("house_no",), "2").ok  # a new export would differ
    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(TuiCiaError) as refused:
        export_tables(store, form, out)
    assert f"cannot replace {out / 'people.csv'}" in str(refused.value)
    assert "open in Excel or another program, close it" in str(refused.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no scratch, no mix


def test_a_refused_rename_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, form = device_store(tmp_path, "hh", "people")
    out = tmp_path / "out"
    out.mkdir()
    real_replace = os.replace

    def refusing(source: Any, target: Any) -> None:
        if Path(target).name == "people.csv":
            raise PermissionError(13, "Access is denied", str(source), None, str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refusing)
    with pytest.raises(TuiCiaError, match=r"cannot replace .*people\.csv: Access is denied"):
        export_tables(store, form, out)
    assert sorted(p.name for p in out.iterdir()) == ["hh.csv"]  # the scratch folder is gone


def test_a_records_export_over_a_locked_file_says_so_and_leaves_no_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, form = device_store(tmp_path, "hh", "people")
    out = tmp_path / "records.jsonl"
    out.write_text("earlier\n", encoding="utf-8")

    def refusing(self: Path, target: Any) -> Path:
        raise PermissionError(13, "Access is denied", str(self), None, str(target))

    monkeypatch.setattr(Path, "replace", refusing)
    with pytest.raises(TuiCiaError, match=r"cannot write .*records\.jsonl: Access is denied"):
        export_records(store, form.id, out)
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert not out.with_name("records.jsonl.part").exists()


def test_a_sample_over_a_database_in_use_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_cia.storage.samplefile import write_sample

    out = tmp_path / "sample.db"
    out.write_bytes(b"in use")

    def refusing(source: Any, target: Any) -> None:
        raise PermissionError(32, "The process cannot access the file", str(source))

    monkeypatch.setattr(os, "replace", refusing)
    with pytest.raises(TuiCiaError, match=r"cannot replace .*sample\.db: The process cannot"):
        write_sample(out, 3, 1)
    assert out.read_bytes() == b"in use"


# --- the package's source ------------------------------------------------------------------

POSIX_MODULES = {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "crypt", "posix"}
POSIX_OS = {
    "fork", "forkpty", "killpg", "setsid", "setpgid", "getpgid", "getuid", "geteuid", "getgid",
    "getegid", "setuid", "setgid", "nice", "chown", "lchown", "mkfifo", "statvfs", "sync",
    "getloadavg", "sched_getaffinity", "wait3", "wait4", "openpty", "ttyname", "sysconf",
}  # fmt: skip
POSIX_SIGNAL = {
    "SIGKILL", "SIGHUP", "SIGTSTP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD",
    "SIGPIPE", "SIGCONT", "SIGSTOP", "SIGWINCH", "SIGTTIN", "SIGTTOU", "alarm", "pause",
    "setitimer", "pthread_kill", "pthread_sigmask",
}  # fmt: skip
LOCALE_FORMATS = ("%a", "%A", "%b", "%B", "%c", "%x", "%X", "%p")  # names in the user's locale


def _keyword(call: ast.Call, name: str) -> bool:
    return any(k.arg == name for k in call.keywords)


def _mode(call: ast.Call, position: int) -> str:
    """The mode a call opens with: "?" when it is not a literal."""
    given = next((k.value for k in call.keywords if k.arg == "mode"), None)
    if given is None and len(call.args) > position:
        given = call.args[position]
    if given is None:
        return "r"
    return given.value if isinstance(given, ast.Constant) and isinstance(given.value, str) else "?"


def _opens_text(call: ast.Call) -> bool:
    """open(file, mode) or path.open(mode) in text mode (store.open(uuid) is not a file)."""
    if isinstance(call.func, ast.Name) and call.func.id == "open":
        return "b" not in _mode(call, 1)
    if isinstance(call.func, ast.Attribute) and call.func.attr == "open":
        first = call.args[0] if call.args else None
        literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if first is None or literal or _keyword(call, "mode"):
            return "b" not in _mode(call, 0)
    return False


def _guarded(tree: ast.AST) -> set[int]:
    """Nodes under `if hasattr(...)` or inside getattr(...): they have a fallback."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        test = node.test if isinstance(node, ast.If) else None
        if isinstance(test, ast.Call) and getattr(test.func, "id", "") == "hasattr":
            ids |= {id(n) for part in getattr(node, "body", []) for n in ast.walk(part)}
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr":
            ids |= {id(n) for n in ast.walk(node)}
    return ids


def _call_problems(call: ast.Call, uses_csv: bool) -> list[str]:
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
    found = []
    if _opens_text(call) or (name == "TextIOWrapper"):
        if not _keyword(call, "encoding"):
            found.append(f"{name}() of text without encoding=")
        if uses_csv and name != "TextIOWrapper" and not _keyword(call, "newline"):
            found.append(f"{name}() in a module that uses csv without newline=")
    if name == "read_text" and not (call.args or _keyword(call, "encoding")):
        found.append("read_text() without encoding=")
    if name == "write_text" and not (len(call.args) > 1 or _keyword(call, "encoding")):
        found.append("write_text() without encoding=")
    fmt = call.args[0] if name == "strftime" and call.args else None
    if isinstance(fmt, ast.Constant) and any(f in str(fmt.value) for f in LOCALE_FORMATS):
        found.append("strftime() with a format that depends on the locale")
    return found


def source_problems(text: str, where: str) -> list[str]:
    """Where a module's source is not Windows-safe, as 'file:line: what'."""
    tree = ast.parse(text)
    uses_csv = any(
        isinstance(n, ast.Import) and any(a.name == "csv" for a in n.names) for n in ast.walk(tree)
    )
    guarded, found = _guarded(tree), []
    for node in ast.walk(tree):
        line = f"{where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            found += [
                f"{line}: imports {n}" for n in names if (n or "").split(".")[0] in POSIX_MODULES
            ]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            posix = {"os": POSIX_OS, "signal": POSIX_SIGNAL, "time": {"tzset"}}
            posix["locale"] = {"setlocale"}
            if node.attr in posix.get(node.value.id, set()) and id(node) not in guarded:
                found.append(f"{line}: {node.value.id}.{node.attr} without a fallback")
        elif isinstance(node, ast.Call):
            found += [f"{line}: {p}" for p in _call_problems(node, uses_csv)]
    return sorted(found, key=lambda p: int(p.split(":")[1]))  # stable: in a line, as walked


def test_the_scan_finds_what_it_looks_for() -> None:
    bad = """\
import csv, fcntl, os, signal
open("a.txt")
path.open("w", newline="")
path.read_text()
path.write_text("x")
os.killpg(1, signal.SIGKILL)
day.strftime("%d %b")
"""
    assert [p.split(": ", 1)[1] for p in source_problems(bad, "x.py")] == [
        "imports fcntl",
        "open() of text without encoding=",
        "open() in a module that uses csv without newline=",
        "open() of text without encoding=",
        "read_text() without encoding=",
        "write_text() without encoding=",
        "os.killpg without a fallback",
        "signal.SIGKILL without a fallback",
        "strftime() with a format that depends on the locale",
    ]
    good = """\
import csv, os
open("a.bin", "rb")
path.open("w", encoding="utf-8", newline="")
path.read_text(encoding="utf-8")
store.open(uuid)
if hasattr(os, "nice"):
    os.nice(5)
cores = getattr(os, "sched_getaffinity", None)
"""
    assert source_problems(good, "y.py") == []


def test_no_module_uses_posix_only_calls_or_opens_text_without_an_encoding() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(PACKAGE.parent))
        found += source_problems(path.read_text(encoding="utf-8"), where)
    assert found == []
