"""What `prepare` writes into a batch folder, and how the other steps read it.

DIR/manifest.json        settings, prompt version, request files, and
                         custom id -> [doc id, chunk index]
DIR/documents.jsonl      each document's text and metadata (collect
                         grounds against these, not a copy of the inputs)
DIR/input_errors.jsonl   inputs that could not be read (error records)
DIR/requests-0001.jsonl  Batch API input lines, split at the API's limits
DIR/batches.json         after `submit`: uploaded file and batch ids
DIR/outputs/             after `fetch`: output and error files
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from extractor.config import ExtractorConfig, validate_config
from extractor.errors import ConfigurationError, InputError

__all__ = [
    "BATCH_ENDPOINT",
    "BATCH_FORMAT",
    "MAX_FILE_BYTES",
    "MAX_FILE_REQUESTS",
    "BatchDir",
    "custom_id_for",
    "load_batch_dir",
]

BATCH_FORMAT = 1
BATCH_ENDPOINT = "/v1/chat/completions"
MAX_FILE_REQUESTS = 50_000  # the Batch API's limit per input file
MAX_FILE_BYTES = 200 * 1024 * 1024  # and its size limit per file

MANIFEST = "manifest.json"
DOCUMENTS = "documents.jsonl"
INPUT_ERRORS = "input_errors.jsonl"
BATCHES = "batches.json"
OUTPUTS = "outputs"

_PLAIN_ID = re.compile(r"^[A-Za-z0-9._-]{1,48}$")


def custom_id_for(doc_id: str, chunk: int, prompt_version: str) -> str:
    """``<doc id>#c<chunk>#p<prompt version>``; an unusual or long doc id is
    shortened and hashed, so the id stays readable and unique."""
    if not _PLAIN_ID.match(doc_id):
        digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:12]
        head = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:32]
        doc_id = f"{head}~{digest}"
    return f"{doc_id}#c{chunk}#p{prompt_version}"


def config_from_manifest(settings: dict[str, Any]) -> ExtractorConfig:
    """The extraction settings `prepare` used (no secret was stored)."""
    names = {f.name for f in fields(ExtractorConfig)} - {"api_key"}
    config = ExtractorConfig(**{k: v for k, v in settings.items() if k in names})
    validate_config(config, check_endpoint=False)
    return config


@dataclass(frozen=True)
class BatchDir:
    """A prepared batch folder."""

    root: Path
    manifest: dict[str, Any]

    @property
    def config(self) -> ExtractorConfig:
        return config_from_manifest(self.manifest["config"])

    @property
    def prompt_version(self) -> str:
        return str(self.manifest["prompt_version"])

    @property
    def request_files(self) -> list[Path]:
        return [self.root / f["name"] for f in self.manifest["files"]]

    @property
    def requests(self) -> dict[str, list[Any]]:
        """custom id -> [doc id, chunk index]."""
        return self.manifest["requests"]  # type: ignore[no-any-return]

    def documents(self) -> Iterator[dict[str, Any]]:
        yield from _read_lines(self.root / DOCUMENTS)

    def input_errors(self) -> Iterator[dict[str, Any]]:
        yield from _read_lines(self.root / INPUT_ERRORS)


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                yield json.loads(raw)
            except ValueError as e:
                raise InputError(f"line {n} is not JSON: {e}", path=str(path)) from e


def load_batch_dir(root: str | Path) -> BatchDir:
    """Read the manifest of a folder written by `prepare`."""
    root = Path(root)
    path = root / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigurationError(
            f"{root}: not a prepared batch folder (no {MANIFEST}; run `extractor batch prepare`)"
        ) from e
    except (OSError, ValueError) as e:
        raise ConfigurationError(f"{path}: cannot read the batch manifest: {e}") from e
    if manifest.get("format") != BATCH_FORMAT or "requests" not in manifest:
        raise ConfigurationError(f"{path}: not a batch manifest of format {BATCH_FORMAT}")
    return BatchDir(root, manifest)
