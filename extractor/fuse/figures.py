"""Figures: every claim kept with its source; per source the latest figure is current.

Measures: ``killed`` (killed people, civilians or combatants), ``civilians_killed``
(killed civilians, children or women) and ``injured``. Children and women
figures are parts of a civilian toll and never stand for all killed.

Per source and measure, the current figure is read from the source's latest
article (publication date, then input order); within that article its
largest figure for the measure (a toll that "rose to 61" only rises within
one article, and a smaller later figure is a part of it, such as "six others"),
or its civilian and combatant figures added when that is larger.

Over the current figures of the named sources (the outlet's own figures only
when no named source gives one for the measure: an outlet's "dozens of
bodies" restates or rounds what it cites), in the UCDP GED sense:
low = the smallest lower bound, high = the largest upper bound (an open
figure such as "at least 35" counts as 35), best = the figure given by the
most sources, ties broken by the lower median of the current figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from extractor.fuse.block import Mention
from extractor.fuse.records import ClaimRecord, Figures
from extractor.fuse.sources import OUTLET, claimant_source
from extractor.models import Outcome, Population

__all__ = ["MEASURES", "claim_records", "figures", "measures_of"]

_ALL = {Population.people, Population.civilians, Population.combatants}
_CIVILIAN = {Population.civilians, Population.children, Population.women}
MEASURES: dict[str, tuple[Outcome, set[Population]]] = {
    "killed": (Outcome.killed, _ALL),
    "civilians_killed": (Outcome.killed, _CIVILIAN),
    "injured": (Outcome.injured, _ALL),
}


def measures_of(outcome: str, population: str) -> list[str]:
    return [
        name
        for name, (want, populations) in MEASURES.items()
        if outcome == want and population in populations
    ]


def _quote(claim: object) -> str | None:
    evidence = getattr(claim, "evidence", None) or []
    return evidence[0].quote if evidence else None


def claim_records(members: Iterable[Mention]) -> list[ClaimRecord]:
    """Every claim of the members, attached to its source, article, date and quote."""
    records = []
    for m in members:
        for i, claim in enumerate(m.incident.casualty_claims):
            source, name = claimant_source(claim.claimant, m)
            records.append(
                ClaimRecord(
                    source=source,
                    source_name=name,
                    claimant=claim.claimant,
                    doc_id=m.doc_id,
                    incident=m.incident.id,
                    published=m.published,
                    order=m.order * 100 + i,
                    outcome=claim.outcome,
                    population=claim.population,
                    min=claim.min,
                    max=claim.max,
                    qualifier=claim.qualifier,
                    text=claim.text,
                    quote=_quote(claim),
                    measures=measures_of(claim.outcome, claim.population),
                )
            )
    _mark_current(records)
    return records


def _low(c: ClaimRecord) -> int | None:
    return c.min if c.min is not None else c.max


def _high(c: ClaimRecord) -> int | None:
    return c.max if c.max is not None else c.min


def _current(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    """A source's current claims for one measure, from its latest article.

    Its largest figure there; or, when larger, its largest civilian figure
    plus its largest combatant figure (two police officers and one civilian
    are three killed).
    """
    latest = max(claims, key=lambda c: (c.published or dt.date.min, c.order // 100))
    same_article = [c for c in claims if c.doc_id == latest.doc_id]
    largest = max(same_article, key=lambda c: (_low(c) or 0, c.order))
    parts = [
        max(group, key=lambda c: (_low(c) or 0, c.order))
        for population in (Population.civilians, Population.combatants)
        if (group := [c for c in same_article if c.population == population])
    ]
    if len(parts) == 2 and sum(_low(c) or 0 for c in parts) > (_low(largest) or 0):
        return parts
    return [largest]


def _mark_current(records: list[ClaimRecord]) -> None:
    for measure in MEASURES:
        by_source: dict[str, list[ClaimRecord]] = {}
        for c in records:
            if measure in c.measures and _low(c) is not None:
                by_source.setdefault(c.source, []).append(c)
        for claims in by_source.values():
            for current in _current(claims):
                current.current.append(measure)


def figures(records: list[ClaimRecord], measure: str) -> Figures:
    by_source: dict[str, tuple[int, int]] = {}
    for c in records:
        if measure in c.current:
            low, high = by_source.get(c.source, (0, 0))
            by_source[c.source] = (low + (_low(c) or 0), high + (_high(c) or 0))
    named = {k: v for k, v in by_source.items() if not k.startswith(OUTLET)}
    by_source = named or by_source  # the outlet's own figure only where no one is cited
    if not by_source:
        return Figures()
    values = sorted(low for low, _high in by_source.values())
    counts = Counter(values)
    top = max(counts.values())
    if top > 1 and list(counts.values()).count(top) == 1:
        best = counts.most_common(1)[0][0]
    else:
        best = values[(len(values) - 1) // 2]
    return Figures(
        low=values[0],
        best=best,
        high=max(high for _low, high in by_source.values()),
        sources=len(by_source),
    )
