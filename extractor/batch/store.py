"""The output folder of a batch run: results, errors, manifest, resume.

- ``results.jsonl``: one `ExtractionResult` per line.
- ``errors.jsonl``: one `ErrorRecord` per failed document.
- ``manifest.json``: what ran and how it went, replaced atomically.

Lines are appended with one ``write()`` of the whole line followed by an
``fsync``, so a killed run leaves at most one partial trailing line; readers
skip it and `OutputStore.open` truncates it. Opening the store takes an
exclusive lock on the folder so two runs never write into it at once; the
lock file goes when the store closes.

Any OS error on the folder (disk full, read-only, removed) becomes an
`OutputError` naming the folder and the error. A failed append is rolled back
to the file's size before it, so the files keep whole lines only and the
documents of the lost group are simply not done: a rerun does them.

Resume: a document is done when ``results.jsonl`` holds a line for its doc id
with the same text hash, model, prompt version and schema version. At the end
of a run the files are compacted (rewritten atomically): each doc id keeps its
latest line, a document that failed in this run leaves results, a document
with a result leaves errors, so every document appears exactly once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.errors import ConfigurationError, OutputError
from extractor.models import ExtractionResult

try:  # POSIX advisory locks; elsewhere runs are not guarded against each other
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "ERRORS_FILE",
    "MANIFEST_FILE",
    "RESULTS_FILE",
    "ErrorRecord",
    "OutputStore",
    "ResumeKey",
    "read_errors",
    "read_jsonl",
    "read_results",
    "repair_jsonl",
    "result_line",
    "write_json_atomic",
]

RESULTS_FILE = "results.jsonl"
ERRORS_FILE = "errors.jsonl"
MANIFEST_FILE = "manifest.json"
_LOCK_FILE = ".lock"


@dataclass(frozen=True)
class ResumeKey:
    """What must be unchanged for an earlier result to stand."""

    text_sha256: str
    model: str
    prompt_version: str
    schema_version: int

    @classmethod
    def from_result_json(cls, obj: dict[str, Any]) -> ResumeKey | None:
        try:
            prov = obj["provenance"]
            return cls(
                str(obj["text_sha256"]),
                str(prov["model"]),
                str(prov["prompt_version"]),
                int(prov.get("schema_version", obj.get("schema_version", 0))),
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class ErrorRecord:
    """Why one document has no result."""

    doc_id: str
    source: str
    error_type: str
    message: str
    attempts: int | None = None
    failed_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )

    def to_json_line(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")


def _complete_lines(handle: BinaryIO) -> Iterator[bytes]:
    for raw in handle:
        if raw.endswith(b"\n"):
            yield raw
        # else: the partial trailing line of a killed run: dropped


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """JSON objects of a JSONL output file, skipping a partial or corrupt line."""
    p = Path(path)
    if not p.exists():
        return
    with p.open("rb") as handle:
        for raw in _complete_lines(handle):
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            if isinstance(obj, dict):
                yield obj


def read_results(path: str | Path) -> Iterator[ExtractionResult]:
    """Results from a ``results.jsonl`` file (or its folder), latest line per doc id last."""
    p = Path(path)
    if p.is_dir():
        p = p / RESULTS_FILE
    for obj in read_jsonl(p):
        yield ExtractionResult.model_validate(obj)


def read_errors(path: str | Path) -> Iterator[ErrorRecord]:
    """Error records from an ``errors.jsonl`` file (or its folder)."""
    p = Path(path)
    if p.is_dir():
        p = p / ERRORS_FILE
    names = set(ErrorRecord.__dataclass_fields__)
    for obj in read_jsonl(p):
        yield ErrorRecord(**{k: v for k, v in obj.items() if k in names})


def repair_jsonl(path: str | Path) -> int:
    """Truncate a partial trailing line; return the number of bytes dropped."""
    p = Path(path)
    if not p.exists():
        return 0
    with p.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        pos = size
        block = 1 << 16
        while pos > 0:
            start = max(0, pos - block)
            handle.seek(start)
            chunk = handle.read(pos - start)
            if pos == size and chunk.endswith(b"\n"):
                return 0
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                break
            pos = start
        else:
            keep = 0
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
        return size - keep


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not supported everywhere
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_atomically(target: Path, lines: Iterable[bytes]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); keep the mode outputs had, else 0644.
        try:
            mode = os.stat(target).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        if hasattr(os, "fchmod"):  # POSIX
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            for line in lines:
                out.write(line)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def write_json_atomic(path: str | Path, data: Any) -> None:
    """Write ``data`` as pretty JSON via a temp file and ``os.replace``."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    _replace_atomically(Path(path), [text.encode("utf-8")])


# The lines this store writes begin with their doc id (results after the
# schema version): read it there instead of parsing a whole result.
_DOC_ID_FIRST = re.compile(
    rb'\{\s*(?:"schema_version"\s*:\s*\d+\s*,\s*)?"doc_id"\s*:\s*("(?:[^"\\\n]|\\.)*")\s*,'
)


def _doc_id_of(raw: bytes) -> str | None:
    """The doc id of one complete line, or None for a line that is not a JSON object."""
    first = _DOC_ID_FIRST.match(raw)
    if first is not None and raw.rstrip().endswith(b"}"):
        try:
            return json.loads(first.group(1))  # type: ignore[no-any-return]
        except ValueError:
            pass
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    doc_id = obj.get("doc_id") if isinstance(obj, dict) else None
    return doc_id if isinstance(doc_id, str) else None


def _latest_lines(path: Path, drop: set[str] | frozenset[str]) -> tuple[list[bytes], set[str]]:
    """Latest complete line per doc id, file order kept, ids in ``drop`` left out."""
    latest: dict[str, bytes] = {}
    if path.exists():
        with path.open("rb") as handle:
            for raw in _complete_lines(handle):
                doc_id = _doc_id_of(raw)
                if doc_id is not None and doc_id not in drop:
                    latest.pop(doc_id, None)  # re-insert: order by latest write
                    latest[doc_id] = raw
    return list(latest.values()), set(latest)


class OutputStore:
    """Appends results and errors to an output folder and resumes from it."""

    def __init__(self, out_dir: str | Path, *, resume: bool = True) -> None:
        self.out_dir = Path(out_dir)
        self.resume = resume
        self.results_path = self.out_dir / RESULTS_FILE
        self.errors_path = self.out_dir / ERRORS_FILE
        self.manifest_path = self.out_dir / MANIFEST_FILE
        self.repaired_bytes = 0
        self._done: dict[str, ResumeKey] = {}
        self._fds: dict[Path, int] = {}
        self._lock_fd: int | None = None
        self._write_lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------

    def os_error(self, e: OSError) -> OutputError:
        """One line naming the folder and the OS error."""
        what = f"[Errno {e.errno}] {e.strerror}" if e.strerror else str(e)
        return OutputError(
            f"cannot write to the output folder {self.out_dir}: {what}", folder=str(self.out_dir)
        )

    def open(self) -> OutputStore:
        """Create the folder, lock it, drop partial lines, index finished results."""
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise ConfigurationError(f"--out {self.out_dir} exists and is not a folder")
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._lock()
            self.repaired_bytes = repair_jsonl(self.results_path) + repair_jsonl(self.errors_path)
            if self.resume:
                for obj in read_jsonl(self.results_path):
                    key = ResumeKey.from_result_json(obj)
                    doc_id = obj.get("doc_id")
                    if key is not None and isinstance(doc_id, str):
                        self._done[doc_id] = key
            for path in (self.results_path, self.errors_path):
                self._fds[path] = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as e:
            self.close()
            raise self.os_error(e) from e
        return self

    def probe(self, size: int = 4096) -> None:
        """Write, sync and remove a small file, so a full or read-only folder shows up
        before any document is sent."""
        path = self.out_dir / ".write-probe"
        try:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                try:
                    os.write(fd, b"\0" * size)
                    os.fsync(fd)
                finally:
                    os.close(fd)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
        except OSError as e:
            raise self.os_error(e) from e

    def _lock(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        path = self.out_dir / _LOCK_FILE
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                raise ConfigurationError(
                    f"another run is writing to {self.out_dir}; wait for it or use another --out"
                ) from e
            try:  # the holder before us may have removed the file as we opened it
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._lock_fd = fd
                return
            os.close(fd)

    def close(self) -> None:
        """Close the files, remove the lock file and release the folder lock."""
        with self._write_lock:
            for fd in self._fds.values():
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._fds.clear()
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):  # removed while held, so no one locks a stale file
                os.unlink(self.out_dir / _LOCK_FILE)
            os.close(self._lock_fd)  # releases the flock
            self._lock_fd = None

    def __enter__(self) -> OutputStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- resume ----------------------------------------------------------------------

    def is_done(self, doc_id: str, key: ResumeKey) -> bool:
        """Whether ``results.jsonl`` already holds this document for this key."""
        return self._done.get(doc_id) == key

    @property
    def done_count(self) -> int:
        return len(self._done)

    # -- appends ---------------------------------------------------------------------

    def _append(self, path: Path, lines: Sequence[bytes]) -> None:
        if not lines:
            return
        data = b"".join(lines)
        with self._write_lock:
            fd = self._fds[path]
            size = None
            try:
                size = os.fstat(fd).st_size
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            except OSError as e:
                if size is not None:  # drop what part of the group got in: whole lines only
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, size)
                raise self.os_error(e) from e

    def append_result_lines(self, lines: Sequence[bytes]) -> None:
        """Append serialized results (each a full line) in one write and fsync."""
        self._append(self.results_path, lines)

    def append_error_lines(self, lines: Sequence[bytes]) -> None:
        """Append serialized error records in one write and fsync."""
        self._append(self.errors_path, lines)

    def append_result(self, result: ExtractionResult) -> None:
        self.append_result_lines([result_line(result)])

    def append_error(self, record: ErrorRecord) -> None:
        self.append_error_lines([record.to_json_line()])

    # -- end of run ------------------------------------------------------------------

    def compact(self, failed_now: Iterable[str] = ()) -> tuple[int, int]:
        """Rewrite both files so each document appears once; return their line counts.

        Documents in ``failed_now`` failed in this run: their older results
        go. Documents with a result have no error line.
        """
        with self._write_lock:
            try:
                results, done_ids = _latest_lines(self.results_path, frozenset(failed_now))
                errors, _ = _latest_lines(self.errors_path, done_ids)
                _replace_atomically(self.results_path, results)
                _replace_atomically(self.errors_path, errors)
                for path in (self.results_path, self.errors_path):
                    os.close(self._fds[path])
                    self._fds[path] = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            except OSError as e:
                raise self.os_error(e) from e
        return len(results), len(errors)

    def write_manifest(self, data: dict[str, Any]) -> None:
        """Replace the manifest atomically; on a full disk, overwrite it in place.

        A temporary copy needs free space that a full disk lacks, while the
        old manifest's own blocks are enough for the new one of about its size.
        """
        try:
            write_json_atomic(self.manifest_path, data)
            return
        except OSError as e:
            first = e
        text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
        try:
            with self.manifest_path.open("r+b" if self.manifest_path.exists() else "wb") as out:
                data = text.encode("utf-8")
                out.write(data)  # over the old blocks first, then cut the tail
                out.truncate(len(data))
                out.flush()
                os.fsync(out.fileno())
        except OSError as e:
            raise self.os_error(first) from e


def result_line(result: ExtractionResult) -> bytes:
    """One result as a JSONL line."""
    return (result.model_dump_json() + "\n").encode("utf-8")
