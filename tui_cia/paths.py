"""Where user data lives: platformdirs, overridden by the TUI_CIA_HOME environment variable."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "TUI_CIA_HOME"
APP_NAME = "tui-cia"


def data_dir() -> Path:
    """The folder that holds the user's database and settings (created on demand)."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override)
    import platformdirs  # only here: keeps it off the import path of the form engine

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The user's database file."""
    return data_dir() / "tui-cia.db"


# What ships with the app. In an installed package the build copies the top-level forms/ and
# sample_db/ into tui_cia/_shipped/ (see setup.py); in a source checkout they sit beside the
# package, where they are kept.
SHIPPED = "_shipped"
SHIPPED_FORMS = ("bmn", "village")  # the forms a new database starts with (forms/ID.yaml)
SAMPLE_DB = "kong_thanu.db"


def shipped_dir(name: str) -> Path:
    """The shipped folder `name` (forms or sample_db), in the package or the checkout."""
    packaged = Path(__file__).resolve().parent / SHIPPED / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / name


def shipped_forms_dir() -> Path:
    """The shipped forms (bmn.yaml, village.yaml) and their areas/ choice files."""
    return shipped_dir("forms")


def sample_db_path() -> Path:
    """The sample tambon's database that `tui-cia demo` opens a copy of."""
    return shipped_dir("sample_db") / SAMPLE_DB
