"""Parse one input entry (a JSONL line, a JSON file or list item) leniently.

The fast path validates the raw bytes once against DocumentRecords (plus the
raw ``provenance``, from which token usage and latency are taken). When that
fails, the entry is parsed as JSON and salvaged: the document header must
validate, then each incident and statement is validated on its own; those
that fail are dropped and reported with their position and the first
validation error. A line that is not JSON, or not an object, is an invalid
document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from extractor.models import DocumentRecords, Incident, Statement


class _Entry(DocumentRecords):
    """DocumentRecords plus the raw provenance, read in one validation pass."""

    provenance: dict[str, Any] | None = None


@dataclass(slots=True)
class UsageSummary:
    """Token usage and latency taken from a result's provenance."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    latency_s: float = 0.0
    attempts: int = 0


@dataclass(slots=True)
class LoadedDocument:
    records: DocumentRecords
    origin: str
    usage: UsageSummary | None = None
    records_total: int = 0
    records_invalid: int = 0
    valid: bool = True


@dataclass(slots=True)
class LoadIssue:
    origin: str
    kind: str
    """invalid_document, invalid_record, failed_document, duplicate or skipped."""
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(slots=True)
class Parsed:
    """What one entry gave: a document (or None), its problems, whether it counts."""

    document: LoadedDocument | None = None
    issues: list[LoadIssue] = field(default_factory=list)
    counted: bool = True


def parse_raw(raw: bytes, origin: str, *, skip_non_documents: bool = False) -> Parsed:
    """Parse and validate the bytes of one entry."""
    try:
        entry = _Entry.model_validate_json(raw)
    except ValidationError:
        pass
    else:
        return Parsed(_document(entry, origin, valid=True, total=None, invalid=0))
    try:
        item = json.loads(raw)
    except UnicodeDecodeError:
        return Parsed(None, [LoadIssue(origin, "invalid_document", "not UTF-8 text")])
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno} col {exc.colno}"
        message = f"invalid JSON at {where}: {exc.msg}"
        return Parsed(None, [LoadIssue(origin, "invalid_document", message)])
    return parse_item(item, origin, skip_non_documents=skip_non_documents)


def parse_item(item: Any, origin: str, *, skip_non_documents: bool = False) -> Parsed:
    """Validate an already parsed entry, salvaging valid records when it fails."""
    if skip_non_documents and not (
        isinstance(item, dict) and ({"doc_id", "incidents", "statements"} & item.keys())
    ):
        return Parsed(None, [LoadIssue(origin, "skipped", "not a document (no doc_id)")], False)
    if not isinstance(item, dict):
        return Parsed(None, [LoadIssue(origin, "invalid_document", "expected a JSON object")])
    try:
        entry = _Entry.model_validate(item)
    except ValidationError:
        pass
    else:
        return Parsed(_document(entry, origin, valid=True, total=None, invalid=0))
    header = {k: v for k, v in item.items() if k not in ("incidents", "statements", "provenance")}
    try:
        base = DocumentRecords.model_validate(header)
    except ValidationError as exc:
        return Parsed(None, [LoadIssue(origin, "invalid_document", describe(exc))])
    issues: list[LoadIssue] = []
    incidents, bad_i, n_i = _salvage(item.get("incidents"), "incidents", Incident, origin, issues)
    statements, bad_s, n_s = _salvage(
        item.get("statements"), "statements", Statement, origin, issues
    )
    doc = base.model_copy(update={"incidents": incidents, "statements": statements})
    provenance = item.get("provenance")
    entry = _Entry.model_construct(
        **dict(doc), provenance=provenance if isinstance(provenance, dict) else None
    )
    issues.append(
        LoadIssue(origin, "invalid_document", f"{bad_i + bad_s} invalid record(s) dropped")
    )
    return Parsed(
        _document(entry, origin, valid=False, total=n_i + n_s, invalid=bad_i + bad_s), issues
    )


def _salvage(
    items: Any,
    key: str,
    model: type[Incident] | type[Statement],
    origin: str,
    issues: list[LoadIssue],
) -> tuple[list[Any], int, int]:
    if items is None:
        return [], 0, 0
    if not isinstance(items, list):
        issues.append(LoadIssue(origin, "invalid_record", f"{key}: expected a list"))
        return [], 1, 1
    kept = []
    bad = 0
    for k, raw in enumerate(items):
        try:
            kept.append(model.model_validate(raw))
        except ValidationError as exc:
            bad += 1
            issues.append(LoadIssue(origin, "invalid_record", f"{key}[{k}]: {describe(exc)}"))
    return kept, bad, len(items)


def _document(
    entry: _Entry, origin: str, *, valid: bool, total: int | None, invalid: int
) -> LoadedDocument:
    n = total if total is not None else len(entry.incidents) + len(entry.statements)
    return LoadedDocument(entry, origin, _usage(entry.provenance), n, invalid, valid)


def _number(value: Any, kind: type[int] | type[float]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return kind(0)
    return kind(value)


def _usage(provenance: dict[str, Any] | None) -> UsageSummary | None:
    if not provenance:
        return None
    usage = provenance.get("usage")
    usage = usage if isinstance(usage, dict) else {}
    prompt = _number(usage.get("prompt_tokens"), int)
    completion = _number(usage.get("completion_tokens"), int)
    total = _number(usage.get("total_tokens"), int) or prompt + completion
    return UsageSummary(
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=total,
        latency_s=_number(provenance.get("latency_s"), float),
        attempts=_number(provenance.get("attempts"), int),
    )


def describe(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"]) or "document"
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc}: {first['msg']}{more}"
