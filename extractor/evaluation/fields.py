"""Per-field scores of one matched (predicted, gold) pair.

Every field is scored with its typed comparator (see ``compare``); field
accuracy is the mean score of a field over all matched pairs. Field names:

- incident: ``event_type``, ``status``, ``date``, ``location.name``,
  ``location.admin1``, ``location.country``, ``location.precision``,
  ``perpetrators`` (fuzzy name set F1), ``perpetrators.attribution`` (names
  paired only when their attribution agrees), ``targets``, ``weapons`` (fuzzy
  set F1);
- claim: ``claimant``, ``claimant.kind``, ``outcome``, ``population``, ``min``,
  ``max`` (exact integers, None equals None), ``qualifier``, ``incident`` (1.0
  when the claim hangs on the incident aligned to the gold claim's incident);
- statement: ``type``, ``speaker.name``, ``speaker.kind``, ``speaker.country``,
  ``speaker.organisation``, ``content``, ``quote`` (fuzzy), ``about`` (incident
  ids mapped through the incident alignment, set F1), ``date``.

Each name is prefixed with its record type, e.g. ``incident.location.name``.
"""

from __future__ import annotations

from extractor.evaluation.compare import (
    exact_set_similarity,
    key_set_similarity,
    key_similarity,
    range_similarity,
    soft_set_f1,
)
from extractor.evaluation.features import (
    ClaimFeatures,
    IncidentFeatures,
    StatementFeatures,
)

INCIDENT_FIELDS = (
    "incident.event_type",
    "incident.status",
    "incident.date",
    "incident.location.name",
    "incident.location.admin1",
    "incident.location.country",
    "incident.location.precision",
    "incident.perpetrators",
    "incident.perpetrators.attribution",
    "incident.targets",
    "incident.weapons",
)
CLAIM_FIELDS = (
    "claim.claimant",
    "claim.claimant.kind",
    "claim.outcome",
    "claim.population",
    "claim.min",
    "claim.max",
    "claim.qualifier",
    "claim.incident",
)
STATEMENT_FIELDS = (
    "statement.type",
    "statement.speaker.name",
    "statement.speaker.kind",
    "statement.speaker.country",
    "statement.speaker.organisation",
    "statement.content",
    "statement.quote",
    "statement.about",
    "statement.date",
)
ALL_FIELDS = INCIDENT_FIELDS + CLAIM_FIELDS + STATEMENT_FIELDS


def _eq(a: object, b: object) -> float:
    return 1.0 if a == b else 0.0


def _attributed(a: tuple[str, str | None], b: tuple[str, str | None]) -> float:
    return key_similarity(a[0], b[0]) if a[1] == b[1] else 0.0


def incident_field_scores(p: IncidentFeatures, g: IncidentFeatures) -> tuple[float, ...]:
    """Scores in the order of INCIDENT_FIELDS."""
    attributions = (
        1.0
        if p.attributions == g.attributions
        else soft_set_f1(p.attributions, g.attributions, _attributed)
    )
    return (
        _eq(p.event_type, g.event_type),
        _eq(p.status, g.status),
        range_similarity(p.date, g.date),
        key_similarity(p.place, g.place),
        key_similarity(p.admin1, g.admin1),
        _eq(p.country, g.country),
        _eq(p.precision, g.precision),
        key_set_similarity(p.perpetrators, g.perpetrators),
        attributions,
        key_set_similarity(p.targets, g.targets),
        key_set_similarity(p.weapons, g.weapons),
    )


def claim_field_scores(
    p: ClaimFeatures, g: ClaimFeatures, incident_pairs: dict[int, int]
) -> tuple[float, ...]:
    """Scores in the order of CLAIM_FIELDS; ``incident_pairs`` maps incident indexes."""
    return (
        key_similarity(p.claimant, g.claimant),
        _eq(p.claimant_kind, g.claimant_kind),
        _eq(p.outcome, g.outcome),
        _eq(p.population, g.population),
        _eq(p.min, g.min),
        _eq(p.max, g.max),
        _eq(p.qualifier, g.qualifier),
        _eq(incident_pairs.get(p.incident_index), g.incident_index),
    )


def statement_field_scores(
    p: StatementFeatures, g: StatementFeatures, incident_ids: dict[str, str]
) -> tuple[float, ...]:
    """Scores in the order of STATEMENT_FIELDS; ``incident_ids`` maps pred to gold ids."""
    about = tuple(incident_ids.get(i, "\0" + i) for i in p.about)
    return (
        _eq(p.type, g.type),
        key_similarity(p.speaker, g.speaker),
        _eq(p.speaker_kind, g.speaker_kind),
        _eq(p.speaker_country, g.speaker_country),
        key_similarity(p.organisation, g.organisation),
        key_similarity(p.content, g.content),
        key_similarity(p.quote, g.quote),
        exact_set_similarity(about, g.about),
        range_similarity(p.date, g.date),
    )
