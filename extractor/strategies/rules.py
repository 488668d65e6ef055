"""`rules`: the staged pipeline with every choice made by its rule; no model at all."""

from __future__ import annotations

import datetime as dt

from extractor.grounding.clean import CleanedText
from extractor.llm import StructuredClient
from extractor.strategies.base import StrategyResult
from extractor.strategies.staged import StagedStrategy


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
        # staged with no client: every question takes its rule's answer
        return await StagedStrategy().run(text, cleaned, published, client=None, language=language)
