"""A run killed with SIGKILL halfway, then rerun, leaves every document exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import assert_each_once, write_jsonl_inputs
from click.testing import CliRunner
from fault_server import FaultPlan, FaultServer

from extractor.cli import cli as cli_group

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

N_DOCS = 120


@pytest.fixture
def server() -> Iterator[FaultServer]:
    # Slow enough that the kill lands mid-run; a few faults so errors.jsonl is in play too.
    plan = FaultPlan(seed=5, latency_s=0.02, server_error=0.05, bad_schema=0.05)
    with FaultServer(plan, lifetime_s=120) as srv:
        yield srv


def cli(inputs: Path, out: Path, base_url: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from extractor.cli import main; main()",
        "run",
        str(inputs),
        "--out",
        str(out),
        "--provider",
        "openai_compatible",
        "--base-url",
        base_url,
        "--model",
        "fault-model",
        "--concurrency",
        "8",
        "--no-cache",
        "--quiet",
    ]


def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    env.update(
        EXTRACTOR_API_KEY="dummy",
        EXTRACTOR_TIMEOUT_S="5",
        EXTRACTOR_MAX_NETWORK_RETRIES="1",
        EXTRACTOR_MAX_VALIDATION_RETRIES="0",
        EXTRACTOR_RETRY_WAIT_MAX_S="0.01",
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
    )
    return env


def count_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_sigkill_halfway_then_rerun(tmp_path: Path, server: FaultServer) -> None:
    inputs = tmp_path / "articles.jsonl"
    ids = write_jsonl_inputs(inputs, N_DOCS)
    out = tmp_path / "out"
    env = cli_env(tmp_path)

    proc = subprocess.Popen(
        cli(inputs, out, server.base_url), env=env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while count_lines(out / "results.jsonl") < N_DOCS // 3:
        assert proc.poll() is None, f"run ended before the kill: {proc.stderr.read()}"  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "run made no progress"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.stderr is not None
    proc.stderr.close()
    done_before = count_lines(out / "results.jsonl")
    assert done_before < N_DOCS, "killed before the end"

    # Simulate the worst a kill can leave: a torn last line in each file.
    with (out / "results.jsonl").open("ab") as fh:
        fh.write(b'{"doc_id": "doc-0000", "source": "torn')
    with (out / "errors.jsonl").open("ab") as fh:
        fh.write(b'{"doc_id": "doc-01')

    # Rerun to the end (in this process, through the same command line).
    requests_before = server.stats["requests"]
    overrides: dict[str, str | None] = {k: None for k in os.environ if k.startswith("EXTRACTOR_")}
    overrides.update({k: v for k, v in env.items() if k.startswith(("EXTRACTOR_", "XDG_"))})
    rerun = CliRunner().invoke(cli_group, cli(inputs, out, server.base_url)[3:], env=overrides)
    assert rerun.exit_code in (0, 1), rerun.output
    assert rerun.exception is None or isinstance(rerun.exception, SystemExit), rerun.exception
    results, errors = assert_each_once(out, ids)
    assert len(results) >= done_before, "nothing finished before the kill was redone or lost"
    assert rerun.exit_code == (1 if errors else 0)
    redone = server.stats["requests"] - requests_before
    assert redone < N_DOCS - done_before + N_DOCS // 4, "finished documents were not redone"
    assert '"status": "complete"' in (out / "manifest.json").read_text(encoding="utf-8")
