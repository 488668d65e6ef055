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

``iter_documents`` yields the documents one by one as they are read, so a
large prediction file can be scored without holding it all in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import InputError
from extractor.evaluation.entries import (
    LoadedDocument,
    LoadIssue,
    Parsed,
    UsageSummary,
    parse_item,
    parse_raw,
)
from extractor.evaluation.gcpause import gc_paused
from extractor.models import DocumentRecords

__all__ = [
    "LoadIssue",
    "LoadedDocument",
    "LoadedSet",
    "UsageSummary",
    "iter_documents",
    "load_gold",
    "load_predictions",
]

RESULTS_FILE = "results.jsonl"
ERRORS_FILE = "errors.jsonl"


@dataclass
class LoadedSet:
    """Documents by doc_id, with what went wrong while reading them.

    With ``keep`` False (streaming), ``documents`` remembers each document's
    origin, counts and usage but not its records.
    """

    path: str
    documents: dict[str, LoadedDocument] = field(default_factory=dict)
    issues: list[LoadIssue] = field(default_factory=list)
    entries: int = 0
    valid_entries: int = 0
    records_total: int = 0
    records_valid: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    """Documents a run reported as failed (``errors.jsonl``), with the reason."""
    keep: bool = True

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

    def add(self, parsed: Parsed) -> LoadedDocument | None:
        """Count one parsed entry; a later entry for a doc_id replaces the earlier."""
        self.issues.extend(parsed.issues)
        self.entries += parsed.counted
        doc = parsed.document
        if doc is None:
            return None
        doc_id = doc.records.doc_id
        earlier = self.documents.get(doc_id)
        if earlier is not None:
            self.entries -= 1
            self.valid_entries -= earlier.valid
            self.records_total -= earlier.records_total
            self.records_valid -= earlier.records_total - earlier.records_invalid
            self.issues.append(
                LoadIssue(
                    doc.origin,
                    "duplicate",
                    f"doc_id {doc_id!r} seen again; this entry replaces {earlier.origin}",
                )
            )
        self.records_total += doc.records_total
        self.records_valid += doc.records_total - doc.records_invalid
        self.valid_entries += doc.valid
        self.documents[doc_id] = doc if self.keep else _without_records(doc)
        return doc

    @classmethod
    def from_records(cls, docs: list[DocumentRecords], path: str = "<memory>") -> LoadedSet:
        """Wrap documents already in memory (tests, library callers)."""
        out = cls(path)
        for doc in docs:
            n = len(doc.incidents) + len(doc.statements)
            out.add(Parsed(LoadedDocument(doc, f"{path}[{doc.doc_id}]", None, n)))
        return out


def _without_records(doc: LoadedDocument) -> LoadedDocument:
    header = doc.records.model_copy(update={"incidents": [], "statements": []})
    return LoadedDocument(
        header, doc.origin, doc.usage, doc.records_total, doc.records_invalid, doc.valid
    )


def load_gold(path: str | Path) -> LoadedSet:
    """Load gold annotations; any invalid or repeated entry raises InputError."""
    loaded = _load(Path(path))
    for issue in loaded.issues:
        if issue.kind != "skipped":
            raise InputError(f"invalid gold annotation: {issue.message}", path=issue.origin)
    return loaded


def load_predictions(path: str | Path) -> LoadedSet:
    """Load predictions leniently, counting what fails validation."""
    return _load(Path(path))


def _load(path: Path) -> LoadedSet:
    loaded = LoadedSet(str(path))
    with gc_paused():
        for _ in iter_documents(path, loaded):
            pass
    return loaded


def iter_documents(path: str | Path, loaded: LoadedSet) -> Iterator[LoadedDocument]:
    """Read an input, counting into ``loaded``; yield each document as accepted.

    Raises InputError when the input cannot be read or, once read, held no
    readable document.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    if path.is_dir() and (path / RESULTS_FILE).is_file():
        yield from _iter_file(path / RESULTS_FILE, loaded, in_folder=False)
        if (path / ERRORS_FILE).is_file():
            _load_errors(path / ERRORS_FILE, loaded)
    elif path.is_dir():
        files = sorted(path.glob("*.json")) + sorted(path.glob("*.jsonl"))
        files = [f for f in files if f.is_file()]
        if not files:
            raise InputError("folder holds no .json or .jsonl files", path=str(path))
        for file in files:
            yield from _iter_file(file, loaded, in_folder=True)
    else:
        yield from _iter_file(path, loaded, in_folder=False)
    if not loaded.documents:
        problems = [i for i in loaded.issues if i.kind != "skipped"]
        detail = f"; first problem: {problems[0]}" if problems else ""
        raise InputError(f"no readable documents{detail}", path=str(path))


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
            LoadIssue(
                f"{path}:{lineno}", "failed_document", f"{doc_id}: extraction failed: {reason}"
            )
        )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc


def _iter_file(path: Path, loaded: LoadedSet, *, in_folder: bool) -> Iterator[LoadedDocument]:
    data = _read_bytes(path)
    if path.suffix == ".jsonl":
        start = lineno = 0
        while start < len(data):
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            lineno += 1
            line = data[start:end]
            start = end + 1
            if line.strip() and (doc := loaded.add(parse_raw(line, f"{path}:{lineno}"))):
                yield doc
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        raise InputError(f"line {line_no}: not UTF-8 text", path=str(path)) from exc
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"line {exc.lineno} column {exc.colno}: invalid JSON: {exc.msg}", path=str(path)
            ) from exc
        for k, item in enumerate(items):
            if doc := loaded.add(parse_item(item, f"{path}[{k}]")):
                yield doc
        return
    if doc := loaded.add(parse_raw(data, str(path), skip_non_documents=in_folder)):
        yield doc
