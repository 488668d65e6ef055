"""resolve_date: dates as written resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.models import DatePrecision as P
from extractor.normalise import resolve_date

D = dt.date
FRI = D(2016, 8, 12)  # seed 000, a Friday
MON_2017 = D(2017, 11, 27)  # seed 003, a Monday
MON_2018 = D(2018, 1, 22)  # seed 001, a Monday
THU = D(2015, 10, 1)  # a Thursday
TUE = D(2016, 2, 16)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "precision"),
    [
        ("on Thursday", FRI, D(2016, 8, 11), D(2016, 8, 11), P.day),
        ("Thursday", FRI, D(2016, 8, 11), D(2016, 8, 11), P.day),
        ("Wednesday", FRI, D(2016, 8, 10), D(2016, 8, 10), P.day),
        ("late Wednesday", FRI, D(2016, 8, 10), D(2016, 8, 10), P.day),
        ("Monday night", TUE, D(2016, 2, 15), D(2016, 2, 15), P.day),
        ("on Monday", TUE, D(2016, 2, 15), D(2016, 2, 15), P.day),
        ("in the early hours of Thursday", FRI, D(2016, 8, 11), D(2016, 8, 11), P.day),
        ("earlier on Thursday", FRI, D(2016, 8, 11), D(2016, 8, 11), P.day),
        # a weekday is the most recent such day not after publication: same day
        ("Thursday", THU, THU, THU, P.day),
        ("on Friday", FRI, FRI, FRI, P.day),
        ("last Thursday", THU, D(2015, 9, 24), D(2015, 9, 24), P.day),
        ("today", FRI, FRI, FRI, P.day),
        ("today morning", MON_2017, MON_2017, MON_2017, P.day),
        ("this morning", MON_2017, MON_2017, MON_2017, P.day),
        ("yesterday", FRI, D(2016, 8, 11), D(2016, 8, 11), P.day),
        ("overnight", TUE, D(2016, 2, 15), TUE, P.days),
        ("last week", FRI, D(2016, 8, 1), D(2016, 8, 7), P.week),
        ("Last week,", MON_2018, D(2018, 1, 15), D(2018, 1, 21), P.week),
        ("earlier this week", FRI, D(2016, 8, 8), FRI, P.days),
        ("this week", FRI, D(2016, 8, 8), D(2016, 8, 14), P.week),
        ("last weekend", FRI, D(2016, 8, 6), D(2016, 8, 7), P.days),
        ("in November", FRI, D(2015, 11, 1), D(2015, 11, 30), P.month),
        ("in November", MON_2017, D(2017, 11, 1), D(2017, 11, 30), P.month),
        ("last September", TUE, D(2015, 9, 1), D(2015, 9, 30), P.month),
        ("last September", D(2016, 9, 20), D(2015, 9, 1), D(2015, 9, 30), P.month),
        ("early November", FRI, D(2015, 11, 1), D(2015, 11, 30), P.month),
        ("last month", FRI, D(2016, 7, 1), D(2016, 7, 31), P.month),
        ("earlier this month", FRI, D(2016, 8, 1), FRI, P.days),
        ("last year", FRI, D(2015, 1, 1), D(2015, 12, 31), P.year),
        ("two days ago", FRI, D(2016, 8, 10), D(2016, 8, 10), P.day),
        ("a week ago", FRI, D(2016, 8, 1), D(2016, 8, 7), P.week),
        ("the past week", FRI, D(2016, 8, 5), FRI, P.days),
        ("since March 2011", MON_2018, D(2011, 3, 1), MON_2018, P.days),
        ("since the beginning of November", MON_2017, D(2017, 11, 1), MON_2017, P.days),
        ("between Wednesday and Thursday morning", THU, D(2015, 9, 30), THU, P.days),
        ("September 25, 2017", MON_2017, D(2017, 9, 25), D(2017, 9, 25), P.day),
        ("on September 22, 2017", None, D(2017, 9, 22), D(2017, 9, 22), P.day),
        ("25 September 2017", None, D(2017, 9, 25), D(2017, 9, 25), P.day),
        ("on Sept. 25", MON_2017, D(2017, 9, 25), D(2017, 9, 25), P.day),
        ("Thursday, September 25, 2017", None, D(2017, 9, 25), D(2017, 9, 25), P.day),
        ("on 25/09/2017", None, D(2017, 9, 25), D(2017, 9, 25), P.day),
        ("2017-09-19", None, D(2017, 9, 19), D(2017, 9, 19), P.day),
        ("in September 2015", MON_2017, D(2015, 9, 1), D(2015, 9, 30), P.month),
        ("in September 2015", None, D(2015, 9, 1), D(2015, 9, 30), P.month),
        ("in March 2011", None, D(2011, 3, 1), D(2011, 3, 31), P.month),
        ("in 2015", None, D(2015, 1, 1), D(2015, 12, 31), P.year),
        # what the rules leave to dateparser
        ("the day before yesterday", FRI, D(2016, 8, 10), D(2016, 8, 10), P.day),
    ],
)
def test_resolves(
    text: str, published: dt.date | None, start: dt.date, end: dt.date, precision: P
) -> None:
    spec = resolve_date(text, published)
    assert (spec.start, spec.end, spec.precision) == (start, end, precision)
    assert spec.text == text
    assert spec.source == "resolved"


def test_since_without_publication_keeps_an_open_end() -> None:
    spec = resolve_date("since March 2011", None)
    assert spec.start == D(2011, 3, 1)
    assert spec.end is None
    assert spec.precision is P.days


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Thursday", None),
        ("last week", None),
        ("in November", None),
        ("today morning", None),
        ("in the coming weeks", FRI),
        ("no later than the end of October or early November", FRI),
        ("the militants", FRI),
    ],
)
def test_unresolvable_keeps_text(text: str, published: dt.date | None) -> None:
    spec = resolve_date(text, published)
    assert spec.text == text
    assert spec.start is None and spec.end is None
    assert spec.precision is P.unknown
    assert spec.source is None


@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty(text: str | None) -> None:
    spec = resolve_date(text, FRI)
    assert spec.text == text and spec.start is None and spec.precision is P.unknown


def test_accepts_a_datetime_publication() -> None:
    spec = resolve_date("Wednesday", dt.datetime(2016, 8, 12, 17, 41))
    assert spec.start == D(2016, 8, 10)
