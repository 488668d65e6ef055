"""The vectorised similarity matrices agree with the per-pair definitions."""

from __future__ import annotations

import random

import numpy as np
import pytest
from eval_support import fixture_documents

from extractor.evaluation.compare import (
    interval_similarity,
    key_similarity,
    merge_spans,
    name_key,
    range_similarity,
    span_similarity,
)
from extractor.evaluation.features import document_features
from extractor.evaluation.match import (
    _CW,
    _SW,
    claim_similarity,
    similarity_matrix,
    statement_similarity,
)
from extractor.evaluation.matrix import (
    claim_matrix,
    interval_matrix,
    key_matrix,
    range_matrix,
    span_matrix,
    statement_matrix,
)

RNG = random.Random(11)


def rand_interval() -> tuple[int, int | None] | None:
    r = RNG.random()
    if r < 0.15:
        return None
    low = RNG.randint(0, 30)
    return (low, None) if r < 0.45 else (low, low + RNG.choice([0, 0, 1, 5, 20]))


def rand_range() -> tuple[int, int] | None:
    if RNG.random() < 0.2:
        return None
    lo = 736000 + RNG.randint(0, 10)
    return (lo, lo + RNG.choice([0, 0, 1, 6]))


def rand_spans() -> tuple[tuple[int, int], ...]:
    spans = []
    for _ in range(RNG.choice([0, 1, 1, 2, 3])):
        s = RNG.randint(0, 200)
        spans.append((s, s + RNG.randint(1, 60)))
    return merge_spans(spans)


WORDS = ["syrian", "russian", "armed", "forces", "observatory", "the", "raqqa", "raqa", ""]


def rand_key() -> str:
    return name_key(" ".join(RNG.choice(WORDS) for _ in range(RNG.randint(0, 3))))


def check(matrix: np.ndarray, pred: list, gold: list, scalar) -> None:  # type: ignore[no-untyped-def]
    expected = np.array([[scalar(p, g) for g in gold] for p in pred], dtype=np.float64)
    assert matrix.shape == expected.shape
    np.testing.assert_allclose(matrix, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_component_matrices_match_scalar(seed: int) -> None:
    RNG.seed(seed)
    n, m = RNG.randint(1, 9), RNG.randint(1, 9)
    for make, mat, scalar in (
        (rand_interval, interval_matrix, interval_similarity),
        (rand_range, range_matrix, range_similarity),
        (rand_spans, span_matrix, span_similarity),
        (rand_key, key_matrix, key_similarity),
    ):
        pred = [make() for _ in range(n)]
        gold = [make() for _ in range(m)]
        check(mat(pred, gold), pred, gold, scalar)


def test_record_matrices_match_scalar() -> None:
    docs = [document_features(d) for d in fixture_documents()]
    statements = [s for d in docs for s in d.statements]
    claims = [c for d in docs for c in d.claims]
    rev = statements[::-1]
    np.testing.assert_allclose(
        statement_matrix(statements, rev, _SW),
        similarity_matrix(statements, rev, statement_similarity),
        rtol=0,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        claim_matrix(claims, claims[::-1], _CW),
        similarity_matrix(claims, claims[::-1], claim_similarity),
        rtol=0,
        atol=1e-12,
    )
