"""History: who changed what, when, from which device; the record as of any revision."""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Static

from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen, footer


def short(value: Any) -> str:
    if value is None:
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 24 else text[:23] + "…"


class HistoryScreen(AppScreen):
    """Every change of one record; the right pane shows the record as of the chosen row."""

    HELP_ID = "history"
    BINDINGS = bindings("history")

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.uuid = uuid
        self.changes: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Label(t("history.title", self.lang), classes="title")
        with Horizontal():
            yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
            yield Static("", id="as-of", classes="panel")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        table = self.query_one("#changes", DataTable)
        table.add_columns("#", "when", "who", "device", "what", "old", "new", "reason")
        self.changes = self.store.history(self.uuid)
        for c in self.changes:
            table.add_row(
                str(c.revision),
                c.at[:16].replace("T", " "),
                c.enumerator or "-",
                c.device,
                f"{c.op} {c.label}".strip(),
                short(c.old),
                short(c.new),
                c.reason or "",
            )
        table.focus()
        table.move_cursor(row=len(self.changes) - 1)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.changes):
            revision = self.changes[event.cursor_row].revision
            data = self.store.as_of(self.uuid, revision)
            lines = [f"{k}: {short(v)}" for k, v in data.items() if not isinstance(v, list)]
            for name, value in data.items():
                if isinstance(value, list):
                    lines.append(f"{name}: {len(value)}")
            self.query_one("#as-of", Static).update(f"rev {revision}\n" + "\n".join(lines))

    def action_back(self) -> None:
        self.app.pop_screen()
