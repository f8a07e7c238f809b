"""An `Input` whose cursor moves by grapheme cluster, so Thai marks stay with their base.

Textual's `Input` counts code points. In Thai, vowels above/below and tone marks
(ุ ู ิ ี ึ ื ั ็ ่ ้ ๊ ๋ ์) attach to the preceding consonant, and so does sara am (ำ): ผู้ is
three code points and น้ำ three, but each is one character to the reader. A cursor inside
one is invisible and typing there corrupts the word, so `ThaiInput` only ever rests on the
starts of grapheme clusters (`regex` `\\X`, see survey.graphemes). Leading vowels
(เ แ โ ใ ไ) and า are characters of their own.
"""

from __future__ import annotations

import bisect
import re

from textual.widgets import Input
from textual.widgets.input import Selection

from tui_cia.survey import graphemes

# A zero-width space stands alone in Unicode's clusters, but it is invisible: a cursor
# before or after it looks the same, so it stays with the character before it (as joiners
# and variation selectors already do).
_ATTACHING = frozenset("\u200b\u200c\u200d\ufe0f")


def cluster_starts(text: str) -> list[int]:
    """Every valid cursor position of `text`, ascending, including 0 and len(text)."""
    return [
        pos
        for pos in graphemes.cluster_starts(text)
        if pos in (0, len(text)) or text[pos] not in _ATTACHING
    ]


def snap(text: str, pos: int) -> int:
    """Clamp `pos` to the text and move it forward out of any cluster it is inside."""
    starts = cluster_starts(text)
    return starts[bisect.bisect_left(starts, max(0, min(pos, len(text))))]


def next_stop(text: str, pos: int) -> int:
    """The first valid cursor position after `pos` (len(text) at the end)."""
    starts = cluster_starts(text)
    return starts[min(bisect.bisect_right(starts, pos), len(starts) - 1)]


def previous_stop(text: str, pos: int) -> int:
    """The last valid cursor position before `pos` (0 at the start)."""
    starts = cluster_starts(text)
    return starts[max(bisect.bisect_left(starts, min(pos, len(text))) - 1, 0)]


class ThaiInput(Input):
    """An `Input` that moves and deletes forward by whole characters (grapheme clusters)."""

    # Input's word start is "a word character after a non-word one"; Thai marks are \W, so
    # บ้าน would split into บ้|าน. Count marks as part of the word; Thai words are then the
    # space-separated runs that field staff think of as words.
    _WORD_START = re.compile(r"(?<=[^\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200b-\u200d\ufe0f])\w")

    def validate_selection(self, selection: Selection) -> Selection:
        # Every cursor change (actions, mouse clicks, value changes, programmatic assignment
        # of `cursor_position` or `selection`) goes through this validator, so snapping here
        # guarantees the cursor never rests inside a cluster.
        start, end = super().validate_selection(selection)
        return Selection(snap(self.value, start), snap(self.value, end))

    def action_cursor_left(self, select: bool = False) -> None:
        """Move the cursor (or the selection's end) one character left."""
        start, end = self.selection
        if select:
            self.selection = Selection(start, previous_stop(self.value, end))
        elif self.selection.is_empty:
            self.cursor_position = previous_stop(self.value, end)
        else:
            self.cursor_position = min(start, end)

    def action_cursor_right(self, select: bool = False) -> None:
        """Move the cursor (or the selection's end) one character right."""
        start, end = self.selection
        if select:
            self.selection = Selection(start, next_stop(self.value, end))
        elif self.cursor_at_end or not self.selection.is_empty:
            # At the end the parent accepts a suggestion; with a selection it collapses it.
            super().action_cursor_right()
        else:
            self.cursor_position = next_stop(self.value, end)

    def action_delete_right(self) -> None:
        """Delete the whole character after the cursor, marks included."""
        if self.selection.is_empty:
            self.delete(self.cursor_position, next_stop(self.value, self.cursor_position))
        else:
            self.delete_selection()

    def action_delete_left(self) -> None:
        """Delete one code point before the cursor: a mistyped tone mark, not the syllable."""
        # Thai typists fix a wrong tone mark or vowel with one Backspace and retype it, so
        # Backspace stays per code point; only the resulting cursor is snapped.
        super().action_delete_left()
        self.cursor_position = snap(self.value, self.cursor_position)
