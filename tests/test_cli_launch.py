"""`tui-cia` and `tui-cia demo` start the app without click; everything else goes to click."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui_cia.cli import Launch, app_launch, main


@pytest.mark.parametrize(
    ("args", "launch"),
    [
        ([], Launch(demo=False, db=None, lang="th")),
        (["--lang", "en"], Launch(demo=False, db=None, lang="en")),
        (["--db", "a.db", "--lang=en"], Launch(demo=False, db=Path("a.db"), lang="en")),
        (["--db=a.db", "--db", "b.db"], Launch(demo=False, db=Path("b.db"), lang="th")),
        (["demo"], Launch(demo=True, db=None, lang="th")),
        (["demo", "--lang", "en"], Launch(demo=True, db=None, lang="en")),
        # the group's --lang reaches `demo` too (as in the click tree); demo's own wins
        (["--lang", "en", "demo"], Launch(demo=True, db=None, lang="en")),
        (["--lang", "en", "demo", "--lang", "th"], Launch(demo=True, db=None, lang="th")),
    ],
)
def test_arguments_that_start_the_app_are_read_without_click(
    args: list[str], launch: Launch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TUI_CIA_LANG", raising=False)
    assert app_launch(args) == launch


def test_tui_cia_lang_chooses_the_language_that_no_lang_option_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TUI_CIA_LANG", "en")
    assert app_launch([]) == Launch(demo=False, db=None, lang="en")
    assert app_launch(["demo"]) == Launch(demo=True, db=None, lang="en")
    assert app_launch(["demo", "--lang", "th"]) == Launch(demo=True, db=None, lang="th")
    monkeypatch.setenv("TUI_CIA_LANG", "fr")  # not a language of tui-cia: Thai
    assert app_launch([]) == Launch(demo=False, db=None, lang="th")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["--lang", "fr"],
        ["--lang"],
        ["--db", "--lang"],
        ["demo", "--db", "a.db"],
        ["demo", "demo"],
        ["forms", "codes"],
        ["--db", "a.db", "records", "export"],
    ],
)
def test_every_other_command_line_goes_to_click(args: list[str]) -> None:
    assert app_launch(args) is None


def test_main_is_still_the_click_group_for_everything_else() -> None:
    result = CliRunner().invoke(main, ["--lang", "fr"])
    assert result.exit_code == 2 and "'fr' ไม่ใช่ค่าที่เลือกได้ ('th', 'en')" in result.output
    assert "demo" in main.commands
    assert CliRunner().invoke(main, ["--version"]).output.startswith("tui-cia, version")


def test_importing_the_entry_point_does_not_load_click() -> None:
    import subprocess
    import sys

    code = "import sys, tui_cia.cli; print(sorted(m for m in sys.modules if 'click' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [[], ["demo"], ["--db", "a.db"]])
def test_shell_completion_goes_to_click_not_the_app(args: list[str]) -> None:
    import subprocess
    import sys

    env = {"_TUI_CIA_COMPLETE": "bash_source", "PATH": "/usr/bin:/bin"}
    code = f"import sys; sys.argv = ['tui-cia', *{args!r}]; from tui_cia.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "_tui_cia_completion()" in done.stdout and "complete -o" in done.stdout


def test_completion_lists_the_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_TUI_CIA_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "tui-cia fo")
    monkeypatch.setenv("COMP_CWORD", "1")
    result = CliRunner().invoke(main.group, [], prog_name="tui-cia")
    assert "plain,forms" in result.output


def run_console(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    full = {**os.environ, **env}
    full.pop("TUI_CIA_DEBUG", None) if "TUI_CIA_DEBUG" not in env else None
    return subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60
    )


def test_an_unexpected_failure_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    code = (
        "import sys, tui_cia.cli.commands as c\n"
        "def boom(*a, **k): raise RuntimeError('kaput')\n"
        "c.forms_codes.callback = boom\n"
        "sys.argv = ['tui-cia', 'forms', 'codes']\n"
        "from tui_cia.cli import main; main()\n"
    )
    done = run_console(code)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "RuntimeError: kaput" in done.stderr and "TUI_CIA_DEBUG=1" in done.stderr
    assert "Traceback" in run_console(code, TUI_CIA_DEBUG="1").stderr


def test_output_to_a_file_is_utf8_whatever_the_code_page(tmp_path: Path) -> None:
    import shutil

    from tui_cia.paths import sample_db_path

    db = tmp_path / "copy.db"
    shutil.copyfile(sample_db_path(), db)
    args = ["--db", str(db), "plot", "bars", "--form", "bmn", "--area", "160104"]
    code = f"import sys; sys.argv = ['tui-cia', *{args!r}]; from tui_cia.cli import main; main()"
    done = run_console(code, PYTHONIOENCODING="cp874")  # as Thai Windows writes to a file
    assert done.returncode == 0, done.stderr
    assert "█" in done.stdout and "ครัวเรือน" in done.stdout
