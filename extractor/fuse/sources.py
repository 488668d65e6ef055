"""Independent sources: counted by claimant, the outlet only for its own voice.

Two articles that both cite the Syrian Observatory are one source. A figure
with no claimant is the outlet's own (its site, else the document), so the
outlet counts as a source only for such figures, or for an incident it
reports with no figure at all.
"""

from __future__ import annotations

from extractor.fuse.block import Mention, key
from extractor.models import Actor

__all__ = ["OUTLET", "claimant_source", "source_key"]

OUTLET = "outlet:"  # the prefix of an outlet's source key


def source_key(actor: Actor | None, outlet: str) -> tuple[str, str]:
    """(key, display name) of who gave a figure: the claimant's canonical name, else its words."""
    if actor is not None:
        name = actor.name or actor.organisation or actor.text
        if name and key(name):
            return key(name), name
    return f"{OUTLET}{key(outlet)}", outlet


def claimant_source(actor: Actor | None, mention: Mention) -> tuple[str, str]:
    return source_key(actor, mention.outlet)
