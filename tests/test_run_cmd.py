"""`extractor run` end to end against the fault server: exit codes, outputs, cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import CLI_ENV, write_jsonl_inputs
from click.testing import CliRunner, Result
from fault_server import FaultPlan, FaultServer

from extractor.cli import cli

ENV = CLI_ENV


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(FaultPlan(), lifetime_s=60) as srv:
        yield srv


def run(tmp_path: Path, *args: str) -> Result:
    env = {**ENV, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    return CliRunner().invoke(cli, ["run", *args], env=env)


def test_clean_run_exits_zero_with_summary_and_default_cache(
    tmp_path: Path, server: FaultServer
) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl_inputs(inputs, 5)
    out = tmp_path / "out"
    args = [str(inputs), "--out", str(out), "--base-url", server.base_url, "--model", "m"]
    result = run(tmp_path, *args, "--json", "--quiet")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["succeeded"] == 5 and summary["failed"] == 0
    assert "5 extracted" in result.stderr
    assert (out / "results.jsonl").read_bytes().count(b"\n") == 5
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["config"]["provider"] == "openai_compatible"
    assert "dummy" not in (out / "manifest.json").read_text(encoding="utf-8")
    assert (tmp_path / "xdg" / "extractor" / "llm-cache.sqlite3").exists()

    # A rerun into a fresh folder is served by the default cache: no request.
    sent = server.stats["requests"]
    again = run(tmp_path, args[0], "--out", str(tmp_path / "out2"), *args[3:], "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["cached_calls"] == 5
    assert server.stats["requests"] == sent


def test_failed_documents_exit_one(tmp_path: Path, server: FaultServer) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Airstrikes hit Idlib on Monday.", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_bytes(b"\xff\xfe not utf-8")
    out = tmp_path / "out"
    result = run(
        tmp_path,
        str(tmp_path / "docs"),
        "--out",
        str(out),
        "--base-url",
        server.base_url,
        "--model",
        "m",
        "--no-cache",
    )
    assert result.exit_code == 1, result.output
    assert "1 failed" in result.stderr
    errors = [
        json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert {e["error_type"] for e in errors} == {"InputError"}
    assert [e["doc_id"] for e in errors] == ["b"]
    b = tmp_path / "docs" / "b.txt"
    assert (
        f"failed: {b}: InputError: not UTF-8 (byte 0xff at offset 0)" in result.stderr.splitlines()
    )


@pytest.mark.parametrize(
    "extra",
    [
        ["--no-cache", "--cache", "x.sqlite3"],
        ["--provider", "openai_compatible"],  # no base URL
        ["--concurrency", "0"],
    ],
)
def test_usage_and_configuration_errors_exit_two(tmp_path: Path, extra: list[str]) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    result = run(tmp_path, str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), *extra)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out" / "results.jsonl").exists()
