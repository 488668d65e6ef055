"""Attributed speech: reporting verbs, "according to", and quotation marks.

A speech event is a reporting verb ("said", "told", "denied", "accused",
"confirmed", "claimed", "called on", "condemned", "welcomed", ...) or
"according to", with where it is in the original text. Habitual forms ("has
staunchly denied", "have been insisting") are standing positions, not
utterances (seeds/ANNOTATION.md §5.1), and are marked as such. Quoted
segments of the sentence come with it.

The verbs are the document language's (``extractor/data/speech_<language>.json``
through `lexicon`): "a déclaré", "selon", "dijo", "según", "sagte", "laut",
"zufolge" (after its source), "disse", "segundo", «قال», «بحسب». English
keeps its grammatical filters below (nouns such as "the claims", habitual
forms); a French inversion ("a-t-il déclaré") records its pronoun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.normalise.actor_tables import names_known_actor
from extractor.staged.candidates.lexicon import lexicon
from extractor.staged.candidates.noun_phrase import is_noun_phrase
from extractor.staged.candidates.sentences import Sentence

_ENGLISH = lexicon("en")
_VERB = _ENGLISH.verbs
_ACCORDING = _ENGLISH.according
_HABITUAL = re.compile(
    r"\b(?:has|have|had been|has been|have been)\s+(?:\w+ly\s+)?(?:been\s+)?$", re.IGNORECASE
)
_NOT_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:so-|was|were|is|are|be|been|being|a|an|the)\s*|so-)$", re.IGNORECASE
)
_NOUN_FORM = re.compile(r"^(?:calls(?: on| for)?|claims|reports|says|states)$", re.I)
_DETERMINER = re.compile(
    r"\b(?:the|a|an|his|her|its|their|these|those|such|any|new|earlier|conflicting|media|news"
    r"|[A-Z][a-z]+(?:ish|ian|an|ese|i))\s+$"
)
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]|‘([^‘’]{8,}?)’(?!\w)")


@dataclass(frozen=True)
class SpeechEvent:
    """One reporting verb (or "according to") in a sentence."""

    sentence: int
    start: int
    end: int
    verb: str
    habitual: bool = False
    quotes: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "verb"  # "verb", "according" (source after it), "according_after" (before it)
    language: str | None = None
    pronoun: tuple[int, int] | None = None  # an inverted subject pronoun: "a-t-il déclaré"
    source: tuple[int, int] | None = None  # a source leading a paragraph: "SOHR: ..."


def quotes_in(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans (original offsets) of the quoted words, without the quote marks."""
    out = []
    for m in _QUOTE.finditer(sentence.text):
        group = 1 if m.group(1) is not None else 2
        s, e = m.span(group)
        seg = sentence.text[s:e]
        trimmed = seg.rstrip(" ,.")
        out.append((sentence.start + s, sentence.start + s + len(trimmed)))
    return out


def _inside_quotes(pos: int, quotes: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in quotes)


# "محافظة إدلب – المرصد السوري لحقوق الإنسان: ...", "IDLIB – SOHR: ...": an optional
# dateline, then the source and a colon, at the start of a paragraph's first sentence
_LEAD = re.compile(r"^(?:[^:\n]{0,60}?\s[–—-]\s)?(?P<source>[^:\n–—]{3,90}?)\s*:\s+\S")


def _source_lead(sentence: Sentence, language: str | None) -> SpeechEvent | None:
    """The source that leads a sentence with a colon, when the actor tables know it."""
    m = _LEAD.match(sentence.text)
    if m is None or not names_known_actor(m.group("source"), language):
        return None
    a, b = m.span("source")
    b = _noun_phrase_end(sentence.text, a, b, language)
    if b is None:
        return None
    colon = sentence.text.index(":", b)
    return SpeechEvent(
        sentence.index,
        sentence.start + a,
        sentence.start + colon + 1,
        ":",
        quotes=quotes_in(sentence),
        kind="lead",
        language=language,
        source=(sentence.start + a, sentence.start + b),
    )


def _noun_phrase_end(text: str, a: int, b: int, language: str | None) -> int | None:
    """The end of the longest noun phrase naming a known actor that ``text[a:b]`` starts
    with: "the governor, X, has just posted an update on Telegram" -> "the governor, X"."""
    words = list(re.finditer(r"\S+", text[a:b]))
    for n in range(len(words), 0, -1):
        end = a + words[n - 1].end()
        phrase = text[a:end].rstrip(",")
        if is_noun_phrase(phrase, language) and names_known_actor(phrase, language):
            return a + len(phrase)
    return None


def find_speech(sentence: Sentence, *, language: str | None = None) -> list[SpeechEvent]:
    """Speech events of one sentence, left to right; verbs inside quotes are not events."""
    found = _find_speech(sentence, language)
    lead = _source_lead(sentence, language)
    if lead is not None and not any(e.start < lead.end for e in found):
        found.insert(0, lead)
    return found


def _find_speech(sentence: Sentence, language: str | None) -> list[SpeechEvent]:
    if language not in (None, "en"):
        return _find_speech_in(sentence, language)
    quotes = quotes_in(sentence)
    local = [(s - sentence.start, e - sentence.start) for s, e in quotes]
    out = []
    for m in [*_VERB.finditer(sentence.text), *_ACCORDING.finditer(sentence.text)]:
        if _inside_quotes(m.start(), local):
            continue
        before = sentence.text[: m.start()]
        if m.group().lower() in ("reported", "called", "described", "listed") and (
            _NOT_SPEECH_BEFORE.search(before)
        ):
            continue  # "the reported strike", "so-called", "was described"
        if _NOUN_FORM.match(m.group()) and _DETERMINER.search(before):
            continue  # "Turkish calls for", "the claims", "American claims": nouns
        out.append(
            SpeechEvent(
                sentence.index,
                sentence.start + m.start(),
                sentence.start + m.end(),
                m.group().lower(),
                habitual=bool(_HABITUAL.search(before)),
                quotes=quotes,
                kind="according" if m.re is _ACCORDING else "verb",
                language=language,
            )
        )
    out.sort(key=lambda e: e.start)
    return out


def _find_speech_in(sentence: Sentence, language: str) -> list[SpeechEvent]:
    """Speech events in a language other than English, from its lexicon alone."""
    lex = lexicon(language)
    quotes = quotes_in(sentence)
    local = [(s - sentence.start, e - sentence.start) for s, e in quotes]
    found: dict[int, SpeechEvent] = {}
    for kind, pattern in (
        ("according", lex.according),
        ("according_after", lex.according_after),
        ("verb", lex.verbs),
    ):
        if pattern is None:
            continue
        for m in pattern.finditer(sentence.text):
            if _inside_quotes(m.start(), local) or any(
                e.start - sentence.start <= m.start() < e.end - sentence.start
                for e in found.values()
            ):
                continue
            pronoun = None
            if kind == "verb" and lex.inverted_pronoun is not None:
                p = lex.inverted_pronoun.search(m.group())
                if p is not None:
                    bare = p.group().lstrip("-").removeprefix("t-")
                    at = m.start() + p.end() - len(bare)
                    pronoun = (sentence.start + at, sentence.start + at + len(bare))
            found[m.start()] = SpeechEvent(
                sentence.index,
                sentence.start + m.start(),
                sentence.start + m.end(),
                m.group().lower(),
                quotes=quotes,
                kind=kind,
                language=language,
                pronoun=pronoun,
            )
    return sorted(found.values(), key=lambda e: e.start)
