"""The choices a staged extraction puts to the model, each with its rule answer.

A `Question` names its kind, the sentence and context it is about, the
options (candidate spans, or a small closed set, plus "none") and the rule's
answer, which stands when the model is not asked or answers badly. Kinds:

* ``speaker``: who is speaking in a speech event (options: the subject rule's
  span, the sentence's names and groups);
* ``claimant``: who gave a casualty figure (the sentence's speaker spans);
* ``campaign``: whether a figure is an incident's or a campaign total;
* the statement type is never asked: its keyword rule (`type_rules`) answers
  it, since asked zero-shot the embedded model labels types worse than chance.

Questions are built from the candidates (`extractor.staged.candidates`) only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.staged.candidates.document import DocumentCandidates, SentenceCandidates
from extractor.staged.candidates.lexicon import fold, lexicon
from extractor.staged.candidates.speakers import SpeakerSpan, subject_span
from extractor.staged.candidates.speech import SpeechEvent

NONE = "none"
_PREPOSITION = re.compile(r"(?:of|in|for|to|from|on|at|with|about|over)\s", re.I)


@dataclass(frozen=True)
class Question:
    kind: str
    key: tuple[int, ...]
    sentence: int
    prompt: str
    options: tuple[str, ...]
    rule: str


def speech_subjects(c: SentenceCandidates) -> dict[int, SpeakerSpan | None]:
    """The subject rule for each speech event of a sentence, coordinated verbs sharing one.

    "The ministry said ... and complained ..." gives the second verb the
    first one's subject; so does a subject phrase that runs over an earlier
    reporting verb.
    """
    out: dict[int, SpeakerSpan | None] = {}
    previous: SpeechEvent | None = None
    for event in c.speech:
        span = subject_span(c.sentence, event)
        if previous is not None and out.get(previous.start) is not None:
            runs_over = span is not None and span.start <= previous.start < span.end
            coordinated = span is None or runs_over or span.text.lower().endswith(" and")
            coordinated = coordinated or _after_relative(c, event)
            if coordinated or (span is not None and _PREPOSITION.match(span.text)):
                span = out[previous.start]
        elif previous is not None and _after_relative(c, event):
            span = None  # "..., qui appelle le gouvernement": its object is no speaker
        out[event.start] = span
        previous = event
    for event, after in zip(c.speech, c.speech[1:], strict=False):
        if out.get(event.start) is None and follows_according(c, after):
            out[event.start] = out.get(after.start)
    return out


def follows_according(c: SentenceCandidates, event: SpeechEvent) -> bool:
    """Whether a reporting verb completes the "according to" right before it ("وفقاً لما
    أفاد به X", "según lo que informó X"): one attribution, not a second statement."""
    earlier = [e for e in c.speech if e.end <= event.start]
    if not earlier or earlier[-1].kind != "according":
        return False
    gap = c.sentence.text[earlier[-1].end - c.sentence.start : event.start - c.sentence.start]
    return not re.search(r"[^\w\s'’]", gap) and len(gap.split()) <= 2


def _after_relative(c: SentenceCandidates, event: SpeechEvent) -> bool:
    """Whether a relative pronoun comes right before the verb ("dijo el gobernador, quien
    pidió", "who urged"): its subject is the one the earlier verb named."""
    words = c.sentence.text[: event.start - c.sentence.start].split()
    lex = lexicon(event.language)
    if len(words) > 2 and fold(words[-2]) in lex.prepositions:
        words = words[:-2] + words[-1:]  # "..., al que calificó de"
    if len(words) < 2 or not words[-2].endswith(","):
        return False
    return fold(words[-1]) in lex.relatives


def _options(spans: list[str], rule: str) -> tuple[str, ...]:
    seen: list[str] = []
    for s in [rule, *spans]:
        if s and s != NONE and s not in seen:
            seen.append(s)
    return (*seen[:12], NONE)


def speaker_questions(doc: DocumentCandidates) -> list[Question]:
    out = []
    for i, c in enumerate(doc.sentences):
        subjects = speech_subjects(c)
        for event in c.speech:
            if event.habitual:
                continue
            rule = subjects[event.start]
            verb = c.sentence.text[event.start - c.sentence.start : event.end - c.sentence.start]
            out.append(
                Question(
                    "speaker",
                    (event.start,),
                    i,
                    f'Who is the speaker of "{verb}" in this sentence?',
                    _options([s.text for s in c.speakers], rule.text if rule else NONE),
                    rule.text if rule else NONE,
                )
            )
    return out


def governing_event(c: SentenceCandidates, position: int) -> SpeechEvent | None:
    """The speech event a figure at ``position`` is reported under.

    The nearest non-habitual reporting verb before the figure, else the first
    one after it ("Seven children were among the dead, ... director said").
    """
    events = [e for e in c.speech if not e.habitual]
    before = [e for e in events if e.start < position]
    if before:
        return before[-1]
    return events[0] if events else None


def claimant_questions(doc: DocumentCandidates) -> list[Question]:
    out = []
    for i, c in enumerate(doc.sentences):
        subjects = speech_subjects(c)
        for figure in c.figures:
            event = governing_event(c, figure.start)
            rule = subjects.get(event.start) if event else None
            out.append(
                Question(
                    "claimant",
                    (figure.start,),
                    i,
                    f'Who gave the figure "{figure.text}"?',
                    _options([s.text for s in c.speakers], rule.text if rule else NONE),
                    rule.text if rule else NONE,
                )
            )
    return out


def campaign_questions(doc: DocumentCandidates) -> list[Question]:
    """Incident or campaign total, for every figure (the rule: a campaign marker)."""
    totals = {
        (f.outcome, f.min)
        for c in doc.sentences
        if c.campaign
        for f in c.figures
        if f.min is not None
    }
    out = []
    for i, c in enumerate(doc.sentences):
        for figure in c.figures:
            repeated = (figure.outcome, figure.min) in totals
            rule = "campaign total" if c.campaign or repeated else "one attack"
            out.append(
                Question(
                    "campaign",
                    (figure.start,),
                    i,
                    f'Is "{figure.text}" the toll of one attack, or a campaign total over '
                    "several days or places?",
                    ("one attack", "campaign total"),
                    rule,
                )
            )
    return out
