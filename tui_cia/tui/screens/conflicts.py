"""Conflicts: answers changed to different values on two laptops, settled one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import DataTable, Label, Static

from tui_cia.errors import TuiCiaError
from tui_cia.survey.dates import be_time
from tui_cia.survey.graphemes import truncate
from tui_cia.sync.conflicts import field_path, list_conflicts, resolve
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import said_text
from tui_cia.tui.screens.base import AppScreen, footer
from tui_cia.tui.screens.history import short

if TYPE_CHECKING:
    from tui_cia.sync.conflicts import ConflictValue, ConflictView

TYPED = 0  # the pick "type another value" (values are numbered from 1)


def others(view: ConflictView, lang: str) -> str:
    """The values other than the one shown here, with who changed them and when (พ.ศ.)."""
    return "; ".join(
        f"{short(v.value)} ({v.by or '-'} {be_time(v.at, lang)})"
        for v in view.values
        if v.value != view.shown
    )


def field_label(store: Any, view: ConflictView, lang: str) -> str:
    """The question as the form words it, after the member it is of (members[2])."""
    try:
        session = store.open(view.uuid).session
        item, _ = session.field_at(field_path(session, view.path))
    except (TuiCiaError, KeyError):
        return view.label
    member = view.label.rpartition(".")[0]
    text = item.label.get(lang) or view.label
    return f"{member} {text}" if member else text


def option_text(number: int, value: ConflictValue, lang: str) -> str:
    """1) 5000 — สมชาย, laptop a1b2, 15 มิ.ย. 2565 15:30"""
    laptop = f"{t('conflicts.laptop', lang)} {value.device[:4]}"
    at = be_time(value.at, lang)
    return f"{number}) {short(value.value)} — {value.by or '-'}, {laptop}, {at}"


class ConflictsScreen(AppScreen):
    """Every conflict of the database; Enter settles the highlighted one."""

    HELP_ID = "conflicts"
    BINDINGS = bindings("conflicts")

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[ConflictView] = []
        self.labels: dict[tuple[str, str], str] = {}  # (uuid, path): as the form words it

    def compose(self) -> ComposeResult:
        yield Label(t("conflicts.title", self.lang), id="conflicts-title", classes="title")
        yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        yield Static(t("conflicts.hint", self.lang), id="message", classes="muted")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.fill()

    def on_screen_resume(self) -> None:
        self.fill()  # back from the history, or a conflict was settled

    def refresh_language(self) -> None:
        self.message(t("conflicts.hint", self.lang), "muted")
        self.fill()

    def fill(self) -> None:
        table = self.query_one("#conflicts", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for key, width in (
            ("conflicts.col.record", 14),
            ("conflicts.col.field", 16),
            ("conflicts.col.here", 10),
            ("conflicts.col.others", 26),
        ):
            table.add_column(t(key, self.lang), width=width)
        self.conflicts = list_conflicts(self.store)
        self.labels = {
            (v.uuid, v.path): field_label(self.store, v, self.lang) for v in self.conflicts
        }
        for view in self.conflicts:
            # Cut to the columns here, by grapheme cluster: the table's own crop splits Thai.
            table.add_row(
                truncate(view.record or view.uuid[:8], 14),
                truncate(self.label(view), 16),
                short(view.shown, 10),
                truncate(others(view, self.lang), 26),
            )
        count = len(self.conflicts)
        title = (
            t("conflicts.count", self.lang, n=count) if count else t("conflicts.none", self.lang)
        )
        self.query_one("#conflicts-title", Label).update(title)
        table.move_cursor(row=min(row, count - 1) if count else 0)
        table.focus()

    def message(self, text: str, kind: str) -> None:
        widget = self.query_one("#message", Static)
        widget.update(text)
        widget.set_classes(kind)

    def label(self, view: ConflictView) -> str:
        return self.labels.get((view.uuid, view.path), view.label)

    def current(self) -> ConflictView | None:
        row = self.query_one("#conflicts", DataTable).cursor_row
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_resolve()

    def action_resolve(self) -> None:
        """Pick one of the values (or type another), give a reason, and settle it."""
        from tui_cia.tui.screens.modals import PickScreen

        view = self.current()
        if view is None:
            return
        options: list[tuple[str, int]] = [
            (option_text(n, v, self.lang), n) for n, v in enumerate(view.values, start=1)
        ]
        options.append((t("conflicts.type", self.lang), TYPED))
        self.app.push_screen(
            PickScreen(t("conflicts.pick", self.lang, label=self.label(view)), options),
            lambda choice: self._picked(view, choice),
        )

    def _picked(self, view: ConflictView, choice: int | None) -> None:
        from tui_cia.tui.screens.modals import TextInputScreen

        if choice is None:
            return
        if choice != TYPED:
            self._ask_reason(view, choice, None)
            return
        initial = "" if view.shown is None else str(view.shown)
        self.app.push_screen(
            TextInputScreen(t("conflicts.typed", self.lang, label=self.label(view)), initial),
            lambda text: None if text is None else self._ask_reason(view, None, text),
        )

    def _ask_reason(self, view: ConflictView, choice: int | None, text: str | None) -> None:
        from tui_cia.tui.screens.modals import ReasonScreen

        self.app.push_screen(
            ReasonScreen(),
            lambda reason: None if reason is None else self._settle(view, choice, text, reason),
        )

    def _settle(
        self, view: ConflictView, choice: int | None, text: str | None, reason: str
    ) -> None:
        """resolve(); a refused value changes nothing and says why."""
        try:
            result = resolve(
                self.store, view.uuid, view.path, choice=choice, text=text, reason=reason
            )
        except TuiCiaError as exc:
            self.message(said_text(exc, self.lang), "error")
            return
        if not result.ok:
            problem = result.problem.message(self.lang) if result.problem else ""
            self.message(problem, "error")
            return
        value = short(result.value)
        self.message(
            t("conflicts.resolved", self.lang, label=self.label(view), value=value), "info"
        )
        self.fill()

    def action_history(self) -> None:
        """The highlighted record's history (who changed what, and when)."""
        from tui_cia.tui.screens.history import HistoryScreen

        view = self.current()
        if view is not None:
            self.app.push_screen(HistoryScreen(view.uuid))

    def action_back(self) -> None:
        self.app.pop_screen()
