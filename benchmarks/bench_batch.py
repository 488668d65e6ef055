"""Batch throughput benchmark against a stub model server.

    python benchmarks/bench_batch.py [--docs 200] [--concurrency 16] [--latency 0.2]

A stub OpenAI-compatible server (tests/fault_server.py, in a subprocess so it
takes no CPU time from the client) answers every request with a valid result
after a fixed latency. The batch runner pushes the documents through the real
pipeline (`Extractor`, provider openai_compatible) with a SQLite result cache:

1. a cold run: every document is a request; efficiency E is the measured
   throughput over the ideal one, concurrency / latency (16 / 0.2 s = 80 docs/s);
2. a rerun into a fresh output folder, so nothing is skipped by resume and the
   cache serves every call: C is its documents per second;
3. M is the peak resident memory of this process in MB.

The last line is exactly ``efficiency=<E> cached_docs_per_s=<C> peak_rss_mb=<M>``.
Targets: E >= 0.85, C >= 500, M < 300.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extractor.batch import iter_documents, run_batch
from extractor.cache import SQLiteCache
from extractor.config import resolve_config
from extractor.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = [
    "A fresh round of airstrikes killed at least {n} civilians in the town of {place} on "
    "Thursday, the Syrian Observatory for Human Rights said, adding that the toll was "
    "likely to rise as rescuers searched the rubble.",
    "The {actor} defence ministry denied that its aircraft had carried out any raid near "
    "{place}, calling the reports a fabrication spread by militants and their backers.",
    "Local activists said a market and a bakery were hit, and that several of the dead "
    "were children. Turkey's foreign ministry condemned the attack and appealed for an "
    "independent investigation.",
    "The monitor, which relies on a network of sources on the ground, has recorded more "
    "than {k} deaths in the province since the start of the month.",
]
PLACES = ["Raqqa", "Idlib", "Aleppo", "Douma", "Maarat al-Numan", "Deir ez-Zor", "Saraqib"]


def write_inputs(path: Path, n: int) -> None:
    """A JSONL file of ``n`` distinct articles (about 800 characters each)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            actor = "Russian" if i % 2 else "Syrian"
            text = "\n\n".join(
                p.format(n=5 + i % 40, place=place, actor=actor, k=100 + i) for p in PARAGRAPHS
            )
            rec = {"id": f"bench-{i:05d}", "text": text, "published": "2016-08-12"}
            fh.write(json.dumps(rec) + "\n")


def start_stub(latency_s: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fault_server.py"), "--latency-s", str(latency_s),
         "--lifetime-s", "900", "--stop-on-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("URL "):
        proc.kill()
        raise SystemExit(f"stub server did not start: {line!r}")
    return proc, line.split()[1]


async def bench(args: argparse.Namespace, work: Path, base_url: str) -> tuple[float, float]:
    inputs = work / "inputs.jsonl"
    write_inputs(inputs, args.docs)
    config = resolve_config(
        provider="openai_compatible", base_url=base_url, model="stub-model", api_key="dummy"
    )
    with SQLiteCache(work / "cache.sqlite3") as cache:
        async with Extractor(config, cache=cache) as extractor:
            # Warm up (imports, schema building, connection) outside the measurement.
            await extractor.aextract("Warm-up: a strike hit Idlib on Monday.", doc_id="warm-up")
            t0 = time.perf_counter()
            cold = await run_batch(
                iter_documents([inputs]), extractor, work / "out-cold", concurrency=args.concurrency
            )
            cold_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            warm = await run_batch(
                iter_documents([inputs]),
                extractor,
                work / "out-cached",
                concurrency=args.concurrency,
            )
            warm_s = time.perf_counter() - t0
    if cold.succeeded != args.docs or warm.succeeded != args.docs:
        raise SystemExit(f"benchmark run failed: cold {cold.line()} / cached {warm.line()}")
    if warm.cached_calls < args.docs:
        raise SystemExit(f"the rerun was not served from the cache: {warm.cached_calls} hits")
    print(f"cold:   {cold.line()}", file=sys.stderr)
    print(f"cached: {warm.line()}", file=sys.stderr)
    return args.docs / cold_s, args.docs / warm_s


def main() -> None:
    parser = argparse.ArgumentParser(description="Batch throughput against a stub server.")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.2, help="stub reply latency, s")
    args = parser.parse_args()
    proc, base_url = start_stub(args.latency)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
            rate, cached_rate = asyncio.run(bench(args, Path(tmp), base_url))
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    ideal = args.concurrency / args.latency
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    if sys.platform == "darwin":
        peak_mb /= 1024  # bytes on macOS
    print(f"throughput={rate:.1f} docs/s ideal={ideal:.1f} docs/s", file=sys.stderr)
    print(
        f"efficiency={rate / ideal:.3f} cached_docs_per_s={cached_rate:.1f} peak_rss_mb={peak_mb:.1f}"
    )


if __name__ == "__main__":
    main()
