"""Verify mode (CSPro-style double entry): a second person keys a record again, blind, on
the entry screen; then the two keyings side by side, one mismatch at a time resolved.

The re-key is a FormSession of its own (storage.verify.start_rekey), never stored as a
record: the entry screen runs on it through `RekeyStore`, which saves answers into the
session only. Finishing (F10) compares it with the stored record and opens VerifyScreen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from tui_cia.storage import verify as v
from tui_cia.survey import FieldPath, FormSession
from tui_cia.survey.graphemes import truncate
from tui_cia.survey.schema import Form
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.said import first_problem, said_text
from tui_cia.tui.screens.base import AppScreen, footer
from tui_cia.tui.screens.entry import EntryScreen

TYPED = "typed"  # the pick of a third value, typed


def start_verify(screen: AppScreen, uuid: str) -> None:
    """From Review: key record `uuid` again, blind; VerifyScreen when the re-key is done."""
    try:
        session = v.start_rekey(screen.store, uuid)
    except v.VerifyError as exc:
        screen.notify(said_text(exc, screen.lang), severity="error")
        return
    screen.app.push_screen(RekeyScreen(uuid, session))


@dataclass
class Rekey:
    """What the entry screen reads of a record, for a re-key that is not one."""

    of: str  # the stored record's uuid
    form: Form
    session: FormSession
    status: str = "draft"

    @property
    def uuid(self) -> str:
        return f"verify:{self.of}"


class RekeyStore:
    """The store as the entry screen uses it, saving a re-key's answers into its session
    only (nothing is written); everything else is the app's store."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def answer(
        self, rec: Rekey, path: FieldPath, text: str, *, confirm: bool = False, **_: Any
    ) -> Any:
        parsed = rec.session.check(path, text)
        if not parsed.ok:
            return parsed
        return rec.session.set_value(path, parsed.value, confirm=confirm)

    def set_special(self, rec: Rekey, path: FieldPath, name: str, *_: Any) -> Any:
        return rec.session.set_special(path, name)

    def add_instance(
        self, rec: Rekey, repeat_path: FieldPath, at: int | None = None, *_: Any
    ) -> int:
        return rec.session.add_instance(repeat_path, at)

    def remove_instance(self, rec: Rekey, repeat_path: FieldPath, index: int, *_: Any) -> None:
        rec.session.remove_instance(repeat_path, index)

    def checkpoint(self, rec: Rekey) -> None:
        """Nothing to bring up to date: a re-key is not stored."""


class RekeyScreen(EntryScreen):
    """The entry screen on a blind re-key: F10 compares instead of completing, Esc drops it."""

    def __init__(self, uuid: str, session: FormSession) -> None:
        super().__init__(Rekey(uuid, session.form, session))
        self.of = uuid
        self._rekey_store: RekeyStore | None = None
        self._name: str | None = None

    @property
    def store(self) -> Any:
        if self._rekey_store is None:
            self._rekey_store = RekeyStore(self.app.store)  # type: ignore[attr-defined]
        return self._rekey_store

    def _remember_position(self) -> None:
        """A re-key has no place to come back to."""

    def _position(self, path: FieldPath) -> None:
        """Where the re-key is, and that it is one: of which household, blind."""
        from rich.text import Text

        stops = self.session.route.stops()
        text = t("entry.position", self.lang, i=self.session.route.index(path) + 1, n=len(stops))
        if self._name is None:  # the household as stored (the re-key has few answers yet)
            stored = self.app.store.open(self.of)  # type: ignore[attr-defined]
            self._name = stored.session.instance_name() or self.of[:8]
        name = self._name
        self.query_one("#position", Label).update(
            Text(f"{text}   {t('verify.rekeying', self.lang, name=name)}")
        )

    def action_leave(self) -> None:
        """Esc: drop the re-key (nothing of it is stored), once that is confirmed."""
        from tui_cia.tui.screens.modals import ConfirmScreen

        def dropped(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(t("verify.drop", self.lang)), dropped)

    def action_finish(self) -> None:
        """F10: compare with the stored record; answers left blank are asked about first."""
        if not self._save_if_changed():
            return
        store = self.app.store  # type: ignore[attr-defined]
        comparison = v.compare_record(store, self.of, self.session.to_data())
        blank = len(v.left_blank(comparison))
        if not blank:
            self.app.switch_screen(VerifyScreen(comparison, self.session.form))
            return
        from tui_cia.tui.screens.modals import ConfirmScreen

        def compare_anyway(yes: bool | None) -> None:
            if yes:
                self.app.switch_screen(VerifyScreen(comparison, self.session.form))

        question = t("verify.blanks", self.lang, n=blank)
        self.app.push_screen(ConfirmScreen(question), compare_anyway)


def _text(value: Any) -> str:
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class VerifyScreen(AppScreen):
    """The mismatches of a re-key side by side; Enter on one picks the right value."""

    HELP_ID = "verify"
    BINDINGS = bindings("verify")

    def __init__(self, comparison: v.Comparison, form: Form) -> None:
        super().__init__()
        self.comparison = comparison
        self.open = list(comparison.mismatches)  # not resolved yet, in table order
        self.comparison_form = form
        self.verified = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="verify-title")
            yield Label("", id="verify-count")
            yield DataTable(id="mismatches", cursor_type="row")
            yield Label("", id="verify-message")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_language()
        if not self.open:
            self._finish()

    def refresh_language(self) -> None:
        record = self.store.open(self.comparison.uuid)
        record.session.lang = self.lang
        name = record.session.instance_name() or self.comparison.uuid[:8]
        self.query_one("#verify-title", Label).update(t("verify.title", self.lang, uuid=name))
        table = self.query_one("#mismatches", DataTable)
        table.clear(columns=True)
        field = max(20, self.app.size.width // 2)
        value = max(10, (self.app.size.width - field) // 2 - 4)
        table.add_column(t("verify.field", self.lang), width=field)
        table.add_column(t("verify.first", self.lang), width=value)
        table.add_column(t("verify.second", self.lang), width=value)
        for m in self.open:
            label = self.label(record.session, m)
            table.add_row(  # cut to the columns by grapheme cluster: the table's crop splits Thai
                truncate(label, field),
                truncate(_text(m.first), value),
                truncate(_text(m.second), value),
                key=m.path,
            )
        self._count()
        table.focus()

    def label(self, session: FormSession, m: v.Mismatch) -> str:
        """A mismatch's question as the entry screen words it, in the language shown (a
        member's name filled in), with the member's number for a roster's question."""
        from tui_cia.survey.fieldpath import parse_path

        path = parse_path(m.path)
        try:
            text = session.label(path)
        except (KeyError, IndexError, ValueError):  # a member only the re-key has
            item = self.comparison_form.items.get(str(path[-1]))
            text = item.label.get(self.lang) if item is not None and item.label else m.label
        if len(path) > 1 and isinstance(path[1], int):
            return f"{t('verify.member', self.lang, n=path[1] + 1)}: {text}"
        return text

    def _count(self) -> None:
        n, m = self.comparison.fields, len(self.comparison.mismatches)
        self.query_one("#verify-count", Label).update(
            t("verify.count", self.lang, n=n, m=m, left=len(self.open))
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        table = self.query_one("#mismatches", DataTable)
        row = table.cursor_row
        if not 0 <= row < len(self.open):
            return
        m = self.open[row]
        roster = v.roster_of(self.comparison, m)
        if roster is not None and roster in self.open:  # its count decides what exists
            self.notify(t("verify.roster_first", self.lang, label=roster.label), timeout=4)
            table.move_cursor(row=self.open.index(roster))
            return
        from tui_cia.tui.screens.modals import PickScreen

        options = [
            (f"{t('verify.first', self.lang)}: {_text(m.first)}", v.FIRST),
            (f"{t('verify.second', self.lang)}: {_text(m.second)}", v.SECOND),
            (t("conflicts.type", self.lang), TYPED),
        ]

        def picked(how: str | None) -> None:
            if how == TYPED:
                self._ask_value(m)
            elif how is not None:
                self._resolve(m, how)

        self.app.push_screen(PickScreen(m.label, options), picked)

    def _ask_value(self, m: v.Mismatch) -> None:
        from tui_cia.tui.screens.modals import TextInputScreen

        initial = "" if m.second is None else _text(m.second)

        def typed(text: str | None) -> None:
            if text is not None:
                self._resolve(m, TYPED, text)

        title = t("conflicts.typed", self.lang, label=m.label)
        self.app.push_screen(TextInputScreen(title, initial), typed)

    def _resolve(self, m: v.Mismatch, how: str, text: str = "") -> None:
        try:
            if how == TYPED:
                settled = v.resolve_typed(self.store, self.comparison, m.path, text, self.lang)
            else:
                settled = v.resolve_field(self.store, self.comparison, m.path, how)
        except v.VerifyError as exc:
            self.notify(said_text(exc, self.lang), severity="error")
            return
        table = self.query_one("#mismatches", DataTable)
        for done in settled:  # a roster's count settles the members it drops too
            if done in self.open:
                self.open.remove(done)
                table.remove_row(done.path)
        self._count()
        if not self.open:
            self._finish()

    def _finish(self) -> None:
        from tui_cia.storage import CompletionRefused

        try:
            v.finish_verify(self.store, self.comparison)
        except CompletionRefused as exc:
            self._message(first_problem(exc, self.lang))
            return
        self.verified = True
        self._message(t("verify.done", self.lang))

    def _message(self, text: str) -> None:
        self.query_one("#verify-message", Label).update(text)

    def action_back(self) -> None:
        """Esc: back to Review; with mismatches left, once that is confirmed (what was
        settled stays saved, the record is not verified)."""
        if not self.open or self.verified:
            self._leave()
            return
        from tui_cia.tui.screens.modals import ConfirmScreen

        question = t("verify.leave", self.lang, n=len(self.open))
        self.app.push_screen(ConfirmScreen(question), lambda yes: self._leave() if yes else None)

    def _leave(self) -> None:
        self.app.pop_screen()
        refresh = getattr(self.app.screen, "refresh_rows", None)
        if callable(refresh):
            refresh()
