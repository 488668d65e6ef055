"""One document under the single-call strategy: the calls it needs and how
their answers become a result.

`plan_document` cleans the page and splits it into chunks, and renders the
messages of one structured call per chunk; `assemble_result` grounds and
normalises each chunk's draft against the original text, merges chunks and
adds provenance. The live pipeline runs the calls in between; batch files
(`extractor.batchfile`) write them to a file and read the answers back, so
both paths send the same requests and post-process the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .chunking import Chunk, merge_chunk_records, plan_chunks
from .config import ExtractorConfig
from .digest import text_sha256
from .draft import Draft
from .grounding import clean_for_prompt
from .grounding.clean import CleanedText
from .llm import CallStats
from .models import DateSpec, ExtractionResult, ExtractionWarning, Provenance
from .normalise import detect_language
from .postprocess import build_records
from .templates import PromptSet

__all__ = ["DocumentPlan", "assemble_result", "plan_document"]


@dataclass(frozen=True)
class DocumentPlan:
    """The cleaned view of one document and the messages of each chunk's call."""

    text: str
    sha256: str
    published: DateSpec | None
    cleaned: CleanedText
    chunks: tuple[Chunk, ...]
    messages: tuple[list[dict[str, str]], ...]
    language: str | None = None

    @property
    def published_day(self) -> dt.date | None:
        return self.published.start if self.published else None


def plan_document(
    text: str,
    published: DateSpec | None,
    config: ExtractorConfig,
    prompts: PromptSet,
    *,
    title: str | None = None,
) -> DocumentPlan:
    """Clean, chunk and render the prompt of every chunk of one document."""
    cleaned = clean_for_prompt(text)
    chunks = tuple(plan_chunks(cleaned.text, config.chunk_chars, config.chunk_overlap))
    day = published.start if published else None
    messages = tuple(
        prompts.render(
            chunk.of(cleaned.text), published=day.isoformat() if day else None, title=title
        )
        for chunk in chunks
    )
    language = detect_language(cleaned.text)
    return DocumentPlan(text, text_sha256(text), published, cleaned, chunks, messages, language)


def _dedupe(items: list[Any]) -> list[Any]:
    seen, out = set(), []
    for item in items:
        key = item.model_dump_json()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def assemble_result(
    plan: DocumentPlan,
    drafts: Sequence[Draft],
    stats: CallStats,
    *,
    provider: str,
    model: str,
    prompt_version: str,
    extractor_version: str,
    latency_s: float,
    doc_id: str | None = None,
    source: str | None = None,
    metadata: Mapping[str, str] | None = None,
    title: str | None = None,
) -> ExtractionResult:
    """Ground and normalise each chunk's draft, merge chunks, add provenance."""
    parts = []
    warnings = []
    for chunk, draft in zip(plan.chunks, drafts, strict=True):
        records = build_records(
            draft,
            text=plan.text,
            published=plan.published_day,
            hint=plan.cleaned.to_original(chunk.start),
            language=plan.language,
        )
        parts.append((records.incidents, records.statements))
        warnings.extend(records.warnings)
    if stats.truncated:
        warnings.append(
            ExtractionWarning(
                code="output_truncated",
                message=f"{stats.truncated} answer(s) hit max_tokens; records after the cut are lost",
            )
        )
    incidents, statements = merge_chunk_records(parts) if len(parts) > 1 else parts[0]
    provenance = Provenance(
        provider=provider,
        model=model,
        prompt_version=prompt_version,
        extractor_version=extractor_version,
        usage=stats.usage,
        attempts=stats.attempts,
        network_retries=stats.network_retries,
        validation_retries=stats.validation_retries,
        cached_calls=stats.cached_calls,
        truncated_calls=stats.truncated,
        chunks=len(plan.chunks),
        latency_s=round(latency_s, 3),
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    return ExtractionResult(
        doc_id=doc_id or plan.sha256[:16],
        source=source or doc_id or "<text>",
        text_sha256=plan.sha256,
        language=plan.language,
        published=plan.published,
        title=title,
        metadata=dict(metadata or {}),
        incidents=incidents,
        statements=statements,
        warnings=warnings if len(parts) == 1 else _dedupe(warnings),
        provenance=provenance,
    )
