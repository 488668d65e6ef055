"""The actors an article names, where it names them: what a description in one of its
records ("the report", "o administrador distrital", "L'ONG") may refer to.

Two kinds of mention are listed, each normalised in the document's language:

- the speaker of every speech event (`speakers.subject_span`): "o administrador de
  Macomia, Tomás Langa", "A Polícia da República de Moçambique (PRM) em Cabo Delgado";
- every capitalised span (`speakers.find_speaker_spans`) that names an organisation or
  person of the alias tables ("OCHA", "the Syrian Observatory for Human Rights").

The list is computed once per article and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractor.candidates.sentences import find_sentences
from extractor.candidates.speakers import find_speaker_spans, is_pronoun, subject_span
from extractor.candidates.speech import find_speech
from extractor.grounding.clean import clean_for_prompt
from extractor.models import Actor
from extractor.normalise.actor_tables import canonical_names
from extractor.normalise.actors import normalise_actor

__all__ = ["Mention", "document_mentions"]


@dataclass(frozen=True)
class Mention:
    """An actor as the article names it at ``start`` (a character offset); ``speaking``
    when it is the speaker of a speech event, not only named."""

    start: int
    actor: Actor
    speaking: bool = False


@lru_cache(maxsize=64)
def document_mentions(text: str, language: str | None = None) -> tuple[Mention, ...]:
    """Every actor the article names, in text order (see the module's docstring)."""
    found: dict[int, Mention] = {}
    known = canonical_names()
    for sentence in find_sentences(text, clean_for_prompt(text)):
        for event in find_speech(sentence, language=language):
            span = subject_span(sentence, event)
            if span is None or is_pronoun(span, language):
                continue
            actor = normalise_actor(span.text, language=language)
            if actor.name or actor.organisation:
                found.setdefault(span.start, Mention(span.start, actor, speaking=True))
        for span in find_speaker_spans(sentence, language=language):
            actor = normalise_actor(span.text, language=language)
            if actor.name in known:
                found.setdefault(span.start, Mention(span.start, actor))
    return tuple(found[k] for k in sorted(found))
