"""`collect`: Batch output lines back into a run folder, post-processed as a
live run is.

Output lines are joined to the prepared requests on ``custom_id``; each body
is validated against the draft model as the live client validates an answer
(`extractor.llm.parse_completion`), and a document's drafts are grounded,
normalised and merged by the same code as a live run (`extractor.plan`). The
run folder goes through the batch runner's store, so `results.jsonl`,
`errors.jsonl` and `manifest.json` are what `extractor run` writes, every
document appears once, and collecting again skips what is already there.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.batch.manifest import build_manifest
from extractor.batch.runner import BatchSummary
from extractor.batch.store import ErrorRecord, OutputStore, ResumeKey, result_line
from extractor.batchfile.layout import BatchDir, load_batch_dir
from extractor.batchfile.outputs import OutputIndex, is_success, line_error
from extractor.draft import Draft
from extractor.errors import ExtractionValidationError, ExtractorError, InputError, ProviderError
from extractor.llm import CallStats, parse_completion
from extractor.models import SCHEMA_VERSION, ExtractionResult
from extractor.pipeline import __version__, published_spec
from extractor.plan import assemble_result, plan_document
from extractor.templates import default_prompts

__all__ = ["CollectSummary", "collect"]

log = logging.getLogger(__name__)


class MissingOutputError(ExtractorError):
    """A prepared request has no line in the output files given."""


@dataclass
class CollectSummary(BatchSummary):
    output_lines: int = 0
    unreadable_lines: int = 0
    duplicate_lines: int = 0


@dataclass(frozen=True)
class _Who:
    """What the manifest builder reads of an extractor."""

    provider_name: str
    model_name: str
    prompt_version: str


def _result(batch: BatchDir, doc: dict[str, Any], index: OutputIndex) -> ExtractionResult:
    config = batch.config
    lines = []
    for cid in doc["custom_ids"]:
        line = index.get(cid)
        if line is None:
            raise MissingOutputError(f"no output line for request {cid} in the files given")
        if not is_success(line):
            raise ProviderError(f"request {cid} failed: {line_error(line)}")
        lines.append((cid, line["response"]["body"]))
    text = doc["text"]
    plan = plan_document(
        text,
        published_spec(doc.get("published"), text),
        config,
        default_prompts(),
        title=doc.get("title"),
    )
    if len(plan.chunks) != len(lines):
        raise InputError(
            f"document splits into {len(plan.chunks)} chunks now but {len(lines)} were "
            "prepared (chunk settings changed?)",
            path=doc["source"],
        )
    stats = CallStats()
    drafts = []
    for cid, body in lines:
        try:
            drafts.append(parse_completion(config, body, Draft, stats))
        except ExtractionValidationError as e:
            e.attempts = stats.attempts
            raise ExtractionValidationError(f"request {cid}: {e}") from e
    return assemble_result(
        plan,
        drafts,
        stats,
        provider=config.provider,
        model=config.resolved_model,
        prompt_version=batch.prompt_version,
        extractor_version=__version__,
        latency_s=0.0,
        doc_id=doc["doc_id"],
        source=doc["source"],
        metadata=doc.get("metadata") or None,
        title=doc.get("title"),
    )


def collect(
    outputs: Iterable[str | Path], requests_dir: str | Path, out_dir: str | Path
) -> CollectSummary:
    """Join output lines to the prepared documents and write a run folder.

    Every prepared document ends in ``results.jsonl`` or ``errors.jsonl``
    (a failed, missing or broken answer is an error record); documents whose
    result is already in ``out_dir`` are left as they are.
    """
    batch = load_batch_dir(requests_dir)
    index = OutputIndex.build(outputs)
    who = _Who(batch.config.provider, batch.config.resolved_model, batch.prompt_version)
    summary = CollectSummary(
        out_dir=Path(out_dir),
        output_lines=index.lines,
        unreadable_lines=index.unreadable,
        duplicate_lines=index.duplicates,
    )
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    failed: set[str] = set()
    settings = {
        "engine": "batchfile",
        "requests_dir": str(batch.root),
        "outputs": [str(p) for p in index.paths],
        "output_lines": index.lines,
        "unreadable_lines": index.unreadable,
        "duplicate_lines": index.duplicates,
    }

    def manifest(status: str) -> dict[str, Any]:
        summary.wall_s = time.perf_counter() - t0
        run = {"config": batch.manifest["config"], "inputs": batch.manifest.get("run", {})}
        return build_manifest(status, who, summary, started, settings=settings, run_info=run)  # type: ignore[arg-type]

    def fail(doc_id: str, source: str, kind: str, message: str, attempts: int | None) -> None:
        store.append_error(ErrorRecord(doc_id, source, kind, message, attempts))
        failed.add(doc_id)
        summary.failed += 1
        summary.error_types[kind] += 1

    with OutputStore(out_dir, resume=True) as store:
        store.write_manifest(manifest("running"))
        for doc in batch.documents():
            summary.documents += 1
            key = ResumeKey(
                doc["sha256"], batch.config.resolved_model, batch.prompt_version, SCHEMA_VERSION
            )
            if store.is_done(doc["doc_id"], key):
                summary.skipped += 1
                continue
            try:
                result = _result(batch, doc, index)
            except Exception as e:  # recorded, never fatal, as in a live run
                if not isinstance(e, ExtractorError):
                    log.exception("unexpected error on document %s", doc["doc_id"])
                fail(
                    doc["doc_id"],
                    doc["source"],
                    type(e).__name__,
                    str(e),
                    e.attempts if isinstance(e, ExtractorError) else None,
                )
                continue
            store.append_result_lines([result_line(result)])
            summary.succeeded += 1
            summary.usage = summary.usage + result.provenance.usage
            summary.attempts += result.provenance.attempts
        for err in batch.input_errors():
            summary.documents += 1
            fail(err["doc_id"], err["source"], err["error_type"], err["message"], 0)
        summary.results_lines, summary.errors_lines = store.compact(failed)
        store.write_manifest(manifest("complete"))
    return summary
