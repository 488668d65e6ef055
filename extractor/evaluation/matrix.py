"""Similarity matrices for whole documents at once (numpy and rapidfuzz ``cdist``).

These compute, for every (predicted, gold) pair of a document, the same
numbers as the per-pair functions of ``match`` (which define the semantics and
are checked against these in the tests), but in a handful of array operations
instead of one Python call per pair: statements and casualty claims are the
many-by-many part of scoring. Incidents, few per document, use the per-pair
function.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import cdist

from extractor.evaluation.compare import NAME_CUTOFF, DayRange, Interval
from extractor.evaluation.features import ClaimFeatures, Spans, StatementFeatures

_CODES: dict[object, int] = {None: 0}


def code_ids(values: Sequence[object]) -> np.ndarray:
    """Small integers standing for enum values and codes (equal values, equal ids)."""
    get = _CODES.get
    out = []
    for v in values:
        i = get(v)
        if i is None:
            i = _CODES[v] = len(_CODES)
        out.append(i)
    return np.asarray(out, dtype=np.int64)


def equal_matrix(pred: Sequence[object], gold: Sequence[object]) -> np.ndarray:
    """1.0 where the predicted and gold values are equal."""
    return (code_ids(pred)[:, None] == code_ids(gold)[None, :]).astype(np.float64)


def key_matrix(pred: Sequence[str], gold: Sequence[str]) -> np.ndarray:
    """``compare.key_similarity`` for all pairs of name keys."""
    scores = cdist(pred, gold, scorer=ratio, dtype=np.float64) / 100.0
    scores[scores < NAME_CUTOFF] = 0.0
    return scores


def _bounds(values: Sequence[tuple[int, int | None] | None]) -> tuple[np.ndarray, ...]:
    known = np.array([v is not None for v in values], dtype=bool)
    lo = np.array([v[0] if v is not None else 0 for v in values], dtype=np.float64)
    hi = np.array(
        [v[1] if v is not None and v[1] is not None else np.inf for v in values],
        dtype=np.float64,
    )
    return known, lo, hi


def _unknowns(known_p: np.ndarray, known_g: np.ndarray, scores: np.ndarray) -> np.ndarray:
    both = known_p[:, None] & known_g[None, :]
    neither = ~known_p[:, None] & ~known_g[None, :]
    return np.where(both, scores, np.where(neither, 1.0, 0.0))


def range_matrix(pred: Sequence[DayRange | None], gold: Sequence[DayRange | None]) -> np.ndarray:
    """``compare.range_similarity`` for all pairs of day ranges."""
    kp, lp, hp = _bounds(pred)
    kg, lg, hg = _bounds(gold)
    with np.errstate(all="ignore"):
        inter = np.minimum(hp[:, None], hg[None, :]) - np.maximum(lp[:, None], lg[None, :]) + 1
        union = np.maximum(hp[:, None], hg[None, :]) - np.minimum(lp[:, None], lg[None, :]) + 1
        scores = np.where(inter > 0, inter / union, 0.0)
    return _unknowns(kp, kg, scores)


def interval_matrix(pred: Sequence[Interval | None], gold: Sequence[Interval | None]) -> np.ndarray:
    """``compare.interval_similarity`` for all pairs of casualty intervals."""
    kp, lp, hp = _bounds(pred)
    kg, lg, hg = _bounds(gold)
    alo, ahi, blo, bhi = lp[:, None], hp[:, None], lg[None, :], hg[None, :]
    a_open, b_open = np.isinf(ahi), np.isinf(bhi)
    with np.errstate(all="ignore"):
        top = np.maximum(alo, blo)
        lower = np.where(top > 0, np.minimum(alo, blo) / top, 1.0)
        inter = np.minimum(ahi, bhi) - top + 1
        union = np.maximum(ahi, bhi) - np.minimum(alo, blo) + 1
        closed = np.where(inter > 0, inter / union, 0.0)
        closed_hi = np.where(a_open, bhi, ahi)
        open_lo = np.where(a_open, alo, blo)
        mixed = np.where(closed_hi < open_lo, 0.0, 0.5 * lower)
    scores = np.where(a_open & b_open, lower, np.where(a_open | b_open, mixed, closed))
    scores = np.where((alo == blo) & (ahi == bhi), 1.0, scores)
    return _unknowns(kp, kg, scores)


def _span_arrays(spans: Sequence[Spans]) -> tuple[np.ndarray, ...]:
    """Flattened spans: starts, ends, an owner indicator matrix, lengths per record."""
    flat = [(k, s, e) for k, rec in enumerate(spans) for s, e in rec]
    owner = np.zeros((len(spans), len(flat)), dtype=np.float64)
    if flat:
        owner[[k for k, _, _ in flat], np.arange(len(flat))] = 1.0
    start = np.array([s for _, s, _ in flat], dtype=np.float64)
    end = np.array([e for _, _, e in flat], dtype=np.float64)
    return start, end, owner, owner @ (end - start)


def span_matrix(pred: Sequence[Spans], gold: Sequence[Spans]) -> np.ndarray:
    """``compare.span_similarity`` for all pairs of merged span sets.

    The spans of one record are disjoint, so the characters two records share
    are the sum of the overlaps of their spans, pair by pair.
    """
    sp, ep, op, lp = _span_arrays(pred)
    sg, eg, og, lg = _span_arrays(gold)
    overlap = np.clip(
        np.minimum(ep[:, None], eg[None, :]) - np.maximum(sp[:, None], sg[None, :]), 0.0, None
    )
    inter = op @ overlap @ og.T
    with np.errstate(all="ignore"):
        scores = np.where(inter > 0, inter / (lp[:, None] + lg[None, :] - inter), 0.0)
    known_p = np.array([bool(s) for s in pred], dtype=bool)
    known_g = np.array([bool(s) for s in gold], dtype=bool)
    return _unknowns(known_p, known_g, scores)


def statement_matrix(
    pred: Sequence[StatementFeatures],
    gold: Sequence[StatementFeatures],
    weights: tuple[float, ...],
) -> np.ndarray:
    """``match.statement_similarity`` for all pairs."""
    speaker = key_matrix([p.speaker for p in pred], [g.speaker for g in gold])
    kind = equal_matrix([p.type for p in pred], [g.type for g in gold])
    text = key_matrix([p.content for p in pred], [g.content for g in gold])
    quoted_p = np.array([bool(p.quote) for p in pred], dtype=bool)
    quoted_g = np.array([bool(g.quote) for g in gold], dtype=bool)
    if quoted_p.any() and quoted_g.any():
        quote = key_matrix([p.quote for p in pred], [g.quote for g in gold])
        both = quoted_p[:, None] & quoted_g[None, :]
        text = np.where(both, np.maximum(text, quote), text)
    spans = span_matrix([p.spans for p in pred], [g.spans for g in gold])
    total = weights[0] * speaker + weights[1] * kind + weights[2] * text + weights[3] * spans
    return np.where((text > 0.0) | (spans > 0.0), total, 0.0)


def claim_matrix(
    pred: Sequence[ClaimFeatures], gold: Sequence[ClaimFeatures], weights: tuple[float, ...]
) -> np.ndarray:
    """``match.claim_similarity`` for all pairs."""
    figure = interval_matrix([p.figure for p in pred], [g.figure for g in gold])
    claimant = key_matrix([p.claimant for p in pred], [g.claimant for g in gold])
    outcome = equal_matrix([p.outcome for p in pred], [g.outcome for g in gold])
    population = equal_matrix([p.population for p in pred], [g.population for g in gold])
    return (
        weights[0] * figure + weights[1] * claimant + weights[2] * outcome + weights[3] * population
    )
