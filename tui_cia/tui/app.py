"""The App: wires screens, global keys, language, the command palette and the user keymap.

The database opens off the event loop (`tui_cia.tui.opening`): Home fills its tables from a
light first read (begun by the command line before Textual loads, `read_ahead`, or here in a
worker), then gets the store from another worker. Every key answers meanwhile: the event loop
only receives what the workers report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from tui_cia.tui.keys import bindings, for_screen, load_keymap
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.opening import FirstRead, StoreFailed, StoreOpened, open_store, read_first

if TYPE_CHECKING:
    from tui_cia.tui.overview import ReadAhead
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
        read_ahead: ReadAhead | None = None,
        out_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.out_dir = out_dir  # reports and tables (None: the database's folder)
        self.lang = lang
        self.today = today
        self.forms_dir = forms_dir
        self.keymap_path = keymap
        self.db_ready = db_ready  # called before the database opens (the demo makes its copy)
        self.read_ahead = read_ahead  # that and Home's first read, started by the caller
        self.store: Any = None  # tui_cia.storage.Store, opened in a worker
        self.home: HomeScreen | None = None

    def get_default_screen(self) -> Screen[Any]:
        """Home is the first screen itself: no empty screen under it to lay out and paint."""
        from tui_cia.tui.screens.home import HomeScreen

        self.home = HomeScreen()
        return self.home

    def on_mount(self) -> None:
        overview = self.read_ahead.ready() if self.read_ahead is not None else None
        if overview is not None:  # read already (Home shows it as it mounts): no worker
            self.post_message(FirstRead(overview))
        else:
            self.read_database()
        if self.keymap_path is not None:
            self.set_keymap(load_keymap(self.keymap_path))
        localize_bindings(self, self.lang)

    @work(thread=True, group="database")
    def read_database(self) -> None:
        """Make the database ready and read Home's tables, off the event loop."""
        found = read_first(self)
        if found is not None:
            self.post_message(found)

    def on_first_read(self, message: FirstRead) -> None:
        if self.home is not None and message.overview is not None:
            self.home.show_overview(message.overview)
        self.call_after_refresh(self.open_database)  # once the tables are painted

    @work(thread=True, group="database")
    def open_database(self) -> None:
        """Open the store, off the event loop."""
        found = open_store(self)
        posted = found is not None and self.post_message(found)
        if isinstance(found, StoreOpened) and not posted:  # the app has closed meanwhile
            found.store.close()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.store = message.store
        if self.home is not None:
            self.home.database_opened(message.form_id)

    def on_store_failed(self, message: StoreFailed) -> None:
        self.exit(return_code=1, message=message.message)

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
        keys = for_screen(target_id)
        for key in keys:
            target = self if key.screen == "app" else screen
            yield SystemCommand(
                f"{key.text(self.lang)} ({key.keys})",
                key.en if self.lang == "th" else key.th,
                _runner(target, key.action),
            )
        if not any(key.action == "work_context" for key in keys):  # Home has it as a key
            from tui_cia.tui.i18n import t

            other = "en" if self.lang == "th" else "th"
            yield SystemCommand(
                t("context.title", self.lang), t("context.title", other), self.ask_work_context
            )

    def ask_work_context(self) -> None:
        """Who is keying, the round and its survey period, the area worked (the palette)."""
        from tui_cia.tui.screens.context_ask import ask_context

        ask_context(self.screen)

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "database")  # a store opened after this is closed
        if self.store is not None:
            self.store.close()


def _runner(target: Any, action: str) -> Any:
    async def run() -> None:
        await target.run_action(action)

    return run
