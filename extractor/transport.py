"""Chat-completion requests over HTTP: one aiohttp session, bounded network retries.

The structured-call layer (`extractor.llm`) builds each request body with
instructor and parses each answer with it; this module only moves the JSON
to ``<base_url>/chat/completions`` and back. It replaces the openai SDK's
request and response machinery on the hot path: with a loopback server that
answers at once, the SDK's typed request building, httpx and its response
construction cost about 2.5 ms of CPU per call, against about 0.5 ms for
the same request through aiohttp and pydantic here (benchmarks/bench_client.py).

Retried, with exponential backoff and jitter (Retry-After honoured, capped):
connection failures, timeouts, HTTP 429 and 5xx, as the SDK's own retry
rules do. Not retried: other HTTP errors and answers that are not a chat
completion. Every failure that ends a call is a `TransportError` that says
what happened (`unreachable`, `timeout`, `status`) so the caller can word it.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import yarl
from openai.types.chat import ChatCompletion
from pydantic import ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

__all__ = [
    "ChatTransport",
    "TransportError",
    "Wait",
    "encode_body",
    "env_proxy",
    "parse_chat_completion",
    "retry_after_seconds",
]

#: connection failures in a row (over all calls of a transport) after which no call retries one
UNREACHABLE_STREAK = 8


class TransportError(Exception):
    """A request that failed for good (after its retries, if it was worth retrying).

    ``kind`` is ``unreachable`` (no connection could be opened or kept),
    ``timeout`` (connected, no answer in time), ``status`` (an HTTP error
    status; ``status`` and ``detail`` say which), ``tls`` (the TLS handshake
    or certificate failed), ``invalid`` (a 2xx answer that is not a chat
    completion) or ``failed`` (the request could not be made at all).
    """

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        status: int | None = None,
        detail: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.detail = detail
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        if self.kind in ("unreachable", "timeout"):
            return True
        return (
            self.kind == "status"
            and self.status is not None
            and (self.status == 429 or self.status >= 500)
        )


class Wait:
    """Retry-After when the server sends one, else exponential backoff with jitter."""

    def __init__(self, cap: float, retry_after: Callable[[BaseException | None], float | None]):
        self.cap = cap
        self.retry_after = retry_after
        self.backoff = wait_exponential(multiplier=0.5, max=cap) + wait_random(0, 0.5)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = self.retry_after(exc)
        if hinted is not None:
            return min(hinted, self.cap)
        return float(self.backoff(state))


def _retry_after(exc: BaseException | None) -> float | None:
    return exc.retry_after if isinstance(exc, TransportError) else None


def retry_after_seconds(raw: str | None) -> float | None:
    """A Retry-After header's seconds (never negative), or None when absent or not a number."""
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except ValueError:
        return None


def _detail(raw: bytes) -> str:
    """The error message of an error body (OpenAI's ``{"error": {"message": ...}}``), else its text."""
    text = raw.decode("utf-8", "replace").strip()
    try:
        body = json.loads(text)
    except ValueError:
        return text[:300]
    error = body.get("error") if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    if isinstance(message, str) and message:
        return message[:300]
    return text[:300]


def encode_body(body: Any) -> bytes:
    """A request body as sent: compact UTF-8 JSON."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def env_proxy(url: str) -> str | None:
    """The proxy that HTTP(S)_PROXY / NO_PROXY give for ``url``, as httpx and requests read them."""
    parts = urlsplit(url)
    if parts.hostname and urllib.request.proxy_bypass(parts.hostname):
        return None
    return urllib.request.getproxies().get(parts.scheme)


def parse_chat_completion(raw: bytes) -> ChatCompletion:
    """A chat completion from its JSON, validated in one pass by pydantic.

    An answer that deviates from OpenAI's types (some servers leave out or
    rename fields) is built leniently instead, as the openai SDK builds
    every answer; a body that is not a JSON object raises ValueError.
    """
    try:
        return ChatCompletion.model_validate_json(raw)
    except ValidationError:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("the answer is not a JSON object") from None
        return ChatCompletion.construct(**data)


class ChatTransport:
    """POSTs chat-completion bodies to one endpoint; safe to share between tasks.

    ``on_attempt`` and ``on_retry`` are called with the caller's token before
    every request sent and before every wait for a retry, for accounting.
    """

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None,
        timeout_s: float,
        max_retries: int,
        retry_wait_max_s: float,
        user_agent: str = "conflict-extractor",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.url = f"{self.base_url}/chat/completions"
        self.timeout_s = timeout_s
        self._headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": user_agent,
            "Authorization": f"Bearer {api_key or 'not-needed'}",
            **(headers or {}),
        }
        self._timeout = aiohttp.ClientTimeout(
            total=None, connect=timeout_s, sock_connect=timeout_s, sock_read=timeout_s
        )
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None  # the session's
        # The environment's proxy, read once: aiohttp's trust_env reads it,
        # and netrc, in a thread on every request.
        self._proxy = env_proxy(self.url)
        self._proxy_auth = (
            aiohttp.BasicAuth.from_url(yarl.URL(self._proxy)) if self._proxy else None
        )
        self.unreachable_streak = 0  # connection failures in a row, over all calls
        self._retrying = AsyncRetrying(
            retry=retry_if_exception(self._worth_retrying),
            stop=stop_after_attempt(max_retries + 1),
            wait=Wait(retry_wait_max_s, _retry_after),
            reraise=True,
        )

    def _worth_retrying(self, exc: BaseException) -> bool:
        if not isinstance(exc, TransportError) or not exc.retryable:
            return False
        # Once the endpoint has refused UNREACHABLE_STREAK connections in a
        # row, calls fail at once instead of each waiting out its backoff.
        return not (exc.kind == "unreachable" and self.unreachable_streak >= UNREACHABLE_STREAK)

    def _session_now(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is not None and not self._session.closed and self._loop is not loop:
            raise TransportError(
                "failed",
                "this client was started in another event loop: start the Extractor "
                "(async with Extractor(...)) inside the loop that uses it",
            )
        if self._session is None or self._session.closed:
            # Made on first use, inside the running event loop. No cookies:
            # an API endpoint sets none worth sending back.
            self._loop = loop
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=1000),
                timeout=self._timeout,
                cookie_jar=aiohttp.DummyCookieJar(),
            )
        return self._session

    async def complete(
        self,
        body: dict[str, Any] | bytes,
        *,
        on_attempt: Callable[[], None] | None = None,
        on_retry: Callable[[], None] | None = None,
    ) -> ChatCompletion:
        """The endpoint's chat completion for ``body`` (a dict, or its JSON), retrying what is worth it."""
        data = body if isinstance(body, bytes) else encode_body(body)
        retrying = self._retrying.copy(
            before_sleep=(lambda _state: on_retry()) if on_retry is not None else None
        )
        async for attempt in retrying:
            with attempt:
                if on_attempt is not None:
                    on_attempt()
                try:
                    completion = await self._post(data)
                except TransportError as e:
                    if e.kind == "unreachable":
                        self.unreachable_streak += 1
                    raise
                self.unreachable_streak = 0
                return completion
        raise AssertionError("unreachable")  # pragma: no cover

    async def _post(self, data: bytes) -> ChatCompletion:
        session = self._session_now()  # outside the try: its error is worded already
        try:
            async with session.post(
                self.url,
                data=data,
                headers=self._headers,
                proxy=self._proxy,
                proxy_auth=self._proxy_auth,
            ) as response:
                raw = await response.read()
                status = response.status
                retry_after = retry_after_seconds(response.headers.get("retry-after"))
        except aiohttp.ClientSSLError as e:  # a certificate problem: retrying will not help
            raise TransportError("tls", f"TLS failed ({e})") from e
        except (aiohttp.ConnectionTimeoutError, aiohttp.ClientConnectorError) as e:
            raise TransportError("unreachable", f"cannot reach the endpoint ({e})") from e
        except (TimeoutError, aiohttp.ServerTimeoutError) as e:
            raise TransportError(
                "timeout", f"no answer within {self.timeout_s:g}s ({e or type(e).__name__})"
            ) from e
        except aiohttp.ClientError as e:  # the connection broke: reset, closed mid-answer
            raise TransportError("unreachable", f"cannot reach the endpoint ({e})") from e
        except Exception as e:  # a bad URL, a closed loop, a replay with no such request
            raise TransportError("failed", f"the request failed ({type(e).__name__}: {e})") from e
        if status >= 400:
            detail = _detail(raw)
            raise TransportError(
                "status", f"HTTP {status}: {detail}", status=status, detail=detail,
                retry_after=retry_after,
            )  # fmt: skip
        try:
            return parse_chat_completion(raw)
        except ValueError as e:
            raise TransportError("invalid", f"the answer is not a chat completion: {e}") from e

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
