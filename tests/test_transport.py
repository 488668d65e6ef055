"""The chat-completion transport: what it sends, what it retries, how it words failures."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from client_support import ARTICLE, fault_config

from extractor.config import resolve_config
from extractor.draft import Draft
from extractor.errors import EndpointUnreachableError, ProviderError
from extractor.llm import CallStats, StructuredClient, request_body
from extractor.templates import default_prompts
from extractor.transport import (
    ChatTransport,
    TransportError,
    encode_body,
    env_proxy,
    parse_chat_completion,
)

COMPLETION = {
    "id": "c1",
    "object": "chat.completion",
    "created": 0,
    "model": "m",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": '{"incidents": [], "statements": []}'},
        }
    ],
    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
}


@contextmanager
def canned(replies: list[tuple[int, dict[str, str], bytes]]) -> Iterator[tuple[str, list[Any]]]:
    """A loopback server that answers requests with ``replies`` in turn (the last one repeats)."""
    seen: list[Any] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append((self.path, dict(self.headers), json.loads(body)))
            status, headers, payload = replies[min(len(seen), len(replies)) - 1]
            self.send_response(status)
            for k, v in {"Content-Type": "application/json", **headers}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def ok() -> tuple[int, dict[str, str], bytes]:
    return 200, {}, json.dumps(COMPLETION).encode()


def transport(url: str, retries: int = 0) -> ChatTransport:
    return ChatTransport(
        url, api_key="sk-test", timeout_s=5, max_retries=retries, retry_wait_max_s=0.01
    )


async def test_a_request_goes_to_chat_completions_with_the_key_as_bearer() -> None:
    with canned([ok()]) as (url, seen):
        t = transport(url)
        completion = await t.complete({"model": "m", "messages": []})
        await t.aclose()
    path, headers, body = seen[0]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer sk-test"
    assert headers["Content-Type"] == "application/json"
    assert body == {"model": "m", "messages": []}
    assert completion.choices[0].message.content == '{"incidents": [], "statements": []}'
    assert completion.usage is not None and completion.usage.total_tokens == 5


async def test_429_waits_for_retry_after_and_5xx_are_retried_then_answered() -> None:
    error = json.dumps({"error": {"message": "slow down"}}).encode()
    replies = [(429, {"Retry-After": "0"}, error), (503, {}, b"busy"), ok()]
    attempts, retries = [], []
    with canned(replies) as (url, seen):
        t = transport(url, retries=2)
        await t.complete(
            {"messages": []},
            on_attempt=lambda: attempts.append(1),
            on_retry=lambda: retries.append(1),
        )
        await t.aclose()
    assert len(seen) == 3 and len(attempts) == 3 and len(retries) == 2


@pytest.mark.parametrize(
    ("status", "payload", "words"),
    [
        (
            400,
            {"error": {"message": "max_tokens is too large"}},
            "HTTP 400: max_tokens is too large",
        ),
        (422, {"detail": "bad"}, 'HTTP 422: {"detail": "bad"}'),
        (500, {"error": "boom"}, "HTTP 500: boom"),
    ],
)
async def test_an_http_error_names_the_status_and_the_servers_words(
    status: int, payload: dict[str, Any], words: str
) -> None:
    with canned([(status, {}, json.dumps(payload).encode())]) as (url, seen):
        t = transport(url)
        with pytest.raises(TransportError) as caught:
            await t.complete({"messages": []})
        await t.aclose()
    assert str(caught.value) == words and caught.value.status == status
    assert len(seen) == 1  # no retries were allowed


async def test_a_2xx_that_is_not_a_chat_completion_is_not_retried() -> None:
    with canned([(200, {}, b"<html>proxy login</html>")]) as (url, seen):
        t = transport(url, retries=3)
        with pytest.raises(TransportError, match="not a chat completion") as caught:
            await t.complete({"messages": []})
        await t.aclose()
    assert caught.value.kind == "invalid" and len(seen) == 1


def test_a_completion_that_bends_openais_types_is_still_read() -> None:
    loose = {k: v for k, v in COMPLETION.items() if k not in ("created", "object")}
    loose["choices"] = [{**COMPLETION["choices"][0], "finish_reason": "eos"}]  # type: ignore[index]
    completion = parse_chat_completion(json.dumps(loose).encode())
    assert completion.choices[0].message.content == '{"incidents": [], "statements": []}'
    with pytest.raises(ValueError):
        parse_chat_completion(b"[1, 2]")


async def test_the_client_says_authentication_and_unknown_model_in_its_words() -> None:
    config = fault_config("http://127.0.0.1:1/v1", max_network_retries=0)
    messages = [{"role": "user", "content": "x"}]
    unauthorised = (401, {}, json.dumps({"error": {"message": "Incorrect API key"}}).encode())
    missing = (404, {}, json.dumps({"error": {"message": "no such model"}}).encode())
    for reply, words in ((unauthorised, "authentication failed"), (missing, "not found")):
        with canned([reply]) as (url, _):
            client = StructuredClient(config, base_url=url, api_key="sk-secret")
            with pytest.raises(ProviderError, match=words) as caught:
                await client.create(messages, Draft, CallStats())
            await client.aclose()
        assert "sk-secret" not in str(caught.value)
        assert caught.value.attempts == 1  # type: ignore[attr-defined]


async def test_a_refused_connection_is_unreachable_and_counts_the_streak() -> None:
    t = transport("http://127.0.0.1:9/v1", retries=1)
    with pytest.raises(TransportError) as caught:
        await t.complete({"messages": []})
    await t.aclose()
    assert caught.value.kind == "unreachable" and "cannot reach" in str(caught.value)
    assert t.unreachable_streak == 2
    config = fault_config("http://127.0.0.1:9/v1", max_network_retries=0)
    client = StructuredClient(config, base_url=config.base_url, api_key=None)
    with pytest.raises(EndpointUnreachableError, match=r"127\.0\.0\.1:9/v1: cannot reach"):
        await client.create([{"role": "user", "content": "x"}], Draft, CallStats())
    await client.aclose()


def test_proxies_come_from_the_environment_and_no_proxy_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert env_proxy("https://api.openai.com/v1/chat/completions") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://user:pw@proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example")
    assert env_proxy("https://api.openai.com/v1") == "http://user:pw@proxy.example:3128"
    assert env_proxy("https://internal.example/v1") is None
    assert env_proxy("http://api.openai.com/v1") is None  # only an https proxy is set


@pytest.mark.parametrize("mode", ["json_schema", "tools", "json", "md_json"])
def test_the_spliced_request_is_the_body_instructor_builds(mode: str) -> None:
    config = resolve_config(
        provider="openai_compatible", base_url="http://x/v1", model="m", api_key="k", mode=mode
    )
    client = StructuredClient(config, base_url=config.base_url, api_key="k")
    prompts = default_prompts()
    for text in (ARTICLE, 'Ünïcode «quotes» and "escapes"\n\\ and \u0000 nul', "short"):
        messages = prompts.render(text, published="2019-06-04", title=None)
        body, data = client.request(messages, Draft)
        expected = request_body(config, messages, Draft)
        assert body == expected
        assert json.loads(data) == expected
        assert data == encode_body(expected)


async def test_openai_organisation_and_project_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_ORG_ID", "org-1")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-1")
    config = fault_config("http://127.0.0.1:1/v1")
    with canned([ok()]) as (url, seen):
        client = StructuredClient(config, base_url=url, api_key="k")
        await client.create([{"role": "user", "content": "x"}], Draft, CallStats())
        await client.aclose()
    headers = seen[0][1]
    assert headers["OpenAI-Organization"] == "org-1" and headers["OpenAI-Project"] == "proj-1"


def test_a_transport_used_from_another_event_loop_says_so() -> None:
    """A session cannot cross event loops: the error says how to start the client."""
    import asyncio

    with canned([ok()]) as (url, seen):
        t = transport(url)
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(t.complete({"messages": []}))
            with pytest.raises(TransportError, match="started in another event loop"):
                asyncio.run(t.complete({"messages": []}))
            loop.run_until_complete(t.aclose())
        finally:
            loop.close()
    assert len(seen) == 1
