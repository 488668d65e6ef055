"""Bearer tokens: every endpoint but /healthz refused without one; jobs private to a token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import FaultPlan, FaultServer
from pydantic import SecretStr
from service_support import UPSTREAM_KEY, doc, served, settings_for, wait_finished

TOKEN_A = "tok-alpha-5f1c9e0d7b"
TOKEN_B = "tok-bravo-93ad04e21c"
A = {"Authorization": f"Bearer {TOKEN_A}"}
B = {"Authorization": f"Bearer {TOKEN_B}"}


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=60) as srv:
        yield srv


def secured(tmp_path: Path, base_url: str):  # type: ignore[no-untyped-def]
    return settings_for(tmp_path, base_url, tokens=(SecretStr(TOKEN_A), SecretStr(TOKEN_B)))


async def test_no_endpoint_but_healthz_answers_without_a_token(
    tmp_path: Path, fault: FaultServer
) -> None:
    async with served(secured(tmp_path, fault.base_url)) as (_app, client):
        spec = (await client.get("/openapi.json", headers=A)).json()
        calls = [
            (method, path.replace("{job_id}", "0123456789abcdef"))
            for path, ops in spec["paths"].items()
            for method in ops
        ]
        calls += [("get", "/openapi.json"), ("get", "/docs")]
        for method, path in calls:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN_A}):
                response = await client.request(method, path, headers=headers)
                if path == "/healthz":
                    assert response.status_code == 200
                else:
                    assert response.status_code == 401, (method, path, headers)
                    assert response.headers["www-authenticate"] == "Bearer"
                    assert TOKEN_A not in response.text
        assert (await client.get("/readyz", headers=A)).status_code in (200, 503)
        assert (await client.get("/docs", headers=B)).status_code == 200
    assert fault.stats["requests"] == 0


async def test_a_job_is_visible_only_to_its_token_and_no_secret_is_kept(
    tmp_path: Path, fault: FaultServer
) -> None:
    settings = secured(tmp_path, fault.base_url)
    async with served(settings) as (_app, client):
        response = await client.post("/v1/jobs", json=[doc(1), doc(2)], headers=A)
        assert response.status_code == 202
        job_id = response.json()["id"]
        await wait_finished(client, job_id, A)
        for method, suffix in [
            ("get", ""),
            ("get", "/results"),
            ("get", "/errors"),
            ("delete", ""),
        ]:
            other = await client.request(method, f"/v1/jobs/{job_id}{suffix}", headers=B)
            assert other.status_code == 404, (method, suffix)
            assert other.json()["detail"] == (
                await client.get("/v1/jobs/ffffffffffffffff", headers=B)
            ).json()["detail"].replace("ffffffffffffffff", job_id)
        assert (await client.get("/v1/jobs", headers=B)).json() == []
        assert [j["id"] for j in (await client.get("/v1/jobs", headers=A)).json()] == [job_id]
        assert (await client.get(f"/v1/jobs/{job_id}/results", headers=A)).text.count("\n") == 2
        # The same Idempotency-Key from another token is another job.
        key = {"Idempotency-Key": "same"}
        mine = await client.post("/v1/jobs", json=[doc(3)], headers={**A, **key})
        theirs = await client.post("/v1/jobs", json=[doc(3)], headers={**B, **key})
        assert mine.json()["id"] != theirs.json()["id"]
        await wait_finished(client, mine.json()["id"], A)
        await wait_finished(client, theirs.json()["id"], B)
        metrics = (await client.get("/metrics", headers=A)).text
    stored = b"".join(
        p.read_bytes() for p in Path(settings.service.data_dir).rglob("*") if p.is_file()
    )
    for secret in (TOKEN_A, TOKEN_B, UPSTREAM_KEY):
        assert secret.encode() not in stored
        assert secret not in metrics
