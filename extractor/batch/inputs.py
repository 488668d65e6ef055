"""Finding and reading the documents of a batch.

An INPUT is a file or a folder (searched recursively, hidden entries skipped).
Files ending in .txt, .md, .html/.htm hold one article each; .json holds one
object (or a list of objects) and .jsonl/.ndjson one object per line, each
with a ``text`` and optional ``id``, ``url``, ``published``, ``title`` and
``metadata``. HTML is reduced to its text, one paragraph per block element.

Files that are not articles are passed over when a folder is searched: the
outputs of a run (``results.jsonl``, ``errors.jsonl``, ``manifest.json``) and
JSON holding records rather than a text (gold annotation files such as
``seeds/annotations/*.json``, saved results): an object without ``text`` that
has ``incidents``, ``statements``, ``provenance`` or ``error_type``.
`check_inputs` refuses, before anything runs, an input that does not exist,
a folder with no documents, and a file given by name that is such a record.

Documents are produced lazily, in a stable order (inputs as given, folder
entries sorted). A document that cannot be read becomes an `InputFailure`
carrying an `InputError` that names the file (and line): the batch records it
and goes on with the others.

Doc ids: the ``id`` of a JSON record, else the path relative to the input
folder without its extension (``sub/article``; the file name for a file given
directly), with the extension kept or the full path used if that is taken.
JSON records without an id are ``<path>#<line or index>``. An exact duplicate
(same id, same text) is skipped; the same id with another text is a failure.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.batch.html_text import html_to_text
from extractor.digest import text_sha256
from extractor.errors import InputError

__all__ = [
    "DOC_SUFFIXES",
    "Document",
    "InputFailure",
    "check_inputs",
    "count_documents",
    "iter_documents",
    "text_sha256",
]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
DOC_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
_RESERVED = frozenset({"text", "id", "published", "title", "metadata"})
#: file names a batch run writes into its output folder
RUN_OUTPUTS = frozenset({"results.jsonl", "errors.jsonl", "manifest.json"})
#: keys of a record (gold annotation, result, error record), never of an input document
_RECORD_KEYS = frozenset({"incidents", "statements", "provenance", "error_type"})
_PEEK_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Document:
    """One article to extract from, with what its input said about it."""

    doc_id: str
    source: str
    text: str
    published: str | None = None
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be read, recorded as a failed document."""

    doc_id: str
    source: str
    error: InputError


def _decode(path: Path | str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", path=str(path)
        ) from e


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise InputError("no such file or folder", path=str(path)) from e
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=str(path)) from e
    if not data.strip():
        raise InputError("empty file", path=str(path))
    return _decode(path, data)


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


class _Ids:
    """Hands out unique doc ids and remembers which text each id had."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str]] = {}

    def claim(self, candidates: Iterable[str], sha: str, source: str) -> str | None:
        """The first free candidate; None for an exact duplicate of a known doc.

        Raises InputError when the id (from metadata) is taken by another text.
        """
        candidates = list(candidates)
        for cand in candidates:
            if cand not in self._seen:
                self._seen[cand] = (sha, source)
                return cand
        first = candidates[0]
        known_sha, known_source = self._seen[first]
        if known_sha == sha:
            return None
        raise InputError(f"doc id {first!r} already used by {known_source} for another text")


def _record_document(
    obj: Any, where: str, fallback_id: str, ids: _Ids
) -> Document | InputFailure | None:
    if not isinstance(obj, dict):
        err = InputError("expected a JSON object with a 'text' field", path=where)
        return InputFailure(fallback_id, where, err)
    raw_id = _scalar(obj.get("id"))
    doc_id = raw_id.strip() if raw_id and raw_id.strip() else fallback_id
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "empty 'text'" if isinstance(text, str) else "no 'text' string"
        return InputFailure(doc_id, where, InputError(what, path=where))
    metadata = {k: v for k, v in ((k, _scalar(v)) for k, v in obj.items()) if v is not None}
    for key in _RESERVED:
        metadata.pop(key, None)
    extra = obj.get("metadata")
    if isinstance(extra, dict):
        metadata.update({k: v for k, v in ((k, _scalar(v)) for k, v in extra.items()) if v})
    sha = text_sha256(text)
    try:
        if ids.claim([doc_id], sha, where) is None:
            return None
    except InputError as e:
        return InputFailure(fallback_id, where, InputError(str(e), path=where))
    return Document(
        doc_id=doc_id,
        source=where,
        text=text,
        published=_scalar(obj.get("published")),
        title=_scalar(obj.get("title")),
        metadata=metadata,
        sha256=sha,
    )


def _jsonl_documents(path: Path, shown: str, ids: _Ids) -> Iterator[Document | InputFailure]:
    try:
        handle = path.open("rb")
    except OSError as e:
        yield InputFailure(shown, shown, InputError(f"cannot read: {e.strerror}", path=shown))
        return
    with handle:
        any_line = False
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            any_line = True
            where = f"{shown}:{lineno}"
            fallback = f"{shown}#{lineno}"
            try:
                obj = json.loads(_decode(where, raw))
            except InputError as e:
                yield InputFailure(fallback, where, e)
                continue
            except ValueError as e:
                yield InputFailure(fallback, where, InputError(f"invalid JSON: {e}", path=where))
                continue
            doc = _record_document(obj, where, fallback, ids)
            if doc is not None:
                yield doc
        if not any_line:
            yield InputFailure(shown, shown, InputError("empty file", path=shown))


def _file_documents(
    path: Path, shown: str, id_candidates: list[str], ids: _Ids
) -> Iterator[Document | InputFailure]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, shown, ids)
        return
    try:
        text = _read_text(path)
        if suffix in JSON_SUFFIXES:
            try:
                obj = json.loads(text)
            except ValueError as e:
                raise InputError(f"invalid JSON: {e}", path=shown) from e
            records = obj if isinstance(obj, list) else [obj]
            for i, rec in enumerate(records):
                fallback = id_candidates[0] if len(records) == 1 else f"{shown}#{i}"
                doc = _record_document(rec, shown if len(records) == 1 else fallback, fallback, ids)
                if doc is not None:
                    yield doc
            return
        title = None
        if suffix in HTML_SUFFIXES:
            title, text = html_to_text(text)
            if not text.strip():
                raise InputError("no text in the HTML", path=shown)
        doc_id = ids.claim(id_candidates, text_sha256(text), shown)
        if doc_id is not None:
            yield Document(doc_id=doc_id, source=shown, text=text, title=title)
    except InputError as e:
        yield InputFailure(id_candidates[0], shown, e)


def _is_record(obj: Any) -> bool:
    if isinstance(obj, list) and obj:
        obj = obj[0]
    return isinstance(obj, dict) and "text" not in obj and bool(obj.keys() & _RECORD_KEYS)


def is_output_file(path: Path) -> bool:
    """Whether ``path`` is a run's output or a file of records (gold, results), not articles."""
    if path.name in RUN_OUTPUTS:
        return True
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                first = next((line for line in fh if line.strip()), b"")
            return _is_record(json.loads(first)) if first else False
        if suffix in JSON_SUFFIXES and path.stat().st_size < _PEEK_BYTES:
            return _is_record(json.loads(path.read_bytes()))
    except (OSError, ValueError):
        return False  # reading it as a document will say what is wrong
    return False


def _walk(folder: Path) -> Iterator[Path]:
    """Document files under ``folder``, sorted, hidden entries and records skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in DOC_SUFFIXES:
                continue
            path = Path(root) / name
            if not is_output_file(path):
                yield path


def check_inputs(inputs: Iterable[str | Path]) -> None:
    """Raise `InputError` naming the first input that cannot give any document."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            if next(_walk(path), None) is None:
                kinds = ", ".join(sorted(DOC_SUFFIXES))
                raise InputError(f"folder holds no documents ({kinds})", path=str(item))
        elif not path.exists():
            raise InputError("no such file or folder", path=str(item))
        elif is_output_file(path):
            raise InputError(
                "holds extraction records (gold annotations or results), not documents",
                path=str(item),
            )


def _candidates(rel: Path, shown: str) -> list[str]:
    stem = rel.with_suffix("").as_posix()
    return list(dict.fromkeys([stem, rel.as_posix(), shown]))


def iter_documents(
    inputs: Iterable[str | Path], *, published: str | None = None
) -> Iterator[Document | InputFailure]:
    """Documents (and input failures) from files and folders, lazily, in order.

    ``published`` (an ISO date) is the publication date of every document
    whose input does not give one (plain text, HTML, JSON without it).
    """
    if published is None:
        yield from _iter_documents(inputs)
        return
    for doc in _iter_documents(inputs):
        if isinstance(doc, Document) and doc.published is None:
            doc = dataclasses.replace(doc, published=published)
        yield doc


def _iter_documents(inputs: Iterable[str | Path]) -> Iterator[Document | InputFailure]:
    ids = _Ids()
    for item in inputs:
        path = Path(item)
        shown = str(item)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                rel = file.relative_to(path)
                yield from _file_documents(file, str(file), _candidates(rel, str(file)), ids)
            if not found:
                kinds = ", ".join(sorted(DOC_SUFFIXES))
                err = InputError(f"folder holds no documents ({kinds})", path=shown)
                yield InputFailure(shown, shown, err)
        elif path.exists():
            yield from _file_documents(path, shown, _candidates(Path(path.name), shown), ids)
        else:
            err = InputError("no such file or folder", path=shown)
            yield InputFailure(shown, shown, err)


def count_documents(inputs: Iterable[str | Path]) -> int:
    """A quick count of the documents `iter_documents` will produce (for progress).

    Counts files, non-blank JSONL lines and top-level JSON list items without
    decoding texts; missing inputs count as one (failed) document.
    """
    total = 0
    for item in inputs:
        path = Path(item)
        files = list(_walk(path)) if path.is_dir() else [path]
        if path.is_dir() and not files:
            total += 1
        for file in files:
            suffix = file.suffix.lower()
            try:
                if suffix in JSONL_SUFFIXES:
                    with file.open("rb") as fh:
                        total += max(1, sum(1 for line in fh if line.strip()))
                elif suffix in JSON_SUFFIXES and file.stat().st_size < 64 * 2**20:
                    obj = json.loads(file.read_bytes())
                    total += len(obj) if isinstance(obj, list) and obj else 1
                else:
                    total += 1
            except (OSError, ValueError):
                total += 1
    return total
