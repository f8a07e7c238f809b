"""Entry: one field at a time, keyboard only, every answer saved as the field is left.

The screen wires a QuestionView, a RosterTable and the footer to the record's FormSession and
the store; the widgets show what they are given and report what the keyer did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Static

from tui_cia.survey import FieldPath, FormSession, path_str
from tui_cia.survey.schema import Field, Repeat
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import footer
from tui_cia.tui.screens.entry_save import PendingSave, SavingActions
from tui_cia.tui.widgets.choice_list import Numbering, number_choices
from tui_cia.tui.widgets.question import Ask, QuestionView, complete_when
from tui_cia.tui.widgets.roster_table import RosterTable


class EntryScreen(SavingActions):
    """Heads-down entry of one record, driven by its FormSession."""

    HELP_ID = "entry"
    BINDINGS = bindings("entry")

    def __init__(self, record: Any, *, edit: bool = False, at: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.at = at  # a field path to start at (a problem to fix), if it is on the route
        self.session: FormSession = record.session
        self.edit = edit
        self.reason: str | None = None
        self.path: FieldPath | None = None
        self.pending: tuple[FieldPath, str] | None = None  # a warning awaiting confirmation
        self.waiting: list[PendingSave] = []  # answers another program's lock holds back
        self.after_wait: Callable[[], None] | None = None  # Esc or F10 once they are saved
        self.saved_at: str | None = None  # the position last remembered in the database
        # A household nothing has been typed into yet (Esc then leaves nothing of it).
        self.created = getattr(record, "revision", 0) == 1 and record.status == "draft"

    def compose(self) -> ComposeResult:
        yield Label("", id="position")
        yield Static("", id="notice")
        yield QuestionView(id="question")
        yield RosterTable(id="roster")
        yield footer()

    @property
    def question(self) -> QuestionView:
        return self.query_one(QuestionView)

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.session.lang = self.lang
        self._notice()
        self.show(self._resume_point())

    def refresh_language(self) -> None:
        self.session.lang = self.lang
        self._notice()
        if self.path is not None:
            self.show(self.path)

    def _notice(self) -> None:
        """A verified record opened to edit says so at the top, before anything is changed."""
        notice = self.query_one("#notice", Static)
        verified = self.edit and self.record.status == "verified"
        notice.update(t("entry.verified", self.lang) if verified else "")
        notice.display = verified

    # -- where to start ----------------------------------------------------------------------
    def _resume_point(self) -> FieldPath | None:
        """The field asked for (`at`), else where the keyer was last (saved as they moved),
        else the first unanswered field."""
        from tui_cia.storage.drafts import saved_position

        saved = saved_position(self.store, self.record.uuid)
        self.saved_at = saved
        stops = self.session.route.stops()
        for wanted in (self.at, saved):
            for stop in stops:
                if wanted and path_str(stop) == wanted:
                    return stop
        for stop in stops:
            item, _ = self.session.locate(stop)
            if isinstance(item, Field) and item.editable and self.session.raw(stop) is None:
                return stop
        return stops[0] if stops else None

    # -- showing a stop ----------------------------------------------------------------------
    def show(self, path: FieldPath | None) -> None:
        """Put the stop `path` on screen (None: the end of the form)."""
        self.path = path
        self.pending = None
        question, roster = self.question, self.query_one(RosterTable)
        question.say("")
        roster.display = False
        if path is None:
            question.show(Ask(t("entry.end", self.lang), note=True, editable=False))
            self.set_focus(None)
        else:
            self._position(path)
            item, _ = self.session.locate(path)
            if isinstance(item, Repeat):
                self._show_roster(path, item)
            else:
                assert isinstance(item, Field)
                question.show(self._ask(path, item))
                if not item.editable and item.type != "note":
                    question.say(t("entry.calculated", self.lang), "info")
                question.answer.focus() if item.editable else self.set_focus(None)
        self._remember_position()
        self.refresh_bindings()

    def _ask(self, path: FieldPath, item: Field) -> Ask:
        from tui_cia.survey.types import Special

        shown = self.session.display(path)
        numbering = None
        if item.choices is not None:
            pairs = [(c.value, c.label.get(self.lang)) for c in self.session.choices(path)]
            numbering = Numbering(number_choices(pairs))
            raw = self.session.raw(path)
            if raw is not None and not isinstance(raw, Special):
                shown = numbering.shown(
                    [str(v) for v in raw] if isinstance(raw, list | tuple) else [str(raw)]
                )
        return Ask(
            self.session.label(path),
            self.session.hint(path),
            shown,
            editable=item.editable,
            note=item.type == "note",
            numbering=numbering,
            multiple=item.type == "select_multiple",
            quick=item.type == "select_one"
            and ("quick" in item.appearance or (numbering is not None and numbering.one_digit)),
            complete=complete_when(item.type, item.min, item.max),
            words=tuple(self._typed_words()) if item.type == "text" else (),
        )

    def _typed_words(self) -> list[str]:
        """The words of the record's text answers (names typed once, offered again)."""
        from tui_cia.tui.widgets.suggest import words_of

        texts = []
        for _, item, holder in self.session.walk():
            value = holder.values.get(item.name)
            if isinstance(item, Field) and item.type == "text" and isinstance(value, str):
                texts.append(value)
        return words_of(texts)

    def _position(self, path: FieldPath) -> None:
        stops = self.session.route.stops()
        text = t("entry.position", self.lang, i=self.session.route.index(path) + 1, n=len(stops))
        name = self.session.instance_name() or ""
        status = t(f"status.{self.record.status}", self.lang)
        # A Text, not markup: "[draft]" would otherwise be read as a style tag.
        self.query_one("#position", Label).update(RichText(f"{text}   {name}   [{status}]"))

    def _remember_position(self) -> None:
        """Save the stop shown as the keyer moves, so a killed app reopens the draft here."""
        from tui_cia.storage.drafts import save_position

        where = path_str(self.path) if self.path is not None else None
        if where is None or where == self.saved_at or self._dropped:
            return
        if self.try_write(lambda: save_position(self.store, self.record.uuid, where)):
            self.saved_at = where

    # -- moving ------------------------------------------------------------------------------
    @on(QuestionView.Answered)
    def _answered(self, event: QuestionView.Answered) -> None:
        event.stop()
        self.action_next_field()

    def action_next_field(self) -> None:
        if self.path is None:
            return
        item, _ = self.session.locate(self.path)
        if isinstance(item, Repeat):
            self._enter_roster(self.path)
            return
        then = self._next_of(self.path)
        if isinstance(item, Field) and item.editable and not self._save_typed(then):
            return
        then()

    def _show_next(self, path: FieldPath | None) -> None:
        """Show the next stop that takes an answer: notes and calculated values on the way
        are not stops to press Enter on, but are said on the message line."""
        said: list[str] = []
        while path is not None and self._passive(path):
            value = self.session.display(path)
            label = self.session.label(path)
            said.append(f"{label}: {value}" if value else label)
            path = self.session.route.next(path)
        self.show(path)
        if said:
            self.question.say("   ".join(said), "info")

    def _passive(self, path: FieldPath) -> bool:
        """A stop with nothing to type: a note or a calculated value."""
        item, _ = self.session.locate(path)
        return isinstance(item, Field) and not item.editable

    def action_previous_field(self) -> None:
        if self.path is None:
            stops = self.session.route.stops()
            self.show(stops[-1] if stops else None)
            return
        if self._save_if_changed():
            self.show(self.session.route.previous(self.path) or self.path)

    def action_next_section(self) -> None:
        if self.path is not None and self._save_if_changed():
            self.show(self.session.nav.next_section(self.path) or self.path)

    def action_previous_section(self) -> None:
        if self.path is not None and self._save_if_changed():
            self.show(self.session.nav.previous_section(self.path) or self.path)

    def action_goto_field(self) -> None:
        from tui_cia.tui.screens.modals import PickScreen

        options = []
        for stop in self.session.route.stops():
            item, _ = self.session.locate(stop)
            label = (
                item.label.get(self.lang) if isinstance(item, Repeat) else self.session.label(stop)
            )
            options.append((f"{path_str(stop)}  {label}", stop))
        self.app.push_screen(PickScreen(t("goto.title", self.lang), options), self._jump)

    def _jump(self, path: FieldPath | None) -> None:
        if path is not None:
            self.show(path)

    def action_focus_choices(self) -> None:
        """Down from the answer line: walk the list of choices with the arrow keys."""
        self.question.focus_choices()

    def action_toggle_choice(self) -> None:
        """Space on the list ticks (the list's own key); kept for the key table's help."""
        if self.focused is self.question.choices:
            self.question.choices.action_tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows the roster keys where they work, and F6-F8 where the question
        takes that special answer."""
        if action == "special":
            return self._special_allowed(str(parameters[0]))
        return self.roster_action_allowed(action)

    # -- leaving -----------------------------------------------------------------------------
    def action_leave(self) -> None:
        """Esc: keep the draft (every answer is already saved), or drop a new household
        nothing was typed into; answers still waiting for another program are saved first."""
        from tui_cia.storage.drafts import drop_if_untouched

        if self.wait_then(self.action_leave):
            return
        if self._typed_changed() and not self._save_typed(self.action_leave) and self.waiting:
            return
        dropped = self.created and not self.waiting
        if dropped and self.try_write(lambda: drop_if_untouched(self.store, self.record)):
            dropped = self._dropped
        if not dropped:
            self.try_write(lambda: self.store.checkpoint(self.record))
        self.app.pop_screen()

    def action_finish(self) -> None:
        if self.wait_then(self.action_finish) or not self._save_if_changed():
            return
        from tui_cia.tui.screens.finish import FinishScreen

        self.app.push_screen(FinishScreen(self.record), self._after_finish)

    @property
    def _dropped(self) -> bool:
        return bool(getattr(self.record, "deleted", False))

    def on_unmount(self) -> None:
        if not self._dropped and not self.waiting:  # however the screen goes (also on quit)
            self.try_write(lambda: self.store.checkpoint(self.record))

    def _after_finish(self, result: Any) -> None:
        if result == "completed":
            self.app.pop_screen()
        elif result is not None:
            self.show(result)
