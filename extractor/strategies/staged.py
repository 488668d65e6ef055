"""`staged`: candidates found by code, choices made by the model, records by code.

The engine is `extractor.staged`; this strategy only decides which kinds of
choice the model is asked.

Which kinds of choice go to the model is `MODEL_KINDS`: only those where the
embedded model beat the rule on the gold (README, "Staged extraction"); every
other choice, and every model answer that is invalid, takes its rule answer.
"""

from __future__ import annotations

import datetime as dt

from extractor.grounding.clean import CleanedText
from extractor.llm import StructuredClient
from extractor.staged.asking import ModelAsker
from extractor.staged.engine import run_staged
from extractor.strategies.base import StrategyResult

MODEL_KINDS: frozenset[str] = frozenset({"claimant-unsure"})
"""Kinds of choice the model makes under `staged`: those where it beat the rule.

Measured by `tools/choice_ablation.py` on the gold (README, "Model against
rule"; docs/model-vs-rule.md): of every kind, each model and its ``-unsure``
variant, only Qwen2.5-Coder-1.5B naming a figure's claimant where the rule
names none beats the rule on the second set's test split (strict claim F1
0.294 -> 0.337) without losing on the dev splits (first dev set 0.653 ->
0.681, second set's dev 0.607 both); it loses one claim of 12 on the seeds
the rules were fitted to. Every other kind takes its rule.
"""


class StagedStrategy:
    name = "staged"
    needs_model = True

    def __init__(self, kinds: frozenset[str] = MODEL_KINDS) -> None:
        self.kinds = kinds

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
        asker = ModelAsker(client, self.kinds) if client is not None else None
        out = await run_staged(text, cleaned, published, asker=asker, language=language)
        return StrategyResult(out.records, out.calls, out.choices)
