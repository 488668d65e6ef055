"""Whole-document results in the result cache: key, entry and rebuild.

A document's result is determined by its text, its publication date and
title as given, the strategy and its prompts, the model and how it is asked
(mode, temperature, max_tokens, seed, chunking, re-asks), and the code that
grounds and normalises the answers. The key hashes all of these, the code by
its fingerprint (`extractor.fingerprint`), so that a change to any of them is
a miss and never a stale result. Endpoint address, timeouts and network
retries do not change an answer and are left out, as the per-call key does.

On a hit the stored result is rebuilt for this call: its doc_id, source and
metadata, and a fresh provenance that says the calls were served from the
cache (no tokens spent now, no attempts, this call's latency). The batch
runner takes the result as its JSON line, spliced from the stored text
without parsing the records again; `extract()` parses that line.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol, runtime_checkable

from pydantic import ValidationError

from .config import ExtractorConfig
from .fingerprint import code_fingerprint
from .models import SCHEMA_VERSION, ExtractionResult, Provenance, Usage

__all__ = [
    "CachedDocument",
    "DocumentCache",
    "document_key",
    "entry",
    "entry_calls",
    "rebuild",
]

log = logging.getLogger(__name__)

#: settings that do not change what a model answers or how it is read
_NOT_IN_KEY = {
    "api_key",
    "base_url",
    "timeout_s",
    "max_network_retries",
    "retry_wait_max_s",
    "local_startup_timeout_s",
}


@runtime_checkable
class DocumentCache(Protocol):
    def get_document(self, key: str) -> tuple[int, str] | None: ...

    def set_document(self, key: str, calls: int, value: str) -> None: ...


def _settings(config: ExtractorConfig) -> dict[str, Any]:
    return {f.name: getattr(config, f.name) for f in fields(config) if f.name not in _NOT_IN_KEY}


def _encoded(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


@functools.lru_cache(maxsize=64)
def _settings_json(config: ExtractorConfig) -> str:
    """The settings part of the key, encoded once per configuration."""
    return _encoded(_settings(config))


def document_key(
    config: ExtractorConfig,
    *,
    strategy: str,
    prompt_version: str,
    model: str,
    text_sha256: str,
    published: dt.date | str | None,
    title: str | None,
) -> str:
    """Hex SHA-256 over everything that determines one document's result.

    The hash of the sorted JSON of code fingerprint, model, mode, prompt
    version, publication date, settings, strategy, text hash and title; the
    settings are encoded once per configuration and spliced in at their
    sorted place, which gives the same text as encoding everything at once.
    """
    try:
        settings = _settings_json(config)
    except TypeError:  # a configuration with an unhashable value: encode it each time
        settings = _encoded(_settings(config))
    before = {
        "code": code_fingerprint(),
        "model": model,
        "mode": config.resolved_mode,
        "prompt_version": prompt_version,
        "published": None if published is None or published == "" else str(published),
    }
    after = {"strategy": strategy, "text_sha256": text_sha256, "title": title}
    encoded = f'{_encoded(before)[:-1]}, "settings": {settings}, {_encoded(after)[1:]}'
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def entry_calls(provenance: Provenance) -> int:
    """Model calls a result took: answered ones plus those the call cache served."""
    answered = provenance.attempts - provenance.network_retries - provenance.validation_retries
    return max(answered, 0) + provenance.cached_calls


#: the stored fields before and after the per-call metadata, in the results' field order
_RECORDS = {"text_sha256", "language", "published", "incidents", "statements", "title"}
_AFTER = {"warnings"}


def entry(result: ExtractionResult) -> str:
    """The stored form: a checksum, then provenance, records and warnings as JSON, a line each."""
    parts = (
        result.provenance.model_dump_json(),
        result.model_dump_json(include=_RECORDS),
        result.model_dump_json(include=_AFTER),
    )
    payload = "\n".join(parts)
    return f"{hashlib.sha256(payload.encode('utf-8')).hexdigest()}\n{payload}"


@dataclass(frozen=True)
class CachedDocument:
    """A hit, rebuilt for this call: its JSON line (no newline) and provenance."""

    line: str
    provenance: Provenance


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rebuild(
    value: str,
    calls: int,
    *,
    text_sha256: str,
    doc_id: str,
    source: str,
    metadata: Mapping[str, str] | None,
    provider: str,
    extractor_version: str,
    latency_s: float,
) -> CachedDocument | None:
    """The stored result as this call returns it, or None when the entry is unusable.

    The records are not parsed: the checksum proves the text is what this
    code (same fingerprint) wrote, and the line is spliced from it.
    """
    checksum, _, payload = value.partition("\n")
    parts = payload.split("\n")
    if hashlib.sha256(payload.encode("utf-8")).hexdigest() != checksum or len(parts) != 3:
        log.warning("result cache: dropping a corrupt document entry")
        return None
    prov_json, records, after = parts
    if not records.startswith(f'{{"text_sha256":"{text_sha256}"'):
        log.warning("result cache: dropping a document entry for another text")
        return None
    try:
        stored = Provenance.model_validate_json(prov_json)
    except ValidationError as e:
        log.warning("result cache: dropping an unreadable document entry: %s", e)
        return None
    provenance = stored.model_copy(
        update={
            "provider": provider,
            "extractor_version": extractor_version,
            "usage": Usage(),
            "attempts": 0,
            "network_retries": 0,
            "validation_retries": 0,
            "cached_calls": calls,
            "latency_s": latency_s,
            "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
        }
    )
    line = (
        f'{{"schema_version":{SCHEMA_VERSION},"doc_id":{_dumps(doc_id)},'
        f'"source":{_dumps(source)},{records[1:-1]},"metadata":{_dumps(dict(metadata or {}))},'
        f'{after[1:-1]},"provenance":{provenance.model_dump_json()}}}'
    )
    return CachedDocument(line, provenance)
