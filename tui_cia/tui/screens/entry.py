"""Entry: one field at a time, keyboard only, every answer saved as the field is left."""

from __future__ import annotations

from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_cia.survey import FieldPath, FormSession, path_str
from tui_cia.survey.schema import Field, Repeat
from tui_cia.tui.i18n import t
from tui_cia.tui.keys import bindings
from tui_cia.tui.localize import localize_bindings
from tui_cia.tui.screens.base import AppScreen, footer
from tui_cia.tui.widgets.thai_input import ThaiInput


class EntryScreen(AppScreen):
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

    def compose(self) -> ComposeResult:
        yield Label("", id="position")
        with Vertical():
            yield Label("", id="field-label")
            yield Static("", id="field-hint")
            yield ThaiInput(id="answer")
            yield OptionList(id="choices")
            yield DataTable(id="roster", cursor_type="row")
            yield Static("", id="message")
        yield footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.session.lang = self.lang
        self.query_one("#roster", DataTable).add_columns("#", "")
        self.show(self._resume_point())

    def refresh_language(self) -> None:
        self.session.lang = self.lang
        if self.path is not None:
            self.show(self.path)

    # -- where to start ----------------------------------------------------------------------
    def _resume_point(self) -> FieldPath | None:
        """The field asked for (`at`), else where the enumerator stopped last time, else the
        first unanswered field."""
        from tui_cia.storage.settings import get_setting

        saved = get_setting(self.store.conn, f"position:{self.record.uuid}")
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
        answer = self.query_one("#answer", ThaiInput)
        choices = self.query_one("#choices", OptionList)
        roster = self.query_one("#roster", DataTable)
        self._message("", "")
        if path is None:
            self._set_labels(t("entry.end", self.lang), "")
            for widget in (answer, choices, roster):
                widget.display = False
            return
        item, _ = self.session.locate(path)
        self._position(path)
        if isinstance(item, Repeat):
            self._show_roster(path, item)
            return
        assert isinstance(item, Field)
        self._set_labels(self.session.label(path), self.session.hint(path))
        roster.display = False
        self._show_choices(path, item)
        answer.display = item.type != "note"
        answer.disabled = not item.editable
        answer.value = self.session.display(path)
        answer.cursor_position = len(answer.value)
        if not item.editable and item.type != "note":
            self._message(t("entry.calculated", self.lang), "info")
        answer.focus() if item.editable else self.focus()

    def _set_labels(self, label: str, hint: str) -> None:
        self.query_one("#field-label", Label).update(label)
        self.query_one("#field-hint", Static).update(hint)

    def _position(self, path: FieldPath) -> None:
        stops = self.session.route.stops()
        text = t("entry.position", self.lang, i=self.session.route.index(path) + 1, n=len(stops))
        name = self.session.instance_name() or ""
        status = t(f"status.{self.record.status}", self.lang)
        # A Text, not markup: "[draft]" would otherwise be read as a style tag.
        self.query_one("#position", Label).update(RichText(f"{text}   {name}   [{status}]"))

    def _show_choices(self, path: FieldPath, item: Field) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        if item.choices is None:
            choices.display = False
            return
        options = [
            Option(f"{c.value:>3}  {c.label.get(self.lang)}", id=c.value)
            for c in self.session.choices(path)
        ]
        choices.add_options(options)
        choices.display = True

    def _show_roster(self, path: FieldPath, item: Repeat) -> None:
        self._set_labels(item.label.get(self.lang), t("entry.roster_hint", self.lang))
        self.query_one("#answer", ThaiInput).display = False
        self.query_one("#choices", OptionList).display = False
        roster = self.query_one("#roster", DataTable)
        roster.display = True
        roster.clear()
        count = self.session.instance_count(path)
        for i in range(count):
            roster.add_row(str(i + 1), self.session.instance_label(path, i))
        if count:
            roster.focus()  # Enter on a row opens that member (on_data_table_row_selected)
        else:
            self.set_focus(None)  # Enter reaches the screen: it adds the first member

    @on(DataTable.RowSelected, "#roster")
    def _member_picked(self, event: DataTable.RowSelected) -> None:
        if self.path is not None and len(self.path) == 1:
            self._open_member(self.path, event.cursor_row)

    def _message(self, text: str, kind: str) -> None:
        message = self.query_one("#message", Static)
        if str(message.render()) != text:
            message.update(text)
        if kind not in message.classes or len(message.classes) != (1 if kind else 0):
            message.set_classes(kind)

    # -- moving ------------------------------------------------------------------------------
    def action_next_field(self) -> None:
        if self.path is None:
            return
        item, _ = self.session.locate(self.path)
        if isinstance(item, Repeat):
            self._enter_roster(self.path)
            return
        if isinstance(item, Field) and item.editable and not self._save_typed():
            return
        self.show(self.session.route.next(self.path))

    def action_previous_field(self) -> None:
        if self.path is None:
            stops = self.session.route.stops()
            self.show(stops[-1] if stops else None)
            return
        if self._typed_changed() and not self._save_typed():
            return
        self.show(self.session.route.previous(self.path) or self.path)

    def action_next_section(self) -> None:
        if self.path is not None and self._save_if_changed():
            target = self.session.nav.next_section(self.path)
            self.show(target or self.path)

    def action_previous_section(self) -> None:
        if self.path is not None and self._save_if_changed():
            target = self.session.nav.previous_section(self.path)
            self.show(target or self.path)

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

    # -- saving ------------------------------------------------------------------------------
    def _typed_changed(self) -> bool:
        if self.path is None or len(self.path) == 0:
            return False
        item, _ = self.session.locate(self.path)
        if not isinstance(item, Field) or not item.editable:
            return False
        return self.query_one("#answer", ThaiInput).value.strip() != self.session.display(self.path)

    def _save_if_changed(self) -> bool:
        return not self._typed_changed() or self._save_typed()

    def _save_typed(self) -> bool:
        """Save what is typed; False (and a message) when the form refuses it."""
        assert self.path is not None
        text = self.query_one("#answer", ThaiInput).value
        if text.strip() == self.session.display(self.path):
            return True
        if self.edit and self.reason is None:
            self._ask_reason()
            return False
        confirm = self.pending == (self.path, text)
        result = self.store.answer(
            self.record, self.path, text, confirm=confirm, reason=self.reason
        )
        if result.needs_confirmation:
            self.pending = (self.path, text)
            problem = result.problem.message(self.lang) if result.problem else ""
            self._message(f"{problem}  {t('entry.confirm_warning', self.lang)}", "warning")
            return False
        if not result.ok:
            self._message(result.problem.message(self.lang) if result.problem else "", "error")
            return False
        return True

    def _ask_reason(self) -> None:
        from tui_cia.tui.screens.modals import ReasonScreen

        def got(reason: str | None) -> None:
            if reason:
                self.reason = reason
                self.action_next_field()

        self.app.push_screen(ReasonScreen(), got)

    def action_special(self, name: str) -> None:
        if self.path is None or len(self.path) == 0:
            return
        item, _ = self.session.locate(self.path)
        if not isinstance(item, Field) or not item.editable:
            return
        if self.edit and self.reason is None:
            self._ask_reason()
            return
        result = self.store.set_special(self.record, self.path, name, self.reason)
        if not result.ok:
            self._message(result.problem.message(self.lang) if result.problem else "", "error")
            return
        self.show(self.session.route.next(self.path))

    # -- selects -----------------------------------------------------------------------------
    @on(ThaiInput.Changed, "#answer")
    def _quick_choice(self, event: ThaiInput.Changed) -> None:
        """Digits pick codes; with `appearance: quick`, a complete code moves on at once."""
        if self.path is None:
            return
        item, _ = self.session.locate(self.path)
        if (
            not isinstance(item, Field)
            or item.type != "select_one"
            or "quick" not in item.appearance
        ):
            return
        typed = event.value.strip()
        if typed == self.session.display(self.path):
            return  # the screen showed the stored answer: not typing, so do not move on
        codes = [c.value for c in self.session.choices(self.path)]
        if typed in codes and not any(c != typed and c.startswith(typed) for c in codes):
            self.action_next_field()

    def action_focus_choices(self) -> None:
        """Down from the answer line: walk the list of choices with the arrow keys."""
        choices = self.query_one("#choices", OptionList)
        if choices.display and choices.option_count:
            choices.focus()
            if choices.highlighted is None:
                choices.highlighted = 0

    def action_toggle_choice(self) -> None:
        """Space on the choice list of a select_multiple: add or remove the highlighted code."""
        choices = self.query_one("#choices", OptionList)
        if self.path is None or self.focused is not choices or choices.highlighted is None:
            if isinstance(self.focused, ThaiInput):
                self.focused.insert_text_at_cursor(" ")  # a space typed in an answer
            return
        item, _ = self.session.locate(self.path)
        code = choices.get_option_at_index(choices.highlighted).id
        if not isinstance(item, Field) or item.type != "select_multiple" or code is None:
            return
        answer = self.query_one("#answer", ThaiInput)
        codes = answer.value.split()
        codes = [c for c in codes if c != code] if code in codes else [*codes, code]
        answer.value = " ".join(codes)

    @on(ThaiInput.Submitted, "#answer")
    def _submitted(self, event: ThaiInput.Submitted) -> None:
        event.stop()
        self.action_next_field()

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        """Enter on a listed choice: set (select_one) or toggle (select_multiple) it."""
        if self.path is None or event.option.id is None:
            return
        item, _ = self.session.locate(self.path)
        answer = self.query_one("#answer", ThaiInput)
        code = event.option.id
        if isinstance(item, Field) and item.type == "select_multiple":
            codes = answer.value.split()
            codes = [c for c in codes if c != code] if code in codes else [*codes, code]
            answer.value = " ".join(codes)
            return
        answer.value = code
        self.action_next_field()

    # -- the roster --------------------------------------------------------------------------
    def _roster_path(self) -> FieldPath | None:
        """The repeat this stop belongs to (the stop itself, or the member being filled)."""
        if self.path is None:
            return None
        if len(self.path) == 1:
            item, _ = self.session.locate(self.path)
            return self.path if isinstance(item, Repeat) else None
        return self.path[:-2]

    def _member_index(self) -> int:
        if self.path is not None and len(self.path) > 1:
            return int(self.path[-2])
        return self.query_one("#roster", DataTable).cursor_row

    def _enter_roster(self, repeat_path: FieldPath) -> None:
        count = self.session.instance_count(repeat_path)
        if count == 0:
            self.action_add_member()
            return
        index = min(self.query_one("#roster", DataTable).cursor_row, count - 1)
        self._open_member(repeat_path, index)

    def _open_member(self, repeat_path: FieldPath, index: int) -> None:
        member = (*repeat_path, index)
        stops = self.session.route.stops()
        first = next((s for s in stops if s[: len(member)] == member), None)
        self.show(first)

    def action_add_member(self, at: int | None = None) -> None:
        repeat_path = self._roster_path() or self._first_roster()
        if repeat_path is None:
            return
        problem = self.session.can_add(repeat_path)
        if problem is not None:
            self._message(problem.message(self.lang), "error")
            return
        index = self.store.add_instance(self.record, repeat_path, at, self.reason)
        self._open_member(repeat_path, index)

    def action_insert_member(self) -> None:
        self.action_add_member(at=self._member_index())

    def _first_roster(self) -> FieldPath | None:
        for stop in self.session.route.stops():
            if len(stop) == 1 and isinstance(self.session.locate(stop)[0], Repeat):
                return stop
        return None

    def action_delete_member(self) -> None:
        repeat_path = self._roster_path()
        if repeat_path is None or self.session.instance_count(repeat_path) == 0:
            return
        index = self._member_index()
        name = self.session.instance_label(repeat_path, index)
        from tui_cia.tui.screens.modals import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.store.remove_instance(self.record, repeat_path, index, self.reason)
                self.show(repeat_path)

        question = t("confirm.delete_member", self.lang, name=name)
        self.app.push_screen(ConfirmScreen(question), answered)

    # -- leaving -----------------------------------------------------------------------------
    def action_leave(self) -> None:
        """Esc: keep the draft (every answer is already saved) and remember the place."""
        if self._typed_changed():
            self._save_typed()
        self._remember_position()
        self.store.checkpoint(self.record)
        self.app.pop_screen()

    def _remember_position(self) -> None:
        from tui_cia.storage.db import transaction
        from tui_cia.storage.settings import set_setting

        if self.path is not None:
            with transaction(self.store.conn):
                set_setting(self.store.conn, f"position:{self.record.uuid}", path_str(self.path))

    def action_finish(self) -> None:
        if not self._save_if_changed():
            return
        from tui_cia.tui.screens.finish import FinishScreen

        self.app.push_screen(FinishScreen(self.record), self._after_finish)

    def on_unmount(self) -> None:
        self.store.checkpoint(self.record)  # however the screen goes (also on quit)

    def _after_finish(self, result: Any) -> None:
        if result == "completed":
            self.app.pop_screen()
        elif result is not None:
            self.show(result)
