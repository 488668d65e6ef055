"""A page's own date in any language: labelled lines, datelines, date lines, "today ...".

`page_date` is what `detect_published` falls back on when no English header
date is found. It reads the first lines only, and only in the positions a
publication date takes:

* a line that starts with a publication label of the document's language or
  English ("Publié le", "Publicado el", "Veröffentlicht am", "Stand:",
  «نشر في», «بتاريخ»), the date right after it;
* a dateline: a place in capitals (or in Arabic script), a comma, an
  optional region and comma, then the date, then the agency or a dash
  ("BAMAKO, 18 mars (AFP) -");
* a short line that starts with a date and holds little else;
* in the first lines, "today" followed by a weekday (or directly by a day)
  and a day and month («اليوم الأحد 17 تشرين الثاني»).

A date without its year takes the year the page gives elsewhere (the most
frequent four-digit year not after today in which it falls on its written
weekday), else the latest such year not after today; the DateSpec's text then
carries a note saying so. Evidence points at the words as written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterator

from extractor.models import Alignment, DatePrecision, DateSpec, Evidence
from extractor.normalise.calendar import WEEKDAYS_PATTERN
from extractor.normalise.date_lexicon import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    ascii_digits,
    fold_in_place,
    lexicon,
    translate,
)
from extractor.normalise.dates import read_day

TODAY_LINES = 5
_MAX_TOKENS = 9
_LEAP_ANCHOR = dt.date(2020, 12, 31)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_TOKEN = re.compile(r"\S+")
_MARKUP = re.compile(r"^[\s#*_>|\-]*")
_PLACE = re.compile(
    r"^\s*(?P<place>[^\W\d_][^\W\d_'’ .\-]{1,40}?(?:/[^\W\d_][^\W\d_'’ .\-]{1,40}?)*)(?!\w)"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:[,،]\s*)?"  # "Kiew", "Berlin/Kiew", "Kiew (dpa)"
    r"(?:(?P<region>[^\W\d_][^\W\d_'’ .\-]{1,30})\s*[,،]\s*)?"
)
_AFTER_DATE = re.compile(
    r"^\s*(?:\([^)]{1,30}\)\s*)?[-–—]|^\s*\([^)]{1,30}\)|^\s*\.?\s*/[^/]{1,30}/"
    r"|^\.\s+[^\W\d_]"  # "Cúcuta, 12 de enero de 2025. Un ataque ...": a dateline's stop
)
# a time may come between a label and its date ("Published 3:14 PM UTC, May 8, 2024")
_SEGMENT = re.compile(r"\s[|·•\-–—]\s+|[|·•]\s*")
_CLOCK_FIRST = r"(?:\d{1,2}[:h]\d{2}(?![\d.])(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4}\b)?\s*,?\s*)?"
_LINE_END = re.compile(r"^\s*(?:$|[|,;–—\-·•(]|\d{1,2}[:.h]\d{2})")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WEEKDAY_EN = re.compile(rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b")
_MONTH_EN = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\b")

# what a date starts with, in the English the date words translate to
_STARTS = re.compile(
    rf"(?:on |in |the |today |\W)*(?:\d|{'|'.join(WEEKDAY_NAMES)}|{'|'.join(MONTH_NAMES)}|today)"
)
_SKIPPABLE = frozenset({"", "on", "in", "at", "of"})  # a leading word given back
_Found = tuple[int, dt.date, str | None]  # end offset in the text read, date, note
_Placed = tuple[int, int, dt.date, str | None]  # start and end offsets, date, note


def page_date(
    text: str,
    *,
    language: str | None = None,
    lines: int = 15,
    max_line: int = 120,
    today: dt.date | None = None,
) -> DateSpec | None:
    """The date the page carries in a publication position, or None."""
    today = today or dt.date.today()
    years = _PageYears(text, today)
    offset = 0
    head = text.splitlines(keepends=True)[:lines]
    for line in head:
        found = _in_line(line, language, years, today, short=len(line.strip()) <= max_line)
        if found:
            start, end, day, note = found
            return _spec(text, offset + start, offset + end, day, note)
        offset += len(line)
    found = _today_phrase("".join(head[:TODAY_LINES]), language, years, today)
    if found:
        start, end, day, note = found
        return _spec(text, start, end, day, note)
    return None


def page_year(text: str, *, today: dt.date | None = None) -> int | None:
    """The year the page writes most often (none after today), or None."""
    return next(iter(_PageYears(text, today or dt.date.today())), None)


def _spec(text: str, start: int, end: int, day: dt.date, note: str | None) -> DateSpec:
    written = text[start:end]
    evidence = Evidence(quote=written, char_start=start, char_end=end, alignment=Alignment.exact)
    return DateSpec(
        text=f"{written} ({note})" if note else written,
        start=day,
        end=day,
        precision=DatePrecision.day,
        source="text",
        evidence=evidence,
    )


def _in_line(
    line: str, language: str | None, years: _PageYears, today: dt.date, *, short: bool
) -> _Placed | None:
    folded = fold_in_place(line)
    if short:
        for m in _labels(language).finditer(folded):  # "Publié le ...", "... | التاريخ: ..."
            found = _date_prefix(line[m.end() :], language, years, today)
            if found:
                return m.end() + found[0], m.end() + found[1], found[2], found[3]
    place = _PLACE.match(line)
    if place and _is_place(place.group("place"), language):
        found = _date_prefix(line[place.end() :], language, years, today)
        after = line[place.end() + found[1] :] if found else ""
        if found and (_AFTER_DATE.match(after) or (short and not after.strip())):
            return place.end() + found[0], place.end() + found[1], found[2], found[3]
    if not short:
        return None
    starts = [_MARKUP.match(line).end()]  # type: ignore[union-attr]
    starts += [m.end() for m in _SEGMENT.finditer(line)]  # "Daily report - Tuesday 11 June 2019"
    for start in starts:
        found = _date_prefix(line[start:], language, years, today)
        if found and _LINE_END.match(line[start + found[1] :]):
            return start + found[0], start + found[1], found[2], found[3]
    return None


@functools.cache
def _labels(language: str | None) -> re.Pattern[str]:
    """A publication label at a line's start or after a separator, and a clock time after it."""
    labels = lexicon(language).published + lexicon("en").published
    alternation = "|".join(re.escape(w) for w in sorted(set(labels), key=len, reverse=True))
    return re.compile(
        rf"(?:^[\s#*_>|\-]*|(?<=[|·•\-–—:,]\s)|(?<=[|·•])|(?<![\w'-]))(?:{alternation})"
        rf"(?![\w])\s*[:：]?\s*{_CLOCK_FIRST}"
    )


def _is_place(name: str, language: str | None) -> bool:
    """A dateline's place: a capitalised name, or one in Arabic script, and no date word."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not (letters[0].isupper() or _ARABIC.match(name)):
        return False
    return not _STARTS.match(translate(name, language))


def _today_phrase(
    head: str, language: str | None, years: _PageYears, today: dt.date
) -> _Placed | None:
    lex = lexicon(language)
    words = lex.words_for("today") or ("today",)
    weekdays = "|".join(re.escape(w) for w in lex.weekdays) or WEEKDAYS_PATTERN
    glue = "|".join(re.escape(w) for w in lex.words_for("on", "")) or "on"
    pattern = re.compile(
        rf"(?<![\w'])(?:{'|'.join(re.escape(w) for w in words)})[\s,،]+"
        rf"(?:(?:(?:{glue})\s+)?(?:{weekdays})[\s,،]+)?(?:the\s+)?\d"
    )
    for m in pattern.finditer(fold_in_place(head)):
        found = _date_prefix(head[m.start() :], language, years, today)
        if found and found[0] == 0:
            return m.start(), m.start() + found[1], found[2], found[3]
    return None


def _date_prefix(
    text: str, language: str | None, years: _PageYears, today: dt.date
) -> _Placed | None:
    """The run of words at the start of ``text`` that is one day, or None.

    The longest run that reads as a day is found first, then words at either end
    that change nothing ("... 17 تشرين الثاني في", "a 30/06/2024") are given back;
    the result is the run's start and end offsets in ``text``, its day and a note.
    """
    tokens = list(_TOKEN.finditer(text[:200]))[:_MAX_TOKENS]
    if not tokens or not _STARTS.match(
        translate(text[: tokens[min(2, len(tokens)) - 1].end()], language)
    ):
        return None
    best: _Found | None = None
    for k in range(len(tokens), 0, -1):
        found = _read(text[: tokens[k - 1].end()], language, years, today)
        if best is None:
            best = found
        elif found is None or found[1:] != best[1:]:
            break
        elif found is not None:
            best = found
    if best is None:
        return None
    start = 0
    for token in tokens[1:]:  # words before the date that change nothing ("a 30/06/2024")
        word = translate(text[start : token.start()], language).strip(" ,")
        if word not in _SKIPPABLE or token.start() >= best[0]:
            break
        rest = _read(text[token.start() : best[0]], language, years, today)
        if rest is None or rest[1:] != best[1:]:
            break
        start = token.start()
    return start, best[0], best[1], best[2]


def _read(text: str, language: str | None, years: _PageYears, today: dt.date) -> _Found | None:
    written = text.rstrip(" ,.;:-–—|(")
    if not written or written[-1] in "([":
        return None
    day = _absolute(written, language)
    if day:
        return len(written), day, None
    inferred = _without_year(written, language, years, today)
    return (len(written), inferred[0], inferred[1]) if inferred else None


def _absolute(written: str, language: str | None) -> dt.date | None:
    return read_day(written, None, language=language)


def _without_year(
    written: str, language: str | None, years: _PageYears, today: dt.date
) -> tuple[dt.date, str] | None:
    english = translate(written, language)
    if not _MONTH_EN.search(english) or _YEARS.search(english):
        return None
    anchored = read_day(written, _LEAP_ANCHOR, language=language)
    if anchored is None:
        return None
    weekday = _WEEKDAY_EN.search(english)
    wd = WEEKDAY_NAMES.index(weekday.group(0)) if weekday else None
    candidates = [y for y in years if y <= today.year]
    candidates += list(range(today.year, today.year - 40, -1))
    for year in candidates:
        try:
            day = anchored.replace(year=year)
        except ValueError:  # 29 February
            continue
        if day <= today and (wd is None or day.weekday() == wd):
            source = "given on the page" if year in years else "the latest year not after today"
            fits = " in which that day falls on that weekday" if wd is not None else ""
            return day, f"year not written: {year}, {source}{fits}"
    return None


class _PageYears:
    """Four-digit years written on the page, most frequent first, none after today.

    Counted only when a date without its year needs them.
    """

    def __init__(self, text: str, today: dt.date) -> None:
        self._text, self._today = text, today
        self._years: list[int] | None = None

    def __iter__(self) -> Iterator[int]:
        if self._years is None:
            counts = Counter(int(y) for y in _YEARS.findall(ascii_digits(self._text)))
            self._years = [y for y, _n in counts.most_common() if y <= self._today.year]
        return iter(self._years)

    def __contains__(self, year: object) -> bool:
        return year in list(self)
