"""Batches through the real pipeline against a server that misbehaves on purpose."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import article, assert_each_once, make_docs
from fault_server import FAULT_KINDS, FaultPlan, FaultServer

from extractor.batch import read_results, run_batch
from extractor.cache import SQLiteCache
from extractor.config import resolve_config
from extractor.pipeline import Extractor

FAULTY = FaultPlan(
    seed=11,
    rate_limit=0.08,
    server_error=0.08,
    timeout=0.04,
    truncated=0.08,
    bad_schema=0.10,
    slow=0.05,
    slow_s=0.05,
    unknown_keys=0.05,
    hang_s=1.0,
)


def fast_config(base_url: str, **kw: object) -> object:
    settings: dict[str, object] = {
        "provider": "openai_compatible",
        "base_url": base_url,
        "model": "fault-model",
        "api_key": "dummy",
        "timeout_s": 0.3,
        "max_network_retries": 2,
        "max_validation_retries": 1,
        "retry_wait_max_s": 0.01,
    }
    settings.update(kw)
    return resolve_config(**settings)


@pytest.fixture
def faulty_server() -> Iterator[FaultServer]:
    with FaultServer(FAULTY, lifetime_s=120) as server:
        yield server


@pytest.fixture
def clean_server() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=120) as server:
        yield server


async def test_every_document_ends_in_results_or_errors_once(
    tmp_path: Path, faulty_server: FaultServer, clean_server: FaultServer
) -> None:
    docs = make_docs(200)
    ids = [d.doc_id for d in docs]
    async with Extractor(fast_config(faulty_server.base_url)) as extractor:  # type: ignore[arg-type]
        summary = await run_batch(docs, extractor, tmp_path, concurrency=16)

    for kind in FAULT_KINDS:
        assert faulty_server.stats[kind] > 0, f"no {kind} fault was injected"
    results, errors = assert_each_once(tmp_path, ids)
    assert summary.succeeded == len(results) and summary.failed == len(errors)
    assert summary.documents == 200
    assert 0 < len(errors) < 100, "faults cost some documents, retries saved most"
    # a provider's failures (a connection the test's short timeouts could not open on a
    # loaded machine is one: EndpointUnreachableError is a ProviderError) or bad answers
    allowed = {"ProviderError", "EndpointUnreachableError", "ExtractionValidationError"}
    assert {e["error_type"] for e in errors} <= allowed
    assert all(e["message"] for e in errors)
    empty = [
        r.doc_id
        for r in read_results(tmp_path)
        if not r.incidents and not any(w.code == "output_truncated" for w in r.warnings)
    ]
    assert not empty, "an answer without the draft's keys became an empty result"
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["succeeded"] + manifest["counts"]["failed"] == 200
    assert manifest["tokens"]["total_tokens"] == summary.usage.total_tokens > 0

    # Rerun against a healthy server: only the failed documents are redone.
    async with Extractor(fast_config(clean_server.base_url)) as extractor:  # type: ignore[arg-type]
        again = await run_batch(docs, extractor, tmp_path, concurrency=16)
    assert again.skipped == len(results)
    assert again.succeeded == len(errors) and again.failed == 0
    assert clean_server.stats["requests"] == len(errors)
    results, errors = assert_each_once(tmp_path, ids)
    assert len(results) == 200 and not errors


async def test_results_keep_whole_text_offsets(tmp_path: Path, clean_server: FaultServer) -> None:
    docs = make_docs(3)
    async with Extractor(fast_config(clean_server.base_url)) as extractor:  # type: ignore[arg-type]
        await run_batch(docs, extractor, tmp_path, concurrency=2)
    texts = {d.doc_id: d.text for d in docs}
    for line in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        for inc in result["incidents"]:
            for ev in inc["evidence"]:
                if ev["char_start"] is not None:
                    assert texts[result["doc_id"]][ev["char_start"] : ev["char_end"]] == ev["quote"]


async def test_a_rerun_into_a_fresh_folder_is_served_by_the_cache(
    tmp_path: Path, clean_server: FaultServer
) -> None:
    docs = make_docs(30)
    with SQLiteCache(tmp_path / "cache.sqlite3") as cache:
        config = fast_config(clean_server.base_url)
        async with Extractor(config, cache=cache) as extractor:  # type: ignore[arg-type]
            first = await run_batch(docs, extractor, tmp_path / "one", concurrency=8)
        sent = clean_server.stats["requests"]
        async with Extractor(config, cache=cache) as extractor:  # type: ignore[arg-type]
            second = await run_batch(docs, extractor, tmp_path / "two", concurrency=8)
    assert first.succeeded == second.succeeded == 30
    assert clean_server.stats["requests"] == sent, "no request on the cached rerun"
    assert second.cached_calls == 30
    one = (tmp_path / "one" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    two = (tmp_path / "two" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    strip = lambda line: {  # noqa: E731
        k: v for k, v in json.loads(line).items() if k != "provenance"
    }
    assert sorted(map(json.dumps, map(strip, one))) == sorted(map(json.dumps, map(strip, two)))


async def test_two_megabyte_article_is_chunked_and_grounded_in_the_whole_text(
    clean_server: FaultServer,
) -> None:
    paras, size, i = [], 0, 0
    while size < 2_000_000:
        paras.append(article(i))
        size += len(paras[-1]) + 2
        i += 1
    text = "\n\n".join(paras)
    config = fast_config(clean_server.base_url, chunk_chars=200_000, chunk_overlap=2000)
    async with Extractor(config) as extractor:  # type: ignore[arg-type]
        result = await extractor.aextract(text, doc_id="long", published="2016-08-12")
    assert result.provenance.chunks >= 5
    evidence = [e for r in [*result.incidents, *result.statements] for e in r.evidence]
    assert evidence, "the fake model quotes one sentence per chunk"
    assert any((e.char_start or 0) > 1_000_000 for e in evidence), "late chunks are grounded"
    for e in evidence:
        assert e.char_start is not None and e.char_end is not None
        assert text[e.char_start : e.char_end] == e.quote
