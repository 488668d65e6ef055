"""One structured model call: OpenAI-compatible HTTP through `openai` +
`instructor`, with bounded retries of two kinds, a result cache, and
per-call accounting.

- Network faults (connection errors, timeouts, 429 honouring Retry-After,
  5xx) are retried around each HTTP request with tenacity: exponential
  backoff with jitter, capped, bounded.
- Schema violations are re-asked by instructor with the validation error,
  bounded.

Both are counted per call in `CallStats`, which instructor's hooks fill
through a context variable, so that concurrent calls sharing one client
keep separate books.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import json
import sys
import typing
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import httpx
import instructor
import jiter
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.response import process_response
from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from .config import ExtractorConfig
from .errors import (
    EndpointUnreachableError,
    ExtractionValidationError,
    ExtractorError,
    ProviderError,
)
from .models import Usage

T = TypeVar("T", bound=BaseModel)

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


class ResultCache(Protocol):
    def get(self, key: str) -> dict[str, Any] | None: ...

    def set(self, key: str, value: dict[str, Any]) -> None: ...


@dataclass
class CallStats:
    """What calls for one document cost, retries included."""

    attempts: int = 0
    network_retries: int = 0
    validation_retries: int = 0
    cached_calls: int = 0
    truncated: int = 0
    usage: Usage = field(default_factory=Usage)


_current: contextvars.ContextVar[CallStats | None] = contextvars.ContextVar(
    "extractor_call_stats", default=None
)


def cache_key(
    model: str,
    messages: list[dict[str, str]],
    mode: str,
    schema: dict[str, Any],
    *,
    schema_json: str | None = None,
) -> str:
    """Key over everything that determines the answer (instructor's idea).

    The hash of ``json.dumps({model, messages, mode, schema}, sort_keys=True)``;
    ``schema_json`` is the schema so encoded, made once per response model
    (sorting and encoding the schema on every call cost more than the rest).
    """
    if schema_json is None:
        schema_json = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    head = json.dumps(
        {"messages": messages, "mode": mode, "model": model}, sort_keys=True, ensure_ascii=False
    )
    # "schema" sorts after the other keys: the same text as encoding all four at once
    blob = f'{head[:-1]}, "schema": {schema_json}}}'
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError | openai.APITimeoutError | openai.RateLimitError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


#: connection failures in a row (over all calls of a client) after which no call retries one
UNREACHABLE_STREAK = 8


def _is_unreachable(exc: BaseException) -> bool:
    """A connection that failed to open: refused, reset, unknown host, connect timeout."""
    if isinstance(exc, openai.APITimeoutError):
        return _connect_failed(exc)
    return isinstance(exc, openai.APIConnectionError)


def _retry_after(exc: BaseException | None) -> float | None:
    if not isinstance(exc, openai.APIStatusError):
        return None
    raw = exc.response.headers.get("retry-after")
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except ValueError:
        return None


class _Wait:
    """Retry-After when the server sends one, else exponential backoff with jitter."""

    def __init__(self, cap: float) -> None:
        self.cap = cap
        self.backoff = wait_exponential(multiplier=0.5, max=cap) + wait_random(0, 0.5)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = _retry_after(exc)
        if hinted is not None:
            return min(hinted, self.cap)
        return float(self.backoff(state))


def _usage_of(response: Any) -> Usage:
    u = getattr(response, "usage", None)
    if u is None:
        return Usage()
    return Usage(
        prompt_tokens=u.prompt_tokens or 0,
        completion_tokens=u.completion_tokens or 0,
        total_tokens=u.total_tokens or 0,
    )


def salvage_truncated(completion: Any, response_model: type[T]) -> T | None:
    """Keep the complete records of an answer cut off at max_tokens.

    The partial JSON is parsed leniently; each top-level list keeps the items
    that validate on their own, and the cut-off tail is dropped.
    """
    try:
        content = completion.choices[0].message.content or ""
        partial = jiter.from_json(content.encode("utf-8"), partial_mode="trailing-strings")
    except (AttributeError, IndexError, ValueError):
        return None
    if not isinstance(partial, dict) or not (partial.keys() & response_model.model_fields.keys()):
        return None  # nothing of the schema in it: an answer to something else
    kept: dict[str, Any] = {}
    for name, info in response_model.model_fields.items():
        value = partial.get(name)
        if not isinstance(value, list):
            continue
        item_model = typing.get_args(info.annotation)[0]
        kept[name] = []
        for item in value:
            try:
                kept[name].append(item_model.model_validate(item))
            except ValidationError:
                break
    try:
        return response_model.model_validate(kept)
    except ValidationError:
        return None


@functools.lru_cache(maxsize=1024)  # bounded: staged choices build a model per option set
def _schema_json(response_model: type[BaseModel]) -> str:
    """The response model's JSON schema as `cache_key` encodes it, made once."""
    return json.dumps(response_model.model_json_schema(), sort_keys=True, ensure_ascii=False)


@functools.lru_cache(maxsize=1024)
def _prepared(response_model: type[T]) -> tuple[type[T], dict[str, Any]]:
    """The response model for instructor, with its JSON schema built once.

    instructor asks the model for its schema on every call, and pydantic
    builds it anew each time (milliseconds for the draft model); a subclass
    with the same name and fields answers from a frozen copy instead.
    """
    schema = response_model.model_json_schema()
    frozen = json.loads(json.dumps(schema))  # a private copy, never handed out
    # instructor's own wrapper, made once: given a plain model, it builds a
    # new wrapper class on every call.
    base = instructor.response_schema(response_model)

    class Prepared(base):  # type: ignore[valid-type,misc]
        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
            if args or kwargs:
                return super().model_json_schema(*args, **kwargs)
            # A fresh top-level dict (instructor's handlers set keys such as
            # "description" or "additionalProperties" on it) over shared,
            # never-modified nested parts: re-parsing a full copy cost about
            # 0.1 ms per call.
            return dict(frozen)

    Prepared.__name__ = response_model.__name__
    Prepared.__qualname__ = response_model.__qualname__
    Prepared.__doc__ = response_model.__doc__
    _check_async_validators_once()
    return Prepared, schema


def _untyped_body(kwargs: dict[str, Any]) -> None:
    """Send messages and response_format as plain JSON (the same bytes on the wire).

    The openai client walks typed parameters recursively to transform them;
    for a JSON schema of the draft's size that costs milliseconds per call,
    and for the messages (a union of typed dicts, tried one by one) about
    half a millisecond, while plain strings and a schema need no
    transforming. ``messages`` stays as an empty placeholder so that the key
    keeps its place in the body, and extra_body's value replaces it there.
    A response_format already given in extra_body (llama.cpp's schema form)
    wins.
    """
    extra = dict(kwargs.get("extra_body") or {})
    response_format = kwargs.pop("response_format", None)
    if response_format is not None:
        extra.setdefault("response_format", response_format)
    messages = kwargs.get("messages")
    if isinstance(messages, list) and "messages" not in extra:
        extra["messages"] = messages
        kwargs["messages"] = []
    if extra:
        kwargs["extra_body"] = extra


def _check_async_validators_once() -> None:
    """Run instructor's per-call scan for async validators once per model class.

    The scan walks the whole model tree on every call (about a millisecond
    for the draft model) and its answer depends only on the class, so it is
    memoised. Skipped quietly if instructor's layout changes.
    """
    for module_name in ("instructor.v2.validation.async_validators", "instructor.v2.core.patch"):
        module = sys.modules.get(module_name)
        original = getattr(module, "reject_async_validators", None)
        if original is None or getattr(original, "_memoised", False):
            continue
        memo = functools.cache(original)
        memo._memoised = True  # type: ignore[attr-defined]
        module.reject_async_validators = memo  # type: ignore[union-attr]


def extra_body(config: ExtractorConfig, schema: dict[str, Any]) -> dict[str, Any] | None:
    """Request fields the openai client has no parameter for, per provider."""
    extra: dict[str, Any] = {}
    if config.provider == "local" or (
        config.resolved_mode == "json" and config.provider != "openai"
    ):
        # llama-cpp-python's server constrains decoding to a JSON schema
        # given this way (it does not read OpenAI's json_schema format).
        extra["response_format"] = {"type": "json_object", "schema": schema}
    if config.provider == "local" and config.local_repeat_penalty:
        extra["repeat_penalty"] = config.local_repeat_penalty
    return extra or None


def call_kwargs(
    config: ExtractorConfig,
    messages: list[dict[str, str]],
    wrapped: type[BaseModel],
    schema: dict[str, Any],
) -> dict[str, Any]:
    """What the pipeline passes to instructor's create for one structured call."""
    return {
        "model": config.resolved_model,
        "messages": messages,
        "response_model": wrapped,
        "max_retries": config.max_validation_retries,
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
        "seed": config.seed,
        "extra_body": extra_body(config, schema),
    }


class _Captured(BaseException):
    """Carries the kwargs instructor hands to the openai client (BaseException:
    no retry layer catches it)."""

    def __init__(self, kwargs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.kwargs = kwargs


@functools.cache
def _capturing_client(mode: str) -> Any:
    raw = openai.OpenAI(base_url="http://127.0.0.1:9/v1", api_key="not-needed", max_retries=0)

    def capture(*_args: Any, **kwargs: Any) -> Any:
        raise _Captured(kwargs)

    raw.chat.completions.create = capture  # type: ignore[method-assign]
    return instructor.from_openai(raw, mode=MODES[mode])


def request_body(
    config: ExtractorConfig, messages: list[dict[str, str]], response_model: type[BaseModel]
) -> dict[str, Any]:
    """The JSON body of the first request the live client sends for this call.

    instructor builds the request (response_format or tools, per mode) exactly
    as on a live call; nothing is sent. The openai client then merges
    ``extra_body`` into the body, as done here.
    """
    wrapped, schema = _prepared(response_model)
    try:
        _capturing_client(config.resolved_mode).chat.completions.create(
            **call_kwargs(config, messages, wrapped, schema)
        )
    except _Captured as captured:
        kwargs = dict(captured.kwargs)
    else:  # pragma: no cover - the capture always raises
        raise AssertionError("request was not captured")
    _untyped_body(kwargs)
    extra = kwargs.pop("extra_body", None) or {}
    body = {k: v for k, v in kwargs.items() if not isinstance(v, openai.NotGiven | openai.Omit)}
    body.update(extra)
    return json.loads(json.dumps(body))


def parse_completion(
    config: ExtractorConfig, body: dict[str, Any], response_model: type[T], stats: CallStats
) -> T:
    """Validate a chat completion (a batch output body) as the live client does.

    The answer is parsed by instructor for the configured mode; an answer cut
    off at max_tokens keeps its complete records, as on a live call. There is
    no re-ask: a body that breaks the schema raises ExtractionValidationError.
    """
    from openai.types.chat import ChatCompletion

    wrapped, _ = _prepared(response_model)
    stats.attempts += 1
    try:
        completion = ChatCompletion.model_validate(body)
    except ValidationError as e:
        raise ExtractionValidationError(
            f"not a chat completion: {str(e).splitlines()[0][:300]}"
        ) from e
    stats.usage = stats.usage + _usage_of(completion)
    try:
        result = process_response(
            completion,
            response_model=wrapped,
            stream=False,
            mode=MODES[config.resolved_mode],
        )
    except IncompleteOutputException as e:
        salvaged = salvage_truncated(completion, response_model)
        if salvaged is None:
            raise ExtractionValidationError(
                f"model output was cut off at max_tokens={config.max_tokens}"
            ) from e
        stats.truncated += 1
        return salvaged
    except Exception as e:  # instructor raises ValidationError, JSON errors and more
        raise ExtractionValidationError(
            f"model output broke the schema: {schema_violation(e)}"
        ) from e
    return result  # type: ignore[no-any-return]


def _last_failure(exc: BaseException) -> BaseException:
    """The error of the last failed attempt behind an instructor retry exception."""
    attempts = getattr(exc, "failed_attempts", None) or []
    for attempt in reversed(attempts):
        if getattr(attempt, "exception", None) is not None:
            return attempt.exception  # type: ignore[no-any-return]
    seen = exc
    while seen.__cause__ is not None and seen is not seen.__cause__:
        seen = seen.__cause__
        if isinstance(seen, ValidationError):
            return seen
    return exc


def schema_violation(exc: BaseException) -> str:
    """The first failing field and pydantic's words for it, in one line.

    ``incidents.0.event_type: Input should be 'airstrike', ... [got 12345]``;
    the error count follows when there are more.
    """
    found = _last_failure(exc)
    if isinstance(found, ValidationError):
        errors = found.errors(include_url=False)
        if errors:
            first = errors[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "(answer)"
            got = first.get("input")
            shown = json.dumps(got, ensure_ascii=False, default=str)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
            return f"{where}: {first.get('msg')} [got {shown}]{more}"
    text = str(found).strip().splitlines()
    return (text[0] if text else type(found).__name__)[:300]


def _connect_failed(exc: BaseException) -> bool:
    """Whether a timeout happened while connecting (a dead host), not while waiting."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, httpx.ConnectTimeout | httpx.ConnectError):
            return True
        seen = seen.__cause__ if seen.__cause__ is not seen else None
    return False


class StructuredClient:
    """An async client that returns validated pydantic objects."""

    def __init__(
        self,
        config: ExtractorConfig,
        *,
        base_url: str | None,
        api_key: str | None,
        cache: ResultCache | None = None,
    ) -> None:
        self.config = config
        self.model = config.resolved_model
        self.mode = config.resolved_mode
        self.cache = cache
        self._openai = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            max_retries=0,
            timeout=config.timeout_s,
        )
        raw_create = self._openai.chat.completions.create
        self._unreachable_streak = 0  # connection failures in a row, over all calls

        def worth_retrying(exc: BaseException) -> bool:
            # Once the endpoint has refused UNREACHABLE_STREAK connections in a
            # row, calls fail at once instead of each waiting out its backoff.
            if _is_unreachable(exc) and self._unreachable_streak >= UNREACHABLE_STREAK:
                return False
            return _is_retryable(exc)

        retrying = AsyncRetrying(
            retry=retry_if_exception(worth_retrying),
            stop=stop_after_attempt(config.max_network_retries + 1),
            wait=_Wait(config.retry_wait_max_s),
            before_sleep=self._count_network_retry,
            reraise=True,
        )

        async def create_with_retries(*args: Any, **kwargs: Any) -> Any:
            _untyped_body(kwargs)
            async for attempt in retrying.copy():
                with attempt:
                    self._stats().attempts += 1
                    try:
                        response = await raw_create(*args, **kwargs)
                    except Exception as e:
                        if _is_unreachable(e):
                            self._unreachable_streak += 1
                        raise
                    self._unreachable_streak = 0
                    return response
            raise AssertionError("unreachable")  # pragma: no cover

        self._openai.chat.completions.create = create_with_retries  # type: ignore[method-assign]
        self._client = instructor.from_openai(self._openai, mode=MODES[self.mode])
        self._client.on("completion:response", self._on_response)
        self._client.on("parse:error", self._on_parse_error)

    @staticmethod
    def _stats() -> CallStats:
        stats = _current.get()
        if stats is None:  # a call outside `create`: account nowhere
            stats = CallStats()
            _current.set(stats)
        return stats

    def _count_network_retry(self, _state: RetryCallState) -> None:
        self._stats().network_retries += 1

    def _on_response(self, response: Any) -> None:
        stats = self._stats()
        stats.usage = stats.usage + _usage_of(response)

    def _on_parse_error(self, _error: Exception) -> None:
        self._stats().validation_retries += 1

    async def create(
        self, messages: list[dict[str, str]], response_model: type[T], stats: CallStats
    ) -> T:
        wrapped, schema = _prepared(response_model)
        key = None
        if self.cache is not None:
            key = cache_key(
                self.model, messages, self.mode, schema, schema_json=_schema_json(response_model)
            )
            if (hit := self.cache.get(key)) is not None:
                stats.cached_calls += 1
                return response_model.model_validate(hit["content"])
        token = _current.set(stats)
        before = stats.usage
        try:
            result = await self._client.chat.completions.create(
                **call_kwargs(self.config, messages, wrapped, schema)
            )
        except InstructorRetryException as e:
            raise self._translate(e, stats) from e
        except IncompleteOutputException as e:
            result = salvage_truncated(e.last_completion, response_model)
            if result is None:
                error = ExtractionValidationError(
                    f"model output was cut off at max_tokens={self.config.max_tokens}"
                )
                error.attempts = stats.attempts
                error.usage = stats.usage
                raise error from e
            stats.truncated += 1
        except openai.APIError as e:
            raise self._translate(e, stats) from e
        finally:
            _current.reset(token)
        if self.cache is not None and key is not None:
            spent = stats.usage.model_dump()
            for k, v in before.model_dump().items():
                spent[k] -= v
            self.cache.set(key, {"content": result.model_dump(mode="json"), "usage": spent})
        return result

    def _translate(self, exc: Exception, stats: CallStats) -> Exception:
        error = self._describe(exc)
        error.attempts = stats.attempts
        error.usage = stats.usage  # what the failed document cost, retries included
        return error

    def _describe(self, exc: Exception) -> ExtractorError:
        cause = exc.__cause__ if isinstance(exc, InstructorRetryException) else exc
        where = self._openai.base_url
        if isinstance(cause, openai.AuthenticationError):
            return ProviderError(f"{where}: authentication failed (check OPENAI_API_KEY)")
        if isinstance(cause, openai.NotFoundError):
            return ProviderError(f"{where}: model {self.model!r} not found")
        if isinstance(cause, openai.APITimeoutError) and not _connect_failed(cause):
            return ProviderError(f"{where}: no answer within {self.config.timeout_s:g}s ({cause})")
        if isinstance(cause, openai.APIConnectionError):
            return EndpointUnreachableError(f"{where}: cannot reach the endpoint ({cause})")
        if isinstance(cause, openai.APIStatusError):
            return ProviderError(f"{where}: HTTP {cause.status_code}: {cause.message}")
        if isinstance(cause, openai.APIError):
            return ProviderError(f"{where}: {cause}")
        return ExtractionValidationError(
            f"model output broke the schema after {self.config.max_validation_retries + 1} "
            f"attempt(s): {schema_violation(exc)}"
        )

    async def aclose(self) -> None:
        await self._openai.close()
