"""Durable jobs: one batch-runner run folder per job under the data directory.

    <data>/jobs/<id>/job.json      who submitted it (a token hash), status, times
    <data>/jobs/<id>/input.jsonl   the documents, written before the job is accepted
    <data>/jobs/<id>/run/          the run folder: results.jsonl, errors.jsonl, manifest.json

A job is accepted (202) only once its folder is complete on disk (written
under a temporary name, then renamed). It runs through `run_batch`, so
exactly-once, resume, the cache and error records hold as for `extractor run`.
A service that stops or is killed leaves unfinished jobs marked running; the
next start runs them again into the same run folder, which skips what is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractor.batch import Document, InputFailure, run_batch
from extractor.batch.store import ERRORS_FILE, RESULTS_FILE, read_jsonl, write_json_atomic
from extractor.errors import ExtractorError, InputError
from extractor.models import Usage
from extractor.service.engine import ModelPool
from extractor.service.schemas import DocumentIn, JobCounts, JobState, JobStatus

__all__ = ["JobManager", "JobRecord", "assign_ids", "iter_complete_lines"]

log = logging.getLogger(__name__)

JOB_FILE = "job.json"
INPUT_FILE = "input.jsonl"
RUN_DIR = "run"
_UNFINISHED = (JobState.queued, JobState.running)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass
class JobRecord:
    """What ``job.json`` holds."""

    id: str
    owner: str
    status: str
    total: int
    model: str
    strategy: str | None
    created_at: str
    body_sha256: str
    idempotency_key_sha256: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    error: str | None = None
    done: int = 0
    failed: int = 0
    tokens: dict[str, int] = field(default_factory=lambda: Usage().model_dump())

    def to_status(self) -> JobStatus:
        return JobStatus(
            id=self.id,
            status=JobState(self.status),
            counts=JobCounts(total=self.total, done=self.done, failed=self.failed),
            tokens=Usage(**self.tokens),
            model=self.model,
            created_at=dt.datetime.fromisoformat(self.created_at),
            started_at=dt.datetime.fromisoformat(self.started_at) if self.started_at else None,
            finished_at=dt.datetime.fromisoformat(self.finished_at) if self.finished_at else None,
            error=self.error,
            results=f"/v1/jobs/{self.id}/results",
            errors=f"/v1/jobs/{self.id}/errors",
        )

    @classmethod
    def load(cls, path: Path) -> JobRecord:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


def assign_ids(docs: list[DocumentIn]) -> list[str]:
    """Doc ids: the given ones, ``#<index>`` for the others (unique, checked by the caller)."""
    return [doc.id if doc.id is not None else f"#{i}" for i, doc in enumerate(docs)]


def iter_complete_lines(path: Path, block: int = 1 << 16) -> Iterator[bytes]:
    """The file's complete lines in blocks; a partial trailing line is held back."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        rest = b""
        while chunk := handle.read(block):
            data = rest + chunk
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                yield data[:cut]


class _JobProgress:
    """The runner's progress reporter: live counts on the job, metrics on the side."""

    def __init__(self, job: JobRecord, on_document: Callable[[str, int], None]) -> None:
        self.job = job
        self.on_document = on_document

    def start(self, total: int | None) -> None:
        self.job.done = self.job.failed = 0
        self.job.tokens = Usage().model_dump()

    def advance(self, outcome: str, tokens: int = 0) -> None:
        if outcome == "failed":
            self.job.failed += 1
        else:
            self.job.done += 1
        if tokens:  # live total; the split by kind is summed from the results at the end
            self.job.tokens["total_tokens"] = self.job.tokens.get("total_tokens", 0) + tokens
        if outcome != "skipped":
            self.on_document(outcome, tokens)

    def stop(self) -> None:
        return None


class JobManager:
    """Submits, runs, resumes, cancels and reports jobs."""

    def __init__(
        self,
        data_dir: Path,
        pool: ModelPool,
        *,
        on_document: Callable[[str, int], None] = lambda outcome, tokens: None,
    ) -> None:
        self.root = data_dir / "jobs"
        self.pool = pool
        self.on_document = on_document
        self.jobs: dict[str, JobRecord] = {}
        self._by_key: dict[tuple[str, str], str] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancelling: set[str] = set()
        self._submit_lock = asyncio.Lock()

    # -- start and stop --------------------------------------------------------------

    def load(self) -> None:
        """Read every job folder; drop half-written submissions."""
        self.root.mkdir(parents=True, exist_ok=True)
        for entry in sorted(self.root.iterdir()):
            if entry.name.startswith(".tmp-"):
                shutil.rmtree(entry, ignore_errors=True)  # never accepted: no 202 was sent
                continue
            try:
                job = JobRecord.load(entry / JOB_FILE)
            except (OSError, ValueError, TypeError) as e:
                log.error("skipping job folder %s: unreadable %s (%s)", entry.name, JOB_FILE, e)
                continue
            self.jobs[job.id] = job
            if job.idempotency_key_sha256:
                self._by_key[(job.owner, job.idempotency_key_sha256)] = job.id

    def resume_unfinished(self) -> int:
        """Run again every job a previous process left queued or running."""
        unfinished = [j for j in self.jobs.values() if j.status in _UNFINISHED]
        for job in unfinished:
            log.info("resuming job %s (%d documents)", job.id, job.total)
            self._launch(job)
        return len(unfinished)

    async def shutdown(self) -> None:
        """Stop running jobs; they stay marked running and resume at the next start."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- paths -----------------------------------------------------------------------

    def folder(self, job_id: str) -> Path:
        return self.root / job_id

    def results_path(self, job_id: str) -> Path:
        return self.folder(job_id) / RUN_DIR / RESULTS_FILE

    def errors_path(self, job_id: str) -> Path:
        return self.folder(job_id) / RUN_DIR / ERRORS_FILE

    def _save(self, job: JobRecord) -> None:
        write_json_atomic(self.folder(job.id) / JOB_FILE, asdict(job))

    # -- requests --------------------------------------------------------------------

    def get(self, owner: str, job_id: str) -> JobRecord | None:
        """The job, if it exists and belongs to ``owner`` (else None: invisible)."""
        job = self.jobs.get(job_id)
        return job if job is not None and secrets.compare_digest(job.owner, owner) else None

    def owned_by(self, owner: str) -> list[JobRecord]:
        return [j for j in self.jobs.values() if j.owner == owner]

    def by_status(self) -> Counter[str]:
        return Counter(j.status for j in self.jobs.values())

    async def submit(
        self,
        owner: str,
        docs: list[DocumentIn],
        *,
        model: str | None,
        strategy: str | None,
        body: bytes,
        idempotency_key: str | None,
    ) -> tuple[JobRecord, bool]:
        """A new job (True), or the one this idempotency key already made (False).

        Raises InputError when the key was used before with another body.
        """
        body_sha = hashlib.sha256(body).hexdigest()
        key_sha = (
            hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest() if idempotency_key else None
        )
        async with self._submit_lock:
            if key_sha is not None and (known := self._by_key.get((owner, key_sha))):
                job = self.jobs[known]
                if job.body_sha256 != body_sha:
                    raise InputError(
                        "this Idempotency-Key was used for another request body; "
                        "use a new key for a new job"
                    )
                return job, False
            job = JobRecord(
                id=secrets.token_hex(8),
                owner=owner,
                status=JobState.queued.value,
                total=len(docs),
                model=model or self.pool.default_model,
                strategy=strategy,
                created_at=_now(),
                body_sha256=body_sha,
                idempotency_key_sha256=key_sha,
            )
            await asyncio.to_thread(self._write_folder, job, docs)
            self.jobs[job.id] = job
            if key_sha is not None:
                self._by_key[(owner, key_sha)] = job.id
        self._launch(job)
        return job, True

    def _write_folder(self, job: JobRecord, docs: list[DocumentIn]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".tmp-{job.id}"
        tmp.mkdir()
        try:
            with (tmp / INPUT_FILE).open("w", encoding="utf-8") as fh:
                for i, (doc, doc_id) in enumerate(zip(docs, assign_ids(docs), strict=True)):
                    line = {
                        "index": i,
                        "id": doc_id,
                        "text": doc.text,
                        "published": doc.published,
                        "title": doc.title,
                        "metadata": doc.metadata_strings(),
                    }
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            write_json_atomic(tmp / JOB_FILE, asdict(job))
            os.replace(tmp, self.folder(job.id))
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        with contextlib.suppress(OSError):  # make the rename durable
            fd = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    async def cancel(self, job: JobRecord) -> None:
        """Stop the job; what it finished stays in its results."""
        task = self._tasks.get(job.id)
        if task is None or task.done():
            job.status = JobState.cancelled.value
            job.finished_at = _now()
            self._save(job)
            return
        self._cancelling.add(job.id)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.shield(task)

    # -- running ---------------------------------------------------------------------

    def _launch(self, job: JobRecord) -> None:
        task = asyncio.create_task(self._run(job), name=f"job-{job.id}")
        self._tasks[job.id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(job.id, None))

    def _documents(self, job: JobRecord) -> Iterator[Document | InputFailure]:
        with (self.folder(job.id) / INPUT_FILE).open("rb") as fh:
            for lineno, raw in enumerate(fh):
                source = f"{job.id}#{lineno}"
                try:
                    rec = json.loads(raw)
                    yield Document(
                        doc_id=rec["id"],
                        source=source,
                        text=rec["text"],
                        published=rec.get("published"),
                        title=rec.get("title"),
                        metadata=dict(rec.get("metadata") or {}),
                    )
                except (ValueError, KeyError, TypeError) as e:
                    err = InputError(f"stored document unreadable: {e}", path=source)
                    yield InputFailure(f"#{lineno}", source, err)

    async def _run(self, job: JobRecord) -> None:
        run_dir = self.folder(job.id) / RUN_DIR
        try:
            extractor = await self.pool.get(job.model, job.strategy)
            job.status = JobState.running.value
            job.started_at = job.started_at or _now()
            self._save(job)
            summary = await run_batch(
                self._documents(job),
                extractor,
                run_dir,
                concurrency=max(1, min(self.pool.limit, job.total)),
                progress=_JobProgress(job, self.on_document),
                total=job.total,
                run_info={"job": job.id, "model": job.model, "strategy": job.strategy},
            )
        except asyncio.CancelledError:
            if job.id in self._cancelling:
                self._cancelling.discard(job.id)
                self._finish(job, JobState.cancelled)
                return
            self._save(job)  # shutting down: stays running, resumes at the next start
            raise
        except ExtractorError as e:
            job.error = str(e)
            self._finish(job, JobState.failed)
            return
        except Exception as e:  # a bug must not take the service down
            log.exception("job %s stopped on an unexpected error", job.id)
            job.error = f"internal error ({type(e).__name__}); the documents done are kept"
            self._finish(job, JobState.failed)
            return
        job.done, job.failed = summary.results_lines, summary.errors_lines
        self._finish(job, JobState.succeeded if summary.errors_lines == 0 else JobState.failed)

    def _finish(self, job: JobRecord, state: JobState) -> None:
        usage = Usage()
        done = 0
        for obj in read_jsonl(self.results_path(job.id)):
            done += 1
            with contextlib.suppress(KeyError, TypeError, ValueError):
                usage = usage + Usage(**obj["provenance"]["usage"])
        job.done = done
        job.failed = sum(1 for _ in read_jsonl(self.errors_path(job.id)))
        job.tokens = usage.model_dump()
        job.status = state.value
        job.finished_at = _now()
        self._save(job)
