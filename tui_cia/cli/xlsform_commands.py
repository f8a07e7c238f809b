"""`tui-cia forms import-xlsform`: an XLSForm workbook to a tui-cia YAML form."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tui_cia.cli.commands import forms
from tui_cia.cli.language import current_lang
from tui_cia.cli.messages import error_line, say
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

    lang = current_lang()
    try:
        target, conversion = import_xlsform(file, out, force)
    except TuiCiaError as exc:
        click.echo(error_line(str(exc), lang), err=True)
        sys.exit(1)
    for note in conversion.notes:
        click.echo(note)
    for problem in conversion.problems:
        click.echo(problem.format())
    errors = sum(p.severity == "error" for p in conversion.problems)
    state = say("xlsform_errors", lang, count=errors) if errors else say("xlsform_valid", lang)
    click.echo(
        say("xlsform_wrote", lang, path=target, state=state, notes=len(conversion.notes)), err=True
    )
    sys.exit(1 if errors else 0)
