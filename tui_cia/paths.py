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
