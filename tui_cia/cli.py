"""The command line: each command parses its arguments, calls one library function and prints."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tui_cia import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tui-cia")
def main() -> None:
    """tui-cia: household and village surveys (จปฐ./กชช. 2ค) and their radar analysis.

    \b
    Example:
      tui-cia forms check forms/*.yaml
    """


@main.group()
def forms() -> None:
    """Work with form files (YAML).

    \b
    Example:
      tui-cia forms check forms/bmn.yaml
    """


@forms.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
def forms_check(files: tuple[Path, ...], quiet: bool) -> None:
    """Check form files; print FILE:LINE:COL: CODE message; exit 1 on any error.

    \b
    Example:
      tui-cia forms check forms/example.yaml forms/bmn.yaml
    """
    from tui_cia.survey import check_file

    errors = 0
    for file in files:
        problems = check_file(file)
        for problem in problems:
            if problem.severity == "error":
                errors += 1
            elif quiet:
                continue
            click.echo(problem.format())
        if not any(p.severity == "error" for p in problems):
            warnings = len(problems)
            note = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
            click.echo(f"{file}: ok{note}", err=True)
    sys.exit(1 if errors else 0)


@forms.command("codes")
def forms_codes() -> None:
    """Print the catalogue of form problem codes (as in forms/README.md).

    \b
    Example:
      tui-cia forms codes
    """
    from tui_cia.errors import catalogue_markdown

    click.echo(catalogue_markdown(), nl=False)
