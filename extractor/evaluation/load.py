"""Load gold annotations and predictions as DocumentRecords.

Accepted inputs, for gold and predictions alike:

- the output folder of ``extractor run`` (it holds ``results.jsonl``): its
  results, plus the documents ``errors.jsonl`` reports as failed, which count
  as invalid entries;
- any other folder: every ``*.json`` file in it is one document (a gold
  folder included), every ``*.jsonl`` file one document per line; JSON files
  that are not documents (no ``doc_id``, no records) are skipped;
- a ``.jsonl`` file: one document (an ExtractionResult) per line;
- a ``.json`` file: one document, or a list of documents.

Predictions are parsed leniently: an entry that fails validation is salvaged
record by record (incidents and statements that validate are kept, the rest
dropped) and counted, giving the schema validity rates; a line that is not
JSON counts as an invalid document. Each problem is reported with its file and
line. When a doc_id comes again, the later entry replaces the earlier one (a
resumed run appends). Gold is strict: any invalid or repeated entry raises
:class:`InputError`. So does an input that cannot be read at all, or holds no
readable document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.errors import InputError
from extractor.evaluation.gcpause import gc_paused
from extractor.models import DocumentRecords, Incident, Statement

RESULTS_FILE = "results.jsonl"
ERRORS_FILE = "errors.jsonl"


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


@dataclass
class LoadedSet:
    """Documents by doc_id, with what went wrong while reading them."""

    path: str
    documents: dict[str, LoadedDocument] = field(default_factory=dict)
    issues: list[LoadIssue] = field(default_factory=list)
    entries: int = 0
    valid_entries: int = 0
    records_total: int = 0
    records_valid: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    """Documents a run reported as failed (``errors.jsonl``), with the reason."""

    @property
    def validity_rate(self) -> float:
        """Share of document entries that validate completely."""
        return self.valid_entries / self.entries if self.entries else 1.0

    @property
    def record_validity_rate(self) -> float:
        """Share of incidents and statements that validate."""
        return self.records_valid / self.records_total if self.records_total else 1.0

    def records(self) -> dict[str, DocumentRecords]:
        return {doc_id: d.records for doc_id, d in self.documents.items()}

    @classmethod
    def from_records(cls, docs: list[DocumentRecords], path: str = "<memory>") -> LoadedSet:
        """Wrap documents already in memory (tests, library callers)."""
        out = cls(path)
        for doc in docs:
            out.entries += 1
            out.valid_entries += 1
            n = len(doc.incidents) + len(doc.statements)
            out.records_total += n
            out.records_valid += n
            out.documents[doc.doc_id] = LoadedDocument(doc, f"{path}[{doc.doc_id}]", None, n)
        return out


def load_gold(path: str | Path) -> LoadedSet:
    """Load gold annotations; any invalid entry raises InputError."""
    loaded = _load(Path(path))
    for issue in loaded.issues:
        if issue.kind != "skipped":
            raise InputError(f"invalid gold annotation: {issue.message}", path=issue.origin)
    return loaded


def load_predictions(path: str | Path) -> LoadedSet:
    """Load predictions leniently, counting what fails validation."""
    return _load(Path(path))


def _load(path: Path) -> LoadedSet:
    with gc_paused():
        return _load_path(path)


def _load_path(path: Path) -> LoadedSet:
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    loaded = LoadedSet(str(path))
    if path.is_dir() and (path / RESULTS_FILE).is_file():
        _load_file(path / RESULTS_FILE, loaded, in_folder=False)
        if (path / ERRORS_FILE).is_file():
            _load_errors(path / ERRORS_FILE, loaded)
    elif path.is_dir():
        files = sorted(path.glob("*.json")) + sorted(path.glob("*.jsonl"))
        files = [f for f in files if f.is_file()]
        if not files:
            raise InputError("folder holds no .json or .jsonl files", path=str(path))
        for file in files:
            _load_file(file, loaded, in_folder=True)
    else:
        _load_file(path, loaded, in_folder=False)
    if not loaded.documents:
        problems = [i for i in loaded.issues if i.kind != "skipped"]
        detail = f"; first problem: {problems[0]}" if problems else ""
        raise InputError(f"no readable documents{detail}", path=str(path))
    return loaded


def _load_errors(path: Path, loaded: LoadedSet) -> None:
    """Count the documents a run failed on as invalid entries, with their reason."""
    for lineno, line in enumerate(_read_bytes(path).split(b"\n"), start=1):
        try:
            item = json.loads(line) if line.strip() else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if not isinstance(item, dict) or not isinstance(item.get("doc_id"), str):
            continue
        doc_id = item["doc_id"]
        if doc_id in loaded.documents or doc_id in loaded.failed:
            continue
        reason = f"{item.get('error_type', 'error')}: {item.get('message', '')}".strip(": ")
        loaded.entries += 1
        loaded.failed[doc_id] = reason
        loaded.issues.append(
            LoadIssue(f"{path}:{lineno}", "failed_document", f"{doc_id}: extraction failed: {reason}")
        )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc


def _load_file(path: Path, loaded: LoadedSet, *, in_folder: bool) -> None:
    data = _read_bytes(path)
    if path.suffix == ".jsonl":
        for lineno, line in enumerate(data.split(b"\n"), start=1):
            if line.strip():
                _add_entry(line, f"{path}:{lineno}", loaded, skip_non_documents=False)
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"line {line}: not UTF-8 text", path=str(path)) from exc
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"line {exc.lineno} column {exc.colno}: invalid JSON: {exc.msg}", path=str(path)
            ) from exc
        for k, item in enumerate(items):
            _add_parsed(item, f"{path}[{k}]", loaded, skip_non_documents=False)
        return
    _add_entry(data, str(path), loaded, skip_non_documents=in_folder)


def _add_entry(raw: bytes, origin: str, loaded: LoadedSet, *, skip_non_documents: bool) -> None:
    try:
        entry = _Entry.model_validate_json(raw)
    except ValidationError:
        pass
    else:
        loaded.entries += 1
        _accept(entry, origin, loaded, valid=True, total=None, invalid=0)
        return
    try:
        item = json.loads(raw)
    except UnicodeDecodeError:
        loaded.entries += 1
        loaded.issues.append(LoadIssue(origin, "invalid_document", "not UTF-8 text"))
        return
    except json.JSONDecodeError as exc:
        loaded.entries += 1
        where = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno} col {exc.colno}"
        loaded.issues.append(
            LoadIssue(origin, "invalid_document", f"invalid JSON at {where}: {exc.msg}")
        )
        return
    _add_parsed(item, origin, loaded, skip_non_documents=skip_non_documents)


def _add_parsed(item: Any, origin: str, loaded: LoadedSet, *, skip_non_documents: bool) -> None:
    """Validate an already parsed entry, salvaging valid records when it fails."""
    if skip_non_documents and not (
        isinstance(item, dict) and ({"doc_id", "incidents", "statements"} & item.keys())
    ):
        loaded.issues.append(LoadIssue(origin, "skipped", "not a document (no doc_id)"))
        return
    loaded.entries += 1
    if not isinstance(item, dict):
        loaded.issues.append(
            LoadIssue(origin, "invalid_document", "expected a JSON object")
        )
        return
    try:
        entry = _Entry.model_validate(item)
    except ValidationError:
        pass
    else:
        _accept(entry, origin, loaded, valid=True, total=None, invalid=0)
        return
    header = {k: v for k, v in item.items() if k not in ("incidents", "statements", "provenance")}
    try:
        base = DocumentRecords.model_validate(header)
    except ValidationError as exc:
        loaded.issues.append(LoadIssue(origin, "invalid_document", _describe(exc)))
        return
    incidents, bad_i, n_i = _salvage(item.get("incidents"), "incidents", Incident, origin, loaded)
    statements, bad_s, n_s = _salvage(
        item.get("statements"), "statements", Statement, origin, loaded
    )
    doc = base.model_copy(update={"incidents": incidents, "statements": statements})
    entry = _Entry.model_construct(**dict(doc), provenance=_dict_or_none(item.get("provenance")))
    loaded.issues.append(
        LoadIssue(origin, "invalid_document", f"{bad_i + bad_s} invalid record(s) dropped")
    )
    _accept(entry, origin, loaded, valid=False, total=n_i + n_s, invalid=bad_i + bad_s)


def _salvage(
    items: Any, key: str, model: type[Incident] | type[Statement], origin: str, loaded: LoadedSet
) -> tuple[list[Any], int, int]:
    if items is None:
        return [], 0, 0
    if not isinstance(items, list):
        loaded.issues.append(LoadIssue(origin, "invalid_record", f"{key}: expected a list"))
        return [], 1, 1
    kept = []
    bad = 0
    for k, raw in enumerate(items):
        try:
            kept.append(model.model_validate(raw))
        except ValidationError as exc:
            bad += 1
            loaded.issues.append(
                LoadIssue(origin, "invalid_record", f"{key}[{k}]: {_describe(exc)}")
            )
    return kept, bad, len(items)


def _accept(
    entry: _Entry, origin: str, loaded: LoadedSet, *, valid: bool, total: int | None, invalid: int
) -> None:
    n = total if total is not None else len(entry.incidents) + len(entry.statements)
    earlier = loaded.documents.get(entry.doc_id)
    if earlier is not None:
        # A later line for the same document supersedes the earlier one, as in
        # a resumed run's results.jsonl; the earlier one no longer counts.
        loaded.entries -= 1
        loaded.valid_entries -= earlier.valid
        loaded.records_total -= earlier.records_total
        loaded.records_valid -= earlier.records_total - earlier.records_invalid
        loaded.issues.append(
            LoadIssue(
                origin, "duplicate",
                f"doc_id {entry.doc_id!r} seen again; this entry replaces {earlier.origin}",
            )
        )
    loaded.records_total += n
    loaded.records_valid += n - invalid
    loaded.valid_entries += valid
    loaded.documents[entry.doc_id] = LoadedDocument(
        entry, origin, _usage(entry.provenance), n, invalid, valid
    )


def _dict_or_none(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


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


def _describe(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = ".".join(str(p) for p in first["loc"]) or "document"
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{loc}: {first['msg']}{more}"
