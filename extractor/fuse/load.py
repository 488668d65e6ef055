"""Inputs to fuse: run folders, results.jsonl files, and gold folders as results.

A doc id seen twice keeps its last line (a run folder's later line, or the
later folder), as a rerun's results supersede earlier ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from extractor.errors import InputError
from extractor.models import DocumentRecords, ExtractionResult, GoldAnnotation, Provenance
from extractor.version import __version__

__all__ = ["as_result", "gold_results", "load_results"]

RESULTS_FILE = "results.jsonl"


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield n, line


def load_results(paths: Iterable[str | Path]) -> list[ExtractionResult]:
    """Results of run folders (their results.jsonl) or JSONL files, in order, last line wins."""
    found: dict[str, ExtractionResult] = {}
    for given in paths:
        path = Path(given)
        file = path / RESULTS_FILE if path.is_dir() else path
        if not file.is_file():
            raise InputError("no results.jsonl here", path=str(path))
        for n, line in _lines(file):
            try:
                result = ExtractionResult.model_validate(json.loads(line))
            except ValueError as e:
                reason = str(e).splitlines()[0]
                raise InputError(f"line {n}: not a result: {reason}", path=str(file)) from e
            found.pop(result.doc_id, None)
            found[result.doc_id] = result
    return list(found.values())


def as_result(doc: DocumentRecords) -> ExtractionResult:
    """A gold record (or any document's records) as a result, with a ``gold`` provenance."""
    if isinstance(doc, ExtractionResult):
        return doc
    provenance = Provenance(
        provider="gold", model="gold", prompt_version="gold", extractor_version=__version__
    )
    fields = doc.model_dump(include=set(ExtractionResult.model_fields) - {"provenance"})
    return ExtractionResult.model_validate({**fields, "provenance": provenance})


def gold_results(folder: str | Path) -> list[ExtractionResult]:
    """Every gold file of a folder (``*.json``, recursively) as a result: the fuse ceiling."""
    out = []
    for path in sorted(Path(folder).rglob("*.json")):
        try:
            gold = GoldAnnotation.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as e:
            reason = str(e).splitlines()[0]
            raise InputError(f"not a gold annotation: {reason}", path=str(path)) from e
        out.append(as_result(gold))
    return out
