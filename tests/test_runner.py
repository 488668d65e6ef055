"""The batch runner with a fake extractor: pool size, rate limit, failures, resume."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest
from batch_support import FakeExtractor, assert_each_once, make_docs

from extractor.batch import InputFailure, run_batch
from extractor.errors import InputError


async def test_keeps_exactly_concurrency_requests_in_flight(tmp_path: Path) -> None:
    fake = FakeExtractor(delay_s=0.02)
    docs = make_docs(60)
    summary = await run_batch(docs, fake, tmp_path, concurrency=6)
    assert fake.max_in_flight == 6, "the pool really runs in parallel"
    assert (summary.succeeded, summary.failed, summary.skipped) == (60, 0, 0)
    assert summary.usage.total_tokens == 60 * 15
    assert_each_once(tmp_path, [d.doc_id for d in docs])


async def test_failures_are_recorded_and_never_fatal(tmp_path: Path) -> None:
    docs = make_docs(10)
    fake = FakeExtractor(fail_ids=frozenset({"doc-0003", "doc-0007"}))
    bug = make_docs(1)[0].__class__(doc_id="bug-1", source="b", text="x")
    bad = InputFailure("missing.txt", "missing.txt", InputError("no such file", path="missing.txt"))
    summary = await run_batch([*docs, bug, bad], fake, tmp_path, concurrency=3)
    assert (summary.succeeded, summary.failed) == (8, 4)
    assert not summary.ok
    _, errors = assert_each_once(tmp_path, [d.doc_id for d in docs] + ["bug-1", "missing.txt"])
    kinds = {e["doc_id"]: e["error_type"] for e in errors}
    assert kinds == {
        "doc-0003": "ProviderError",
        "doc-0007": "ProviderError",
        "bug-1": "RuntimeError",
        "missing.txt": "InputError",
    }
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    assert manifest["counts"]["failed"] == 4 and manifest["counts"]["succeeded"] == 8
    assert manifest["model"] == "fake-model" and manifest["prompt_version"] == "fake-prompt-1"


async def test_rerun_skips_done_and_retries_failed(tmp_path: Path) -> None:
    docs = make_docs(20)
    await run_batch(docs, FakeExtractor(fail_ids=frozenset({"doc-0005"})), tmp_path)
    second = FakeExtractor()
    summary = await run_batch(docs, second, tmp_path, concurrency=4)
    assert second.calls == ["doc-0005"]
    assert (summary.skipped, summary.succeeded, summary.failed) == (19, 1, 0)
    results, errors = assert_each_once(tmp_path, [d.doc_id for d in docs])
    assert len(results) == 20 and not errors

    third = FakeExtractor()
    third.prompt_version = "fake-prompt-2"  # a new prompt redoes everything
    summary = await run_batch(docs[:5], third, tmp_path)
    assert summary.succeeded == 5 and len(third.calls) == 5
    assert_each_once(tmp_path, [d.doc_id for d in docs])

    fourth = FakeExtractor()
    await run_batch(docs[:3], fourth, tmp_path, resume=False)
    assert len(fourth.calls) == 3


async def test_rate_limit_spaces_document_starts(tmp_path: Path) -> None:
    fake = FakeExtractor()
    t0 = time.perf_counter()
    await run_batch(make_docs(4), fake, tmp_path, concurrency=4, rpm=600)  # one per 0.1 s
    assert time.perf_counter() - t0 >= 0.25


async def test_interruption_keeps_finished_results(tmp_path: Path) -> None:
    fake = FakeExtractor(delay_s=0.01)
    docs = make_docs(1000)
    task = asyncio.create_task(run_batch(docs, fake, tmp_path, concurrency=4))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted"
    done = (tmp_path / "results.jsonl").read_bytes().count(b"\n")
    assert done == manifest["counts"]["succeeded"] > 0

    summary = await run_batch(docs, FakeExtractor(), tmp_path, concurrency=16)
    assert summary.skipped == done
    assert_each_once(tmp_path, [d.doc_id for d in docs])


async def test_bad_settings_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        await run_batch([], FakeExtractor(), tmp_path, concurrency=0)
    with pytest.raises(ValueError):
        await run_batch([], FakeExtractor(), tmp_path, rpm=0)


async def test_concurrency_is_the_requests_in_flight_with_documents_ready_behind(
    tmp_path: Path,
) -> None:
    """The runner works on more documents than its concurrency, never more requests."""
    from client_support import fault_config
    from fault_server import FaultPlan, FaultServer

    from extractor.pipeline import Extractor

    with FaultServer(FaultPlan(latency_s=0.05), lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url)) as extractor:
            gate_sizes = []
            original = extractor.limit_requests

            def spy(n: int | None) -> None:
                gate_sizes.append(n)
                original(n)

            extractor.limit_requests = spy  # type: ignore[method-assign]
            summary = await run_batch(make_docs(24), extractor, tmp_path / "out", concurrency=3)
    assert summary.succeeded == 24
    assert gate_sizes == [3, None]  # set for the run, lifted after it
    assert server.max_in_flight == 3
