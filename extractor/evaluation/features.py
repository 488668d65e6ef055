"""Comparison features: each record reduced once to plain, normalised values.

Alignment compares every predicted record with every gold record of a
document, so the pydantic models are read once here (names turned into
comparison keys, dates into day ranges, figures into intervals, evidence into
merged character spans) and the hot loops touch only tuples and strings.
Casualty claims are flattened per document and carry their incident's id,
place and date. With the article text, ``verified_spans`` keeps only the
evidence whose quote is the text at its offsets (strict matching uses those:
offsets that point at other words, or into another article, prove nothing).
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
    text_key,
)
from extractor.grounding.verify import span_problem
from extractor.models import (
    Actor,
    CasualtyClaim,
    DocumentRecords,
    Evidence,
    Incident,
    Statement,
)

Spans = tuple[tuple[int, int], ...]


def _country(value: str | None) -> str | None:
    """An ISO country code, case-folded (None stays None)."""
    return value.upper() if value else None


def actor_key(actor: Actor | None) -> str:
    """The comparison key of an actor: its normalised name, else as written."""
    if actor is None:
        return ""
    return name_key(actor.name or actor.text or actor.organisation)


def spans_of(evidence: list[Evidence], text: str | None = None) -> Spans:
    """Merged character spans of the evidence that has offsets.

    With ``text``, only spans grounded in it (``grounding.verify``) are kept.
    """
    raw = []
    for e in evidence:
        start, end = e.char_start, e.char_end
        if (
            start is not None
            and end is not None
            and end > start
            and (text is None or span_problem(e, text) is None)
        ):
            raw.append((start, end))
    if len(raw) < 2:
        return tuple(raw)
    return merge_spans(raw)


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
    claimant_country: str | None
    outcome: str | None
    population: str | None
    min: int | None
    max: int | None
    figure: Interval | None
    qualifier: str | None


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
    verified_spans: Spans


@dataclass(slots=True, eq=False)
class DocumentFeatures:
    incidents: list[IncidentFeatures]
    claims: list[ClaimFeatures]
    statements: list[StatementFeatures]


def _about(ids: list[str]) -> tuple[str, ...]:
    if len(ids) < 2:
        return tuple(ids)
    return tuple(sorted(set(ids)))


def incident_features(index: int, incident: Incident) -> IncidentFeatures:
    loc = incident.location
    perps = incident.perpetrators
    names = [actor_key(p) for p in perps]
    attributions = sorted(
        {(k, p.attribution) for k, p in zip(names, perps, strict=True) if k},
        key=lambda kv: (kv[0], kv[1] or ""),
    )
    return IncidentFeatures(
        index,
        incident.id,
        incident.event_type,
        incident.status,
        date_key(incident.date),
        name_key(loc.name or loc.text),
        name_key(loc.admin1),
        _country(loc.country),
        loc.precision,
        tuple(sorted({k for k in names if k})),
        tuple(attributions),
        _keys(incident.targets),
        _keys(incident.weapons),
        tuple((c.outcome, interval(c.min, c.max)) for c in incident.casualty_claims),
        spans_of(incident.evidence),
    )


def claim_features(
    index: int, incident_index: int, incident: Incident, claim: CasualtyClaim
) -> ClaimFeatures:
    claimant = claim.claimant
    return ClaimFeatures(
        index,
        incident_index,
        incident.id,
        actor_key(claimant),
        claimant.kind if claimant is not None else None,
        _country(claimant.country) if claimant is not None else None,
        claim.outcome,
        claim.population,
        claim.min,
        claim.max,
        interval(claim.min, claim.max),
        claim.qualifier,
    )


def statement_features(
    index: int, statement: Statement, text: str | None = None
) -> StatementFeatures:
    speaker = statement.speaker
    quote = statement.quote
    return StatementFeatures(
        index,
        statement.id,
        actor_key(speaker),
        speaker.kind,
        _country(speaker.country),
        name_key(speaker.organisation),
        statement.type,
        text_key(statement.content),
        text_key(quote) if quote else "",
        _about(statement.about),
        date_key(statement.date),
        spans_of(statement.evidence),
        spans_of(statement.evidence, text) if text is not None else (),
    )


def document_features(doc: DocumentRecords, text: str | None = None) -> DocumentFeatures:
    """Features of every incident, flattened casualty claim and statement.

    Without ``text`` no evidence can be verified, so ``verified_spans`` are empty.
    """
    incidents = [incident_features(i, inc) for i, inc in enumerate(doc.incidents)]
    claims: list[ClaimFeatures] = []
    for i, inc in enumerate(doc.incidents):
        for claim in inc.casualty_claims:
            claims.append(claim_features(len(claims), i, inc, claim))
    statements = [statement_features(i, s, text) for i, s in enumerate(doc.statements)]
    return DocumentFeatures(incidents, claims, statements)
