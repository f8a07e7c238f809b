"""Buddhist-Era dates as typed and shown, and ISO dates as stored."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_cia.survey.dates import (
    as_date,
    be_year,
    column_from_iso,
    format_date,
    from_iso,
    parse_date,
    to_iso,
    whole_months,
    whole_years,
)


@pytest.mark.parametrize(
    ("text", "calendar", "expected"),
    [
        ("15/08/2566", "buddhist", datetime.date(2023, 8, 15)),
        ("5/8/2566", "buddhist", datetime.date(2023, 8, 5)),
        ("05-08-2566", "buddhist", datetime.date(2023, 8, 5)),
        ("05.08.2566", "buddhist", datetime.date(2023, 8, 5)),
        (" 29/02/2567 ", "buddhist", datetime.date(2024, 2, 29)),
        ("๑๕/๐๘/๒๕๖๖", "buddhist", datetime.date(2023, 8, 15)),
        ("15/08/2023", "gregorian", datetime.date(2023, 8, 15)),
    ],
)
def test_parse_date(text: str, calendar: str, expected: datetime.date) -> None:
    assert parse_date(text, calendar) == expected


@pytest.mark.parametrize(
    ("text", "calendar", "message"),
    [
        ("31/02/2565", "buddhist", "31/02/2565 is not a date: February 2565 has 28 days"),
        ("30/02/2567", "buddhist", "30/02/2567 is not a date: February 2567 has 29 days"),
        ("31/04/2566", "buddhist", "31/04/2566 is not a date: April 2566 has 30 days"),
        ("00/01/2566", "buddhist", "00/01/2566 is not a date: January 2566 has 31 days"),
        ("01/13/2566", "buddhist", "01/13/2566 is not a date: there is no month 13"),
        (
            "15/08/1990",
            "buddhist",
            "the year 1990 looks Gregorian; type the Buddhist year, e.g. 2533",
        ),
        (
            "15/08/2566",
            "gregorian",
            "the year 2566 looks Buddhist; type the Gregorian year, e.g. 2023",
        ),
        ("15/08/66", "buddhist", "type the date as dd/mm/yyyy, e.g. 15/08/2566"),
        ("2023-08-15", "gregorian", "type the date as dd/mm/yyyy, e.g. 15/08/2023"),
        ("15/08-2566", "buddhist", "type the date as dd/mm/yyyy"),
        ("", "buddhist", "type the date as dd/mm/yyyy"),
        ("01/01/0000", "gregorian", "01/01/0000 is not a date: the year 0 is too early"),
        ("15/08/2566", "julian", "unknown calendar 'julian'"),
    ],
)
def test_parse_date_explains_mistakes(text: str, calendar: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text, calendar)
    assert str(caught.value).startswith(message)


def test_format_date_and_be_year() -> None:
    day = datetime.date(2023, 8, 5)
    assert format_date(day) == "05/08/2566"
    assert format_date(day, "gregorian") == "05/08/2023"
    assert be_year(day) == 2566


def test_iso() -> None:
    assert to_iso(datetime.date(2023, 8, 5)) == "2023-08-05"
    assert from_iso("2024-02-29") == datetime.date(2024, 2, 29)
    for text, message in [
        ("2023-02-29", "2023-02-29 is not a date: February 2023 has 28 days"),
        ("2023-13-01", "there is no month 13"),
        ("20230801", "'20230801' is not a date in the form YYYY-MM-DD"),
        ("0000-01-01", "there is no year 0"),
    ]:
        with pytest.raises(ValueError, match=message):
            from_iso(text)


def test_as_date_is_lenient() -> None:
    assert as_date("2023-08-05") == datetime.date(2023, 8, 5)
    assert as_date(datetime.date(2023, 8, 5)) == datetime.date(2023, 8, 5)
    for value in ("2023-02-30", "20230805", None, 5, "05/08/2566"):
        assert as_date(value) is None


@pytest.mark.parametrize(
    ("birth", "on", "years", "months"),
    [
        ("2000-06-15", "2024-06-15", 24, 288),
        ("2000-06-16", "2024-06-15", 23, 287),
        ("2000-02-29", "2023-02-28", 22, 275),
        ("2000-02-29", "2023-03-01", 23, 276),
        ("2024-01-31", "2024-02-29", 0, 0),
        ("2024-01-31", "2024-03-01", 0, 1),
    ],
)
def test_whole_years_and_months(birth: str, on: str, years: int, months: int) -> None:
    start, end = from_iso(birth), from_iso(on)
    assert whole_years(start, end) == years
    assert whole_months(start, end) == months


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2400, 12, 31)), st.booleans())
def test_typed_dates_round_trip(day: datetime.date, buddhist: bool) -> None:
    calendar = "buddhist" if buddhist else "gregorian"
    assert parse_date(format_date(day, calendar), calendar) == day
    assert from_iso(to_iso(day)) == day


def test_a_column_of_stored_dates_is_read_at_once_or_left_to_each() -> None:
    read = column_from_iso(["2021-01-10", None, "2020-02-29"])
    assert read == [datetime.date(2021, 1, 10), None, datetime.date(2020, 2, 29)]
    for odd in ["2021-02-30", "2021-1-10", "20210110", "", 20210110, "๒๕๖๔-01-10"]:
        assert column_from_iso(["2021-01-10", odd]) is None, odd
