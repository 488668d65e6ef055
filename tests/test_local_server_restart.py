"""An embedded server that dies in the middle of a document.

A stand-in for `llama_cpp.server` (on PYTHONPATH, like test_local_server's)
speaks the OpenAI chat-completions API: it answers every choice with the
first label its response schema admits (the rule's own option), and kills
itself with SIGKILL while it holds the request named by
``FAKE_LLAMA_DIE_AT`` (its n-th chat request), once: it leaves a marker file
behind, so that the restarted process serves normally.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import textwrap
from pathlib import Path

import pytest

from extractor.config import resolve_config
from extractor.pipeline import Extractor
from extractor.strategies.staged import StagedStrategy

SEED = Path(__file__).parents[1] / "seeds" / "000_7ea8c643e84d13f7.txt"

FAKE_SERVER = textwrap.dedent(
    """
    import argparse, json, os, signal
    from http.server import BaseHTTPRequestHandler, HTTPServer

    p = argparse.ArgumentParser()
    for flag in ("--model", "--model_alias", "--host", "--port", "--n_ctx", "--n_threads"):
        p.add_argument(flag)
    args = p.parse_args()
    die_at = int(os.environ.get("FAKE_LLAMA_DIE_AT", "0"))
    marker = os.environ["FAKE_LLAMA_MARKER"]
    seen = 0

    def first_enum(node):
        if isinstance(node, dict):
            if "enum" in node:
                return node["enum"][0]
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                found = first_enum(item)
                if found is not None:
                    return found
        return None

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def _send(self, payload):
            body = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self._send({"data": [{"id": args.model_alias}]})

        def do_POST(self):
            global seen
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen += 1
            with open(marker + ".requests", "a") as log:
                log.write(json.dumps(request["messages"]) + "\\n")
            if seen == die_at and not os.path.exists(marker):
                open(marker, "w").close()
                os.kill(os.getpid(), signal.SIGKILL)  # mid-request: no answer ever leaves
            content = json.dumps({"answer": first_enum(request)})
            self._send({
                "id": "x", "object": "chat.completion", "created": 0, "model": args.model_alias,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            })

    HTTPServer((args.host, int(args.port)), H).serve_forever()
    """
)


@pytest.fixture
def dying_llama(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pkg = tmp_path / "site" / "llama_cpp"
    (pkg / "server").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "server" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "server" / "__main__.py").write_text(FAKE_SERVER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    importlib.invalidate_caches()
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setenv("FAKE_LLAMA_DIE_AT", "2")
    monkeypatch.setenv("FAKE_LLAMA_MARKER", str(tmp_path / "died"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return model


def _config(model: Path):  # type: ignore[no-untyped-def]
    return resolve_config(
        provider="local",
        strategy="staged",
        local_model_path=str(model),
        max_network_retries=1,
        retry_wait_max_s=0.1,
        timeout_s=20,
        local_startup_timeout_s=20,
    )


def _records(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return [r.model_dump() for r in [*result.incidents, *result.statements]]


async def test_a_server_killed_mid_document_is_restarted_and_the_document_completes(
    dying_llama: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = SEED.read_text(encoding="utf-8")
    async with Extractor(resolve_config(provider="local", strategy="rules")) as rules:
        by_rules = await rules.aextract(text, published="2019-05-07")
    caplog.set_level(logging.WARNING)
    async with Extractor(_config(dying_llama)) as extractor:
        extractor.strategy = StagedStrategy(frozenset({"speaker"}))
        server = extractor._server
        assert server is not None and server._proc is not None
        first_pid = server._proc.pid

        hit = await extractor.aextract(text, published="2019-05-07")
        p = hit.provenance
        tmp = dying_llama.parent / "died"
        assert tmp.exists()  # it did die, mid-request
        assert p.model_choices == 1  # the one answered before the crash
        assert p.rule_fallbacks >= 1  # the one in flight, and those after it
        assert [w.code for w in hit.warnings].count("embedded_server_restarted") == 1
        assert "killed by signal 9" in next(
            w.message for w in hit.warnings if w.code == "embedded_server_restarted"
        )
        assert _records(hit) == _records(by_rules)  # every answer is the rule's

        assert server._proc is not None and server._proc.pid != first_pid
        after = await extractor.aextract(text, published="2019-05-07")
        q = after.provenance
        assert q.rule_fallbacks == 0 and q.model_choices == p.model_choices + p.rule_fallbacks
        assert not [w for w in after.warnings if w.code.startswith("embedded_server")]
        assert _records(after) == _records(by_rules)

    # the request in flight when it died is logged and kept for an upstream report
    asked = (tmp.parent / "died.requests").read_text(encoding="utf-8").splitlines()
    in_flight = json.loads(asked[1])
    kept = list((tmp.parent / "cache" / "conflict-extractor" / "failed-requests").glob("*.json"))
    assert len(kept) == 1
    report = json.loads(kept[0].read_text(encoding="utf-8"))
    assert report["messages"] == in_flight
    assert report["schema"]["properties"]["answer"]["enum"][-1] == "none"
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    request = json.dumps(in_flight, ensure_ascii=False)
    assert any("a model choice failed" in m and request in m for m in logged)
    assert any("restarting it (1 of 3)" in m for m in logged)


async def test_restarts_are_bounded(dying_llama: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.local_server import ServerKeeper

    text = SEED.read_text(encoding="utf-8")
    async with Extractor(_config(dying_llama)) as extractor:
        extractor.strategy = StagedStrategy(frozenset({"speaker"}))
        assert extractor._keeper is not None and extractor._server is not None
        extractor._keeper = keeper = ServerKeeper(extractor._server, max_restarts=0)
        result = await extractor.aextract(text, published="2019-05-07")
        assert [w.code for w in result.warnings] == ["embedded_server_down"]
        assert keeper.restarts == 0 and not extractor._server.alive()
        again = await extractor.aextract(text, published="2019-05-07")  # rules throughout
        assert again.provenance.model_choices == 0 and again.provenance.rule_fallbacks >= 1
        assert [w.code for w in again.warnings] == ["embedded_server_down"]
