"""`POST /v1/fuse` and `GET /v1/jobs/{id}/events` through httpx's ASGI transport."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import FaultPlan, FaultServer
from fuse_support import market_strike
from pydantic import SecretStr
from service_support import doc, served, settings_for, wait_finished

from extractor.fuse import Event
from extractor.models import ExtractionResult

TOKEN_A, TOKEN_B = "tok-alpha-5f1c9e0d7b", "tok-bravo-93ad04e21c"
A = {"Authorization": f"Bearer {TOKEN_A}"}
B = {"Authorization": f"Bearer {TOKEN_B}"}


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=60) as srv:
        yield srv


async def test_a_finished_jobs_events_and_fuse_over_job_ids(
    tmp_path: Path, fault: FaultServer
) -> None:
    settings = settings_for(
        tmp_path, fault.base_url, tokens=(SecretStr(TOKEN_A), SecretStr(TOKEN_B))
    )
    async with served(settings) as (_app, client):
        response = await client.post("/v1/jobs", json=[doc(i) for i in range(3)], headers=A)
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        await wait_finished(client, job_id, headers=A)
        results = await client.get(f"/v1/jobs/{job_id}/results", headers=A)
        events = await client.get(f"/v1/jobs/{job_id}/events", headers=A)
        fused = await client.post("/v1/fuse", json={"jobs": [job_id]}, headers=A)
        not_yours = await client.get(f"/v1/jobs/{job_id}/events", headers=B)
        not_yours_fuse = await client.post("/v1/fuse", json={"jobs": [job_id]}, headers=B)
        no_token = await client.get(f"/v1/jobs/{job_id}/events")
        spec = (await client.get("/openapi.json", headers=A)).json()
    assert events.status_code == 200, events.text
    parsed = [Event.model_validate(e) for e in events.json()]
    incidents = sum(
        len(ExtractionResult.model_validate_json(line).incidents)
        for line in results.text.splitlines()
    )
    assert incidents and sum(len(e.members) for e in parsed) == incidents
    assert fused.status_code == 200 and fused.json() == events.json()
    assert not_yours.status_code == 404 and not_yours_fuse.status_code == 404
    assert no_token.status_code == 401
    assert "post" in spec["paths"]["/v1/fuse"]
    ok = spec["paths"]["/v1/jobs/{job_id}/events"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"]["items"]["$ref"].endswith("/Event")


async def test_fuse_over_results_given_inline(tmp_path: Path, fault: FaultServer) -> None:
    body = {"results": [r.model_dump(mode="json") for r in market_strike()]}
    async with served(settings_for(tmp_path, fault.base_url)) as (_app, client):
        fused = await client.post("/v1/fuse", json=body)
        empty = await client.post("/v1/fuse", json={})
        unknown = await client.post("/v1/fuse", json={"jobs": ["0123456789abcdef"]})
    assert fused.status_code == 200, fused.text
    events = [Event.model_validate(e) for e in fused.json()]
    assert sorted(len(e.members) for e in events) == [1, 4]
    assert empty.status_code == 422 and "give job ids or results" in empty.json()["detail"]
    assert unknown.status_code == 404
