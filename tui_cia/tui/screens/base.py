"""What every screen reads from the app, its language and its store, and the footer each
shows (compact, so that 80 columns hold a screen's keys; the palette stays on Ctrl+P)."""

from __future__ import annotations

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


def footer() -> Footer:
    """The footer of a tui-cia screen."""
    return Footer(compact=True, show_command_palette=False)
