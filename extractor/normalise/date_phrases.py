"""Date phrases in a document's language, where they stand, and what refers back.

`phrase_patterns` builds, from one language's date words
(:mod:`normalise.date_lexicon`), the pattern of its date mentions ("mardi
soir", "am Montag", "le 18 mars 2019", "يوم الخميس", "17 تشرين الثاني")
and of the weekday or relative-day words a statement's evidence dates it by.
`mention_spans` gives the offsets of every date phrase of a text (English:
weekdays with their modifiers, relative days, absolute dates);
`date_words` the first weekday or relative-day phrase of a text; and
`referent_day` the day a phrase that refers back ("the same day", "le
lendemain") refers to: the nearest day written before it. The candidate
finder (`extractor.staged.candidates.dates`) reads sentences with these;
record building reads statement evidence and referring phrases.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from extractor.models import Evidence
from extractor.normalise.calendar import MONTHS_PATTERN, WEEKDAYS_PATTERN
from extractor.normalise.date_lexicon import fold_in_place, lexicon, translate
from extractor.normalise.dates import refers_back, resolve_date

_DATE = re.compile(
    rf"(?:\b(?:on|late|early|last|late on|early on|since)\s+)?\b(?:{WEEKDAYS_PATTERN})\b"
    r"(?:\s+(?:night|morning|evening|afternoon))?"
    rf"|(?:\bon\s+)?\b(?:{MONTHS_PATTERN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|(?:\bon\s+)?\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS_PATTERN})(?:,?\s+\d{{4}})?"
    r"|\b(?:today|tonight|yesterday|this)(?:\s+(?:morning|evening|afternoon|night))?\b"
    r"|\bovernight\b|\b(?:last|this|earlier this) (?:week|month)\b",
    re.IGNORECASE,
)
_NOT_DATE = re.compile(r"^this$", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"\b(?:(?:on|late|early|last)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|evening|afternoon))?\b|\b(?:today|yesterday|last week|earlier this week)\b",
    re.IGNORECASE,
)
_LEAD = (
    "on", "in", "last", "next", "since", "from", "early", "late", "mid", "the night of",
    "the night to", "the early hours of", "the morning of", "the evening of",
    "the afternoon of", "",
)  # fmt: skip
_TRAIL = ("morning", "evening", "night", "afternoon", "last", "next")
_DAY = r"\d{1,2}(?:\.|er|º)?"
_YEAR = r"(?:19|20)\d{2}"


def _alt(words: tuple[str, ...]) -> str:
    """Longest first; a pattern that never matches when there are no words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) if ordered else "(?!)"


@functools.cache
def phrase_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Date mentions and statement date words of one language (folded text)."""
    lex = lexicon(language)
    lead, glue = _alt(lex.words_for(*_LEAD)), _alt(lex.words_for(""))
    trail = _alt(lex.words_for(*_TRAIL) + tuple(w for w in lex.words_for("") if len(w) > 3))
    wd, months, rel = _alt(lex.weekdays), _alt(lex.months), _alt(lex.relative)
    join = _alt(lex.words_for("to", "and"))
    long_months = _alt(tuple(m for m in lex.months if len(m) > 3))
    pre = rf"(?:(?:{lead})\s+){{0,2}}"
    post = rf"(?:\s+(?:{trail}))?"
    year = rf"(?:,?\s+(?:(?:{glue})\s+)?{_YEAR})"
    day_month = rf"{_DAY}\s+(?:(?:{glue})\s+)?(?:{months}){year}?"
    mention = (
        rf"{pre}(?:(?:{wd})(?:,?\s+{day_month})?(?:\s+(?:{join})\s+(?:{wd}))?{post}"
        rf"|{day_month}|(?:{long_months}){year}|(?:{rel}){post})"
    )
    words = rf"{pre}(?:{wd})(?:\s+(?:{join})\s+(?:{wd}))?{post}|(?:{rel})"
    # a Turkish case ending follows an apostrophe ("Mart'ta"): the phrase ends before it;
    # an Arabic clitic (wa-, fa-, bi-) is written onto the word: the phrase starts after it
    start = r"(?<![\w'-])"
    if lex.clitics:
        start = rf"(?:{start}|(?<=(?<![\w'-])[{re.escape(lex.clitics)}]))"
    end = r"(?![\w-])" if lex.strip_suffix else r"(?![\w'-])"
    edge = start + "(?:{})" + end
    return re.compile(edge.format(mention)), re.compile(edge.format(words))


def date_words(text: str, *, language: str | None = None) -> str | None:
    """The first weekday or relative-day phrase of ``text`` ("on Monday", "hier"), or None.

    ``language`` is the document's (ISO 639-1); in English the search is skipped on
    ASCII text that holds neither "day" nor "week", where it cannot match.
    """
    if language not in (None, "en") and lexicon(language).table:
        m = phrase_patterns(language)[1].search(fold_in_place(text))
        return text[m.start() : m.end()] if m else None
    if text.isascii():
        lower = text.lower()
        if "day" not in lower and "week" not in lower:
            return None
    m = _DATE_WORDS.search(text)
    return m.group(0) if m else None


def mention_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """Offsets of every date phrase of ``text`` (any length: a whole article)."""
    if language not in (None, "en") and lexicon(language).table:
        return [m.span() for m in phrase_patterns(language)[0].finditer(fold_in_place(text))]
    return [m.span() for m in _DATE.finditer(text) if not _NOT_DATE.match(m.group())]


def referent_day(
    text: str, written: str, at: int, published: dt.date | None, *, language: str | None = None
) -> dt.date | None:
    """The day that ``written``, a phrase that refers back ("the same day") standing at
    offset ``at`` of ``text``, refers to: the day written nearest before it (a phrase that
    resolves to one day against ``published`` and does not itself refer back), or None.

    "Le même jour" in "... mardi soir, selon l'OSDH. Le même jour, ..." is that Tuesday.
    A phrase that refers back to a night or an evening ("Na mesma noite") is the
    nearest night or evening written before it, where there is one.
    """
    at_night = _at_night(written, language) and not _OF_THE_DAY.search(translate(written, language))
    nearest = None
    for start, end in reversed(mention_spans(text[:at], language)):
        phrase = text[start:end]
        if refers_back(phrase, language=language):
            continue
        spec = resolve_date(phrase, published, language=language)
        if spec.start is None or spec.start != spec.end:
            continue
        if not at_night or _at_night(phrase, language):
            return spec.start
        nearest = nearest or spec.start
    return nearest


_NIGHT = re.compile(r"\b(?:night|evening|tonight|overnight)\b")
# "the same night" refers to a night; "the night of the same day" to a day
_OF_THE_DAY = re.compile(r"\b(?:night|evening) of (?:the same|that) day\b")


def _at_night(written: str, language: str | None) -> bool:
    return bool(_NIGHT.search(translate(written, language)))


def referent_of(
    text: str,
    written: str,
    evidence: Sequence[Evidence],
    published: dt.date | None,
    *,
    language: str | None = None,
) -> dt.date | None:
    """`referent_day` of ``written`` where it stands in ``text``: inside the record's
    ``evidence``, else at its first occurrence; None when it is not in the text."""
    folded = written.casefold()
    at = next(
        (
            e.char_start + k
            for e in evidence
            if e.char_start is not None and (k := e.quote.casefold().find(folded)) >= 0
        ),
        None,
    )
    if at is None:
        k = text.casefold().find(folded)
        at = k if k >= 0 else None
    return None if at is None else referent_day(text, written, at, published, language=language)
