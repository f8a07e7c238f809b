"""The command line's language and database, wherever they are given: `--lang` and `--db`
on the group, on a command group (`conflicts --db X list`) or on the command itself, and
TUI_CIA_LANG for the language. The innermost given wins; Thai when none is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

LANGS = ("th", "en")
LANG_VAR = "TUI_CIA_LANG"  # th or en: the language when no --lang is given
LANG_META = "tui_cia.lang"  # click's Context.meta is shared by every context of one run
DB_META = "tui_cia.db"
LANG_HELP = f"Language of messages and output: th or en (default: ${LANG_VAR}, else th)."
DB_HELP = "Database file (default: the user's database; TUI_CIA_HOME moves it)."


def env_lang() -> str:
    """TUI_CIA_LANG if it names a language, else Thai."""
    value = os.environ.get(LANG_VAR, "").strip().lower()
    return value if value in LANGS else "th"


def remember_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """A --lang's callback: a given language is remembered for what runs inside it; none
    given reads as the language of the run so far (an outer --lang, TUI_CIA_LANG, Thai)."""
    if value is None:
        found = ctx.meta.get(LANG_META)
        return str(found) if found in LANGS else env_lang()
    ctx.meta[LANG_META] = value
    return value


def remember_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        ctx.meta[DB_META] = value
    return value


def current_lang(given: str | None = None) -> str:
    """The language of this run: `given` (a command's own --lang), else the innermost
    group's --lang, else TUI_CIA_LANG, else Thai."""
    if given in LANGS:
        return str(given)
    context = click.get_current_context(silent=True)
    found = context.meta.get(LANG_META) if context else None
    return str(found) if found in LANGS else env_lang()


def given_db(db: Path | None) -> Path | None:
    """A command's --db, else the innermost group's."""
    if db is not None:
        return db
    context = click.get_current_context(silent=True)
    found = context.meta.get(DB_META) if context else None
    return found if isinstance(found, Path) else None


def lang_choice(**extra: Any) -> click.Option:
    """--lang, read by `remember_lang`."""
    return click.Option(
        ["--lang"],
        type=click.Choice(LANGS),
        default=None,
        callback=remember_lang,
        help=LANG_HELP,
        **extra,
    )


def everywhere(group: click.Group) -> None:
    """Give every command --lang and every command group --db (read by `current_lang` and
    `given_db`); a command's own --lang then defaults to the run's language."""
    for command in group.commands.values():
        own = [p for p in command.params if p.name == "lang"]
        if not own:
            command.params.append(lang_choice(expose_value=False))
        for param in own:
            param.default, param.callback, param.help = None, remember_lang, LANG_HELP
            if isinstance(param, click.Option):
                param.show_default = False
        if isinstance(command, click.Group):
            if all(p.name != "db" for p in command.params):
                command.params.append(
                    click.Option(
                        ["--db"],
                        type=click.Path(path_type=Path),
                        default=None,
                        expose_value=False,
                        callback=remember_db,
                        help=DB_HELP,
                    )
                )
            everywhere(command)


class SpeakingGroup(click.Group):
    """The root group: click's usage errors (a missing option, a bad value) said in the
    language of the run, each line in one language."""

    lang_hint = ""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is None:  # the whole command line: its --lang, for errors before parsing
            self.lang_hint = _lang_in(args)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            self._speak(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            self._speak(exc)
            raise

    def _speak(self, exc: click.ClickException) -> None:
        from tui_cia.cli.messages import in_lang

        lang = self.lang_hint or current_lang()
        text, ok = in_lang(exc.format_message(), lang)
        if lang != "th" or not ok or getattr(exc, "spoken", False):
            return
        exc.spoken = True  # type: ignore[attr-defined]
        context = getattr(exc, "ctx", None)

        def show(file: Any = None) -> None:
            if context is not None:
                click.echo(context.get_usage(), file=file, err=True)
                hint = f"{context.command_path} {context.help_option_names[0]}"
                click.echo(f"ดูวิธีใช้ด้วย '{hint}'", file=file, err=True)
            click.echo(f"ข้อผิดพลาด: {text}", file=file, err=True)

        exc.show = show  # type: ignore[method-assign]


def _lang_in(args: list[str]) -> str:
    """The last `--lang X` of a command line, "" if none (TUI_CIA_LANG then decides)."""
    found = ""
    for word, following in zip(args, [*args[1:], ""][: len(args)], strict=True):
        if word == "--lang" and following in LANGS:
            found = following
        elif word.startswith("--lang=") and word[7:] in LANGS:
            found = word[7:]
    return found
