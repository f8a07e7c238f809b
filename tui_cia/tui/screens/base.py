"""What every screen reads from the app: its language and its store."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


class AppScreen(Screen[None]):
    """A screen of tui-cia: `lang` and `store` come from the running app."""

    @property
    def lang(self) -> str:
        return str(self.app.lang)  # type: ignore[attr-defined]

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]
