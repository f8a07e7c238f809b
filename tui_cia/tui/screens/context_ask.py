"""Asking for the work context over any screen and keeping it; the context in a line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tui_cia.storage.settings import WorkContext
from tui_cia.tui.i18n import t
from tui_cia.tui.said import said_text
from tui_cia.tui.screens.context import ContextScreen
from tui_cia.tui.screens.context_areas import AreaLists


def ask_context(
    screen: Any, *, first: bool = False, then: Callable[[], object] | None = None
) -> None:
    """Open the dialog over `screen` and keep what it gives; then call `then`, if given."""
    app = screen.app
    store, home = app.store, getattr(app, "home", None)
    form = getattr(home, "form", None)
    if store is None or form is None:
        app.notify(t("home.loading", app.lang))
        return

    def kept(context: WorkContext | None) -> None:
        if context is None:
            if first:
                app.notify(t("context.needed", app.lang), severity="warning")
            return
        from tui_cia.errors import TuiCiaError

        try:
            store.set_work_context(context)
        except TuiCiaError as exc:  # another program holds the database: said, not raised
            app.notify(said_text(exc, app.lang), severity="error")
            return
        if home is not None:
            home.show_context()
        app.notify(t("context.saved", app.lang, summary=summary(context, form, app.lang)))
        if then is not None:
            then()

    today = app.today or dt.date.today()
    app.push_screen(ContextScreen(store.work_context(), form, today, first=first), kept)


def summary(context: WorkContext | None, form: Any, lang: str) -> str:
    """The context in a line: keyer, round and area."""
    if context is None:
        return ""
    text = t("context.summary", lang, keyer=context.keyer, round=context.round or "-")
    area = AreaLists(form, lang).describe(context.area) if form is not None else ""
    return f"{text}  {area}" if area else text
