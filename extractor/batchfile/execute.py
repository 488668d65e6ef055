"""`execute`: run a Batch input file against any OpenAI-compatible server.

For a llama.cpp, Ollama or vLLM server with no batch API: each request line
is sent as is to ``<base_url>/chat/completions`` with the batch runner's
habits (a fixed pool of ``concurrency`` requests in flight, an optional
requests-per-minute cap, network faults retried with the live client's
backoff), and its answer appended to the output file in the Batch output
format. Each line is written with one ``write`` and an ``fsync``; rerunning
into the same output skips requests that already have a successful line and
retries the rest, so an interrupted run loses nothing paid for.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openai
from aiolimiter import AsyncLimiter
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from extractor.batch.progress import NullProgress, ProgressReporter
from extractor.batch.store import read_jsonl, repair_jsonl
from extractor.batchfile.outputs import is_success
from extractor.config import ExtractorConfig
from extractor.errors import ConfigurationError, InputError
from extractor.transport import Wait, retry_after_seconds

__all__ = ["ExecuteSummary", "execute_requests"]


def _is_retryable(exc: BaseException) -> bool:
    """What the live client retries: connection failures, timeouts, 429 and 5xx."""
    if isinstance(exc, openai.APIConnectionError | openai.APITimeoutError | openai.RateLimitError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _retry_after(exc: BaseException | None) -> float | None:
    if not isinstance(exc, openai.APIStatusError):
        return None
    return retry_after_seconds(exc.response.headers.get("retry-after"))


@dataclass
class ExecuteSummary:
    out_path: Path
    requests: int = 0
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    network_retries: int = 0
    wall_s: float = 0.0

    def line(self) -> str:
        return (
            f"executed {self.requests} requests: {self.succeeded} answered, "
            f"{self.skipped} already done, {self.failed} failed, "
            f"{self.network_retries} network retries, {self.wall_s:.1f}s -> {self.out_path}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in self.__dict__.items()}


def _requests(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
                cid, body = line["custom_id"], line["body"]
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(f"line {n} is not a batch request: {e}", path=str(path)) from e
            if line.get("url", "/v1/chat/completions") != "/v1/chat/completions":
                raise InputError(
                    f"line {n}: only /v1/chat/completions is supported", path=str(path)
                )
            yield {"custom_id": cid, "body": body}


def _line(custom_id: str, response: dict[str, Any] | None, error: dict[str, Any] | None) -> bytes:
    out = {
        "id": f"batch_req_{uuid.uuid4().hex}",
        "custom_id": custom_id,
        "response": response,
        "error": error,
    }
    return (json.dumps(out, ensure_ascii=False) + "\n").encode("utf-8")


class _Writer:
    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)


async def execute_requests(
    requests_path: str | Path,
    out_path: str | Path,
    *,
    base_url: str,
    config: ExtractorConfig,
    api_key: str | None = None,
    concurrency: int = 8,
    rpm: float | None = None,
    progress: ProgressReporter | None = None,
) -> ExecuteSummary:
    """Send every request of ``requests_path`` not yet answered in ``out_path``."""
    if concurrency < 1:
        raise ConfigurationError(f"concurrency must be at least 1, got {concurrency}")
    src, out = Path(requests_path), Path(out_path)
    if not src.is_file():
        raise InputError("no such request file", path=str(src))
    out.parent.mkdir(parents=True, exist_ok=True)
    repair_jsonl(out)
    done = {line["custom_id"] for line in read_jsonl(out) if is_success(line)}
    summary = ExecuteSummary(out_path=out)
    progress = progress or NullProgress()
    limiter = AsyncLimiter(1, 60.0 / rpm) if rpm else None
    client = openai.AsyncOpenAI(
        base_url=base_url, api_key=api_key or "not-needed", max_retries=0, timeout=config.timeout_s
    )
    retrying = AsyncRetrying(
        retry=retry_if_exception(_is_retryable),
        stop=stop_after_attempt(config.max_network_retries + 1),
        wait=Wait(config.retry_wait_max_s, _retry_after),
        before_sleep=lambda _state: setattr(
            summary, "network_retries", summary.network_retries + 1
        ),
        reraise=True,
    )
    writer = _Writer(out)
    items = _requests(src)
    t0 = time.perf_counter()

    async def send(custom_id: str, body: dict[str, Any]) -> tuple[bool, bytes]:
        try:
            async for attempt in retrying.copy():
                with attempt:
                    answer = await client.post("/chat/completions", body=body, cast_to=object)
        except openai.APIStatusError as e:
            detail = e.body if isinstance(e.body, dict) else {"message": str(e)}
            response = {
                "status_code": e.status_code,
                "request_id": e.response.headers.get("x-request-id"),
                "body": {"error": detail},
            }
            return False, _line(custom_id, response, None)
        except openai.APIError as e:  # connection failures and timeouts, after retries
            return False, _line(custom_id, None, {"code": type(e).__name__, "message": str(e)})
        response = {"status_code": 200, "request_id": None, "body": answer}
        return True, _line(custom_id, response, None)

    async def worker() -> None:
        for item in items:  # shared iterator: each worker takes the next request
            summary.requests += 1
            if item["custom_id"] in done:
                summary.skipped += 1
                progress.advance("skipped")
                continue
            if limiter is not None:
                await limiter.acquire()
            ok, data = await send(item["custom_id"], item["body"])
            await asyncio.to_thread(writer.write, data)
            summary.succeeded += ok
            summary.failed += not ok
            progress.advance("ok" if ok else "failed")

    progress.start(None)
    try:
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    finally:
        progress.stop()
        writer.close()
        await client.close()
        summary.wall_s = time.perf_counter() - t0
    return summary
