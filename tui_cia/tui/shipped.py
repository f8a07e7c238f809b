"""The forms a new database starts with, and loading the current form off the event loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def forms_dir(app: Any) -> Path:
    given = getattr(app, "forms_dir", None)
    if given:
        return Path(given)
    from tui_cia.paths import shipped_forms_dir

    return shipped_forms_dir()


def ensure_forms(app: Any, store: Any = None) -> str | None:
    """In a database without forms, add the shipped ones; returns the form to show.

    `store` is the app's unless given (the worker that opens it, before the app has it)."""
    store = app.store if store is None else store
    if not store.forms.ids():
        from tui_cia.paths import SHIPPED_FORMS
        from tui_cia.survey import load_form  # only here: a database with forms needs no parse

        folder = forms_dir(app)
        for form_id in SHIPPED_FORMS:
            if (folder / f"{form_id}.yaml").is_file():
                store.add_form(load_form(folder / f"{form_id}.yaml"))
    return first_form(store.forms.ids())


def first_form(ids: list[str]) -> str | None:
    """The form Home shows first: the household survey if the database has it."""
    return "bmn" if "bmn" in ids else min(ids, default=None)


def parse_form(raw: tuple[str, str, str] | None) -> Any:
    """A stored form version parsed (YAML, checks, graph): slow, so run in a worker."""
    if raw is None:
        return None
    import json

    from tui_cia.survey import load_form_text

    content_hash, text, files = raw
    return load_form_text(text, f"<{content_hash[:8]}>", None, json.loads(files or "{}"))
