"""The document cache: a rerun skips grounding and normalisation, and misses on any change."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import make_docs
from client_support import ARTICLE, fault_config
from fault_server import FaultPlan, FaultServer

from extractor import doc_cache
from extractor.batch import run_batch
from extractor.cache import NullCache, SQLiteCache
from extractor.pipeline import Extractor


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=120) as s:
        yield s


def _rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM document_cache").fetchone()[0])
    finally:
        conn.close()


async def test_a_rerun_is_served_whole_with_the_same_records(
    tmp_path: Path, server: FaultServer
) -> None:
    path = tmp_path / "c.sqlite3"
    with SQLiteCache(path) as cache:
        async with Extractor(fault_config(server.base_url), cache=cache) as ex:
            first = await ex.aextract(ARTICLE, doc_id="a", published="2019-06-04")
            sent = server.stats["requests"]
            again = await ex.aextract(
                ARTICLE, doc_id="b", source="other.txt", metadata={"k": "v"}, published="2019-06-04"
            )
    assert server.stats["requests"] == sent, "no request on a hit"
    assert _rows(path) == 1
    assert again.doc_id == "b" and again.source == "other.txt" and again.metadata == {"k": "v"}
    assert again.incidents == first.incidents and again.statements == first.statements
    assert again.warnings == first.warnings and again.published == first.published
    prov = again.provenance
    assert prov.cached_calls == first.provenance.attempts == 1
    assert prov.attempts == 0 and prov.usage.total_tokens == 0
    assert prov.prompt_version == first.provenance.prompt_version


async def test_the_batch_line_of_a_hit_parses_to_the_same_result(
    tmp_path: Path, server: FaultServer
) -> None:
    docs = make_docs(6)
    with SQLiteCache(tmp_path / "c.sqlite3") as cache:
        async with Extractor(fault_config(server.base_url), cache=cache) as ex:
            await run_batch(docs, ex, tmp_path / "one", concurrency=3)
            sent = server.stats["requests"]
            second = await run_batch(docs, ex, tmp_path / "two", concurrency=3)
            direct = await ex.aextract(docs[0].text, doc_id=docs[0].doc_id, published="2016-08-12")
    assert server.stats["requests"] == sent
    assert second.succeeded == 6 and second.cached_calls == 6 and second.attempts == 0

    def load(folder: str) -> dict[str, dict[str, object]]:
        lines = (tmp_path / folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
        return {r["doc_id"]: r for r in map(json.loads, lines)}

    one, two = load("one"), load("two")
    for doc_id, rec in one.items():
        other = two[doc_id]
        assert {k: v for k, v in rec.items() if k != "provenance"} == {
            k: v for k, v in other.items() if k != "provenance"
        }
    assert direct.model_dump(mode="json", exclude={"provenance", "source"}) == {
        k: v for k, v in one[docs[0].doc_id].items() if k not in {"provenance", "source"}
    }


KEY = {
    "strategy": "single",
    "prompt_version": "p1",
    "model": "m",
    "text_sha256": "0" * 64,
    "published": "2019-06-04",
    "title": None,
}


@pytest.mark.parametrize(
    "change",
    [
        {"strategy": "staged"},
        {"prompt_version": "p2"},
        {"model": "m2"},
        {"published": "2019-06-05"},
        {"published": None},
        {"title": "A title"},
        {"text_sha256": "1" * 64},
    ],
)
def test_every_input_of_a_result_is_in_its_key(change: dict[str, object]) -> None:
    config = fault_config("http://127.0.0.1:1")
    assert doc_cache.document_key(config, **KEY) != doc_cache.document_key(  # type: ignore[arg-type]
        config,
        **{**KEY, **change},  # type: ignore[arg-type]
    )


def test_settings_that_shape_answers_are_in_the_key_and_transport_ones_not() -> None:
    config = fault_config("http://127.0.0.1:1")
    base = doc_cache.document_key(config, **KEY)  # type: ignore[arg-type]
    for change in ({"max_tokens": 99}, {"chunk_chars": 3000}, {"mode": "tools"}, {"seed": 3}):
        assert doc_cache.document_key(dataclasses.replace(config, **change), **KEY) != base  # type: ignore[arg-type]
    for change in ({"base_url": "http://other"}, {"timeout_s": 9.0}, {"max_network_retries": 0}):
        assert doc_cache.document_key(dataclasses.replace(config, **change), **KEY) == base  # type: ignore[arg-type]


def test_a_code_change_is_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    config = fault_config("http://127.0.0.1:1")
    base = doc_cache.document_key(config, **KEY)  # type: ignore[arg-type]
    monkeypatch.setattr(doc_cache, "code_fingerprint", lambda: "another build")
    assert doc_cache.document_key(config, **KEY) != base  # type: ignore[arg-type]


async def test_a_corrupt_or_unreadable_entry_is_ignored(
    tmp_path: Path, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    with SQLiteCache(path) as cache:
        async with Extractor(fault_config(server.base_url), cache=cache) as ex:
            first = await ex.aextract(ARTICLE, published="2019-06-04")
            cache.flush()  # the queued writes reach the file before it is tampered with
            conn = sqlite3.connect(path)
            conn.execute("UPDATE document_cache SET value = 'x' || value")
            conn.commit()
            again = await ex.aextract(ARTICLE, published="2019-06-04")
            assert "corrupt document entry" in caplog.text
            cache.flush()
            conn.execute("DROP TABLE document_cache")
            conn.commit()
            conn.close()
            third = await ex.aextract(ARTICLE, published="2019-06-04")
    assert "read failed" in caplog.text
    assert again.incidents == first.incidents == third.incidents
    assert again.provenance.cached_calls == 1, "the call cache still served the call"


async def test_no_cache_stores_nothing(server: FaultServer) -> None:
    async with Extractor(fault_config(server.base_url), cache=NullCache()) as ex:
        sent = server.stats["requests"]
        await ex.aextract(ARTICLE, published="2019-06-04")
        await ex.aextract(ARTICLE, published="2019-06-04")
    assert server.stats["requests"] == sent + 2


def test_the_key_is_the_hash_of_everything_encoded_at_once() -> None:
    """Splicing the once-encoded settings in gives the key of one sorted JSON text."""
    import hashlib

    config = fault_config("http://127.0.0.1:1")
    for key in (KEY, {**KEY, "published": "2019-06-05", "title": "Ünïcode «title»"}):
        blob = {
            "code": doc_cache.code_fingerprint(),
            "model": key["model"],
            "mode": config.resolved_mode,
            "prompt_version": key["prompt_version"],
            "published": key["published"],
            "settings": doc_cache._settings(config),
            "strategy": key["strategy"],
            "text_sha256": key["text_sha256"],
            "title": key["title"],
        }
        text = json.dumps(blob, sort_keys=True, ensure_ascii=False, default=str)
        expected = hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert doc_cache.document_key(config, **key) == expected  # type: ignore[arg-type]
