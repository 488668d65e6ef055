from __future__ import annotations

import pytest

from extractor.config import ExtractorConfig, resolve_config
from extractor.errors import ConfigurationError


def test_defaults_use_the_embedded_model() -> None:
    config = resolve_config()
    assert config.provider == "local"
    assert config.resolved_model == "qwen2.5-coder-1.5b"
    assert config.resolved_mode == "json_schema"


def test_explicit_beats_environment_beats_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_MAX_TOKENS", "777")
    monkeypatch.setenv("EXTRACTOR_TEMPERATURE", "0.5")
    config = resolve_config(max_tokens=123)
    assert config.max_tokens == 123
    assert config.temperature == 0.5
    assert resolve_config().max_tokens == 777


def test_base_url_alone_selects_a_compatible_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("EXTRACTOR_MODEL", "qwen2.5:7b")
    config = resolve_config()
    assert config.provider == "openai_compatible"
    assert config.resolved_mode == "json_schema"


def test_openai_reads_its_key_and_uses_tool_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    config = resolve_config(provider="openai")
    assert config.resolved_mode == "tools"
    assert config.api_key is not None
    assert config.api_key.get_secret_value() == "sk-test-not-a-real-key"


def test_the_key_never_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    config = resolve_config(provider="openai")
    assert "sk-test" not in repr(config)
    assert "sk-test" not in str(config.public_dict())
    assert config.public_dict()["api_key_set"] is True


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"provider": "openai"}, "OPENAI_API_KEY"),
        ({"provider": "openai_compatible", "model": "m"}, "EXTRACTOR_BASE_URL"),
        ({"provider": "anthropic"}, "EXTRACTOR_PROVIDER"),
        ({"mode": "xml"}, "EXTRACTOR_MODE"),
        ({"chunk_chars": 100, "chunk_overlap": 100}, "chunk_overlap"),
        ({"colour": "blue"}, "unknown setting"),
    ],
)
def test_bad_settings_name_the_setting(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        resolve_config(**settings)


def test_bad_environment_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_MAX_TOKENS", "lots")
    with pytest.raises(ConfigurationError, match="EXTRACTOR_MAX_TOKENS"):
        resolve_config()


def test_compatible_server_needs_a_model_name() -> None:
    config = ExtractorConfig(provider="openai_compatible", base_url="http://127.0.0.1:8000/v1")
    with pytest.raises(ConfigurationError, match="EXTRACTOR_MODEL"):
        _ = config.resolved_model


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EXTRACTOR_BASE_URL": "not a url"}, "not an http"),
        ({"EXTRACTOR_BASE_URL": "ftp://127.0.0.1/v1"}, "not an http"),
        ({"EXTRACTOR_BASE_URL": "http://"}, "not an http"),
        ({"EXTRACTOR_BASE_URL": "127.0.0.1:8000"}, "not an http"),
        ({"EXTRACTOR_BASE_URL": "http://127.0.0.1:80x0/v1"}, "bad port"),
        ({"EXTRACTOR_TIMEOUT_S": "0"}, "timeout_s"),
        ({"EXTRACTOR_TIMEOUT_S": "-5"}, "timeout_s"),
        ({"EXTRACTOR_TIMEOUT_S": "nan"}, "timeout_s"),
        ({"EXTRACTOR_MAX_TOKENS": "0"}, "EXTRACTOR_MAX_TOKENS"),
        ({"EXTRACTOR_MAX_TOKENS": "-1"}, "EXTRACTOR_MAX_TOKENS"),
        ({"EXTRACTOR_CHUNK_CHARS": "0", "EXTRACTOR_CHUNK_OVERLAP": "-1"}, "chunk_chars"),
    ],
)
def test_malformed_endpoint_and_limits_are_refused_when_resolved(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=message):
        resolve_config(model="m")


def test_explicit_limits_are_checked_too() -> None:
    with pytest.raises(ConfigurationError, match="timeout_s"):
        resolve_config(timeout_s=0.0)
    config = resolve_config(base_url=" http://127.0.0.1:8000/v1", model="m", timeout_s=0.5)
    assert config.timeout_s == 0.5
