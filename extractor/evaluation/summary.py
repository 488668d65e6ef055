"""Aggregate document scores into the summary of an eval report.

Micro averages pool counts (records) or comparisons (fields, evidence spans)
over all documents; macro averages are the mean of the per-document values
(``summary["macro"]``). Keys of the summary:

- ``incident_precision``/``_recall``/``_f1``, same for ``claim_`` and
  ``statement_`` (micro, strict: the headline), and the same names with
  ``_lenient`` appended (similarity alone);
- ``claim_figure_exact_rate`` and ``claim_figure_mae`` over strictly matched
  claims, ``..._lenient`` over leniently matched ones: the share with the
  exact figure, and the mean absolute error of the best estimate (middle of
  a range, the bound of "at least N"; lower is better);
- ``field_accuracy`` (mean over all field comparisons, on lenient pairs) and
  ``fields`` (accuracy per field name);
- ``grounding_rate`` (evidence spans whose quote is the article text at their
  offsets, verified against the text), ``evidence_spans``,
  ``ungrounded_spans``, ``documents_without_text`` (whose spans could not be
  verified and count as ungrounded), and ``gold_grounding_rate`` (the gold
  checked the same way);
- ``validity_rate`` (document entries that validate) and
  ``record_validity_rate`` (incidents and statements that validate);
- ``tokens`` and ``latency`` from provenance, where present;
- ``counts`` (gold, predicted, matched per record type), ``documents``,
  ``documents_missing`` (gold without prediction), ``documents_extra``.

A metric that cannot be computed (no evidence spans, no provenance) is None.
"""

from __future__ import annotations

from typing import Any

from extractor.evaluation.fields import ALL_FIELDS
from extractor.evaluation.load import LoadedSet
from extractor.evaluation.score import (
    MATCHINGS,
    RECORD_TYPES,
    Counts,
    DocumentScore,
    FigureError,
    prf,
)

_PRF = ("precision", "recall", "f1")
HEADLINE_KEYS = (
    *(f"{kind}_{metric}" for kind in RECORD_TYPES for metric in _PRF),
    *(f"{kind}_{metric}_lenient" for kind in RECORD_TYPES for metric in _PRF),
    "claim_figure_exact_rate",
    "claim_figure_exact_rate_lenient",
    "claim_figure_mae",
    "claim_figure_mae_lenient",
    "field_accuracy",
    "grounding_rate",
    "gold_grounding_rate",
    "validity_rate",
    "record_validity_rate",
)
"""The summary's top-level quality metrics, in display order."""
LOWER_IS_BETTER = frozenset({"claim_figure_mae", "claim_figure_mae_lenient"})
"""Quality metrics where a rise is the regression."""


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _record_metrics(
    scores: list[DocumentScore], *, lenient: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    micro: dict[str, Any] = {}
    macro: dict[str, Any] = {}
    counts: dict[str, Any] = {}
    suffix = "_lenient" if lenient else ""
    for kind in RECORD_TYPES:
        total = Counts()
        per_doc = []
        for s in scores:
            c = (s.lenient_counts if lenient else s.counts)[kind]
            total.add(c)
            per_doc.append(prf(c.tp, c.fp, c.fn))
        values = prf(total.tp, total.fp, total.fn)
        for k, name in enumerate(_PRF):
            micro[f"{kind}_{name}{suffix}"] = values[k]
            macro[f"{kind}_{name}{suffix}"] = _mean([row[k] for row in per_doc])
        counts[kind] = {"gold": total.gold, "pred": total.pred, "matched": total.tp}
    micro["counts"] = counts
    return micro, macro


def _figure_metrics(scores: list[DocumentScore]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for matching in MATCHINGS:
        total = FigureError()
        for s in scores:
            if matching in s.figures:
                total.add(s.figures[matching])
        suffix = "" if matching == "strict" else f"_{matching}"
        out[f"claim_figure_exact_rate{suffix}"] = total.exact_rate
        out[f"claim_figure_mae{suffix}"] = total.mae
        out[f"claim_figure_pairs{suffix}"] = total.pairs
    return out


def _field_metrics(scores: list[DocumentScore]) -> tuple[dict[str, Any], dict[str, Any]]:
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    per_doc_overall: list[float] = []
    per_doc: dict[str, list[float]] = {}
    for s in scores:
        for name, n in s.field_counts.items():
            sums[name] = sums.get(name, 0.0) + s.field_sums[name]
            counts[name] = counts.get(name, 0) + n
            per_doc.setdefault(name, []).append(s.field_sums[name] / n)
        n_doc = sum(s.field_counts.values())
        if n_doc:
            per_doc_overall.append(sum(s.field_sums.values()) / n_doc)
    fields = {name: sums[name] / counts[name] for name in ALL_FIELDS if counts.get(name)}
    n_all = sum(counts.values())
    micro = {
        "field_accuracy": sum(sums.values()) / n_all if n_all else None,
        "fields": fields,
        "field_comparisons": counts,
    }
    macro = {
        "field_accuracy": _mean(per_doc_overall),
        "fields": {name: _mean(per_doc[name]) for name in fields},
    }
    return micro, macro


def _usage_metrics(scores: list[DocumentScore]) -> dict[str, Any]:
    usages = [s.usage for s in scores if s.usage is not None]
    n = len(usages)
    total = sum(u.total_tokens for u in usages)
    latency = [u.latency_s for u in usages]
    return {
        "tokens": {
            "documents": n,
            "prompt": sum(u.prompt_tokens for u in usages) if n else None,
            "completion": sum(u.completion_tokens for u in usages) if n else None,
            "total": total if n else None,
            "mean_per_document": total / n if n else None,
            "attempts": sum(u.attempts for u in usages) if n else None,
        },
        "latency": {
            "documents": n,
            "total_s": sum(latency) if n else None,
            "mean_s": _mean(latency),
            "max_s": max(latency) if n else None,
        },
    }


def by_language(scores: list[DocumentScore], languages: dict[str, str | None]) -> dict[str, Any]:
    """Strict and lenient precision, recall and F1 per gold language (``languages``: doc id ->
    the gold's ``language``; documents without one are grouped under ``unknown``)."""
    groups: dict[str, list[DocumentScore]] = {}
    for s in scores:
        groups.setdefault(languages.get(s.doc_id) or "unknown", []).append(s)
    out: dict[str, Any] = {}
    for language in sorted(groups):
        strict, _ = _record_metrics(groups[language])
        lenient, _ = _record_metrics(groups[language], lenient=True)
        out[language] = {
            "documents": len(groups[language]),
            **{k: v for k, v in strict.items() if k != "counts"},
            **{k: v for k, v in lenient.items() if k != "counts"},
        }
    return out


def summarise(
    scores: list[DocumentScore],
    pred: LoadedSet,
    extra_documents: list[str],
    languages: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """The summary block of an eval report (keys in the module docstring)."""
    records, records_macro = _record_metrics(scores)
    lenient, lenient_macro = _record_metrics(scores, lenient=True)
    fields, fields_macro = _field_metrics(scores)
    spans = sum(s.grounding.total for s in scores)
    grounded = sum(s.grounding.grounded for s in scores)
    gold_spans = sum(s.gold_grounding.total for s in scores)
    gold_grounded = sum(s.gold_grounding.grounded for s in scores)
    doc_rates = [r for s in scores if (r := s.grounding_rate) is not None]
    summary: dict[str, Any] = {
        "documents": len(scores),
        "documents_missing": sum(not s.predicted for s in scores),
        "documents_extra": len(extra_documents),
    }
    summary.update({k: v for k, v in records.items() if k != "counts"})
    summary.update({k: v for k, v in lenient.items() if k != "counts"})
    summary.update(_figure_metrics(scores))
    summary["field_accuracy"] = fields["field_accuracy"]
    summary["grounding_rate"] = grounded / spans if spans else None
    summary["evidence_spans"] = spans
    summary["ungrounded_spans"] = spans - grounded
    summary["documents_without_text"] = sum(not s.text_found for s in scores)
    summary["gold_grounding_rate"] = gold_grounded / gold_spans if gold_spans else None
    summary["gold_evidence_spans"] = gold_spans
    summary["validity_rate"] = pred.validity_rate
    summary["record_validity_rate"] = pred.record_validity_rate
    summary["invalid_entries"] = pred.entries - pred.valid_entries
    summary.update(_usage_metrics(scores))
    summary["fields"] = fields["fields"]
    summary["macro"] = {
        **records_macro,
        **lenient_macro,
        "field_accuracy": fields_macro["field_accuracy"],
        "grounding_rate": _mean(doc_rates),
        "fields": fields_macro["fields"],
    }
    summary["counts"] = {
        **records["counts"],
        "lenient": lenient["counts"],
        "fields": fields["field_comparisons"],
    }
    if languages is not None and any(languages.values()):
        summary["by_language"] = by_language(scores, languages)
    return summary
