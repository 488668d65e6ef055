"""Extraction strategies: how a cleaned document becomes draft records.

Ownership: one module a strategy (`single`, `staged`, `rules`), each
implementing `base.Strategy`; this table is the only place that maps a name
to one. Candidate finding lives in `extractor.staged.candidates`, record building in
`extractor.staged.records`; a strategy only decides who answers each choice.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.config import STRATEGIES, ExtractorConfig
from extractor.staged.asking import choice_prompts
from extractor.strategies.base import ChoiceStats, Strategy, StrategyResult
from extractor.strategies.rules import RulesStrategy
from extractor.strategies.single import SingleStrategy
from extractor.strategies.staged import MODEL_KINDS, StagedStrategy
from extractor.templates import PromptSet

TABLE: dict[str, Callable[[ExtractorConfig, PromptSet], Strategy]] = {
    "single": lambda config, prompts: SingleStrategy(
        prompts, config.chunk_chars, config.chunk_overlap
    ),
    "staged": lambda config, prompts: StagedStrategy(),
    "rules": lambda config, prompts: RulesStrategy(),
}
assert tuple(TABLE) == STRATEGIES


def make_strategy(config: ExtractorConfig, prompts: PromptSet) -> Strategy:
    """The strategy the configuration names (validated by `resolve_config`)."""
    return TABLE[config.resolved_strategy](config, prompts)


def prompt_version(name: str, prompts: PromptSet) -> str:
    """The version of the prompts a strategy sends (none for `rules`)."""
    if name == "single":
        return prompts.version
    if name == "staged":
        return choice_prompts().version
    return "none"


__all__ = [
    "MODEL_KINDS",
    "STRATEGIES",
    "TABLE",
    "ChoiceStats",
    "Strategy",
    "StrategyResult",
    "make_strategy",
    "prompt_version",
]
