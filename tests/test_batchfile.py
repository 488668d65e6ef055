"""Batch files end to end: prepare over the seeds, run the requests through the
Files/Batches test double (or `execute`), collect, and score: the same eval as
a direct run of the same recording (cassettes from `make record`)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from batch_api_server import BatchAPIServer, CassetteAnswers
from click.testing import CliRunner
from conftest import CASSETTES, SEED_IDS, SEEDS

from extractor.batch import iter_documents
from extractor.batchfile import collect, load_batch_dir, prepare
from extractor.cli import cli
from extractor.config import SMOLLM2, resolve_config
from tools.seeds_run import run as seeds_run

KEY = "test-key"


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def _prepare(tmp_path: Path) -> Path:
    out = tmp_path / "req"
    result = _cli("batch", "prepare", *[str(p) for p in sorted(SEEDS.glob("*.txt"))],
                  "--out", str(out), "--provider", "local")  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _eval(pred: Path) -> dict[str, Any]:
    result = _cli("eval", "--gold", str(SEEDS / "annotations"), "--pred", str(pred), "--json")
    assert result.exit_code == 0, result.output

    def strip(d: Any) -> Any:  # timing and file paths differ between any two runs
        if isinstance(d, dict):
            return {k: strip(v) for k, v in d.items() if "latency" not in k and k != "pred"}
        if isinstance(d, list):
            return [strip(x) for x in d]
        return d

    return strip(json.loads(result.output))  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _cassettes_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The single cassettes are SmolLM2's: batch files are compared with its requests."""
    monkeypatch.setenv("EXTRACTOR_LOCAL_MODEL", SMOLLM2)


@pytest.fixture
def answers() -> CassetteAnswers:
    return CassetteAnswers(sorted(CASSETTES.glob("*.json")))


@pytest.fixture
def api(answers: CassetteAnswers, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with BatchAPIServer(answers, api_key=KEY) as server:
        yield server


def test_prepare_writes_the_request_the_live_pipeline_sent(tmp_path: Path) -> None:
    req = _prepare(tmp_path)
    batch = load_batch_dir(req)
    lines = _lines(req / "requests-0001.jsonl")
    assert len(lines) == len(SEED_IDS) == len(batch.requests)
    for line in lines:
        doc_id, chunk = batch.requests[line["custom_id"]]
        assert line["custom_id"] == f"{doc_id}#c{chunk}#p{batch.prompt_version}"
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        recorded = json.loads((CASSETTES / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert line["body"] == recorded["interactions"][chunk]["request"]["body"]
    assert "api_key" not in (req / "manifest.json").read_text().replace("api_key_set", "")


def test_openai_requests_carry_the_draft_as_a_tool(tmp_path: Path) -> None:
    config = resolve_config(provider="openai", check_endpoint=False)
    prepare(iter_documents([SEEDS / f"{SEED_IDS[0]}.txt"]), config, tmp_path)
    (line,) = _lines(tmp_path / "requests-0001.jsonl")
    body = line["body"]
    assert body["model"] == "gpt-4o-mini" and body["max_tokens"] == 1024
    assert body["tool_choice"] == {"type": "function", "function": {"name": "Draft"}}
    assert body["tools"][0]["function"]["parameters"]["properties"].keys() == {
        "incidents",
        "statements",
    }


def test_files_split_at_the_request_and_byte_limits(tmp_path: Path) -> None:
    config = resolve_config(provider="local")
    docs = list(iter_documents(sorted(SEEDS.glob("*.txt"))))
    by_count = prepare(docs, config, tmp_path / "n", max_requests=2)
    assert [f["requests"] for f in by_count.files] == [2, 2, 1]
    sizes = [
        len(x.encode()) + 1
        for x in (tmp_path / "n" / "requests-0001.jsonl").read_text().splitlines()
    ]
    limit = max(sizes) + 10
    by_size = prepare(docs, config, tmp_path / "b", max_bytes=limit)
    assert len(by_size.files) > 1
    for f in by_size.files:
        assert (tmp_path / "b" / f["name"]).stat().st_size == f["bytes"] <= limit
    assert sum(f["requests"] for f in by_size.files) == len(SEED_IDS)


def test_staged_strategy_is_refused_with_a_reason(tmp_path: Path) -> None:
    result = _cli("batch", "prepare", str(SEEDS), "--out", str(tmp_path), "--strategy", "staged")
    assert result.exit_code == 2
    assert "single only" in result.output and "depend on earlier answers" in result.output


def test_round_trip_through_the_batch_api_equals_a_direct_run(
    tmp_path: Path, api: BatchAPIServer
) -> None:
    req = _prepare(tmp_path)
    submitted = _cli("batch", "submit", str(req), "--base-url", api.base_url)
    assert submitted.exit_code == 0, submitted.output
    state = json.loads((req / "batches.json").read_text())
    assert KEY not in (req / "batches.json").read_text()
    (record,) = state["batches"]
    assert api.batches[record["batch_id"]]["completion_window"] == "24h"
    for worker in api._workers:
        worker.join(timeout=30)
    status = _cli("batch", "status", str(req), "--base-url", api.base_url, "--json")
    assert json.loads(status.output)[0]["status"] == "completed"
    fetched = _cli("batch", "fetch", str(req), "--base-url", api.base_url)
    outputs = fetched.output.split()
    assert [Path(p).name for p in outputs] == ["requests-0001.output.jsonl"]
    run = tmp_path / "run"
    collected = _cli("batch", "collect", *outputs, "--requests", str(req), "--out", str(run))
    assert collected.exit_code == 0, collected.output

    direct = tmp_path / "direct"
    seeds = sorted(SEEDS.glob("*.txt"))
    assert __import__("asyncio").run(seeds_run(seeds, CASSETTES, direct, False, None)) == 0
    assert _eval(run / "results.jsonl") == _eval(direct / "results.jsonl")
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["counts"]["succeeded"] == len(SEED_IDS)


def test_execute_then_collect_equals_a_direct_run_and_resumes(
    tmp_path: Path, api: BatchAPIServer
) -> None:
    req = _prepare(tmp_path)
    out = tmp_path / "out.jsonl"
    args = ("batch", "execute", str(req), "--base-url", api.base_url, "--out", str(out), "-q")
    assert _cli(*args).exit_code == 0
    assert len(_lines(out)) == len(SEED_IDS)
    again = _cli(*args)  # resume: everything already answered, nothing sent twice
    assert again.exit_code == 0 and f"{len(SEED_IDS)} already done" in again.output
    assert len(_lines(out)) == len(SEED_IDS)
    run = tmp_path / "run"
    assert (
        _cli("batch", "collect", str(out), "--requests", str(req), "--out", str(run)).exit_code == 0
    )
    direct = tmp_path / "direct"
    __import__("asyncio").run(
        seeds_run(sorted(SEEDS.glob("*.txt")), CASSETTES, direct, False, None)
    )
    assert _eval(run / "results.jsonl") == _eval(direct / "results.jsonl")


def test_collect_survives_shuffled_duplicated_failed_and_broken_lines(
    tmp_path: Path, api: BatchAPIServer
) -> None:
    req = _prepare(tmp_path)
    out = tmp_path / "out.jsonl"
    _cli("batch", "execute", str(req), "--base-url", api.base_url, "--out", str(out), "-q")
    lines = _lines(out)
    failed_doc, broken_doc = SEED_IDS[1], SEED_IDS[2]
    messy = []
    for line in lines:
        doc = line["custom_id"].split("#")[0]
        if doc == failed_doc:  # as vLLM writes a failure: in the same file
            line = {"id": "x", "custom_id": line["custom_id"], "error": None,
                    "response": {"status_code": 500, "request_id": "r",
                                 "body": {"error": {"message": "engine died"}}}}  # fmt: skip
        if doc == broken_doc:  # an answer that breaks the draft model
            line["response"]["body"]["choices"][0]["message"]["content"] = '{"incidents": 3}'
        messy.append(line)
    messy.append(dict(messy[0]))  # a duplicate
    random.Random(4).shuffle(messy)
    text = "".join(json.dumps(x) + "\n" for x in messy) + "not json\n"
    (tmp_path / "messy.jsonl").write_text(text, encoding="utf-8")

    run = tmp_path / "run"
    args = ("batch", "collect", str(tmp_path / "messy.jsonl"), "--requests", str(req),
            "--out", str(run))  # fmt: skip
    result = _cli(*args)
    assert result.exit_code == 1, result.output
    results = _lines(run / "results.jsonl")
    errors = _lines(run / "errors.jsonl")
    ids = [r["doc_id"] for r in results] + [e["doc_id"] for e in errors]
    assert sorted(ids) == SEED_IDS  # every document exactly once
    by_doc = {e["doc_id"]: e for e in errors}
    assert set(by_doc) == {failed_doc, broken_doc}
    assert by_doc[failed_doc]["error_type"] == "ProviderError"
    assert "engine died" in by_doc[failed_doc]["message"]
    assert by_doc[broken_doc]["error_type"] == "ExtractionValidationError"

    before = (run / "results.jsonl").read_bytes()
    again = _cli(*args)  # idempotent
    assert again.exit_code == 1 and "5 documents, 0 extracted, 3 already done" in again.output
    assert (run / "results.jsonl").read_bytes() == before
    assert sorted(e["doc_id"] for e in _lines(run / "errors.jsonl")) == sorted(by_doc)

    # the good answers arrive later: collecting them fills in the failures
    fixed = _cli("batch", "collect", str(out), "--requests", str(req), "--out", str(run))
    assert fixed.exit_code == 0
    assert sorted(r["doc_id"] for r in _lines(run / "results.jsonl")) == SEED_IDS
    assert _lines(run / "errors.jsonl") == []


def test_collect_reads_a_separate_error_file_and_names_missing_answers(
    tmp_path: Path, answers: CassetteAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    req = _prepare(tmp_path)
    refused = {
        json.dumps(x["body"], sort_keys=True) for x in _lines(req / "requests-0001.jsonl")[:2]
    }

    def answer(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if json.dumps(body, sort_keys=True) in refused:
            return 429, {"error": {"message": "quota", "type": "rate_limit"}}
        return answers(body)

    with BatchAPIServer(answer, api_key=KEY) as server:
        assert _cli("batch", "submit", str(req), "--base-url", server.base_url).exit_code == 0
        for worker in server._workers:
            worker.join(timeout=30)
        outputs = _cli("batch", "fetch", str(req), "--base-url", server.base_url).output.split()
    names = sorted(Path(p).name for p in outputs)
    assert names == ["requests-0001.error.jsonl", "requests-0001.output.jsonl"]
    error_lines = _lines(req / "outputs" / "requests-0001.error.jsonl")
    assert error_lines and all(x["response"]["status_code"] == 429 for x in error_lines)
    failed = {x["custom_id"].split("#")[0] for x in error_lines}
    assert failed == set(SEED_IDS[:2])
    run = tmp_path / "run"
    summary = collect([req / "outputs" / "requests-0001.output.jsonl"], req, run)
    assert summary.failed == len(failed)
    assert all("no output line" in e["message"] for e in _lines(run / "errors.jsonl"))
    summary = collect([Path(p) for p in outputs], req, run)
    errors = _lines(run / "errors.jsonl")
    assert {e["doc_id"] for e in errors} == failed and all(
        "HTTP 429" in e["message"] for e in errors
    )
    assert summary.succeeded + summary.skipped + summary.failed == len(SEED_IDS)


def test_custom_ids_stay_unique_and_readable_for_any_doc_id() -> None:
    from extractor.batchfile.layout import custom_id_for

    plain = custom_id_for("seed-001", 2, "abc")
    assert plain == "seed-001#c2#pabc"
    odd = [custom_id_for(d, 0, "abc") for d in ("a b", "a_b", "x/" * 40, "x/" * 41)]
    assert len(set(odd)) == 4 and all(len(c) < 64 and " " not in c for c in odd)


def test_a_batch_breaking_the_input_rules_fails_and_collect_names_every_document(
    tmp_path: Path, api: BatchAPIServer
) -> None:
    req = _prepare(tmp_path)
    path = req / "requests-0001.jsonl"
    first = path.read_text().splitlines()[0]
    path.write_text(path.read_text() + first + "\n")  # a repeated custom_id
    assert _cli("batch", "submit", str(req), "--base-url", api.base_url).exit_code == 0
    for worker in api._workers:
        worker.join(timeout=30)
    status = _cli("batch", "status", str(req), "--base-url", api.base_url, "--json")
    (record,) = json.loads(status.output)
    assert record["status"] == "failed" and "duplicate custom_id" in record["errors"][0]["message"]
    assert _cli("batch", "fetch", str(req), "--base-url", api.base_url).output == ""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    summary = collect([empty], req, tmp_path / "run")
    assert summary.failed == len(SEED_IDS) and summary.succeeded == 0


def test_submit_without_a_key_is_a_usage_error(tmp_path: Path) -> None:
    req = _prepare(tmp_path)
    result = _cli("batch", "submit", str(req), "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 2 and "OPENAI_API_KEY" in result.output
