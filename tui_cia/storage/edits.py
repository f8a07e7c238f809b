"""Changing records: answers, special answers, roster instances, status, deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui_cia.storage.history import id_path
from tui_cia.storage.store import STATUSES, CompletionRefused, Op, OpenRecord, StoreCore
from tui_cia.storage.undo import all_or_nothing
from tui_cia.survey.fieldpath import path_str

if TYPE_CHECKING:
    from tui_cia.survey import AnswerResult, FieldPath


class Editing(StoreCore):
    """Every change the entry and review screens make, each saved before it returns.

    Each is all or nothing: when its save fails (DatabaseBusy: another program holds the
    lock), the record and its session are left as they were, and the same call can be made
    again."""

    def answer(
        self,
        rec: OpenRecord,
        path: FieldPath,
        text: str,
        *,
        confirm: bool = False,
        reason: str | None = None,
    ) -> AnswerResult:
        """Typed text as the answer: checked, then saved with its history (or refused)."""
        parsed = rec.session.check(path, text)
        if not parsed.ok:
            return parsed
        return self.set_value(rec, path, parsed.value, confirm=confirm, reason=reason)

    def set_value(
        self,
        rec: OpenRecord,
        path: FieldPath,
        value: Any,
        *,
        confirm: bool = False,
        reason: str | None = None,
        force: bool = False,
    ) -> AnswerResult:
        """A value as the answer: checked, then saved with its history (or refused).

        With `force` the change is written even when the value is the same: resolving a sync
        conflict in favour of the value shown is still a decision to record."""
        with all_or_nothing(rec):
            old = rec.session.raw(path)
            result = rec.session.set_value(path, value, confirm=confirm)
            if result.ok:
                self._saved_answer(rec, path, old, reason, force)
        return result

    def set_special(
        self, rec: OpenRecord, path: FieldPath, name: str, reason: str | None = None
    ) -> AnswerResult:
        """Don't know, refused or not applicable, where the field allows it."""
        from tui_cia.survey.types import Special

        return self.set_value(rec, path, Special(name), reason=reason)

    def clear(self, rec: OpenRecord, path: FieldPath, reason: str | None = None) -> AnswerResult:
        return self.set_value(rec, path, None, reason=reason)

    def _saved_answer(
        self, rec: OpenRecord, path: FieldPath, old: Any, reason: str | None, force: bool = False
    ) -> None:
        from tui_cia.survey.types import to_json

        new = rec.session.raw(path)
        if type(old) is type(new) and old == new and not force:
            return
        ops = [
            Op(
                "set",
                id_path(rec.session, path),
                path_str(path),
                to_json(old),
                to_json(new),
                reason,
            )
        ]
        recheck = rec.session.may_affect_completion(str(path[-1]), new is None)
        ops += self._status_after_edit(rec, reason, recheck)
        self.commit(rec, ops)

    def _status_after_edit(
        self, rec: OpenRecord, reason: str | None, recheck: bool = True
    ) -> list[Op]:
        """An edited verified record needs verifying again; a complete one that no longer
        passes every check goes back to draft (checked only when the edit could matter)."""
        before = rec.status
        if before == "verified":
            rec.status = "complete"
        if rec.status == "complete" and recheck and rec.session.completion_problems():
            rec.status = "draft"
        if before == rec.status:
            return []
        return [Op("status", old=before, new=rec.status, reason=reason)]

    # -- roster instances --------------------------------------------------------------------
    def add_instance(
        self,
        rec: OpenRecord,
        repeat_path: FieldPath,
        at: int | None = None,
        reason: str | None = None,
    ) -> int:
        with all_or_nothing(rec):
            index = rec.session.add_instance(repeat_path, at)
            data = _instance_data(rec, repeat_path, index)
            path = (*repeat_path, index)
            op = Op(
                "add",
                id_path(rec.session, path),
                path_str(path),
                None,
                {"index": index, "data": data},
                reason,
            )
            self.commit(rec, [op, *self._status_after_edit(rec, reason)])
        return index

    def remove_instance(
        self, rec: OpenRecord, repeat_path: FieldPath, index: int, reason: str | None = None
    ) -> None:
        path = (*repeat_path, index)
        where = id_path(rec.session, path)
        data = _instance_data(rec, repeat_path, index)
        with all_or_nothing(rec):
            rec.session.remove_instance(repeat_path, index)
            op = Op("remove", where, path_str(path), {"index": index, "data": data}, None, reason)
            self.commit(rec, [op, *self._status_after_edit(rec, reason)])

    def move_instance(
        self,
        rec: OpenRecord,
        repeat_path: FieldPath,
        index: int,
        to: int,
        reason: str | None = None,
    ) -> None:
        path = (*repeat_path, index)
        where = id_path(rec.session, path)
        with all_or_nothing(rec):
            rec.session.move_instance(repeat_path, index, to)
            self.commit(rec, [Op("move", where, path_str(path), index, to, reason)])

    # -- status ------------------------------------------------------------------------------
    def complete(self, rec: OpenRecord) -> None:
        """Mark complete, or raise CompletionRefused listing every problem."""
        problems = rec.session.completion_problems()
        if problems:
            raise CompletionRefused(problems)
        self._set_status(rec, "complete")

    def verify(self, rec: OpenRecord, reason: str | None = None) -> None:
        if rec.status == "draft":
            self.complete(rec)
        self._set_status(rec, "verified", reason)

    def reopen(self, rec: OpenRecord, reason: str | None = None) -> None:
        self._set_status(rec, "draft", reason)

    def _set_status(self, rec: OpenRecord, status: str, reason: str | None = None) -> None:
        assert status in STATUSES
        if status != rec.status:
            with all_or_nothing(rec):
                before, rec.status = rec.status, status
                self.commit(rec, [Op("status", old=before, new=status, reason=reason)])

    def delete(self, rec: OpenRecord, reason: str | None = None) -> None:
        """A tombstone: the record stays, marked deleted, and travels to other laptops."""
        if not rec.deleted:
            with all_or_nothing(rec):
                rec.deleted = True
                self.commit(rec, [Op("delete", old=False, new=True, reason=reason)])

    def restore(self, rec: OpenRecord, reason: str | None = None) -> None:
        if rec.deleted:
            with all_or_nothing(rec):
                rec.deleted = False
                self.commit(rec, [Op("restore", old=True, new=False, reason=reason)])


def _instance_data(rec: OpenRecord, repeat_path: FieldPath, index: int) -> dict[str, Any]:
    """One instance's answers, with its id, as section-8 data."""
    from tui_cia.survey.recorddata import to_data

    data = to_data(rec.session, ids=True)
    node: Any = data
    items = list(repeat_path)
    while len(items) > 1:
        node = node[str(items[0])][int(items[1])]
        items = items[2:]
    return dict(node[str(items[0])][index])
