"""The roster half of the entry screen: the members table, adding, inserting, deleting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on

from tui_cia.survey import FieldPath
from tui_cia.survey.schema import Repeat
from tui_cia.tui.i18n import t
from tui_cia.tui.screens.base import AppScreen
from tui_cia.tui.widgets.question import Ask
from tui_cia.tui.widgets.roster_table import RosterTable

if TYPE_CHECKING:
    from tui_cia.survey import FormSession
    from tui_cia.tui.widgets.question import QuestionView

ROSTER_ACTIONS = ("add_member", "insert_member", "delete_member")


class RosterActions(AppScreen):
    """Members of the record's roster: shown at the roster's stop, added with F3 (inside the
    roster, or on the stop just after it), inserted with F4, deleted with Ctrl+D."""

    session: FormSession
    record: Any
    path: FieldPath | None
    reason: str | None

    @property
    def question(self) -> QuestionView:
        raise NotImplementedError

    def show(self, path: FieldPath | None) -> None:
        raise NotImplementedError

    def _passive(self, path: FieldPath) -> bool:
        raise NotImplementedError

    def try_write(self, write: Callable[[], object]) -> bool:
        raise NotImplementedError

    def _show_roster(self, path: FieldPath, item: Repeat) -> None:
        self.question.show(
            Ask(item.label.get(self.lang), t("entry.roster_hint", self.lang), note=True)
        )
        roster = self.query_one(RosterTable)
        roster.display = True
        count = self.session.instance_count(path)
        roster.show([self.session.instance_label(path, i) for i in range(count)])
        if count:
            roster.focus()  # Enter on a row opens that member (RosterTable.Opened)
        else:
            self.set_focus(None)  # Enter reaches the screen: it adds the first member

    @on(RosterTable.Opened)
    def _member_picked(self, event: RosterTable.Opened) -> None:
        if self.path is not None and len(self.path) == 1:
            self._open_member(self.path, event.index)

    def _roster_path(self) -> FieldPath | None:
        """The repeat this stop belongs to (the stop itself, or the member being filled)."""
        if self.path is None:
            return None
        if len(self.path) == 1:
            item, _ = self.session.locate(self.path)
            return self.path if isinstance(item, Repeat) else None
        return self.path[:-2]

    def _just_after_roster(self) -> FieldPath | None:
        """The roster the route has just left (this stop follows its last member)."""
        if self.path is None or len(self.path) != 1:
            return None
        before = self.session.route.previous(self.path)
        while before is not None and len(before) == 1 and self._passive(before):
            before = self.session.route.previous(before)  # notes and sums passed on the way
        return before[:-2] if before is not None and len(before) > 2 else None

    def roster_action_allowed(self, action: str) -> bool:
        if action not in ROSTER_ACTIONS:
            return True
        inside = self._roster_path()
        if action == "add_member":
            return inside is not None or self._just_after_roster() is not None
        return inside is not None and self.session.instance_count(inside) > 0

    def _member_index(self) -> int:
        if self.path is not None and len(self.path) > 1:
            return int(self.path[-2])
        return self.query_one(RosterTable).cursor_row

    def _enter_roster(self, repeat_path: FieldPath) -> None:
        count = self.session.instance_count(repeat_path)
        if count == 0:
            self.action_add_member()
            return
        index = min(self.query_one(RosterTable).cursor_row, count - 1)
        self._open_member(repeat_path, index)

    def _open_member(self, repeat_path: FieldPath, index: int) -> None:
        member = (*repeat_path, index)
        stops = self.session.route.stops()
        self.show(next((s for s in stops if s[: len(member)] == member), None))

    def action_add_member(self, at: int | None = None) -> None:
        repeat_path = self._roster_path() or self._just_after_roster()
        if repeat_path is None:
            return
        problem = self.session.can_add(repeat_path)
        if problem is not None:
            self.question.say(problem.message(self.lang), "error")
            return
        added: list[int] = []

        def add() -> None:
            added.append(self.store.add_instance(self.record, repeat_path, at, self.reason))

        if self.try_write(add):
            self._open_member(repeat_path, added[0])

    def action_insert_member(self) -> None:
        if self._roster_path() is not None:
            self.action_add_member(at=self._member_index())

    def action_delete_member(self) -> None:
        repeat_path = self._roster_path()
        if repeat_path is None or self.session.instance_count(repeat_path) == 0:
            return
        index = self._member_index()
        name = self.session.instance_label(repeat_path, index)
        from tui_cia.tui.screens.modals import ConfirmScreen

        def answered(yes: bool | None) -> None:
            remove = self.store.remove_instance
            if yes and self.try_write(lambda: remove(self.record, repeat_path, index, self.reason)):
                self.show(repeat_path)

        question = t("confirm.delete_member", self.lang, name=name)
        self.app.push_screen(ConfirmScreen(question), answered)
