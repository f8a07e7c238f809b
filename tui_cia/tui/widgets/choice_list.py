"""The choices of a select: each with the number that picks it, ticked in one place, found by
its name; what is shown before a choice is what is typed, the stored value stays its code."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

SHORT = 3  # codes of at most this many digits are typed as they are
# A label that starts with its own number: "4. สิทธิ…", "(4) สหกรณ์", "หมู่ 4 บ้าน…", "Moo 4 …"
_OWN_NUMBER = re.compile(r"\s*(?:(\d+)[.)]\s+|\((\d+)\)\s*|(?:หมู่(?:ที่)?|Moo)\s*(\d+)\b)")
_VILLAGE = re.compile(r"\s*(?:หมู่|Moo)")


@dataclass(frozen=True)
class Numbered:
    """One choice as shown: the number typed to pick it, its code and what is written."""

    number: str
    code: str
    text: str  # the label, without a leading number that would repeat `number`

    def prompt(self, width: int) -> str:
        if _VILLAGE.match(self.text):
            return self.text  # "หมู่ 4 บ้าน…": the number is already in front of the name
        return f"{self.number:>{width}}  {self.text}"


def _own_number(label: str) -> str | None:
    found = _OWN_NUMBER.match(label)
    return next((g for g in found.groups() if g), None) if found else None


def _without_number(label: str, number: str) -> str:
    """The label without a leading "N." or "(N)" equal to `number`; village names whole."""
    if _VILLAGE.match(label) or _own_number(label) != number:
        return label
    return _OWN_NUMBER.sub("", label, count=1)


def number_choices(choices: Sequence[tuple[str, str]]) -> list[Numbered]:
    """Numbers for (code, label) pairs: the codes themselves when every code is a short
    number ("03" shown as 3), else the labels' own leading numbers when each has a distinct
    one (หมู่ 4, "4. …"), else 1..n."""
    codes = [code for code, _ in choices]
    numbers = [str(i) for i in range(1, len(choices) + 1)]
    own = [_own_number(label) for _, label in choices]
    if codes and all(c.isdigit() and len(c) <= SHORT for c in codes):
        as_typed = [str(int(c)) for c in codes]
        if len(set(as_typed)) == len(as_typed):
            numbers = as_typed
    elif codes and all(own) and len(set(own)) == len(own):
        numbers = [str(int(n)) for n in own if n]
    return [
        Numbered(n, c, _without_number(label, n))
        for n, (c, label) in zip(numbers, choices, strict=True)
    ]


class Numbering:
    """Typed text to codes and back, for one list of numbered choices."""

    def __init__(self, numbered: Sequence[Numbered]) -> None:
        self.items = list(numbered)
        self.by_number = {n.number: n.code for n in self.items}
        self.number_of = {n.code: n.number for n in self.items}
        self.folded = [n.text.casefold() for n in self.items]

    @property
    def one_digit(self) -> bool:
        """Every number is one digit: a typed digit is always complete (as a field of length
        one in CSPro), so the question can move on at once."""
        return bool(self.items) and all(len(n.number) == 1 for n in self.items)

    def code(self, typed: str) -> str | None:
        """The code a typed number (or the code itself) picks; None if none."""
        typed = typed.strip()
        if typed in self.by_number:
            return self.by_number[typed]
        if typed in self.number_of:
            return typed
        if typed.isdigit():
            return self.by_number.get(str(int(typed)))
        return None

    def codes(self, typed: str) -> list[str] | None:
        """The codes of numbers typed apart by spaces (or commas), in the order typed; None
        if one of them picks nothing."""
        found: list[str] = []
        for part in typed.replace(",", " ").split():
            code = self.code(part)
            if code is None:
                return None
            if code not in found:
                found.append(code)
        return found

    def complete(self, typed: str) -> bool:
        """Whether `typed` picks a choice and could not grow into another's number."""
        typed = typed.strip()
        if self.code(typed) is None:
            return False
        return not any(n != typed and n.startswith(typed) for n in self.by_number)

    def shown(self, codes: Sequence[str]) -> str:
        """The numbers of stored codes, as typed (an unknown code as it is)."""
        return " ".join(self.number_of.get(c, c) for c in codes)

    def find(self, typed: str) -> int | None:
        """The first choice whose text starts with `typed`, else contains it (by name)."""
        wanted = typed.strip().casefold()
        if not wanted:
            return None
        for match in (str.startswith, str.__contains__):
            for index, text in enumerate(self.folded):
                if match(text, wanted):
                    return index
        return None


class ChoiceList(OptionList):
    """The numbered choices of the question shown; Space ticks (select_multiple) and Enter
    accepts: the one highlighted, or the ticked set (the highlighted one if none is)."""

    BINDINGS = [Binding("space", "tick", show=False)]

    class Ticked(Message):
        """The ticked codes changed by Space (in the order ticked)."""

        def __init__(self, codes: list[str]) -> None:
            super().__init__()
            self.codes = codes

    class Chosen(Message):
        """Enter on the list: these codes are the answer."""

        def __init__(self, codes: list[str]) -> None:
            super().__init__()
            self.codes = codes

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.numbering = Numbering([])
        self.multiple = False
        self.ticked: list[str] = []

    def show(self, numbering: Numbering, *, multiple: bool, ticked: Collection[str]) -> None:
        """Put these choices in the list, with `ticked` ticked (select_multiple)."""
        self.numbering, self.multiple = numbering, multiple
        self.ticked = [c for c in ticked if c in numbering.number_of] if multiple else []
        self.clear_options()
        self.add_options([Option(self._prompt(n)) for n in numbering.items])
        self.highlighted = 0 if numbering.items else None

    def _prompt(self, item: Numbered) -> Text:
        width = max((len(n.number) for n in self.numbering.items), default=1)
        text = item.prompt(width)
        if self.multiple:
            text = ("[x] " if item.code in self.ticked else "[ ] ") + text
        return Text(text)  # a Text: labels such as "[x]" are not markup

    def tick(self, codes: Sequence[str]) -> None:
        """Show these codes ticked (from what was typed)."""
        if self.multiple and list(codes) != self.ticked:
            self.ticked = [c for c in codes if c in self.numbering.number_of]
            self._redraw()

    def _redraw(self) -> None:
        for index, item in enumerate(self.numbering.items):
            self.replace_option_prompt_at_index(index, self._prompt(item))

    def action_tick(self) -> None:
        """Space: tick or untick the highlighted choice (select_multiple only)."""
        if not self.multiple or self.highlighted is None:
            return
        code = self.numbering.items[self.highlighted].code
        self.ticked = (
            [c for c in self.ticked if c != code]
            if code in self.ticked
            else [
                *self.ticked,
                code,
            ]
        )
        self._redraw()
        self.post_message(self.Ticked(list(self.ticked)))

    def action_select(self) -> None:
        """Enter: the answer is the highlighted choice, or (select_multiple) the ticked set;
        never a toggle, so what Space ticked stays ticked."""
        if self.highlighted is None:
            return
        highlighted = self.numbering.items[self.highlighted].code
        if self.multiple and self.ticked:
            self.post_message(self.Chosen(list(self.ticked)))
        else:
            self.post_message(self.Chosen([highlighted]))

    def highlighted_code(self) -> str | None:
        if self.highlighted is None or not self.numbering.items:
            return None
        return self.numbering.items[self.highlighted].code
