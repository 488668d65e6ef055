"""The embedded server's life cycle, with a stand-in for llama_cpp.server.

A fake `llama_cpp` package on PYTHONPATH answers /v1/models on the port it
is given, so start, health wait and stop are exercised for real without
building llama.cpp.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import httpx
import pytest

from extractor.errors import ConfigurationError, ProviderError
from extractor.local_server import LocalServer, model_path_for

FAKE_SERVER = textwrap.dedent(
    """
    import argparse, json, os, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer

    p = argparse.ArgumentParser()
    for flag in ("--model", "--model_alias", "--host", "--port", "--n_ctx", "--n_threads"):
        p.add_argument(flag)
    args = p.parse_args()
    if os.environ.get("FAKE_LLAMA_CRASH"):
        print("error loading model: bad magic", flush=True)
        sys.exit(3)

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            body = json.dumps({"data": [{"id": args.model_alias}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

    HTTPServer((args.host, int(args.port)), H).serve_forever()
    """
)


@pytest.fixture
def fake_llama(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
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
    return model


def test_starts_on_loopback_answers_and_stops(fake_llama: Path) -> None:
    server = LocalServer("smollm2-135m-instruct", model_path=str(fake_llama), startup_timeout_s=20)
    with server:
        assert server.base_url.startswith("http://127.0.0.1:")
        models = httpx.get(f"{server.base_url}/models", timeout=5).json()
        assert models["data"][0]["id"] == "smollm2-135m-instruct"
        proc = server._proc
        assert proc is not None and proc.poll() is None
    assert proc.poll() is not None  # stopped on exit
    server.stop()  # idempotent


def test_stops_when_the_body_raises(fake_llama: Path) -> None:
    server = LocalServer("smollm2-135m-instruct", model_path=str(fake_llama), startup_timeout_s=20)
    with pytest.raises(RuntimeError), server:
        proc = server._proc
        raise RuntimeError("boom")
    assert proc is not None and proc.poll() is not None


def test_a_server_that_dies_reports_its_log(
    fake_llama: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_CRASH", "1")
    server = LocalServer("smollm2-135m-instruct", model_path=str(fake_llama), startup_timeout_s=20)
    with pytest.raises(ProviderError, match=r"exited with code 3.*bad magic"):
        server.start()


def test_missing_llama_cpp_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "llama_cpp" else real(name, *a),
    )
    with pytest.raises(ConfigurationError, match=r"conflict-extractor\[local\]"):
        LocalServer("smollm2-135m-instruct").start()


def test_unknown_model_and_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="unknown embedded model 'gpt-9'"):
        model_path_for("gpt-9")
    with pytest.raises(ConfigurationError, match="EXTRACTOR_LOCAL_MODEL_PATH"):
        model_path_for("smollm2-135m-instruct", str(tmp_path / "nope.gguf"))


def test_server_dies_with_a_killed_parent(fake_llama: Path, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import time
            from extractor.local_server import LocalServer
            server = LocalServer("smollm2-135m-instruct", model_path={str(fake_llama)!r})
            server.start()
            print(server._proc.pid, flush=True)
            time.sleep(60)
            """
        ),
        encoding="utf-8",
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    with parent.stdout:
        child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{child}/stat") as stat:  # a zombie awaiting its reaper is gone too
            if stat.read().split()[2] == "Z":
                return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the embedded server outlived its killed parent")
