"""The actors an article names, where it names them: what a description in one of its
records ("the report", "o administrador distrital", "L'ONG") may refer to.

Two kinds of mention are listed, each normalised in the document's language:

- the speaker of every speech event (`speakers.subject_span`): "o administrador de
  Macomia, Tomás Langa", "A Polícia da República de Moçambique (PRM) em Cabo Delgado";
- every organisation or person of the alias tables a sentence names, wherever it
  stands ("OCHA", "Die israelische Armee griff ... an"), and every capitalised span
  (`speakers.find_speaker_spans`) the tables read as a whole ("Civil Defence").

The list is computed once per article and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.grounding.clean import clean_for_prompt
from extractor.models import Actor, Evidence, Incident, Statement
from extractor.normalise.actor_context import resolve_at
from extractor.normalise.actor_keys import actor_tokens
from extractor.normalise.actor_tables import canonical_names, clean, tables
from extractor.normalise.actors import normalise_actor
from extractor.normalise.keys import find_phrases, name_key
from extractor.normalise.language_actors import bare_template, region_place
from extractor.staged.candidates.places import find_places
from extractor.staged.candidates.sentences import Sentence, find_sentences
from extractor.staged.candidates.speakers import find_speaker_spans, is_pronoun, subject_span
from extractor.staged.candidates.speech import find_speech

__all__ = ["Mention", "document_mentions", "regional_body", "resolve_record_actors"]


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
        spans = [
            (span.start, span.text) for span in find_speaker_spans(sentence, language=language)
        ]
        for start, written in [*spans, *_table_names(sentence, language)]:
            actor = normalise_actor(written, language=language)
            if actor.name in known:
                found.setdefault(start, Mention(start, actor))
    return tuple(found[k] for k in sorted(found))


def _table_names(sentence: Sentence, language: str | None) -> list[tuple[int, str]]:
    """Each organisation or person of the alias tables the sentence names, wherever it
    stands ("Die israelische Armee griff ... an"): its offset and words."""
    people, orgs, _, longest = tables()
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", sentence.text)]
    tokens: list[str] = []
    owner: list[int] = []
    for n, (_, word) in enumerate(words):
        for t in actor_tokens(word, language):
            tokens.append(t)
            owner.append(n)
    out = []
    for index in (orgs, people):
        for i, j in find_phrases(tokens, index, longest):
            first, last = words[owner[i]], words[owner[j - 1]]
            written = sentence.text[first[0] : last[0] + len(last[1])]
            out.append((sentence.start + first[0], written))
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of ``text`` that holds ``start:end``."""
    first = (
        max(text.rfind("\n", 0, start), *(text.rfind(m, 0, start) + 1 for m in (". ", "? ", "! ")))
        + 1
    )
    stops = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    return text[first : min(stops) if stops else len(text)]


def regional_body(
    actor: Actor, text: str, span: tuple[int, int], language: str | None = None
) -> Actor | None:
    """A body of a region written without its region ("the regional military
    administration", "a procuradoria regional") named after the region its evidence is
    about: the province of the place named last before it there, else first after it
    ("In the neighbouring Sumy region, ... the regional military administration said" ->
    Sumy Regional Military Administration); the evidence is ``text[span[0]:span[1]]``, or
    the sentence around it when it names no place. None when neither names a place of
    the body's country."""
    if not actor.text or span[1] <= span[0]:
        return None
    cleaned = clean(actor.text)
    if actor.name is not None and name_key(actor.name) != name_key(cleaned):
        return None  # already named
    found = bare_template(cleaned, language)
    if not found:
        return None
    countries = {country: (name, kind) for name, kind, country in found}
    for evidence in dict.fromkeys([text[span[0] : span[1]], _sentence_around(text, *span)]):
        region = _region_in(evidence, cleaned, set(countries), language)
        if region is not None:
            place, country = region
            name, kind = countries[country]
            return Actor(
                name=name.replace("{place}", place),
                text=actor.text,
                kind=kind,
                country=country,
                role=actor.role,
            )
    return None


def _region_in(
    evidence: str, written: str, countries: set[str | None], language: str | None
) -> tuple[str, str | None] | None:
    at = evidence.find(written)
    at = at if at >= 0 else len(evidence)
    sentence = Sentence(0, 0, len(evidence), evidence, 0, True)
    places = [
        p for p in find_places(sentence, language=language) if p.location.country in countries
    ]
    before = [p for p in places if p.start < at]
    for mention in [*reversed(before), *(p for p in places if p.start >= at)]:
        place = region_place(mention.location.admin1, mention.location.country)
        if place:
            return place, mention.location.country
    return None


def _span(*evidence: list[Evidence]) -> tuple[int, int]:
    for quotes in evidence:
        for e in quotes:
            if e.char_start is not None and e.char_end is not None:
                return e.char_start, e.char_end
    return 0, 0


def resolve_record_actors(
    incidents: list[Incident], statements: list[Statement], text: str, language: str | None
) -> None:
    """Each claimant and speaker that only describes an actor ("the report", "el
    gobernador", "L'ONG") becomes the actor it refers to: the nearest one the article or
    another record names (`actor_context.resolve_at`), or a regional body named after its
    region (`regional_body`). The records are changed in place."""
    claims = [
        (c, _span(c.evidence, inc.evidence)) for inc in incidents for c in inc.casualty_claims
    ]
    mentions = [(m.start, m.actor, m.speaking) for m in document_mentions(text, language)]
    mentions += [(at[0], c.claimant, True) for c, at in claims if c.claimant is not None]
    mentions += [(_span(st.evidence)[0], st.speaker, True) for st in statements]

    def resolved(actor: Actor, span: tuple[int, int]) -> Actor | None:
        return regional_body(actor, text, span, language) or resolve_at(
            actor, span, mentions, language=language, text=text
        )

    for claim, at in claims:
        if claim.claimant is not None:
            claim.claimant = resolved(claim.claimant, at) or claim.claimant
    for st in statements:
        st.speaker = resolved(st.speaker, _span(st.evidence)) or st.speaker
