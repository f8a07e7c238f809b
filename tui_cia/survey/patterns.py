"""Regular expressions of forms (`pattern:` and `regex()`), held to a time limit.

Patterns run on the `regex` engine, which copes with most of the nested repeats that make
Python's `re` backtrack for ever, and every match has a time limit (PATTERN_SECONDS, tried
twice: the limit is wall-clock time, which a busy machine stretches). A pattern that passes it
is marked slow for the rest of the process and matches nothing
from then on, so a file of thousands of rows costs at most one time-out per pattern. The
linter goes further: it tries each pattern on probe texts made of its own characters
(`xxxx…!`) and refuses one that takes over PATTERN_PROBE_SECONDS (FORM047).
"""

from __future__ import annotations

import functools
from typing import Any

from tui_cia.survey import limits

_slow: set[str] = set()  # patterns that passed the time limit in this process
PROBE_LENGTHS = (12, 40)
TRIES = 2  # a time-out counts only when the match times out this many times running
_PROBE_EXTRA = "a0 ก."


@functools.lru_cache(maxsize=512)
def compiled(source: str) -> Any | None:
    """The compiled pattern, or None when it does not compile (or is over the length limit)."""
    import regex  # only here: forms without patterns never load it

    if len(source) > limits.PATTERN_CHARS:
        return None
    try:
        return regex.compile(source, regex.VERSION0)
    except (regex.error, RecursionError, OverflowError, ValueError):
        return None


def problem(source: str) -> tuple[str, str] | None:
    """The code and message of why a form may not use this pattern: too long (FORM044),
    does not compile (FORM027), too slow (FORM047); None when it may."""
    if len(source) > limits.PATTERN_CHARS:
        return "FORM044", f"is longer than {limits.PATTERN_CHARS:,} characters (limit)"
    import regex

    try:
        regex.compile(source, regex.VERSION0)
    except (regex.error, RecursionError, OverflowError, ValueError) as exc:
        return "FORM027", f"does not compile: {exc}"
    probe = slow_probe(source)
    if probe is not None:
        took = f"{limits.PATTERN_PROBE_SECONDS:g} s"
        return "FORM047", f"takes over {took} to match the text {probe!r}: it backtracks"
    return None


def slow_probe(source: str) -> str | None:
    """A probe text the pattern takes too long to match, or None."""
    pattern = compiled(source)
    if pattern is None:
        return None
    chars = sorted({c for c in source if c.isalnum()} | set(_PROBE_EXTRA))
    for size in PROBE_LENGTHS:
        for char in chars:
            for text in (char * size, char * size + "!"):
                if _times_out(pattern, text, limits.PATTERN_PROBE_SECONDS):
                    return text if len(text) < 20 else text[:16] + "…"
    return None


def _times_out(pattern: Any, text: str, seconds: float) -> bool:
    """True when matching `text` passes `seconds` on each of TRIES tries."""
    for _ in range(TRIES):
        try:
            pattern.fullmatch(text, timeout=seconds)
            return False
        except TimeoutError:
            continue
    return True


def full_match(source: str, text: str) -> bool:
    """Whether the whole text matches; False for a pattern that does not compile or that
    took over PATTERN_SECONDS (then, and from then on, it matches nothing)."""
    if source in _slow:
        return False
    pattern = compiled(source)
    if pattern is None:
        return False
    for _ in range(TRIES):
        try:
            return pattern.fullmatch(text, timeout=limits.PATTERN_SECONDS) is not None
        except TimeoutError:
            continue
    _slow.add(source)
    return False


def is_slow(source: str) -> bool:
    """True once the pattern has passed the time limit in this process."""
    return source in _slow
