"""The eval harness: score extraction results against gold annotations.

    >>> from extractor.evaluation import evaluate, load_gold, load_predictions
    >>> report = evaluate(load_gold("seeds/annotations"), load_predictions("out/results.jsonl"))
    >>> report.summary["incident_f1"]

Modules: ``load`` (inputs), ``compare`` (typed comparators), ``features``
(records reduced for comparison), ``match`` (alignment), ``fields`` (per-field
scores), ``grounding`` (evidence checks), ``score`` (one document),
``summary`` (micro and macro averages), ``evaluate`` (the run), ``texts``
(article texts), ``report`` (terminal table), ``html`` (page), ``diff``
(comparison of two reports).

The names below are imported on first use, so that importing one module of
the harness (``extractor.evaluation.grounding`` for ``extractor show``) does
not load the alignment's numpy and scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor._lazy import attach

_EXPORTS = {
    **dict.fromkeys(["EvalReport", "evaluate", "evaluate_path"], "extractor.evaluation.evaluate"),
    **dict.fromkeys(["LoadedSet", "load_gold", "load_predictions"], "extractor.evaluation.load"),
    "TextResolver": "extractor.evaluation.texts",
}

__getattr__, __dir__ = attach(__name__, _EXPORTS)

__all__ = [
    "EvalReport",
    "LoadedSet",
    "TextResolver",
    "evaluate",
    "evaluate_path",
    "load_gold",
    "load_predictions",
]

if TYPE_CHECKING:
    from extractor.evaluation.evaluate import EvalReport, evaluate, evaluate_path
    from extractor.evaluation.load import LoadedSet, load_gold, load_predictions
    from extractor.evaluation.texts import TextResolver
