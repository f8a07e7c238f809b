"""Text as people see it: grapheme clusters, their width in terminal cells, and cutting to fit.

A grapheme cluster (`regex` `\\X`, Unicode's extended grapheme cluster) is what a reader
takes for one character: a Thai consonant with its vowel and tone marks (ที่), and also
with sara am (น้ำ, กำ: ำ is a spacing mark of the syllable before it, not a letter of its
own). Text is cut, and cursors move, only between clusters, so a mark never loses its base.
Widths are Rich's, the measure Textual draws with: น้ำ takes 2 cells, ที่ takes 1.
"""

from __future__ import annotations

import regex
from rich.cells import cell_len

ELLIPSIS = "…"
_CLUSTER = regex.compile(r"\X")


def clusters(text: str) -> list[str]:
    """`text` split into grapheme clusters."""
    return _CLUSTER.findall(text)


def cluster_starts(text: str) -> list[int]:
    """Every offset (in code points) where a cluster starts, with 0 and len(text)."""
    starts = [match.start() for match in _CLUSTER.finditer(text)]
    return [*starts, len(text)] if starts else [0]


def width(text: str) -> int:
    """How many terminal cells `text` takes."""
    return cell_len(text)


def head(text: str, cells: int) -> str:
    """The longest run of whole clusters from the start of `text` that fits in `cells`."""
    kept: list[str] = []
    used = 0
    for cluster in clusters(text):
        size = cell_len(cluster)
        if used + size > cells:
            break
        kept.append(cluster)
        used += size
    return "".join(kept)


def truncate(text: str, cells: int, ellipsis: str = ELLIPSIS) -> str:
    """`text` cut to at most `cells` cells by whole clusters, ending with `…` where cut.

    When a budget of two cells or more holds no whole cluster beside the ellipsis but does
    hold one alone (`น้ำท่วมขัง` in 2 cells: น้ำ is 2 cells wide), the start of the word is
    kept without it: "น้ำ" tells the reader more than a lone "…"."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    kept = head(text, cells - cell_len(ellipsis)).rstrip()
    if kept or cells <= cell_len(ellipsis):
        return kept + ellipsis
    return head(text, cells) or ellipsis


def wrap(text: str, cells: int) -> list[str]:
    """`text` in lines of at most `cells` cells: broken at spaces where it can, else between
    clusters (Thai writes no spaces between words), never inside one."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, max(cells, 1)))
    return lines


def _wrap_paragraph(text: str, cells: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in regex.split(r"(?<= )", text):
        if cell_len(line + word.rstrip()) <= cells:
            line += word
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = word
        while cell_len(line.rstrip()) > cells:
            part = head(line, cells) or clusters(line)[0]
            lines.append(part)
            line = line[len(part) :]
    lines.append(line.rstrip())
    return lines
