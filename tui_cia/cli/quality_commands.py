"""Data-quality commands: `quality duplicates|recheck|verify|keyers` (storage.quality and
storage.verify do the work; these parse, call and print)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from tui_cia.cli.commands import db_option, main, open_store
from tui_cia.cli.language import current_lang
from tui_cia.cli.messages import in_lang, say
from tui_cia.errors import TuiCiaError

ROUND_HELP = "Only this round (e.g. 2565)."
JSON_HELP = "One JSON object (stable: the fields of the printed columns)."


@main.group()
def quality() -> None:
    """Data quality: duplicates, re-checking against the current form, blind re-key.

    \b
    Example:
      tui-cia quality duplicates --form bmn --round 2565
      tui-cia quality recheck --form bmn
      tui-cia quality verify --uuid 002d22ab-91fb-4707-833a-0ad8b0ba97e1 --file rekeyed.json
      tui-cia quality keyers
    """


@quality.command("duplicates")
@click.option("--form", "form_spec", required=True, help="Form id or YAML path.")
@click.option("--round", "round_", type=int, default=None, help=ROUND_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@db_option
def duplicates(form_spec: str, round_: int | None, as_json: bool, db: Path | None) -> None:
    """List live records keyed twice (the same key and round) and Thai ids found in two
    or more households of one round; each group with its records (uuid, key, village,
    status). Exit 0 either way.

    \b
    Example:
      tui-cia quality duplicates --form bmn --round 2565
      tui-cia quality duplicates --db office.db --form bmn --json > dups.json
    """
    from tui_cia.storage.quality import duplicates as find

    store = open_store(db)
    groups = find(store, store.resolve_form(form_spec), round_)
    if as_json:
        click.echo(json.dumps({"groups": [asdict(g) for g in groups]}, ensure_ascii=False))
        return
    lang = current_lang()
    for g in groups:
        what = {"value": g.value, "round": g.round, "count": len(g.records)}
        kind = "same_key" if g.kind == "key" else "same_id"
        click.echo(say(kind, lang, field=g.field, **what))
        for r in g.records:
            status = status_word(r.status, lang)
            click.echo(f"  {r.uuid}\t{r.key or '-'}\t{r.village or '-'}\t{status}")
    click.echo(say("duplicate_groups", lang, count=len(groups)), err=True)


def status_word(status: str, lang: str) -> str:
    """A record's status as people read it."""
    key = "verified_status" if status == "verified" else status
    return say(key, lang) if key in ("draft", "complete", "verified_status") else status


@quality.command("recheck")
@click.option("--form", "form_spec", required=True, help="Form id or YAML path.")
@click.option("--round", "round_", type=int, default=None, help=ROUND_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@db_option
def recheck(form_spec: str, round_: int | None, as_json: bool, db: Path | None) -> None:
    """Check every complete or verified record against the current version of its form
    (records keyed with an older version may no longer pass) and list each one that
    fails with its problems. Read-only: nothing is changed.

    \b
    Example:
      tui-cia quality recheck --form bmn
      tui-cia quality recheck --form bmn --round 2565 --json
    """
    from tui_cia.cli.messages import form_wordings
    from tui_cia.storage.quality import recheck as run

    store = open_store(db)
    form = store.resolve_form(form_spec)
    found = run(store, form, round_)
    if as_json:
        out = {**asdict(found), "problems": found.problems}
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    lang = current_lang()
    known = form_wordings(form) if lang == "th" else ()
    for r in found.failing:
        status = status_word(r.status, lang)
        click.echo(f"{r.uuid}\t{r.key or '-'}\t{r.village or '-'}\t{status}\tv{r.version}")
        for p in r.problems:
            click.echo(f"  {p.field}: {in_lang(p.message, lang, known)[0]}")
    plural = "" if found.problems == 1 else "s"
    failing = {"count": len(found.failing), "problems": found.problems, "s": plural}
    verdict = say("no_longer_pass", lang, **failing) if found.failing else say("all_pass", lang)
    shown = {"form": found.form_id, "version": found.version, "verdict": verdict}
    click.echo(say("rechecked", lang, checked=found.checked, **shown))


@quality.command("verify")
@click.option("--uuid", "uuid", required=True, help="The record that was re-keyed.")
@click.option(
    "--file",
    "file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="The re-keyed record: JSON data (FORMS-SPEC section 8) or a whole record.",
)
@click.option(
    "--take",
    type=click.Choice(["first", "second"]),
    default=None,
    help="Resolve every mismatch with the stored (first) or the re-keyed (second) value, "
    "then mark the record verified.",
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@db_option
def verify(uuid: str, file: Path, take: str | None, as_json: bool, db: Path | None) -> None:
    """Compare a blind re-key of a record with the stored record and print the mismatches
    side by side; with --take, resolve them all (saved with the reason "verify") and mark
    the record verified, which adds it to the keyer statistics.

    \b
    Example:
      tui-cia quality verify --uuid 002d22ab-91fb-4707-833a-0ad8b0ba97e1 --file rekeyed.json
      tui-cia quality verify --uuid 002d22ab-91fb-4707-833a-0ad8b0ba97e1 --file rekeyed.json \\
          --take second
    """
    from tui_cia.storage import verify as v

    store = open_store(db)
    try:
        rekeyed = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TuiCiaError(f"{file}: not a JSON file ({exc})") from exc
    found = v.compare_record(store, uuid, rekeyed)
    if as_json:
        click.echo(json.dumps(asdict(found), ensure_ascii=False))
    else:
        lang = current_lang()
        click.echo(side_by_side(found.mismatches, lang))
        rate = len(found.mismatches) / found.fields if found.fields else 0.0
        counts = {"differ": len(found.mismatches), "rate": f"{rate:.1%}"}
        click.echo(say("compared", lang, fields=found.fields, **counts))
    if take is not None:
        v.resolve(store, found, {m.path: (take, None) for m in found.mismatches})
        click.echo(
            say("verified", current_lang(), uuid=uuid, take=say(take, current_lang())), err=True
        )


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def side_by_side(mismatches: list[Any], lang: str = "en") -> str:
    """The mismatches as a table: field, first keying, second keying (cells by width)."""
    from tui_cia.plots.cells import pad_right, width

    head = say("mismatch_head", lang).split("|")
    rows = [(head[0], head[1], head[2])]
    rows += [(m.path, _text(m.first), _text(m.second)) for m in mismatches]
    widths = [max(width(row[i]) for row in rows) for i in range(2)]
    lines = [f"{pad_right(a, widths[0])}  {pad_right(b, widths[1])}  {c}" for a, b, c in rows]
    return "\n".join(line.rstrip() for line in lines)


@quality.command("keyers")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@db_option
def keyers(as_json: bool, db: Path | None) -> None:
    """Per enumerator who keyed records: records verified by a blind re-key, fields
    compared, mismatches and the mismatch rate.

    \b
    Example:
      tui-cia quality keyers
      tui-cia quality keyers --db office.db --json
    """
    from tui_cia.plots.cells import pad_left, pad_right, width
    from tui_cia.storage.verify import keyer_stats

    stats = keyer_stats(open_store(db))
    if as_json:
        rows = [{**asdict(s), "rate": round(s.rate, 6)} for s in stats]
        click.echo(json.dumps({"keyers": rows}, ensure_ascii=False))
        return
    lang = current_lang()
    head = say("keyers_head", lang).split("|")
    names = [s.enumerator or say("unknown_keyer", lang) for s in stats]
    cells = [max([width(head[0]), *map(width, names)]), *(max(width(h), 5) for h in head[1:])]
    click.echo("  ".join(pad_right(h, c) for h, c in zip(head, cells, strict=True)).rstrip())
    for name, s in zip(names, stats, strict=True):
        values = [str(s.records), str(s.fields), str(s.mismatches), f"{s.rate:.1%}"]
        right = [pad_left(v, c) for v, c in zip(values, cells[1:], strict=True)]
        click.echo("  ".join([pad_right(name, cells[0]), *right]))
