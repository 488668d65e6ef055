"""A fault-injecting OpenAI-compatible server for tests and benchmarks.

Serves ``POST /v1/chat/completions`` and ``GET /v1/models`` on 127.0.0.1 (a free
port), in a thread (`FaultServer`) or as a subprocess (``python
tests/fault_server.py --latency 0.2``, which prints ``URL <base_url>`` on its
first stdout line). It stops by itself after ``lifetime_s``.

Replies are chat completions whose content (or tool call, when the request
offers tools) is a JSON object valid for the response schema of the request
(see fault_content.py: for the pipeline's draft model, a small realistic draft
whose evidence is a sentence copied from the request). At
configurable rates a reply is instead: 429 with Retry-After, 500, a hang past
the client timeout, truncated JSON, JSON that breaks the schema, slow, or a
JSON object with only keys the schema does not have.

Faults are deterministic for a seed: the draw for a request depends on the
seed, the request body and how many times that same body was seen before, not
on arrival order, so concurrent clients get reproducible fault sequences.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, fields
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from fault_content import request_schema, schema_breaking, unknown_keys, valid_content

FAULT_KINDS = (
    "rate_limit",
    "server_error",
    "timeout",
    "truncated",
    "bad_schema",
    "slow",
    "unknown_keys",
)


@dataclass(frozen=True)
class FaultPlan:
    """Rates (0..1, summed at most 1) and timings of injected faults."""

    seed: int = 0
    rate_limit: float = 0.0  # 429 with Retry-After
    server_error: float = 0.0  # 500
    timeout: float = 0.0  # no answer for hang_s (set it above the client timeout)
    truncated: float = 0.0  # JSON cut in half, finish_reason "length"
    bad_schema: float = 0.0  # JSON of the wrong shape
    slow: float = 0.0  # a valid answer after latency_s + slow_s
    unknown_keys: float = 0.0  # a JSON object with none of the schema's keys
    latency_s: float = 0.0  # every answer leaves this long after its request arrived
    slow_s: float = 1.0
    hang_s: float = 5.0
    retry_after_s: float = 0.0
    model: str = "fault-model"

    def __post_init__(self) -> None:
        if sum(getattr(self, k) for k in FAULT_KINDS) > 1.0 + 1e-9:
            raise ValueError("fault rates add up to more than 1")


# --------------------------------------------------------------------------- server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256
    allow_reuse_address = True


class FaultServer:
    """An OpenAI-compatible server with injected faults, on a free loopback port."""

    def __init__(
        self,
        plan: FaultPlan | None = None,
        *,
        lifetime_s: float = 300.0,
        drafts: list[tuple[str, dict[str, Any]]] | None = None,
        keep_requests: bool = False,
    ) -> None:
        self.plan = plan or FaultPlan()
        self.keep_requests = keep_requests
        self.requests: list[dict[str, Any]] = []  # bodies received, with keep_requests
        self.in_flight = 0  # chat requests received and not yet answered
        self.max_in_flight = 0
        self.lifetime_s = lifetime_s
        self.drafts = drafts or []
        self.stats: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._seen: Counter[str] = Counter()
        self._stop = threading.Event()
        self._conns: set[Any] = set()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def draw(self, body: bytes) -> str:
        """The reply kind for this request: ``ok`` or one of FAULT_KINDS."""
        digest = hashlib.sha256(body).hexdigest()
        with self._lock:
            n = self._seen[digest]
            self._seen[digest] += 1
        h = hashlib.sha256(f"{self.plan.seed}:{digest}:{n}".encode()).digest()
        u = int.from_bytes(h[:8], "big") / 2**64
        edge = 0.0
        for kind in FAULT_KINDS:
            edge += getattr(self.plan, kind)
            if u < edge:
                return kind
        return "ok"

    def content(self, body: dict[str, Any]) -> dict[str, Any]:
        """A valid answer: the given draft whose marker the prompt holds, else generated."""
        if self.drafts:
            prompt = " ".join(
                m["content"]
                for m in body.get("messages") or []
                if isinstance(m.get("content"), str)
            )
            for marker, draft in self.drafts:
                if marker in prompt:
                    return draft
        return valid_content(body)

    def count(self, key: str) -> None:
        with self._lock:
            self.stats[key] += 1

    def wait(self, seconds: float) -> bool:
        """Sleep (not at all for ``seconds`` <= 0); True when the server was stopped meanwhile."""
        return self._stop.wait(seconds) if seconds > 0 else self._stop.is_set()

    def wait_stopped(self, timeout: float | None = None) -> bool:
        """Block until the server stops (lifetime over or `stop` called)."""
        return self._stop.wait(timeout)

    def start(self) -> FaultServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self._timer = threading.Timer(self.lifetime_s, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:  # wake handler threads blocked on idle keep-alive connections
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once: no delayed-ACK stall
    owner: FaultServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return None

    def setup(self) -> None:
        super().setup()
        with self.owner._lock:
            self.owner._conns.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.owner._lock:
                self.owner._conns.discard(self.connection)

    def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up (timeout fault)
            self.close_connection = True

    def do_GET(self) -> None:
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            model = {"id": self.owner.plan.model, "object": "model", "created": 0,
                     "owned_by": "fault-server"}  # fmt: skip
            self._send(200, {"object": "list", "data": [model]})
        elif self.path.rstrip("/") in ("/health", "/v1/health"):
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:
        owner = self.owner
        with owner._lock:
            owner.in_flight += 1
            owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
        try:
            self._post()
        finally:
            with owner._lock:
                owner.in_flight -= 1

    def _post(self) -> None:
        arrived = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._send(400, {"error": {"message": "body is not JSON", "type": "invalid_request"}})
            return
        owner, plan = self.owner, self.owner.plan
        if owner.keep_requests:
            with owner._lock:
                owner.requests.append(body)
        kind = owner.draw(raw)
        owner.count("requests")
        owner.count(kind)
        if kind == "timeout":
            owner.wait(plan.hang_s)
            self.close_connection = True
            return
        # The latency runs from the request's arrival, and the answer is made
        # meanwhile: parsing and encoding here do not add to it.
        reply = None
        if kind not in ("rate_limit", "server_error"):
            reply = json.dumps(self._completion(body, kind, len(raw))).encode()
        delay = plan.latency_s + (plan.slow_s if kind == "slow" else 0.0)
        if owner.wait(arrived + delay - time.monotonic()):
            self.close_connection = True
            return
        if kind == "rate_limit":
            headers = {
                "Retry-After": str(round(plan.retry_after_s)),
                "retry-after-ms": str(int(plan.retry_after_s * 1000)),
            }
            error = {"message": "Rate limit reached", "type": "rate_limit_error"}
            self._send(429, {"error": error}, headers)
            return
        if kind == "server_error":
            self._send(500, {"error": {"message": "internal error", "type": "server_error"}})
            return
        self._send(200, reply)

    def _completion(self, body: dict[str, Any], kind: str, request_bytes: int) -> dict[str, Any]:
        schema, tool = request_schema(body)
        if kind == "bad_schema":
            text = json.dumps(schema_breaking(schema, schema))
        elif kind == "unknown_keys":
            text = json.dumps(unknown_keys(valid_content(body)))
        else:
            text = json.dumps(self.owner.content(body))
        finish = "stop"
        if kind == "truncated":
            text, finish = text[: len(text) // 2], "length"
        message: dict[str, Any] = {"role": "assistant", "content": text}
        if tool is not None:
            message["content"] = None
            call = {"name": tool, "arguments": text}
            message["tool_calls"] = [{"id": "call_0", "type": "function", "function": call}]
            finish = "tool_calls" if finish == "stop" else finish
        prompt_tokens = max(1, request_bytes // 4)
        completion_tokens = max(1, len(text) // 4)
        return {
            "id": f"chatcmpl-{self.owner.stats['requests']}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model") or self.owner.plan.model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }


def main(argv: list[str] | None = None) -> None:
    """Run the server in the foreground; print ``URL <base_url>`` first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for f in fields(FaultPlan):
        flag = ("--rate-" if f.name in FAULT_KINDS else "--") + f.name.replace("_", "-")
        parser.add_argument(flag, dest=f.name, type=type(f.default), default=f.default)
    parser.add_argument("--lifetime-s", type=float, default=600.0)
    parser.add_argument(
        "--drafts",
        help="JSON list of {marker, draft}: answer with the draft whose marker the prompt holds",
    )
    parser.add_argument(
        "--stop-on-eof", action="store_true", help="stop when stdin closes (parent exited)"
    )
    args = parser.parse_args(argv)
    plan = FaultPlan(**{f.name: getattr(args, f.name) for f in fields(FaultPlan)})
    drafts = None
    if args.drafts:
        with open(args.drafts, encoding="utf-8") as fh:
            drafts = [(row["marker"], row["draft"]) for row in json.load(fh)]
    server = FaultServer(plan, lifetime_s=args.lifetime_s, drafts=drafts).start()
    print(f"URL {server.base_url}", flush=True)
    try:
        if args.stop_on_eof:
            threading.Thread(target=lambda: (sys.stdin.read(), server.stop()), daemon=True).start()
        server.wait_stopped()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
