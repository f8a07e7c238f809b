"""`tui-cia forms check`: FILE:LINE:COL: CODE message, and exit status 1 on any error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from formtools import FORMS

from tui_cia.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_shipped_forms_pass_without_warnings() -> None:
    files = sorted(str(p) for p in FORMS.glob("*.yaml"))
    assert files
    code, output = run("forms", "check", *files)
    assert code == 0, output
    assert "warning" not in output and "FORM" not in output


def test_a_broken_form_prints_each_problem_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        'form: {id: t, version: "1"}\nfields:\n  - {name: a, type: integr, '
        "label: A}\n  - {name: b, type: calculate, calculate: '${c} + 1'}\n",
        encoding="utf-8",
    )
    code, output = run("forms", "check", str(path))
    assert code == 1
    lines = output.strip().splitlines()
    assert lines[0].startswith(f"{path}:3:21: FORM010 unknown type 'integr'")
    assert lines[1].startswith(f"{path}:4:44: FORM012 in calculate: no field named ${{c}}")


def test_warnings_alone_do_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(
        'form: {id: t, version: "1", languages: [th, en]}\nfields:\n'
        "  - {name: a, type: text, label: {th: ก}}\n",
        encoding="utf-8",
    )
    code, output = run("forms", "check", str(path))
    assert code == 0
    assert "warning: FORM021" in output
    code, output = run("forms", "check", "--quiet", str(path))
    assert code == 0 and "FORM021" not in output


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    code, output = run("forms", "check", str(tmp_path / "none.yaml"))
    assert code == 1 and "FORM002" in output


def test_every_command_help_has_an_example() -> None:
    for args in ([], ["forms"], ["forms", "check"]):
        code, output = run(*args, "--help")
        assert code == 0 and "Example" in output
