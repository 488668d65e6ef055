"""`submit`, `status` and `fetch`: a prepared folder through OpenAI's Files
and Batches endpoints, with the `openai` SDK.

submit: each request file is uploaded with purpose ``batch`` and a batch is
created on it (endpoint ``/v1/chat/completions``, completion window
``24h``); ids go to ``DIR/batches.json`` as soon as each exists, so a submit
interrupted halfway resumes without paying twice. status: retrieves every
batch and records its status and request counts. fetch: downloads the output
and error files of finished batches into ``DIR/outputs/``.

Only ids and statuses are written; the API key is read by the SDK from the
environment and never stored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openai

from extractor.batch.store import write_json_atomic
from extractor.batchfile.layout import BATCH_ENDPOINT, BATCHES, OUTPUTS, load_batch_dir
from extractor.errors import ConfigurationError, ProviderError

__all__ = ["TERMINAL", "fetch_batches", "refresh_status", "submit_batches"]

TERMINAL = ("completed", "failed", "expired", "cancelled")


def _state_path(root: Path) -> Path:
    return root / BATCHES


def load_state(root: str | Path) -> dict[str, Any]:
    path = _state_path(Path(root))
    if not path.exists():
        return {"batches": []}
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except ValueError as e:
        raise ConfigurationError(f"{path}: unreadable batch state: {e}") from e


def _client(base_url: str | None, api_key: str | None) -> openai.OpenAI:
    if not api_key:
        raise ConfigurationError(
            "the Batch API needs an API key: set OPENAI_API_KEY (or EXTRACTOR_API_KEY)"
        )
    return openai.OpenAI(base_url=base_url, api_key=api_key)


def _fail(action: str, e: openai.APIError) -> ProviderError:
    return ProviderError(f"batch {action} failed: {e}")


def submit_batches(
    root: str | Path, *, base_url: str | None = None, api_key: str | None = None
) -> list[dict[str, Any]]:
    """Upload each request file and create its batch; return the batch records."""
    batch = load_batch_dir(root)
    state = load_state(batch.root)
    by_file = {b["file"]: b for b in state["batches"]}
    client = _client(base_url, api_key)
    try:
        for path in batch.request_files:
            record = by_file.setdefault(path.name, {"file": path.name})
            if record.get("batch_id"):
                continue
            if not record.get("input_file_id"):
                with path.open("rb") as handle:
                    uploaded = client.files.create(file=handle, purpose="batch")
                record["input_file_id"] = uploaded.id
                state["batches"] = list(by_file.values())
                write_json_atomic(_state_path(batch.root), state)
            created = client.batches.create(
                input_file_id=record["input_file_id"],
                endpoint=BATCH_ENDPOINT,
                completion_window="24h",
                metadata={"extractor_file": path.name, "prompt_version": batch.prompt_version},
            )
            record.update(batch_id=created.id, status=created.status)
            state["batches"] = list(by_file.values())
            write_json_atomic(_state_path(batch.root), state)
    except openai.APIError as e:
        raise _fail("submit", e) from e
    finally:
        client.close()
    return list(by_file.values())


def refresh_status(
    root: str | Path, *, base_url: str | None = None, api_key: str | None = None
) -> list[dict[str, Any]]:
    """Retrieve every submitted batch and record its status and counts."""
    root = Path(root)
    state = load_state(root)
    if not state["batches"]:
        raise ConfigurationError(f"{root}: nothing submitted yet (run `extractor batch submit`)")
    client = _client(base_url, api_key)
    try:
        for record in state["batches"]:
            if not record.get("batch_id"):
                continue
            info = client.batches.retrieve(record["batch_id"])
            counts = info.request_counts
            record.update(
                status=info.status,
                output_file_id=info.output_file_id,
                error_file_id=info.error_file_id,
                request_counts=counts.model_dump() if counts else None,
                errors=[e.model_dump() for e in (info.errors.data or [])] if info.errors else [],
            )
    except openai.APIError as e:
        raise _fail("status", e) from e
    finally:
        client.close()
    write_json_atomic(_state_path(root), state)
    return state["batches"]  # type: ignore[no-any-return]


def fetch_batches(
    root: str | Path, *, base_url: str | None = None, api_key: str | None = None
) -> list[Path]:
    """Download output and error files of finished batches; return their paths."""
    root = Path(root)
    batches = refresh_status(root, base_url=base_url, api_key=api_key)
    out_dir = root / OUTPUTS
    out_dir.mkdir(exist_ok=True)
    client = _client(base_url, api_key)
    paths = []
    try:
        for record in batches:
            if record.get("status") not in TERMINAL:
                continue
            stem = Path(record["file"]).stem
            for kind in ("output", "error"):
                file_id = record.get(f"{kind}_file_id")
                if not file_id:
                    continue
                target = out_dir / f"{stem}.{kind}.jsonl"
                if not target.exists():
                    data = client.files.content(file_id).content
                    tmp = target.with_suffix(".part")
                    tmp.write_bytes(data)
                    tmp.replace(target)
                paths.append(target)
    except openai.APIError as e:
        raise _fail("fetch", e) from e
    finally:
        client.close()
    return paths
