"""The batch runner: many documents through one extractor, concurrently.

A fixed pool of ``concurrency`` workers pulls documents from a lazy iterator,
so exactly that many requests stay in flight whatever the batch size, and
memory does not grow with it. An optional limiter caps documents started per
minute. A document that fails (bad input, provider error, invalid output, or
an unexpected bug) is recorded in ``errors.jsonl`` and the run goes on.

Finished results are queued to a committer task that appends them in groups
(one write and one fsync per group, in a thread), so a slow disk never holds
the event loop. On interruption the queue is flushed before returning, so no
paid-for result is lost.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from aiolimiter import AsyncLimiter

from extractor.batch.inputs import Document, InputFailure
from extractor.batch.manifest import build_manifest
from extractor.batch.progress import NullProgress, ProgressReporter
from extractor.batch.store import ErrorRecord, OutputStore, ResumeKey, result_line
from extractor.errors import ExtractorError
from extractor.models import SCHEMA_VERSION, ExtractionResult, Usage

__all__ = ["BatchSummary", "SupportsAextract", "run_batch"]

log = logging.getLogger(__name__)


class SupportsAextract(Protocol):
    """What the runner needs of an extractor (`extractor.pipeline.Extractor`)."""

    prompt_version: str
    model_name: str
    provider_name: str

    async def aextract(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        doc_id: str | None = None,
        source: str | None = None,
        metadata: dict[str, str] | None = None,
        title: str | None = None,
    ) -> ExtractionResult: ...


@dataclass
class BatchSummary:
    """How a batch run went."""

    out_dir: Path
    documents: int = 0
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    cached_calls: int = 0
    wall_s: float = 0.0
    error_types: Counter[str] = field(default_factory=Counter)
    results_lines: int = 0
    errors_lines: int = 0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    @property
    def docs_per_s(self) -> float:
        return (self.succeeded + self.failed) / self.wall_s if self.wall_s > 0 else 0.0

    def line(self) -> str:
        """A one-line human summary."""
        parts = [
            f"{self.documents} documents",
            f"{self.succeeded} extracted",
            f"{self.skipped} already done",
            f"{self.failed} failed",
            f"{self.usage.total_tokens} tokens",
            f"{self.wall_s:.1f}s",
        ]
        if self.error_types:
            parts.append(
                "errors: " + ", ".join(f"{k} {v}" for k, v in self.error_types.most_common())
            )
        head = "interrupted" if self.interrupted else "done"
        return f"{head}: " + ", ".join(parts) + f" -> {self.out_dir}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "documents": self.documents,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "skipped": self.skipped,
            "interrupted": self.interrupted,
            "tokens": self.usage.model_dump(),
            "attempts": self.attempts,
            "cached_calls": self.cached_calls,
            "wall_s": round(self.wall_s, 3),
            "docs_per_s": round(self.docs_per_s, 3),
            "error_types": dict(self.error_types),
            "results_lines": self.results_lines,
            "errors_lines": self.errors_lines,
        }


_STOP = object()


class _Committer:
    """Appends queued lines in groups: one write and one fsync per group."""

    def __init__(self, store: OutputStore) -> None:
        self._store = store
        self._queue: asyncio.Queue[tuple[bool, bytes] | object] = asyncio.Queue()
        self._task = asyncio.create_task(self._run(), name="batch-committer")

    def put(self, is_result: bool, line: bytes) -> None:
        self._queue.put_nowait((is_result, line))

    def _drain(self, first: object) -> tuple[list[bytes], list[bytes], bool]:
        results: list[bytes] = []
        errors: list[bytes] = []
        stop = False
        item = first
        while True:
            if item is _STOP:
                stop = True
            else:
                is_result, line = item  # type: ignore[misc]
                (results if is_result else errors).append(line)
            try:
                item = self._queue.get_nowait()
            except asyncio.QueueEmpty:
                return results, errors, stop

    def _write(self, results: list[bytes], errors: list[bytes]) -> None:
        self._store.append_result_lines(results)
        self._store.append_error_lines(errors)

    async def _run(self) -> None:
        while True:
            results, errors, stop = self._drain(await self._queue.get())
            await asyncio.to_thread(self._write, results, errors)
            if stop:
                return

    async def close(self) -> None:
        self._queue.put_nowait(_STOP)
        await self._task

    def flush_now(self) -> None:
        """After cancellation: write whatever is still queued, synchronously."""
        self._task.cancel()
        try:
            results, errors, _ = self._drain(self._queue.get_nowait())
        except asyncio.QueueEmpty:
            return
        self._write(results, errors)


@dataclass
class _Run:
    extractor: SupportsAextract
    store: OutputStore
    committer: _Committer
    progress: ProgressReporter
    limiter: AsyncLimiter | None
    summary: BatchSummary
    failed_ids: set[str] = field(default_factory=set)

    def fail(self, doc_id: str, source: str, exc: BaseException, attempts: int | None) -> None:
        kind = type(exc).__name__
        message = str(exc) or kind
        record = ErrorRecord(doc_id, source, kind, message, attempts)
        self.committer.put(False, record.to_json_line())
        self.failed_ids.add(doc_id)
        self.summary.failed += 1
        self.summary.error_types[kind] += 1
        self.progress.advance("failed")

    async def process(self, item: Document | InputFailure) -> None:
        self.summary.documents += 1
        if isinstance(item, InputFailure):
            self.fail(item.doc_id, item.source, item.error, 0)
            return
        key = ResumeKey(
            item.sha256, self.extractor.model_name, self.extractor.prompt_version, SCHEMA_VERSION
        )
        if self.store.is_done(item.doc_id, key):
            self.summary.skipped += 1
            self.progress.advance("skipped")
            return
        try:
            if self.limiter is not None:
                await self.limiter.acquire()
            result = await self.extractor.aextract(
                item.text,
                published=item.published,
                doc_id=item.doc_id,
                source=item.source,
                metadata=dict(item.metadata) or None,
                title=item.title,
            )
        except Exception as e:  # recorded, never fatal: one bad document must not stop a batch
            if not isinstance(e, ExtractorError):
                log.exception("unexpected error on document %s", item.doc_id)
            self.fail(item.doc_id, item.source, e, getattr(e, "attempts", None))
            return
        self.committer.put(True, result_line(result))
        prov = result.provenance
        self.summary.succeeded += 1
        self.summary.usage = self.summary.usage + prov.usage
        self.summary.attempts += prov.attempts
        self.summary.cached_calls += prov.cached_calls
        self.progress.advance("ok", prov.usage.total_tokens)

    async def worker(self, items: Iterator[Document | InputFailure]) -> None:
        for item in items:  # the iterator is shared: each worker takes the next document
            await self.process(item)


async def run_batch(
    documents: Iterable[Document | InputFailure],
    extractor: SupportsAextract,
    out_dir: str | Path,
    *,
    concurrency: int = 8,
    rpm: float | None = None,
    progress: ProgressReporter | None = None,
    resume: bool = True,
    total: int | None = None,
    run_info: Mapping[str, Any] | None = None,
) -> BatchSummary:
    """Extract every document into ``out_dir``; return counts, tokens and time.

    ``concurrency`` documents are in flight at once; ``rpm`` (if given) caps
    documents started per minute. With ``resume``, documents whose result is
    already in ``out_dir`` for the same text, model, prompt and schema
    version are skipped. ``run_info`` (configuration without secrets, inputs)
    goes into the manifest. Per-document failures are recorded, not raised.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    if rpm is not None and rpm <= 0:
        raise ValueError(f"rpm must be positive, got {rpm}")
    progress = progress or NullProgress()
    store = OutputStore(out_dir, resume=resume).open()
    summary = BatchSummary(out_dir=Path(out_dir))
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    settings = {"concurrency": concurrency, "rpm": rpm, "resume": resume}

    def manifest(status: str) -> dict[str, Any]:
        summary.wall_s = time.perf_counter() - t0
        return build_manifest(
            status, extractor, summary, started, settings=settings, run_info=run_info
        )

    try:
        store.write_manifest(manifest("running"))
        limiter = AsyncLimiter(1, 60.0 / rpm) if rpm else None
        run = _Run(extractor, store, _Committer(store), progress, limiter, summary)
        items = iter(documents)
        progress.start(total)
        workers = [asyncio.create_task(run.worker(items)) for _ in range(concurrency)]
        try:
            await asyncio.gather(*workers)
            await run.committer.close()
        except BaseException:
            summary.interrupted = True
            for w in workers:
                w.cancel()
            try:  # let the committer write what is queued; paid-for results stay
                await asyncio.gather(*workers, return_exceptions=True)
                await asyncio.shield(run.committer.close())
            except BaseException:  # interrupted again: write the rest from here
                run.committer.flush_now()
            raise
        finally:
            progress.stop()
            summary.results_lines, summary.errors_lines = store.compact(run.failed_ids)
            store.write_manifest(manifest("interrupted" if summary.interrupted else "complete"))
    finally:
        store.close()
    return summary
