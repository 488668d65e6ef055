"""Answers that are not the draft: never an empty result, and a message that says why."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from client_support import ARTICLE, fault_config
from fault_server import FaultPlan, FaultServer

from extractor.draft import Draft
from extractor.errors import EndpointUnreachableError, ExtractionValidationError
from extractor.llm import salvage_truncated
from extractor.models import Usage
from extractor.pipeline import Extractor


@pytest.mark.parametrize(
    "answer",
    [
        {"result": {"incidents": []}},
        {"Incidents": [], "Statements": []},
        {"events": [{"location": "Aleppo"}], "quotes": []},
        {"note": "nothing to report"},
    ],
)
def test_an_answer_with_only_unknown_keys_is_a_validation_error(answer: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="none of the draft's fields"):
        Draft.model_validate(answer)


def test_an_empty_answer_still_means_nothing_found() -> None:
    assert Draft.model_validate({}) == Draft()
    assert Draft.model_validate({"incidents": [], "statements": []}) == Draft()
    assert Draft.model_validate({"incidents": [], "extra": 1}) == Draft()


def test_a_cut_off_answer_with_only_unknown_keys_is_not_salvaged() -> None:
    cut = json.dumps({"results": [{"evidence": "a long sentence"}]})[:25]
    completion = SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=cut))])
    assert salvage_truncated(completion, Draft) is None


async def test_unknown_keys_are_reasked_and_then_an_error_naming_the_field() -> None:
    with FaultServer(FaultPlan(unknown_keys=1.0), lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url, max_validation_retries=1)) as ex:
            with pytest.raises(ExtractionValidationError) as caught:
                await ex.aextract(ARTICLE)
    assert server.stats["unknown_keys"] == 2, "asked once, re-asked once"
    message = str(caught.value)
    assert "after 2 attempt(s)" in message
    assert "none of the draft's fields" in message and "'result'" in message
    assert "<failed_attempts>" not in message
    assert caught.value.attempts == 2
    usage = caught.value.usage
    assert isinstance(usage, Usage) and usage.total_tokens > 0


async def test_a_wrong_type_names_the_first_failing_field_as_pydantic_says() -> None:
    with FaultServer(FaultPlan(bad_schema=1.0), lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url, max_validation_retries=0)) as ex:
            with pytest.raises(ExtractionValidationError) as caught:
                await ex.aextract(ARTICLE)
    message = str(caught.value)
    assert message.count("\n") == 0
    assert "incidents: Input should be a valid array [got 12345]" in message, message


async def test_some_unknown_key_answers_in_a_batch_never_become_results() -> None:
    plan = FaultPlan(seed=5, unknown_keys=0.5)
    with FaultServer(plan, lifetime_s=60) as server:
        async with Extractor(fault_config(server.base_url, max_validation_retries=0)) as ex:
            outcomes = []
            for i in range(12):
                try:
                    result = await ex.aextract(ARTICLE + f"\nReport {i}.", doc_id=f"d{i}")
                    outcomes.append(len(result.incidents))
                except ExtractionValidationError:
                    outcomes.append(-1)
    assert outcomes.count(-1) == server.stats["unknown_keys"] > 0
    assert all(n > 0 for n in outcomes if n != -1), "no empty result from a bad answer"


async def test_a_dead_port_is_an_unreachable_endpoint() -> None:
    config = fault_config("http://127.0.0.1:9/v1", max_network_retries=0)
    async with Extractor(config) as ex:
        with pytest.raises(EndpointUnreachableError, match="cannot reach"):
            await ex.aextract(ARTICLE)


async def test_after_a_streak_of_refused_connections_calls_stop_retrying() -> None:
    from extractor.llm import UNREACHABLE_STREAK

    config = fault_config("http://127.0.0.1:9/v1", max_network_retries=3, retry_wait_max_s=0.01)
    attempts = []
    async with Extractor(config) as ex:
        for i in range(6):
            with pytest.raises(EndpointUnreachableError) as caught:
                await ex.aextract(ARTICLE, doc_id=f"d{i}")
            attempts.append(caught.value.attempts)
    assert attempts[: UNREACHABLE_STREAK // 4] == [4] * (UNREACHABLE_STREAK // 4)
    assert attempts[-1] == 1, attempts
