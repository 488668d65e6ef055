"""Candidate finders: deterministic code that proposes what a record could be made of.

Ownership: one finder a module, each a pure function of a sentence (or of the
document's sentences) that returns spans with exact offsets into the original
text; finders use `normalise` and `grounding` and nothing else of the
staged engine above them. The choices they leave open are
`extractor.staged.questions`; building records from them is
`extractor.staged.records`.
"""

from extractor.staged.candidates.attacks import AttackMention, find_attacks
from extractor.staged.candidates.dates import DateMention, find_dates
from extractor.staged.candidates.figures import FigureMention, campaign_marker, find_figures
from extractor.staged.candidates.places import PlaceMention, find_places
from extractor.staged.candidates.sentences import Sentence, find_sentences
from extractor.staged.candidates.speakers import SpeakerSpan, find_speaker_spans, subject_span
from extractor.staged.candidates.speech import SpeechEvent, find_speech

__all__ = [
    "AttackMention",
    "DateMention",
    "FigureMention",
    "PlaceMention",
    "Sentence",
    "SpeakerSpan",
    "SpeechEvent",
    "campaign_marker",
    "find_attacks",
    "find_dates",
    "find_figures",
    "find_places",
    "find_sentences",
    "find_speaker_spans",
    "find_speech",
    "subject_span",
]
