"""The members of a roster, one row each; Enter on a row asks for that member."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message
from textual.widgets import DataTable


class RosterTable(DataTable[str]):
    """Numbered member names; the screen fills it and opens the member a row asks for."""

    class Opened(Message):
        """Enter on a member's row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.add_columns("#", "")

    def show(self, names: Sequence[str]) -> None:
        """These members, the cursor kept on the row it was on (or the last)."""
        row = self.cursor_row
        self.clear()
        for i, name in enumerate(names):
            self.add_row(str(i + 1), name)
        if names:
            self.move_cursor(row=min(max(row, 0), len(names) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Opened(event.cursor_row))
