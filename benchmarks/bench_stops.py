"""How fast a batch gives up when it must: a dead port, an endpoint that dies
mid-run, an output folder that fills up.

    python benchmarks/bench_stops.py [--docs 200]

Each case runs the real CLI (`extractor run`, a subprocess, start-up
included) on ``--docs`` JSONL documents:

1. dead port: ``--base-url`` on a port nothing listens on (4 network
   retries configured, as by default); D is the wall time to exit 2;
2. dying endpoint: the stub server (tests/fault_server.py, 0.2 s a reply)
   stops 8 s after it starts, mid-batch; B is the wall time from then to
   exit 2 (the circuit breaker);
3. full disk (root only: a 64 KiB tmpfs holds the output folder): F is the
   wall time to exit 2, then a rerun after remounting it larger must finish
   every document exactly once.

The last line is exactly ``dead_port_s=<D> breaker_s=<B> full_disk_s=<F>``
(F is ``-`` where no tmpfs can be mounted). Target: D < 10.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from extractor.cli import main; main()", "run"]


def write_inputs(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = (
                f"Report {i}. Airstrikes killed at least {10 + i % 40} civilians in Raqqa on "
                "Thursday, the Syrian Observatory for Human Rights said."
            )
            fh.write(json.dumps({"id": f"doc-{i:04d}", "text": text}) + "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_cli(args: list[str], work: Path) -> tuple[int, float, str]:
    env = {**os.environ, "EXTRACTOR_API_KEY": "dummy", "XDG_CACHE_HOME": str(work / "xdg")}
    t0 = time.perf_counter()
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, check=False)
    return done.returncode, time.perf_counter() - t0, done.stderr.strip().splitlines()[-1:][0]


def start_stub(lifetime_s: float, latency_s: float = 0.0) -> tuple[subprocess.Popen[str], str]:
    server = str(ROOT / "tests" / "fault_server.py")
    proc = subprocess.Popen(
        [sys.executable, server, "--lifetime-s", str(lifetime_s), "--latency-s", str(latency_s)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().split()
    return proc, line[1]


def main() -> None:
    parser = argparse.ArgumentParser(description="Time to stop a batch that cannot go on.")
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = work / "in.jsonl"
        write_inputs(inputs, args.docs)
        common = [str(inputs), "--model", "m", "--no-cache", "-q"]

        url = f"http://127.0.0.1:{free_port()}/v1"
        code, dead_s, line = run_cli(
            [*common, "--out", str(work / "dead"), "--base-url", url], work
        )
        print(f"dead port: exit {code} in {dead_s:.2f}s: {line}", file=sys.stderr)

        life = 8.0  # past the CLI's start-up, well before the batch could finish
        stub, url = start_stub(lifetime_s=life, latency_s=0.2)
        code, total_s, line = run_cli(
            [*common, "--out", str(work / "dying"), "--base-url", url, "--concurrency", "2"], work
        )
        stub.wait()
        breaker_s = max(0.0, total_s - life)
        print(
            f"dying endpoint: exit {code}, {breaker_s:.2f}s after it died: {line}", file=sys.stderr
        )

        full_s = "-"
        tiny = work / "tiny"
        tiny.mkdir()
        mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tiny)]
        if os.geteuid() == 0 and subprocess.run(mount, check=False).returncode == 0:
            try:
                stub, url = start_stub(lifetime_s=120.0)
                out = tiny / "out"
                code, secs, line = run_cli([*common, "--out", str(out), "--base-url", url], work)
                saved = (out / "results.jsonl").read_bytes().count(b"\n")
                print(
                    f"full disk: exit {code} in {secs:.2f}s, {saved} saved: {line}", file=sys.stderr
                )
                full_s = f"{secs:.2f}"
                subprocess.run(["mount", "-o", "remount,size=4m", str(tiny)], check=True)
                code, secs, line = run_cli([*common, "--out", str(out), "--base-url", url], work)
                ids = [json.loads(x)["doc_id"] for x in (out / "results.jsonl").open()]
                once = len(ids) == len(set(ids)) == args.docs
                print(f"rerun: exit {code} in {secs:.2f}s, each once: {once}", file=sys.stderr)
                stub.terminate()
                stub.wait()
            finally:
                subprocess.run(["umount", "-l", str(tiny)], check=False)
    print(f"dead_port_s={dead_s:.2f} breaker_s={breaker_s:.2f} full_disk_s={full_s}")


if __name__ == "__main__":
    main()
