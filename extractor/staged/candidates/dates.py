"""Date mentions: the date phrases of a sentence, as written, resolved later.

Weekdays with their modifiers ("on Thursday", "late Wednesday", "Monday
night", "said Thursday"), relative days ("today morning", "yesterday",
"overnight", "last week", "earlier this week"), and absolute dates ("on
September 25, 2017", "25 September"). In another language the same kinds of
phrase are found from that language's date words (:mod:`normalise.date_lexicon`:
"mardi soir", "am Montag", "hier", "le 18 mars 2019", "يوم الخميس",
"17 تشرين الثاني"). The phrases themselves are `normalise.date_phrases`';
resolution against the publication date is `normalise.resolve_date`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.normalise.date_phrases import mention_spans
from extractor.staged.candidates.sentences import Sentence


@dataclass(frozen=True)
class DateMention:
    sentence: int
    start: int
    end: int
    text: str


def find_dates(sentence: Sentence, *, language: str | None = None) -> list[DateMention]:
    """Date phrases of one sentence, left to right, in the document's ``language``."""
    return [
        DateMention(sentence.index, sentence.start + s, sentence.start + e, sentence.text[s:e])
        for s, e in mention_spans(sentence.text, language)
    ]
