"""Align predicted records to gold records, per document and record type.

For each pair (predicted, gold) a weighted field similarity in [0, 1] is
computed; the pairs are then chosen by maximum-weight one-to-one matching
(``scipy.optimize.linear_sum_assignment``) and a pair is accepted only when
its similarity reaches the type's threshold. Records are never matched across
documents.

Weights (each type sums to 1.0; comparators in ``compare``):

- **incident** (threshold 0.5): location name 0.30, date range 0.25,
  event_type 0.15, perpetrator names 0.15, casualty figures 0.15 (soft set F1
  of the incident's figures, same outcome required).
- **casualty claim** (threshold 0.5): figure interval (min/max) 0.40,
  claimant 0.25, outcome 0.15, population 0.20. Claims are flattened per
  document; a pair whose incidents were aligned to each other gets a bonus of
  0.05 in the assignment (a small preference for the claim's own incident,
  which settles equal figures given for two incidents) but the threshold
  applies to the similarity without it.
- **statement** (threshold 0.5): speaker 0.35, type 0.20, content or quote
  (the better of the two fuzzy scores, word order kept) 0.30, evidence span
  overlap 0.15. Two statements that share neither wording (both text scores
  under the cutoff) nor a character of evidence score 0: one speaker's two
  different statements of one type must not pass as a match.

With ``strict=True`` a pair is eligible only when it also passes its type's
gate (``strict``: same figure, claimant and outcome; same speaker and type;
same place or date); the threshold then applies as before. Strict alignment
is the headline; the similarity alone gives the lenient scores.

The per-pair functions below define the similarities; for documents with many
records, ``matrix`` computes the same numbers for all pairs at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

from extractor.evaluation.compare import (
    interval_similarity,
    key_set_similarity,
    key_similarity,
    range_similarity,
    soft_set_f1,
    span_similarity,
)
from extractor.evaluation.features import (
    ClaimFeatures,
    IncidentFeatures,
    StatementFeatures,
)
from extractor.evaluation.matrix import claim_matrix, statement_matrix
from extractor.evaluation.strict import (
    claim_gate,
    claim_gate_matrix,
    gate_mask,
    incident_gate,
    statement_gate,
    statement_gate_matrix,
)

INCIDENT_WEIGHTS = {
    "location": 0.30,
    "date": 0.25,
    "event_type": 0.15,
    "perpetrators": 0.15,
    "casualties": 0.15,
}
CLAIM_WEIGHTS = {"figure": 0.40, "claimant": 0.25, "outcome": 0.15, "population": 0.20}
STATEMENT_WEIGHTS = {"speaker": 0.35, "type": 0.20, "text": 0.30, "evidence": 0.15}
THRESHOLDS = {"incident": 0.5, "claim": 0.5, "statement": 0.5}
CLAIM_CONTEXT_BONUS = 0.05
EPSILON = 1e-9
SMALL = 36
"""Pair counts up to which a per-pair loop beats the array version."""

T = TypeVar("T")

_IW = tuple(INCIDENT_WEIGHTS.values())
_CW = tuple(CLAIM_WEIGHTS.values())
_SW = tuple(STATEMENT_WEIGHTS.values())


@dataclass(slots=True)
class Alignment:
    """Accepted pairs (pred index, gold index, similarity) and the leftovers."""

    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    unmatched_pred: list[int] = field(default_factory=list)
    unmatched_gold: list[int] = field(default_factory=list)

    def pred_to_gold(self) -> dict[int, int]:
        return {p: g for p, g, _ in self.pairs}


def _figure_similarity(a: tuple[str | None, object], b: tuple[str | None, object]) -> float:
    if a[0] != b[0]:
        return 0.0
    return interval_similarity(a[1], b[1])  # type: ignore[arg-type]


def incident_similarity(p: IncidentFeatures, g: IncidentFeatures) -> float:
    """Weighted similarity of two incidents (weights in the module docstring)."""
    figures = (
        1.0 if p.figures == g.figures else soft_set_f1(p.figures, g.figures, _figure_similarity)
    )
    return (
        _IW[0] * key_similarity(p.place, g.place)
        + _IW[1] * range_similarity(p.date, g.date)
        + _IW[2] * (p.event_type == g.event_type)
        + _IW[3] * key_set_similarity(p.perpetrators, g.perpetrators)
        + _IW[4] * figures
    )


def claim_similarity(p: ClaimFeatures, g: ClaimFeatures) -> float:
    """Weighted similarity of two casualty claims, without incident context."""
    return (
        _CW[0] * interval_similarity(p.figure, g.figure)
        + _CW[1] * key_similarity(p.claimant, g.claimant)
        + _CW[2] * (p.outcome == g.outcome)
        + _CW[3] * (p.population == g.population)
    )


def statement_similarity(p: StatementFeatures, g: StatementFeatures) -> float:
    """Weighted similarity of two statements; 0 when they share neither words nor evidence."""
    text = key_similarity(p.content, g.content)
    if text < 1.0 and p.quote and g.quote:
        text = max(text, key_similarity(p.quote, g.quote))
    spans = span_similarity(p.spans, g.spans)
    if text == 0.0 and spans == 0.0:
        return 0.0
    return (
        _SW[0] * key_similarity(p.speaker, g.speaker)
        + _SW[1] * (p.type == g.type)
        + _SW[2] * text
        + _SW[3] * spans
    )


def similarity_matrix(
    pred: Sequence[T], gold: Sequence[T], similarity: Callable[[T, T], float]
) -> list[list[float]]:
    """Rows are predicted records, columns gold records."""
    return [[similarity(p, g) for g in gold] for p in pred]


def assign(
    scores: Sequence[Sequence[float]] | np.ndarray,
    threshold: float,
    bonus: Sequence[Sequence[float]] | None = None,
    *,
    n_gold: int | None = None,
) -> Alignment:
    """Maximum-weight one-to-one matching; pairs below ``threshold`` are refused.

    ``bonus`` (same shape) is added to eligible pairs for the assignment only;
    the reported similarity is the one in ``scores``. ``n_gold`` gives the
    number of gold records when there are no rows to tell it. When every row's
    best eligible column is distinct and unique, that choice is optimal and
    the solver is skipped.
    """
    rows = scores.tolist() if isinstance(scores, np.ndarray) else [list(r) for r in scores]
    n = len(rows)
    if n == 0:
        return Alignment([], [], list(range(n_gold or 0)))
    m = len(rows[0])
    if m == 0:
        return Alignment([], list(range(n)), [])
    cut = threshold - EPSILON
    if bonus is None:
        weights = [[v if v >= cut else 0.0 for v in row] for row in rows]
    else:
        weights = [
            [v + b if v >= cut else 0.0 for v, b in zip(row, brow, strict=True)]
            for row, brow in zip(rows, bonus, strict=True)
        ]
    chosen = _row_maxima(weights)
    if chosen is None:
        r, c = linear_sum_assignment(np.asarray(weights), maximize=True)
        chosen = [(i, j) for i, j in zip(r.tolist(), c.tolist(), strict=True) if weights[i][j] > 0]
    pairs = sorted((i, j, rows[i][j]) for i, j in chosen)
    used_p = {i for i, _, _ in pairs}
    used_g = {j for _, j, _ in pairs}
    return Alignment(
        pairs,
        [i for i in range(n) if i not in used_p],
        [j for j in range(m) if j not in used_g],
    )


def _row_maxima(weights: list[list[float]]) -> list[tuple[int, int]] | None:
    """Each row's best column when those are all distinct and unique, else None."""
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i, row in enumerate(weights):
        best = max(row)
        if best <= 0.0:
            continue
        j = row.index(best)
        if j in taken or row.count(best) > 1:
            return None
        taken.add(j)
        chosen.append((i, j))
    return chosen


def _gated(scores: Sequence[Sequence[float]], mask: Sequence[Sequence[float]]) -> list[list[float]]:
    return [[s * m for s, m in zip(r, mr, strict=True)] for r, mr in zip(scores, mask, strict=True)]


def align_incidents(
    pred: Sequence[IncidentFeatures], gold: Sequence[IncidentFeatures], *, strict: bool = False
) -> Alignment:
    scores = similarity_matrix(pred, gold, incident_similarity)
    if strict:
        scores = _gated(scores, gate_mask(pred, gold, incident_gate))
    return assign(scores, THRESHOLDS["incident"], n_gold=len(gold))


def align_claims(
    pred: Sequence[ClaimFeatures],
    gold: Sequence[ClaimFeatures],
    incident_pairs: dict[int, int],
    *,
    strict: bool = False,
) -> Alignment:
    """Align flattened claims; ``incident_pairs`` maps pred to gold incident index."""
    if len(pred) * len(gold) <= SMALL:
        scores: Sequence[Sequence[float]] | np.ndarray = similarity_matrix(
            pred, gold, claim_similarity
        )
        if strict:
            scores = _gated(scores, gate_mask(pred, gold, claim_gate))
    else:
        scores = claim_matrix(pred, gold, _CW)
        if strict:
            scores = scores * claim_gate_matrix(pred, gold)
    bonus = [
        [
            CLAIM_CONTEXT_BONUS if incident_pairs.get(p.incident_index) == g.incident_index else 0.0
            for g in gold
        ]
        for p in pred
    ]
    return assign(scores, THRESHOLDS["claim"], bonus, n_gold=len(gold))


def align_statements(
    pred: Sequence[StatementFeatures], gold: Sequence[StatementFeatures], *, strict: bool = False
) -> Alignment:
    if len(pred) * len(gold) <= SMALL:
        scores: Sequence[Sequence[float]] | np.ndarray = similarity_matrix(
            pred, gold, statement_similarity
        )
        if strict:
            scores = _gated(scores, gate_mask(pred, gold, statement_gate))
    else:
        scores = statement_matrix(pred, gold, _SW)
        if strict:
            scores = scores * statement_gate_matrix(pred, gold)
    return assign(scores, THRESHOLDS["statement"], n_gold=len(gold))
