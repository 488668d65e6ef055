"""Shared pieces of the model-client tests: a short article and a config for the fault server."""

from __future__ import annotations

from typing import Any

from extractor.config import ExtractorConfig, resolve_config

ARTICLE = (
    "Tuesday 4 June 2019\n\nAirstrikes hit the town of Khan Sheikhoun on Monday, killing at least "
    "12 civilians, the Syrian Observatory for Human Rights said.\n"
)


def fault_config(base_url: str, **overrides: Any) -> ExtractorConfig:
    """An openai_compatible config for the fault server: dummy key, short waits."""
    settings = {
        "provider": "openai_compatible",
        "base_url": base_url,
        "model": "fault-model",
        "api_key": "dummy",
        "retry_wait_max_s": 0.05,
        "timeout_s": 2.0,
    }
    settings.update(overrides)
    return resolve_config(**settings)
