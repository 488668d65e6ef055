"""Score one document: record counts, field scores, grounding.

Per record type (``incident``, ``claim``, ``statement``) the alignment of
``match`` gives true positives (accepted pairs), false positives (predicted
records left over) and false negatives (gold records left over). Field scores
(``fields``) are summed over the accepted pairs. Casualty claims are flattened
per document; statement ``about`` ids and claim incidents are judged through
the incident alignment. A gold document without a prediction counts all its
records as missed.

Precision with nothing predicted is 1.0 when nothing was to be found, else
0.0; recall likewise; so an empty prediction for an empty gold scores 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.evaluation.features import DocumentFeatures, document_features
from extractor.evaluation.fields import (
    CLAIM_FIELDS,
    INCIDENT_FIELDS,
    STATEMENT_FIELDS,
    claim_field_scores,
    incident_field_scores,
    statement_field_scores,
)
from extractor.evaluation.grounding import claim_label, grounding_counts
from extractor.evaluation.load import UsageSummary
from extractor.evaluation.match import (
    Alignment,
    align_claims,
    align_incidents,
    align_statements,
)
from extractor.models import DocumentRecords

RECORD_TYPES = ("incident", "claim", "statement")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (vacuous cases as the module says)."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {
            "gold": self.gold,
            "pred": self.pred,
            "matched": self.tp,
            "precision": p,
            "recall": r,
            "f1": f,
        }


@dataclass
class DocumentScore:
    doc_id: str
    predicted: bool
    counts: dict[str, Counts]
    field_sums: dict[str, float] = field(default_factory=dict)
    field_counts: dict[str, int] = field(default_factory=dict)
    evidence_total: int = 0
    evidence_grounded: int = 0
    usage: UsageSummary | None = None
    alignments: dict[str, Alignment] = field(default_factory=dict)
    labels: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """Per record type: (predicted labels, gold labels), by index."""
    issues: list[str] = field(default_factory=list)

    def field_means(self) -> dict[str, float]:
        return {k: self.field_sums[k] / n for k, n in self.field_counts.items() if n}

    @property
    def grounding_rate(self) -> float | None:
        if not self.evidence_total:
            return None
        return self.evidence_grounded / self.evidence_total

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_id": self.doc_id, "predicted": self.predicted}
        for kind in RECORD_TYPES:
            out[kind] = self.counts[kind].to_dict()
        out["fields"] = self.field_means()
        out["grounding_rate"] = self.grounding_rate
        out["evidence_spans"] = self.evidence_total
        if self.usage is not None:
            out["tokens"] = self.usage.total_tokens
            out["latency_s"] = self.usage.latency_s
        out["alignment"] = {kind: self._alignment_dict(kind) for kind in self.alignments}
        out["issues"] = list(self.issues)
        return out

    def _alignment_dict(self, kind: str) -> dict[str, Any]:
        al = self.alignments[kind]
        pred_labels, gold_labels = self.labels[kind]
        return {
            "pairs": [
                {"pred": pred_labels[p], "gold": gold_labels[g], "similarity": round(s, 4)}
                for p, g, s in al.pairs
            ],
            "unmatched_pred": [pred_labels[p] for p in al.unmatched_pred],
            "unmatched_gold": [gold_labels[g] for g in al.unmatched_gold],
        }


def _claim_labels(doc: DocumentRecords) -> list[str]:
    return [
        claim_label(inc.id, k) for inc in doc.incidents for k in range(len(inc.casualty_claims))
    ]


def _labels(doc: DocumentRecords | None) -> dict[str, list[str]]:
    if doc is None:
        return {"incident": [], "claim": [], "statement": []}
    return {
        "incident": [i.id for i in doc.incidents],
        "claim": _claim_labels(doc),
        "statement": [s.id for s in doc.statements],
    }


def _accumulate(
    score: DocumentScore, names: tuple[str, ...], rows: list[tuple[float, ...]]
) -> None:
    if not rows:
        return
    n = len(rows)
    for name, column in zip(names, zip(*rows, strict=True), strict=True):
        score.field_sums[name] = sum(column)
        score.field_counts[name] = n


def score_document(
    gold: DocumentRecords,
    pred: DocumentRecords | None,
    *,
    text_length: int | None = None,
    gold_features: DocumentFeatures | None = None,
    usage: UsageSummary | None = None,
) -> DocumentScore:
    """Align and score one document's predicted records against its gold."""
    gf = gold_features or document_features(gold)
    pf = document_features(pred) if pred is not None else DocumentFeatures([], [], [])
    inc_al = align_incidents(pf.incidents, gf.incidents)
    inc_pairs = inc_al.pred_to_gold()
    claim_al = align_claims(pf.claims, gf.claims, inc_pairs)
    st_al = align_statements(pf.statements, gf.statements)
    alignments = {"incident": inc_al, "claim": claim_al, "statement": st_al}
    counts = {
        kind: Counts(len(al.pairs), len(al.unmatched_pred), len(al.unmatched_gold))
        for kind, al in alignments.items()
    }
    pred_labels, gold_labels = _labels(pred), _labels(gold)
    score = DocumentScore(
        doc_id=gold.doc_id,
        predicted=pred is not None,
        counts=counts,
        usage=usage,
        alignments=alignments,
        labels={k: (pred_labels[k], gold_labels[k]) for k in RECORD_TYPES},
    )
    _accumulate(
        score,
        INCIDENT_FIELDS,
        [incident_field_scores(pf.incidents[p], gf.incidents[g]) for p, g, _ in inc_al.pairs],
    )
    _accumulate(
        score,
        CLAIM_FIELDS,
        [claim_field_scores(pf.claims[p], gf.claims[g], inc_pairs) for p, g, _ in claim_al.pairs],
    )
    id_map = {pf.incidents[p].id: gf.incidents[g].id for p, g, _ in inc_al.pairs}
    _accumulate(
        score,
        STATEMENT_FIELDS,
        [
            statement_field_scores(pf.statements[p], gf.statements[g], id_map)
            for p, g, _ in st_al.pairs
        ],
    )
    if pred is not None:
        score.evidence_total, score.evidence_grounded = grounding_counts(pred, text_length)
    else:
        score.issues.append("no prediction for this document")
    return score
