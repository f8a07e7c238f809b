"""The App: wires screens, global keys, language, the command palette and the user keymap.

The first frame (Home, waiting for its tables) is painted before the database opens: the
storage modules load and the database opens right after it, then Home fills in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.screen import Screen

from tui_cia.tui.keys import bindings, for_screen, load_keymap
from tui_cia.tui.localize import localize_bindings

if TYPE_CHECKING:
    from tui_cia.tui.screens.home import HomeScreen


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
        db_ready: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.lang = lang
        self.today = today
        self.forms_dir = forms_dir
        self.keymap_path = keymap
        self.db_ready = db_ready  # called before the database opens (the demo makes its copy)
        self.store: Any = None  # tui_cia.storage.Store, opened after the first paint
        self.home: HomeScreen | None = None

    def get_default_screen(self) -> Screen[Any]:
        """Home is the first screen itself: no empty screen under it to lay out and paint."""
        from tui_cia.tui.screens.home import HomeScreen

        self.home = HomeScreen()
        return self.home

    def on_mount(self) -> None:
        if self.keymap_path is not None:
            self.set_keymap(load_keymap(self.keymap_path))
        localize_bindings(self, self.lang)

    @on(events.Ready)
    def _first_paint_done(self) -> None:
        # Queued: it runs once every handler of Ready has, so nothing of it delays the frame.
        self.call_later(self.open_database)

    async def open_database(self) -> None:
        """Open the database; Home then puts its tables in place and fills them."""
        if self.db_ready is not None:
            self.db_ready()
        from tui_cia.errors import TuiCiaError
        from tui_cia.storage import Store

        try:
            self.store = Store(self.db_path, today=self.today)
        except TuiCiaError as exc:  # not a database of ours, or a newer one: said plainly
            self.exit(return_code=1, message=f"error: {exc}")
            return
        if self.home is not None:
            await self.home.database_opened()

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
