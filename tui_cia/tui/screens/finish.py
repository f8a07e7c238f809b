"""The page before completing: what is missing or wrong, confirmed warnings, failed indicators."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_cia.survey import path_str
from tui_cia.tui.i18n import t


class FinishScreen(ModalScreen[Any]):
    """Enter on a line jumps to its field; Ctrl+S completes when nothing is missing."""

    BINDINGS = [
        Binding("ctrl+s", "complete", "Complete", id="finish.complete"),
        Binding("escape", "close", "Back", id="finish.close"),
    ]

    def __init__(self, record: Any) -> None:
        super().__init__()
        self.record = record
        self.targets: list[Any] = []

    @property
    def lang(self) -> str:
        return str(self.app.lang)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        session, lang = self.record.session, self.lang
        problems = session.completion_problems()
        warnings = session.confirmed_warnings()
        failing = session.failing_indicators()
        lines: list[Option] = []
        for p in problems:
            lines.append(Option(f"✗ {self._where(p.path)}: {p.problem.message(lang)}"))
            self.targets.append(p.path)
        for path, warning in warnings:
            lines.append(Option(f"! {self._where(path)}: {warning.message(lang)}"))
            self.targets.append(path)
        with Vertical(classes="dialog", id="finish"):
            yield Label(t("finish.title", lang), classes="title")
            yield Label(t("finish.missing", lang) if problems else t("finish.ready", lang))
            yield OptionList(*lines, id="finish-lines")
            yield Label(t("finish.failing", lang), classes="title")
            names = [f"{r.indicator.number or ''} {r.indicator.label.get(lang)}" for r in failing]
            yield Static("\n".join(names) or t("finish.none", lang), id="failing")
            keys = t("finish.keys", lang)
            if not problems:
                keys = f"{t('finish.complete', lang)}   {keys}"
            yield Static(keys, classes="muted", id="finish-keys")

    def on_mount(self) -> None:
        """The list has the keys: Enter on a line goes to its question."""
        lines = self.query_one("#finish-lines", OptionList)
        lines.display = lines.option_count > 0
        if lines.option_count:
            lines.highlighted = 0
            lines.focus()

    def _where(self, path: Any) -> str:
        try:
            return f"{path_str(path)} {self.record.session.label(path)}"
        except KeyError:
            return path_str(path)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.targets[event.option_index])

    def action_complete(self) -> None:
        from tui_cia.storage import CompletionRefused

        store = self.app.store  # type: ignore[attr-defined]
        try:
            store.complete(self.record)
        except CompletionRefused:
            self.notify(t("finish.missing", self.lang), severity="error")
            return
        self.dismiss("completed")

    def action_close(self) -> None:
        self.dismiss(None)
