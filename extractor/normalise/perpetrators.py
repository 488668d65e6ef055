"""The actor behind an attack, as written: a government acts through its armed forces.

seeds/ANNOTATION.md: "Russia" or "the Syrian government" named as attackers
are their armed forces; any other perpetrator is the actor its words name.
"""

from __future__ import annotations

from extractor.models import Actor, ActorKind
from extractor.normalise.actors import normalise_actor

_FORCES_OF = {
    "Syrian Government": "Syrian Armed Forces",
    "Russian Government": "Russian Armed Forces",
    "Turkish Government": "Turkish Armed Forces",
}


def perpetrator_actor(written: str, *, language: str | None = None) -> Actor:
    """The actor a perpetrator's words name, a government's armed forces for a government."""
    actor = normalise_actor(written, language=language)
    if actor.kind == ActorKind.government and actor.name in _FORCES_OF:
        forces = normalise_actor(_FORCES_OF[actor.name])
        return forces.model_copy(update={"text": actor.text})
    return actor
