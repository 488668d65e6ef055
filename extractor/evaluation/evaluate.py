"""Score a set of predictions against gold: the eval harness entry point.

Every gold document is scored (a missing prediction scores as all records
missed); predicted documents without gold are listed, not scored.
``evaluate`` scores documents already loaded; ``evaluate_path`` reads a
prediction file or folder and scores each document as it is read. When the
article texts are found (``TextResolver``: the records' source paths, a
``texts`` folder, ``seeds/``) and every evidence span is verified against its
text; a document whose text cannot be found is reported, and its spans count
as ungrounded. A text whose SHA-256 differs from the records' ``text_sha256``
is reported as an issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.evaluation.gcpause import gc_paused
from extractor.evaluation.load import LoadedDocument, LoadedSet, iter_documents
from extractor.evaluation.match import (
    CLAIM_CONTEXT_BONUS,
    CLAIM_WEIGHTS,
    INCIDENT_WEIGHTS,
    STATEMENT_WEIGHTS,
    THRESHOLDS,
)
from extractor.evaluation.score import DocumentScore, score_document
from extractor.evaluation.summary import summarise
from extractor.evaluation.texts import TextResolver
from extractor.models import DocumentRecords

REPORT_FORMAT = "extractor-eval"
REPORT_VERSION = 1


@dataclass
class EvalReport:
    """The scores of one eval run; ``to_dict`` is the JSON report."""

    gold: LoadedSet
    pred: LoadedSet
    documents: list[DocumentScore]
    summary: dict[str, Any]
    extra_documents: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "version": REPORT_VERSION,
            "gold": self.gold.path,
            "pred": self.pred.path,
            "settings": settings(),
            "summary": self.summary,
            "documents": [d.to_dict() for d in self.documents],
            "extra_documents": list(self.extra_documents),
            "issues": list(self.issues),
        }


def settings() -> dict[str, Any]:
    """The matching weights and thresholds the scores were computed with."""
    return {
        "weights": {
            "incident": dict(INCIDENT_WEIGHTS),
            "claim": dict(CLAIM_WEIGHTS),
            "statement": dict(STATEMENT_WEIGHTS),
        },
        "thresholds": dict(THRESHOLDS),
        "claim_context_bonus": CLAIM_CONTEXT_BONUS,
    }


def _as_set(data: LoadedSet | Iterable[DocumentRecords], name: str) -> LoadedSet:
    if isinstance(data, LoadedSet):
        return data
    return LoadedSet.from_records(list(data), path=f"<{name}>")


def evaluate(
    gold: LoadedSet | Iterable[DocumentRecords],
    pred: LoadedSet | Iterable[DocumentRecords],
    *,
    texts: TextResolver | None = None,
) -> EvalReport:
    """Score predictions against gold, document by document."""
    with gc_paused():
        return _evaluate(gold, pred, texts or TextResolver())


def evaluate_path(
    gold: LoadedSet,
    pred_path: str | Path,
    *,
    texts: TextResolver | None = None,
    keep_predictions: bool = False,
) -> EvalReport:
    """Read predictions from a file or folder and score each as it is read.

    Without ``keep_predictions`` the predicted records are dropped once scored
    (the report still has every score), so memory stays that of the gold.
    """
    pred_set = LoadedSet(str(pred_path), keep=keep_predictions)
    texts = texts or TextResolver()
    scored: dict[str, DocumentScore] = {}
    with gc_paused():
        for entry in iter_documents(pred_path, pred_set):
            doc_id = entry.records.doc_id
            if doc_id in gold.documents:
                scored[doc_id] = _score(gold.documents[doc_id].records, entry, pred_set, texts)
        return _finish(gold, pred_set, texts, scored)


def _evaluate(
    gold: LoadedSet | Iterable[DocumentRecords],
    pred: LoadedSet | Iterable[DocumentRecords],
    texts: TextResolver,
) -> EvalReport:
    gold_set = _as_set(gold, "gold")
    pred_set = _as_set(pred, "pred")
    scored = {
        doc_id: _score(gold_set.documents[doc_id].records, entry, pred_set, texts)
        for doc_id, entry in pred_set.documents.items()
        if doc_id in gold_set.documents
    }
    return _finish(gold_set, pred_set, texts, scored)


def _score(
    g: DocumentRecords,
    entry: LoadedDocument | None,
    pred_set: LoadedSet,
    texts: TextResolver,
) -> DocumentScore:
    p = entry.records if entry is not None else None
    doc_issues: list[str] = []
    text = texts.text(g)
    sha = texts.sha256(g)
    if text is None and p is not None:
        text, sha = texts.text(p), texts.sha256(p)
    if text is None:
        if p is not None and p.text_sha256 != g.text_sha256:
            doc_issues.append("prediction and gold disagree on text_sha256")
        doc_issues.append(
            "source text not found (looked for the gold's and the prediction's source, "
            "and --texts): grounding not verified, every span counts as ungrounded"
        )
    else:
        for label, doc in (("gold", g), ("prediction", p)):
            if doc is not None and doc.text_sha256 and doc.text_sha256 != sha:
                doc_issues.append(f"{label} text_sha256 differs from the source text")
    score = score_document(g, p, text=text, usage=entry.usage if entry is not None else None)
    if entry is None and g.doc_id in pred_set.failed:
        score.issues = [f"extraction failed: {pred_set.failed[g.doc_id]}"]
    if entry is not None and entry.records_invalid:
        score.issues.append(f"{entry.records_invalid} invalid record(s) dropped")
    score.issues.extend(doc_issues)
    return score


def _finish(
    gold_set: LoadedSet,
    pred_set: LoadedSet,
    texts: TextResolver,
    scored: dict[str, DocumentScore],
) -> EvalReport:
    """Score the gold documents left without prediction; build the report."""
    issues = [str(i) for i in pred_set.issues]
    scores: list[DocumentScore] = []
    for doc_id in sorted(gold_set.documents):
        score = scored.get(doc_id)
        if score is None:
            score = _score(gold_set.documents[doc_id].records, None, pred_set, texts)
        issues.extend(f"{doc_id}: {m}" for m in score.issues)
        scores.append(score)
    extra = sorted(set(pred_set.documents) - set(gold_set.documents))
    if extra:
        issues.append(f"{len(extra)} predicted document(s) without gold: {', '.join(extra[:10])}")
    languages = {d: gold_set.documents[d].records.language for d in gold_set.documents}
    summary = summarise(scores, pred_set, extra, languages)
    return EvalReport(gold_set, pred_set, scores, summary, extra, issues)
