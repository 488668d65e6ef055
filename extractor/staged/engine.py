"""One document through the staged engine: candidates, questions, answers, records.

`run_staged` is the whole path, one way: the candidate finders read the text
(`candidates`), the questions are built from what they found (`questions`),
each is answered by the model or its rule (`answers`, `asking`), and the
records are assembled from the candidates and the answers (`records`).
Normalisation and grounding are below all of it; the strategies
(`extractor.strategies.staged`, `.rules`) are above and only choose who
answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractor.grounding.clean import CleanedText
from extractor.llm import CallStats
from extractor.record_set import Records
from extractor.staged.answers import ChoiceStats, answer
from extractor.staged.asking import ModelAsker
from extractor.staged.candidates.document import find_candidates
from extractor.staged.questions import (
    Question,
    campaign_questions,
    claimant_questions,
    speaker_questions,
)
from extractor.staged.records import assemble


@dataclass
class StagedOutcome:
    records: Records
    calls: CallStats
    choices: ChoiceStats


async def run_staged(
    text: str,
    cleaned: CleanedText,
    published: dt.date | None,
    *,
    asker: ModelAsker | None,
    language: str | None = None,
) -> StagedOutcome:
    """Records of one document; ``asker`` None answers every question by its rule."""
    doc = find_candidates(text, cleaned, language=language)
    questions: list[Question] = [
        *speaker_questions(doc),
        *claimant_questions(doc),
        *campaign_questions(doc),
    ]
    calls, choices = CallStats(), ChoiceStats()
    answers = await answer(doc, questions, asker, calls, choices)
    return StagedOutcome(assemble(doc, answers, published), calls, choices)
