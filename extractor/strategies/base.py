"""The one interface every strategy implements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from extractor.grounding.clean import CleanedText
from extractor.llm import CallStats, StructuredClient
from extractor.postprocess import Records


@dataclass
class ChoiceStats:
    """How a document's choices were made: by the model, or by their rule."""

    model: int = 0
    rule: int = 0
    fallbacks: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, kind: str, how: str) -> None:
        setattr(self, how, getattr(self, how) + 1)
        row = self.by_kind.setdefault(kind, {"model": 0, "rule": 0, "fallbacks": 0})
        row[how] += 1


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
