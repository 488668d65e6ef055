"""Date mentions: the date phrases of a sentence, as written, resolved later.

Weekdays with their modifiers ("on Thursday", "late Wednesday", "Monday
night", "said Thursday"), relative days ("today morning", "yesterday",
"overnight", "last week", "earlier this week"), and absolute dates ("on
September 25, 2017", "25 September"). Resolution against the publication date
is `normalise.resolve_date`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.candidates.sentences import Sentence
from extractor.normalise.calendar import MONTHS_PATTERN, WEEKDAYS_PATTERN

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


@dataclass(frozen=True)
class DateMention:
    sentence: int
    start: int
    end: int
    text: str


def find_dates(sentence: Sentence, *, language: str | None = None) -> list[DateMention]:
    """Date phrases of one sentence, left to right."""
    out = []
    for m in _DATE.finditer(sentence.text):
        if _NOT_DATE.match(m.group()):
            continue
        out.append(
            DateMention(
                sentence.index, sentence.start + m.start(), sentence.start + m.end(), m.group()
            )
        )
    return out
