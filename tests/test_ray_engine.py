"""The Ray engine on a local Ray instance (num_cpus=2) against the stub server:
the same results as the local engine, nothing lost when an actor is killed,
and documents already done never dispatched."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

from click.testing import CliRunner  # noqa: E402
from conftest import SEEDS  # noqa: E402
from fault_server import FaultPlan, FaultServer  # noqa: E402
from synthetic_articles import write_inputs  # noqa: E402

from extractor.batch import iter_documents  # noqa: E402
from extractor.cli import cli  # noqa: E402
from extractor.config import resolve_config  # noqa: E402
from extractor.engines.local import run_local  # noqa: E402
from extractor.engines.ray_engine import run_ray  # noqa: E402

N_DOCS = 200


@pytest.fixture(scope="module")
def local_ray() -> Any:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield
    ray.shutdown()


@pytest.fixture
def stub() -> Any:
    with FaultServer(FaultPlan(latency_s=0.02), lifetime_s=240) as server:
        yield server


def _records(out: Path) -> dict[str, Any]:
    """Per document, everything but provenance (timing differs run to run)."""
    got: dict[str, Any] = {}
    for line in (out / "results.jsonl").read_text().splitlines():
        obj = json.loads(line)
        assert obj["doc_id"] not in got, "a document written twice"
        obj.pop("provenance")
        got[obj["doc_id"]] = obj
    return got


def _config(stub: FaultServer) -> Any:
    return resolve_config(base_url=stub.base_url, model="fault-model", max_network_retries=1)


class KillAfter:
    """A progress reporter that kills one actor once ``n`` documents are done."""

    def __init__(self, n: int) -> None:
        self.n, self.done, self.pool, self.killed = n, 0, None, False

    def start(self, total: int | None) -> None: ...

    def stop(self) -> None: ...

    def advance(self, outcome: str, tokens: int = 0) -> None:
        self.done += 1
        if self.done == self.n and self.pool is not None:
            ray.kill(self.pool.actors[0])
            self.killed = True


def test_ray_engine_matches_local_survives_a_killed_actor_and_resumes(
    tmp_path: Path, local_ray: None, stub: FaultServer
) -> None:
    inputs = tmp_path / "docs.jsonl"
    write_inputs(inputs, N_DOCS)
    config = _config(stub)
    local = asyncio.run(
        run_local(config, iter_documents([inputs]), tmp_path / "local", concurrency=8)
    )
    assert local.succeeded == N_DOCS

    killer = KillAfter(40)
    summary = asyncio.run(
        run_ray(
            config,
            iter_documents([inputs]),
            tmp_path / "ray",
            actors=2,
            concurrency=4,
            progress=killer,
            pool_hook=lambda pool: setattr(killer, "pool", pool),
        )
    )
    assert killer.killed
    assert summary.succeeded == N_DOCS and summary.failed == 0, summary.line()
    assert _records(tmp_path / "ray") == _records(tmp_path / "local")
    assert (tmp_path / "ray" / "errors.jsonl").read_text() == ""
    manifest = json.loads((tmp_path / "ray" / "manifest.json").read_text())
    assert manifest["run"]["engine"]["name"] == "ray" and manifest["status"] == "complete"

    sent = stub.stats["requests"]
    again = asyncio.run(run_ray(config, iter_documents([inputs]), tmp_path / "ray", actors=2))
    assert again.skipped == N_DOCS and again.succeeded == 0
    assert stub.stats["requests"] == sent  # done documents were never dispatched


def test_cli_run_with_engine_ray_equals_the_local_engine(
    tmp_path: Path, local_ray: None, stub: FaultServer
) -> None:
    outs = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        args = [
            "run",
            *[str(p) for p in sorted(SEEDS.glob("*.txt"))],
            "--out",
            str(out),
            "--base-url",
            stub.base_url,
            "--model",
            "fault-model",
            "--no-cache",
            "-q",
            "--engine",
            engine,
        ]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outs[engine] = _records(out)
    assert len(outs["ray"]) == len(list(SEEDS.glob("*.txt")))
    assert outs["ray"] == outs["local"]


def test_extractor_errors_come_back_as_error_records(
    tmp_path: Path, local_ray: None, stub: FaultServer
) -> None:
    inputs = tmp_path / "docs.jsonl"
    inputs.write_text(
        json.dumps({"id": "blank", "text": "   "})
        + "\n"
        + json.dumps(
            {"id": "ok", "text": "An airstrike hit the market of Idlib on Thursday, killing ten."}
        )
        + "\n"
    )
    config = _config(stub)
    summary = asyncio.run(run_ray(config, iter_documents([inputs]), tmp_path / "out", actors=1))
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert summary.succeeded == 1 and [e["doc_id"] for e in errors] == ["blank"]
    assert errors[0]["error_type"] == "InputError" and "Traceback" not in errors[0]["message"]
