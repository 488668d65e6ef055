"""Comparison features: each record reduced once to plain, normalised values.

Alignment compares every predicted record with every gold record of a
document, so the pydantic models are read once here (names turned into
comparison keys, dates into day ranges, figures into intervals, evidence into
merged character spans) and the hot loops touch only tuples and strings.
Casualty claims are flattened per document and carry their incident's id,
place and date.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.evaluation.compare import (
    DayRange,
    Interval,
    date_key,
    interval,
    merge_spans,
    name_key,
)
from extractor.models import (
    Actor,
    CasualtyClaim,
    DocumentRecords,
    Evidence,
    Incident,
    Statement,
)

Spans = tuple[tuple[int, int], ...]


def _code(value: object) -> str | None:
    """An enum or code as a lowercase string (None stays None)."""
    if value is None:
        return None
    return str(getattr(value, "value", value)).casefold()


def actor_key(actor: Actor | None) -> str:
    """The comparison key of an actor: its normalised name, else as written."""
    if actor is None:
        return ""
    return name_key(actor.name or actor.text or actor.organisation)


def spans_of(evidence: list[Evidence]) -> Spans:
    """Merged character spans of the evidence that has offsets."""
    raw = [
        (e.char_start, e.char_end)
        for e in evidence
        if e.char_start is not None and e.char_end is not None
    ]
    return merge_spans(raw)  # type: ignore[arg-type]


def _keys(values: list[str]) -> tuple[str, ...]:
    return tuple(sorted({k for k in map(name_key, values) if k}))


@dataclass(slots=True, eq=False)
class IncidentFeatures:
    index: int
    id: str
    event_type: str | None
    status: str | None
    date: DayRange | None
    place: str
    admin1: str
    country: str | None
    precision: str | None
    perpetrators: tuple[str, ...]
    attributions: tuple[tuple[str, str | None], ...]
    targets: tuple[str, ...]
    weapons: tuple[str, ...]
    figures: tuple[tuple[str | None, Interval | None], ...]
    spans: Spans


@dataclass(slots=True, eq=False)
class ClaimFeatures:
    index: int
    incident_index: int
    incident_id: str
    claimant: str
    claimant_kind: str | None
    outcome: str | None
    population: str | None
    min: int | None
    max: int | None
    figure: Interval | None
    qualifier: str | None
    spans: Spans


@dataclass(slots=True, eq=False)
class StatementFeatures:
    index: int
    id: str
    speaker: str
    speaker_kind: str | None
    speaker_country: str | None
    organisation: str
    type: str | None
    content: str
    quote: str
    about: tuple[str, ...]
    date: DayRange | None
    spans: Spans


@dataclass(slots=True, eq=False)
class DocumentFeatures:
    incidents: list[IncidentFeatures]
    claims: list[ClaimFeatures]
    statements: list[StatementFeatures]
    claim_records: list[tuple[Incident, CasualtyClaim]]


def incident_features(index: int, incident: Incident) -> IncidentFeatures:
    loc = incident.location
    perps = incident.perpetrators
    attributions = sorted(
        {(k, _code(p.attribution)) for p in perps if (k := actor_key(p))},
        key=lambda kv: (kv[0], kv[1] or ""),
    )
    return IncidentFeatures(
        index=index,
        id=incident.id,
        event_type=_code(incident.event_type),
        status=_code(incident.status),
        date=date_key(incident.date),
        place=name_key(loc.name or loc.text),
        admin1=name_key(loc.admin1),
        country=_code(loc.country),
        precision=_code(loc.precision),
        perpetrators=tuple(sorted({k for k in map(actor_key, perps) if k})),
        attributions=tuple(attributions),
        targets=_keys(incident.targets),
        weapons=_keys(incident.weapons),
        figures=tuple(
            (_code(c.outcome), interval(c.min, c.max)) for c in incident.casualty_claims
        ),
        spans=spans_of(incident.evidence),
    )


def claim_features(index: int, incident_index: int, incident: Incident,
                   claim: CasualtyClaim) -> ClaimFeatures:
    claimant = claim.claimant
    return ClaimFeatures(
        index=index,
        incident_index=incident_index,
        incident_id=incident.id,
        claimant=actor_key(claimant),
        claimant_kind=_code(claimant.kind) if claimant is not None else None,
        outcome=_code(claim.outcome),
        population=_code(claim.population),
        min=claim.min,
        max=claim.max,
        figure=interval(claim.min, claim.max),
        qualifier=_code(claim.qualifier),
        spans=spans_of(claim.evidence),
    )


def statement_features(index: int, statement: Statement) -> StatementFeatures:
    speaker = statement.speaker
    return StatementFeatures(
        index=index,
        id=statement.id,
        speaker=actor_key(speaker),
        speaker_kind=_code(speaker.kind),
        speaker_country=_code(speaker.country),
        organisation=name_key(speaker.organisation),
        type=_code(statement.type),
        content=name_key(statement.content),
        quote=name_key(statement.quote),
        about=tuple(sorted(set(statement.about))),
        date=date_key(statement.date),
        spans=spans_of(statement.evidence),
    )


def document_features(doc: DocumentRecords) -> DocumentFeatures:
    """Features of every incident, flattened casualty claim and statement."""
    incidents = [incident_features(i, inc) for i, inc in enumerate(doc.incidents)]
    claims: list[ClaimFeatures] = []
    claim_records: list[tuple[Incident, CasualtyClaim]] = []
    for i, inc in enumerate(doc.incidents):
        for claim in inc.casualty_claims:
            claims.append(claim_features(len(claims), i, inc, claim))
            claim_records.append((inc, claim))
    statements = [statement_features(i, s) for i, s in enumerate(doc.statements)]
    return DocumentFeatures(incidents, claims, statements, claim_records)
