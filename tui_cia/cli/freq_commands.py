"""Frequency and cross-tab commands (`freq`, `crosstab`): counts of a field's answers by area
or round, or of two fields against each other, with a cell's records and XLSX export."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from tui_cia.cli.commands import db_option, main, open_store
from tui_cia.cli.messages import say


def _shared(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options both commands take."""
    options = [
        click.option(
            "--form", "form_spec", required=True, help="Form id in the database, or YAML path."
        ),
        click.option("--round", "round_", type=int, default=None, help="Only this survey round."),
        click.option("--area", default=None, help="Only areas under this code prefix."),
        click.option(
            "--percent",
            type=click.Choice(["row", "col", "all"]),
            default=None,
            help="Also give each cell's percent of its row, column or all.",
        ),
        click.option(
            "--bins",
            default=5,
            show_default=True,
            type=click.IntRange(1, 50),
            help="Number fields: how many quantile bins.",
        ),
        click.option(
            "--records",
            "cell",
            default=None,
            metavar="ROW|COL",
            help="List the records of one cell instead (row and column key or label).",
        ),
        click.option("--json", "as_json", is_flag=True, help="The table as one JSON object."),
        click.option(
            "--xlsx",
            type=click.Path(path_type=Path),
            default=None,
            help="Also write the table to this XLSX file.",
        ),
        click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True),
    ]
    for option in reversed(options):
        command = option(command)
    return db_option(command)


def _show(store: Any, form: Any, table: Any, opts: dict[str, Any]) -> None:
    from tui_cia.analysis.crosstab import records
    from tui_cia.analysis.crosstabout import records_text, table_text, write_xlsx

    if opts["cell"] is not None:
        row, _, col = opts["cell"].partition("|")
        r, c = table.cell(row, col or None)
        found = records(store.conn, form, table.uuids[r][c])
        if opts["as_json"]:
            click.echo(json.dumps([vars(f) for f in found], ensure_ascii=False, indent=1))
        else:
            click.echo(records_text(found), nl=False)
        return
    if opts["xlsx"] is not None:
        write_xlsx(table, opts["xlsx"], opts["lang"])
        click.echo(say("xlsx_wrote", opts["lang"], path=opts["xlsx"]), err=True)
    if opts["as_json"]:
        click.echo(json.dumps(table.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(table_text(table, opts["lang"]), nl=False)


@main.command("freq")
@click.option(
    "--field", "name", required=True, help="The field counted (roster fields count persons)."
)
@click.option(
    "--by",
    type=click.Choice(["village", "tambon", "amphoe", "province", "round"]),
    default=None,
    help="Columns: the areas of this level, or the rounds (default: one column of all).",
)
@_shared
def freq(name: str, by: str | None, form_spec: str, db: Path | None, **opts: Any) -> None:
    """Count the answers of one field: households for a household field, persons for a
    roster field; blanks and special answers (dont_know, refused, ...) have rows of their
    own; a select_multiple field counts each choice (a unit can be in several rows); a
    number is cut into quantile bins and summarised. Only complete and verified records.

    \b
    Example:
      tui-cia freq --form bmn --field sex --by village --percent col
      tui-cia freq --form bmn --field age --by round --bins 4 --xlsx age.xlsx
      tui-cia freq --form bmn --field sex --by village --records "1|16010401"
    """
    from tui_cia.analysis.crosstab import frequency

    store = open_store(db)
    form = store.resolve_form(form_spec)
    table = frequency(
        store.conn,
        form,
        name,
        by=by,
        round_=opts["round_"],
        area=opts["area"],
        percent=opts["percent"],
        lang=opts["lang"],
        bins=opts["bins"],
    )
    _show(store, form, table, opts)


@main.command("crosstab")
@click.option("--rows", "rows_name", required=True, help="The field of the rows.")
@click.option("--cols", "cols_name", required=True, help="The field of the columns.")
@_shared
def crosstab_command(
    rows_name: str, cols_name: str, form_spec: str, db: Path | None, **opts: Any
) -> None:
    """Count one field against another: households, or persons when either is a roster
    field (each person with their household's answer). Blanks and special answers have
    rows and columns of their own.

    \b
    Example:
      tui-cia crosstab --form bmn --rows has_house_no --cols sex --percent row
      tui-cia crosstab --form bmn --rows sex --cols education --round 2565 --xlsx sex.xlsx
      tui-cia crosstab --form bmn --rows sex --cols health_status --records "2|1"
    """
    from tui_cia.analysis.crosstab import crosstab

    store = open_store(db)
    form = store.resolve_form(form_spec)
    table = crosstab(
        store.conn,
        form,
        rows_name,
        cols_name,
        round_=opts["round_"],
        area=opts["area"],
        percent=opts["percent"],
        lang=opts["lang"],
        bins=opts["bins"],
    )
    _show(store, form, table, opts)
