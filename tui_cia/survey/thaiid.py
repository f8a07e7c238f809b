"""The Thai 13-digit national id: its check digit and messages for a wrong one."""

from __future__ import annotations

import operator
import re

_DIGITS = re.compile(r"[0-9]+")
_LENGTH = 13
_WEIGHTS = range(_LENGTH, 1, -1)


def normalize_thai_id(text: str) -> str:
    """The id without the spaces and dashes people type between its groups (1-1017-00230-70-8)."""
    if text.isascii() and text.isdigit():
        return text
    return "".join(text.split()).replace("-", "")


def thai_id_check_digit(first12: str) -> int:
    """The 13th digit for these 12: (11 - sum(d_i * (14 - i)) mod 11) mod 10.

    Raise ValueError unless ``first12`` is exactly 12 ASCII digits.
    """
    if len(first12) != _LENGTH - 1 or not _DIGITS.fullmatch(first12):
        raise ValueError(f"expected 12 digits, got {first12!r}")
    return _check_digit(first12)


def thai_id_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a Thai id, for people; None when it is valid.

    ``text`` is taken as it is: call ``normalize_thai_id`` first to allow dashes and spaces.
    """
    if len(text) == _LENGTH and text.isascii() and text.isdigit() and text[0] != "0":
        return _wrong_digit(text, _check_digit(text))
    if not text:
        return "a Thai id has 13 digits; this is empty"
    stray = next((char for char in text if not "0" <= char <= "9"), None)
    if stray is not None:
        return f"a Thai id has only the digits 0-9; this has '{stray}'"
    if len(text) != _LENGTH:
        return f"a Thai id has 13 digits; this has {len(text)}"
    if text[0] == "0":
        return "a Thai id does not start with 0"
    return _wrong_digit(text, thai_id_check_digit(text[:12]))


def _check_digit(digits: str) -> int:
    """The check digit of 12 or more ASCII digits (only the first 12 count), unchecked."""
    total: int = sum(map(operator.mul, map(int, digits[:12]), _WEIGHTS))
    return (11 - total % 11) % 10


def _wrong_digit(text: str, expected: int) -> str | None:
    if int(text[12]) != expected:
        return f"the check digit should be {expected}, not {text[12]}"
    return None


def thai_id_valid(text: str) -> bool:
    """True for exactly 13 ASCII digits, not starting with 0, with the right check digit."""
    return thai_id_problem(text) is None
