"""`extractor run` when the user or the machine gets something wrong: usage errors
before any output, a dead or dying endpoint, signals, and what stderr says."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import CLI_ENV, assert_each_once, write_jsonl_inputs
from click.testing import CliRunner, Result
from conftest import ROOT, SEEDS
from fault_server import FaultPlan, FaultServer

from extractor.batch.inputs import count_documents, iter_documents
from extractor.batch.progress import PlainProgress
from extractor.cli import cli

ENV = CLI_ENV


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=60) as srv:
        yield srv


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    full = {**ENV, "XDG_CACHE_HOME": str(tmp_path / "xdg"), **(env or {})}
    return CliRunner().invoke(cli, ["run", *args], env=full)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# -- usage errors: exit 2, one line, nothing written ------------------------------------


@pytest.mark.parametrize("case", ["missing", "empty_folder", "only_gold", "results_file"])
def test_inputs_without_documents_are_usage_errors_before_any_output(
    tmp_path: Path, server: FaultServer, case: str
) -> None:
    target = tmp_path / case
    if case == "empty_folder":
        target.mkdir()
        (target / "notes.csv").write_text("a,b\n", encoding="utf-8")
    elif case == "only_gold":
        target.mkdir()
        for gold in sorted((SEEDS / "annotations").glob("*.json"))[:2]:
            (target / gold.name).write_bytes(gold.read_bytes())
    elif case == "results_file":
        target = tmp_path / "earlier.jsonl"
        line = json.loads((SEEDS / "annotations").glob("*.json").__next__().read_text())
        target.write_text(json.dumps(line) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    t0 = time.perf_counter()
    result = run(tmp_path, str(target), "--out", str(out), "--base-url", server.base_url,
                 "--model", "m")  # fmt: skip
    assert result.exit_code == 2, result.output
    lines = _error_lines(result)
    assert len(lines) == 1 and str(target) in lines[0], lines
    assert not out.exists(), "no output folder for a run that never started"
    assert server.stats["requests"] == 0
    assert time.perf_counter() - t0 < 5


def test_gold_annotation_files_are_not_documents(tmp_path: Path) -> None:
    docs = list(iter_documents([SEEDS]))
    sources = [Path(d.source) for d in docs]
    assert not [p for p in sources if p.parent.name == "annotations"], sources
    articles = [*SEEDS.glob("*.txt"), *SEEDS.glob("*.md")]
    assert count_documents([SEEDS]) == len(docs) == len(articles)
    run_folder = tmp_path / "mixed"
    run_folder.mkdir()
    (run_folder / "a.txt").write_text("Airstrikes hit Idlib on Monday.", encoding="utf-8")
    for name in ("results.jsonl", "errors.jsonl", "manifest.json"):
        (run_folder / name).write_text('{"text": "not an article"}\n', encoding="utf-8")
    assert [d.doc_id for d in iter_documents([run_folder])] == ["a"]


@pytest.mark.parametrize(
    ("args", "env", "names"),
    [
        (["--base-url", "not a url"], {}, "not a url"),
        ([], {"EXTRACTOR_TIMEOUT_S": "0"}, "timeout_s"),
        ([], {"EXTRACTOR_TIMEOUT_S": "-3"}, "timeout_s"),
        ([], {"EXTRACTOR_MAX_TOKENS": "0"}, "EXTRACTOR_MAX_TOKENS"),
    ],
)
def test_malformed_settings_exit_two_before_any_output(
    tmp_path: Path, server: FaultServer, args: list[str], env: dict[str, str], names: str
) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl_inputs(inputs, 3)
    base = [] if "--base-url" in args else ["--base-url", server.base_url]
    out = tmp_path / "out"
    result = run(tmp_path, str(inputs), "--out", str(out), "--model", "m", *base, *args, env=env)
    assert result.exit_code == 2, result.output
    assert names in result.stderr and len(_error_lines(result)) == 1
    assert not out.exists() and server.stats["requests"] == 0


def test_a_dead_port_ends_the_run_before_the_first_document(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl_inputs(inputs, 200)
    url = f"http://127.0.0.1:{free_port()}/v1"
    out = tmp_path / "out"
    result = run(tmp_path, str(inputs), "--out", str(out), "--base-url", url, "--model", "m",
                 env={"EXTRACTOR_MAX_NETWORK_RETRIES": "4"})  # fmt: skip
    assert result.exit_code == 2, result.output
    lines = _error_lines(result)
    assert len(lines) == 1 and url in lines[0] and "cannot reach" in lines[0], lines
    assert not out.exists()


def test_an_endpoint_that_dies_mid_run_trips_the_breaker(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    ids = write_jsonl_inputs(inputs, 200)
    out = tmp_path / "out"
    with FaultServer(FaultPlan(latency_s=0.05), lifetime_s=1.0) as dying:
        url = dying.base_url
        result = run(tmp_path, str(inputs), "--out", str(out), "--base-url", url, "--model", "m",
                     "--concurrency", "2", "--no-cache", "-q", "--json")  # fmt: skip
    assert result.exit_code == 2, result.output
    summary = json.loads(result.stdout)
    assert summary["stopped"] and "could not reach" in summary["stopped"]
    assert summary["not_attempted"] > 100
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and manifest["reason"] == summary["stopped"]
    assert manifest["counts"]["not_attempted"] == summary["not_attempted"]
    assert "error:" in result.stderr and "run the same command again" in result.stderr

    with FaultServer(FaultPlan(), lifetime_s=60) as alive:
        again = run(tmp_path, str(inputs), "--out", str(out), "--base-url", alive.base_url,
                    "--model", "m", "--no-cache", "-q")  # fmt: skip
    assert again.exit_code == 0, again.output
    results, errors = assert_each_once(out, ids)
    assert len(results) == 200 and not errors


def test_one_line_per_failed_document_then_a_count(tmp_path: Path, server: FaultServer) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(25):
        (docs / f"bad{i:02d}.txt").write_bytes(b"\xff\xfe not utf-8")
    (docs / "good.txt").write_text("Airstrikes hit Idlib on Monday.", encoding="utf-8")
    out = tmp_path / "out"
    result = run(tmp_path, str(docs), "--out", str(out), "--base-url", server.base_url,
                 "--model", "m", "-q")  # fmt: skip
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 20
    assert (
        failed[0] == f"failed: {docs / 'bad00.txt'}: InputError: not UTF-8 (byte 0xff at offset 0)"
    )
    assert f"... and 5 more failed document(s): see {out / 'errors.jsonl'}" in result.stderr


def test_published_applies_to_plain_text(tmp_path: Path, server: FaultServer) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Airstrikes hit the town of Idlib on Monday, killing 3.", encoding="utf-8")
    out = tmp_path / "out"
    result = run(tmp_path, str(doc), "--out", str(out), "--base-url", server.base_url,
                 "--model", "m", "-q", "--published", "2016-08-12")  # fmt: skip
    assert result.exit_code == 0, result.output
    record = json.loads((out / "results.jsonl").read_text(encoding="utf-8"))
    assert record["published"]["start"] == "2016-08-12"
    bad = run(tmp_path, str(doc), "--out", str(out), "--published", "12 Aug")
    assert bad.exit_code == 2


# -- signals -----------------------------------------------------------------------------


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_run_in_order_and_json_has_the_partial_summary(
    tmp_path: Path, sig: int, code: int
) -> None:
    inputs = tmp_path / "in.jsonl"
    ids = write_jsonl_inputs(inputs, 400)
    out = tmp_path / "out"
    env = {**os.environ, **ENV, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    with FaultServer(FaultPlan(latency_s=0.05), lifetime_s=60) as srv:
        cmd = [sys.executable, "-c", "from extractor.cli import main; main()", "run", str(inputs),
               "--out", str(out), "--base-url", srv.base_url, "--model", "m", "--no-cache",
               "--concurrency", "2", "--json"]  # fmt: skip
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                cwd=ROOT)  # fmt: skip
        deadline = time.monotonic() + 30
        results = out / "results.jsonl"
        while time.monotonic() < deadline and not (results.exists() and results.stat().st_size):
            time.sleep(0.05)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == code, stderr.decode()
    summary = json.loads(stdout)
    assert summary["interrupted"] is True and 0 < summary["succeeded"] < 400
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted"
    assert manifest["counts"]["succeeded"] == summary["succeeded"]
    assert b"Traceback" not in stderr
    assert not (out / ".lock").exists()
    saved = results.read_bytes().count(b"\n")
    assert saved == summary["succeeded"] and len(ids) == 400


# -- progress ----------------------------------------------------------------------------


def test_plain_progress_reports_rate_and_eta_from_the_first_document() -> None:
    stream = io.StringIO()
    progress = PlainProgress(stream, interval_s=3600)
    progress.start(100)
    time.sleep(1.1)  # a slow model: under one document a second
    progress.advance("ok", 120)
    first = stream.getvalue().splitlines()
    assert len(first) == 1
    assert first[0].startswith("progress: 1/100 documents, 0 failed, ")
    assert "s/doc" in first[0] and "ETA ?" not in first[0] and "120 tokens" in first[0]
    progress.advance("failed")
    assert len(stream.getvalue().splitlines()) == 1, "then only every interval"
    progress.stop()
    last = stream.getvalue().splitlines()[-1]
    assert "2/100 documents, 1 failed" in last


def test_show_with_an_unknown_doc_lists_the_ids_there(tmp_path: Path, server: FaultServer) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl_inputs(inputs, 3)
    out = tmp_path / "out"
    done = run(tmp_path, str(inputs), "--out", str(out), "--base-url", server.base_url,
               "--model", "m", "-q")  # fmt: skip
    assert done.exit_code == 0, done.output
    shown = CliRunner().invoke(cli, ["show", str(out), "--doc", "doc-9999"])
    assert shown.exit_code == 2
    assert "no result for document 'doc-9999'" in shown.stderr
    assert "documents there: doc-0000, doc-0001, doc-0002" in shown.stderr
