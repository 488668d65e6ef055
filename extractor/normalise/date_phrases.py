"""Date phrases in a document's language, and a statement's date words.

`phrase_patterns` builds, from one language's date words
(:mod:`normalise.date_lexicon`), the pattern of its date mentions ("mardi
soir", "am Montag", "le 18 mars 2019", "يوم الخميس") and of the weekday or
relative-day words a statement's evidence dates it by; `date_words` finds
the first of those in a text. The candidate finder
(`extractor.staged.candidates.dates`) reads sentences with the first
pattern; record building reads statement evidence with `date_words`.
"""

from __future__ import annotations

import functools
import re

from extractor.normalise.date_lexicon import fold_in_place, lexicon

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
