"""Rules that read one date expression against a publication date.

Each rule takes the cleaned, lowercased expression and the publication date
(or None) and returns ``(start, end, precision)`` or None when it does not
apply. Conventions (see docs/normalisation.md):

* a bare weekday is the most recent such day *not after* publication, so
  "Thursday" in an article published on a Thursday is that same day; "last
  Thursday" is strictly before publication, "next Thursday" strictly after;
* "last week" is the Monday-Sunday week before the publication week;
  "earlier this week" runs from this week's Monday to publication (days);
* a bare month ("in November") is the most recent such month that starts not
  after publication; "last September" is strictly before the publication month;
* "overnight" is the day before publication to publication (days); "the past
  24 hours" likewise (48 hours: two days before publication to publication);
* "from 20 to 26 May" is those days (days), the year as for "26 May";
* "the weekend" is the most recent Saturday and the Sunday after it (days);
* "the night of Saturday to Sunday" (as the date words of other languages
  translate "dans la nuit de samedi à dimanche", "в ночь с субботы на
  воскресенье") runs from the first day to the second, the second the most
  recent such day not after publication (days); "the night to Sunday" ("in
  der Nacht zu Sonntag") is the day before that Sunday to that Sunday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from extractor.models import DatePrecision as P
from extractor.normalise.calendar import (
    MONTHS,
    MONTHS_PATTERN,
    WEEKDAYS,
    WEEKDAYS_PATTERN,
    month_end,
    month_on_or_before,
    week_start,
    weekday_on_or_before,
)
from extractor.normalise.numbers import UNITS

Span = tuple[dt.date, dt.date, P]
Rule = Callable[[str, dt.date | None], Span | None]

DAY = dt.timedelta(days=1)
_SMALL = {w: v for w, v in UNITS.items() if 1 <= v <= 12 and w != "dozen"} | {"a": 1, "an": 1}
_COUNT = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _SMALL[text]


def _shift(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return day - n * DAY
    if unit == "week":
        return day - 7 * n * DAY
    months = day.year * 12 + day.month - 1 - (n if unit == "month" else 12 * n)
    year, month = divmod(months, 12)
    return min(dt.date(year, month + 1, 1) + (day.day - 1) * DAY, month_end(year, month + 1))


def span_of(day: dt.date, unit: str) -> Span:
    """The calendar unit (day, week, month, year) holding ``day``."""
    if unit == "week":
        return week_start(day), week_start(day) + 6 * DAY, P.week
    if unit == "month":
        return day.replace(day=1), month_end(day.year, day.month), P.month
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), P.year
    return day, day, P.day


def _today(s: str, pub: dt.date | None) -> Span | None:
    if pub is None:
        return None
    if re.fullmatch(r"(earlier |later )?(today|tonight|this (morning|afternoon|evening))", s):
        return pub, pub, P.day
    if re.fullmatch(r"yesterday|last night|the night before", s):
        return pub - DAY, pub - DAY, P.day
    if s == "tomorrow":
        return pub + DAY, pub + DAY, P.day
    if re.fullmatch(r"overnight|(late )?last night and (early )?(today|this morning)", s):
        return pub - DAY, pub, P.days
    return None


def _weekday(s: str, pub: dt.date | None) -> Span | None:
    m = re.fullmatch(rf"(?:(?P<rel>last|this|next|past|previous) )?(?P<wd>{WEEKDAYS_PATTERN})", s)
    if not m or pub is None:
        return None
    wd = WEEKDAYS[m.group("wd")[:3]]
    rel = m.group("rel")
    if rel in ("last", "past", "previous"):
        day = weekday_on_or_before(pub - DAY, wd)
    elif rel == "next":
        day = weekday_on_or_before(pub + 7 * DAY, wd)
    elif rel == "this":
        day = week_start(pub) + wd * DAY
    else:
        day = weekday_on_or_before(pub, wd)
    return day, day, P.day


_NIGHT = re.compile(
    rf"(?:during |in )?(?:the )?night (?:(?:of|from|between) (?P<a>{WEEKDAYS_PATTERN})"
    rf"(?: (?:to|into|and|-|–|/))?|to|into|before) (?P<b>{WEEKDAYS_PATTERN})"
)


def _night(s: str, pub: dt.date | None) -> Span | None:
    m = _NIGHT.fullmatch(s)
    if not m or pub is None:
        return None
    end = weekday_on_or_before(pub, WEEKDAYS[m.group("b")[:3]])
    first = WEEKDAYS[m.group("a")[:3]] if m.group("a") else (end.weekday() - 1) % 7
    start = end - ((end.weekday() - first) % 7 or 7) * DAY
    return start, end, P.days


def _weekend(s: str, pub: dt.date | None) -> Span | None:
    """ "the weekend", "over the weekend": the most recent Saturday and the Sunday after it."""
    if pub is None or not re.fullmatch(r"(?:over |at |during )?the weekend", s):
        return None
    saturday = weekday_on_or_before(pub, 5)
    return saturday, saturday + DAY, P.days


def _calendar_unit(s: str, pub: dt.date | None) -> Span | None:
    m = re.fullmatch(
        r"(?P<rel>last|this past|this|next|earlier this|later this|early this|late last"
        r"|earlier last|the previous|previous|the current) (?P<unit>weekend|week|month|year)",
        s,
    )
    if not m or pub is None:
        return None
    rel, unit = m.group("rel").replace("the ", ""), m.group("unit")
    rel = "last" if rel == "this past" else rel
    if unit == "weekend":
        shift = {"last": -7, "previous": -7, "next": 7}.get(rel, 0)
        saturday = week_start(pub) + (5 + shift) * DAY
        return saturday, saturday + DAY, P.days
    if rel in ("last", "previous", "late last", "earlier last"):
        anchor = {"week": pub - 7 * DAY, "month": pub.replace(day=1) - DAY}.get(
            unit, dt.date(pub.year - 1, 1, 1)
        )
        return span_of(anchor, unit)
    if rel == "next":
        return None
    start = span_of(pub, unit)[0]
    if rel in ("earlier this", "early this"):
        return start, pub, P.days
    if rel == "later this":
        return pub, span_of(pub, unit)[1], P.days
    return span_of(pub, unit)


def _rolling(s: str, pub: dt.date | None) -> Span | None:
    if pub is None:
        return None
    m = re.fullmatch(rf"(?:the |over the |in the )?(?:past|last|previous) (?:{_COUNT} )?{_UNIT}", s)
    if m:
        n = _count(m.group("n")) if m.group("n") else 1
        return _shift(pub, n, m.group("unit")), pub, P.days
    m = re.fullmatch(r"(?:the |over the |in the )?(?:past|last|previous) (?P<n>\d{1,3}) hours", s)
    if m:
        return pub - -(-int(m.group("n")) // 24) * DAY, pub, P.days
    m = re.fullmatch(rf"{_COUNT} {_UNIT} (?:ago|earlier|before)", s)
    if m:
        return span_of(_shift(pub, _count(m.group("n")), m.group("unit")), m.group("unit"))
    return None


_MONTH = rf"(?P<month>{MONTHS_PATTERN})\.?"
_DAY_NUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"


def _month(s: str, pub: dt.date | None) -> Span | None:
    m = re.fullmatch(
        rf"(?:(?P<rel>last|this|next|early|late|mid|mid-|the beginning of|the start of"
        rf"|the end of|beginning of|start of|end of|the middle of) ?)?{_MONTH}(?:,? {_YEAR})?",
        s,
    )
    if not m:
        return None
    month = MONTHS[m.group("month")[:3]]
    rel = (m.group("rel") or "").strip()
    if m.group("year"):
        year = int(m.group("year"))
        return dt.date(year, month, 1), month_end(year, month), P.month
    if pub is None:
        return None
    if rel == "last":
        start, end = month_on_or_before(pub.replace(day=1) - DAY, month)
    elif rel == "this":
        start, end = dt.date(pub.year, month, 1), month_end(pub.year, month)
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
        start, end = dt.date(year, month, 1), month_end(year, month)
    else:
        start, end = month_on_or_before(pub, month)
    return start, end, P.month


def _day_month(s: str, pub: dt.date | None) -> Span | None:
    m = re.fullmatch(rf"(?:the )?{_DAY_NUM} (?:of )?{_MONTH}(?:,? {_YEAR})?", s) or re.fullmatch(
        rf"{_MONTH} (?:the )?{_DAY_NUM}(?:,? {_YEAR})?", s
    )
    if not m:
        return None
    month, day = MONTHS[m.group("month")[:3]], int(m.group("day"))
    try:
        if m.group("year"):
            date = dt.date(int(m.group("year")), month, day)
        elif pub is None:
            return None
        else:
            date = dt.date(pub.year, month, day)
            if date > pub:
                date = dt.date(pub.year - 1, month, day)
    except ValueError:
        return None
    return date, date, P.day


_RANGE = re.compile(
    rf"(?:from |between )?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: (?P<m1>{MONTHS_PATTERN}))?"
    rf"(?: (?P<y1>(?:19|20)\d{{2}}))?(?: ?(?:to|and|until|-|–) ?| )(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf" (?:of )?(?P<m2>{MONTHS_PATTERN})(?:,? (?P<y2>(?:19|20)\d{{2}}))?"
)


def _day_range(s: str, pub: dt.date | None) -> Span | None:
    """ "from 20 to 26 May" (as "vom 20. bis 26. Mai", "du 20 au 26 mai" translate): days."""
    m = _RANGE.fullmatch(s)
    if not m:
        return None
    m2 = MONTHS[m.group("m2")[:3]]
    m1 = MONTHS[m.group("m1")[:3]] if m.group("m1") else m2
    y2 = int(m.group("y2")) if m.group("y2") else None
    try:
        if y2 is None:
            if pub is None:
                return None
            y2 = pub.year if dt.date(pub.year, m2, int(m.group("d2"))) <= pub else pub.year - 1
        end = dt.date(y2, m2, int(m.group("d2")))
        y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
        start = dt.date(y1, m1, int(m.group("d1")))
    except ValueError:
        return None
    return (start, end, P.days) if start < end else None


def _numeric(s: str, pub: dt.date | None) -> Span | None:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})", s)
        if not m:
            return None
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        d, mo = (b, a) if b > 12 >= a else (a, b)  # day-first where ambiguous
    try:
        date = dt.date(y, mo, d)
    except ValueError:
        return None
    return date, date, P.day


def _year(s: str, pub: dt.date | None) -> Span | None:
    m = re.fullmatch(rf"(?:early |late |mid-?|the (?:start|beginning|end) of )?{_YEAR}", s)
    if not m:
        return None
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), P.year


RULES: tuple[Rule, ...] = (
    _today,
    _weekday,
    _night,
    _weekend,
    _calendar_unit,
    _rolling,
    _numeric,
    _day_month,
)
RULES += (_day_range, _month, _year)


def apply_rules(s: str, pub: dt.date | None) -> Span | None:
    """First rule that reads ``s``; None when none does."""
    for rule in RULES:
        span = rule(s, pub)
        if span is not None:
            return span
    return None
