"""`fuse(results)`: one Event per real-world attack, from the incidents of many results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from extractor.fuse.block import Mention, mentions
from extractor.fuse.cluster import cluster
from extractor.fuse.figures import claim_records, figures
from extractor.fuse.grade import grade, is_accused
from extractor.fuse.ids import assign_ids
from extractor.fuse.records import (
    Event,
    EventPerpetrator,
    EventStatement,
    Member,
    NearMiss,
)
from extractor.fuse.sources import source_key
from extractor.models import (
    DatePrecision,
    DateSpec,
    DocumentRecords,
    EventType,
    Location,
    StatementType,
)

__all__ = ["fuse", "previous_ids"]

_PLACE_RANK = ["point", "neighbourhood", "town", "district", "province", "country", "unknown"]
_TYPE_RANK = [t.value for t in EventType]
_STATE_VOICE = {StatementType.deny, StatementType.confirm}  # a ministry speaks for the forces


def previous_ids(events: Iterable[Event]) -> dict[str, str]:
    """doc_id#incident -> event id, from an earlier run's events."""
    return {f"{m.doc_id}#{m.incident}": e.id for e in events for m in e.members}


def _date(members: list[Mention]) -> DateSpec:
    dated = [m for m in members if m.days is not None]
    if not dated:
        return DateSpec()
    precise = [m for m in dated if m.day_precise] or dated
    counts = Counter(m.days for m in precise)
    top = max(counts.values())
    days = min(d for d, n in counts.items() if n == top)  # type: ignore[type-var]
    assert days is not None
    precision = (
        DatePrecision.day
        if days[0] == days[1]
        else min(
            (m.incident.date.precision for m in precise if m.days == days),
            key=lambda p: list(DatePrecision).index(p),
        )
    )
    return DateSpec(start=days[0], end=days[1], precision=precision, source="fused")


def _location(members: list[Mention]) -> Location:
    names = Counter(m.place for m in members if m.place)

    def rank(m: Mention) -> tuple[int, int, int, int]:
        loc = m.incident.location
        return (
            0 if loc.lat is not None and loc.lon is not None else 1,
            _PLACE_RANK.index(loc.precision),
            -names.get(m.place, 0),
            m.order,
        )

    return min(members, key=rank).incident.location


def _event_type(members: list[Mention]) -> EventType:
    counts = Counter(EventType(m.incident.event_type) for m in members)
    counts.pop(EventType.other, None)
    if not counts:
        return EventType.other
    top = max(counts.values())
    return min((t for t, n in counts.items() if n == top), key=lambda t: _TYPE_RANK.index(t))


def _perpetrators(members: list[Mention]) -> list[EventPerpetrator]:
    found: dict[str, EventPerpetrator] = {}
    for m in members:
        for p in m.incident.perpetrators:
            name = p.name or p.text
            if not name:
                continue
            entry = found.setdefault(
                name, EventPerpetrator(name=name, kind=p.kind, country=p.country)
            )
            if p.attribution not in entry.attributions:
                entry.attributions.append(p.attribution)
            if m.doc_id not in entry.named_by:
                entry.named_by.append(m.doc_id)
    return list(found.values())


def _statements(members: list[Mention], perps: list[EventPerpetrator]) -> list[EventStatement]:
    """Statements about a member incident; in a one-incident article, those about nothing."""
    out = []
    seen: set[str] = set()
    for m in members:
        if m.doc_id in seen:
            continue
        seen.add(m.doc_id)
        own = {x.incident.id for x in members if x.doc_id == m.doc_id}
        single = len(m.doc.incidents) == 1
        for st in m.doc.statements:
            if own & set(st.about) or (single and not st.about):
                out.append(
                    EventStatement(
                        doc_id=m.doc_id,
                        statement=st,
                        by_accused=is_accused(
                            st.speaker, perps, for_the_state=st.type in _STATE_VOICE
                        ),
                    )
                )
    return out


def _members(group: list[Mention], links: Mapping[str, tuple]) -> list[Member]:
    out = []
    for m in group:
        link = links.get(m.ref)
        anchor, joiner, comparison = link if link else (None, None, None)
        out.append(
            Member(
                doc_id=m.doc_id,
                incident=m.incident.id,
                source=m.doc.source,
                outlet=m.outlet,
                language=m.doc.language,
                published=m.published,
                joined_with=anchor,
                via=joiner if joiner and joiner != m.ref else None,
                score=comparison.score if comparison else None,
                levels=comparison.records() if comparison else [],
            )
        )
    return out


def fuse(
    results: Iterable[DocumentRecords], *, previous: Mapping[str, str] | None = None
) -> list[Event]:
    """Events from results (ExtractionResult or gold records), ids kept from ``previous``.

    ``previous`` maps ``doc_id#incident`` to the event id an earlier run gave
    it (see `previous_ids`). Events come in order of their first member.
    """
    items = mentions(results)
    clustering = cluster(items)
    ids = assign_ids(clustering.groups, previous)
    event_of = {m.ref: ids[i] for i, g in enumerate(clustering.groups) for m in g}
    misses: dict[str, list[NearMiss]] = {}
    for a, b, comparison, reason in clustering.misses:
        for mine, other in ((a, b), (b, a)):
            misses.setdefault(event_of[mine.ref], []).append(
                NearMiss(
                    member=mine.ref,
                    other=other.ref,
                    other_event=event_of[other.ref],
                    score=comparison.score,
                    reason=reason,
                    levels=comparison.records(),
                )
            )
    events = []
    for event_id, group in zip(ids, clustering.groups, strict=True):
        claims = claim_records(group)
        perps = _perpetrators(group)
        statements = _statements(group, perps)
        grade_, reason = grade(group, perps, statements)
        sources: dict[str, str] = {}
        for c in claims:  # a source is shown by the words of its first mention
            sources.setdefault(c.source, c.source_name)
        for m in group:
            if not m.incident.casualty_claims:
                sources.setdefault(source_key(None, m.outlet)[0], m.outlet)
        notes = []
        languages = sorted({m.doc.language for m in group if m.doc.language})
        if len(languages) > 1:
            notes.append("reported in " + ", ".join(languages))
        events.append(
            Event(
                id=event_id,
                date=_date(group),
                location=_location(group),
                event_type=_event_type(group),
                perpetrators=perps,
                members=_members(group, clustering.links),
                claims=claims,
                fatalities=figures(claims, "killed"),
                civilian_fatalities=figures(claims, "civilians_killed"),
                injured=figures(claims, "injured"),
                sources=sorted(sources.values(), key=str.casefold),
                grade=grade_,
                grade_reason=reason,
                statements=statements,
                near_misses=misses.get(event_id, []),
                notes=notes,
            )
        )
    return events
