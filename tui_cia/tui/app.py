"""The App: wires screens, global keys, language, the command palette and the user keymap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui_cia.tui.keys import bindings, for_screen, load_keymap
from tui_cia.tui.localize import localize_bindings


class TuiCiaApp(App[None]):
    """tui-cia: household survey entry, review and analysis."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-cia"
    BINDINGS = bindings("app")

    def __init__(
        self,
        db_path: Path,
        *,
        lang: str = "th",
        today: dt.date | None = None,
        keymap: Path | None = None,
        forms_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.lang = lang
        self.today = today
        self.forms_dir = forms_dir
        self.keymap_path = keymap
        self.store: Any = None  # tui_cia.storage.Store, opened on mount

    def on_mount(self) -> None:
        from tui_cia.storage import Store
        from tui_cia.tui.screens.home import HomeScreen

        if self.keymap_path is not None:
            self.set_keymap(load_keymap(self.keymap_path))
        self.store = Store(self.db_path, today=self.today)
        localize_bindings(self, self.lang)
        self.push_screen(HomeScreen())

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "th" else "th"
        localize_bindings(self, self.lang)
        for screen in self.screen_stack:
            localize_bindings(screen, self.lang)
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                refresh()
        self.refresh_bindings()

    def action_help(self) -> None:
        from tui_cia.tui.screens.modals import HelpScreen

        self.push_screen(HelpScreen(getattr(self.screen, "HELP_ID", "app")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette reaches every action of the key table for this screen."""
        yield from super().get_system_commands(screen)
        target_id = getattr(screen, "HELP_ID", "app")
        for key in for_screen(target_id):
            target = self if key.screen == "app" else screen
            yield SystemCommand(
                f"{key.text(self.lang)} ({key.keys})",
                key.en if self.lang == "th" else key.th,
                _runner(target, key.action),
            )

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()


def _runner(target: Any, action: str) -> Any:
    async def run() -> None:
        await target.run_action(action)

    return run
