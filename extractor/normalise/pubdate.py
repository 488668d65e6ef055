"""Detect a page's publication date in its header lines.

Only the first ``HEADER_LINES`` lines are read, and only a line that *starts*
with a date (after an optional label such as "Published:" and an optional
weekday) and is short counts, so a caption such as "... on September 25,
2017." is never taken for the publication date. In every language (the
labels and date words of ``extractor/data/dates.json``) the same holds for a
labelled line ("Publié le 18 mars 2019", "Veröffentlicht am 18.03.2019",
"Stand: 18.03.2019 14:03 Uhr", «نشر في 17 تشرين الثاني 2019»), a dateline
("BAMAKO, 18 mars (AFP) -") and a line that is a date; and the first lines
may date the page by its own words, "today" with a weekday and a day
(«اليوم الأحد 17 تشرين الثاني», "today, Sunday 17 November").

A date written without its year takes the year the page gives elsewhere, else
the latest year, not after today, in which it falls (on its weekday, when
one is written); the DateSpec's text then says that the year was inferred. Numeric dates are read
day-first ("12/08/2016" is 12 August 2016) unless only the month-first
reading is a valid date ("12/28/2016" is 28 December 2016). The DateSpec's
text and evidence are the date as written, weekday included, time left out.
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.models import Alignment, DatePrecision, DateSpec, Evidence
from extractor.normalise.calendar import MONTHS, MONTHS_PATTERN, WEEKDAYS_PATTERN
from extractor.normalise.page_date import page_date

HEADER_LINES = 15
MAX_HEADER_LINE = 120

_LABEL = r"(?:(?:published|posted|updated|last updated|first published|date)(?:\s+on)?\s*:?\s*)?"
_WEEKDAY = rf"(?:(?:{WEEKDAYS_PATTERN})\.?,?\s+)?"
_ZONES = r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|AST|EST|EDT|PST|PDT)"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_TIME = rf"(?:(?:T|,?\s*(?:at\s+)?){_CLOCK}(?:\s*{_ZONES}\b)?)?"
_NUMERIC = r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
_ORD = "(?:st|nd|rd|th)?"
_DMY = rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{MONTHS_PATTERN})\.?,?\s+(?P<y1>\d{{4}})"
_MDY = rf"(?P<m2>{MONTHS_PATTERN})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
_HEADER = re.compile(
    rf"^[\s#*_>|-]*{_LABEL}(?P<date>{_WEEKDAY}(?:{_ISO}|{_NUMERIC}|{_DMY}|{_MDY})){_TIME}"
    r"(?=$|[\s*_|,;–—-])",
    re.IGNORECASE,
)


def detect_published(
    text: str, *, language: str | None = None, today: dt.date | None = None
) -> DateSpec | None:
    """Publication date written in the page header, or None when there is none.

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it;
    ``today`` (default: the current date) bounds a year the page does not write.
    """
    offset = 0
    for n, line in enumerate(text.splitlines(keepends=True)):
        if n >= HEADER_LINES:
            break
        if len(line.strip()) <= MAX_HEADER_LINE:
            m = _HEADER.match(line)
            date = _to_date(m) if m else None
            if m and date:
                written = m.group("date").rstrip(" ,")
                start = offset + m.start("date")
                evidence = Evidence(
                    quote=written,
                    char_start=start,
                    char_end=start + len(written),
                    alignment=Alignment.exact,
                )
                return DateSpec(
                    text=written,
                    start=date,
                    end=date,
                    precision=DatePrecision.day,
                    source="text",
                    evidence=evidence,
                )
        offset += len(line)
    return page_date(
        text, language=language, lines=HEADER_LINES, max_line=MAX_HEADER_LINE, today=today
    )


def _to_date(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("iy"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("y"):
            a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
            day, month = (b, a) if b > 12 >= a else (a, b)
            return dt.date(year, month, day)
        n = "1" if m.group("y1") else "2"
        month = MONTHS[m.group(f"m{n}").lower()[:3]]
        return dt.date(int(m.group(f"y{n}")), month, int(m.group(f"d{n}")))
    except ValueError:
        return None
