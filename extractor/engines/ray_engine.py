"""The Ray engine: documents spread over a pool of Ray actors.

Each actor holds one `Extractor` (one model client with its own
concurrency, and its own handle on the result cache). The driver keeps the
batch runner and its store: it checks resume before dispatching, so
documents already done never reach an actor, and it alone writes
``results.jsonl`` and ``errors.jsonl``. An actor that dies (node lost,
``ray.kill``) is replaced and its documents in flight are sent again to a
live actor, so nothing is lost and nothing is written twice.

Point it at a cluster with ``address`` (``ray://head:10001`` or ``auto``);
the package must be installed on the workers (or shipped with a Ray runtime
environment). Actors reach the model at the configured ``base_url``: for a
fleet of vLLM servers, put them behind one load balancer URL, or give each
actor its own through ``base_urls``.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from extractor.batch import BatchSummary, Document, InputFailure, run_batch
from extractor.config import ExtractorConfig
from extractor.errors import ConfigurationError, ProviderError
from extractor.models import ExtractionResult
from extractor.templates import default_prompts

__all__ = ["RayExtractorPool", "run_ray"]

log = logging.getLogger(__name__)

try:
    import ray
    from ray.exceptions import RayActorError, RayTaskError
except ImportError:  # pragma: no cover - exercised where the extra is absent
    ray = None


def _require_ray() -> Any:
    if ray is None:
        raise ConfigurationError("--engine ray needs Ray: pip install 'conflict-extractor[ray]'")
    return ray


class _ExtractorActor:
    """One Extractor in a Ray worker process."""

    def __init__(self, config: ExtractorConfig, cache_path: str | None) -> None:
        from extractor.cache import SQLiteCache
        from extractor.pipeline import Extractor

        cache = SQLiteCache(Path(cache_path)) if cache_path else None
        self.extractor = Extractor(config, cache=cache)

    def ready(self) -> str:
        return self.extractor.prompt_version

    async def aextract(self, text: str, options: dict[str, Any]) -> ExtractionResult:
        return await self.extractor.aextract(text, **options)


class RayExtractorPool:
    """What the batch runner needs of an extractor, served by Ray actors."""

    def __init__(
        self,
        config: ExtractorConfig,
        *,
        actors: int = 2,
        concurrency: int = 8,
        cache_path: str | None = None,
        base_urls: Sequence[str] = (),
        actor_options: dict[str, Any] | None = None,
        max_dispatches: int = 3,
    ) -> None:
        _require_ray()
        if actors < 1:
            raise ConfigurationError(f"the ray engine needs at least one actor, got {actors}")
        self.config = config
        self.concurrency = concurrency
        self.cache_path = cache_path
        self.base_urls = list(base_urls)
        self.max_dispatches = max_dispatches
        self.prompt_version = default_prompts().version
        self.model_name = config.resolved_model
        self.provider_name = config.provider
        options = {"num_cpus": 1, "max_restarts": 0, **(actor_options or {})}
        self._cls = ray.remote(_ExtractorActor).options(max_concurrency=concurrency, **options)
        self._serial = itertools.count()
        self.actors: list[Any] = [self._spawn(i) for i in range(actors)]
        self._load = [0] * actors
        self.replaced = 0

    def _spawn(self, slot: int) -> Any:
        config = self.config
        if self.base_urls:
            config = replace(config, base_url=self.base_urls[slot % len(self.base_urls)])
        return self._cls.remote(config, self.cache_path)

    async def start(self) -> None:
        versions = await asyncio.gather(*(a.ready.remote() for a in self.actors))
        if any(v != self.prompt_version for v in versions):
            raise ConfigurationError(
                "the Ray workers load other prompt templates than the driver "
                f"({sorted(set(versions))} vs {self.prompt_version}): install the same version"
            )

    def _pick(self) -> int:
        return min(range(len(self.actors)), key=lambda i: (self._load[i], i))

    def _replace(self, slot: int, dead: Any) -> None:
        if self.actors[slot] is dead:  # only once, however many calls saw it die
            log.warning("ray actor %d died; starting a replacement", slot)
            self.actors[slot] = self._spawn(slot)
            self.replaced += 1

    async def aextract(self, text: str, **options: Any) -> ExtractionResult:
        last: BaseException | None = None
        for _ in range(self.max_dispatches):
            slot = self._pick()
            actor = self.actors[slot]
            self._load[slot] += 1
            try:
                return await actor.aextract.remote(text, options)  # type: ignore[no-any-return]
            except RayActorError as e:  # the actor died with this document in flight
                last = e
                self._replace(slot, actor)
            except RayTaskError as e:  # the extractor raised: the original error
                raise e.cause from None
            finally:
                self._load[slot] -= 1
        raise ProviderError(
            f"document lost its Ray actor {self.max_dispatches} times: {last}"
        ) from last

    def shutdown(self) -> None:
        for actor in self.actors:
            ray.kill(actor)


async def run_ray(
    config: ExtractorConfig,
    documents: Iterable[Document | InputFailure],
    out_dir: str | Path,
    *,
    address: str | None = None,
    actors: int = 2,
    concurrency: int = 8,
    cache_path: str | None = None,
    base_urls: Sequence[str] = (),
    pool_hook: Any = None,
    **batch: Any,
) -> BatchSummary:
    """Extract ``documents`` into ``out_dir`` on Ray actors.

    ``concurrency`` is per actor; the runner keeps ``actors * concurrency``
    documents in flight. Ray is started locally unless ``address`` names a
    cluster or Ray is already initialised.
    """
    _require_ray()
    started_here = False
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
        started_here = True
    try:
        pool = RayExtractorPool(
            config,
            actors=actors,
            concurrency=concurrency,
            cache_path=cache_path,
            base_urls=base_urls,
        )
        try:
            await pool.start()
            if pool_hook is not None:
                pool_hook(pool)
            info = dict(batch.pop("run_info", None) or {})
            info["engine"] = {
                "name": "ray",
                "actors": actors,
                "per_actor": concurrency,
                "address": address,
            }
            return await run_batch(
                documents,
                pool,
                out_dir,
                concurrency=actors * concurrency,
                run_info=info,
                **batch,
            )
        finally:
            pool.shutdown()
    finally:
        if started_here:
            ray.shutdown()
