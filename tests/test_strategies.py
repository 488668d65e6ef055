"""The strategy seam: the setting, its table, and a `rules` run with no model."""

from __future__ import annotations

import pytest

from extractor.config import STRATEGIES, resolve_config
from extractor.errors import ConfigurationError
from extractor.pipeline import Extractor
from extractor.staged.asking import answer_model
from extractor.staged.questions import NONE
from extractor.strategies import TABLE, make_strategy
from extractor.templates import default_prompts


def test_default_strategy_follows_the_provider() -> None:
    assert resolve_config(provider="local").resolved_strategy == "staged"
    assert resolve_config(base_url="http://127.0.0.1:1/v1", model="m").resolved_strategy == "single"
    assert resolve_config(provider="openai", api_key="k").resolved_strategy == "single"


def test_strategy_from_the_environment_and_explicit_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_STRATEGY", "rules")
    assert resolve_config().resolved_strategy == "rules"
    assert resolve_config(strategy="single").resolved_strategy == "single"


def test_unknown_strategy_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="unknown strategy 'fast'"):
        resolve_config(strategy="fast")


def test_the_table_names_every_strategy() -> None:
    assert tuple(TABLE) == STRATEGIES
    prompts = default_prompts()
    for name in STRATEGIES:
        strategy = make_strategy(resolve_config(provider="local", strategy=name), prompts)
        assert strategy.name == name
        assert strategy.needs_model is (name != "rules")


def test_a_choice_admits_only_its_options() -> None:
    model = answer_model(("the Observatory", NONE))
    assert model.model_json_schema()["properties"]["answer"]["enum"] == ["the Observatory", "none"]
    with pytest.raises(ValueError):
        model.model_validate({"answer": "someone else"})


async def test_rules_run_starts_no_server_and_says_so_in_provenance() -> None:
    text = "Air strikes on the town of Saraqeb on Monday killed 12 people, activists said.\n"
    async with Extractor(resolve_config(provider="local", strategy="rules")) as extractor:
        assert extractor._server is None and extractor._client is None
        result = await extractor.aextract(text, published="2019-05-07")
    p = result.provenance
    assert p.strategy == "rules" and p.model == "none" and p.attempts == 0
    assert p.model_choices == 0 and p.rule_choices > 0 and p.rule_fallbacks == 0
    assert result.incidents[0].casualty_claims[0].min == 12


def test_an_unsure_kind_is_asked_only_where_the_rule_has_no_answer() -> None:
    from extractor.staged.asking import ModelAsker
    from extractor.staged.questions import Question

    asker = ModelAsker.__new__(ModelAsker)  # asks() reads only the kinds
    asker.kinds = frozenset({"speaker-unsure", "campaign"})
    sure = Question("speaker", (3,), 0, "Who?", ("the ministry", "Ali", NONE), "the ministry")
    unsure = Question("speaker", (9,), 0, "Who?", ("the ministry", "Ali", NONE), NONE)
    campaign = Question("campaign", (5,), 0, "?", ("one attack", "campaign total"), "one attack")
    claimant = Question("claimant", (5,), 0, "?", ("Ali", NONE), NONE)
    assert [asker.asks(q) for q in (sure, unsure, campaign, claimant)] == [
        False,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "said a Ukrainian drone attack killed a woman",
        "said Pakistani warplanes bombed several villages, killing 15 people",
        "said Al-Shabaab militants detonated a car bomb at the gate",
        "said the Arakan Army had attacked a police outpost nearby",
    ],
)
def test_a_report_naming_any_countrys_forces_or_an_armed_group_accuses(clause: str) -> None:
    from extractor.staged.type_rules import statement_type

    assert statement_type(clause, attack=True, figure=False, own_side=False) == "accuse"


def test_a_report_naming_no_attacker_is_a_claim() -> None:
    from extractor.staged.type_rules import statement_type

    clause = "said the strike killed 12 people in the market"
    assert statement_type(clause, attack=True, figure=True, own_side=False) == "claim"


class _ChoosingClient:
    """Stands in for the model client: answers each choice with a fixed pick of its
    options (the schema's Literal), or breaks the schema like a bad reply."""

    def __init__(self, pick: str) -> None:
        self.pick = pick
        self.questions: list[tuple[str, ...]] = []

    async def create(self, messages: list[dict[str, str]], response_model: type, stats: object):  # type: ignore[no-untyped-def]
        from typing import get_args

        from extractor.errors import ExtractionValidationError

        options = get_args(response_model.model_fields["answer"].annotation)
        self.questions.append(options)
        assert "Passage:" in messages[-1]["content"] and "Options:" in messages[-1]["content"]
        if self.pick == "broken":
            raise ExtractionValidationError("answer: Input should be one of the options")
        return response_model(answer=options[0] if self.pick == "first" else options[-1])


@pytest.mark.parametrize(
    ("pick", "model", "fallbacks"), [("first", True, False), ("broken", False, True)]
)
def test_staged_puts_its_kinds_to_the_model_and_falls_back_to_the_rule(
    pick: str, model: bool, fallbacks: bool
) -> None:
    import asyncio
    from pathlib import Path

    from extractor.grounding import clean_for_prompt
    from extractor.staged.asking import ModelAsker
    from extractor.strategies.staged import run_staged

    text = (Path(__file__).parents[1] / "seeds" / "000_7ea8c643e84d13f7.txt").read_text("utf-8")
    client = _ChoosingClient(pick)
    asker = ModelAsker(client, frozenset({"speaker"}))  # type: ignore[arg-type]
    done = asyncio.run(run_staged(text, clean_for_prompt(text), None, asker=asker))
    rules = asyncio.run(run_staged(text, clean_for_prompt(text), None, asker=None))
    asked = len(client.questions)
    assert asked > 0 and all(q[-1] == NONE for q in client.questions)
    assert done.choices.by_kind["speaker"]["model"] == (asked if model else 0)
    assert done.choices.by_kind["speaker"]["fallbacks"] == (asked if fallbacks else 0)
    assert "claimant" not in done.choices.by_kind or done.choices.by_kind["claimant"]["model"] == 0

    # the first option is the rule's own answer, so either way the records are the rules'
    def dumped(result):  # type: ignore[no-untyped-def]
        records = result.records
        return [r.model_dump() for r in [*records.incidents, *records.statements]]

    assert dumped(done) == dumped(rules) and dumped(rules)


def test_british_and_american_forces_are_attackers_too() -> None:
    from extractor.staged.type_rules import names_attacker

    assert names_attacker("said British jets struck the depot")
    assert names_attacker("said American drones hit the convoy")
