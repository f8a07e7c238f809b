"""Dates as people type them (dd/mm/yyyy, Buddhist Era by default) and as they are stored (ISO)."""

from __future__ import annotations

import calendar as gregorian
import datetime
import re
from collections.abc import Sequence
from typing import Any

#: Buddhist Era year = Gregorian year + 543.
BE_OFFSET = 543
CALENDARS = ("buddhist", "gregorian")

_TYPED_DATE = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# People often type Thai digits; they are read like 0-9.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_EXAMPLES = {"buddhist": "15/08/2566", "gregorian": "15/08/2023"}


def _year_offset(calendar: str) -> int:
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar '{calendar}': use 'buddhist' or 'gregorian'")
    return BE_OFFSET if calendar == "buddhist" else 0


def parse_date(text: str, calendar: str = "buddhist") -> datetime.date:
    """Read ``dd/mm/yyyy`` (or ``d/m/yyyy``, with ``-`` or ``.`` too) in the given calendar.

    Raise ValueError with a message for people: a wrong shape, a year that looks like it is in
    the other calendar (below 2400 when Buddhist, above 2400 when Gregorian), a month or a day
    that does not exist ("31/02/2565 is not a date: February 2565 has 28 days").
    """
    offset = _year_offset(calendar)
    typed = text.strip()
    match = _TYPED_DATE.fullmatch(typed.translate(_THAI_DIGITS))
    if match is None:
        raise ValueError(f"type the date as dd/mm/yyyy, e.g. {_EXAMPLES[calendar]}")
    day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    _check_calendar(year, calendar)
    gregorian_year = year - offset
    if gregorian_year < datetime.MINYEAR:
        raise ValueError(f"{typed} is not a date: the year {year} is too early")
    _check_day(typed, day, month, year, gregorian_year)
    return datetime.date(gregorian_year, month, day)


def _check_calendar(year: int, calendar: str) -> None:
    if calendar == "buddhist" and year < 2400:
        raise ValueError(
            f"the year {year} looks Gregorian; type the Buddhist year, e.g. {year + BE_OFFSET}"
        )
    if calendar == "gregorian" and year > 2400:
        raise ValueError(
            f"the year {year} looks Buddhist; type the Gregorian year, e.g. {year - BE_OFFSET}"
        )


def _check_day(typed: str, day: int, month: int, year: int, gregorian_year: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"{typed} is not a date: there is no month {month}")
    days_in_month = gregorian.monthrange(gregorian_year, month)[1]
    if not 1 <= day <= days_in_month:
        month_name = gregorian.month_name[month]
        raise ValueError(f"{typed} is not a date: {month_name} {year} has {days_in_month} days")


def format_date(day: datetime.date, calendar: str = "buddhist") -> str:
    """``dd/mm/yyyy`` in the given calendar."""
    return f"{day.day:02d}/{day.month:02d}/{day.year + _year_offset(calendar)}"


def to_iso(day: datetime.date) -> str:
    """The stored form, ``YYYY-MM-DD`` Gregorian."""
    return day.isoformat()


def from_iso(text: str) -> datetime.date:
    """Read a stored ``YYYY-MM-DD`` date; raise ValueError with a message otherwise."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(text)  # the common case; messages come below
    except ValueError:
        pass
    year, month, day = (int(part) for part in text.split("-"))
    if year < datetime.MINYEAR:
        raise ValueError(f"{text} is not a date: there is no year 0")
    _check_day(text, day, month, year, year)
    return datetime.date(year, month, day)


def column_from_iso(values: Sequence[Any]) -> list[datetime.date | None] | None:
    """Stored dates (None for a blank) read at once, as `from_iso` reads each; None when
    some value is not a date in the form YYYY-MM-DD (read those one by one, for the
    message)."""
    given = [value for value in values if value is not None]
    if not set(map(type, given)) <= {str} or not all(map(_ISO_DATE.fullmatch, given)):
        return None
    try:
        return [value and datetime.date.fromisoformat(value) for value in values]
    except ValueError:
        return None


def as_date(value: object) -> datetime.date | None:
    """A date, or a text in the form YYYY-MM-DD read as one; None for anything else."""
    if type(value) is datetime.date:
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def be_year(day: datetime.date) -> int:
    """The Buddhist Era year of a date."""
    return day.year + BE_OFFSET


MONTHS = {
    "th": "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.".split(),
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
}


def be_date(day: datetime.date, lang: str) -> str:
    """`8 ธ.ค. 2569` (`8 Dec 2569` in English: every date shown to people is in พ.ศ.)."""
    months = MONTHS["th" if lang == "th" else "en"]
    return f"{day.day} {months[day.month - 1]} {be_year(day)}"


def be_time(at: str | None, lang: str, tz: datetime.tzinfo | None = None) -> str:
    """A stored UTC time (ISO 8601) as `8 ธ.ค. 2569 07:26`, in local time (or in `tz`);
    "-" when there is none, and a text that is not a time as it is stored."""
    if not at:
        return "-"
    try:
        moment = datetime.datetime.fromisoformat(at)
    except ValueError:
        return at  # not a time tui-cia wrote: shown as stored rather than hidden
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    moment = moment.astimezone(tz)
    return f"{be_date(moment.date(), lang)} {moment:%H:%M}"


def whole_years(birth: datetime.date, on: datetime.date) -> int:
    """Completed years from ``birth`` to ``on`` (an age).

    A birthday not yet reached in the year of ``on`` counts one less; a 29 February birthday
    is reached on 1 March in a year without 29 February.
    """
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def whole_months(birth: datetime.date, on: datetime.date) -> int:
    """Completed months from ``birth`` to ``on``.

    As with ``whole_years``, a day of the month that the month of ``on`` lacks (31 January to
    28 February) is reached on the 1st of the next month.
    """
    months = (on.year - birth.year) * 12 + on.month - birth.month
    if on.day < birth.day:
        months -= 1
    return months
