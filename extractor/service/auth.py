"""Bearer-token access, as a FastAPI dependency.

With no tokens configured the service is open (and listens on loopback by
default). With tokens, every route that depends on `require_token` answers 401
without a valid ``Authorization: Bearer <token>``. Tokens are compared in
constant time; what the service keeps of a token (to tie a job to it) is a
keyed hash, never the token.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import HTTPException, Request, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

__all__ = ["ANONYMOUS", "Principal", "TokenChecker", "require_token"]

_OWNER_KEY = b"conflict-extractor/job-owner/v1"


@dataclass(frozen=True)
class Principal:
    """Who is calling: ``owner`` is the hash jobs are filed under."""

    owner: str


ANONYMOUS = Principal(owner="anonymous")


def owner_hash(token: bytes) -> str:
    return hmac.new(_OWNER_KEY, token, hashlib.sha256).hexdigest()


class TokenChecker:
    """Checks a presented token against the configured ones in constant time."""

    def __init__(self, tokens: Sequence[SecretStr]) -> None:
        self._tokens = [t.get_secret_value().encode("utf-8") for t in tokens]

    @property
    def enabled(self) -> bool:
        return bool(self._tokens)

    def check(self, authorization: str | None) -> Principal:
        if not self._tokens:
            return ANONYMOUS
        scheme, _, presented = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            raise _unauthorized("missing bearer token: send 'Authorization: Bearer <token>'")
        given = presented.strip().encode("utf-8")
        match = False
        for token in self._tokens:  # every token compared: timing says nothing about which
            match |= hmac.compare_digest(given, token)
        if not match:
            raise _unauthorized("invalid bearer token")
        return Principal(owner=owner_hash(given))


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=message, headers={"WWW-Authenticate": "Bearer"}
    )


# Declared so that the OpenAPI schema names the scheme and /docs offers
# "Authorize"; the header itself is checked below, the same with or without it.
_BEARER = HTTPBearer(
    auto_error=False,
    description="A token of EXTRACTOR_SERVICE_TOKENS (none configured: no token needed).",
)


async def require_token(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)],
) -> Principal:
    """The dependency: the caller, or 401 (async: no trip through the thread pool)."""
    checker: TokenChecker = request.app.state.tokens
    return checker.check(request.headers.get("authorization"))
