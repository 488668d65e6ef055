"""A run folder of the seeds (strategy rules, no model) for the review tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_run(tmp: Path, texts: dict[str, str] | None = None, *, process: bool = False) -> Path:
    """Copy the seeds (or the given texts) into ``tmp/in`` and run the rules strategy on them.

    ``process`` runs the CLI in a child process (for callers inside an event loop).
    """
    inputs = tmp / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    if texts is None:
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, inputs / path.name)
    else:
        for name, text in texts.items():
            (inputs / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp / "run"
    args = ["run", str(inputs), "--out", str(out), "--strategy", "rules", "--no-cache"]
    if process:
        exe = Path(sys.executable).with_name("extractor")
        done_p = subprocess.run([str(exe), *args], capture_output=True, text=True, check=False)
        assert done_p.returncode == 0, done_p.stderr
        return out
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, (done.output, done.exception)
    return out


def results(run: Path) -> dict[str, dict]:
    lines = (run / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc_id"]: r for r in map(json.loads, lines)}
