"""Commands that move data between databases and to the office: bundles, conflicts, exports,
and this database's device id."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from tui_cia.cli.commands import db_option, main, open_store, prepare_analysis
from tui_cia.cli.language import current_lang
from tui_cia.cli.messages import say
from tui_cia.cli.stat_commands import STAT_FORMATS, export_statistical

PASSPHRASE_HELP = "Encrypt with a passphrase (asked for, or from TUI_CIA_PASSPHRASE)."


def _passphrase(confirm: bool) -> str:
    from tui_cia.sync.crypto import PASSPHRASE_ENV

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    return str(click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm))


@main.group()
def bundle() -> None:
    """Bundle files: records and their history, carried between laptops and the office.

    \b
    Example:
      tui-cia bundle import from-somchai.tcb --dry-run
      tui-cia bundle export --out to-office.tcb --for office
    """


@bundle.command("export")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Bundle file.")
@click.option("--for", "peer", default=None, help="Only what this peer lacks (device or name).")
@click.option("--all", "everything", is_flag=True, help="Everything (the default without --for).")
@click.option("--encrypt", is_flag=True, help=PASSPHRASE_HELP)
@db_option
def bundle_export(
    out: Path,
    peer: str | None,
    everything: bool,
    encrypt: bool,
    db: Path | None,
) -> None:
    """Write a bundle: with --for, only the changes that peer has not seen (as far as this
    database knows from the peer's own bundles, so a bundle from it must have been imported
    here first); otherwise every record.

    \b
    Example:
      tui-cia bundle export --out somchai-0615.tcb
      tui-cia bundle export --out to-office.tcb --for office --encrypt
    """
    from tui_cia.sync.exchange import export_bundle

    store = open_store(db)
    passphrase = _passphrase(confirm=True) if encrypt else None
    summary = export_bundle(store, out, peer=None if everything else peer, passphrase=passphrase)
    lang = current_lang()
    lock = say("bundle_locked", lang) if summary.encrypted else ""
    whom = say("bundle_for", lang, peer=summary.peer) if summary.peer else ""
    click.echo(
        say(
            "bundle_written",
            lang,
            path=out,
            whom=whom,
            records=summary.records,
            changes=summary.changes,
            lock=lock,
        )
    )


@bundle.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would happen; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@click.option("--form", "form_id", default=None, help="Refuse a bundle of any other form.")
@db_option
def bundle_import(
    file: Path, dry_run: bool, as_json: bool, form_id: str | None, db: Path | None
) -> None:
    """Merge a bundle, answer by answer, in one transaction; a damaged or foreign file is
    refused and nothing changes.

    \b
    Example:
      tui-cia bundle import from-somchai.tcb
      tui-cia bundle import from-office.tcb --dry-run --json
    """
    from tui_cia.sync.crypto import is_encrypted
    from tui_cia.sync.exchange import import_bundle

    store = open_store(db)
    passphrase = None
    if file.is_file():
        with file.open("rb") as handle:
            if is_encrypted(handle.read(64)):
                passphrase = _passphrase(confirm=False)
    report = import_bundle(store, file, passphrase=passphrase, dry_run=dry_run, form_id=form_id)
    _print_report(report, dry_run, as_json)
    if not dry_run:
        prepare_analysis(store)


def _print_report(report: Any, dry_run: bool, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
        return
    lang = current_lang()
    who = report.sender.get("enumerator") or report.sender["device"]
    counts = {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "conflicts": len(report.conflicts),
    }
    click.echo(say("bundle_would" if dry_run else "bundle_merged", lang, who=who, **counts))
    if report.plans or report.verifications:
        extras = {"plans": report.plans, "verifications": report.verifications}
        click.echo(say("bundle_extras", lang, **extras))
    for c in report.conflicts:
        values = " | ".join(f"{v['value']} ({v['by'] or v['device']})" for v in c["values"])
        click.echo(say("conflict_line", lang, uuid=c["uuid"][:8], label=c["label"], values=values))


@main.group()
def conflicts() -> None:
    """Answers changed to different values on two laptops, kept until someone decides.

    \b
    Example:
      tui-cia conflicts list
      tui-cia conflicts resolve 002d22ab income_main --choose 2 --reason "checked the receipt"
    """


@conflicts.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON list.")
@db_option
def conflicts_list(as_json: bool, db: Path | None) -> None:
    """List every conflict with both values, who and when.

    \b
    Example:
      tui-cia conflicts list --json
    """
    from tui_cia.sync.conflicts import list_conflicts

    views = list_conflicts(open_store(db))
    if as_json:
        click.echo(json.dumps([v.as_json() for v in views], ensure_ascii=False))
        return
    lang = current_lang()
    if not views:
        click.echo(say("no_conflicts", lang))
    for view in views:
        head = {"record": view.record, "label": view.label, "path": view.path}
        click.echo(say("conflict_head", lang, uuid=view.uuid, shown=view.shown, **head))
        for n, value in enumerate(view.values, start=1):
            at = {"by": value.by or "-", "device": value.device, "at": shown_at(value.at, lang)}
            click.echo(say("conflict_value", lang, n=n, value=_show(value.value), **at))


def shown_at(at: str, lang: str) -> str:
    """A stored time (UTC, ISO) as people read it: Thai in พ.ศ., local time."""
    from tui_cia.survey.dates import be_time

    return be_time(at, lang)


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@conflicts.command("resolve")
@click.argument("uuid")
@click.argument("path")
@click.option("--choose", type=int, default=None, help="The number of the value to keep.")
@click.option("--value", "text", default=None, help="Another value, typed as in the app.")
@click.option("--reason", required=True, help="Why this value is right (kept in history).")
@db_option
def conflicts_resolve(
    uuid: str, path: str, choose: int | None, text: str | None, reason: str, db: Path | None
) -> None:
    """Settle a conflict: keep one of its values, or type another. UUID may be its start.

    \b
    Example:
      tui-cia conflicts resolve 002d22ab income_main --choose 1 --reason "asked the household"
      tui-cia conflicts resolve 002d22ab soi --value "ซอยวัดโก่ง" --reason "spelling"
    """
    from tui_cia.errors import TuiCiaError
    from tui_cia.sync.conflicts import list_conflicts, resolve

    if (choose is None) == (text is None):
        raise click.UsageError("give either --choose N or --value TEXT")
    store = open_store(db)
    matches = {v.uuid for v in list_conflicts(store) if v.uuid.startswith(uuid)}
    if len(matches) != 1:
        raise TuiCiaError(
            f"'{uuid}' names {len(matches)} records with conflicts: see tui-cia conflicts list"
        )
    result = resolve(store, matches.pop(), path, choice=choose, text=text, reason=reason)
    if not result.ok:
        problem = result.problem.message("en") if result.problem else "refused"
        raise TuiCiaError(f"that value cannot be the answer: {problem}")
    click.echo(say("resolved", current_lang(), path=path, value=_show(result.value)))


@main.command("export")
@click.argument(
    "fmt", metavar="csv|xlsx|sav|dta|rds-ready", type=click.Choice(["csv", "xlsx", *STAT_FORMATS])
)
@click.option("--form", "form_spec", required=True, help="Form id in the database, or YAML path.")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--labels", type=click.Choice(["th", "en"]), default=None, help="Labels, not codes.")
@click.option("--area", default=None, help="Only areas under this code prefix.")
@click.option("--round", "round_", type=int, default=None, help="Only this survey round.")
@click.option("--include-deleted", is_flag=True, help="Also deleted records (csv, xlsx).")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", help="Labels of sav/dta/R.")
@db_option
def export_tables(
    fmt: str,
    form_spec: str,
    out: Path,
    labels: str | None,
    area: str | None,
    round_: int | None,
    include_deleted: bool,
    lang: str,
    db: Path | None,
) -> None:
    """Flat tables for the office: one row per household, one per member (linked by record
    UUID and key), a codebook and the choice labels; CSV files or one XLSX workbook. sav
    (SPSS), dta (Stata) and rds-ready (CSV and labels.R for R) carry variable and value
    labels, special answers as user-missing values and a 0/1 column per multi-select choice.

    \b
    Example:
      tui-cia export xlsx --form bmn --out office/ --labels th
      tui-cia export csv --form bmn --out csv/ --area 160104 --round 2565
      tui-cia export dta --form bmn --out stata/ --lang en
    """
    from tui_cia.sync.exports import export_tables as write_tables

    if fmt in STAT_FORMATS:
        if labels or include_deleted:
            raise click.UsageError("--labels and --include-deleted are for csv and xlsx only")
        export_statistical(fmt, form_spec, out, lang, area, round_, db)
        return

    store = open_store(db)
    summary = write_tables(
        store,
        form_spec,
        out,
        fmt,
        labels=labels,
        include_deleted=include_deleted,
        area=area,
        round=round_,
    )
    click.echo(summary.describe(current_lang()))


@main.command("device")
@click.option("--new", "fresh", is_flag=True, help="Give this database a new device id.")
@click.option("--enumerator", default=None, help="Set the enumerator's name for new changes.")
@db_option
def device(fresh: bool, enumerator: str | None, db: Path | None) -> None:
    """Show this database's device id (it names every change in history). A database file
    copied to another laptop needs its own: --new.

    \b
    Example:
      tui-cia device
      tui-cia device --new --enumerator "สมชาย ใจดี"
    """
    from tui_cia.storage.db import transaction
    from tui_cia.storage.settings import new_device_id

    store = open_store(db)
    if fresh:
        with transaction(store.conn):
            store.device = new_device_id(store.conn)
    if enumerator is not None:
        store.set_enumerator(enumerator)
    click.echo(say("device", current_lang(), device=store.device, who=store.enumerator or "-"))
