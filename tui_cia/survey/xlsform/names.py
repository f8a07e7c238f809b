"""XLSForm names (capitals, hyphens, dots) to tui-cia names ([a-z][a-z0-9_]*), and languages."""

from __future__ import annotations

import re

_KNOWN_LANGUAGES = {
    "thai": "th",
    "english": "en",
    "lao": "lo",
    "burmese": "my",
    "khmer": "km",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "chinese": "zh",
}


def tui_name(raw: str, taken: set[str], digits_ok: bool = False) -> str:
    """A valid tui-cia name for `raw`, different from every name in `taken` (then added)."""
    if digits_ok and re.fullmatch(r"\d+", raw):
        name = raw
    else:
        name = re.sub(r"[^a-z0-9]+", "_", raw.lower()).strip("_") or "x"
        if not name[0].isalpha():
            name = f"x_{name}"
    unique, n = name, 2
    while unique in taken:
        unique, n = f"{name}_{n}", n + 1
    taken.add(unique)
    return unique


def language_code(column_language: str) -> str:
    """`Thai (th)` -> th, `English` -> en, anything else a name made from it."""
    found = re.search(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$", column_language)
    if found:
        return found.group(1).lower().replace("-", "_")
    word = column_language.strip().lower()
    return _KNOWN_LANGUAGES.get(word) or tui_name(word, set())
