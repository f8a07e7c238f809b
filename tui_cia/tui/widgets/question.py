"""One question on the entry screen: its label, hint, answer line, numbered choices and a
message line. The screen gives it what to show; it tells the screen when an answer is given."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static

from tui_cia.tui.widgets.choice_list import ChoiceList, Numbering
from tui_cia.tui.widgets.suggest import WordSuggester
from tui_cia.tui.widgets.thai_input import ThaiInput


@dataclass(frozen=True)
class Ask:
    """What a question shows: `shown` is the stored answer as it would be typed."""

    label: str
    hint: str = ""
    shown: str = ""
    editable: bool = True
    note: bool = False
    numbering: Numbering | None = None  # the choices of a select
    multiple: bool = False
    quick: bool = False  # a complete number moves on at once
    complete: Callable[[str], bool] | None = None  # typed text that cannot grow: move on
    words: tuple[str, ...] = ()  # words typed elsewhere in the record, offered as completions


_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")


def complete_when(kind: str, low: float | None, high: float | None) -> Callable[[str], bool] | None:
    """When an answer of this type is full, as a field of fixed length in CSPro: a Thai id at
    13 digits, a date once its year has 4 digits, a whole number that one more digit would
    take past its maximum. None: only Enter says the answer is done."""
    if kind == "thai_id":
        return lambda typed: sum(c.isdigit() for c in typed) == 13
    if kind == "date":
        return lambda typed: _DATE.fullmatch(typed) is not None
    if kind == "integer" and high is not None and (low or 0) >= 0:
        top = high
        return lambda typed: typed.isdigit() and (typed == "0" or int(typed) * 10 > top)
    return None


class QuestionView(Vertical):
    """Label, hint, answer line, choices and message of the stop shown."""

    class Answered(Message):
        """Enter (on the answer line or the list), or a complete number of a quick select."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.ask = Ask("")

    def compose(self) -> ComposeResult:
        yield Label("", id="field-label")
        yield Static("", id="field-hint")
        yield ThaiInput(id="answer")
        yield ChoiceList(id="choices")
        yield Static("", id="message")

    @property
    def answer(self) -> ThaiInput:
        return self.query_one("#answer", ThaiInput)

    @property
    def choices(self) -> ChoiceList:
        return self.query_one("#choices", ChoiceList)

    # -- state down --------------------------------------------------------------------------
    def show(self, ask: Ask) -> None:
        """Show a question (or, with no answer line, a heading: a note, a roster, the end)."""
        self.ask = ask
        self.query_one("#field-label", Label).update(ask.label)
        hint = self.query_one("#field-hint", Static)
        hint.update(ask.hint)
        hint.display = bool(ask.hint)
        answer, choices = self.answer, self.choices
        answer.display = not ask.note
        answer.disabled = not ask.editable
        answer.suggester = WordSuggester(ask.words) if ask.words else None
        answer.value = ask.shown
        answer.cursor_position = len(answer.value)
        choices.display = ask.numbering is not None
        if ask.numbering is not None:
            ticked = ask.numbering.codes(ask.shown) or [] if ask.multiple else []
            choices.show(ask.numbering, multiple=ask.multiple, ticked=ticked)
            if not ask.multiple and (code := ask.numbering.code(ask.shown)) is not None:
                choices.highlighted = list(ask.numbering.by_number.values()).index(code)

    def say(self, text: str, kind: str = "") -> None:
        """The message line: an error, a warning, an info, or nothing."""
        message = self.query_one("#message", Static)
        if str(message.render()) != text:
            message.update(text)
        if set(message.classes) != ({kind} if kind else set()):
            message.set_classes(kind)

    @property
    def typed(self) -> str:
        return self.answer.value

    @property
    def changed(self) -> bool:
        return self.ask.editable and self.typed.strip() != self.ask.shown.strip()

    def resolved(self) -> str | None:
        """What was typed, as the form takes it: codes for numbers (a name found in the list
        for its highlighted choice); None when a number typed is not in the list."""
        numbering, typed = self.ask.numbering, self.typed.strip()
        if numbering is None or not typed:
            return self.typed
        if self.ask.multiple:
            codes = numbering.codes(typed)
            return None if codes is None else " ".join(codes)
        code = numbering.code(typed)
        if code is None and not typed.isdigit() and numbering.find(typed) is not None:
            code = self.choices.highlighted_code()
        return code

    def focus_choices(self) -> None:
        choices = self.choices
        if choices.display and choices.option_count:
            choices.focus()

    # -- messages up -------------------------------------------------------------------------
    @on(ThaiInput.Submitted, "#answer")
    def _submitted(self, event: ThaiInput.Submitted) -> None:
        event.stop()
        self.post_message(self.Answered())

    @on(ThaiInput.Changed, "#answer")
    def _typed(self, event: ThaiInput.Changed) -> None:
        """Numbers tick (select_multiple) or pick, a name finds; a quick select moves on once
        its number is complete."""
        event.stop()
        numbering, typed = self.ask.numbering, event.value.strip()
        if event.value != self.answer.value or typed == self.ask.shown.strip():
            return  # a change already overwritten (the next stop shown), or nothing typed
        if self.ask.complete is not None and self.ask.complete(typed):
            self.post_message(self.Answered())  # the field is full: on to the next
            return
        if numbering is None:
            return
        if self.ask.multiple:
            self.choices.tick(numbering.codes(typed) or [])
            return
        code = numbering.code(typed)
        index = numbering.find(typed) if code is None and not typed.isdigit() else None
        if code is not None:
            index = list(numbering.by_number.values()).index(code)
        if index is not None:
            self.choices.highlighted = index
        if self.ask.quick and numbering.complete(typed):
            self.post_message(self.Answered())

    @on(ChoiceList.Ticked)
    def _ticked(self, event: ChoiceList.Ticked) -> None:
        event.stop()
        if self.ask.numbering is not None:
            self.answer.value = self.ask.numbering.shown(event.codes)

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        if self.ask.numbering is not None and self.ask.editable:
            self.answer.value = self.ask.numbering.shown(event.codes)
            self.post_message(self.Answered())
