"""Every candidate of one document, found once: sentences and what each holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.grounding.clean import CleanedText
from extractor.staged.candidates.attacks import AttackMention, find_attacks
from extractor.staged.candidates.dates import DateMention, find_dates
from extractor.staged.candidates.figures import FigureMention, campaign_marker, find_figures
from extractor.staged.candidates.place_countries import plausible_places
from extractor.staged.candidates.places import PlaceMention, find_places
from extractor.staged.candidates.sentences import Sentence, find_sentences
from extractor.staged.candidates.speakers import SpeakerSpan, find_speaker_spans
from extractor.staged.candidates.speech import SpeechEvent, find_speech


@dataclass
class SentenceCandidates:
    sentence: Sentence
    speech: list[SpeechEvent] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)
    attacks: list[AttackMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    speakers: list[SpeakerSpan] = field(default_factory=list)
    campaign: str | None = None


@dataclass
class DocumentCandidates:
    text: str
    sentences: list[SentenceCandidates]
    language: str | None = None

    def context(self, index: int, before: int = 1) -> str:
        """The sentence with the ``before`` sentences of its paragraph ahead of it."""
        here = self.sentences[index].sentence
        parts = [
            c.sentence.text
            for c in self.sentences[max(0, index - before) : index]
            if c.sentence.paragraph == here.paragraph
        ]
        return " ".join([*parts, here.text])


def find_candidates(
    text: str, cleaned: CleanedText, *, language: str | None = None
) -> DocumentCandidates:
    """Run every finder over every body sentence of the document.

    ``language`` is the document's (ISO 639-1), as `detect_language` gives it.
    """
    out = []
    for sentence in find_sentences(text, cleaned):
        c = SentenceCandidates(sentence)
        if sentence.body:
            c.speech = find_speech(sentence, language=language)
            c.figures = find_figures(sentence, language=language)
            c.attacks = find_attacks(sentence, language=language)
            c.places = find_places(sentence, language=language)
            c.dates = find_dates(sentence, language=language)
            c.speakers = find_speaker_spans(sentence, language=language)
            c.campaign = campaign_marker(sentence.text)
        out.append(c)
    kept = {id(m) for m in plausible_places((m for c in out for m in c.places), language)}
    for c in out:
        c.places = [m for m in c.places if id(m) in kept]
    return DocumentCandidates(text, out, language)
