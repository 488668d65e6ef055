"""Casualty claimants in the context of their document.

A claim's source is often written as a description the article explains
elsewhere: "the report" (the monitor named before), "L'ONG", "el gobernador"
(the governor named before), "a war monitor" (named in the next paragraph).
Each claimant is resolved here against the document's other actors, claimants
and speakers, in the order the article writes them
(`actor_context.resolve_description`):

- a description is the actor it refers to among the actors written before
  it (nearest first);
- else among the actors written after it that belong to the same incident (its
  other claims' sources, the speakers of statements about it): a description
  that points forward ("a war monitor said ... The Syrian Observatory for Human
  Rights ...") names someone of the same report, never the source of another
  incident further down the page;
- else a regional body written without its place ("the regional prosecutor's
  office", "a procuradoria regional") is that body of the incident's region,
  as the language's ``templates`` name it ("Kharkiv Regional Prosecutor's
  Office"), where the template's country is the incident's.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.models import Actor, ActorKind, CasualtyClaim, Evidence, Incident, Statement
from extractor.normalise.actor_context import resolve_description
from extractor.normalise.actor_keys import (
    actor_key,
    actor_tokens,
    language_data,
    strip_articles,
)
from extractor.normalise.keys import name_key

__all__ = ["resolve_claimants"]

_LAST = 1 << 62


@dataclass(frozen=True)
class _Written:
    at: int
    actor: Actor
    incidents: frozenset[str]


def _offset(evidence: list[Evidence]) -> int:
    starts = [e.char_start for e in evidence if e.char_start is not None]
    return min(starts) if starts else _LAST


def _resolve(
    n: int, written: list[_Written], incident: Incident, text: str, language: str | None
) -> Actor | None:
    claimant = written[n].actor
    before = [w.actor for w in reversed(written[:n])]
    found = resolve_description(claimant, before, language=language)
    if found is None:
        after = [w.actor for w in written[n + 1 :] if incident.id in w.incidents]
        found = resolve_description(claimant, after, language=language)
    return found or _regional_body(claimant, incident, text, language)


def _named(actor: Actor, language: str | None) -> bool:
    """Whether normalising found a name, not the words as written back."""
    written = actor_key(actor.text or "", language)
    return actor.name is not None and name_key(actor.name) != name_key(written)


def _region(incident: Incident, text: str) -> str | None:
    """The incident's first-level division as the article writes it: the longest start
    of its name that the text holds ("Kharkiv Oblast" -> "Kharkiv")."""
    admin1 = incident.location.admin1
    words = admin1.split() if admin1 else []
    folded = text.casefold()
    for k in range(len(words), 0, -1):
        if " ".join(words[:k]).casefold() in folded:
            return " ".join(words[:k])
    return None


def _regional_body(
    claimant: Actor, incident: Incident, text: str, language: str | None
) -> Actor | None:
    """ "a procuradoria regional" of an incident in Kharkiv Oblast: the Kharkiv Regional
    Prosecutor's Office (the words of a template of the language, without its place)."""
    if _named(claimant, language) or not claimant.text:
        return None
    region = _region(incident, text)
    if region is None:
        return None
    words = set(strip_articles(actor_tokens(claimant.text, language), language))
    for lang in dict.fromkeys([language or "en", "en"]):
        for template in language_data(lang).get("templates", []):
            written = template["written"].replace("{place}", " ")
            country = template.get("country")
            if country and incident.location.country and country != incident.location.country:
                continue
            if len(words) >= 2 and words <= set(actor_tokens(written, lang)):
                return Actor(
                    name=template["name"].replace("{place}", region),
                    text=claimant.text,
                    kind=ActorKind(template["kind"]),
                    country=country or incident.location.country,
                )
    return None


def resolve_claimants(
    incidents: list[Incident],
    statements: list[Statement],
    *,
    text: str = "",
    language: str | None = None,
) -> list[Incident]:
    """The incidents with each claim's claimant resolved in the document (module doc)."""
    written: list[_Written] = []
    claims: list[tuple[int, int, int]] = []  # (incident, claim, index into written)
    for i, inc in enumerate(incidents):
        for k, claim in enumerate(inc.casualty_claims):
            if claim.claimant is None:
                continue
            at = _offset(claim.evidence)
            claims.append((i, k, len(written)))
            written.append(_Written(at, claim.claimant, frozenset([inc.id])))
    if not claims:
        return incidents
    for st in statements:
        written.append(_Written(_offset(st.evidence), st.speaker, frozenset(st.about)))
    order = sorted(range(len(written)), key=lambda j: written[j].at)  # stable
    place = {j: n for n, j in enumerate(order)}
    ordered = [written[j] for j in order]
    resolved: dict[tuple[int, int], CasualtyClaim] = {}
    for i, k, j in claims:
        found = _resolve(place[j], ordered, incidents[i], text, language)
        if found is not None:
            claim = incidents[i].casualty_claims[k]
            resolved[(i, k)] = claim.model_copy(update={"claimant": found})
    if not resolved:
        return incidents
    out = []
    for i, inc in enumerate(incidents):
        if not any(key[0] == i for key in resolved):
            out.append(inc)
            continue
        claims_i = [resolved.get((i, k), c) for k, c in enumerate(inc.casualty_claims)]
        out.append(inc.model_copy(update={"casualty_claims": claims_i}))
    return out
