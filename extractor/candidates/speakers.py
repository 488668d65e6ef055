"""Speaker and source spans: who a speech event could be attributed to.

`subject_span` is the rule: the noun phrase that governs the reporting verb,
read backwards from the verb to the clause boundary ("which the Syrian
Observatory for Human Rights said" -> the Observatory), with an appositive
kept ("Igor Konashenkov, a Russian defence ministry spokesman, said"), the
phrase after the verb for inversions ('..." said Mark Lowcock, the UN's head
of ...') and after "according to". `find_speaker_spans` lists every span a
choice may pick from: that phrase, capitalised names and titles, and
described groups ("opposition activists", "residents and activists").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.candidates.sentences import Sentence
from extractor.candidates.speech import SpeechEvent

_TRAILING = re.compile(
    r"(?:[\s,]+(?:also|had|has|have|was|were|is|earlier|later|again|repeatedly|then|previously"
    r"|would|will|further|separately|however|once|first|initially|today|yesterday|tonight"
    r"|in a statement|in a tweet|on \w+day|\w+day|on \w+ \d{1,2}|(?:on\s+)?\w+day\s+(?:night|morning|evening)"
    r"|overnight|last week|this week|earlier this week|at the UN|at a news conference))+\s*$",
    re.IGNORECASE,
)
_DELIMITERS = re.compile(
    r"(?:[.;:]\s+|[\"”’]\s*|,\s+(?:and\s+|but\s+)?|\s+(?:which|that|whom|while|as|after|before"
    r"|when|but|because|where|although|though|by|with|amid|despite|if)\s+|^)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\s+(?:who|which|that)\s*$", re.IGNORECASE)
_APPOSITIVE = re.compile(
    r"^(?:(?:a|an|the|its|his|her|their)\s+\S|(?:head|chief|director|spokes(?:man|woman|person)"
    r"|minister|leader|commander|member|official|president|ambassador|envoy|resident|senior"
    r"|deputy|founder|secretary|general|chairman|coordinator|researcher|analyst|doctor)\b)"
)
_NAME_LIKE = re.compile(
    r"^(?:[A-Z][\w'’.-]*|al|el|de|bin|ibn|van|von|der)(?:\s+(?:[A-Z][\w'’.-]*|al|el|de|bin|ibn|van|von|der))*$"
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
_INVERSION_END = re.compile(r"[.;]\s|,\s+(?:adding|who|which|as|when|after)\b|\s+(?:adding|as)\s+")
_CAPITALISED = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Brig|Sgt|Capt|Adm)\.?\s+)*"
    r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|on|al|el|de|the|and)\s+)*[A-Z][\w'’-]*)*"
)
_GROUPS = re.compile(
    r"\b(?:(?:local|opposition|syrian|rebel|civil defence|civil defense|humanitarian|medical"
    r"|security|military|government|hospital|rescue|aid|human rights)\s+)*"
    r"(?:activists|residents|rescue workers|rescuers|aid workers|officials|witnesses|medics"
    r"|doctors|sources|monitors|journalists|rebel officials|civil defence officials)"
    r"(?:\s+and\s+(?:activists|residents|witnesses|medics|officials))?\b",
    re.IGNORECASE,
)
_NOT_SPEAKERS = {"the", "a", "an", "but", "and", "on", "in", "asked", "speaking", "meanwhile"}
_MAX_WORDS = 18
_WORTHY = re.compile(
    r"(?-i:[A-Z])|\b(?:activists?|residents?|workers?|officials?|witness(?:es)?|medics?|doctors?"
    r"|sources?|monitors?|journalists?|group|ministry|military|army|government|statement"
    r"|spokes\w+|observatory|agency|rebels?|fighters?|police|council|committee)\b",
    re.I,
)


@dataclass(frozen=True)
class SpeakerSpan:
    start: int
    end: int
    text: str


def _span(sentence: Sentence, s: int, e: int) -> SpeakerSpan | None:
    raw = sentence.text[s:e]
    left = len(raw) - len(raw.lstrip(" ,\"“”'"))
    stripped = raw.strip(" ,\"“”'")
    if not stripped or stripped.lower() in _NOT_SPEAKERS or len(stripped.split()) > _MAX_WORDS:
        return None
    s += left
    return SpeakerSpan(sentence.start + s, sentence.start + s + len(stripped), stripped)


def _after_verb(sentence: Sentence, local_end: int) -> SpeakerSpan | None:
    rest = sentence.text[local_end:]
    m = _INVERSION_END.search(rest)
    stop = m.start() if m else len(rest.rstrip(" ."))
    return _span(sentence, local_end, local_end + stop)


def subject_span(sentence: Sentence, event: SpeechEvent) -> SpeakerSpan | None:
    """The rule's speaker for a speech event: its subject, or what follows the verb."""
    vs, ve = event.start - sentence.start, event.end - sentence.start
    if event.verb == "according to":
        return _after_verb(sentence, ve)
    before = sentence.text[:vs]
    trimmed = _TRAILING.sub("", before)
    if _RELATIVE.search(trimmed) and not re.search(r"\b(?:which|that)\s*$", trimmed, re.I):
        trimmed = _RELATIVE.sub("", trimmed)  # "rescue workers who accused"
    stripped = trimmed.rstrip(" ,")
    if not stripped or stripped.endswith(('"', "”", "’", ",")):
        return _after_verb(sentence, ve)
    starts = [m.end() for m in _DELIMITERS.finditer(stripped)]
    start = max(starts) if starts else 0
    lead = re.match(
        r"(?:(?:which|that|who|whom|and|but|while|as|with|by|amid|after|before|when)\s+)+",
        stripped[start:],
        re.I,
    )
    if lead:
        start += lead.end()
    head = stripped[start:]
    if _APPOSITIVE.match(head) and start >= 2 and stripped[start - 2] == ",":
        prev = [s for s in starts if s < start - 2]
        name_start = max(prev) if prev else 0
        if _NAME_LIKE.match(stripped[name_start : start - 2].strip()):
            start = name_start
    span = _span(sentence, start, len(stripped))
    if span is None or not (_WORTHY.search(span.text) or _PRONOUN.match(span.text)):
        return None  # "to", "it was": no one to attribute the words to
    return span


def is_pronoun(span: SpeakerSpan | None) -> bool:
    return span is not None and bool(_PRONOUN.match(span.text))


def find_speaker_spans(sentence: Sentence, *, language: str | None = None) -> list[SpeakerSpan]:
    """Every span of the sentence that could name a speaker or source, left to right."""
    found: dict[tuple[int, int], SpeakerSpan] = {}
    for pattern in (_CAPITALISED, _GROUPS):
        for m in pattern.finditer(sentence.text):
            span = _span(sentence, m.start(), m.end())
            if span is not None and (span.start, span.end) not in found:
                found[(span.start, span.end)] = span
    return sorted(found.values(), key=lambda s: (s.start, s.end))
