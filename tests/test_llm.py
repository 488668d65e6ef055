"""The structured-call layer: retries, re-asks, accounting, truncation, cache."""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace
from typing import Any

import pytest
from client_support import ARTICLE, fault_config
from fault_server import FaultPlan, FaultServer

from extractor.draft import Draft
from extractor.errors import ProviderError
from extractor.llm import CallStats, StructuredClient, cache_key, salvage_truncated
from extractor.pipeline import Extractor


def _completion(content: str) -> Any:
    return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=content))])


def test_salvage_keeps_complete_records_of_a_cut_off_answer() -> None:
    whole = {
        "incidents": [],
        "statements": [
            {"evidence": "a", "speaker": "b", "type": "deny", "content": "c"},
            {"evidence": "d", "speaker": "e", "type": "claim", "content": "f"},
        ],
    }
    text = json.dumps(whole)
    cut = text[: text.index('"claim"') + 3]
    draft = salvage_truncated(_completion(cut), Draft)
    assert draft is not None
    assert [s.speaker for s in draft.statements] == ["b"]


def test_salvage_gives_up_on_garbage() -> None:
    assert salvage_truncated(_completion("no json here"), Draft) is None


def test_cache_key_covers_model_messages_mode_and_schema() -> None:
    schema = Draft.model_json_schema()
    msgs = [{"role": "user", "content": "x"}]
    base = cache_key("m", msgs, "json_schema", schema)
    assert base == cache_key("m", list(msgs), "json_schema", dict(schema))
    assert base != cache_key("m2", msgs, "json_schema", schema)
    assert base != cache_key("m", [{"role": "user", "content": "y"}], "json_schema", schema)
    assert base != cache_key("m", msgs, "tools", schema)
    assert base != cache_key("m", msgs, "json_schema", {**schema, "title": "Other"})


def test_cache_key_is_the_hash_of_all_four_sorted() -> None:
    """Keys stay those of existing caches: the hash of one sorted JSON text."""
    msgs = [{"role": "system", "content": "Ünïcode «quotes»"}, {"role": "user", "content": "x"}]
    schema = Draft.model_json_schema()
    blob = json.dumps(
        {"model": "m", "messages": msgs, "mode": "json_schema", "schema": schema},
        sort_keys=True,
        ensure_ascii=False,
    )
    expected = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    assert cache_key("m", msgs, "json_schema", schema) == expected
    encoded = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    assert cache_key("m", msgs, "json_schema", schema, schema_json=encoded) == expected


async def test_rate_limits_and_server_errors_are_retried_and_counted() -> None:
    plan = FaultPlan(seed=3, rate_limit=0.3, server_error=0.3, retry_after_s=0.01)
    with FaultServer(plan, lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url, max_network_retries=12)) as ex:
            results = [await ex.aextract(ARTICLE, doc_id=f"d{i}") for i in range(6)]
    retries = sum(r.provenance.network_retries for r in results)
    attempts = sum(r.provenance.attempts for r in results)
    assert server.stats["rate_limit"] + server.stats["server_error"] == retries > 0
    assert attempts == 6 + retries
    assert all(r.provenance.usage.total_tokens > 0 for r in results)


async def test_schema_violation_is_reasked_and_counted() -> None:
    plan = FaultPlan(seed=1, bad_schema=0.5)
    with FaultServer(plan, lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url, max_validation_retries=8)) as ex:
            results = [await ex.aextract(ARTICLE, doc_id=f"d{i}") for i in range(6)]
    assert sum(r.provenance.validation_retries for r in results) == server.stats["bad_schema"] > 0


async def test_network_retries_are_bounded() -> None:
    plan = FaultPlan(server_error=1.0)
    with FaultServer(plan, lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url, max_network_retries=2)) as ex:
            with pytest.raises(ProviderError, match="HTTP 500") as caught:
                await ex.aextract(ARTICLE)
    assert caught.value.attempts == 3


async def test_unreachable_endpoint_names_the_url() -> None:
    config = fault_config("http://127.0.0.1:9/v1", max_network_retries=1)
    client = StructuredClient(config, base_url=config.base_url, api_key="dummy")
    with pytest.raises(ProviderError, match=r"127\.0\.0\.1:9.*cannot reach"):
        await client.create([{"role": "user", "content": "x"}], Draft, CallStats())
    await client.aclose()


async def test_cache_serves_a_repeat_without_a_call() -> None:
    class DictCache(dict):  # type: ignore[type-arg]
        def set(self, key: str, value: dict[str, Any]) -> None:
            self[key] = value

    cache = DictCache()
    with FaultServer(FaultPlan(), lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url), cache=cache) as ex:
            first = await ex.aextract(ARTICLE)
            second = await ex.aextract(ARTICLE)
    assert first.provenance.attempts == 1 and first.provenance.cached_calls == 0
    assert second.provenance.attempts == 0 and second.provenance.cached_calls == 1
    assert second.incidents == first.incidents
    assert len(cache) == 1


async def test_openai_provider_uses_tool_calls() -> None:
    with FaultServer(FaultPlan(), lifetime_s=60, keep_requests=True) as server:
        config = fault_config(server.base_url, provider="openai", model="gpt-4o-mini")
        assert config.resolved_mode == "tools"
        async with Extractor(config) as ex:
            result = await ex.aextract(ARTICLE)
    sent = server.requests
    assert [body["tools"][0]["function"]["name"] for body in sent] == ["Draft"]
    assert "response_format" not in sent[0]
    assert result.provenance.provider == "openai" and result.provenance.attempts == 1
    assert result.incidents and result.incidents[0].grounded


async def test_sync_extract_inside_an_event_loop_says_to_await() -> None:
    from extractor import extract
    from extractor.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="await aextract"):
        extract(ARTICLE)


def test_extract_many_keeps_input_order() -> None:
    from extractor import extract_many

    texts = [ARTICLE, ARTICLE.replace("12", "13"), ARTICLE.replace("12", "14")]
    with FaultServer(FaultPlan(), lifetime_s=60) as server:
        results = extract_many(texts, config=fault_config(server.base_url), concurrency=3)
    from extractor.digest import text_sha256

    assert [r.text_sha256 for r in results] == [text_sha256(t) for t in texts]  # type: ignore[union-attr]
