"""A local test double of OpenAI's Files and Batches API, for tests.

It implements the endpoints as OpenAI documents them (API reference:
Files, Batch; the `openai` SDK's `FileObject` and `Batch` types):

- ``POST /v1/files`` (multipart: ``file``, ``purpose``) -> a file object;
  ``GET /v1/files/{id}`` and ``GET /v1/files/{id}/content``;
- ``POST /v1/batches`` (``input_file_id``, ``endpoint``,
  ``completion_window`` which must be ``24h``, ``metadata``) -> a batch
  object in ``validating``; ``GET /v1/batches/{id}``;
- a batch moves validating -> in_progress -> finalizing -> completed in a
  background thread (or to ``failed`` with ``errors`` when the input file
  breaks the documented rules: one JSON request a line, unique
  ``custom_id``, ``method`` POST, ``url`` equal to the endpoint, one model,
  at most 50,000 requests and 200 MB); successful answers go to the output
  file, failed ones (status not 200) to the error file, one Batch output
  line each (``id``, ``custom_id``, ``response`` with ``status_code``,
  ``request_id`` and ``body``, ``error``);
- ``POST /v1/chat/completions`` answers a request directly, as the batch does.

Every route needs ``Authorization: Bearer <key>``. Chat answers come from a
pluggable ``answer(body) -> (status, json)``; `CassetteAnswers` replays the
responses recorded by ``make record`` (matched on the JSON body, as the
cassette replay matches), so no model runs.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Answer = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]

MAX_REQUESTS = 50_000
MAX_BYTES = 200 * 1024 * 1024


def _canonical(body: Any) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


class CassetteAnswers:
    """Chat answers recorded in vcrpy cassettes, looked up by request body."""

    def __init__(self, cassettes: Iterable[Path]) -> None:
        self.recorded: dict[str, tuple[int, dict[str, Any]]] = {}
        for path in cassettes:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            for item in data["interactions"]:
                request, response = item["request"], item["response"]
                body = request["body"]
                if isinstance(body, str):
                    body = json.loads(body)
                self.recorded[_canonical(body)] = (
                    int(response["status"]["code"]),
                    response["body"]["json"],
                )
        self.misses = 0

    def __call__(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        found = self.recorded.get(_canonical(body))
        if found is None:
            self.misses += 1
            error = {
                "message": "no recorded answer for this request",
                "type": "invalid_request_error",
                "code": None,
                "param": None,
            }
            return 400, {"error": error}
        return found


class BatchAPIServer:
    """The Files and Batches API double, on a free loopback port, in a thread."""

    def __init__(self, answer: Answer, *, api_key: str = "test-key", step_s: float = 0.05):
        self.answer = answer
        self.api_key = api_key
        self.step_s = step_s
        self.files: dict[str, dict[str, Any]] = {}
        self.contents: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.requests_seen: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._workers: list[threading.Thread] = []
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def new_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids):06d}"

    def start(self) -> BatchAPIServer:
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        for worker in self._workers:
            worker.join(timeout=10)
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> BatchAPIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- files ---------------------------------------------------------------------

    def add_file(self, filename: str, purpose: str, data: bytes) -> dict[str, Any]:
        file_id = self.new_id("file")
        obj = {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
            "expires_at": None,
            "status_details": None,
        }
        with self._lock:
            self.files[file_id] = obj
            self.contents[file_id] = data
        return obj

    # -- batches -------------------------------------------------------------------

    def create_batch(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        def bad(message: str, param: str) -> tuple[int, dict[str, Any]]:
            error = {
                "message": message,
                "type": "invalid_request_error",
                "param": param,
                "code": None,
            }
            return 400, {"error": error}

        if params.get("completion_window") != "24h":
            return bad("completion_window must be '24h'", "completion_window")
        if params.get("endpoint") not in ("/v1/chat/completions", "/v1/responses"):
            return bad("unsupported endpoint", "endpoint")
        file = self.files.get(params.get("input_file_id") or "")
        if file is None:
            return bad("no such file", "input_file_id")
        if file["purpose"] != "batch":
            return bad("the input file must be uploaded with purpose 'batch'", "input_file_id")
        now = int(time.time())
        batch = {
            "id": self.new_id("batch"),
            "object": "batch",
            "endpoint": params["endpoint"],
            "errors": None,
            "input_file_id": file["id"],
            "completion_window": "24h",
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "in_progress_at": None,
            "expires_at": now + 86400,
            "finalizing_at": None,
            "completed_at": None,
            "failed_at": None,
            "expired_at": None,
            "cancelling_at": None,
            "cancelled_at": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": params.get("metadata"),
        }
        with self._lock:
            self.batches[batch["id"]] = batch
        worker = threading.Thread(target=self._process, args=(batch["id"],), daemon=True)
        self._workers.append(worker)
        worker.start()
        return 200, dict(batch)

    def _set(self, batch_id: str, **changes: Any) -> None:
        with self._lock:
            self.batches[batch_id].update(changes)

    def _validate(self, batch: dict[str, Any], data: bytes) -> list[dict[str, Any]] | str:
        if len(data) > MAX_BYTES:
            return "input file is over 200 MB"
        lines = data.splitlines()
        if len(lines) > MAX_REQUESTS:
            return f"input file has more than {MAX_REQUESTS} requests"
        requests, ids, models = [], set(), set()
        for n, raw in enumerate(lines, 1):
            try:
                line = json.loads(raw)
                cid, body = line["custom_id"], line["body"]
            except (ValueError, KeyError, TypeError):
                return f"line {n}: not a JSON batch request"
            if line.get("method") != "POST" or line.get("url") != batch["endpoint"]:
                return f"line {n}: method must be POST and url {batch['endpoint']}"
            if cid in ids:
                return f"line {n}: duplicate custom_id {cid!r}"
            ids.add(cid)
            models.add(body.get("model"))
            requests.append(line)
        if len(models) > 1:
            return "all requests of a batch must use the same model"
        return requests

    def _process(self, batch_id: str) -> None:
        batch = self.batches[batch_id]
        time.sleep(self.step_s)
        checked = self._validate(batch, self.contents[batch["input_file_id"]])
        if isinstance(checked, str):
            errors = {
                "object": "list",
                "data": [
                    {"code": "invalid_request", "message": checked, "param": None, "line": None}
                ],
            }
            self._set(batch_id, status="failed", failed_at=int(time.time()), errors=errors)
            return
        total = len(checked)
        self._set(
            batch_id,
            status="in_progress",
            in_progress_at=int(time.time()),
            request_counts={"total": total, "completed": 0, "failed": 0},
        )
        ok_lines, error_lines = [], []
        for line in checked:
            self.requests_seen.append(line["custom_id"])
            status, body = self.answer(line["body"])
            out = {
                "id": self.new_id("batch_req"),
                "custom_id": line["custom_id"],
                "response": {"status_code": status, "request_id": self.new_id("req"), "body": body},
                "error": None,
            }
            (ok_lines if status == 200 else error_lines).append(json.dumps(out) + "\n")
        time.sleep(self.step_s)
        self._set(batch_id, status="finalizing", finalizing_at=int(time.time()))
        out_id = err_id = None
        if ok_lines:
            out_id = self.add_file(
                f"{batch_id}_output.jsonl", "batch_output", "".join(ok_lines).encode()
            )["id"]
        if error_lines:
            err_id = self.add_file(
                f"{batch_id}_error.jsonl", "batch_output", "".join(error_lines).encode()
            )["id"]
        time.sleep(self.step_s)
        counts = {"total": total, "completed": len(ok_lines), "failed": len(error_lines)}
        self._set(
            batch_id,
            status="completed",
            completed_at=int(time.time()),
            output_file_id=out_id,
            error_file_id=err_id,
            request_counts=counts,
        )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_owner: BatchAPIServer

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _send(self, status: int, payload: Any, raw: bytes | None = None) -> None:
        data = raw if raw is not None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header(
            "Content-Type", "application/octet-stream" if raw is not None else "application/json"
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        self._send(
            status, {"error": {"message": message, "type": kind, "param": None, "code": None}}
        )

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.server_owner.api_key}":
            return True
        self._error(401, "Incorrect API key provided", "invalid_request_error")
        return False

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:
        if not self._authorised():
            return
        owner = self.server_owner
        parts = self.path.split("?")[0].strip("/").split("/")
        with owner._lock:
            if parts[:2] == ["v1", "files"] and len(parts) == 3 and parts[2] in owner.files:
                return self._send(200, owner.files[parts[2]])
            content = len(parts) == 4 and parts[3] == "content"
            if parts[:2] == ["v1", "files"] and content and parts[2] in owner.contents:
                return self._send(200, None, raw=owner.contents[parts[2]])
            if parts[:2] == ["v1", "batches"] and len(parts) == 3 and parts[2] in owner.batches:
                return self._send(200, dict(owner.batches[parts[2]]))
        self._error(404, f"no such object: {self.path}")

    def do_POST(self) -> None:
        if not self._authorised():
            return
        owner = self.server_owner
        path = self.path.split("?")[0].rstrip("/")
        raw = self._body()
        if path == "/v1/files":
            return self._upload(raw)
        try:
            params = json.loads(raw)
        except ValueError:
            return self._error(400, "body is not JSON")
        if path == "/v1/batches":
            status, payload = owner.create_batch(params)
            return self._send(status, payload)
        if path == "/v1/chat/completions":
            status, payload = owner.answer(params)
            return self._send(status, payload)
        self._error(404, f"no route {self.path}")

    def _upload(self, raw: bytes) -> None:
        head = f"Content-Type: {self.headers.get('Content-Type', '')}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        if not message.is_multipart():
            return self._error(400, "expected multipart/form-data")
        fields: dict[str, Any] = {}
        filename = "upload.jsonl"
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename():
                filename = part.get_filename()
            fields[str(name)] = part.get_payload(decode=True)
        if "file" not in fields or "purpose" not in fields:
            return self._error(400, "file and purpose are required")
        purpose = fields["purpose"].decode()
        if purpose not in ("assistants", "batch", "fine-tune", "vision", "user_data", "evals"):
            return self._error(400, f"invalid purpose {purpose!r}")
        self._send(200, self.server_owner.add_file(filename, purpose, fields["file"]))
