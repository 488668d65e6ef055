"""The app factory: `create_app(settings)` builds one self-contained service.

Everything an app holds (model pool, job manager, metrics registry) lives on
``app.state`` and starts in its lifespan, so tests build an app per test.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from extractor.config import ExtractorConfig, ServiceConfig, resolve_config, resolve_service_config
from extractor.errors import ConfigurationError
from extractor.pipeline import __version__
from extractor.service.auth import TokenChecker
from extractor.service.engine import ModelPool
from extractor.service.jobs import JobManager
from extractor.service.limits import BodyLimitMiddleware
from extractor.service.metrics import MetricsMiddleware, ServiceMetrics
from extractor.service.routes import extract, jobs, meta, review
from extractor.service.schemas import ErrorBody, ErrorLine, Problem
from extractor.service.validation import RequestProblems, describe

try:
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = ["ServiceSettings", "create_app"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceSettings:
    """The service's own settings and the extractor configuration it serves."""

    service: ServiceConfig = field(default_factory=resolve_service_config)
    extractor: ExtractorConfig = field(default_factory=resolve_config)


def _lock_data_dir(data_dir: Path) -> int | None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigurationError(f"cannot create the data folder {data_dir}: {e}") from e
    if fcntl is None:  # pragma: no cover
        return None
    fd = os.open(data_dir / ".service.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        raise ConfigurationError(
            f"another service is using the data folder {data_dir}; stop it or use another --data"
        ) from e
    return fd


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: ServiceSettings = app.state.settings
    data_dir = Path(settings.service.data_dir)
    lock = _lock_data_dir(data_dir)
    pool = ModelPool(
        settings.extractor,
        settings.service,
        str(data_dir / "cache.sqlite3") if settings.service.cache else None,
    )
    manager = JobManager(data_dir, pool, on_document=app.state.metrics.document)
    app.state.pool, app.state.jobs = pool, manager
    try:
        manager.load()
        pool.start_default()
        resumed = manager.resume_unfinished()
        if resumed:
            log.info("resumed %d unfinished job(s)", resumed)
        yield
    finally:
        await manager.shutdown()
        await pool.aclose()
        if lock is not None:
            os.close(lock)


def _error(
    status: int, detail: str, problems: list[Problem] | None = None, **kw: Any
) -> JSONResponse:
    body = ErrorBody(detail=detail, problems=problems or [])
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status, **kw)


def _validation_problems(exc: RequestValidationError) -> list[Problem]:
    body = exc.body if isinstance(exc.body, dict) else {}
    doc_id = body.get("id") if isinstance(body.get("id"), str) else None
    problems = []
    for item in exc.errors():
        loc = list(item.get("loc", ()))
        if item.get("type") == "json_invalid":
            reason = (item.get("ctx") or {}).get("error", "invalid JSON")
            where = f" at position {loc[1]}" if len(loc) > 1 else ""
            problems.append(Problem(message=f"body is not valid JSON: {reason}{where}"))
            continue
        if loc and loc[0] == "body":
            loc = loc[1:]
        elif loc:  # a query or header parameter
            loc = [f"{loc[0]} parameter", *loc[1:]]
        message = str(item.get("msg", "invalid")).removeprefix("Value error, ")
        if item.get("type") == "extra_forbidden":
            message = "unknown field"
        elif item.get("type") == "missing":
            message = "missing"
        field = ".".join(str(x) for x in loc) or None
        problems.append(Problem(id=doc_id, field=field, message=message))
    return problems


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestProblems)
    async def _problems(request: Request, exc: RequestProblems) -> JSONResponse:
        return _error(exc.status_code, describe(exc.problems), exc.problems)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = _validation_problems(exc)
        return _error(422, describe(problems), problems)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, f"internal error ({type(exc).__name__})")


def _describe_error_lines(app: FastAPI) -> None:
    """Add `ErrorLine` (the errors.jsonl format, streamed by /errors) to the components."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault("ErrorLine", ErrorLine.model_json_schema())
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """A new app; its model, jobs and metrics start with the app's lifespan."""
    settings = settings or ServiceSettings()
    app = FastAPI(
        title="conflict-extractor",
        version=__version__,
        description="Source-grounded extraction of incidents and statements from conflict news.",
        openapi_url=None,  # served by the meta router, behind the token like the rest
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.service = settings.service
    app.state.tokens = TokenChecker(settings.service.tokens)
    app.state.metrics = metrics = ServiceMetrics()
    metrics.watch(
        lambda: app.state.jobs.by_status() if hasattr(app.state, "jobs") else {},
        lambda: getattr(app.state, "pool", None),
    )
    app.include_router(extract.router)
    app.include_router(jobs.router)
    app.include_router(meta.open_router)
    app.include_router(meta.router)
    app.include_router(review.router)
    _install_handlers(app)
    _describe_error_lines(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.service.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app
