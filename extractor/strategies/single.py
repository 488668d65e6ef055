"""`single`: one structured call per chunk asks the model for the whole flat draft."""

from __future__ import annotations

import datetime as dt

from extractor.chunking import merge_chunk_records, plan_chunks
from extractor.draft import Draft
from extractor.grounding.clean import CleanedText
from extractor.llm import CallStats, StructuredClient
from extractor.postprocess import build_records
from extractor.record_set import Records
from extractor.strategies.base import ChoiceStats, StrategyResult
from extractor.templates import PromptSet


class SingleStrategy:
    name = "single"
    needs_model = True

    def __init__(self, prompts: PromptSet, chunk_chars: int, chunk_overlap: int) -> None:
        self.prompts = prompts
        self.chunk_chars = chunk_chars
        self.chunk_overlap = chunk_overlap

    async def run(
        self,
        text: str,
        cleaned: CleanedText,
        published: dt.date | None,
        *,
        client: StructuredClient | None,
        title: str | None = None,
        language: str | None = None,
    ) -> StrategyResult:
        assert client is not None, "strategy single needs a model client"
        chunks = plan_chunks(cleaned.text, self.chunk_chars, self.chunk_overlap)
        stats = CallStats()
        parts = []
        warnings = []
        for chunk in chunks:  # the same requests as `extractor.plan.plan_document`
            messages = self.prompts.render(
                chunk.of(cleaned.text),
                published=published.isoformat() if published else None,
                title=title,
            )
            draft = await client.create(messages, Draft, stats)
            records = build_records(
                draft,
                text=text,
                published=published,
                hint=cleaned.to_original(chunk.start),
                language=language,
            )
            parts.append((records.incidents, records.statements))
            warnings.extend(records.warnings)
        incidents, statements = merge_chunk_records(parts) if len(parts) > 1 else parts[0]
        out = Records(incidents=incidents, statements=statements, warnings=warnings)
        return StrategyResult(out, stats, ChoiceStats(), chunks=len(chunks))
