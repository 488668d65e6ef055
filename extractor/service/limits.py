"""The request body limit, enforced before a handler reads the body.

A declared ``Content-Length`` over the limit is refused at once; a chunked
body is counted as it streams and cut off at the limit. Either way the answer
is 413 naming the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException

__all__ = ["BodyLimitMiddleware"]

ASGIApp = Callable[..., Any]


class _TooLarge(HTTPException):
    """Raised from ``receive``: FastAPI passes HTTPExceptions through body parsing."""


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Any) -> None:
        body = json.dumps(
            {"detail": f"request body over the limit of {self.max_bytes} bytes", "problems": []}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        seen = 0
        started = False

        async def counting() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(413, f"request body over the limit of {self.max_bytes} bytes")
            return message

        async def tracking(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting, tracking)
        except _TooLarge:  # raised outside FastAPI's handlers
            if not started:
                await self._refuse(send)
