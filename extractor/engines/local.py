"""The local engine: one `Extractor` in this process, through the batch runner."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.batch import BatchSummary, Document, InputFailure, run_batch
from extractor.config import ExtractorConfig
from extractor.llm import ResultCache
from extractor.pipeline import Extractor

__all__ = ["run_local"]


async def run_local(
    config: ExtractorConfig,
    documents: Iterable[Document | InputFailure],
    out_dir: str | Path,
    *,
    cache: ResultCache | None = None,
    **batch: Any,
) -> BatchSummary:
    """Extract ``documents`` into ``out_dir`` with the batch runner's settings."""
    async with Extractor(config, cache=cache) as extractor:
        return await run_batch(documents, extractor, out_dir, **batch)
