"""Prometheus metrics of one app (its own registry, so an app per test is clean).

Requests are labelled by route template (``/v1/jobs/{job_id}``), never by
the raw path, so job ids do not blow up the label set; no label ever holds a
header, a token or a document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from extractor.service.schemas import JobState

__all__ = ["CONTENT_TYPE", "MetricsMiddleware", "ServiceMetrics"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

ASGIApp = Callable[..., Any]


class _LiveCollector(Collector):
    """Gauges read at scrape time: jobs by status, model calls in flight and queued."""

    def __init__(self, jobs_by_status: Callable[[], dict[str, int]], gate: Callable[[], Any]):
        self._jobs = jobs_by_status
        self._gate = gate

    def collect(self) -> Iterable[Metric]:
        jobs = GaugeMetricFamily("extractor_jobs", "Jobs by status.", labels=["status"])
        counts = self._jobs()
        for state in JobState:
            jobs.add_metric([state.value], counts.get(state.value, 0))
        yield jobs
        pool = self._gate()
        if pool is not None:
            yield GaugeMetricFamily(
                "extractor_model_calls_in_flight", "Documents with the model now.", pool.in_flight
            )
            yield GaugeMetricFamily(
                "extractor_model_calls_waiting", "Documents queued for the model.", pool.waiting
            )
            yield GaugeMetricFamily(
                "extractor_model_calls_limit", "Service-wide cap on model calls.", pool.limit
            )


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "extractor_http_requests",
            "HTTP requests by route, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "extractor_http_request_duration_seconds",
            "HTTP request latency by route.",
            ["route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=self.registry,
        )
        self.documents = Counter(
            "extractor_documents",
            "Documents extracted (outcome ok) or failed, from /v1/extract and jobs.",
            ["outcome"],
            registry=self.registry,
        )
        self.tokens = Counter(
            "extractor_tokens",
            "Model tokens spent (prompt plus completion).",
            registry=self.registry,
        )

    def watch(self, jobs_by_status: Callable[[], dict[str, int]], pool: Callable[[], Any]) -> None:
        self.registry.register(_LiveCollector(jobs_by_status, pool))

    def document(self, outcome: str, tokens: int) -> None:
        self.documents.labels("ok" if outcome == "ok" else "failed").inc()
        if tokens:
            self.tokens.inc(tokens)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Pure ASGI: counts and times every HTTP request by its route template."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        began = time.perf_counter()

        async def sending(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            name = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(name, scope.get("method", ""), str(status)).inc()
            self.metrics.latency.labels(name).observe(time.perf_counter() - began)
