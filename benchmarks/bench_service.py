"""Service overhead benchmark: `/v1/extract` under 50 concurrent clients.

    python benchmarks/bench_service.py [--clients 50] [--requests 10] [--latency 0.2]

A stub OpenAI-compatible server (tests/fault_server.py, in a subprocess)
answers every request with a valid result after a fixed latency. The same
documents go through the real pipeline two ways, in ``rounds`` rounds that
alternate (so a busy machine weighs on both alike):

1. in this process through the library (`Extractor.aextract`), ``clients``
   concurrent callers each making ``requests`` calls in turn;
2. through `extractor serve` (uvicorn, in a subprocess, no cache), ``clients``
   concurrent HTTP clients each posting ``requests`` documents to /v1/extract.

The last line is exactly ``service_p50_ms=<P50> service_p99_ms=<P99>
library_p50_ms=<L50> overhead_p50_ms=<O> errors=<E>``; O is the median over
rounds of the service p50 minus the library p50 of the same round. Target:
O < 10 ms, E = 0 (on a machine with cores to spare: the service adds a
process and an HTTP client that compete for CPU with the pipeline).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from bench_client import stub_server
from full_drafts import seed_drafts

from extractor.config import resolve_config
from extractor.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]


def text_for(i: int) -> str:
    """A seed article under its own first line (the stub answers it with the seed's draft)."""
    seeds = seed_drafts()
    return f"Report {i}.\n\n{seeds[i % len(seeds)][1]}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def closed_loop(
    clients: int, requests: int, call: Callable[[int], Awaitable[bool]]
) -> tuple[list[float], int]:
    """``clients`` workers, each making ``requests`` calls one after another."""
    latencies: list[float] = []
    errors = 0

    async def worker(w: int) -> None:
        nonlocal errors
        for r in range(requests):
            t0 = time.perf_counter()
            ok = await call(w * requests + r)
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    await asyncio.gather(*(worker(w) for w in range(clients)))
    return latencies, errors


class Library:
    """The same calls in this process, through one `Extractor`."""

    def __init__(self, base_url: str) -> None:
        self.config = resolve_config(
            provider="openai_compatible", base_url=base_url, model="stub-model", api_key="dummy"
        )

    async def round(self, clients: int, requests: int, warm: bool) -> tuple[list[float], int]:
        async with Extractor(self.config) as extractor:

            async def call(i: int) -> bool:
                try:
                    await extractor.aextract(text_for(i), published="2016-08-12", doc_id=f"d{i}")
                except Exception:
                    return False
                return True

            if warm:
                await closed_loop(clients, 2, call)
            return await closed_loop(clients, requests, call)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(base_url: str, data: Path, clients: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    env["EXTRACTOR_API_KEY"] = "dummy"
    cmd = [
        sys.executable, "-c", "from extractor.cli import main; main()", "serve",
        "--port", str(port), "--data", str(data), "--base-url", base_url, "--model",
        "stub-model", "--no-cache", "--max-model-calls", str(clients),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the service did not become ready")


async def service(url: str, clients: int, requests: int, warm: bool) -> tuple[list[float], int]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def call(i: int) -> bool:
            body = {"id": f"d{i}", "text": text_for(i), "published": "2016-08-12"}
            try:
                response = await client.post("/v1/extract", json=body)
            except httpx.HTTPError as e:
                print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
                return False
            if response.status_code != 200:
                print(f"error: HTTP {response.status_code}: {response.text[:200]}", file=sys.stderr)
            return response.status_code == 200

        if warm:
            await closed_loop(clients, 2, call)  # connections, first requests
        return await closed_loop(clients, requests, call)


def main() -> None:
    parser = argparse.ArgumentParser(description="Service overhead against a stub model.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="per client")
    parser.add_argument("--latency", type=float, default=0.2, help="stub reply latency, s")
    parser.add_argument("--rounds", type=int, default=3, help="library/service rounds")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-service-stub-") as stub_dir,
        stub_server(Path(stub_dir), args.latency) as base_url,
    ):
        lib, svc, lib_p50s, svc_p50s, lib_errors, svc_errors = measure(args, base_url)
    report(lib, svc, lib_p50s, svc_p50s, lib_errors, svc_errors)


def measure(
    args: argparse.Namespace, base_url: str
) -> tuple[list[float], list[float], list[float], list[float], int, int]:
    lib: list[float] = []
    svc: list[float] = []
    lib_p50s: list[float] = []
    svc_p50s: list[float] = []
    lib_errors = svc_errors = 0
    library = Library(base_url)
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        proc, url = start_service(base_url, Path(tmp), args.clients)
        try:
            # Rounds alternate library and service, so a busy machine weighs on both alike.
            for r in range(args.rounds):
                got, errors = asyncio.run(library.round(args.clients, args.requests, r == 0))
                lib += got
                lib_p50s.append(percentile(got, 0.5))
                lib_errors += errors
                got, errors = asyncio.run(service(url, args.clients, args.requests, r == 0))
                svc += got
                svc_p50s.append(percentile(got, 0.5))
                svc_errors += errors
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return lib, svc, lib_p50s, svc_p50s, lib_errors, svc_errors


def report(
    lib: list[float],
    svc: list[float],
    lib_p50s: list[float],
    svc_p50s: list[float],
    lib_errors: int,
    svc_errors: int,
) -> None:
    ms = 1000.0
    lib50, svc50, svc99 = (
        percentile(lib, 0.5) * ms,
        percentile(svc, 0.5) * ms,
        percentile(svc, 0.99) * ms,
    )
    # Overhead: the median over rounds of (service p50 - library p50) in the same round.
    overhead = statistics.median(s - li for s, li in zip(svc_p50s, lib_p50s, strict=True)) * ms
    print(
        f"library: p50 {lib50:.1f} ms, p99 {percentile(lib, 0.99) * ms:.1f} ms, "
        f"mean {statistics.fmean(lib) * ms:.1f} ms over {len(lib)} calls, {lib_errors} errors",
        file=sys.stderr,
    )
    print(
        f"service: p50 {svc50:.1f} ms, p99 {svc99:.1f} ms, "
        f"mean {statistics.fmean(svc) * ms:.1f} ms over {len(svc)} calls, {svc_errors} errors",
        file=sys.stderr,
    )
    print(
        f"service_p50_ms={svc50:.1f} service_p99_ms={svc99:.1f} library_p50_ms={lib50:.1f} "
        f"overhead_p50_ms={overhead:.1f} errors={lib_errors + svc_errors}"
    )


if __name__ == "__main__":
    main()
