"""An `Input` whose cursor moves by grapheme cluster, so Thai marks stay with their base.

Textual's `Input` counts code points. In Thai, vowels above/below and tone marks
(ุ ู ิ ี ึ ื ั ็ ่ ้ ๊ ๋ ์, Unicode category Mn) attach to the preceding consonant: ผู้ is
three code points but one character on screen. A cursor between ผ and ู is invisible to
the user and typing there corrupts the word, so `ThaiInput` only ever rests on cluster
starts. Leading vowels (เ แ โ ใ ไ) and า ำ are category Lo: characters of their own.
"""

from __future__ import annotations

import re
import unicodedata

from textual.widgets import Input
from textual.widgets.input import Selection

# Zero-width (non-)joiners, zero-width space and the emoji variation selector do not
# stand on their own either; treating them like marks keeps the cursor off them.
_ATTACHING = frozenset("\u200b\u200c\u200d\ufe0f")


def _is_combining(char: str) -> bool:
    """True if `char` attaches to the character before it."""
    return char in _ATTACHING or unicodedata.category(char) in {"Mn", "Me"}


def _is_stop(text: str, pos: int) -> bool:
    return pos <= 0 or pos >= len(text) or not _is_combining(text[pos])


def cluster_starts(text: str) -> list[int]:
    """Every valid cursor position of `text`, ascending, including 0 and len(text)."""
    return [pos for pos in range(len(text) + 1) if _is_stop(text, pos)]


def snap(text: str, pos: int) -> int:
    """Clamp `pos` to the text and move it forward out of any cluster it is inside."""
    pos = max(0, min(pos, len(text)))
    while not _is_stop(text, pos):
        pos += 1
    return pos


def next_stop(text: str, pos: int) -> int:
    """The first valid cursor position after `pos` (len(text) at the end)."""
    return snap(text, max(pos, -1) + 1)


def previous_stop(text: str, pos: int) -> int:
    """The last valid cursor position before `pos` (0 at the start)."""
    pos = min(max(pos, 0), len(text))
    if pos == 0:
        return 0
    pos -= 1
    while not _is_stop(text, pos):
        pos -= 1
    return pos


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
