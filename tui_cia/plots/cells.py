"""Terminal cell-width helpers: measure, pad and truncate text (Thai-safe: by grapheme
cluster, see survey.graphemes)."""

from __future__ import annotations

from tui_cia.survey.graphemes import ELLIPSIS, clusters, truncate, width

__all__ = ["ELLIPSIS", "clusters", "pad_left", "pad_right", "truncate", "width"]


def pad_right(text: str, cells: int) -> str:
    """Pad ``text`` with spaces on the right to ``cells`` cells; wider text is returned as is."""
    return text + " " * max(0, cells - width(text))


def pad_left(text: str, cells: int) -> str:
    """Pad ``text`` with spaces on the left to ``cells`` cells; wider text is returned as is."""
    return " " * max(0, cells - width(text)) + text
