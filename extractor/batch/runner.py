"""The batch runner: many documents through one extractor, concurrently.

A fixed pool of workers pulls documents from a lazy iterator, so memory does
not grow with the batch. With an extractor that can cap its model requests
(`Extractor.limit_requests`), ``concurrency`` is that cap and a quarter more
workers than it keep a document ready, so that no request slot waits while a
finished document is grounded and stored: exactly ``concurrency`` requests
stay in flight. Other extractors get ``concurrency`` workers. An optional
limiter caps documents started per minute. A document that fails (bad input,
provider error, invalid output, or an unexpected bug) is recorded in
``errors.jsonl`` and the run goes on; its calls and tokens still count.

Finished results are queued to a committer task that appends them in groups
(one write and one fsync per group, in a thread), so a slow disk never holds
the event loop. On interruption the queue is flushed before returning, so no
paid-for result is lost.

Two faults stop the run instead of failing document after document:

- the output folder stops taking writes (disk full, read-only): no new
  document starts; those in flight finish and are saved if the folder takes
  them again, else left undone; the manifest says ``failed`` and why;
- the endpoint is unreachable for `BREAKER_THRESHOLD` documents in a row (a
  circuit breaker): the documents in flight are cancelled.

Either way the documents not started are counted as not attempted (never
recorded as failed), so a rerun into the same folder finishes the batch.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiolimiter import AsyncLimiter

from extractor.batch.inputs import Document, InputFailure
from extractor.batch.manifest import build_manifest
from extractor.batch.progress import NullProgress, ProgressReporter
from extractor.batch.store import ErrorRecord, OutputStore, ResumeKey, result_line
from extractor.batch.summary import BatchSummary, Failure, SupportsAextract
from extractor.errors import EndpointUnreachableError, ExtractorError, OutputError
from extractor.models import SCHEMA_VERSION, Provenance, Usage

__all__ = ["BREAKER_THRESHOLD", "BatchSummary", "SupportsAextract", "run_batch"]

log = logging.getLogger(__name__)

#: documents in a row that could not reach the endpoint before the run stops
BREAKER_THRESHOLD = 5


def _workers(concurrency: int) -> int:
    """Workers for ``concurrency`` request slots: one in four more, at least one."""
    return concurrency + max(1, concurrency // 4)


_STOP = object()


class _Committer:
    """Appends queued lines in groups: one write and one fsync per group.

    A group the folder refuses is reported to ``on_error`` with the number of
    result and error lines lost; later groups are still tried.
    """

    def __init__(
        self, store: OutputStore, on_error: Callable[[OutputError, int, int], None]
    ) -> None:
        self._store = store
        self._on_error = on_error
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

    def _write(
        self, results: list[bytes], errors: list[bytes]
    ) -> tuple[OutputError | None, int, int]:
        error: OutputError | None = None
        lost_results = lost_errors = 0
        try:
            self._store.append_result_lines(results)
        except OutputError as e:
            error, lost_results = e, len(results)
        try:
            self._store.append_error_lines(errors)
        except OutputError as e:
            error, lost_errors = error or e, len(errors)
        return error, lost_results, lost_errors

    def _report(self, outcome: tuple[OutputError | None, int, int]) -> None:
        error, lost_results, lost_errors = outcome
        if error is not None:
            self._on_error(error, lost_results, lost_errors)

    async def _run(self) -> None:
        while True:
            results, errors, stop = self._drain(await self._queue.get())
            self._report(await asyncio.to_thread(self._write, results, errors))
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
        self._report(self._write(results, errors))


@dataclass
class _Run:
    extractor: SupportsAextract
    store: OutputStore
    progress: ProgressReporter
    limiter: AsyncLimiter | None
    summary: BatchSummary
    committer: _Committer = field(init=False)
    failed_ids: set[str] = field(default_factory=set)
    in_flight: set[str] = field(default_factory=set)
    workers: list[asyncio.Task[None]] = field(default_factory=list)
    stopping: bool = False
    unreachable_in_a_row: int = 0
    as_line: Any = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.committer = _Committer(self.store, self.lost)
        self.as_line = getattr(self.extractor, "aextract_line", None)

    def stop(self, reason: str, *, cancel_in_flight: bool) -> None:
        """Start no new document; with ``cancel_in_flight``, abandon the running ones."""
        if self.summary.stopped is None:
            self.summary.stopped = reason
        self.stopping = True
        if cancel_in_flight:
            current = asyncio.current_task()
            for w in self.workers:
                if w is not current:
                    w.cancel()

    def lost(self, error: OutputError, results: int, errors: int) -> None:
        """The folder refused a group: those documents are left for a rerun."""
        self.summary.not_saved += results + errors
        self.summary.succeeded -= results
        self.summary.failed -= errors
        self.stop(str(error), cancel_in_flight=False)

    def account(self, usage: Usage | None, attempts: int | None, cached: int = 0) -> None:
        if usage is not None:
            self.summary.usage = self.summary.usage + usage
        self.summary.attempts += attempts or 0
        self.summary.cached_calls += cached

    def fail(self, doc_id: str, source: str, exc: BaseException, attempts: int | None) -> None:
        kind = type(exc).__name__
        message = str(exc) or kind
        record = ErrorRecord(doc_id, source, kind, message, attempts)
        self.committer.put(False, record.to_json_line())
        self.failed_ids.add(doc_id)
        self.summary.add_failure(Failure(doc_id, source, kind, message))
        usage = getattr(exc, "usage", None)
        self.account(usage if isinstance(usage, Usage) else None, attempts)
        self.progress.advance("failed")

    def _key(self, item: Document) -> ResumeKey:
        return ResumeKey(
            item.sha256, self.extractor.model_name, self.extractor.prompt_version, SCHEMA_VERSION
        )

    def _breaker(self, exc: BaseException | None) -> None:
        if not isinstance(exc, EndpointUnreachableError):
            self.unreachable_in_a_row = 0
            return
        self.unreachable_in_a_row += 1
        if self.unreachable_in_a_row >= BREAKER_THRESHOLD and not self.stopping:
            self.stop(
                f"stopped: {self.unreachable_in_a_row} documents in a row could not reach "
                f"the model endpoint: {exc}",
                cancel_in_flight=True,
            )

    async def process(self, item: Document | InputFailure) -> None:
        self.summary.documents += 1
        if isinstance(item, InputFailure):
            self.fail(item.doc_id, item.source, item.error, 0)
            return
        if self.store.is_done(item.doc_id, self._key(item)):
            self.summary.skipped += 1
            self.progress.advance("skipped")
            return
        self.in_flight.add(item.doc_id)
        try:
            if self.limiter is not None:
                await self.limiter.acquire()
            prov, line = await self._extract(item)
        except Exception as e:  # recorded, never fatal: one bad document must not stop a batch
            self.in_flight.discard(item.doc_id)
            if not isinstance(e, ExtractorError):
                log.exception("unexpected error on document %s", item.doc_id)
            self.fail(item.doc_id, item.source, e, getattr(e, "attempts", None))
            self._breaker(e)
            return
        self.in_flight.discard(item.doc_id)
        self.committer.put(True, line)
        self.summary.succeeded += 1
        self.account(prov.usage, prov.attempts, prov.cached_calls)
        self.progress.advance("ok", prov.usage.total_tokens)
        self._breaker(None)

    async def _extract(self, item: Document) -> tuple[Provenance, bytes]:
        """One document's provenance and its results line.

        An extractor that offers ``aextract_line`` (`Extractor` does) hands
        over the line itself, so that a result from the document cache is
        never parsed and encoded again.
        """
        options: dict[str, Any] = {
            "published": item.published,
            "doc_id": item.doc_id,
            "source": item.source,
            "metadata": dict(item.metadata) or None,
            "title": item.title,
        }
        if self.as_line is not None:
            prov, text = await self.as_line(item.text, **options)
            return prov, (text + "\n").encode("utf-8")
        result = await self.extractor.aextract(item.text, **options)
        return result.provenance, result_line(result)

    async def worker(self, items: Iterator[Document | InputFailure]) -> None:
        while not self.stopping:
            item = next(items, None)  # shared: each worker takes the next document
            if item is None:
                return
            await self.process(item)

    def count_left(self, items: Iterator[Document | InputFailure]) -> None:
        """After a stop: the documents never started, and those abandoned in flight."""
        left = len(self.in_flight)
        self.summary.documents += left
        for item in items:
            self.summary.documents += 1
            if isinstance(item, Document) and self.store.is_done(item.doc_id, self._key(item)):
                self.summary.skipped += 1
            else:
                left += 1
        self.summary.not_attempted = left


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
    summary: BatchSummary | None = None,
) -> BatchSummary:
    """Extract every document into ``out_dir``; return counts, tokens and time.

    ``concurrency`` model requests are in flight at once (documents, for an
    extractor that cannot cap its requests); ``rpm`` (if given) caps
    documents started per minute. With ``resume``, documents whose result is
    already in ``out_dir`` for the same text, model, prompt and schema
    version are skipped. ``run_info`` (configuration without secrets, inputs)
    goes into the manifest. Per-document failures are recorded, not raised.

    A run that stopped itself (output folder unwritable, endpoint
    unreachable) returns with ``summary.stopped`` saying why; an output folder
    that cannot be opened or written at the start raises `OutputError`
    before any document is sent. Pass ``summary`` to keep the counts of a
    run that is interrupted (the exception propagates).
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    if rpm is not None and rpm <= 0:
        raise ValueError(f"rpm must be positive, got {rpm}")
    progress = progress or NullProgress()
    store = OutputStore(out_dir, resume=resume).open()
    summary = summary if summary is not None else BatchSummary(out_dir=Path(out_dir))
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    settings = {"concurrency": concurrency, "rpm": rpm, "resume": resume}
    limit_requests = getattr(extractor, "limit_requests", None)

    def manifest(status: str) -> dict[str, Any]:
        summary.wall_s = time.perf_counter() - t0
        return build_manifest(
            status, extractor, summary, started, settings=settings, run_info=run_info
        )

    try:
        store.probe()
        store.write_manifest(manifest("running"))
        limiter = AsyncLimiter(1, 60.0 / rpm) if rpm else None
        run = _Run(extractor, store, progress, limiter, summary)
        items = iter(documents)
        progress.start(total)
        workers = concurrency
        if callable(limit_requests):
            limit_requests(concurrency)
            workers = _workers(concurrency)
        run.workers = [asyncio.create_task(run.worker(items)) for _ in range(workers)]
        try:
            outcomes = await asyncio.gather(*run.workers, return_exceptions=True)
            await run.committer.close()
            for outcome in outcomes:  # a bug in the runner itself, not a document's failure
                if isinstance(outcome, Exception):
                    raise outcome
        except BaseException:
            summary.interrupted = True
            for w in run.workers:
                w.cancel()
            try:  # let the committer write what is queued; paid-for results stay
                await asyncio.gather(*run.workers, return_exceptions=True)
                await asyncio.shield(run.committer.close())
            except BaseException:  # interrupted again: write the rest from here
                run.committer.flush_now()
            raise
        finally:
            if callable(limit_requests):
                limit_requests(None)
            progress.stop()
            if run.stopping:
                run.count_left(items)
            _finish(store, run, manifest)
    finally:
        store.close()
    return summary


def _finish(store: OutputStore, run: _Run, manifest: Callable[[str], dict[str, Any]]) -> None:
    """Compact the files and write the final manifest, as far as the folder lets us."""
    summary = run.summary
    try:
        summary.results_lines, summary.errors_lines = store.compact(run.failed_ids)
    except OutputError as e:
        run.stop(str(e), cancel_in_flight=False)
    if summary.stopped is not None:
        status = "failed"
    else:
        status = "interrupted" if summary.interrupted else "complete"
    try:
        store.write_manifest(manifest(status))
    except OutputError as e:
        if summary.stopped is None:
            summary.stopped = str(e)
