"""Planning notes: `plan set` and `plan list` (storage.plans does the work). The report
prints the notes beside each failing indicator."""

from __future__ import annotations

from pathlib import Path

import click

from tui_cia.cli.commands import db_option, main, open_store
from tui_cia.cli.language import current_lang
from tui_cia.cli.messages import say
from tui_cia.errors import TuiCiaError


@main.group()
def plan() -> None:
    """What the meeting agreed per failing indicator: cause, project, responsible agency.

    \b
    Example:
      tui-cia plan set --form bmn --area 160104 --round 2565 --indicator 20 \\
          --cause "ผู้สูงอายุ ว่างงาน" --project "ฝึกอาชีพ จักสาน" --agency "อบต. โก่งธนู"
      tui-cia plan list --form bmn --area 160104 --round 2565
    """


def _indicator_id(form: object, given: str) -> str:
    """An indicator by its number (20) or id (i20)."""
    for indicator in getattr(form, "indicators", []):
        if given in (indicator.id, str(indicator.number)):
            return str(indicator.id)
    raise TuiCiaError(f"{given!r}: no such indicator in the form (give its number, e.g. 20)")


@plan.command("set")
@click.option("--form", "form_spec", required=True, help="Form id or YAML path.")
@click.option("--area", required=True, help="Area code (tambon 6 digits, village 8, …).")
@click.option("--round", "round_", type=int, required=True, help="Survey round, e.g. 2565.")
@click.option("--indicator", required=True, help="Indicator number (e.g. 20) or id.")
@click.option("--cause", default=None, help="Why it fails (as the meeting said).")
@click.option("--project", default=None, help="The project or activity agreed.")
@click.option("--agency", default=None, help="The agency responsible.")
@click.option("--by", default=None, help="Who saves it (default: this database's enumerator).")
@db_option
def plan_set(
    form_spec: str,
    area: str,
    round_: int,
    indicator: str,
    cause: str | None,
    project: str | None,
    agency: str | None,
    by: str | None,
    db: Path | None,
) -> None:
    """Save the planning note of an indicator in an area and round; parts not given stay
    as they were (an empty text clears a part). Every text is kept in the history.

    \b
    Example:
      tui-cia plan set --form bmn --area 160104 --round 2565 --indicator 21 --agency "อบต."
    """
    from tui_cia.storage.plans import save_plan
    from tui_cia.storage.queries import live_rounds

    if cause is None and project is None and agency is None:
        raise click.UsageError("nothing to save: give --cause, --project or --agency")
    store = open_store(db)
    form = store.resolve_form(form_spec)
    rounds = live_rounds(store.conn, form.id, area)
    if not rounds:
        raise TuiCiaError(f"area {area} has no records of form {form.id}: check --area")
    if round_ not in rounds:
        raise TuiCiaError(
            f"area {area} has no records of round {round_} (its rounds: "
            f"{', '.join(map(str, rounds))}): check --round"
        )
    saved = save_plan(
        store.conn,
        form.id,
        area,
        round_,
        _indicator_id(form, indicator),
        cause=cause,
        project=project,
        agency=agency,
        by=by,
    )
    shown = {"indicator": saved.indicator, "area": saved.area, "round": saved.round}
    click.echo(say("plan_saved", current_lang(), **shown))


@plan.command("list")
@click.option("--form", "form_spec", required=True, help="Form id or YAML path.")
@click.option("--area", required=True, help="Area code: its notes and those of areas inside.")
@click.option("--round", "round_", type=int, required=True, help="Survey round, e.g. 2565.")
@db_option
def plan_list(form_spec: str, area: str, round_: int, db: Path | None) -> None:
    """Print the planning notes of an area (and the areas inside it), tab-separated:
    area, indicator, cause, project, agency, saved at, by.

    \b
    Example:
      tui-cia plan list --form bmn --area 160104 --round 2565
    """
    from tui_cia.storage.plans import plans_under
    from tui_cia.survey.dates import be_time

    lang = current_lang()
    store = open_store(db)
    form = store.resolve_form(form_spec)
    found = plans_under(store.conn, form.id, area, round_)
    if found:
        click.echo("\t".join(("area", "indicator", "cause", "project", "agency", "saved", "by")))
    for (_, _), p in sorted(found.items()):
        click.echo(
            "\t".join(
                (
                    p.area,
                    p.indicator,
                    p.cause,
                    p.project,
                    p.agency,
                    be_time(p.modified_at, lang),
                    p.modified_by or "-",
                )
            )
        )
    count = len(found)
    click.echo(say("notes", lang, count=count, s="" if count == 1 else "s"), err=True)
