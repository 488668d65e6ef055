"""Batch-file throughput: prepare, execute against the stub server, collect.

    python benchmarks/bench_batchfile.py [--docs 2000] [--concurrency 16]

The stub OpenAI-compatible server (tests/fault_server.py, a subprocess)
answers at once, so `execute` measures the client side. The last line is
``prepare_docs_per_s=<P> execute_requests_per_s=<E> collect_docs_per_s=<C>``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from bench_client import stub_server, write_seed_inputs

from extractor.batch import iter_documents
from extractor.batchfile import collect, execute_requests, load_batch_dir, prepare
from extractor.config import resolve_config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with stub_server(root) as url:
            write_seed_inputs(root / "docs.jsonl", args.docs)
            config = resolve_config(
                provider="openai_compatible", model="fault-model", check_endpoint=False
            )
            t0 = time.perf_counter()
            prepare(iter_documents([root / "docs.jsonl"]), config, root / "req")
            t1 = time.perf_counter()
            files = load_batch_dir(root / "req").request_files
            out = root / "out.jsonl"
            requests = 0
            for path in files:
                done = asyncio.run(
                    execute_requests(
                        path, out, base_url=url, config=config, concurrency=args.concurrency
                    )
                )
                requests += done.requests
            t2 = time.perf_counter()
            summary = collect([out], root / "req", root / "run")
            t3 = time.perf_counter()
            assert summary.succeeded == args.docs, summary.line()
    p, e, c = args.docs / (t1 - t0), requests / (t2 - t1), args.docs / (t3 - t2)
    print(f"{args.docs} documents, {requests} requests", file=sys.stderr)
    print(f"prepare_docs_per_s={p:.0f} execute_requests_per_s={e:.0f} collect_docs_per_s={c:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
