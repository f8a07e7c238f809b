"""The statistical formats of `tui-cia export`: SPSS (sav), Stata (dta) and CSV for R."""

from __future__ import annotations

from pathlib import Path

import click

from tui_cia.cli.commands import open_store

STAT_FORMATS = ("sav", "dta", "rds-ready")


def export_statistical(
    fmt: str,
    form_spec: str,
    out: Path,
    lang: str,
    area: str | None,
    round_: int | None,
    db: Path | None,
) -> None:
    """Write the sav, dta or rds-ready files and print them, then every name or label the
    format made us change (e.g. "members.dta: label of i06_checkup cut to 80 characters")."""
    from tui_cia.analysis.statexport import export_stat

    store = open_store(db)
    summary = export_stat(store, form_spec, out, fmt, lang=lang, area=area, round=round_)
    from tui_cia.cli.language import current_lang
    from tui_cia.cli.messages import in_lang

    lang = current_lang()
    for line in summary.describe().splitlines():  # each line Thai where its wording is known
        click.echo(in_lang(line, lang)[0])
