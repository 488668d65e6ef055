"""Runs that must stop: an output folder that refuses writes, an endpoint that is gone.

The full disk is simulated at the write call (a byte budget that ends in
ENOSPC, with the partial write a real disk makes); test_full_disk.py does the
same on a real tiny filesystem where one can be mounted.
"""

from __future__ import annotations

import ast
import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from batch_support import FakeExtractor, assert_each_once, make_docs, output_ids

from extractor.batch import run_batch
from extractor.batch import store as store_module
from extractor.batch.runner import BREAKER_THRESHOLD
from extractor.batch.store import OutputStore
from extractor.errors import EndpointUnreachableError, OutputError, ProviderError
from extractor.models import Usage


class TinyDisk:
    """``os.write`` with a byte budget: past it, a partial write, then ENOSPC or EROFS."""

    def __init__(self, budget: int, code: int = errno.ENOSPC) -> None:
        self.budget = budget
        self.code = code
        self.refused = 0
        self._write = os.write

    def __call__(self, fd: int, data: Any) -> int:
        if self.budget <= 0:
            self.refused += 1
            raise OSError(self.code, os.strerror(self.code))
        n = min(len(data), self.budget)
        self.budget -= n
        return self._write(fd, bytes(data[:n]))


def _manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
async def test_a_folder_that_stops_taking_writes_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    docs = make_docs(200)
    disk = TinyDisk(budget=4096 + 9000, code=code)  # the probe, then some results
    monkeypatch.setattr(store_module.os, "write", disk)
    fake = FakeExtractor(delay_s=0.002)
    summary = await run_batch(docs, fake, tmp_path, concurrency=4)

    assert summary.stopped is not None and str(tmp_path) in summary.stopped
    assert os.strerror(code) in summary.stopped and "\n" not in summary.stopped
    assert len(fake.calls) < 60, "dispatch stops as soon as a write fails"
    saved, failed, _ = output_ids(tmp_path)  # whole lines only: the partial write is gone
    assert not failed and len(saved) == len(set(saved)) > 0
    assert summary.succeeded == len(saved)
    assert summary.not_saved == len(fake.calls) - len(saved)
    assert summary.not_attempted == 200 - len(fake.calls)
    manifest = _manifest(tmp_path)
    assert manifest["status"] == "failed" and manifest["reason"] == summary.stopped
    assert manifest["counts"]["not_attempted"] == summary.not_attempted
    assert not (tmp_path / ".lock").exists()

    monkeypatch.undo()  # space freed: the rerun does the rest, each document once
    again = FakeExtractor()
    rerun = await run_batch(docs, again, tmp_path, concurrency=4)
    assert rerun.ok and rerun.skipped == len(saved)
    assert sorted(again.calls) == sorted(d.doc_id for d in docs if d.doc_id not in saved)
    results, errors = assert_each_once(tmp_path, [d.doc_id for d in docs])
    assert len(results) == 200 and not errors
    assert _manifest(tmp_path)["status"] == "complete"


async def test_a_full_disk_at_start_sends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module.os, "write", TinyDisk(budget=0))
    fake = FakeExtractor()
    with pytest.raises(OutputError, match=r"No space left on device") as caught:
        await run_batch(make_docs(20), fake, tmp_path)
    assert str(tmp_path) in str(caught.value)
    assert fake.calls == []
    assert not (tmp_path / ".lock").exists()


def test_a_failed_append_leaves_whole_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OutputStore(tmp_path) as store:
        store.append_error_lines([b'{"doc_id": "a"}\n'])
        monkeypatch.setattr(store_module.os, "write", TinyDisk(budget=7))
        with pytest.raises(OutputError, match=r"\[Errno 28\] No space left on device"):
            store.append_error_lines([b'{"doc_id": "b"}\n', b'{"doc_id": "c"}\n'])
        monkeypatch.undo()
        store.append_error_lines([b'{"doc_id": "d"}\n'])
    assert (tmp_path / "errors.jsonl").read_bytes() == b'{"doc_id": "a"}\n{"doc_id": "d"}\n'


def test_the_manifest_is_written_in_place_when_no_temp_file_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OutputStore(tmp_path) as store:
        store.write_manifest({"status": "running", "pad": "x" * 200})

        def no_temp_files(*args: Any, **kwargs: Any) -> Any:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(store_module.tempfile, "mkstemp", no_temp_files)
        store.write_manifest({"status": "failed", "reason": "disk full"})
    assert _manifest(tmp_path) == {"status": "failed", "reason": "disk full"}


class DeadEndpoint(FakeExtractor):
    """Every document fails as a dead endpoint does, after a little time."""

    async def aextract(self, text: str, **kwargs: Any) -> Any:
        self.calls.append(kwargs.get("doc_id") or "")
        self.in_flight += 1
        try:
            import asyncio

            await asyncio.sleep(self.delay_s)
            error = EndpointUnreachableError("http://127.0.0.1:9/v1: cannot reach the endpoint")
            error.attempts = 5
            raise error
        finally:
            self.in_flight -= 1


async def test_consecutive_unreachable_documents_trip_the_breaker(tmp_path: Path) -> None:
    docs = make_docs(200)
    dead = DeadEndpoint(delay_s=0.01)
    summary = await run_batch(docs, dead, tmp_path, concurrency=8)
    assert summary.stopped and "could not reach" in summary.stopped
    assert len(dead.calls) < 20
    _, failed, _ = output_ids(tmp_path)
    assert BREAKER_THRESHOLD <= len(failed) == summary.failed < len(dead.calls) + 1
    assert summary.not_attempted == 200 - summary.failed, "undone documents are not failures"
    assert summary.attempts == 5 * summary.failed, "the failed documents' calls count"
    manifest = _manifest(tmp_path)
    assert manifest["status"] == "failed" and "could not reach" in manifest["reason"]
    assert manifest["counts"]["not_attempted"] == summary.not_attempted

    summary = await run_batch(docs, FakeExtractor(), tmp_path, concurrency=8)
    assert summary.ok and summary.succeeded == 200
    assert_each_once(tmp_path, [d.doc_id for d in docs])


async def test_unreachable_documents_among_successes_do_not_trip_it(tmp_path: Path) -> None:
    docs = make_docs(60)

    class Flaky(FakeExtractor):
        async def aextract(self, text: str, **kwargs: Any) -> Any:
            doc_id = kwargs.get("doc_id") or ""
            if int(doc_id[-4:]) % 2:
                raise EndpointUnreachableError("connection reset")
            return await super().aextract(text, **kwargs)

    summary = await run_batch(docs, Flaky(), tmp_path, concurrency=1)
    assert summary.stopped is None and (summary.succeeded, summary.failed) == (30, 30)


async def test_failed_documents_count_their_calls_and_tokens(tmp_path: Path) -> None:
    class Costly(FakeExtractor):
        async def aextract(self, text: str, **kwargs: Any) -> Any:
            if kwargs.get("doc_id") == "doc-0001":
                error = ProviderError("HTTP 500")
                error.attempts = 3
                error.usage = Usage(prompt_tokens=30, completion_tokens=0, total_tokens=30)
                raise error
            return await super().aextract(text, **kwargs)

    summary = await run_batch(make_docs(3), Costly(), tmp_path)
    assert summary.attempts == 2 * 1 + 3
    assert summary.usage.total_tokens == 2 * 15 + 30
    manifest = _manifest(tmp_path)
    assert manifest["model_calls"]["attempts"] == 5 and manifest["tokens"]["total_tokens"] == 60


async def test_no_lock_file_is_left_after_a_clean_run(tmp_path: Path) -> None:
    await run_batch(make_docs(3), FakeExtractor(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "errors.jsonl",
        "manifest.json",
        "results.jsonl",
    ]


def test_the_manifest_does_not_import_the_runner() -> None:
    import extractor.batch.manifest as manifest

    tree = ast.parse(Path(manifest.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "extractor.batch.runner" not in imported
