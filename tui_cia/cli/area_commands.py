"""Commands about the area lists: an office's own villages (`areas import|list`), and the
credits of the country's lists (`about`)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from tui_cia import __version__
from tui_cia.cli.commands import db_option, main, open_store
from tui_cia.cli.language import current_lang
from tui_cia.cli.messages import say


@main.command("about")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en", show_default=True)
def about(lang: str) -> None:
    """Print the version and the credits of the data that ships with tui-cia.

    \b
    Example:
      tui-cia about
    """
    from tui_cia.survey.areas import about_text

    click.echo(about_text(__version__, lang), nl=False)


@main.group()
def areas() -> None:
    """The village list that the forms offer: load the office's own, and show it.

    \b
    Example:
      tui-cia areas import villages.csv
      tui-cia areas list --tambon 160104
    """


@areas.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def areas_import(file: Path, db: Path | None) -> None:
    """Load the office's village list, a CSV UTF-8 file with the columns value (the
    8-digit code PPAATTVV), label_th, and optionally label_en and tambon. Every row is
    checked; any bad row refuses the whole file, each problem printed as FILE row N, and
    the database is left as it was. The list replaces the one the forms (bmn, village)
    offered: it becomes a new version of each, which bundles carry to the laptops.

    \b
    Example:
      tui-cia areas import villages.csv
      tui-cia areas import --db office.db amphoe_1601_villages.csv
    """
    from tui_cia.storage.villagelists import import_villages

    store = open_store(db)
    summary = import_villages(store, file)
    lang, where = current_lang(), {"villages": summary.villages, "tambons": summary.tambons}
    if summary.changed:
        forms = ", ".join(summary.changed)
        click.echo(say("villages_imported", lang, path=store.path, forms=forms, **where))
    if summary.unchanged:
        forms = ", ".join(summary.unchanged)
        click.echo(say("villages_same", lang, forms=forms, **where))


@areas.command("list")
@click.option("--tambon", default=None, help="Only the villages of this tambon (6 digits).")
@db_option
def areas_list(tambon: str | None, db: Path | None) -> None:
    """Print the villages the forms offer now: code, Thai name, English name (one a line,
    tab-separated); where they come from goes to standard error.

    \b
    Example:
      tui-cia areas list --tambon 160104
      tui-cia areas list --db office.db > villages.tsv
    """
    from tui_cia.storage.villagelists import village_lists

    if tambon is not None and not re.fullmatch(r"[0-9]{6}", tambon):
        raise click.BadParameter("a tambon code is 6 digits, e.g. 160104", param_hint="--tambon")
    from tui_cia.survey.dates import be_time

    lists, lang = village_lists(open_store(db)), current_lang()
    for found in lists:
        villages = [v for v in found.villages if tambon is None or v.tambon == tambon]
        at = be_time(found.villages_at, lang) if found.villages_at else ""
        source = say("list_imported", lang, at=at) if at else say("list_shipped", lang)
        forms = f"{', '.join(found.forms)}: " if found.forms else ""
        where = say("in_tambon", lang, tambon=tambon) if tambon else ""
        shown = {"forms": forms, "count": len(villages), "where": where, "source": source}
        click.echo(say("villages_listed", lang, **shown), err=True)
        for v in villages:
            click.echo(f"{v.code}\t{v.label_th}\t{v.label_en}")
