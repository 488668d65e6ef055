"""The choices a staged extraction puts to the model, each with its rule answer.

A `Question` names its kind, the sentence and context it is about, the
options (candidate spans, or a small closed set, plus "none") and the rule's
answer, which stands when the model is not asked or answers badly. Kinds:

* ``speaker``: who is speaking in a speech event (options: the subject rule's
  span, the sentence's names and groups);
* ``claimant``: who gave a casualty figure (the sentence's speaker spans);
* ``campaign``: whether a figure is an incident's or a campaign total;
* the statement type stays with its keyword rule (`statement_type`): asked
  zero-shot the embedded model labels types worse than chance.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.candidates.document import DocumentCandidates, SentenceCandidates
from extractor.candidates.lexicon import lexicon
from extractor.candidates.speakers import SpeakerSpan, subject_span
from extractor.candidates.speech import SpeechEvent
from extractor.normalise.actors import armed_actor_names
from extractor.normalise.demonyms import demonyms

NONE = "none"
_PREPOSITION = re.compile(r"(?:of|in|for|to|from|on|at|with|about|over)\s", re.I)
TYPES = ("deny", "accuse", "confirm", "claim", "condemn", "appeal", "support", "comment")


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
            if coordinated or (span is not None and _PREPOSITION.match(span.text)):
                span = out[previous.start]
        out[event.start] = span
        previous = event
    return out


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


_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "deny",
        re.compile(
            r"\b(?:den(?:ied|ies|y|ying)|reject(?:ed|s)?|dismiss(?:ed|es)?|refut(?:ed|es)"
            r"|did not (?:carry out|target|strike|hit|bomb)|do not strike|not targeted|never"
            r"|fabricat\w+|charlatans|horror story|baseless|lies|false|no truth)\b",
            re.I,
        ),
    ),
    (
        "appeal",
        re.compile(
            r"\b(?:call(?:ed|ing|s)? (?:on|for)|made a call|urg(?:ed|es|ing)|appeal(?:ed|s)?"
            r"|demand(?:ed|s)|asked \w+ to|must stop|should stop)\b",
            re.I,
        ),
    ),
    (
        "condemn",
        re.compile(
            r"\b(?:condemn\w*|denounc\w+|crimes?|massacres?|barbaric|indefensible|atrocit\w+"
            r"|war crimes?|outrag\w+|heinous|brutal)\b",
            re.I,
        ),
    ),
    (
        "support",
        re.compile(
            r"\b(?:welcom\w+|support(?:s|ed)?|fully supports|back(?:ed|s)|endors\w+|prais\w+)\b",
            re.I,
        ),
    ),
    (
        "confirm",
        re.compile(r"\b(?:confirm\w*|acknowledg\w+|admit\w*|target(?:ing|ed) )\b", re.I),
    ),
    (
        "accuse",
        re.compile(r"\b(?:accus\w+|blam\w+|responsible for|launched by|carried out by)\b", re.I),
    ),
]
_PERPETRATOR = re.compile(
    r"\b(?:Russian|Syrian|Turkish|Iranian|Israeli|Saudi|American|U\.?S\.?|coalition|government"
    r"|regime|pro-government|rebel|IS|ISIS|Islamic State)(?:-led)?\s+(?:and\s+\w+\s+)?"
    r"(?:jets|warplanes|planes|aircraft|air ?strikes|forces|troops|military|army|helicopters"
    r"|drones|artillery|strikes|air force|bombers|raids|governments?)\b|\b(?:Moscow|Damascus) of\b",
    re.I,
)
_WEAPONS = (
    r"(?:jets?|warplanes?|planes?|aircraft|air ?strikes?|air raids?|raids?|forces|troops|military"
    r"|army|helicopters?|drones?|drone (?:strikes?|attacks?)|artillery|strikes?|air force|bombers"
    r"|shelling|shells|missiles?|missile strikes?|rockets?|attacks?|militants|fighters|gunmen"
    r"|soldiers|navy|warships?)"
)


@functools.cache
def _attacker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any country's forces or weapons ("a Ukrainian drone attack", "Pakistani warplanes"),
    and a known armed group or force doing the attacking ("Al-Shabaab militants detonated",
    "the Arakan Army had attacked")."""
    nations = "|".join(re.escape(d) for d in demonyms())
    forces = re.compile(
        rf"\b(?:{nations})(?:-led|-backed)?\s+(?:\w+\s+)?{_WEAPONS}\b", re.IGNORECASE
    )
    groups = "|".join(re.escape(n) for n in armed_actor_names())
    acting = re.compile(
        rf"(?<![\w-])(?:{groups})(?![\w-])[^,.;]{{0,40}}?\b(?:attacked|stormed|detonated|bombed"
        r"|shelled|struck|fired|launched|raided|targeted|hit|killed|ambushed)\b",
    )
    return forces, acting


def names_attacker(clause: str) -> bool:
    """Whether a clause says who attacked."""
    if _PERPETRATOR.search(clause):
        return True
    forces, acting = _attacker_patterns()
    return bool(forces.search(clause) or acting.search(clause))


_HARM = re.compile(
    r"\b(?:killed|killing|dead|wounded|injured|toll|hit|struck|destroyed|targeted|damaged"
    r"|bodies|casualties|attack(?:ed)?|bombed|shelled)\b",
    re.I,
)


def statement_type(
    clause: str,
    *,
    attack: bool,
    figure: bool,
    own_side: bool,
    witness: bool = False,
    language: str | None = None,
    context: str = "",
) -> str:
    """The keyword rule: the first type whose words the clause holds, else by content.

    A report of an attack that names the attacker is ``accuse`` (or
    ``confirm`` from the attacker's own side); a toll or an account of what
    was hit without blame is ``claim``; anything else ``comment``. In
    another language the cue words are its lexicon's (``types`` in
    ``extractor/data/speech_<language>.json``; its ``claim`` cues, words of
    harm such as "tués" or «قتلى», stand for the content rule's, read in the whole
    ``context`` sentence too: '« ... », a dit un élu' reports what comes before it).
    """
    harm = False
    if language not in (None, "en"):
        harm = any(k == "claim" and p.search(context) for k, p in lexicon(language).types)
        for kind, pattern in lexicon(language).types:
            if pattern.search(clause):
                if kind == "claim":
                    harm = True
                    continue
                return kind
    for kind, pattern in _TYPE_RULES:
        if pattern.search(clause):
            return kind
    if own_side:
        return "confirm"
    if (attack or figure) and names_attacker(clause):
        return "accuse"
    if figure or witness or harm or _HARM.search(clause):
        return "claim"
    return "comment"


def type_clause(c: SentenceCandidates, event: SpeechEvent) -> str:
    """The words a speech event governs: from its verb to the next event, or the whole
    sentence when the verb comes after what was said."""
    s = c.sentence
    later = [e for e in c.speech if e.start > event.start and not e.habitual]
    stop = later[0].start if later else s.end
    if later and len(s.text[event.end - s.start : stop - s.start].split()) <= 3:
        stop = later[1].start if len(later) > 1 else s.end  # "said it fully supports ..."
    clause = s.text[event.start - s.start : stop - s.start]
    if len(clause.split()) <= 4:  # '"...," he said.': what was said comes first
        earlier = [e for e in c.speech if e.end <= event.start]
        begin = earlier[-1].end if earlier else s.start
        clause = s.text[begin - s.start : stop - s.start]
    return clause
