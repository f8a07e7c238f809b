"""What every screen reads from the app, its language and its store, and the footer each
shows (compact, so that 80 columns hold a screen's keys; the palette stays on Ctrl+P)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class AppScreen(Screen[None]):
    """A screen of tui-cia: `lang` and `store` come from the running app."""

    @property
    def lang(self) -> str:
        return str(self.app.lang)  # type: ignore[attr-defined]

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    @property
    def out_dir(self) -> Path:
        """Where reports and tables are written: the app's out_dir (the demo's, whose
        database is removed at exit), else the database's folder; made if missing."""
        chosen = getattr(self.app, "out_dir", None)
        folder = Path(chosen) if chosen else Path(self.store.path).parent
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def footer() -> Footer:
    """The footer of a tui-cia screen."""
    return Footer(compact=True, show_command_palette=False)
