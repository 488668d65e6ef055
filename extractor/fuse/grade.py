"""The grade of an event, in the spirit of Airwars' public scale.

In this order:

- ``confirmed``: the accused acknowledges (a ``confirm`` statement about the
  event by a named perpetrator, or an attribution ``claimed``); a denial it
  adds is then about the toll ("no civilian was hit"), not the attack.
- ``contested``: the accused denies (a ``deny`` statement about the event by
  a named perpetrator, or a perpetrator whose attribution is ``denied``), or
  two articles name perpetrators with nothing in common.
- ``fair``: two or more independent sources attribute it (the sources of the
  articles that name a perpetrator, and the speakers of ``accuse`` statements).
- ``weak``: otherwise (one source, or no perpetrator named).

``discounted`` is never set here: it is left for a reviewer.

A speaker is (part of) a perpetrator when its canonical name or organisation
is the perpetrator's, or both are state actors (government or state
military) of the same country and the statement is a denial or a
confirmation: the Russian Defence Ministry speaks for the Russian Armed
Forces.
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.fuse.block import Mention, key
from extractor.fuse.records import EventPerpetrator, EventStatement, Grade
from extractor.fuse.sources import claimant_source
from extractor.models import Actor, ActorKind, Attribution, StatementType

__all__ = ["grade", "is_accused"]

_STATE = {ActorKind.government, ActorKind.state_military}


def is_accused(
    speaker: Actor, perpetrators: Iterable[EventPerpetrator], *, for_the_state: bool = True
) -> bool:
    """The speaker is (part of) a perpetrator; ``for_the_state`` admits a state actor of its country."""
    names = {key(speaker.name), key(speaker.organisation)} - {""}
    for p in perpetrators:
        if key(p.name) in names:
            return True
        tokens = set(key(p.name).split())
        if any(tokens and (tokens <= set(n.split()) or set(n.split()) <= tokens) for n in names):
            return True
        if (
            for_the_state
            and speaker.country
            and speaker.country == p.country
            and speaker.kind in _STATE
            and p.kind in {k.value for k in _STATE}
        ):
            return True
    return False


def _attributing_sources(members: list[Mention], statements: list[EventStatement]) -> set[str]:
    sources: set[str] = set()
    for m in members:
        if not m.perpetrators:
            continue
        claims = m.incident.casualty_claims
        if claims:
            sources.update(claimant_source(c.claimant, m)[0] for c in claims)
        else:
            sources.add(claimant_source(None, m)[0])
    for s in statements:
        if s.statement.type == StatementType.accuse and not s.by_accused:
            sources.add(key(s.statement.speaker.name or s.statement.speaker.text) or s.doc_id)
    return sources


def grade(
    members: list[Mention], perpetrators: list[EventPerpetrator], statements: list[EventStatement]
) -> tuple[Grade, str]:
    """The grade and the rule that gave it."""
    acks = [s for s in statements if s.by_accused and s.statement.type == StatementType.confirm]
    if acks:
        who = acks[0].statement.speaker.name or acks[0].statement.speaker.text
        return Grade.confirmed, f"the accused acknowledges ({who}, {acks[0].doc_id})"
    if any(Attribution.claimed in p.attributions for p in perpetrators):
        return Grade.confirmed, "a perpetrator claimed it"
    denials = [s for s in statements if s.by_accused and s.statement.type == StatementType.deny]
    if denials:
        who = denials[0].statement.speaker.name or denials[0].statement.speaker.text
        return Grade.contested, f"the accused denies ({who}, {denials[0].doc_id})"
    if any(Attribution.denied in p.attributions for p in perpetrators):
        return Grade.contested, "a perpetrator's attribution is denied"
    named = [m for m in members if m.perpetrators]
    for i, a in enumerate(named):
        for b in named[i + 1 :]:
            if not a.perpetrators & b.perpetrators:
                return Grade.contested, f"{a.doc_id} and {b.doc_id} name different perpetrators"
    sources = _attributing_sources(members, statements)
    if len(sources) >= 2:
        return Grade.fair, f"{len(sources)} independent sources attribute it"
    return Grade.weak, f"{len(sources)} source attributes it" if sources else "no perpetrator named"
