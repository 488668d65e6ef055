"""Every question of a document answered, by the model where it is asked, else by its rule.

A question goes to the model only when the asker takes its kind and it offers
two real answers or more (not just the rule's and "none"); a model answer that
is not one of the options, and a request the endpoint fails, give the rule's
answer. `ChoiceStats` counts how each was made; the answers are keyed by kind
and the question's first key, as `records.assemble` reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extractor.llm import CallStats
from extractor.staged.asking import ModelAsker
from extractor.staged.candidates.document import DocumentCandidates
from extractor.staged.questions import NONE, Question

Answers = dict[tuple[str, int], str]


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


def is_choice(q: Question) -> bool:
    """Whether a question offers two real answers or more (not just the rule's and "none")."""
    return len([o for o in q.options if o != NONE]) >= 2


async def answer(
    doc: DocumentCandidates,
    questions: Iterable[Question],
    asker: ModelAsker | None,
    calls: CallStats,
    choices: ChoiceStats,
) -> Answers:
    """The answer to each question; ``calls`` and ``choices`` count what it took."""
    answers: Answers = {}
    for q in questions:
        got = None
        ask = asker is not None and asker.asks(q) and is_choice(q)
        if ask:
            assert asker is not None
            got = await asker.ask(doc.context(q.sentence), q, calls)
        if got is None:
            choices.count(q.kind, "fallbacks" if ask else "rule")
            got = q.rule
        else:
            choices.count(q.kind, "model")
        answers[(q.kind, q.key[0])] = got if got in q.options else NONE
    return answers
