"""`staged`: candidates found by code, choices made by the model, records by code.

Which kinds of choice go to the model is `MODEL_KINDS`: only those where the
embedded model beat the rule on the gold (README, "Staged extraction"); every
other choice, and every model answer that is invalid, takes its rule answer.
"""

from __future__ import annotations

import datetime as dt

from extractor.assembly import assemble
from extractor.candidates.document import find_candidates
from extractor.grounding.clean import CleanedText
from extractor.llm import CallStats, StructuredClient
from extractor.strategies.asking import ModelAsker
from extractor.strategies.base import ChoiceStats, StrategyResult
from extractor.strategies.choices import (
    NONE,
    Question,
    campaign_questions,
    claimant_questions,
    speaker_questions,
)

MODEL_KINDS: frozenset[str] = frozenset()
"""Kinds of choice the model makes under `staged`: those where it beat the rule.

Measured on the gold (README, "Model against rule"): the embedded SmolLM2
choosing the speaker among candidate spans lowered strict statement F1 from
0.589 (rule) to 0.303 on the seeds it was recorded on, so no kind is put to
it yet; `tools/choice_ablation.py` measures each kind again for another model.
"""


def _is_choice(q: Question) -> bool:
    """Whether a question offers two real answers or more (not just the rule's and "none")."""
    return len([o for o in q.options if o != NONE]) >= 2


async def run_staged(
    text: str,
    cleaned: CleanedText,
    published: dt.date | None,
    *,
    asker: ModelAsker | None,
    language: str | None = None,
) -> StrategyResult:
    doc = find_candidates(text, cleaned, language=language)
    questions: list[Question] = [
        *speaker_questions(doc),
        *claimant_questions(doc),
        *campaign_questions(doc),
    ]
    calls, choices = CallStats(), ChoiceStats()
    answers: dict[tuple[str, int], str] = {}
    for q in questions:
        answer = None
        ask = asker is not None and asker.asks(q) and _is_choice(q)
        if ask:
            assert asker is not None
            answer = await asker.ask(doc.context(q.sentence), q, calls)
        if answer is None:
            choices.count(q.kind, "fallbacks" if ask else "rule")
            answer = q.rule
        else:
            choices.count(q.kind, "model")
        answers[(q.kind, q.key[0])] = answer if answer in q.options else NONE
    return StrategyResult(assemble(doc, answers, published), calls, choices)


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
        return await run_staged(text, cleaned, published, asker=asker, language=language)
