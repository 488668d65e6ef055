"""Date mentions: the date phrases of a sentence, as written, resolved later.

Weekdays with their modifiers ("on Thursday", "late Wednesday", "Monday
night", "said Thursday"), relative days ("today morning", "yesterday",
"overnight", "last week", "earlier this week"), and absolute dates ("on
September 25, 2017", "25 September"). In another language the same kinds of
phrase are found from that language's date words (:mod:`normalise.date_lexicon`:
"mardi soir", "am Montag", "hier", "le 18 mars 2019", "يوم الخميس",
"17 تشرين الثاني"). Resolution against the publication date is
`normalise.resolve_date`'s.

The phrase patterns of other languages are `normalise.date_phrases`', which
also finds a statement's date words (`date_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.normalise.calendar import MONTHS_PATTERN, WEEKDAYS_PATTERN
from extractor.normalise.date_lexicon import fold_in_place, lexicon
from extractor.normalise.date_phrases import phrase_patterns
from extractor.staged.candidates.sentences import Sentence

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
    """Date phrases of one sentence, left to right, in the document's ``language``."""
    if language not in (None, "en") and lexicon(language).table:
        found = phrase_patterns(language)[0].finditer(fold_in_place(sentence.text))
        return [
            DateMention(
                sentence.index,
                sentence.start + m.start(),
                sentence.start + m.end(),
                sentence.text[m.start() : m.end()],
            )
            for m in found
        ]
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
