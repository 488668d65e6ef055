"""What the client costs: CPU per document on full drafts, and CLI start-up.

    python benchmarks/bench_client.py [--docs 1000] [--concurrency 16] [--profile]

1. CPU per document: the seed articles (each under a distinct first line, so
   no two documents are the same text) go through `run_batch` and the real
   pipeline (provider openai_compatible, no cache) into an output folder,
   with the progress bar drawn to a buffer. The stub server
   (tests/fault_server.py, in its own process, answering at once) replies
   with the full draft a careful reader's gold gives for that seed
   (benchmarks/full_drafts.py), so the client parses, validates, grounds,
   normalises, encodes and stores real-sized answers. P is this process's
   CPU time (`time.process_time`, all threads) over the batch, per document:
   HTTP, instructor, pydantic, grounding, normalisation, JSON, the store.
2. Start-up: S is the median wall time of ``extractor --help`` in a fresh
   process over ``--runs`` runs.

The last line is ``cpu_ms_per_doc=<P> cli_start_s=<S>``. Targets: P <= 5
(aim 3), S < 0.5 (aim 0.3).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import json
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from full_drafts import seed_drafts, write_drafts_file  # noqa: E402

from extractor.batch import iter_documents, run_batch  # noqa: E402
from extractor.batch.progress import RichProgress  # noqa: E402
from extractor.config import resolve_config  # noqa: E402
from extractor.pipeline import Extractor  # noqa: E402


@contextmanager
def stub_server(work: Path, latency_s: float = 0.0) -> Iterator[str]:
    """The fault server in its own process, answering with the seeds' full drafts."""
    drafts = work / "drafts.json"
    write_drafts_file(drafts)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fault_server.py"), "--latency-s", str(latency_s),
         "--drafts", str(drafts), "--lifetime-s", "900", "--stop-on-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdin is not None
    line = proc.stdout.readline()
    try:
        if not line.startswith("URL "):
            raise SystemExit(f"stub server did not start: {line!r}")
        yield line.split()[1]
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def write_seed_inputs(path: Path, n: int, start: int = 0) -> None:
    """``n`` seed-sized documents: the seeds in turn, each with its own first line.

    Numbered from ``start``: batches with disjoint numbers share no text.
    """
    seeds = seed_drafts()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            doc_id, text, _ = seeds[i % len(seeds)]
            rec = {"id": f"{doc_id}-{i:05d}", "text": f"Report {i}.\n\n{text}"}
            fh.write(json.dumps(rec) + "\n")


async def _batch(base_url: str, inputs: Path, out: Path, concurrency: int) -> tuple[int, float]:
    config = resolve_config(
        provider="openai_compatible", base_url=base_url, model="stub-model", api_key="dummy"
    )
    async with Extractor(config) as extractor:
        gc.freeze()  # as `extractor run` does once its client is up
        # Warm up (imports, tables, schema, connection) outside the measurement.
        await extractor.aextract(seed_drafts()[0][1], doc_id="warm-up")
        progress = RichProgress(io.StringIO())
        c0 = time.process_time()
        summary = await run_batch(
            iter_documents([inputs]), extractor, out, concurrency=concurrency, progress=progress
        )
        cpu = time.process_time() - c0
    if summary.succeeded != summary.documents:
        raise SystemExit(f"benchmark run failed: {summary.line()}")
    return summary.succeeded, cpu


def cpu_ms_per_doc(
    base_url: str, work: Path, docs: int = 1000, concurrency: int = 16, profile: bool = False
) -> float:
    """Client CPU milliseconds per seed-sized document with full drafts."""
    inputs = work / "seed-inputs.jsonl"
    write_seed_inputs(inputs, docs)
    out = work / "out-cpu"
    shutil.rmtree(out, ignore_errors=True)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    done, cpu = asyncio.run(_batch(base_url, inputs, out, concurrency))
    if profiler:
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.dump_stats("/tmp/bench_client.prof")
        stats.sort_stats("tottime").print_stats(30)
    return 1000 * cpu / done


def cli_start_s(runs: int = 5) -> float:
    """Median wall time of ``extractor --help`` in a fresh process."""
    exe = Path(sys.executable).with_name("extractor")
    cmd = (
        [str(exe)]
        if exe.exists()
        else [sys.executable, "-c", "from extractor.cli import main; main()"]
    )
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=5, help="extractor --help runs")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-client-") as tmp, stub_server(Path(tmp)) as url:
        cpu = cpu_ms_per_doc(url, Path(tmp), args.docs, args.concurrency, args.profile)
    start = cli_start_s(args.runs)
    print(f"cpu_ms_per_doc={cpu:.2f} cli_start_s={start:.3f}")


if __name__ == "__main__":
    main()
