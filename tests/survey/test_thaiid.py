"""The Thai national id check digit and its messages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_cia.survey.thaiid import (
    normalize_thai_id,
    thai_id_check_digit,
    thai_id_problem,
    thai_id_valid,
)

VALID = ["1101700230708", "3100600123450", "1234567890121"]


@pytest.mark.parametrize("text", VALID)
def test_known_valid_ids(text: str) -> None:
    assert thai_id_valid(text)
    assert thai_id_problem(text) is None
    assert thai_id_check_digit(text[:12]) == int(text[12])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a Thai id has 13 digits; this is empty"),
        ("110170023070", "a Thai id has 13 digits; this has 12"),
        ("11017002307080", "a Thai id has 13 digits; this has 14"),
        ("1101700230705", "the check digit should be 8, not 5"),
        ("0101700230708", "a Thai id does not start with 0"),
        ("1-1017-00230-70-8", "a Thai id has only the digits 0-9; this has '-'"),
        ("110170023070๘", "a Thai id has only the digits 0-9; this has '๘'"),
    ],
)
def test_problems_are_explained(text: str, message: str) -> None:
    assert thai_id_problem(text) == message
    assert not thai_id_valid(text)


def test_normalize_removes_dashes_and_spaces() -> None:
    assert normalize_thai_id(" 1-1017-00230-70-8 ") == "1101700230708"
    assert normalize_thai_id("1 1017 00230 70 8") == "1101700230708"
    assert thai_id_valid(normalize_thai_id("3-1006-00123-45-0"))


def test_check_digit_needs_twelve_digits() -> None:
    with pytest.raises(ValueError, match="expected 12 digits"):
        thai_id_check_digit("12345")


@given(st.from_regex(r"[1-8][0-9]{11}", fullmatch=True), st.integers(1, 9))
def test_one_wrong_check_digit_is_always_caught(first12: str, shift: int) -> None:
    check = thai_id_check_digit(first12)
    assert thai_id_valid(f"{first12}{check}")
    assert not thai_id_valid(f"{first12}{(check + shift) % 10}")
