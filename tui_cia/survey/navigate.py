"""Moving through a record: the visible fields in order, next/previous, sections, jumps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_cia.survey.fieldpath import FieldPath
from tui_cia.survey.schema import Field, Repeat

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession


class Navigator:
    """The enumerator's route through a record, rebuilt only after something changed."""

    def __init__(self, session: FormSession) -> None:
        self.session = session
        self._version = -1
        self._positions: list[FieldPath] = []
        self._index: dict[FieldPath, int] = {}

    def positions(self) -> list[FieldPath]:
        """Every field the enumerator sees now: relevant, shown, repeat instances expanded."""
        if self._version != self.session.version:
            self._positions = [
                path
                for path, item, _ in self.session.walk()
                if isinstance(item, Field) and item.shown
            ]
            self._index = {p: i for i, p in enumerate(self._positions)}
            self._version = self.session.version
        return self._positions

    def first(self) -> FieldPath | None:
        found = self.positions()
        return found[0] if found else None

    def next(self, path: FieldPath) -> FieldPath | None:
        """The field after `path` (None at the end); from a hidden field, the next shown one."""
        found = self.positions()
        index = self._index.get(path)
        if index is None:
            return self._after_hidden(path)
        return found[index + 1] if index + 1 < len(found) else None

    def previous(self, path: FieldPath) -> FieldPath | None:
        found = self.positions()
        index = self._index.get(path)
        if index is None:
            after = self._after_hidden(path)
            index = self._index[after] if after is not None else len(found)
        return found[index - 1] if index > 0 else None

    def _after_hidden(self, path: FieldPath) -> FieldPath | None:
        """For a path that is not shown (no longer relevant), the next shown one in form order."""
        order = [p for p, _, _ in self.session.walk(relevant_only=False)]
        shown = set(self.positions())
        try:
            start = order.index(path)
        except ValueError:
            return self.first()
        return next((p for p in order[start + 1 :] if p in shown), None)

    def section_of(self, path: FieldPath) -> tuple[str | int, ...]:
        """The top-level group, or repeat instance, that a path lies in."""
        first = self.session.form.items[str(path[0])]
        top = first
        for ancestor in first.ancestors():
            if ancestor.parent is not None:
                top = ancestor
        if len(path) > 1:
            return (str(path[0]), path[1])
        return (top.name,)

    def next_section(self, path: FieldPath) -> FieldPath | None:
        """The first field of the next section (PageDown)."""
        here = self.section_of(path)
        found = self.positions()
        start = self._index.get(path, -1)
        return next((p for p in found[start + 1 :] if self.section_of(p) != here), None)

    def previous_section(self, path: FieldPath) -> FieldPath | None:
        """The first field of this section, or of the one before when already there (PageUp)."""
        found = self.positions()
        index = self._index.get(path, 0)
        here = self.section_of(path)
        start = index
        while start > 0 and self.section_of(found[start - 1]) == here:
            start -= 1
        if start < index:
            return found[start]
        if start == 0:
            return None
        before = self.section_of(found[start - 1])
        while start > 0 and self.section_of(found[start - 1]) == before:
            start -= 1
        return found[start]

    def find(self, name: str) -> FieldPath | None:
        """The first shown position of the field `name` (for the go-to-field list)."""
        return next((p for p in self.positions() if p[-1] == name), None)


class Route:
    """The entry screen's route: the fields in order, with a stop at each roster.

    A roster stop (the repeat's own path, e.g. ("members",)) comes before its instances, so
    the enumerator sees the member table there and can add the first member.
    """

    def __init__(self, session: FormSession) -> None:
        self.session = session
        self._version = -1
        self._stops: list[FieldPath] = []
        self._index: dict[FieldPath, int] = {}

    def stops(self) -> list[FieldPath]:
        if self._version != self.session.version:
            self._stops = [
                path
                for path, item, _ in self.session.walk()
                if isinstance(item, Repeat) or (isinstance(item, Field) and item.shown)
            ]
            self._index = {p: i for i, p in enumerate(self._stops)}
            self._version = self.session.version
        return self._stops

    def first(self) -> FieldPath | None:
        found = self.stops()
        return found[0] if found else None

    def index(self, path: FieldPath) -> int:
        self.stops()
        return self._index.get(path, -1)

    def next(self, path: FieldPath) -> FieldPath | None:
        found = self.stops()
        i = self._index.get(path)
        if i is None:
            return self.session.nav.next(path)
        return found[i + 1] if i + 1 < len(found) else None

    def previous(self, path: FieldPath) -> FieldPath | None:
        found = self.stops()
        i = self._index.get(path)
        if i is None:
            return self.session.nav.previous(path)
        return found[i - 1] if i > 0 else None
