"""`tui-cia forms import-xlsform`: an XLSForm workbook to a tui-cia YAML form."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tui_cia.cli.commands import forms
from tui_cia.errors import TuiCiaError


@forms.command("import-xlsform")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="The YAML file (default: FILE.yaml).")
@click.option("--force", is_flag=True, help="Replace the YAML file if it exists.")
def forms_import_xlsform(file: Path, out: Path | None, force: bool) -> None:
    """Convert an XLSForm (FORM.xlsx) to a tui-cia form (FORM.yaml beside it, or --out).
    Prints each row that did not map as FILE:survey row N: what is not converted: why,
    each renamed name, then the form check's problems with the result; exit 1 if the
    result has errors to fix by hand (the file is written all the same).

    \b
    Example:
      tui-cia forms import-xlsform household.xlsx
      tui-cia forms import-xlsform household.xlsx --out forms/household.yaml --force
    """
    from tui_cia.survey.xlsform import import_xlsform

    try:
        target, conversion = import_xlsform(file, out, force)
    except TuiCiaError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for note in conversion.notes:
        click.echo(note)
    for problem in conversion.problems:
        click.echo(problem.format())
    errors = sum(p.severity == "error" for p in conversion.problems)
    state = f"{errors} error(s) to fix by hand" if errors else "a valid form"
    click.echo(f"wrote {target}: {state}, {len(conversion.notes)} note(s)", err=True)
    sys.exit(1 if errors else 0)
