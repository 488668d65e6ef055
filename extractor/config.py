"""Configuration, resolved in one place: explicit argument, then
``EXTRACTOR_*`` environment variable, then default.

The API key is held as a `pydantic.SecretStr` so that it never appears in a
repr, a log line, a manifest or a cassette.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import urlsplit

from pydantic import SecretStr

from .errors import ConfigurationError

ENV_PREFIX = "EXTRACTOR_"

PROVIDERS = ("local", "openai", "openai_compatible")
MODES = ("tools", "json_schema", "json", "md_json")
STRATEGIES = ("single", "staged", "rules")

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"
"""The embedded model by default: the one whose choices beat their rules on the
test split (README, "Model against rule"); `MODEL_KINDS` says which it makes."""
SMOLLM2 = "smollm2-135m-instruct"  # the model that recorded the single cassettes


@dataclass(frozen=True)
class ExtractorConfig:
    """How to reach the model and how hard to try.

    provider: ``local`` (embedded llama.cpp server), ``openai``, or
    ``openai_compatible`` (any server by ``base_url``: vLLM, Ollama, llama.cpp).
    mode: instructor mode; ``None`` picks per provider (tools for OpenAI,
    json_schema for llama.cpp and other compatible servers).
    strategy: ``single``, ``staged`` or ``rules``; ``None`` picks ``staged``
    for the embedded model and ``single`` for every other provider.
    """

    provider: str = "local"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = field(default=None, repr=False)
    mode: str | None = None
    strategy: str | None = None
    temperature: float = 0.0
    max_tokens: int = 1024
    timeout_s: float = 300.0
    max_network_retries: int = 4
    max_validation_retries: int = 1
    retry_wait_max_s: float = 30.0
    chunk_chars: int = 6000
    chunk_overlap: int = 400
    seed: int | None = 0
    local_model: str | None = None
    local_model_path: str | None = None
    local_n_ctx: int = 8192
    local_repeat_penalty: float = 1.15
    local_startup_timeout_s: float = 120.0

    @property
    def resolved_mode(self) -> str:
        if self.mode:
            return self.mode
        return "tools" if self.provider == "openai" else "json_schema"

    @property
    def resolved_strategy(self) -> str:
        if self.strategy:
            return self.strategy
        return "staged" if self.provider == "local" else "single"

    @property
    def resolved_model(self) -> str:
        if self.model:
            return self.model
        if self.provider == "openai":
            return DEFAULT_OPENAI_MODEL
        if self.provider == "local":
            return self.local_model or DEFAULT_LOCAL_MODEL
        raise ConfigurationError(
            "no model given for provider openai_compatible: set --model or EXTRACTOR_MODEL"
        )

    def public_dict(self) -> dict[str, Any]:
        """The configuration as plain data, without the secret."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "api_key"}
        out["api_key_set"] = self.api_key is not None
        return out


def _coerce(name: str, raw: str, default: Any) -> Any:
    kind = type(default)
    try:
        if name == "api_key":
            return SecretStr(raw)
        if default is None:
            if name == "seed":
                return int(raw)
            return raw
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        return kind(raw)
    except ValueError as e:
        raise ConfigurationError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind.__name__}"
        ) from e


def resolve_config(*, check_endpoint: bool = True, **explicit: Any) -> ExtractorConfig:
    """Build a config: explicit keyword (not None) > EXTRACTOR_* env > default.

    ``OPENAI_API_KEY`` is read for the ``openai`` provider when no key is
    given explicitly or as ``EXTRACTOR_API_KEY``. ``check_endpoint=False``
    skips the API key and base URL checks, for work that calls no model
    (writing batch request files).
    """
    defaults = ExtractorConfig()
    names = {f.name for f in fields(ExtractorConfig)}
    unknown = set(explicit) - names
    if unknown:
        raise ConfigurationError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name in names:
        if explicit.get(name) is not None:
            value = explicit[name]
            if name == "api_key" and isinstance(value, str):
                value = SecretStr(value)
            values[name] = value
            continue
        raw = os.environ.get(f"{ENV_PREFIX}{name.upper()}")
        if raw not in (None, ""):
            values[name] = _coerce(name, raw, getattr(defaults, name))
    if "provider" not in values and values.get("base_url"):
        values["provider"] = "openai_compatible"
    config = replace(defaults, **values)
    if config.provider == "openai" and config.api_key is None:
        key = os.environ.get("OPENAI_API_KEY")
        if key:
            config = replace(config, api_key=SecretStr(key))
    validate_config(config, check_endpoint=check_endpoint)
    return config


def validate_config(config: ExtractorConfig, *, check_endpoint: bool = True) -> None:
    """Raise ConfigurationError naming the setting that is wrong."""
    if config.provider not in PROVIDERS:
        raise ConfigurationError(
            f"unknown provider {config.provider!r} (EXTRACTOR_PROVIDER): use one of {', '.join(PROVIDERS)}"
        )
    if config.mode is not None and config.mode not in MODES:
        raise ConfigurationError(
            f"unknown mode {config.mode!r} (EXTRACTOR_MODE): use one of {', '.join(MODES)}"
        )
    if config.strategy is not None and config.strategy not in STRATEGIES:
        raise ConfigurationError(
            f"unknown strategy {config.strategy!r} (EXTRACTOR_STRATEGY): use one of {', '.join(STRATEGIES)}"
        )
    needs_key = config.strategy != "rules"
    if check_endpoint and needs_key and config.provider == "openai" and config.api_key is None:
        raise ConfigurationError(
            "provider openai needs an API key: set OPENAI_API_KEY (or EXTRACTOR_API_KEY)"
        )
    if check_endpoint and config.provider == "openai_compatible" and not config.base_url:
        raise ConfigurationError(
            "provider openai_compatible needs a base URL: set --base-url or EXTRACTOR_BASE_URL"
        )
    if config.max_network_retries < 0 or config.max_validation_retries < 0:
        raise ConfigurationError("retry bounds must be zero or more")
    _validate_limits(config)
    if config.chunk_overlap >= config.chunk_chars:
        raise ConfigurationError("chunk_overlap must be smaller than chunk_chars")


def _validate_limits(config: ExtractorConfig) -> None:
    """The base URL parses as http(s)://host, and time and token limits are positive."""
    if config.base_url is not None:
        url = urlsplit(config.base_url.strip())
        try:
            url.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError as e:
            raise ConfigurationError(
                f"base URL {config.base_url!r} (--base-url, EXTRACTOR_BASE_URL) has a bad port"
            ) from e
        if (
            url.scheme not in ("http", "https")
            or not url.hostname
            or " " in config.base_url.strip()
        ):
            raise ConfigurationError(
                f"base URL {config.base_url!r} (--base-url, EXTRACTOR_BASE_URL) is not an "
                "http(s) URL: give one like http://127.0.0.1:8000/v1"
            )
    for name, env in (
        ("timeout_s", "--timeout, EXTRACTOR_TIMEOUT_S"),
        ("max_tokens", "EXTRACTOR_MAX_TOKENS"),
        ("chunk_chars", "EXTRACTOR_CHUNK_CHARS"),
        ("local_startup_timeout_s", "EXTRACTOR_LOCAL_STARTUP_TIMEOUT_S"),
    ):
        value = getattr(config, name)
        if not value > 0:  # also NaN
            raise ConfigurationError(f"{name} ({env}) must be more than 0, got {value!r}")


# --------------------------------------------------------------------------- service

SERVICE_ENV_PREFIX = f"{ENV_PREFIX}SERVICE_"


def default_data_dir() -> str:
    """``$XDG_DATA_HOME/extractor/service`` (``~/.local/share`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return os.path.join(base, "extractor", "service")


@dataclass(frozen=True)
class ServiceConfig:
    """How `extractor serve` listens, whom it lets in and how much it takes.

    Each setting reads ``EXTRACTOR_SERVICE_<NAME>`` (``EXTRACTOR_SERVICE_TOKENS``:
    comma-separated bearer tokens; ``EXTRACTOR_SERVICE_TOKENS_FILE``: one a line).
    ``max_model_calls`` 0 means 1 for the embedded model (it answers one
    request at a time) and 8 otherwise. ``models`` are the model names a
    request may ask for besides the configured one.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: str = ""
    tokens: tuple[SecretStr, ...] = field(default=(), repr=False)
    tokens_file: str | None = None
    max_body_bytes: int = 16 * 2**20
    max_text_chars: int = 200_000
    max_job_documents: int = 10_000
    max_model_calls: int = 0
    models: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()
    retry_after_s: int = 2
    cache: bool = True


def _read_tokens(path: str) -> tuple[SecretStr, ...]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [line.strip() for line in fh]
    except OSError as e:
        raise ConfigurationError(f"cannot read the tokens file {path}: {e.strerror or e}") from e
    return tuple(SecretStr(t) for t in lines if t and not t.startswith("#"))


def resolve_service_config(**explicit: Any) -> ServiceConfig:
    """Build the service settings: explicit keyword (not None) > EXTRACTOR_SERVICE_* > default."""
    defaults = ServiceConfig()
    names = {f.name for f in fields(ServiceConfig)}
    unknown = set(explicit) - names
    if unknown:
        raise ConfigurationError(f"unknown service setting(s): {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name in names:
        if explicit.get(name) is not None:
            values[name] = explicit[name]
            continue
        raw = os.environ.get(f"{SERVICE_ENV_PREFIX}{name.upper()}")
        if raw in (None, ""):
            continue
        default = getattr(defaults, name)
        if isinstance(default, tuple):
            items = tuple(x.strip() for x in raw.split(",") if x.strip())
            values[name] = tuple(SecretStr(x) for x in items) if name == "tokens" else items
        else:
            try:
                values[name] = _coerce(name, raw, default)
            except ConfigurationError as e:
                raise ConfigurationError(str(e).replace(ENV_PREFIX, SERVICE_ENV_PREFIX, 1)) from e
    tokens = tuple(
        t if isinstance(t, SecretStr) else SecretStr(str(t)) for t in values.get("tokens", ())
    )
    if values.get("tokens_file"):
        tokens += _read_tokens(values["tokens_file"])
    values["tokens"] = tokens
    values.setdefault("data_dir", default_data_dir())
    config = replace(defaults, **values)
    for name in ("max_body_bytes", "max_text_chars", "max_job_documents"):
        if getattr(config, name) < 1:
            raise ConfigurationError(f"{SERVICE_ENV_PREFIX}{name.upper()} must be at least 1")
    if config.max_model_calls < 0:
        raise ConfigurationError(f"{SERVICE_ENV_PREFIX}MAX_MODEL_CALLS must be 0 (auto) or more")
    if not 0 < config.port < 65536:
        raise ConfigurationError(f"port {config.port} is not between 1 and 65535")
    return config
