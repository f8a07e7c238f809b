"""Terminal cell-width helpers: measure, pad and truncate text (Thai-safe)."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

ELLIPSIS = "…"
_COMBINING = frozenset({"Mn", "Me"})


def width(text: str) -> int:
    """Return how many terminal cells ``text`` takes (Thai combining marks take 0)."""
    return cell_len(text)


def clusters(text: str) -> list[str]:
    """Split ``text`` into base characters, each with its following combining marks (Mn/Me).

    A combining mark at the very start forms a cluster of its own (of width 0).
    """
    out: list[str] = []
    for char in text:
        if out and unicodedata.category(char) in _COMBINING:
            out[-1] += char
        else:
            out.append(char)
    return out


def pad_right(text: str, cells: int) -> str:
    """Pad ``text`` with spaces on the right to ``cells`` cells; wider text is returned as is."""
    return text + " " * max(0, cells - width(text))


def pad_left(text: str, cells: int) -> str:
    """Pad ``text`` with spaces on the left to ``cells`` cells; wider text is returned as is."""
    return " " * max(0, cells - width(text)) + text


def truncate(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` cells, ending with ``…`` when cut.

    Never splits a character from its combining marks, nor a wide character in two.
    """
    if width(text) <= cells:
        return text
    if cells <= 0:
        return ""
    kept: list[str] = []
    used = 0
    for cluster in clusters(text):
        size = width(cluster)
        if used + size > cells - 1:
            break
        kept.append(cluster)
        used += size
    return "".join(kept) + ELLIPSIS
