"""The HTTP API through httpx's ASGI transport: routes, errors, limits, metrics."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import FaultPlan, FaultServer
from service_support import doc, served, settings_for, wait_finished

from extractor.models import ExtractionResult
from extractor.schema import json_schema


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=60) as srv:
        yield srv


async def test_extract_returns_a_grounded_result(tmp_path: Path, fault: FaultServer) -> None:
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        body = doc(1, url="https://example.org/a", title="Raqqa", metadata={"desk": "syria"})
        response = await client.post("/v1/extract", json=body)
    assert response.status_code == 200, response.text
    result = ExtractionResult.model_validate(response.json())
    assert result.doc_id == "doc-0001"
    assert result.source == "https://example.org/a"
    assert result.metadata == {"desk": "syria", "url": "https://example.org/a"}
    assert result.published is not None and result.published.start.isoformat() == "2016-08-12"
    assert result.incidents and result.incidents[0].evidence[0].alignment == "exact"


async def test_openapi_describes_every_endpoint_with_the_record_models(
    tmp_path: Path, fault: FaultServer
) -> None:
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        spec = (await client.get("/openapi.json")).json()
        shipped = (await client.get("/v1/schema")).json()
    paths = spec["paths"]
    for path, method in [
        ("/v1/extract", "post"),
        ("/v1/jobs", "post"),
        ("/v1/jobs/{job_id}", "get"),
        ("/v1/jobs/{job_id}", "delete"),
        ("/v1/jobs/{job_id}/results", "get"),
        ("/v1/jobs/{job_id}/errors", "get"),
        ("/v1/schema", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/metrics", "get"),
    ]:
        assert method in paths[path], (path, method)
    ok = paths["/v1/extract"]["post"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"]["$ref"] == "#/components/schemas/ExtractionResult"
    results = paths["/v1/jobs/{job_id}/results"]["get"]["responses"]["200"]["content"]
    assert results["application/x-ndjson"]["schema"]["$ref"].endswith("/ExtractionResult")
    components = spec["components"]["schemas"]
    assert "ErrorLine" in components
    # The API's record models and the shipped JSON Schema files say the same thing.
    assert shipped == json_schema("extraction_result")
    assert set(components["ExtractionResult"]["properties"]) == set(shipped["properties"])
    for name, definition in shipped["$defs"].items():
        if "properties" in definition:
            assert set(components[name]["properties"]) == set(definition["properties"]), name


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b'{"text": "An airstrike', "body is not valid JSON"),
        (b'{"id": "a1"}', "document 'a1': text: missing"),
        (b'{"text": "   "}', "text: empty text"),
        (json.dumps({"text": "bin\u0000ary"}).encode(), "text: binary text"),
        (json.dumps({"text": "x", "colour": "red"}).encode(), "colour: unknown field"),
        (json.dumps({"text": "x", "published": "not a date at all"}).encode(), "published"),
        (
            json.dumps({"text": "x", "model": "gpt-9"}).encode(),
            "model: model 'gpt-9' is not served",
        ),
        (json.dumps({"text": "x", "strategy": "magic"}).encode(), "strategy: strategy 'magic'"),
        (json.dumps(["not", "an", "object"]).encode(), "the document"),
        (b"\xff\xfe not utf-8", "the document"),
    ],
)
async def test_extract_bad_input_is_422_naming_the_problem(
    tmp_path: Path, fault: FaultServer, body: bytes, needle: str
) -> None:
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        response = await client.post(
            "/v1/extract", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert needle in detail, detail
    assert fault.stats["requests"] == 0


async def test_job_bad_documents_are_422_naming_each_and_no_job_is_made(
    tmp_path: Path, fault: FaultServer
) -> None:
    lines = [
        json.dumps(doc(0)),
        json.dumps({"id": "no-text"}),
        "{not json",
        json.dumps(doc(3, text="")),
        json.dumps(doc(0)),  # the id of document 0 again
        json.dumps({"text": "fine", "status": "?"}),
    ]
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        response = await client.post("/v1/jobs", content="\n".join(lines) + "\n")
        listing = await client.get("/v1/jobs")
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    seen = {(p["document"], p.get("id"), p.get("field")) for p in problems}
    assert seen == {
        (1, "no-text", "text"),
        (2, None, None),
        (3, "doc-0003", "text"),
        (4, "doc-0000", "id"),
        (5, None, "status"),
    }
    assert "document 1 (id 'no-text'): text: missing" in response.json()["detail"]
    assert listing.json() == []
    assert fault.stats["requests"] == 0


async def test_limits_are_413_with_the_limit(tmp_path: Path, fault: FaultServer) -> None:
    settings = settings_for(
        tmp_path, fault.base_url, max_text_chars=500, max_body_bytes=4000, max_job_documents=3
    )
    async with served(settings) as (_app, client):
        long_text = await client.post("/v1/extract", json={"text": "word " * 200})
        big_body = await client.post("/v1/extract", json={"text": "x", "title": "t" * 5000})

        async def chunks():  # no Content-Length: counted as it streams
            for _ in range(10):
                yield b" " * 1000

        streamed = await client.post("/v1/jobs", content=chunks())
        many = await client.post("/v1/jobs", json=[doc(i) for i in range(4)])
    assert long_text.status_code == 413 and "limit of 500" in long_text.json()["detail"]
    assert big_body.status_code == 413 and "limit of 4000 bytes" in big_body.json()["detail"]
    assert streamed.status_code == 413 and "limit of 4000 bytes" in streamed.json()["detail"]
    assert many.status_code == 413 and "limit of 3" in many.json()["detail"]


async def test_job_life_cycle_json_array(tmp_path: Path, fault: FaultServer) -> None:
    docs = [doc(i) for i in range(5)] + [{"text": doc(9)["text"] + " Untitled."}]
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        response = await client.post("/v1/jobs", json=docs)
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        assert response.headers["location"] == f"/v1/jobs/{job_id}"
        assert response.headers["retry-after"] == "2"
        status = await wait_finished(client, job_id)
        results = await client.get(f"/v1/jobs/{job_id}/results")
        errors = await client.get(f"/v1/jobs/{job_id}/errors")
    assert status["status"] == "succeeded", status
    assert status["counts"] == {"total": 6, "done": 6, "failed": 0}
    assert status["tokens"]["total_tokens"] > 0
    assert status["started_at"] and status["finished_at"]
    assert results.headers["content-type"].startswith("application/x-ndjson")
    ids = [ExtractionResult.model_validate_json(line).doc_id for line in results.text.splitlines()]
    assert sorted(ids) == ["#5", "doc-0000", "doc-0001", "doc-0002", "doc-0003", "doc-0004"]
    assert errors.text == ""
    run_dir = tmp_path / "data" / "jobs" / job_id / "run"
    assert (run_dir / "results.jsonl").read_text(encoding="utf-8") == results.text
    assert json.loads((run_dir / "manifest.json").read_text())["status"] == "complete"


async def test_failed_documents_are_error_records_and_the_job_says_failed(tmp_path: Path) -> None:
    with FaultServer(FaultPlan(server_error=1.0), lifetime_s=60) as down:
        async with served(settings_for(tmp_path, down.base_url)) as (_app, client):
            response = await client.post(
                "/v1/jobs", content="".join(json.dumps(doc(i)) + "\n" for i in range(3))
            )
            status = await wait_finished(client, response.json()["id"])
            errors = await client.get(f"/v1/jobs/{status['id']}/errors")
            one = await client.post("/v1/extract", json=doc(7))
    assert status["status"] == "failed"
    assert status["counts"] == {"total": 3, "done": 0, "failed": 3}
    records = [json.loads(line) for line in errors.text.splitlines()]
    assert sorted(r["doc_id"] for r in records) == ["doc-0000", "doc-0001", "doc-0002"]
    assert all(r["error_type"] == "ProviderError" for r in records)
    assert one.status_code == 502 and "ProviderError" in one.json()["detail"]


async def test_idempotency_key_returns_the_same_job(tmp_path: Path, fault: FaultServer) -> None:
    body = [doc(i) for i in range(2)]
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        first = await client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "k-1"})
        again = await client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "k-1"})
        other = await client.post("/v1/jobs", json=body[:1], headers={"Idempotency-Key": "k-1"})
        fresh = await client.post("/v1/jobs", json=body)
        await wait_finished(client, first.json()["id"])
        await wait_finished(client, fresh.json()["id"])
        listing = await client.get("/v1/jobs")
    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"]
    assert fresh.json()["id"] != first.json()["id"]
    assert len(listing.json()) == 2


async def test_cancel_keeps_what_finished(tmp_path: Path) -> None:
    with FaultServer(FaultPlan(latency_s=0.2), lifetime_s=60) as slow:
        settings = settings_for(tmp_path, slow.base_url, max_model_calls=2)
        async with served(settings) as (_app, client):
            job_id = (await client.post("/v1/jobs", json=[doc(i) for i in range(20)])).json()["id"]
            for _ in range(100):
                if (await client.get(f"/v1/jobs/{job_id}")).json()["counts"]["done"] >= 2:
                    break
                await asyncio.sleep(0.05)
            cancelled = await client.delete(f"/v1/jobs/{job_id}")
            again = await client.delete(f"/v1/jobs/{job_id}")
            results = await client.get(f"/v1/jobs/{job_id}/results")
    assert cancelled.status_code == 200, cancelled.text
    status = cancelled.json()
    assert status["status"] == "cancelled"
    assert 2 <= status["counts"]["done"] < 20
    assert len(results.text.splitlines()) == status["counts"]["done"]
    assert again.status_code == 409


async def test_model_calls_are_capped_service_wide_and_queued(tmp_path: Path) -> None:
    with FaultServer(FaultPlan(latency_s=0.05), lifetime_s=60) as slow:
        settings = settings_for(tmp_path, slow.base_url, max_model_calls=2)
        async with served(settings) as (app, client):
            peak = 0
            stop = asyncio.Event()

            async def watch() -> None:
                nonlocal peak
                while not stop.is_set():
                    peak = max(peak, app.state.pool.in_flight)
                    await asyncio.sleep(0.005)

            watcher = asyncio.create_task(watch())
            job = (await client.post("/v1/jobs", json=[doc(i) for i in range(6)])).json()
            singles = await asyncio.gather(
                *(client.post("/v1/extract", json=doc(100 + i)) for i in range(6))
            )
            status = await wait_finished(client, job["id"])
            stop.set()
            await watcher
    assert [r.status_code for r in singles] == [200] * 6
    assert status["counts"]["done"] == 6
    assert peak == 2


async def test_readyz_and_unreachable_model(tmp_path: Path, fault: FaultServer) -> None:
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        for _ in range(50):
            ready = await client.get("/readyz")
            if ready.status_code == 200:
                break
            await asyncio.sleep(0.05)
        assert ready.json() == {"status": "ready", "detail": "ok"}
        assert (await client.get("/healthz")).json() == {"status": "ok"}
    dead = "http://127.0.0.1:9/v1"  # discard port: nothing listens
    async with served(settings_for(tmp_path / "dead", dead)) as (_app, client):
        await asyncio.sleep(0.05)
        ready = await client.get("/readyz")
        one = await client.post("/v1/extract", json=doc(1))
    assert ready.status_code == 503 and "unreachable" in ready.json()["detail"]
    assert one.status_code == 502


async def test_metrics_count_requests_documents_and_jobs(
    tmp_path: Path, fault: FaultServer
) -> None:
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        await client.post("/v1/extract", json=doc(1))
        await client.post("/v1/extract", json={"text": ""})
        job = (await client.post("/v1/jobs", json=[doc(2), doc(3)])).json()
        await wait_finished(client, job["id"])
        await client.get(f"/v1/jobs/{job['id']}")
        text = (await client.get("/metrics")).text
    assert (
        'extractor_http_requests_total{method="POST",route="/v1/extract",status="200"} 1.0' in text
    )
    assert (
        'extractor_http_requests_total{method="POST",route="/v1/extract",status="422"} 1.0' in text
    )
    assert 'route="/v1/jobs/{job_id}"' in text and job["id"] not in text
    assert "extractor_http_request_duration_seconds_bucket" in text
    assert 'extractor_documents_total{outcome="ok"} 3.0' in text
    assert 'extractor_jobs{status="succeeded"} 1.0' in text
    assert "extractor_tokens_total" in text
    assert "extractor_model_calls_limit 8.0" in text


async def test_jobs_resume_when_an_app_starts_on_the_same_data(
    tmp_path: Path, fault: FaultServer
) -> None:
    settings = settings_for(tmp_path, fault.base_url, cache=False)  # count redone requests
    data = Path(settings.service.data_dir)
    async with served(settings) as (_app, client):
        job_id = (await client.post("/v1/jobs", json=[doc(i) for i in range(4)])).json()["id"]
        await wait_finished(client, job_id)
    # As a killed service leaves it: the job still marked running, part of the results.
    job_file = data / "jobs" / job_id / "job.json"
    record = json.loads(job_file.read_text())
    record.update(status="running", finished_at=None)
    job_file.write_text(json.dumps(record))
    results = data / "jobs" / job_id / "run" / "results.jsonl"
    lines = results.read_bytes().splitlines(keepends=True)
    results.write_bytes(b"".join(lines[:2]) + lines[2][:40])
    requests_before = fault.stats["requests"]
    async with served(settings) as (_app, client):
        status = await wait_finished(client, job_id)
        again = await client.get(f"/v1/jobs/{job_id}/results")
    assert status["status"] == "succeeded" and status["counts"]["done"] == 4
    assert len(again.text.splitlines()) == 4
    assert fault.stats["requests"] - requests_before == 2


async def test_the_readme_curl_lines_work_as_written(tmp_path: Path, fault: FaultServer) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The HTTP service", 1)[1].split("\n## ", 1)[0]
    curls = [line for line in section.splitlines() if "curl -s localhost:8000" in line]
    assert len(curls) == 3
    (extract_body,) = re.findall(r"-d '([^']*)'", curls[0])
    (job_body,) = re.findall(r"-d '([^']*)'", curls[1])
    (key,) = re.findall(r"-H 'Idempotency-Key: ([^']*)'", curls[1])
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        json_type = {"Content-Type": "application/json"}
        one = await client.post("/v1/extract", content=extract_body, headers=json_type)
        job = await client.post(
            "/v1/jobs", content=job_body, headers={**json_type, "Idempotency-Key": key}
        )
        await wait_finished(client, job.json()["id"])
        path = curls[2].split("localhost:8000", 1)[1].split()[0].replace("$JOB", job.json()["id"])
        results = await client.get(path)
    assert one.status_code == 200 and one.json()["doc_id"] == "idlib-1"
    assert job.status_code == 202
    assert sorted(json.loads(line)["doc_id"] for line in results.text.splitlines()) == ["a", "b"]


async def test_openapi_names_the_bearer_scheme_so_docs_can_send_a_token(
    tmp_path: Path, fault: FaultServer
) -> None:
    async with served(settings_for(tmp_path, fault.base_url, tokens=["t0ken"])) as (_app, client):
        spec = (await client.get("/openapi.json", headers={"Authorization": "Bearer t0ken"})).json()
    schemes = spec["components"]["securitySchemes"]
    ((name, scheme),) = schemes.items()
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    for path, method in [("/v1/extract", "post"), ("/v1/jobs", "post"), ("/v1/schema", "get")]:
        assert {name: []} in spec["paths"][path][method]["security"], (path, method)
    assert "security" not in spec["paths"]["/healthz"]["get"]
