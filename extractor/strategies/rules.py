"""`rules`: the staged pipeline with every choice made by its rule; no model at all."""

from __future__ import annotations

import datetime as dt

from extractor.grounding.clean import CleanedText
from extractor.llm import StructuredClient
from extractor.staged.engine import run_staged
from extractor.strategies.base import StrategyResult


class RulesStrategy:
    name = "rules"
    needs_model = False

    async def run(
        self,
        text: str,
        cleaned: CleanedText,
        published: dt.date | None,
        *,
        client: StructuredClient | None = None,
        title: str | None = None,
        language: str | None = None,
    ) -> StrategyResult:
        out = await run_staged(text, cleaned, published, asker=None, language=language)
        return StrategyResult(out.records, out.calls, out.choices)
