"""The manifest of a batch run: what ran, with which settings, and how it went.

Never holds a secret: API keys are not passed in, and credentials embedded in
URLs (``https://user:pass@host``) are masked.
"""

from __future__ import annotations

import datetime as dt
import functools
import platform
import re
from collections.abc import Mapping
from importlib import metadata
from typing import Any

from extractor.batch.store import ERRORS_FILE, RESULTS_FILE
from extractor.batch.summary import BatchSummary, SupportsAextract
from extractor.models import SCHEMA_VERSION

__all__ = ["build_manifest", "package_versions"]

_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")
_SECRET_NAME = re.compile(r"(key|secret|token|password)", re.IGNORECASE)


@functools.cache
def package_versions() -> dict[str, str | None]:
    """Versions of the project and the libraries that shape its output."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for dist in ("conflict-extractor", "openai", "instructor", "pydantic", "aiohttp"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


def _scrub(value: Any, name: str = "") -> Any:
    if isinstance(value, Mapping):
        return {str(k): _scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v, name) for v in value]
    if isinstance(value, str):
        if _SECRET_NAME.search(name) and not name.endswith(("_set", "_tokens")):
            return "***"
        return _URL_CREDENTIALS.sub(r"\g<scheme>***@", value)
    return value


def build_manifest(
    status: str,
    extractor: SupportsAextract,
    summary: BatchSummary,
    started: dt.datetime,
    *,
    settings: Mapping[str, Any],
    run_info: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The manifest as plain JSON-able data.

    ``status`` is running, complete, interrupted or failed; a failed run
    says why in ``reason`` (the same line the user was shown).
    """
    now = dt.datetime.now(dt.UTC)
    return {
        "status": status,
        "reason": summary.stopped,
        "started_at": started.isoformat(timespec="seconds"),
        "updated_at": now.isoformat(timespec="seconds"),
        "wall_s": round(summary.wall_s, 3),
        "provider": extractor.provider_name,
        "model": extractor.model_name,
        "prompt_version": extractor.prompt_version,
        "schema_version": SCHEMA_VERSION,
        "versions": dict(package_versions()),
        "batch": dict(settings),
        "run": _scrub(dict(run_info or {})),
        "counts": {
            "documents": summary.documents,
            "succeeded": summary.succeeded,
            "failed": summary.failed,
            "skipped_already_done": summary.skipped,
            "not_attempted": summary.not_attempted,
            "not_saved": summary.not_saved,
            "results_lines": summary.results_lines,
            "errors_lines": summary.errors_lines,
            "error_types": dict(summary.error_types),
        },
        "tokens": summary.usage.model_dump(),
        "model_calls": {"attempts": summary.attempts, "cached": summary.cached_calls},
        "outputs": {"results": RESULTS_FILE, "errors": ERRORS_FILE},
    }
