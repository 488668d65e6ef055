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
"""

from extractor.evaluation.evaluate import EvalReport, evaluate, evaluate_path
from extractor.evaluation.load import LoadedSet, load_gold, load_predictions
from extractor.evaluation.texts import TextResolver

__all__ = [
    "EvalReport",
    "LoadedSet",
    "TextResolver",
    "evaluate",
    "evaluate_path",
    "load_gold",
    "load_predictions",
]
