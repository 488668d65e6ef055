"""A run whose output folder is on a real tiny filesystem (tmpfs) that fills up.

Needs root to mount one; skipped elsewhere (test_batch_stops.py covers the
same at the write call everywhere).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import assert_each_once, write_jsonl_inputs
from click.testing import CliRunner
from fault_server import FaultPlan, FaultServer

from extractor.cli import cli

ENV = {"EXTRACTOR_API_KEY": "dummy", "EXTRACTOR_TIMEOUT_S": "5"}


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave: int) -> Path:
    """A file that takes all the space but ``leave`` bytes."""
    filler = folder / "filler"
    st = os.statvfs(folder)
    size = st.f_bavail * st.f_frsize - leave
    filler.write_bytes(b"\0" * max(0, size))
    return filler


def _run(inputs: Path, out: Path, url: str, tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    env = {**ENV, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    args = ["run", str(inputs), "--out", str(out), "--base-url", url, "--model", "m"]
    return CliRunner().invoke(cli, [*args, "--no-cache", "-q", *extra], env=env)


def test_a_disk_that_fills_mid_run(tmp_path: Path, tiny_fs: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    ids = write_jsonl_inputs(inputs, 200)
    out = tiny_fs / "out"
    out.mkdir()
    filler = _fill(tiny_fs, leave=64 * 1024)
    with FaultServer(FaultPlan(), lifetime_s=120) as server:
        result = _run(inputs, out, server.base_url, tmp_path, "--json")
        sent = server.stats["requests"]
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert str(out) in lines[0] and "No space left on device" in lines[0]
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout)
    saved = (out / "results.jsonl").read_bytes()
    assert saved.endswith(b"\n") or not saved, "whole lines only"
    n_saved = saved.count(b"\n")
    assert 0 < n_saved == summary["succeeded"] < 200
    # Every request sent was answered and saved, answered but not saved (the
    # disk was full), or one of the 8 in flight when the write failed.
    assert sent <= n_saved + summary["not_saved"] + 8 + 1, "dispatch stopped at once"
    assert summary["not_attempted"] + summary["not_saved"] + n_saved == 200
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and "No space left" in manifest["reason"]
    assert not (out / ".lock").exists()

    filler.unlink()  # space freed: the rerun finishes, each document once
    with FaultServer(FaultPlan(), lifetime_s=120) as server:
        again = _run(inputs, out, server.base_url, tmp_path)
        assert server.stats["requests"] == 200 - n_saved
    assert again.exit_code == 0, again.output
    results, errors = assert_each_once(out, ids)
    assert len(results) == 200 and not errors
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"


def test_a_disk_full_at_start_sends_nothing(tmp_path: Path, tiny_fs: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl_inputs(inputs, 20)
    out = tiny_fs / "out"
    out.mkdir()
    _fill(tiny_fs, leave=0)
    with FaultServer(FaultPlan(), lifetime_s=60) as server:
        result = _run(inputs, out, server.base_url, tmp_path)
        assert server.stats["requests"] == 0
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(out) in lines[0] and "No space left" in lines[0], lines


def test_a_folder_that_turns_read_only(tmp_path: Path, tiny_fs: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl_inputs(inputs, 20)
    out = tiny_fs / "out"
    with FaultServer(FaultPlan(), lifetime_s=60) as server:
        assert _run(inputs, out, server.base_url, tmp_path).exit_code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)], check=True)
        write_jsonl_inputs(tmp_path / "more.jsonl", 40)
        result = _run(tmp_path / "more.jsonl", out, server.base_url, tmp_path)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(out) in lines[0] and "Read-only file system" in lines[0], lines
