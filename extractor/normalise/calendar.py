"""Month and weekday names and small calendar arithmetic shared by date code."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS: dict[str, int] = {name.lower()[:3]: i for i, name in enumerate(calendar.month_name) if name}
MONTHS_PATTERN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
WEEKDAYS: dict[str, int] = {name.lower()[:3]: i for i, name in enumerate(calendar.day_name)}
WEEKDAYS_PATTERN = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?"
)


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def week_start(day: dt.date) -> dt.date:
    """Monday of the week holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


def weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """Most recent date with ``weekday`` (0 = Monday) not after ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def month_on_or_before(day: dt.date, month: int) -> tuple[dt.date, dt.date]:
    """Most recent calendar month ``month`` that starts not after ``day``."""
    year = day.year if month <= day.month else day.year - 1
    return dt.date(year, month, 1), month_end(year, month)
