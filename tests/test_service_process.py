"""`extractor serve` as a real uvicorn process: SIGKILL halfway through a job, restart.

The service runs a 200-document job against the fault server (with some
faults), is killed with SIGKILL halfway, started again on the same data
folder, resumes the job and ends it with every document exactly once in
results or errors, no corrupt line; tokens are required and never written down.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from batch_support import article, assert_each_once
from fault_server import FaultPlan, FaultServer
from service_support import UPSTREAM_KEY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

N_DOCS = 200
TOKEN_A = "tok-process-alpha-77c2d1"
TOKEN_B = "tok-process-bravo-0e9f3a"


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    plan = FaultPlan(seed=11, latency_s=0.05, server_error=0.05, bad_schema=0.05)
    with FaultServer(plan, lifetime_s=120) as srv:
        yield srv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    data: Path, port: int, base_url: str, log: Path, tmp_path: Path
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    env.update(
        EXTRACTOR_SERVICE_TOKENS=f"{TOKEN_A},{TOKEN_B}",
        EXTRACTOR_API_KEY=UPSTREAM_KEY,
        EXTRACTOR_TIMEOUT_S="5",
        EXTRACTOR_MAX_NETWORK_RETRIES="1",
        EXTRACTOR_MAX_VALIDATION_RETRIES="0",
        EXTRACTOR_RETRY_WAIT_MAX_S="0.01",
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
    )
    cmd = [
        sys.executable, "-c", "from extractor.cli import main; main()", "-v",
        "serve", "--port", str(port), "--data", str(data), "--base-url", base_url,
        "--model", "fault-model", "--max-model-calls", "8", "--no-cache",
    ]  # fmt: skip
    handle = log.open("ab")
    proc = subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"service did not start: {log.read_text()}")


def count_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_service_killed_halfway_resumes_every_job_exactly_once(
    tmp_path: Path, fault: FaultServer
) -> None:
    data, log, port = tmp_path / "data", tmp_path / "service.log", free_port()
    url = f"http://127.0.0.1:{port}"
    A = {"Authorization": f"Bearer {TOKEN_A}"}
    B = {"Authorization": f"Bearer {TOKEN_B}"}
    ids = [f"doc-{i:04d}" for i in range(N_DOCS)]
    body = "".join(json.dumps({"id": d, "text": article(i)}) + "\n" for i, d in enumerate(ids))

    proc = start(data, port, fault.base_url, log, tmp_path)
    try:
        assert httpx.post(f"{url}/v1/jobs", content=body).status_code == 401
        response = httpx.post(
            f"{url}/v1/jobs", content=body, headers={**A, "Content-Type": "application/x-ndjson"}
        )
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        assert httpx.get(f"{url}/v1/jobs/{job_id}").status_code == 401
        assert httpx.get(f"{url}/v1/jobs/{job_id}", headers=B).status_code == 404
        run_dir = data / "jobs" / job_id / "run"
        deadline = time.monotonic() + 30
        while count_lines(run_dir / "results.jsonl") < N_DOCS // 3:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the job made no progress"
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    done_before = count_lines(run_dir / "results.jsonl")
    assert done_before < N_DOCS, "killed after the end"
    assert json.loads((data / "jobs" / job_id / "job.json").read_text())["status"] == "running"

    proc = start(data, port, fault.base_url, log, tmp_path)
    try:
        deadline = time.monotonic() + 45
        while True:
            status = httpx.get(f"{url}/v1/jobs/{job_id}", headers=A).json()
            if status["status"] not in ("queued", "running"):
                break
            assert time.monotonic() < deadline, status
            time.sleep(0.1)
        results = httpx.get(f"{url}/v1/jobs/{job_id}/results", headers=A)
        errors = httpx.get(f"{url}/v1/jobs/{job_id}/errors", headers=A)
        metrics = httpx.get(f"{url}/metrics", headers=A).text
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

    got, failed = assert_each_once(run_dir, ids)
    assert len(got) >= done_before
    assert status["counts"] == {"total": N_DOCS, "done": len(got), "failed": len(failed)}
    assert status["status"] == ("failed" if failed else "succeeded")
    assert results.text.count("\n") == len(got) and errors.text.count("\n") == len(failed)
    assert all(json.loads(line)["doc_id"] in ids for line in results.text.splitlines())
    assert "resuming job" in log.read_text()
    stored = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    logged = log.read_text()
    for secret in (TOKEN_A, TOKEN_B, UPSTREAM_KEY):
        assert secret.encode() not in stored
        assert secret not in logged
        assert secret not in metrics
