"""A refused import as `records import` prints it: the count, then each row's problem, in
the language of the run (a problem whose wording has no Thai is one English line)."""

from __future__ import annotations

import re
from typing import Any

from tui_cia.cli.messages import form_wordings, in_lang, say

SHOWN = 200  # problems printed; the rest counted
ROW = re.compile(r"(?P<file>.+) row (?P<number>\d+)\Z")


def where_in(where: str, lang: str) -> str:
    """`FILE row N` (CSV) in Thai as `FILE แถว N`; `FILE:LINE` as it is."""
    match = ROW.match(where)
    if lang != "th" or match is None:
        return where
    return f"{match['file']} แถว {match['number']}"


def problem_line(problem: Any, lang: str, known: tuple[tuple[str, str], ...]) -> str:
    """One problem: `WHERE: FIELD: message`."""
    message, ok = in_lang(problem.message, lang, known)
    shown = lang if ok else "en"
    field = f"{problem.field}: " if problem.field else ""
    return f"{where_in(problem.where, shown)}: {field}{message}"


def refused_lines(problems: list[Any], form: Any, lang: str) -> list[str]:
    """The lines of a refused import, the count first."""
    known = form_wordings(form) if lang == "th" else ()
    lines = [say("error", lang, text=say("refused", lang, count=len(problems)))]
    lines += [problem_line(p, lang, known) for p in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(say("more", lang, count=len(problems) - SHOWN))
    return lines
