"""The one interface every strategy implements.

`ChoiceStats` is the staged engine's (`extractor.staged.answers`); a strategy
that makes no choices reports an empty one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from extractor.grounding.clean import CleanedText
from extractor.llm import CallStats, StructuredClient
from extractor.record_set import Records
from extractor.staged.answers import ChoiceStats


@dataclass
class StrategyResult:
    records: Records
    calls: CallStats
    choices: ChoiceStats
    chunks: int = 1


class Strategy(Protocol):
    """Text, its cleaned view and the publication date in; records and call stats out."""

    name: str
    needs_model: bool

    async def run(
        self,
        text: str,
        cleaned: CleanedText,
        published: dt.date | None,
        *,
        client: StructuredClient | None,
        title: str | None = None,
        language: str | None = None,
    ) -> StrategyResult: ...
