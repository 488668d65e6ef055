"""Shared helpers for the service tests: settings, an app per test, a client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from extractor.config import resolve_config, resolve_service_config
from extractor.service import ServiceSettings, create_app

UPSTREAM_KEY = "sk-upstream-never-shown-0123456789"


def settings_for(tmp_path: Path, base_url: str, **service: Any) -> ServiceSettings:
    """Service settings against a fault server; the upstream key is a marker to grep for."""
    service.setdefault("data_dir", str(tmp_path / "data"))
    return ServiceSettings(
        service=resolve_service_config(**service),
        extractor=resolve_config(
            provider="openai_compatible",
            base_url=base_url,
            model="fault-model",
            api_key=UPSTREAM_KEY,
            timeout_s=5.0,
            max_network_retries=0,
            max_validation_retries=0,
            retry_wait_max_s=0.01,
        ),
    )


@asynccontextmanager
async def served(settings: ServiceSettings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """A fresh app with its lifespan running, and a client over httpx's ASGI transport."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            yield app, client


def doc(i: int, **extra: Any) -> dict[str, Any]:
    text = (
        f"Report {i}. A fresh round of airstrikes killed at least {10 + i} civilians in the "
        "town of Raqqa on Thursday, the Syrian Observatory for Human Rights said."
    )
    return {"id": f"doc-{i:04d}", "text": text, "published": "2016-08-12", **extra}


async def wait_finished(
    client: httpx.AsyncClient, job_id: str, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Poll a job until it leaves queued/running (at most ~30 s)."""
    import asyncio

    for _ in range(600):
        response = await client.get(f"/v1/jobs/{job_id}", headers=headers)
        assert response.status_code == 200, response.text
        status = response.json()
        if status["status"] not in ("queued", "running"):
            return status  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {status}")
