"""Strict record identity: the conditions under which a pair may match at all.

The headline scores (``incident_f1``, ``claim_f1``, ``statement_f1``) align
records as ``match`` does, but a pair is eligible only when it passes its
type's gate; the lenient scores use the similarity alone. A gate is a yes/no
question a researcher would ask of a pair:

- **casualty claim**: the same outcome and population (children are not
  civilians in general), the same claimant (names similar by at least
  ``ACTOR_CUTOFF`` after normalisation, both unknown counting as the same,
  countries not contradicting each other) and the same figure:
  :func:`figures_agree`.
- **statement**: the same speaker (as for claimants), the same type, and
  either verified evidence that overlaps the gold evidence (spans whose quote
  is the article text at their offsets: ``features.verified_spans``) or
  content or quote at least ``TEXT_CUTOFF`` similar.
- **incident**: the same place (names similar by at least ``PLACE_CUTOFF``
  and no contradicting admin1; or a province-level place containing the
  other) or overlapping known dates. Evidence wording alone never suffices.

Records are only ever compared within their own document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from extractor.evaluation.compare import Interval, key_similarity
from extractor.evaluation.features import ClaimFeatures, IncidentFeatures, StatementFeatures
from extractor.evaluation.matrix import code_ids, equal_matrix, key_matrix, span_matrix

ACTOR_CUTOFF = 0.8
PLACE_CUTOFF = 0.8
TEXT_CUTOFF = 0.7

T = TypeVar("T")


def figures_agree(a: Interval | None, b: Interval | None) -> bool:
    """Whether two casualty figures state the same number.

    Figures are compared as their sources state them, so that a figure off
    by one never passes: the same lower bound, and the same upper bound
    unless one of them is open ("at least 53" agrees with "53" and with
    "53 to 60"; two open figures agree when their bounds are equal); or an
    exact figure inside a stated range ("9" and "between 8 and 10"; not
    inside an "up to" range, which states no lower bound). Both unknown
    agree; one unknown does not.
    """
    if a is None or b is None:
        return a is None and b is None
    (alo, ahi), (blo, bhi) = a, b
    if alo == blo:
        return ahi == bhi or ahi is None or bhi is None
    for (plo, phi), (rlo, rhi) in ((a, b), (b, a)):
        if phi == plo and rhi is not None and 0 < rlo < rhi and rlo <= plo <= rhi:
            return True
    return False


def _countries_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_actor(a: str, b: str, a_country: str | None, b_country: str | None) -> bool:
    """Whether two actor keys name the same actor (both unknown counts as the same)."""
    if not a or not b:
        return not a and not b
    return key_similarity(a, b) >= ACTOR_CUTOFF and _countries_agree(a_country, b_country)


def claim_gate(p: ClaimFeatures, g: ClaimFeatures) -> bool:
    return (
        p.outcome == g.outcome
        and p.population == g.population
        and figures_agree(p.figure, g.figure)
        and same_actor(p.claimant, g.claimant, p.claimant_country, g.claimant_country)
    )


def statement_gate(p: StatementFeatures, g: StatementFeatures) -> bool:
    if p.type != g.type:
        return False
    if not same_actor(p.speaker, g.speaker, p.speaker_country, g.speaker_country):
        return False
    if _spans_overlap(p.verified_spans, g.verified_spans):
        return True
    text = key_similarity(p.content, g.content)
    if p.quote and g.quote:
        text = max(text, key_similarity(p.quote, g.quote))
    return text >= TEXT_CUTOFF


def same_place(p: IncidentFeatures, g: IncidentFeatures) -> bool:
    """Same place by name (admin1 not contradicting), or a province holding the other."""
    admin_conflict = bool(p.admin1 and g.admin1 and p.admin1 != g.admin1)
    if p.place and g.place and key_similarity(p.place, g.place) >= PLACE_CUTOFF:
        return not admin_conflict
    if not p.admin1 or p.admin1 != g.admin1:
        return False
    return _province_level(p) or _province_level(g)


def _province_level(f: IncidentFeatures) -> bool:
    return f.precision == "province" or not f.place


def incident_gate(p: IncidentFeatures, g: IncidentFeatures) -> bool:
    if same_place(p, g):
        return True
    return (
        p.date is not None
        and g.date is not None
        and max(p.date[0], g.date[0]) <= min(p.date[1], g.date[1])
    )


def _spans_overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def gate_mask(
    pred: Sequence[T], gold: Sequence[T], gate: Callable[[T, T], bool]
) -> list[list[float]]:
    """1.0 where the per-pair ``gate`` passes, else 0.0 (rows pred, columns gold)."""
    return [[1.0 if gate(p, g) else 0.0 for g in gold] for p in pred]


def _actor_matrix(
    pred_keys: Sequence[str],
    gold_keys: Sequence[str],
    pred_countries: Sequence[str | None],
    gold_countries: Sequence[str | None],
) -> np.ndarray:
    names = key_matrix(pred_keys, gold_keys) >= ACTOR_CUTOFF
    known_p = np.array([bool(k) for k in pred_keys])
    known_g = np.array([bool(k) for k in gold_keys])
    names = np.where(
        known_p[:, None] & known_g[None, :], names, ~known_p[:, None] & ~known_g[None, :]
    )
    cp, cg = code_ids(pred_countries), code_ids(gold_countries)
    countries = (cp[:, None] == cg[None, :]) | (cp[:, None] == 0) | (cg[None, :] == 0)
    return names & countries


def claim_gate_matrix(pred: Sequence[ClaimFeatures], gold: Sequence[ClaimFeatures]) -> np.ndarray:
    """``claim_gate`` for all pairs, in array operations."""
    actors = _actor_matrix(
        [p.claimant for p in pred],
        [g.claimant for g in gold],
        [p.claimant_country for p in pred],
        [g.claimant_country for g in gold],
    )
    outcome = equal_matrix([p.outcome for p in pred], [g.outcome for g in gold]) > 0
    outcome &= equal_matrix([p.population for p in pred], [g.population for g in gold]) > 0
    figures = np.array([[figures_agree(p.figure, g.figure) for g in gold] for p in pred])
    return (actors & outcome & figures.reshape(len(pred), len(gold))).astype(np.float64)


def statement_gate_matrix(
    pred: Sequence[StatementFeatures], gold: Sequence[StatementFeatures]
) -> np.ndarray:
    """``statement_gate`` for all pairs, in array operations."""
    actors = _actor_matrix(
        [p.speaker for p in pred],
        [g.speaker for g in gold],
        [p.speaker_country for p in pred],
        [g.speaker_country for g in gold],
    )
    kind = equal_matrix([p.type for p in pred], [g.type for g in gold]) > 0
    text = key_matrix([p.content for p in pred], [g.content for g in gold])
    quoted_p = np.array([bool(p.quote) for p in pred], dtype=bool)
    quoted_g = np.array([bool(g.quote) for g in gold], dtype=bool)
    if quoted_p.any() and quoted_g.any():
        quote = key_matrix([p.quote for p in pred], [g.quote for g in gold])
        text = np.where(quoted_p[:, None] & quoted_g[None, :], np.maximum(text, quote), text)
    vp = [p.verified_spans for p in pred]
    vg = [g.verified_spans for g in gold]
    has_p = np.array([bool(s) for s in vp])
    has_g = np.array([bool(s) for s in vg])
    spans = (span_matrix(vp, vg) > 0.0) & has_p[:, None] & has_g[None, :]
    return (actors & kind & (spans | (text >= TEXT_CUTOFF))).astype(np.float64)
