"""History: who changed what and when, in words; the record as of the highlighted change.

Each change takes two or three lines (when, who and the question; old → new; the reason),
cut by grapheme cluster to the list's width. The pane beside the list (below it under
WIDE columns) shows the highlighted change whole, and under it the record as it was right
after that change, scrolled to the changed answer.
"""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_cia.storage.readable import AnswerLine, ReadableChange, ReadableHistory
from tui_cia.survey.graphemes import truncate, width, wrap
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen, footer

WIDE = 110  # from this many columns the record stands beside the changes, else below them
WHEN_CELLS = 18  # "28 มี.ค. 2569 07:26"
WHO_CELLS = 12
INDENT = "    "


def short(value: Any, cells: int = 24) -> str:
    """A stored value in at most `cells` cells (the conflicts and sync screens use it)."""
    if value is None:
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return truncate(text, cells)


def change_row(change: ReadableChange, cells: int, lang: str) -> Text:
    """One change as two or three lines, none wider than `cells`."""
    when = change.when + " " * max(0, WHEN_CELLS - width(change.when))
    who = truncate(change.who, WHO_CELLS)
    who += " " * (WHO_CELLS - width(who))
    head = f"{change.revision:>3} {when} {who} "
    row = Text(truncate(head, cells), no_wrap=True)
    row.append(truncate(change.what, cells - width(head)), style="bold")
    values = _values(change)
    if values:
        row.append("\n" + truncate(INDENT + values, cells))
    if change.reason:
        reason = t("history.reason", lang, reason=change.reason)
        row.append("\n" + truncate(INDENT + reason, cells), style="italic")
    return row


def _values(change: ReadableChange) -> str:
    if change.old and change.new:
        return f"{change.old} → {change.new}"
    return change.old or change.new


def change_text(change: ReadableChange, cells: int, lang: str) -> Text:
    """The change whole: wrapped by grapheme cluster, never cut."""
    head = t("history.change", lang, n=change.revision)
    by = t("history.by", lang, who=change.who, device=change.device)
    lines = [change.what]
    values = _values(change)
    if values:
        lines.append(values)
    if change.reason:
        lines.append(t("history.reason", lang, reason=change.reason))
    out = Text("\n".join(wrap(f"{head}  {change.when}  {by}", cells)), style="bold")
    out.no_wrap = True
    for line in lines:
        out.append("\n" + "\n".join(wrap(line, cells)))
    return out


def record_text(
    change: ReadableChange, record: list[AnswerLine], cells: int, lang: str
) -> tuple[Text, int | None]:
    """The record as of the change, question by question, the changed answer marked; with
    the line it stands on (None when it is not in the record, e.g. a member removed)."""
    out = Text(t("history.as_of", lang, n=change.revision), style="bold", no_wrap=True)
    target = None
    for answer in record:
        changed = bool(change.path) and answer.path == change.path
        if changed:
            target = len(out.plain.splitlines())
        indent = "  " * answer.depth
        if answer.answer:
            text = f"{answer.question}: {answer.answer}"
            wrapped = wrap(text, max(cells - width(indent) - 1, 8))
            lines = [indent + wrapped[0], *(f"{indent} {more}" for more in wrapped[1:])]
        else:  # a roster entry's title
            lines = wrap(indent + answer.question, cells)
        style = " ".join(
            word for word, on in (("bold", not answer.answer), ("reverse", changed)) if on
        )
        out.append("\n")
        out.append("\n".join(lines), style=style)
    return out, target


class HistoryScreen(AppScreen):
    """Every change of one record in words; the pane shows the record as of the chosen one."""

    HELP_ID = "history"
    BINDINGS = bindings("history")

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.uuid = uuid
        self.history: ReadableHistory | None = None
        self.rows: list[ReadableChange] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="history-title", classes="title")
        with Horizontal(id="history-body"):
            yield OptionList(id="history-changes", compact=True)
            with Vertical(id="history-pane"):
                yield Static("", id="history-change")
                with VerticalScroll(id="history-record"):
                    yield Static("", id="as-of")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.history = ReadableHistory(self.store, self.uuid)
        self.title_label()
        self.set_class(self.app.size.width < WIDE, "narrow")
        self.query_one("#history-changes", OptionList).focus()
        self.call_after_refresh(self.fill)  # once laid out: the lines are cut to the list

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDE, "narrow")
        self.call_after_refresh(self.fill)

    def refresh_language(self) -> None:
        """F2: the title, the changes and the pane in the other language."""
        self.title_label()
        self.fill()

    def title_label(self) -> None:
        name = self.history.name if self.history else ""
        title = t("history.title", self.lang)
        self.query_one("#history-title", Label).update(f"{title}: {name}" if name else title)

    def list_cells(self) -> int:
        """The cells a change's line may take: the list's width, less a scrollbar."""
        changes = self.query_one("#history-changes", OptionList)
        return max((changes.size.width or self.app.size.width) - 2, 20)

    def pane_cells(self) -> int:
        """The cells a line of the pane may take, less a scrollbar."""
        pane = self.query_one("#history-pane", Vertical)
        return max((pane.size.width or self.app.size.width) - 2, 20)

    def fill(self) -> None:
        """(Re)build the list's lines for its width and language, keeping the highlight."""
        if self.history is None:
            return
        self.rows = self.history.lines(self.lang)
        changes = self.query_one("#history-changes", OptionList)
        keep = changes.highlighted
        cells = self.list_cells()
        changes.set_options(Option(change_row(row, cells, self.lang)) for row in self.rows)
        if self.rows:
            changes.highlighted = len(self.rows) - 1 if keep is None else keep
            self.show(changes.highlighted)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option_index)

    def show(self, index: int | None) -> None:
        """The pane: the highlighted change whole, then the record as of it."""
        if self.history is None or index is None or not 0 <= index < len(self.rows):
            return
        change = self.rows[index]
        record = self.history.as_of(change.revision, self.lang)
        cells = self.pane_cells()
        self.query_one("#history-change", Static).update(change_text(change, cells, self.lang))
        text, target = record_text(change, record, cells, self.lang)
        self.query_one("#as-of", Static).update(text)
        pane = self.query_one("#history-record", VerticalScroll)
        # The changed answer in view, a few lines of its neighbours above it; else the top.
        y = 0 if target is None else max(target - 3, 0)
        self.call_after_refresh(pane.scroll_to, y=y, animate=False)
        # Below the list the pane's height follows the change: keep the change in sight.
        changes = self.query_one("#history-changes", OptionList)
        self.call_after_refresh(changes.scroll_to_highlight)

    def action_back(self) -> None:
        self.app.pop_screen()
