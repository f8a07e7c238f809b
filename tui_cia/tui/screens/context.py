"""The work context dialog: who is keying, the round and its survey period, the area worked.

One line per answer; Enter checks it and moves on, and Enter on the last keeps them all. The
tambon and the village are found as they are typed (a name, a code, a village's number) in a
short list under them, picked with the arrows. `context_ask.ask_context` opens it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_cia.storage.settings import WorkContext
from tui_cia.tui.i18n import t
from tui_cia.tui.screens.context_areas import Area, AreaLists
from tui_cia.tui.widgets.thai_input import ThaiInput

FIELDS = ("keyer", "round", "start", "end", "tambon", "village")
ROUNDS = (2500, 2700)  # a round is a Buddhist-Era year; the form may narrow it


class ContextScreen(ModalScreen[WorkContext | None]):
    """Asks the work context; dismissed with it, or None when Esc leaves it as it was."""

    DEFAULT_CSS = """
    #context-dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ContextScreen .context-row { height: 1; }
    ContextScreen .context-row Label { width: 28; }
    ContextScreen .context-row ThaiInput { width: 1fr; }
    ContextScreen .context-row ThaiInput:focus { background: $boost; text-style: bold; }
    ContextScreen #context-list { height: 6; border: none; padding: 0; }
    ContextScreen #context-list > .option-list--option-highlighted {
        background: $accent 60%;
        text-style: bold;
    }
    ContextScreen #context-message { height: auto; color: $warning; }
    """
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("f2", "app.toggle_language", show=False),  # a modal stops the app's own keys
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(
        self, context: WorkContext | None, form: Any, today: dt.date, *, first: bool = False
    ) -> None:
        super().__init__()
        self.context = context
        self.form = form
        self.today = today
        self.first = first
        self.tambon = ""  # the codes picked
        self.village = ""
        self.shown: list[Area] = []  # the matches listed for the area line in focus
        self.areas: AreaLists | None = None

    @property
    def lang(self) -> str:
        return str(self.app.lang)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        lang = self.lang
        self.areas = AreaLists(self.form, lang)
        with Vertical(id="context-dialog"):
            yield Label(t("context.title", lang), id="context-title", classes="title")
            if self.first:
                yield Static(t("context.first", lang), id="context-first", classes="muted")
            for name in FIELDS:
                if name in ("tambon", "village") and not self.areas.usable:
                    continue
                with Horizontal(classes="context-row"):
                    yield Label(t(f"context.{name}", lang), id=f"context-label-{name}")
                    yield ThaiInput(
                        compact=True,
                        id=f"context-{name}",
                        select_on_focus=False,
                        max_length=100 if name == "keyer" else 0,
                    )
            list_ = OptionList(id="context-list")
            list_.can_focus = False
            list_.display = False
            yield list_
            yield Static("", id="context-message")
            yield Static(t("context.hint", lang), id="context-hint", classes="muted")

    def refresh_language(self) -> None:
        """F2: the texts in the other language; what is typed and picked stays."""
        lang = self.lang
        for widget_id, key in (("title", "title"), ("first", "first"), ("hint", "hint")):
            for found in self.query(f"#context-{widget_id}").results(Static):
                found.update(t(f"context.{key}", lang))
        for name in FIELDS:
            for label in self.query(f"#context-label-{name}").results(Label):
                label.update(t(f"context.{name}", lang))
        self.areas = AreaLists(self.form, lang)
        for name in ("tambon", "village"):
            if self.query(f"#context-{name}"):
                picked = self.tambon if name == "tambon" else self.village
                shown = self.areas.tambon_label if name == "tambon" else self.areas.village_label
                if picked:
                    self.field(name).value = shown(picked)
        self._list_for(self._focused_name())

    def on_mount(self) -> None:
        self._fill(self.context)
        self.field("keyer").focus()

    def field(self, name: str) -> ThaiInput:
        return self.query_one(f"#context-{name}", ThaiInput)

    def _fill(self, context: WorkContext | None) -> None:
        """The answers kept, else a round from the form and its whole year as the period."""
        from tui_cia.survey.dates import format_date

        round_ = context.round if context and context.round else self._default_round()
        start, end = (context.start, context.end) if context else (None, None)
        if start is None or end is None:
            start, end = year_of(round_)
        self.field("keyer").value = context.keyer if context else ""
        self.field("round").value = str(round_)
        self.field("start").value = format_date(start)
        self.field("end").value = format_date(end)
        area = context.area if context else ""
        if self.areas is not None and self.areas.usable and area:
            self.village = area if len(area) > 6 else ""
            self.tambon = area[:6] if self.village else area
            self.field("tambon").value = self.areas.tambon_label(self.tambon)
            if self.village:
                self.field("village").value = self.areas.village_label(self.village)

    def _default_round(self) -> int:
        """The form's own default round (the BMN form's 2565), else this year's."""
        name = getattr(getattr(self.form, "settings", None), "round", None)
        default = self.form.field(name).default if name and self.form is not None else None
        return int(default) if isinstance(default, int) else self.today.year + 543

    # -- moving on -----------------------------------------------------------------------------
    def on_input_submitted(self, event: ThaiInput.Submitted) -> None:
        event.stop()
        name = (event.input.id or "").removeprefix("context-")
        if name in ("tambon", "village"):
            self._pick(name)
        problem = self.check(name)
        self._say(problem or "")
        if problem:
            return
        following = self._next(name)
        if following is None:
            self.finish()
        else:
            self.field(following).focus()

    def _next(self, name: str) -> str | None:
        if name == "tambon" and not self.tambon:
            return None  # no area: nothing more to ask
        names = [n for n in FIELDS if self.query(f"#context-{n}")]
        index = names.index(name) + 1
        return names[index] if index < len(names) else None

    def finish(self) -> None:
        """Every answer checked again (Tab may have skipped one); the context if all pass."""
        for name in FIELDS[:4]:
            problem = self.check(name)
            if problem:
                self._say(problem)
                self.field(name).focus()
                return
        start, end = self.period()
        area = self.village or self.tambon
        keyer = self.field("keyer").value.strip()
        self.dismiss(WorkContext(keyer, int(self.field("round").value), start, end, area))

    def action_cancel(self) -> None:
        self.dismiss(None)

    # -- checks --------------------------------------------------------------------------------
    def check(self, name: str) -> str | None:
        """Why the answer of `name` cannot be kept (None when it can)."""
        lang = self.lang
        value = self.field(name).value.strip() if self.query(f"#context-{name}") else ""
        if name == "keyer" and len(value) < 2:
            return t("context.need_keyer", lang)
        if name == "round":
            lo, hi = self._round_bounds()
            if not (value.isdigit() and lo <= int(value) <= hi):
                return t("context.bad_round", lang, lo=lo, hi=hi)
            self._follow_round(int(value))
        if name in ("start", "end"):
            return self._check_date(name)
        if name == "tambon" and value and not self.tambon:
            return t("context.no_match", lang)
        return None

    def _round_bounds(self) -> tuple[int, int]:
        name = getattr(getattr(self.form, "settings", None), "round", None)
        item = self.form.field(name) if name else None
        lo = int(item.min) if item is not None and item.min is not None else ROUNDS[0]
        hi = int(item.max) if item is not None and item.max is not None else ROUNDS[1]
        return lo, hi

    def _follow_round(self, round_: int) -> None:
        """A new round moves a period that was the old round's whole year to the new one."""
        try:
            start, end = self.period()
        except ValueError:
            return
        if (start, end) != year_of(start.year + 543) or start.year + 543 == round_:
            return
        from tui_cia.survey.dates import format_date

        start, end = year_of(round_)
        self.field("start").value, self.field("end").value = format_date(start), format_date(end)

    def period(self) -> tuple[dt.date, dt.date]:
        from tui_cia.survey.dates import parse_date

        return parse_date(self.field("start").value), parse_date(self.field("end").value)

    def _check_date(self, name: str) -> str | None:
        from tui_cia.survey.dates import parse_date

        try:
            parse_date(self.field(name).value)
        except ValueError:
            return t("context.bad_date", self.lang)
        if name == "start" or not self.field("round").value.strip().isdigit():
            return None
        round_ = int(self.field("round").value)
        start, end = self.period()
        years = {start.year + 543, end.year + 543}
        if start > end or not years <= {round_ - 1, round_}:
            return t("context.bad_period", self.lang, before=round_ - 1, round=round_)
        return None

    # -- the area lines ------------------------------------------------------------------------
    def on_descendant_focus(self) -> None:
        self._list_for(self._focused_name())

    def _focused_name(self) -> str:
        focused = self.focused
        return (focused.id or "").removeprefix("context-") if focused is not None else ""

    def on_input_changed(self, event: ThaiInput.Changed) -> None:
        name = (event.input.id or "").removeprefix("context-")
        if name in ("tambon", "village") and event.input.has_focus:
            self._list_for(name)

    def _list_for(self, name: str) -> None:
        """List the matches of what the area line in focus holds (nothing for other lines)."""
        list_ = self.query_one("#context-list", OptionList)
        if name not in ("tambon", "village") or self.areas is None:
            list_.display = False
            return
        typed, areas = self.field(name).value, self.areas
        if name == "tambon":
            kept = Area(self.tambon, areas.tambon_label(self.tambon)) if self.tambon else None
            picked = kept is not None and typed == kept.label
            found = areas.tambons("" if picked else typed)
        else:
            kept = Area(self.village, areas.village_label(self.village)) if self.village else None
            picked = kept is not None and typed == kept.label
            found = [Area("", t("context.all_villages", self.lang))]
            found += areas.villages(self.tambon, "" if picked else typed)
        if picked and kept is not None:  # the answer kept, first: Enter keeps it
            found = [kept, *(area for area in found if area.code != kept.code)]
        self.shown = found
        list_.set_options([Option(Text(area.label, no_wrap=True)) for area in found])
        list_.display = True
        # What is typed picks its first match (not "every village", listed first).
        typed_village = name == "village" and typed.strip() and not picked and len(found) > 1
        list_.highlighted = 1 if typed_village else 0 if found else None

    def action_move(self, step: int) -> None:
        list_ = self.query_one("#context-list", OptionList)
        if list_.display and self.shown:
            now = list_.highlighted or 0
            list_.highlighted = max(0, min(len(self.shown) - 1, now + step))

    def _pick(self, name: str) -> None:
        """Enter on an area line takes the highlighted match (a blank tambon: no area)."""
        list_ = self.query_one("#context-list", OptionList)
        typed = self.field(name).value.strip()
        index = list_.highlighted
        found = self.shown[index] if index is not None and index < len(self.shown) else None
        if name == "tambon" and (not typed or found is None):
            self.tambon, self.village = "", ""
            self.field(name).value = typed if found is None else ""
            return
        if name == "village" and found is None:
            return
        assert found is not None and self.areas is not None
        if name == "tambon":
            if found.code != self.tambon:
                self.village = ""
                self.field("village").value = ""
            self.tambon = found.code
        else:
            self.village = found.code
        self.field(name).value = found.label if found.code else ""

    def _say(self, text: str) -> None:
        self.query_one("#context-message", Static).update(text)


def year_of(round_: int) -> tuple[dt.date, dt.date]:
    """The whole Buddhist-Era year of a round, as a survey period."""
    return dt.date(round_ - 543, 1, 1), dt.date(round_ - 543, 12, 31)
