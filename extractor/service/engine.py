"""The model side of the service: one `Extractor` per allowed model, one gate for all.

Every extraction, from `/v1/extract` or from a job, passes one service-wide
semaphore, so at most ``max_model_calls`` documents are with the model at
once; the rest wait in line (first come, first served), never dropped.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from typing import Any

import httpx

from extractor.cache import NullCache, SQLiteCache
from extractor.config import ExtractorConfig, ServiceConfig
from extractor.errors import ConfigurationError
from extractor.models import ExtractionResult
from extractor.pipeline import Extractor

__all__ = ["GatedExtractor", "ModelPool"]

log = logging.getLogger(__name__)


class GatedExtractor:
    """An extractor whose calls pass the pool's gate (the batch runner's `SupportsAextract`)."""

    def __init__(self, inner: Extractor, pool: ModelPool) -> None:
        self._inner = inner
        self._pool = pool
        self.prompt_version = inner.prompt_version
        self.model_name = inner.model_name
        self.provider_name = inner.provider_name

    async def aextract(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        doc_id: str | None = None,
        source: str | None = None,
        metadata: dict[str, str] | None = None,
        title: str | None = None,
    ) -> ExtractionResult:
        pool = self._pool
        pool.waiting += 1
        try:
            await pool.gate.acquire()
        finally:
            pool.waiting -= 1
        pool.in_flight += 1
        try:
            return await self._inner.aextract(
                text,
                published=published,
                doc_id=doc_id,
                source=source,
                metadata=metadata,
                title=title,
            )
        finally:
            pool.in_flight -= 1
            pool.gate.release()


class ModelPool:
    """Extractors by (model, strategy), started on first use, sharing a cache and a gate."""

    def __init__(self, config: ExtractorConfig, service: ServiceConfig, cache_path: str | None):
        self.config = config
        self.default_model = config.resolved_model
        self.models = tuple(dict.fromkeys((self.default_model, *service.models)))
        self.strategies = tuple(service.strategies)
        embedded = config.provider == "local" and not config.base_url
        self.limit = service.max_model_calls or (1 if embedded else 8)
        self.gate = asyncio.Semaphore(self.limit)
        self.waiting = 0
        self.in_flight = 0
        self.cache: SQLiteCache | NullCache = SQLiteCache(cache_path) if cache_path else NullCache()
        self._extractors: dict[tuple[str, str | None], GatedExtractor] = {}
        self._starting: dict[tuple[str, str | None], asyncio.Task[GatedExtractor]] = {}

    def check_choice(self, model: str | None, strategy: str | None) -> str | None:
        """A message when the request asks for a model or strategy this server does not allow."""
        if model is not None and model not in self.models:
            return f"model {model!r} is not served here: use one of {', '.join(self.models)}"
        if strategy is not None and strategy not in self.strategies:
            allowed = ", ".join(self.strategies) or "none (the server's default only)"
            return f"strategy {strategy!r} is not allowed here: allowed are {allowed}"
        return None

    def _config_for(self, model: str, strategy: str | None) -> ExtractorConfig:
        changes: dict[str, Any] = {"model": model}
        if strategy is not None:
            if "strategy" not in {f.name for f in dataclasses.fields(self.config)}:
                raise ConfigurationError("this build has no extraction strategies to choose from")
            changes["strategy"] = strategy
        return dataclasses.replace(self.config, **changes)

    async def _start(self, key: tuple[str, str | None]) -> GatedExtractor:
        extractor = Extractor(self._config_for(*key), cache=self.cache)
        await extractor.start()
        gated = GatedExtractor(extractor, self)
        self._extractors[key] = gated
        return gated

    async def get(self, model: str | None = None, strategy: str | None = None) -> GatedExtractor:
        """The started extractor for a model (the default when None)."""
        key = (model or self.default_model, strategy)
        if key in self._extractors:
            return self._extractors[key]
        task = self._starting.get(key)
        if task is None or (task.done() and task.exception() is not None):
            task = asyncio.create_task(self._start(key), name=f"start-model-{key[0]}")
            self._starting[key] = task
        return await asyncio.shield(task)

    async def ready(self) -> tuple[bool, str]:
        """Whether the default model's endpoint answers, and what was seen."""
        key = (self.default_model, None)
        task = self._starting.get(key)
        if key not in self._extractors:
            if task is None:
                return False, "model not started"
            if not task.done():
                return False, "model starting"
            exc = task.exception()
            return False, f"model failed to start: {exc}"
        inner = self._extractors[key]._inner
        url = inner.endpoint_url
        if not url:
            return True, "ok"
        headers = {}
        if self.config.api_key is not None:
            headers["Authorization"] = f"Bearer {self.config.api_key.get_secret_value()}"
        try:
            async with httpx.AsyncClient(timeout=3.0) as client:
                response = await client.get(f"{url.rstrip('/')}/models", headers=headers)
        except httpx.HTTPError as e:
            return False, f"model endpoint unreachable: {type(e).__name__}"
        if response.status_code != 200:
            return False, f"model endpoint answered HTTP {response.status_code}"
        return True, "ok"

    def start_default(self) -> None:
        """Start the default model in the background (the embedded server takes seconds)."""
        task = asyncio.create_task(self.get(), name="start-default-model")
        task.add_done_callback(_log_start_failure)

    async def aclose(self) -> None:
        for task in self._starting.values():
            if not task.done():
                task.cancel()
        await asyncio.gather(*self._starting.values(), return_exceptions=True)
        for gated in self._extractors.values():
            await gated._inner.aclose()
        self._extractors.clear()
        self._starting.clear()
        self.cache.close()


def _log_start_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the model could not start: %s", task.exception())
