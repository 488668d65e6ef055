"""The extraction pipeline: text in, grounded ExtractionResult out.

clean the page -> the configured strategy (`extractor.strategies`: one
structured call per chunk, staged choices, or rules alone) turns it into
grounded, normalised records -> result with provenance.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from .config import ExtractorConfig, resolve_config
from .digest import text_sha256
from .doc_cache import CachedDocument, DocumentCache, document_key, entry, entry_calls, rebuild
from .errors import ConfigurationError, InputError, ProviderError
from .grounding import clean_for_prompt
from .llm import ResultCache, StructuredClient
from .local_server import LocalServer, ServerKeeper
from .models import DatePrecision, DateSpec, ExtractionResult, ExtractionWarning, Provenance
from .normalise import detect_language, detect_published
from .plan import _dedupe
from .strategies import make_strategy, prompt_version
from .templates import PromptSet, default_prompts
from .version import __version__

log = logging.getLogger(__name__)


def published_spec(
    published: dt.date | str | None, text: str, *, language: str | None = None
) -> DateSpec | None:
    """Publication date from metadata when given, else detected in the page itself.

    ``language`` is the document's (`detect_language`, run here when not given); it
    reads the page's own date.
    """
    if published is None or published == "":
        return detect_published(text, language=language or detect_language(text))
    if isinstance(published, dt.datetime):
        day = published.date()
    elif isinstance(published, dt.date):
        day = published
    else:
        try:
            day = dt.date.fromisoformat(published[:10])
        except ValueError:
            import dateparser  # slow import: only for a date that is not ISO

            parsed = dateparser.parse(published, settings={"DATE_ORDER": "DMY"})
            if parsed is None:
                raise InputError(f"unreadable publication date {published!r}") from None
            day = parsed.date()
    return DateSpec(
        text=str(published), start=day, end=day, precision=DatePrecision.day, source="metadata"
    )


class Extractor:
    """Holds one model client (and the embedded server, for provider local).

    Use as an async context manager; `aextract` may be called concurrently.
    """

    def __init__(
        self,
        config: ExtractorConfig | None = None,
        *,
        cache: ResultCache | None = None,
        prompts: PromptSet | None = None,
    ) -> None:
        self.config = config or resolve_config()
        self.cache = cache
        self._doc_cache = cache if isinstance(cache, DocumentCache) else None
        self.prompts = prompts or default_prompts()
        self.strategy = make_strategy(self.config, self.prompts)
        self._server: LocalServer | None = None
        self._client: StructuredClient | None = None
        self._started = False
        self._in_flight: int | None = None
        self._keeper: ServerKeeper | None = None

    @property
    def prompt_version(self) -> str:
        return prompt_version(self.strategy.name, self.prompts)

    @property
    def model_name(self) -> str:
        return self.config.resolved_model if self.strategy.needs_model else "none"

    @property
    def provider_name(self) -> str:
        return self.config.provider

    @property
    def endpoint_url(self) -> str | None:
        """Base URL of the model endpoint once started (the embedded server's, for local)."""
        if self._server is not None and self._server.port is not None:
            return self._server.base_url
        return self.config.base_url

    async def __aenter__(self) -> Extractor:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def start(self) -> None:
        if self._started:
            return
        if not self.strategy.needs_model:
            self._started = True  # `rules`: no server, no client
            return
        base_url = self.config.base_url
        if self.config.provider == "local" and not base_url:
            self._server = LocalServer(
                self.model_name,
                model_path=self.config.local_model_path,
                n_ctx=self.config.local_n_ctx,
                startup_timeout_s=self.config.local_startup_timeout_s,
            )
            try:
                self._server.launch()
                await asyncio.to_thread(self._server.wait_healthy)
                base_url = self._server.base_url
                self._keeper = ServerKeeper(self._server)
            except BaseException:
                self._server.stop()
                raise
        key = self.config.api_key.get_secret_value() if self.config.api_key else None
        self._client = StructuredClient(
            self.config, base_url=base_url, api_key=key, cache=self.cache
        )
        self._client.limit_in_flight(self._in_flight)
        self._started = True

    def limit_requests(self, n: int | None) -> None:
        """At most ``n`` model requests in flight at once, over all documents (None: no limit).

        The batch runner sets it to its concurrency for the length of a run
        (and lifts it after) and works on a few more documents than that, so
        that a document's post-processing never leaves a request slot idle;
        two batches run at once on one extractor would share one limit.
        """
        self._in_flight = n
        if self._client is not None:
            self._client.limit_in_flight(n)

    async def aclose(self) -> None:
        self._started = False
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._server is not None:
            self._server.stop()
            self._server = None
            self._keeper = None

    async def aextract(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        doc_id: str | None = None,
        source: str | None = None,
        metadata: Mapping[str, str] | None = None,
        title: str | None = None,
    ) -> ExtractionResult:
        """Extract incidents and statements from one document."""
        args = (text, published, doc_id, source, metadata, title)
        done = await self._extract(*args, use_cache=True)
        if isinstance(done, ExtractionResult):
            return done
        try:
            return ExtractionResult.model_validate_json(done.line)
        except ValidationError as e:  # a stored result this code cannot read: redo it
            log.warning("result cache: ignoring an unreadable document entry: %s", e)
            return await self._extract(*args, use_cache=False)  # type: ignore[return-value]

    async def aextract_line(
        self,
        text: str,
        *,
        published: dt.date | str | None = None,
        doc_id: str | None = None,
        source: str | None = None,
        metadata: Mapping[str, str] | None = None,
        title: str | None = None,
    ) -> tuple[Provenance, str]:
        """`aextract` for a writer of JSONL: the result as its JSON line (no newline).

        A result served by the document cache is not parsed again.
        """
        done = await self._extract(text, published, doc_id, source, metadata, title, use_cache=True)
        if isinstance(done, ExtractionResult):
            return done.provenance, done.model_dump_json()
        return done.provenance, done.line

    async def _extract(
        self,
        text: str,
        published: dt.date | str | None,
        doc_id: str | None,
        source: str | None,
        metadata: Mapping[str, str] | None,
        title: str | None,
        *,
        use_cache: bool,
    ) -> ExtractionResult | CachedDocument:
        if not text or not text.strip():
            raise InputError("empty document", path=source or doc_id)
        if not self._started:
            await self.start()
        began = time.perf_counter()
        digest = text_sha256(text)
        doc_cache = self._doc_cache
        key = None
        if doc_cache is not None:
            key = document_key(
                self.config,
                strategy=self.strategy.name,
                prompt_version=self.prompt_version,
                model=self.model_name,
                text_sha256=digest,
                published=published,
                title=title,
            )
            hit = doc_cache.get_document(key) if use_cache else None
            if hit is not None:
                cached = rebuild(
                    hit[1],
                    hit[0],
                    text_sha256=digest,
                    doc_id=doc_id or digest[:16],
                    source=source or doc_id or "<text>",
                    metadata=metadata,
                    provider=self.provider_name,
                    extractor_version=__version__,
                    latency_s=round(time.perf_counter() - began, 3),
                )
                if cached is not None:
                    return cached
        cleaned = clean_for_prompt(text)
        language = detect_language(cleaned.text)
        pub = published_spec(published, text, language=language)
        pub_day = pub.start if pub else None
        generation = self._keeper.generation if self._keeper is not None else 0
        try:
            done = await self.strategy.run(
                text, cleaned, pub_day, client=self._client, title=title, language=language
            )
        except ProviderError:
            if self._keeper is not None:  # a failed document: the next one has a server
                await self._keeper.revive(generation)
            raise
        stats, choices, records = done.calls, done.choices, done.records
        warnings = list(records.warnings)
        said = await self._keeper.revive(generation) if self._keeper is not None else None
        if said is not None:
            warnings.append(ExtractionWarning(code=said[0], message=said[1]))
        if stats.truncated:
            warnings.append(
                ExtractionWarning(
                    code="output_truncated",
                    message=f"{stats.truncated} answer(s) hit max_tokens; records after the cut are lost",
                )
            )
        provenance = Provenance(
            provider=self.provider_name,
            model=self.model_name,
            prompt_version=self.prompt_version,
            extractor_version=__version__,
            usage=stats.usage,
            attempts=stats.attempts,
            network_retries=stats.network_retries,
            validation_retries=stats.validation_retries,
            cached_calls=stats.cached_calls,
            truncated_calls=stats.truncated,
            chunks=done.chunks,
            strategy=self.strategy.name,
            model_choices=choices.model,
            rule_choices=choices.rule,
            rule_fallbacks=choices.fallbacks,
            latency_s=round(time.perf_counter() - began, 3),
            created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
        result = ExtractionResult(
            doc_id=doc_id or digest[:16],
            source=source or doc_id or "<text>",
            text_sha256=digest,
            language=language,
            published=pub,
            title=title,
            metadata=dict(metadata or {}),
            incidents=records.incidents,
            statements=records.statements,
            warnings=warnings if done.chunks == 1 else _dedupe(warnings),
            provenance=provenance,
        )
        if doc_cache is not None and key is not None and said is None:
            doc_cache.set_document(key, entry_calls(provenance), entry(result))
        return result


def _config(
    config: ExtractorConfig | None, model: str | None, settings: dict[str, Any]
) -> ExtractorConfig:
    if config is not None:
        if model is not None or settings:
            raise ConfigurationError("pass either config= or individual settings, not both")
        return config
    return resolve_config(model=model, **settings)


async def aextract(
    text: str,
    *,
    published: dt.date | str | None = None,
    model: str | None = None,
    config: ExtractorConfig | None = None,
    **settings: Any,
) -> ExtractionResult:
    """Extract one document (starts and stops the model client around it)."""
    async with Extractor(_config(config, model, settings)) as extractor:
        return await extractor.aextract(text, published=published)


def _run_sync(coro: Any) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    coro.close()
    raise ConfigurationError(
        "extract() was called inside a running event loop (a notebook or async code): "
        "use `await aextract(...)` there"
    )


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    model: str | None = None,
    config: ExtractorConfig | None = None,
    **settings: Any,
) -> ExtractionResult:
    """Extract incidents and statements from one article.

    `model` and `settings` (provider, base_url, api_key, ...) override the
    `EXTRACTOR_*` environment; or pass a ready `config`.
    """
    return _run_sync(  # type: ignore[no-any-return]
        aextract(text, published=published, model=model, config=config, **settings)
    )


async def aextract_many(
    texts: Iterable[str],
    *,
    concurrency: int = 4,
    model: str | None = None,
    config: ExtractorConfig | None = None,
    return_exceptions: bool = False,
    **settings: Any,
) -> list[ExtractionResult | BaseException]:
    """Extract several texts with one client, `concurrency` calls in flight."""
    gate = asyncio.Semaphore(concurrency)
    async with Extractor(_config(config, model, settings)) as extractor:

        async def one(text: str) -> ExtractionResult:
            async with gate:
                return await extractor.aextract(text)

        return await asyncio.gather(*(one(t) for t in texts), return_exceptions=return_exceptions)


def extract_many(
    texts: Iterable[str],
    *,
    concurrency: int = 4,
    model: str | None = None,
    config: ExtractorConfig | None = None,
    return_exceptions: bool = False,
    **settings: Any,
) -> list[ExtractionResult | BaseException]:
    """Synchronous twin of `aextract_many`; results come back in input order."""
    return _run_sync(  # type: ignore[no-any-return]
        aextract_many(
            list(texts),
            concurrency=concurrency,
            model=model,
            config=config,
            return_exceptions=return_exceptions,
            **settings,
        )
    )
