"""The actor behind an attack, as written: a country acts through its armed forces.

seeds/ANNOTATION.md: "Russia" or "the Syrian government" named as attackers
are their armed forces. So is a people named as the attacker ("the
Russians", "los rusos", «الروس»: ``peoples`` in
``extractor/data/actors_<language>.json``, English plurals from the demonym
table). Any other perpetrator is the actor its words name.
"""

from __future__ import annotations

from functools import lru_cache

from extractor.models import Actor, ActorKind
from extractor.normalise.actor_keys import actor_key, language_data
from extractor.normalise.actors import normalise_actor
from extractor.normalise.demonyms import country_of, demonym_of

_FORCES_OF = {
    "Syrian Government": "Syrian Armed Forces",
    "Russian Government": "Russian Armed Forces",
    "Turkish Government": "Turkish Armed Forces",
}


@lru_cache(maxsize=16)
def _peoples(language: str) -> dict[str, str]:
    """A language's names of peoples, by `actor_key`, to ISO alpha-3."""
    table = language_data(language).get("peoples", {})
    return {actor_key(w, language).casefold(): iso3 for iso3, ws in table.items() for w in ws}


def _people(written: str, language: str | None) -> str | None:
    """The country of a people written alone ("the Russians", "rusos"), else None."""
    words = written.strip().split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) == 1 and words[0].lower().endswith("s"):  # English plurals
        iso3 = country_of(words[0].lower()[:-1])
        if iso3 is not None:
            return iso3
    if language in (None, "en"):
        return None
    return _peoples(language).get(actor_key(written, language).casefold())


def perpetrator_actor(written: str, *, language: str | None = None) -> Actor:
    """The actor a perpetrator's words name; a government's or a people's armed forces."""
    actor = normalise_actor(written, language=language)
    if actor.kind == ActorKind.government and actor.name in _FORCES_OF:
        forces = normalise_actor(_FORCES_OF[actor.name])
        return forces.model_copy(update={"text": actor.text})
    if actor.kind == ActorKind.unknown:
        demonym = demonym_of(iso3) if (iso3 := _people(written, language)) else None
        if demonym is not None:
            forces = normalise_actor(f"the {demonym} army")
            return forces.model_copy(update={"text": actor.text})
    return actor
