"""The fault server itself: valid replies, each fault kind, determinism."""

from __future__ import annotations

import json

import httpx
import pytest
from fault_content import minimal_instance
from fault_server import FaultPlan, FaultServer

from extractor.draft import Draft

BODY = {
    "model": "m",
    "messages": [
        {"role": "system", "content": "Extract."},
        {"role": "user", "content": "Intro. An airstrike killed 20 people in Idlib on Monday."},
    ],
    "response_format": {
        "type": "json_schema",
        "json_schema": {"name": "Draft", "schema": Draft.model_json_schema()},
    },
}


def post(server: FaultServer, body: dict[str, object], timeout: float = 5.0) -> httpx.Response:
    return httpx.post(f"{server.base_url}/chat/completions", json=body, timeout=timeout)


def test_valid_reply_fits_the_draft_model_and_quotes_the_article() -> None:
    with FaultServer(lifetime_s=30) as server:
        models = httpx.get(f"{server.base_url}/models", timeout=5).json()
        assert models["data"][0]["id"] == "fault-model"
        reply = post(server, BODY).json()
    content = reply["choices"][0]["message"]["content"]
    draft = Draft.model_validate_json(content)
    assert draft.incidents[0].evidence == ["An airstrike killed 20 people in Idlib on Monday."]
    assert reply["usage"]["total_tokens"] > 0


def test_tools_mode_answers_with_a_tool_call() -> None:
    body = {k: v for k, v in BODY.items() if k != "response_format"}
    body["tools"] = [
        {"type": "function", "function": {"name": "Draft", "parameters": Draft.model_json_schema()}}
    ]
    with FaultServer(lifetime_s=30) as server:
        message = post(server, body).json()["choices"][0]["message"]
    call = message["tool_calls"][0]["function"]
    assert call["name"] == "Draft"
    Draft.model_validate_json(call["arguments"])


@pytest.mark.parametrize(
    ("kind", "status"),
    [("rate_limit", 429), ("server_error", 500), ("truncated", 200), ("bad_schema", 200)],
)
def test_each_fault_kind(kind: str, status: int) -> None:
    plan = FaultPlan(**{kind: 1.0}, retry_after_s=0.2)  # type: ignore[arg-type]
    with FaultServer(plan, lifetime_s=30) as server:
        response = post(server, BODY)
    assert response.status_code == status
    if kind == "rate_limit":
        assert response.headers["retry-after-ms"] == "200"
    if status == 200:
        choice = response.json()["choices"][0]
        with pytest.raises(ValueError):
            Draft.model_validate_json(choice["message"]["content"])
        if kind == "truncated":
            assert choice["finish_reason"] == "length"


def test_timeout_fault_hangs_past_the_client_timeout() -> None:
    with FaultServer(FaultPlan(timeout=1.0, hang_s=2.0), lifetime_s=30) as server:
        with pytest.raises(httpx.TimeoutException):
            post(server, BODY, timeout=0.2)
        assert server.stats["timeout"] == 1


def test_draws_depend_on_seed_and_body_not_on_order() -> None:
    plan = FaultPlan(seed=3, server_error=0.5)
    bodies = [json.dumps({**BODY, "n": i}).encode() for i in range(40)]
    a, b = FaultServer(plan), FaultServer(plan)
    forward = [a.draw(x) for x in bodies]
    backward = [b.draw(x) for x in reversed(bodies)][::-1]
    assert forward == backward
    assert {"ok", "server_error"} == set(forward)
    other = FaultServer(FaultPlan(seed=4, server_error=0.5))
    assert [other.draw(x) for x in bodies] != forward


def test_minimal_instance_is_valid_for_a_schema() -> None:
    assert Draft.model_validate(minimal_instance(Draft.model_json_schema()))


def test_rates_above_one_are_rejected() -> None:
    with pytest.raises(ValueError):
        FaultPlan(server_error=0.6, rate_limit=0.6)
