"""Independent sources: counted by claimant, the outlet only for its own voice.

Two articles that both cite the Syrian Observatory are one source. A person
speaking for an organisation is that organisation (UNRWA's Commissioner-General
is UNRWA). A claimant with no name is known by its kind and country ("a local
official", "residents"), as its words differ from one language to another. A
figure with no claimant is the outlet's own (its site, else the document), so
the outlet counts as a source only for such figures, or for an incident it
reports with no figure at all.
"""

from __future__ import annotations

from extractor.fuse.block import Mention, key
from extractor.models import Actor, ActorKind

__all__ = ["OUTLET", "claimant_source", "source_key"]

OUTLET = "outlet:"  # the prefix of an outlet's source key


def source_key(actor: Actor | None, outlet: str) -> tuple[str, str]:
    """(key, display name) of who gave a figure: organisation, canonical name, kind and country."""
    if actor is not None:
        name = actor.organisation or actor.name
        if name and key(name):
            return key(name), name
        if actor.kind != ActorKind.unknown or actor.country:
            who = " ".join(str(x) for x in (actor.kind, actor.country) if x)
            return f"unnamed {key(who)}", actor.text or f"unnamed {who}"
        if actor.text and key(actor.text):
            return key(actor.text), actor.text
    return f"{OUTLET}{key(outlet)}", outlet


def claimant_source(actor: Actor | None, mention: Mention) -> tuple[str, str]:
    return source_key(actor, mention.outlet)
