"""``/review/jobs/{id}`` under the service: a job's results, its owner's token only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import FaultPlan, FaultServer
from pydantic import SecretStr
from service_support import doc, served, settings_for, wait_finished

from extractor.models import GoldAnnotation

A = {"Authorization": "Bearer tok-review-a-1"}
B = {"Authorization": "Bearer tok-review-b-2"}


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=60) as srv:
        yield srv


async def test_a_job_is_reviewed_by_its_owner_and_the_review_lands_in_its_run(
    tmp_path: Path, fault: FaultServer
) -> None:
    tokens = (SecretStr("tok-review-a-1"), SecretStr("tok-review-b-2"))
    settings = settings_for(tmp_path, fault.base_url, tokens=tokens)
    async with served(settings) as (_app, client):
        job = (await client.post("/v1/jobs", json=[doc(1), doc(2)], headers=A)).json()
        await wait_finished(client, job["id"], A)
        base = f"/review/jobs/{job['id']}"
        assert (await client.get(f"{base}/api/documents")).status_code == 401
        assert (await client.get(f"{base}/api/documents", headers=B)).status_code == 404
        listing = await client.get(f"{base}/api/documents", headers=A)
        assert listing.status_code == 200
        ids = [d["doc_id"] for d in listing.json()["documents"]]
        assert ids == ["doc-0001", "doc-0002"]
        page = await client.get(f"{base}/", headers=A)
        assert page.status_code == 200 and f'data-base="{base}"' in page.text
        one = (await client.get(f"{base}/api/documents/doc-0001", headers=A)).json()
        assert one["text"] == doc(1)["text"], "the text comes from the job's input"
        state = one["state"]
        for inc in state["incidents"]:
            state["decisions"][inc["id"]] = "accepted"
        saved = await client.put(
            f"{base}/api/documents/doc-0001",
            json=state,
            headers={**A, "X-Extractor-Review": "1"},
        )
        assert saved.status_code == 200, saved.text
    gold_file = tmp_path / "data" / "jobs" / job["id"] / "run" / "reviewed" / "doc-0001.json"
    gold = GoldAnnotation.model_validate_json(gold_file.read_bytes())
    assert [i.id for i in gold.incidents] == [i["id"] for i in state["incidents"]]
