"""`prepare`: the request of every document chunk, as Batch API input files.

Each line is exactly the request the live pipeline would send for that chunk
(`extractor.llm.request_body`: the same messages, model, response format or
tools, max tokens, temperature and seed), so a batch answer and a live answer
are post-processed the same way. Only the ``single`` strategy has such a fixed
set of requests; ``staged`` asks many small questions that depend on earlier
answers, and ``rules`` asks none.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.batch.inputs import Document, InputFailure
from extractor.batch.manifest import _scrub
from extractor.batch.store import ErrorRecord, write_json_atomic
from extractor.batchfile.layout import (
    BATCH_ENDPOINT,
    BATCH_FORMAT,
    DOCUMENTS,
    INPUT_ERRORS,
    MANIFEST,
    MAX_FILE_BYTES,
    MAX_FILE_REQUESTS,
    custom_id_for,
)
from extractor.config import ExtractorConfig
from extractor.draft import Draft
from extractor.errors import ConfigurationError, InputError
from extractor.llm import request_body
from extractor.models import SCHEMA_VERSION
from extractor.pipeline import __version__, published_spec
from extractor.plan import plan_document
from extractor.templates import PromptSet, default_prompts

__all__ = ["BATCH_STRATEGIES", "PrepareSummary", "check_strategy", "prepare"]

BATCH_STRATEGIES = ("single",)


def check_strategy(strategy: str) -> None:
    """Batch files hold the single strategy's requests only."""
    if strategy == "single":
        return
    if strategy == "staged":
        raise ConfigurationError(
            "batch files support --strategy single only: staged asks many small questions "
            "whose choices depend on earlier answers, so its requests cannot be written "
            "ahead; run it live with `extractor run --strategy staged`"
        )
    if strategy == "rules":
        raise ConfigurationError(
            "strategy rules calls no model, so it needs no batch file: "
            "use `extractor run --strategy rules`"
        )
    raise ConfigurationError(f"unknown strategy {strategy!r}: batch files support single")


@dataclass
class PrepareSummary:
    out_dir: Path
    documents: int = 0
    requests: int = 0
    input_errors: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"prepared {self.requests} requests for {self.documents} documents "
            f"in {len(self.files)} file(s), {self.input_errors} unreadable input(s) "
            f"-> {self.out_dir}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "documents": self.documents,
            "requests": self.requests,
            "input_errors": self.input_errors,
            "files": self.files,
        }


class _Splitter:
    """Appends request lines, starting a new file at the count or size limit."""

    def __init__(self, out_dir: Path, max_requests: int, max_bytes: int) -> None:
        self.out_dir = out_dir
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.files: list[dict[str, Any]] = []
        self._handle: BinaryIO | None = None

    def _roll(self) -> None:
        self.close()
        name = f"requests-{len(self.files) + 1:04d}.jsonl"
        self._handle = (self.out_dir / name).open("wb")
        self.files.append({"name": name, "requests": 0, "bytes": 0})

    def write(self, line: bytes) -> str:
        if len(line) > self.max_bytes:
            raise InputError(f"one request is {len(line)} bytes, over the {self.max_bytes} limit")
        current = self.files[-1] if self.files else None
        if (
            current is None
            or current["requests"] >= self.max_requests
            or current["bytes"] + len(line) > self.max_bytes
        ):
            self._roll()
            current = self.files[-1]
        assert self._handle is not None
        self._handle.write(line)
        current["requests"] += 1
        current["bytes"] += len(line)
        return str(current["name"])

    def close(self) -> None:
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None


def _clear(out_dir: Path) -> None:
    """A folder holds one prepared batch: refuse to mix, clean our own files."""
    if (out_dir / "batches.json").exists():
        raise ConfigurationError(
            f"{out_dir} was already submitted (batches.json); prepare into a new folder"
        )
    for old in out_dir.glob("requests-*.jsonl"):
        old.unlink()


def prepare(
    documents: Iterable[Document | InputFailure],
    config: ExtractorConfig,
    out_dir: str | Path,
    *,
    prompts: PromptSet | None = None,
    strategy: str = "single",
    max_requests: int = MAX_FILE_REQUESTS,
    max_bytes: int = MAX_FILE_BYTES,
    run_info: dict[str, Any] | None = None,
) -> PrepareSummary:
    """Write the request files, documents and manifest of a batch into ``out_dir``."""
    check_strategy(strategy)
    if max_requests < 1 or max_bytes < 1:
        raise ConfigurationError("file limits must be positive")
    prompts = prompts or default_prompts()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clear(out)
    summary = PrepareSummary(out_dir=out)
    splitter = _Splitter(out, max_requests, max_bytes)
    index: dict[str, list[Any]] = {}
    seen: set[str] = set()
    with (out / DOCUMENTS).open("wb") as docs, (out / INPUT_ERRORS).open("wb") as failures:

        def fail(doc_id: str, source: str, error: Exception) -> None:
            record = ErrorRecord(doc_id, source, type(error).__name__, str(error), 0)
            failures.write(record.to_json_line())
            summary.input_errors += 1

        try:
            for item in documents:
                if isinstance(item, InputFailure):
                    fail(item.doc_id, item.source, item.error)
                    continue
                if item.doc_id in seen:
                    fail(item.doc_id, item.source, InputError("duplicate document id"))
                    continue
                try:
                    if not item.text.strip():
                        raise InputError("empty document", path=item.source)
                    pub = published_spec(item.published, item.text)
                except InputError as e:
                    fail(item.doc_id, item.source, e)
                    continue
                seen.add(item.doc_id)
                plan = plan_document(item.text, pub, config, prompts, title=item.title)
                ids = []
                for n, messages in enumerate(plan.messages):
                    cid = custom_id_for(item.doc_id, n, prompts.version)
                    line = {
                        "custom_id": cid,
                        "method": "POST",
                        "url": BATCH_ENDPOINT,
                        "body": request_body(config, messages, Draft),
                    }
                    data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
                    splitter.write(data)
                    index[cid] = [item.doc_id, n]
                    ids.append(cid)
                doc = {
                    "doc_id": item.doc_id,
                    "source": item.source,
                    "sha256": item.sha256,
                    "published": item.published,
                    "title": item.title,
                    "metadata": dict(item.metadata),
                    "custom_ids": ids,
                    "text": item.text,
                }
                docs.write((json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8"))
                summary.documents += 1
                summary.requests += len(ids)
        finally:
            splitter.close()
    summary.files = splitter.files
    write_json_atomic(
        out / MANIFEST,
        {
            "format": BATCH_FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "extractor_version": __version__,
            "strategy": strategy,
            "endpoint": BATCH_ENDPOINT,
            "provider": config.provider,
            "model": config.resolved_model,
            "mode": config.resolved_mode,
            "prompt_version": prompts.version,
            "schema_version": SCHEMA_VERSION,
            "config": _scrub({k: v for k, v in config.public_dict().items() if k != "api_key_set"}),
            "run": run_info or {},
            "counts": summary.to_dict() | {"out_dir": None},
            "files": splitter.files,
            "requests": index,
        },
    )
    return summary
