"""Saving on the entry screen: the typed answer checked and saved as the field is left, and,
when another program holds the database, kept on screen as pending and saved from a worker.

A save first waits 50 ms for the lock, on the event loop. When another program (an import, a
bundle) holds it longer, the store raises DatabaseBusy and changes nothing: the answer stays
on screen marked as waiting, the top line says which program is writing, and a worker thread
tries again, with a longer wait, until it goes through; then the screen moves on as the key
pressed asked. Saves still waiting are made in the order given; Esc and F10 wait for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.widgets import Static

from tui_cia.survey import FieldPath
from tui_cia.survey.schema import Field
from tui_cia.tui.i18n import t
from tui_cia.tui.screens.entry_roster import RosterActions

FIRST_WAIT_MS = 50  # on the event loop: never long enough to freeze the screen
RETRY_WAIT_MS = 1000  # in the worker, per try


@dataclass(frozen=True)
class PendingSave:
    """An answer given while another program held the database, to save when it lets go."""

    path: FieldPath
    text: str  # the answer as the form takes it (codes), or the special answer's name
    special: bool
    confirm: bool
    reason: str | None
    then: Callable[[], None] | None  # where the keyer was going once it is saved


class SavingActions(RosterActions):
    """Answers saved through the store, waiting out another program's lock."""

    edit: bool
    pending: tuple[FieldPath, str] | None
    waiting: list[PendingSave]
    after_wait: Callable[[], None] | None

    def _passive(self, path: FieldPath) -> bool:
        raise NotImplementedError

    def _show_next(self, path: FieldPath | None) -> None:
        raise NotImplementedError

    def _typed_changed(self) -> bool:
        return self.path is not None and len(self.path) > 0 and self.question.changed

    def _save_if_changed(self) -> bool:
        return not self._typed_changed() or self._save_typed()

    def _save_typed(self, then: Callable[[], None] | None = None) -> bool:
        """Save what is typed; False when it is refused (with a message), or waits for
        another program (then `then` runs once it is saved)."""
        assert self.path is not None
        question = self.question
        if self.waiting:
            return False  # this answer is still waiting to be saved
        if not question.changed:
            return True
        text = question.resolved()
        if text is None:
            question.say(t("entry.no_choice", self.lang, typed=question.typed.strip()), "error")
            return False
        if self.edit and self.reason is None:
            self._ask_reason()
            return False
        confirm = self.pending == (self.path, text)
        save = PendingSave(self.path, text, False, confirm, self.reason, then)
        result = self._first_try(save)
        return result is not None and self._saved(result, text)

    def _saved(self, result: Any, text: str) -> bool:
        """Show what the store said of an answer; True if it was taken."""
        problem = result.problem.message(self.lang) if result.problem else ""
        if result.needs_confirmation:
            assert self.path is not None
            self.pending = (self.path, text)
            self.question.say(f"{problem}  {t('entry.confirm_warning', self.lang)}", "warning")
            return False
        if not result.ok:
            self.question.say(problem, "error")
        return bool(result.ok)

    def _ask_reason(self) -> None:
        from tui_cia.tui.screens.modals import ReasonScreen

        def got(reason: str | None) -> None:
            if reason:
                self.reason = reason
                self.action_next_field()

        self.app.push_screen(ReasonScreen(), got)

    def action_next_field(self) -> None:
        raise NotImplementedError

    def action_special(self, name: str) -> None:
        if self.path is None or not self._special_allowed(name) or self.waiting:
            return
        if self.edit and self.reason is None:
            self._ask_reason()
            return
        path = self.path
        then = self._next_of(path)
        result = self._first_try(PendingSave(path, name, True, False, self.reason, then))
        if result is not None and self._saved(result, name):
            then()

    def _next_of(self, path: FieldPath) -> Callable[[], None]:
        """Moving on from `path`, worked out when it is time (the answer may change the way)."""
        return lambda: self._show_next(self.session.route.next(path))

    def _special_allowed(self, name: str) -> bool:
        if self.path is None or len(self.path) == 0:
            return False
        item, _ = self.session.locate(self.path)
        return isinstance(item, Field) and item.editable and name in item.special

    # -- another program holds the database ------------------------------------------------
    def _apply(self, save: PendingSave) -> Any:
        if save.special:
            return self.store.set_special(self.record, save.path, save.text, save.reason)
        return self.store.answer(
            self.record, save.path, save.text, confirm=save.confirm, reason=save.reason
        )

    def _first_try(self, save: PendingSave) -> Any:
        """The save, waiting a moment for the lock; None when it now waits in a worker."""
        from tui_cia.storage import DatabaseBusy

        try:
            with self.store.busy_timeout(FIRST_WAIT_MS):
                return self._apply(save)
        except DatabaseBusy as busy:
            self.waiting.append(save)
            self._show_waiting(busy.holder)
            self.run_worker(self._save_waiting, thread=True, exclusive=True, group="save")
            return None

    def _save_waiting(self) -> None:
        """In a worker thread: the waiting saves, in order, each tried until it goes through."""
        from textual.worker import get_current_worker

        from tui_cia.storage import DatabaseBusy

        worker = get_current_worker()
        while self.waiting and not worker.is_cancelled:  # cancelled: the app is closing
            save = self.waiting[0]
            try:
                with self.store.busy_timeout(RETRY_WAIT_MS):
                    result = self._apply(save)
            except DatabaseBusy as busy:
                self.app.call_from_thread(self._show_waiting, busy.holder)
                continue
            self.waiting.pop(0)
            self.app.call_from_thread(self._saved_late, save, result)

    def _show_waiting(self, holder: str | None) -> None:
        """The answer marked as not saved yet, and the top line saying who is writing."""
        notice = self.query_one("#notice", Static)
        key = "entry.waiting_for" if holder else "entry.waiting"
        notice.update(t(key, self.lang, holder=holder or ""))
        notice.display = True
        answer = self.question.answer
        answer.add_class("pending")
        answer.disabled = True  # typed keys would be lost: the screen moves on once saved
        self.question.say(f"{t('entry.pending', self.lang)}: {answer.value}", "warning")

    def _saved_late(self, save: PendingSave, result: Any) -> None:
        """A waiting save went through (or the form refused it): carry on as asked."""
        if not self.waiting:
            self._notice()
            self.question.answer.remove_class("pending")
            self.question.answer.disabled = False
            self.question.answer.focus()
        if self.path == save.path and self._saved(result, save.text) and save.then:
            save.then()
        if not self.waiting and self.after_wait is not None:
            action, self.after_wait = self.after_wait, None
            action()

    def _notice(self) -> None:
        raise NotImplementedError

    def wait_then(self, action: Callable[[], None]) -> bool:
        """Run `action` once the waiting saves are made; True if it has to wait."""
        if not self.waiting:
            return False
        self.after_wait = action
        return True

    def try_write(self, write: Callable[[], Any]) -> bool:
        """A small write (the place, a member added, a snapshot) waiting a moment at most;
        False, with the notice shown, when another program holds the database."""
        from tui_cia.storage import DatabaseBusy

        try:
            with self.store.busy_timeout(FIRST_WAIT_MS):
                write()
        except DatabaseBusy as busy:
            notice = self.query_one("#notice", Static)
            key = "entry.waiting_for" if busy.holder else "entry.waiting"
            notice.update(t(key, self.lang, holder=busy.holder or ""))
            notice.display = True
            return False
        return True
