"""A problem the library reports, said in the language shown: its own Thai where it has one,
the catalogue's (tui_cia.wordings) otherwise, and English as a whole line when neither knows
it, so that no line on screen mixes the two languages."""

from __future__ import annotations

from tui_cia.tui.i18n import t
from tui_cia.wordings import in_lang


def said(problem: object, lang: str) -> tuple[str, str]:
    """(the problem's text, the language it is in)."""
    message = getattr(problem, "message", None)
    if callable(message):
        try:
            text = message(lang)
        except TypeError:  # a message() that takes no language
            text = None
        if isinstance(text, str):
            return text, lang
    text, ok = in_lang(str(problem), lang)
    return text, lang if ok else "en"


def said_text(problem: object, lang: str) -> str:
    """The problem's text alone, in `lang` where it can be."""
    return said(problem, lang)[0]


def t_why(key: str, lang: str, problem: object) -> str:
    """`t(key, lang, why=...)` as one line in one language: the frame follows the problem's
    language (an English problem gets the English frame)."""
    text, in_which = said(problem, lang)
    return t(key, in_which, why=text)


def first_problem(refused: object, lang: str) -> str:
    """The first problem of a refused completion (`CompletionRefused.problems`), where it is
    and what is wrong, in `lang`; the whole refusal when it lists none."""
    problems = getattr(refused, "problems", None)
    if not problems:
        return said_text(refused, lang)
    first = problems[0]
    return f"{first.where}: {first.problem.message(lang)}"
