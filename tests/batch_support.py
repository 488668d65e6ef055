"""Shared helpers for the batch tests: documents, a fake extractor, output checks."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

from extractor.batch.inputs import Document
from extractor.digest import text_sha256
from extractor.errors import ProviderError
from extractor.models import ExtractionResult, Provenance, Usage

CLI_ENV = {  # a CLI run against the fault server: no retries, short waits
    "EXTRACTOR_API_KEY": "dummy",
    "EXTRACTOR_TIMEOUT_S": "5",
    "EXTRACTOR_MAX_NETWORK_RETRIES": "0",
    "EXTRACTOR_MAX_VALIDATION_RETRIES": "0",
    "EXTRACTOR_RETRY_WAIT_MAX_S": "0.01",
}


ARTICLE = (
    "Report {i}. A fresh round of airstrikes killed at least {n} civilians in the town of "
    "Raqqa on Thursday, the Syrian Observatory for Human Rights said.\n\n"
    "The Russian defence ministry denied that its aircraft had carried out the raid, "
    "calling the reports a fabrication."
)


def article(i: int) -> str:
    return ARTICLE.format(i=i, n=10 + i % 50)


def make_docs(n: int) -> list[Document]:
    return [
        Document(
            doc_id=f"doc-{i:04d}", source=f"batch#{i}", text=article(i), published="2016-08-12"
        )
        for i in range(n)
    ]


def write_jsonl_inputs(path: Path, n: int) -> list[str]:
    """A JSONL input file of ``n`` articles; returns their doc ids."""
    ids = [f"doc-{i:04d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, doc_id in enumerate(ids):
            rec = {"id": doc_id, "text": article(i), "published": "2016-08-12"}
            fh.write(json.dumps(rec) + "\n")
    return ids


class FakeExtractor:
    """The runner's view of an extractor, without a model: records concurrency."""

    prompt_version = "fake-prompt-1"
    model_name = "fake-model"
    provider_name = "fake"

    def __init__(self, *, delay_s: float = 0.0, fail_ids: frozenset[str] = frozenset()) -> None:
        self.delay_s = delay_s
        self.fail_ids = fail_ids
        self.in_flight = 0
        self.max_in_flight = 0
        self.calls: list[str] = []

    async def aextract(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        doc_id: str | None = None,
        source: str | None = None,
        metadata: dict[str, str] | None = None,
        title: str | None = None,
    ) -> ExtractionResult:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.calls.append(doc_id or "")
        try:
            await asyncio.sleep(self.delay_s)
            if doc_id in self.fail_ids:
                raise ProviderError(f"HTTP 500 for {doc_id}")
            if doc_id and doc_id.startswith("bug"):
                raise RuntimeError("unexpected")
            usage = Usage(prompt_tokens=10, completion_tokens=5, total_tokens=15)
            return ExtractionResult(
                doc_id=doc_id or "x",
                source=source or "x",
                text_sha256=text_sha256(text),
                metadata=dict(metadata or {}),
                title=title,
                provenance=Provenance(
                    provider=self.provider_name,
                    model=self.model_name,
                    prompt_version=self.prompt_version,
                    extractor_version="test",
                    usage=usage,
                    attempts=1,
                ),
            )
        finally:
            self.in_flight -= 1


def output_ids(out_dir: Path) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """Doc ids in results.jsonl and errors.jsonl (in file order), and the error records.

    Fails on any line that is not a complete JSON object.
    """
    results: list[str] = []
    for raw in (out_dir / "results.jsonl").read_bytes().splitlines(keepends=True):
        assert raw.endswith(b"\n"), "partial line in results.jsonl"
        results.append(ExtractionResult.model_validate_json(raw).doc_id)
    errors: list[dict[str, Any]] = []
    errors_path = out_dir / "errors.jsonl"
    if errors_path.exists():
        for raw in errors_path.read_bytes().splitlines(keepends=True):
            assert raw.endswith(b"\n"), "partial line in errors.jsonl"
            errors.append(json.loads(raw))
    return results, [e["doc_id"] for e in errors], errors


def assert_each_once(out_dir: Path, expected: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """Every expected doc is in exactly one of results/errors, exactly once."""
    results, failed, errors = output_ids(out_dir)
    assert len(results) == len(set(results)), "a document appears twice in results"
    assert len(failed) == len(set(failed)), "a document appears twice in errors"
    assert not set(results) & set(failed), "a document is in both results and errors"
    assert sorted(results + failed) == sorted(expected)
    for e in errors:
        assert e["error_type"] and e["message"], e
    return results, errors
