"""Resolve a date as written ("late Wednesday", "last week") against publication.

``resolve_date`` translates an expression in the document's language into the
English of the rules (:mod:`.date_lexicon`: "am Montag" -> "on monday",
"17 تشرين الثاني" -> "17 november"), cleans it (prepositions, times of day),
then tries the rules in :mod:`.relative`, "since X" and "between X and Y"
spans, the same rules on the expression as written (a model may answer in
English about a French page), and finally ``dateparser`` (languages = the
document's and English, RELATIVE_BASE = publication, PREFER_DATES_FROM =
past, DATE_ORDER = DMY) for anything the rules do not cover; last, the first
absolute date written inside a longer phrase. A span whose
ends differ gets precision ``days``; "since March 2011" runs from the first
day of March 2011 to the publication date (precision ``days``). What cannot
be resolved keeps its text with no dates and precision ``unknown``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from functools import lru_cache

from extractor.models import DatePrecision, DateSpec
from extractor.normalise.calendar import MONTHS_PATTERN, WEEKDAYS_PATTERN
from extractor.normalise.date_lexicon import languages, translate
from extractor.normalise.relative import Span, apply_rules, span_of

_FILLER = re.compile(
    r"^(?:on|in|at|during|as of|around|about|sometime|some time|by|of|the day of|earlier on"
    r"|later on)\s+"
)
_TIME_OF_DAY = [
    re.compile(p)
    for p in (
        rf"^(?:early|late|mid|overnight)(?: on)? (?=today|tonight|yesterday|{WEEKDAYS_PATTERN})",
        r"^(?:in )?the (?:early |late )?(?:hours|morning|afternoon|evening|night) of ",
        r"^(?:at )?(?:dawn|dusk|noon|midnight|daybreak) (?:on )?",
        r" (?:morning|afternoon|evening|night|noon|midnight|dawn)$",
        r" (?:at|around|about) \d{1,2}(?:[:.]\d{2})?(?: ?[ap]\.?m\.?)?(?: local time)?$",
        rf"^(?:{WEEKDAYS_PATTERN}),? (?=\d|{MONTHS_PATTERN})",
        rf"^(?:today|yesterday|tonight|this (?:morning|afternoon|evening)),?"
        rf" (?=\d|{MONTHS_PATTERN}|{WEEKDAYS_PATTERN})",
    )
]
_DATEISH = re.compile(
    rf"\d|\b(?:{MONTHS_PATTERN}|{WEEKDAYS_PATTERN}|day|week|month|year|ago|yesterday|today"
    r"|tomorrow|tonight)s?\b"
)
_ORD = r"(?:st|nd|rd|th)?"
_ABSOLUTE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}([/.\-])\d{{1,2}}\1\d{{4}}"
    rf"|\d{{1,2}}{_ORD} (?:of )?(?:{MONTHS_PATTERN})\.?(?:,? \d{{4}})?"
    rf"|(?:{MONTHS_PATTERN})\.? \d{{1,2}}{_ORD}(?:,? \d{{4}})?)\b"
)
# the words the rules read: what the date words of other languages translate to
_VOCABULARY = frozenset(
    [
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "overnight",
        "last",
        "this",
        "next",
        "past",
        "previous",
        "earlier",
        "later",
        "early",
        "late",
        "mid",
        "week",
        "weekend",
        "month",
        "year",
        "day",
        "days",
        "weeks",
        "months",
        "years",
        "ago",
        "the",
        "of",
        "night",
        "morning",
        "evening",
        "afternoon",
        "hours",
        "before",
        "since",
        "between",
        "and",
        "from",
        "to",
        "until",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "on",
        "in",
        "during",
    ]
    + [w.lower() for w in calendar.day_name]
    + [w.lower() for w in calendar.month_name if w]
)
_TRANSLATED = languages()
_NAMES_A_DAY = re.compile(rf"\d|\b(?:{MONTHS_PATTERN}|{WEEKDAYS_PATTERN})\b")
_MONTH_WORD = re.compile(rf"\b(?:{MONTHS_PATTERN})\b")
_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?|(?:19|20)\d{2}")
_OpenSpan = tuple[dt.date, dt.date | None, DatePrecision]
_SINCE = re.compile(r"^(?:ever )?since (?P<x>.+)$")
_BETWEEN = re.compile(r"^(?:between (?P<a>.+?) and|from (?P<b>.+?) (?:to|until|till)) (?P<y>.+)$")


def resolve_date(
    text: str | None,
    published: dt.date | None,
    *,
    language: str | None = None,
    referent: dt.date | None = None,
    year: int | None = None,
) -> DateSpec:
    """Resolve ``text`` against ``published``; unresolvable -> precision unknown.

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it.
    ``referent`` is the day an expression that refers back ("the same day", "le
    lendemain", "am selben Tag") refers to, when the caller knows it (the date of
    the record before); without it such an expression stays unresolved (where the
    article writes no day before it, `told_by_publication` says whether ``published``
    is its referent). ``year``
    is the year the page gives (`page_year`), for a date written without its
    year ("am 27. Mai") when there is no publication date.
    """
    if text is None or not text.strip():
        return DateSpec(text=text)
    if isinstance(published, dt.datetime):
        published = published.date()
    span = _referring_back(text, language, referent) if referent is not None else None
    span = span or _span(text, published, language)
    if span is None and published is None and year is not None:
        english = translate(text, language)
        if _MONTH_WORD.search(english) and re.search(r"\d", english):
            span = _span(text, dt.date(year, 12, 31), language)
    if span is None:
        return DateSpec(text=text)
    start, end, precision = span
    return DateSpec(text=text, start=start, end=end, precision=precision, source="resolved")


_ANAPHORA = re.compile(
    r"(?:(?:on|in|also|and|but|during) )*(?:(?P<same>the same (?:day|night|evening)"
    r"|that (?:same )?day|(?:later|earlier) (?:in the|that) day|(?:later|earlier) the same day"
    r"|(?:the )?(?:night|evening|morning|afternoon|early hours) of (?:the same|that) day)"
    r"|(?P<through>throughout the day|(?:in|over) the course of the day)"
    r"|(?P<before>the (?:day before|previous day|eve))|(?P<next>the (?:next|following) day"
    r"|the day after))"
)


def refers_back(text: str | None, *, language: str | None = None) -> bool:
    """Whether ``text`` is a day told by the day before it ("the same day", "le lendemain",
    "am selben Tag", "Na mesma noite", "la veille"): `resolve_date` needs its ``referent``."""
    return bool(text and text.strip()) and _anaphora(text, language) is not None


def _anaphora(text: str, language: str | None) -> re.Match[str] | None:
    return _ANAPHORA.fullmatch(_clean(translate(text, language)))


def _referring_back(text: str, language: str | None, referent: dt.date) -> _OpenSpan | None:
    """ "the same day", "the day before", "the next day" as the day of ``referent``."""
    m = _anaphora(text, language)
    if m is None:
        return None
    shift = -1 if m.group("before") else 1 if m.group("next") else 0
    day = referent + dt.timedelta(days=shift)
    return day, day, DatePrecision.day


def told_by_publication(text: str | None, *, language: str | None = None) -> bool:
    """Whether ``text`` refers back to a day that, when the article writes none before it,
    is the report's own: "the day before" ("la veille", "am Vortag") is the day before
    publication and "throughout the day" ("ao longo do dia") the publication day; "the
    same day" and "the next day" need a day written before them."""
    m = _anaphora(text, language) if text and text.strip() else None
    return bool(m and (m.group("before") or m.group("through")))


def read_day(
    text: str, published: dt.date | None, *, language: str | None = None
) -> dt.date | None:
    """The one day ``text`` names by the rules alone (no dateparser), or None.

    For reading a page's own date, where every line of the header is tried.
    """
    s = _clean(translate(text, language))
    span = apply_rules(s, published) or apply_rules(_strip(s), published)
    return span[0] if span is not None and span[2] is DatePrecision.day else None


@lru_cache(maxsize=8192)
def _span(text: str, published: dt.date | None, language: str | None) -> _OpenSpan | None:
    """The rules, then dateparser: computed once per expression, publication and language."""
    s = _clean(translate(text, language))
    span = _since(s, published) or _between(s, published) or _resolve(s, published)
    if span is None and language not in (None, "en"):
        english = _clean(translate(text, "en"))
        if english != s:
            span = _since(english, published) or _resolve(english, published)
        if span is None and _DATEISH.search(s):
            span = _fallback(english, published, language)
        if span is None and language in _TRANSLATED:
            span = _known_words_only(s, published)
    return span or _scan(s, published)


def _known_words_only(s: str, published: dt.date | None) -> Span | None:
    """The rules on the words of ``s`` they know, the others (left untranslated) dropped."""
    words = (w.strip(",;:") for w in s.split())
    kept = " ".join(w for w in words if w in _VOCABULARY or _NUMBER.fullmatch(w))
    if not kept or kept == s:
        return None
    return apply_rules(kept, published) or apply_rules(_strip(kept), published)


def _scan(s: str, published: dt.date | None) -> Span | None:
    """The one absolute date written inside a longer phrase ("the strike of 25 September").

    Only where it is the phrase's only number: a phrase with other numbers is no date.
    """
    found = list(_ABSOLUTE.finditer(s))
    if len(found) != 1 or found[0].group(0) == s:
        return None
    m = found[0]
    if re.search(r"\d", s[: m.start()] + s[m.end() :]):
        return None
    return apply_rules(m.group(0), published)


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:!?\"'()«»")


def _strip(s: str) -> str:
    previous = None
    while s != previous:
        previous = s
        s = _FILLER.sub("", s)
        for pattern in _TIME_OF_DAY:
            s = pattern.sub("", s)
        s = s.strip(" ,")
    return s


def _resolve(s: str, published: dt.date | None) -> Span | None:
    span = apply_rules(s, published)
    if span is None:
        stripped = _strip(s)
        span = (
            apply_rules(stripped, published)
            or _beside_comma(stripped, published)
            or _fallback(stripped, published)
        )
    return span


def _beside_comma(s: str, published: dt.date | None) -> Span | None:
    """The day on one side of a comma when the other names none of its own: a time of
    day does not block a day ("on monday, in the late afternoon", "na segunda-feira, ao
    fim da tarde"), nor a phrase that refers back one written with it ("the day
    before, sunday")."""
    head, comma, tail = s.partition(",")
    if not comma:
        return None
    head, tail = _clean(head), _clean(tail)
    if not _NAMES_A_DAY.search(tail):
        head = _strip(head)
        return apply_rules(head, published) if head else None
    if _ANAPHORA.fullmatch(head):
        return _resolve(tail, published)
    if _ANAPHORA.fullmatch(tail):
        return _resolve(head, published)
    return None


def _since(s: str, published: dt.date | None) -> _OpenSpan | None:
    m = _SINCE.match(s)
    start = _resolve(m.group("x"), published) if m else None
    if start is None:
        return None
    return start[0], published, DatePrecision.days


def _between(s: str, published: dt.date | None) -> Span | None:
    m = _BETWEEN.match(s)
    if not m:
        return None
    first = _resolve(m.group("a") or m.group("b"), published)
    last = _resolve(m.group("y"), published)
    if first is None or last is None or first[0] > last[1]:
        return None
    return first[0], last[1], DatePrecision.days


def _fallback(s: str, published: dt.date | None, language: str = "en") -> Span | None:
    """dateparser for what the rules miss; only with a publication date to anchor it.

    ``s`` is English (the rules' words), unless ``language`` says it is written in
    another language, when dateparser reads it in that language and English.
    """
    if published is None or not s or (language == "en" and not _DATEISH.search(s)):
        return None
    from dateparser.date import DateDataParser  # slow import; only when needed

    settings = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parser = DateDataParser(
                languages=list(dict.fromkeys([language, "en"])), settings=settings
            )
        except ValueError:  # a language dateparser has no locale for
            parser = DateDataParser(languages=["en"], settings=settings)
        data = parser.get_date_data(s)
    if data.date_obj is None:
        return None
    period = data.period if data.period in ("week", "month", "year") else "day"
    return span_of(data.date_obj.date(), period)
