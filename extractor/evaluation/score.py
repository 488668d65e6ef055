"""Score one document: record counts, field scores, figure error, grounding.

Per record type (``incident``, ``claim``, ``statement``) the alignment of
``match`` gives true positives (accepted pairs), false positives (predicted
records left over) and false negatives (gold records left over), twice:
strictly (``counts``, the headline: pairs must pass ``strict``'s gates) and
leniently (``lenient_counts``: similarity alone). Field scores (``fields``)
are summed over the lenient pairs, so they show what is wrong in the records
that were found. Figure error (exact figures, absolute error of the best
estimate) is summed over both kinds of claim pairs. Casualty claims are
flattened per document; statement ``about`` ids and claim incidents are
judged through the incident alignment. A gold document without a prediction
counts all its records as missed.

Grounding is verified against the article text (``grounding``), for the
prediction and for the gold alike.

Precision with nothing predicted is 1.0 when nothing was to be found, else
0.0; recall likewise; so an empty prediction for an empty gold scores 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.evaluation.compare import Interval
from extractor.evaluation.features import ClaimFeatures, DocumentFeatures, document_features
from extractor.evaluation.fields import (
    CLAIM_FIELDS,
    INCIDENT_FIELDS,
    STATEMENT_FIELDS,
    claim_field_scores,
    incident_field_scores,
    statement_field_scores,
)
from extractor.evaluation.grounding import GroundingCheck, check_grounding, claim_label
from extractor.evaluation.load import UsageSummary
from extractor.evaluation.match import (
    Alignment,
    align_claims,
    align_incidents,
    align_statements,
)
from extractor.models import DocumentRecords

RECORD_TYPES = ("incident", "claim", "statement")
MATCHINGS = ("strict", "lenient")


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


@dataclass(slots=True)
class FigureError:
    """Figure agreement summed over matched claim pairs."""

    pairs: int = 0
    exact: int = 0
    estimated: int = 0
    """Pairs where both sides have a figure (the MAE's denominator)."""
    abs_error: float = 0.0

    def add(self, other: FigureError) -> None:
        self.pairs += other.pairs
        self.exact += other.exact
        self.estimated += other.estimated
        self.abs_error += other.abs_error

    @property
    def exact_rate(self) -> float | None:
        return self.exact / self.pairs if self.pairs else None

    @property
    def mae(self) -> float | None:
        return self.abs_error / self.estimated if self.estimated else None


def best_estimate(figure: Interval | None) -> float | None:
    """One number for a figure: the middle of a closed range, the bound of an open one."""
    if figure is None:
        return None
    low, high = figure
    return float(low) if high is None else (low + high) / 2


def figure_error(
    pred: list[ClaimFeatures], gold: list[ClaimFeatures], alignment: Alignment
) -> FigureError:
    """Exact figures and absolute error of the best estimate over an alignment's pairs.

    A pair where one side has no figure is not exact and has no error to add.
    """
    out = FigureError()
    for p, g, _ in alignment.pairs:
        a, b = pred[p], gold[g]
        out.pairs += 1
        out.exact += (a.min, a.max) == (b.min, b.max)
        ea, eb = best_estimate(a.figure), best_estimate(b.figure)
        if ea is not None and eb is not None:
            out.estimated += 1
            out.abs_error += abs(ea - eb)
    return out


@dataclass
class DocumentScore:
    doc_id: str
    predicted: bool
    counts: dict[str, Counts]
    """Strict counts per record type (the headline)."""
    lenient_counts: dict[str, Counts] = field(default_factory=dict)
    field_sums: dict[str, float] = field(default_factory=dict)
    field_counts: dict[str, int] = field(default_factory=dict)
    figures: dict[str, FigureError] = field(default_factory=dict)
    """Figure error over strict and lenient claim pairs."""
    grounding: GroundingCheck = field(default_factory=GroundingCheck)
    gold_grounding: GroundingCheck = field(default_factory=GroundingCheck)
    text_found: bool = True
    usage: UsageSummary | None = None
    alignments: dict[str, Alignment] = field(default_factory=dict)
    lenient_alignments: dict[str, Alignment] = field(default_factory=dict)
    labels: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """Per record type: (predicted labels, gold labels), by index."""
    issues: list[str] = field(default_factory=list)

    def field_means(self) -> dict[str, float]:
        return {k: self.field_sums[k] / n for k, n in self.field_counts.items() if n}

    @property
    def evidence_total(self) -> int:
        return self.grounding.total

    @property
    def evidence_grounded(self) -> int:
        return self.grounding.grounded

    @property
    def grounding_rate(self) -> float | None:
        return self.grounding.rate

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_id": self.doc_id, "predicted": self.predicted}
        for kind in RECORD_TYPES:
            out[kind] = self.counts[kind].to_dict()
            if kind in self.lenient_counts:
                out[f"{kind}_lenient"] = self.lenient_counts[kind].to_dict()
        out["fields"] = self.field_means()
        for matching, fig in self.figures.items():
            out[f"figures_{matching}"] = {
                "pairs": fig.pairs,
                "exact_rate": fig.exact_rate,
                "mae": fig.mae,
            }
        out["grounding_rate"] = self.grounding_rate
        out["evidence_spans"] = self.evidence_total
        out["ungrounded_evidence"] = [u.to_dict() for u in self.grounding.ungrounded]
        out["gold_grounding_rate"] = self.gold_grounding.rate
        out["gold_ungrounded_evidence"] = [u.to_dict() for u in self.gold_grounding.ungrounded]
        out["text_found"] = self.text_found
        if self.usage is not None:
            out["tokens"] = self.usage.total_tokens
            out["latency_s"] = self.usage.latency_s
        out["alignment"] = {
            kind: self._alignment_dict(al, kind) for kind, al in self.alignments.items()
        }
        out["alignment_lenient"] = {
            kind: self._alignment_dict(al, kind) for kind, al in self.lenient_alignments.items()
        }
        out["issues"] = list(self.issues)
        return out

    def _alignment_dict(self, al: Alignment, kind: str) -> dict[str, Any]:
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


def _align(pf: DocumentFeatures, gf: DocumentFeatures, *, strict: bool) -> dict[str, Alignment]:
    inc_al = align_incidents(pf.incidents, gf.incidents, strict=strict)
    claim_al = align_claims(pf.claims, gf.claims, inc_al.pred_to_gold(), strict=strict)
    st_al = align_statements(pf.statements, gf.statements, strict=strict)
    return {"incident": inc_al, "claim": claim_al, "statement": st_al}


def _counts(alignments: dict[str, Alignment]) -> dict[str, Counts]:
    return {
        kind: Counts(len(al.pairs), len(al.unmatched_pred), len(al.unmatched_gold))
        for kind, al in alignments.items()
    }


def score_document(
    gold: DocumentRecords,
    pred: DocumentRecords | None,
    *,
    text: str | None = None,
    usage: UsageSummary | None = None,
) -> DocumentScore:
    """Align and score one document's predicted records against its gold.

    ``text`` is the article; without it no evidence can be verified, so
    grounding is 0 and strict statement matching cannot use evidence.
    """
    gf = document_features(gold, text)
    pf = document_features(pred, text) if pred is not None else DocumentFeatures([], [], [])
    alignments = _align(pf, gf, strict=True)
    lenient = _align(pf, gf, strict=False)
    inc_al, claim_al, st_al = lenient["incident"], lenient["claim"], lenient["statement"]
    inc_pairs = inc_al.pred_to_gold()
    pred_labels, gold_labels = _labels(pred), _labels(gold)
    score = DocumentScore(
        doc_id=gold.doc_id,
        predicted=pred is not None,
        counts=_counts(alignments),
        lenient_counts=_counts(lenient),
        figures={
            "strict": figure_error(pf.claims, gf.claims, alignments["claim"]),
            "lenient": figure_error(pf.claims, gf.claims, claim_al),
        },
        gold_grounding=check_grounding(gold, text),
        text_found=text is not None,
        usage=usage,
        alignments=alignments,
        lenient_alignments=lenient,
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
        score.grounding = check_grounding(pred, text)
    else:
        score.issues.append("no prediction for this document")
    return score
