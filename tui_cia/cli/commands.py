"""The command tree (click): each command parses its arguments, calls one library function
and prints. `tui_cia.cli.main` starts the app without it; everything else comes here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from tui_cia import __version__
from tui_cia.cli import Launch, start
from tui_cia.cli.language import (
    DB_HELP,
    LANG_HELP,
    SpeakingGroup,
    current_lang,
    everywhere,
    given_db,
    remember_db,
)
from tui_cia.cli.language import remember_lang as _remember_lang
from tui_cia.cli.messages import error_line, say
from tui_cia.errors import TuiCiaError


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--db PATH on a command, and people's errors printed without a traceback."""

    @click.option("--db", "db", type=click.Path(path_type=Path), default=None, help=DB_HELP)
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # `tui-cia --db FILE command`, `tui-cia conflicts --db FILE list`: a group's option
        kwargs["db"] = given_db(kwargs.get("db"))
        try:
            return command(*args, **kwargs)
        except TuiCiaError as exc:
            click.echo(error_text(exc, kwargs.get("lang")), err=True)
            sys.exit(1)

    return wrapper


def error_text(exc: TuiCiaError, lang: Any = None) -> str:
    """A person's error as the command line prints it: one that speaks both languages
    (`message(lang)`, e.g. DatabaseBusy) in the command's --lang, else the group's."""
    speak = getattr(exc, "message", None)
    lang = current_lang(lang)
    if not callable(speak):
        return error_line(str(exc), lang)  # Thai where the catalogue knows its wording
    return str(speak(lang)) if lang == "th" else f"error: {speak(lang)}"


def open_store(db: Path | None) -> Any:
    from tui_cia.paths import default_db_path
    from tui_cia.storage import Store

    return Store(db or default_db_path())


def prepare_analysis(store: Any, form_ids: list[str] | None = None) -> None:
    """After a bulk write: read the analysis's columns into its cache now, so that the next
    analysis (often minutes before a meeting) does not wait for them."""
    import time

    from tui_cia.analysis import prepare

    start = time.perf_counter()
    try:
        chunks = prepare(store, form_ids)
    except Exception as exc:  # only a cache: what was written stands, say so and go on
        click.echo(say("not_prepared", current_lang(), why=exc), err=True)
        return
    seconds = time.perf_counter() - start
    if seconds >= 1:
        shown = say("prepared", current_lang(), chunks=chunks, seconds=f"{seconds:.0f}")
        click.echo(shown, err=True)


@click.group(
    cls=SpeakingGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
@click.version_option(__version__, prog_name="tui-cia")
@click.option(
    "--db", "db", type=click.Path(path_type=Path), default=None, help=DB_HELP, callback=remember_db
)
@click.option(
    "--lang", type=click.Choice(["th", "en"]), default=None, callback=_remember_lang, help=LANG_HELP
)
@click.pass_context
def main(ctx: click.Context, db: Path | None, lang: str) -> None:
    """tui-cia: household and village surveys (จปฐ./กชช. 2ค) and their radar analysis.
    Without a command, opens the app on your database (created if missing).

    \b
    Example:
      tui-cia                  # the app, on your database
      tui-cia demo             # the app, on a scratch copy of the sample tambon
      tui-cia forms check forms/*.yaml
    """
    if ctx.invoked_subcommand is None:
        start(Launch(demo=False, db=db, lang=lang))


@main.command("demo")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
def demo(lang: str) -> None:
    """Open the app on a scratch copy of the sample tambon (your data is not touched).

    \b
    Example:
      tui-cia demo --lang en
    """
    start(Launch(demo=True, db=None, lang=lang))


@main.group()
def forms() -> None:
    """Work with form files (YAML).

    \b
    Example:
      tui-cia forms check forms/bmn.yaml
    """


@forms.command("check")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, not warnings.")
@click.option("--shipped", is_flag=True, help="Also check the forms that ship with tui-cia.")
def forms_check(files: tuple[Path, ...], quiet: bool, shipped: bool) -> None:
    """Check form files; print FILE:LINE:COL: CODE message; exit 1 on any error.

    \b
    Example:
      tui-cia forms check forms/example.yaml forms/bmn.yaml
      tui-cia forms check --shipped
    """
    from tui_cia.survey import check_file

    if shipped:
        files = (*files, *shipped_forms())
    if not files:
        raise click.UsageError("name the form files to check, or give --shipped")
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
            warnings, lang = len(problems), current_lang()
            line = say("form_ok_warnings", lang, file=file, count=warnings) if warnings else ""
            click.echo(line or say("form_ok", lang, file=file), err=True)
    sys.exit(1 if errors else 0)


def shipped_forms() -> list[Path]:
    from tui_cia.paths import shipped_forms_dir

    return sorted(shipped_forms_dir().glob("*.yaml"))


@forms.command("shipped")
def forms_shipped() -> None:
    """Print the path of each form that ships with tui-cia (a new database starts with
    bmn.yaml and village.yaml; example.yaml shows the language).

    \b
    Example:
      tui-cia forms shipped
      cp "$(tui-cia forms shipped | grep bmn)" my_bmn.yaml
    """
    for path in shipped_forms():
        click.echo(str(path))


@forms.command("codes")
def forms_codes() -> None:
    """Print the catalogue of form problem codes (as in forms/README.md).

    \b
    Example:
      tui-cia forms codes
    """
    from tui_cia.errors import catalogue_markdown

    click.echo(catalogue_markdown(), nl=False)


@main.group()
def records() -> None:
    """Move records in and out of the database.

    \b
    Example:
      tui-cia records import --form bmn households.jsonl
    """


@records.command("import")
@click.option("--form", "form_spec", required=True, help="Form id in the database, or YAML path.")
@click.option(
    "--members",
    type=click.Path(path_type=Path, exists=True),
    default=None,
    help="With a households CSV: the members CSV, joined by the form's key.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Finish an interrupted import of this file: skip the records already imported.",
)
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def records_import(
    form_spec: str, members: Path | None, resume: bool, file: Path, db: Path | None
) -> None:
    """Add records from JSON lines or CSV; every row is checked; nothing is added if any
    row is bad (each problem is printed with its line or row and field). The records are
    written in short slices, so the app can save between them; an import that was stopped
    is finished by the same command with --resume.

    \b
    Example:
      tui-cia records import --form forms/bmn.yaml households.jsonl
      tui-cia records import --form bmn households.csv --members members.csv
      tui-cia records import --form bmn households.jsonl --resume
    """
    from tui_cia.cli.importout import refused_lines
    from tui_cia.storage.importer import ImportRefused, import_file

    store = open_store(db)
    form = store.resolve_form(form_spec)
    try:
        count = import_file(store, form, file, members, resume=resume)
    except ImportRefused as exc:
        click.echo("\n".join(refused_lines(exc.problems, form, current_lang())), err=True)
        sys.exit(1)
    click.echo(say("imported", current_lang(), count=count, path=store.path))
    prepare_analysis(store, [form.id])


@records.command("export")
@click.option("--form", "form_spec", required=True, help="Form id in the database, or YAML path.")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="JSON lines file.")
@click.option("--include-deleted", is_flag=True, help="Also write deleted records (tombstones).")
@db_option
def records_export(form_spec: str, out: Path, include_deleted: bool, db: Path | None) -> None:
    """Write the records of a form as JSON lines, which import back unchanged.

    \b
    Example:
      tui-cia records export --form bmn --out bmn.jsonl
    """
    from tui_cia.storage.exporter import export_records

    store = open_store(db)
    form = store.resolve_form(form_spec)
    count = export_records(store, form.id, out, include_deleted=include_deleted)
    click.echo(say("exported_records", current_lang(), count=count, path=out))


@main.command("sample")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="New database file.")
@click.option("--households", default=1800, show_default=True, type=click.IntRange(1, 2_000_000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def sample(out: Path, households: int, seed: int, force: bool) -> None:
    """Write a synthetic BMN database: a tambon (or, for many households, a province) of
    two rounds (2564, 2565), the same for the same seed.

    \b
    Example:
      tui-cia sample --out tambon.db
      tui-cia sample --out province.db --households 375000
    """
    from tui_cia.storage.samplefile import write_sample

    lang = current_lang()
    if out.exists() and not force:
        click.echo(error_line(f"{out} exists; choose another --out or add --force", lang), err=True)
        sys.exit(1)
    try:
        report = write_sample(
            out,
            households,
            seed,
            progress=lambda n: click.echo(say("sample_progress", lang, n=n), err=True),
            finish=prepare_analysis,
        )
    except TuiCiaError as exc:
        click.echo(error_line(str(exc), lang), err=True)
        sys.exit(1)
    click.echo(
        say(
            "sample_wrote",
            lang,
            records=report.records,
            households=report.households,
            villages=report.villages,
            path=out,
        )
    )


@main.command("analyze")
@click.option("--form", "form_spec", required=True, help="Form id in the database, or YAML path.")
@click.option("--round", "round_", type=int, default=None, help="Survey round (default: latest).")
@click.option(
    "--level",
    type=click.Choice(["village", "tambon", "amphoe", "province"]),
    default="village",
    show_default=True,
)
@click.option("--area", default=None, help="Only areas under this code prefix.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per area (a list).")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@db_option
def analyze(
    form_spec: str,
    round_: int | None,
    level: str,
    area: str | None,
    as_json: bool,
    lang: str,
    db: Path | None,
) -> None:
    """Indicator pass rates, dimension scores and the problem ranking per area; for a form
    with levels: and classes: (village.yaml), the records at each problem level and each
    village's development class.

    \b
    Example:
      tui-cia analyze --db office.db --form bmn --level tambon
      tui-cia analyze --form bmn --area 16010402 --round 2565 --json
      tui-cia analyze --form village --level tambon --lang en
    """
    import json

    from tui_cia.analysis import analyse
    from tui_cia.analysis.text import result_table

    store = open_store(db)
    form = store.resolve_form(form_spec)
    results = analyse(store, form, level=level, round_=round_, area=area)
    if as_json:
        click.echo(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=1))
        return
    if not results:
        where = say("under", lang, area=area) if area else ""
        when = say("in_round", lang, round=round_) if round_ is not None else ""
        click.echo(say("no_results", lang, where=where, when=when), err=True)
    for result in results:
        click.echo(result_table(form, result, lang))


@main.command("plot")
@click.argument("kind", type=click.Choice(["radar", "bars"]))
@click.option("--form", "form_spec", required=True, help="Form id in the database, or YAML path.")
@click.option("--area", required=True, help="Area code: village (8 digits), tambon (6), …")
@click.option("--compare", default=None, help="Another area drawn on the same radar.")
@click.option("--round", "round_", type=int, default=None, help="Survey round (default: latest).")
@click.option("--previous", is_flag=True, help="Radar: also draw the round before.")
@click.option("--width", default=78, show_default=True, type=click.IntRange(40, 400))
@click.option("--height", default=22, show_default=True, type=click.IntRange(12, 200))
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@db_option
def plot(
    kind: str,
    form_spec: str,
    area: str,
    compare: str | None,
    round_: int | None,
    previous: bool,
    width: int,
    height: int,
    lang: str,
    db: Path | None,
) -> None:
    """Print the five-dimension radar, or the indicator pass-rate bars, of an area.

    \b
    Example:
      tui-cia plot radar --db office.db --form bmn --area 160104 --previous
      tui-cia plot bars --form bmn --area 16010402 --lang en
    """
    from tui_cia.analysis import area_result
    from tui_cia.analysis.charts import bar_rows, radar_data
    from tui_cia.plots import LEGEND, SCALE_WORD, bars, radar, radar_floor

    store = open_store(db)
    form = store.resolve_form(form_spec)
    result = area_result(store, form, area, round_)
    if kind == "bars":
        click.echo(bars(bar_rows(form, result, lang), width=width, words=LEGEND[lang]))
        return
    results = [result]
    if compare:
        results.append(area_result(store, form, compare, result.round))
    if previous and result.round is not None:
        results.append(area_result(store, form, area, result.round - 1))
    axes, series, target = radar_data(form, results, lang)
    values = [v for _name, vs in series for v in vs if v is not None]
    click.echo(
        radar(
            axes,
            series,
            width=width,
            height=height,
            target=target,
            target_word=LEGEND[lang][1],
            floor=radar_floor(values),  # scores of 85 and 97 told apart
            scale_word=SCALE_WORD[lang],
        )
    )


@main.command("report")
@click.option("--form", "form_spec", required=True, help="Form id in the database, or YAML path.")
@click.option("--area", required=True, help="Area code: village (8 digits), tambon (6), …")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="FILE.md or .html")
@click.option("--round", "round_", type=int, default=None, help="Survey round (default: latest).")
@click.option(
    "--annex",
    type=click.Path(path_type=Path),
    default=None,
    help="The annex of target households by name (default: FILE-annex.html beside --out).",
)
@click.option("--anonymous", is_flag=True, help="Leave out names and id numbers.")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@db_option
def report(
    form_spec: str,
    area: str,
    out: Path,
    round_: int | None,
    annex: Path | None,
    anonymous: bool,
    lang: str,
    db: Path | None,
) -> None:
    """Write the meeting report of an area: households, population and income per person,
    the radar, bars, the indicator table with the round before and the change, the problem
    ranking, the planning notes (`tui-cia plan set`), the areas one level down by
    indicator (a tambon's villages, an amphoe's tambons) and the number of target
    households of each failing indicator; their names go to a second file, the annex.

    \b
    Example:
      tui-cia report --db office.db --form bmn --area 160104 --out kong.html
      tui-cia report --form bmn --area 16010402 --out moo2.md --anonymous
    """
    from tui_cia.analysis.meeting import meeting_context
    from tui_cia.plots import report as reports

    if out.suffix.lower() not in reports.SUFFIXES:
        raise click.BadParameter("the report is FILE.md or FILE.html", param_hint="--out")
    store = open_store(db)
    form = store.resolve_form(form_spec)
    ctx = meeting_context(store, form, area, round_, lang=lang, anonymous=anonymous)
    written = reports.write(ctx, out, annex)
    click.echo(say("wrote_two", lang, path=out, other=written))


from tui_cia.cli import area_commands as _area_commands  # noqa: E402,F401  registers areas, about
from tui_cia.cli import freq_commands as _freq_commands  # noqa: E402,F401  registers freq, crosstab
from tui_cia.cli import plan_commands as _plan_commands  # noqa: E402,F401  registers plan
from tui_cia.cli import quality_commands as _quality_commands  # noqa: E402,F401  registers quality
from tui_cia.cli import stat_commands as _stat_commands  # noqa: E402,F401  sav, dta, rds-ready
from tui_cia.cli import sync_commands as _sync_commands  # noqa: E402,F401  registers bundle, conflicts, export, device
from tui_cia.cli import xlsform_commands as _xlsform_commands  # noqa: E402,F401  registers forms import-xlsform

everywhere(main)  # --lang on every command, --db on every command group
