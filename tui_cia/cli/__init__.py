"""The command line's entry point: `tui-cia` and `tui-cia demo` start the app at once.

Starting the app is what people do most, so it does not wait for click and the command tree
(`tui_cia.cli.commands`): when the arguments only choose the database and the language, they
are read here. Anything else (other commands, --help, --version, mistakes) goes to click,
which parses and reports exactly as before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

LANGS = ("th", "en")
COMPLETE_VAR = "_TUI_CIA_COMPLETE"  # click's variable for the `tui-cia` program name
DEBUG_VAR = "TUI_CIA_DEBUG"  # set: unexpected errors show their traceback


class Launch(NamedTuple):
    """The app to start: on `db` (None: the user's database), or on the demo copy."""

    demo: bool
    db: Path | None
    lang: str


def app_launch(args: Sequence[str]) -> Launch | None:
    """`[--db PATH] [--lang th|en] [demo [--lang th|en]]` read as click would; None for
    any other arguments (click then takes them). Without --lang, TUI_CIA_LANG or Thai."""
    import os

    given = os.environ.get("TUI_CIA_LANG", "").strip().lower()  # as cli.language reads it
    options = {"db": None, "lang": given if given in LANGS else "th"}  # the group's
    demo_lang = None  # `demo`'s own --lang, else the group's
    demo = False
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word == "demo" and not demo:
            demo = True
            continue
        name, eq, value = word.partition("=")
        if name not in ("--lang", "--db") or (demo and name == "--db"):
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-") or (name == "--lang" and value not in LANGS):
            return None
        if demo:
            demo_lang = value
        else:
            options[name[2:]] = value
    db = options["db"]
    lang = demo_lang if demo and demo_lang else str(options["lang"])
    return Launch(demo, Path(db) if db else None, lang)


def run_app(
    db: Path,
    lang: str,
    db_ready: Callable[[], object] | None = None,
    out_dir: Path | None = None,
) -> None:
    """Start the Textual app (imported only here: the other commands never load it);
    `db_ready` is called before the database opens, in a thread started first of all: it and
    Home's first read of the database overlap the loading of Textual. The app prints its own
    errors (a database it cannot open) and sets the exit code. Reports and tables go to
    `out_dir` (None: beside the database)."""
    from tui_cia.tui.overview import ReadAhead  # no Textual: started before it loads

    read_ahead = ReadAhead(db, db_ready)
    from tui_cia.paths import data_dir
    from tui_cia.tui.app import TuiCiaApp

    keymap = data_dir() / "keymap.yaml"
    app = TuiCiaApp(db, lang=lang, keymap=keymap, read_ahead=read_ahead, out_dir=out_dir)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


def run_demo(lang: str) -> None:
    """The app on a scratch copy of the sample tambon (the user's data is not touched),
    removed when the app ends (so reports and tables go to `demo_out_dir`). The copy is made
    after the first paint, just before the app opens the database."""
    import shutil
    import tempfile

    from tui_cia.paths import sample_db_path

    sample = sample_db_path()
    if not sample.is_file():
        print(f"error: the sample database is missing ({sample})", file=sys.stderr)
        sys.exit(1)
    folder = Path(tempfile.mkdtemp(prefix="tui-cia-demo-"))
    try:
        run_app(
            folder / "demo.db",
            lang,
            db_ready=lambda: scratch_copy(sample, folder / "demo.db"),
            out_dir=demo_out_dir(),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def demo_out_dir() -> Path:
    """Where the demo writes reports and tables, which must outlive its scratch database:
    the user's documents folder (tui-cia-demo in it), or TUI_CIA_HOME/demo when that is set."""
    import os

    from tui_cia.paths import ENV_HOME

    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "demo"
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "tui-cia-demo"


def scratch_copy(sample: Path, target: Path) -> None:
    """Copy the sample and give the copy its own device id: changes made in the demo must
    never pass for the sample's own if a bundle of them travels."""
    import shutil
    import sqlite3
    import uuid

    shutil.copyfile(sample, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'device_id'", (uuid.uuid4().hex[:12],)
        )
    conn.close()


def start(launch: Launch) -> None:
    """Start the app as `launch` says."""
    if launch.demo:
        run_demo(launch.lang)
        return
    from tui_cia.paths import default_db_path

    run_app(launch.db or default_db_path(), launch.lang)


def completing() -> bool:
    """True when the shell asks for completions (`_TUI_CIA_COMPLETE=bash_source tui-cia`):
    click answers those, even for the arguments that would start the app."""
    import os

    return bool(os.environ.get(COMPLETE_VAR))


def utf8_output() -> None:
    """Output sent to a file or a pipe is UTF-8 on every system: on Windows Python would
    write it in the ANSI code page (cp874 on Thai Windows), which has no box or radar marks.
    A console is left as it is (Python writes Unicode to it already)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def guarded(command: Callable[[], Any], lang: str = "th") -> Any:
    """Run a command; a failure that no command turned into a message (a bug, or memory
    running out) is said in one line, with the details only when TUI_CIA_DEBUG is set. A
    database another program kept locked is no bug: that is said as such (in `lang`)."""
    import os

    try:
        return command()
    except (KeyboardInterrupt, MemoryError) as exc:
        stopped = isinstance(exc, KeyboardInterrupt)
        print(UNDONE[lang == "en"][0 if stopped else 1], file=sys.stderr)
        sys.exit(130 if stopped else 1)
    except Exception as exc:
        if os.environ.get(DEBUG_VAR):
            raise
        busy = busy_message(exc, lang)
        if busy is not None:
            print(busy, file=sys.stderr)
            sys.exit(1)
        if lang == "en":
            print(
                f"error: an unexpected problem ({type(exc).__name__}: {exc}). This is a bug "
                f"in tui-cia: please report it with the command you ran; {DEBUG_VAR}=1 shows "
                "the details",
                file=sys.stderr,
            )
        else:  # the Thai sentence, then the program's own words on a line of their own
            print(f"{BUG_TH}\n{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(2)


# (Thai, English) of a command stopped by Ctrl+C, and of memory running out.
UNDONE = (
    ("ข้อผิดพลาด: หยุดแล้ว ไม่ได้ทำอะไรต่อ", "ข้อผิดพลาด: หน่วยความจำไม่พอ ไม่ได้ทำอะไรต่อ"),
    ("error: stopped; nothing more was done", "error: out of memory; nothing more was done"),
)
BUG_TH = (
    "ข้อผิดพลาด: เกิดปัญหาที่ไม่คาดคิด นี่คือข้อบกพร่องของ tui-cia โปรดแจ้งพร้อมคำสั่งที่ใช้ "
    f"({DEBUG_VAR}=1 แสดงรายละเอียด)"
)


def busy_message(exc: Exception, lang: str) -> str | None:
    """The message of a database kept locked by another program (DatabaseBusy, or SQLite's
    own "database is locked" that no write path turned into one); None for anything else."""
    from tui_cia.storage.db import DatabaseBusy, is_busy

    if not isinstance(exc, DatabaseBusy):
        if not is_busy(exc):
            return None
        exc = DatabaseBusy()
    return exc.message(lang) if lang == "th" else f"error: {exc.message(lang)}"


def lang_en(args: Sequence[str]) -> bool:
    """Whether the arguments choose English (`--lang en` or `--lang=en`, anywhere), or
    TUI_CIA_LANG does and no `--lang th` is given."""
    import os
    from itertools import pairwise

    words = list(args)
    if "--lang=th" in words or ("--lang", "th") in pairwise(words):
        return False
    chosen = "--lang=en" in words or ("--lang", "en") in pairwise(words)
    return chosen or os.environ.get("TUI_CIA_LANG", "").strip().lower() == "en"


class Entry:
    """`main`: called by the console script, it starts the app or hands over to click; to
    anything else (click's CliRunner, `main.commands`) it is the click group itself."""

    def __call__(self, args: Sequence[str] | None = None, **extra: Any) -> Any:
        given = sys.argv[1:] if args is None else list(args)
        launch = None if completing() else app_launch(given)
        if launch is None:
            utf8_output()
            return guarded(lambda: self.group(args, **extra), "en" if lang_en(given) else "th")
        start(launch)
        return None

    @property
    def group(self) -> Any:
        from tui_cia.cli.commands import main as group

        return group

    def __getattr__(self, name: str) -> Any:
        return getattr(self.group, name)


main = Entry()
