"""One look at the model endpoint before a batch sends it anything.

``GET {base_url}/models`` answers on every OpenAI-compatible server. Any
HTTP answer, even 401 or 404, shows that something is listening there; a
refused or reset connection, an unknown host, a connect timeout or a reply
that is not HTTP shows it is not, and the batch stops before its first
document. Anything else the check cannot judge is left to the run.
"""

from __future__ import annotations

import logging

import httpx

from extractor.errors import EndpointUnreachableError

__all__ = ["check_endpoint"]

log = logging.getLogger(__name__)

#: longest the check waits, whatever the per-request timeout is
CHECK_TIMEOUT_S = 10.0


async def check_endpoint(base_url: str, *, timeout_s: float) -> None:
    """Raise `EndpointUnreachableError` when nothing answers HTTP at ``base_url``."""
    url = base_url.rstrip("/") + "/models"
    timeout = httpx.Timeout(min(timeout_s, CHECK_TIMEOUT_S))
    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
            await client.get(url)
    except httpx.TransportError as e:  # connect, read, protocol, proxy, unsupported URL
        reason = str(e) or type(e).__name__
        raise EndpointUnreachableError(
            f"{base_url}: cannot reach the model endpoint ({reason}); "
            "is the server running, and is the base URL right?"
        ) from e
    except Exception as e:  # not a verdict on the endpoint (the run will tell)
        log.debug("endpoint check of %s was inconclusive: %r", url, e)
