"""One structured model call: a request built by `instructor`, sent by
`extractor.transport`, with bounded retries of two kinds, a result cache, and
per-call accounting.

- Network faults (connection errors, timeouts, 429 honouring Retry-After,
  5xx) are retried around each HTTP request (`extractor.transport`):
  exponential backoff with jitter, capped, bounded.
- Schema violations are re-asked with instructor's re-ask message for the
  mode (the answer and pydantic's error), bounded.

Both are counted per call in the `CallStats` the caller passes, so that
concurrent calls sharing one client keep separate books.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import os
import sys
import typing
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import instructor
import jiter
import openai
from instructor.core.exceptions import IncompleteOutputException
from instructor.v2.core.errors import AsyncValidationError, ResponseParsingError
from instructor.v2.core.registry import ModeHandlers, mode_registry
from instructor.v2.core.response import process_response
from pydantic import BaseModel, ValidationError

from .config import ExtractorConfig
from .errors import (
    EndpointUnreachableError,
    ExtractionValidationError,
    ExtractorError,
    ProviderError,
)
from .models import Usage
from .transport import UNREACHABLE_STREAK, ChatTransport, TransportError, encode_body
from .version import __version__

__all__ = ["UNREACHABLE_STREAK", "CallStats", "StructuredClient", "cache_key", "request_body"]

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


#: where requests go when no base URL is configured (as the openai SDK picks it)
DEFAULT_BASE_URL = "https://api.openai.com/v1"

#: answers that instructor re-asks about: they broke the schema or were not JSON
_PARSE_ERRORS = (ValidationError, json.JSONDecodeError, AsyncValidationError, ResponseParsingError)

_UNSET: Any = object()

#: request templates a client keeps (one per response model and message roles)
_MOST_TEMPLATES = 1024


def _openai_account_headers() -> dict[str, str]:
    """The organisation and project headers the openai SDK sends from its environment."""
    named = {"OpenAI-Organization": "OPENAI_ORG_ID", "OpenAI-Project": "OPENAI_PROJECT_ID"}
    return {header: os.environ[var] for header, var in named.items() if os.environ.get(var)}


@functools.cache
def _mode_handlers(mode: str) -> ModeHandlers:
    """instructor's parser and re-ask handler for an OpenAI-style endpoint in ``mode``."""
    return mode_registry.get_handlers(instructor.Provider.OPENAI, MODES[mode])


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
    """Move messages and response_format into extra_body, where the body takes them from.

    ``messages`` stays as an empty placeholder so that the key keeps its
    place in the body, and extra_body's value replaces it there (the key
    order of the requests that `make record` recorded). A response_format
    already given in extra_body (llama.cpp's schema form) wins.
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


class _Template:
    """A request body whose messages vary: the rest encoded once, around a gap."""

    _GAP = "\u0000messages\u0000"

    def __init__(self, body: dict[str, Any]) -> None:
        self._fields = {k: v for k, v in body.items() if k != "messages"}
        self._keys = list(body)
        encoded = encode_body({**body, "messages": self._GAP}).decode("utf-8")
        head, gap, tail = encoded.partition(json.dumps(self._GAP))
        if not gap or json.dumps(self._GAP) in tail:  # pragma: no cover - never in a body
            raise ValueError("no unique place for the messages in the request body")
        self._head, self._tail = head.encode("utf-8"), tail.encode("utf-8")

    def body(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        return {k: messages if k == "messages" else self._fields[k] for k in self._keys}

    def encode(self, messages: list[dict[str, str]]) -> bytes:
        return self._head + encode_body(messages) + self._tail


class StructuredClient:
    """An async client that returns validated pydantic objects.

    instructor builds each request (the response model as ``response_format``
    or a tool, per mode), parses each answer and words each re-ask;
    `extractor.transport` sends the requests. Network retries happen inside
    one attempt; a schema violation re-asks with instructor's message.
    """

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
        self._transport = ChatTransport(
            base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL,
            api_key=api_key,
            timeout_s=config.timeout_s,
            max_retries=config.max_network_retries,
            retry_wait_max_s=config.retry_wait_max_s,
            user_agent=f"conflict-extractor/{__version__}",
            headers=_openai_account_headers(),
        )
        self._handlers = _mode_handlers(self.mode)
        self._gate: asyncio.Semaphore | None = None
        # Per response model: the request body less its messages, where
        # instructor leaves the messages as given (tools, json_schema modes).
        self._templates: dict[tuple[type[BaseModel], tuple[str, ...]], _Template | None] = {}

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    def limit_in_flight(self, n: int | None) -> None:
        """At most ``n`` requests in flight at once over all calls (None: no limit).

        A call holds its place only while its request is out (retries
        included), not while its caller works on the answer.
        """
        self._gate = asyncio.Semaphore(n) if n else None

    def request(
        self, messages: list[dict[str, str]], response_model: type[BaseModel]
    ) -> tuple[dict[str, Any], bytes]:
        """The first request for this call: its body (see `request_body`) and that body's JSON.

        instructor builds the body once per response model and shape of
        messages; where it leaves the messages as given (tools and
        json_schema modes), later calls splice theirs into the encoded body
        instead of building and encoding it again.
        """
        slot = (response_model, tuple(m.get("role", "") for m in messages))
        template = self._templates.get(slot, _UNSET)
        if isinstance(template, _Template):
            return template.body(messages), template.encode(messages)
        body = request_body(self.config, messages, response_model)
        if template is _UNSET:
            as_sent = body.get("messages") == json.loads(json.dumps(messages))
            if len(self._templates) >= _MOST_TEMPLATES:  # staged choices make models anew
                self._templates.pop(next(iter(self._templates)))
            self._templates[slot] = _Template(body) if as_sent else None
        return body, encode_body(body)

    async def create(
        self, messages: list[dict[str, str]], response_model: type[T], stats: CallStats
    ) -> T:
        _, schema = _prepared(response_model)
        key = None
        if self.cache is not None:
            key = cache_key(
                self.model, messages, self.mode, schema, schema_json=_schema_json(response_model)
            )
            if (hit := self.cache.get(key)) is not None:
                stats.cached_calls += 1
                return response_model.model_validate(hit["content"])
        before = stats.usage
        body, data = self.request(messages, response_model)
        result = await self._ask(body, data, response_model, stats)
        if self.cache is not None and key is not None:
            spent = stats.usage.model_dump()
            for k, v in before.model_dump().items():
                spent[k] -= v
            set_json = getattr(self.cache, "set_json", None)
            if set_json is not None:  # the entry's JSON made by pydantic, not via a dict
                usage = json.dumps(spent, separators=(",", ":"))
                set_json(key, f'{{"content":{result.model_dump_json()},"usage":{usage}}}')
            else:
                self.cache.set(key, {"content": result.model_dump(mode="json"), "usage": spent})
        return result

    async def _ask(
        self, body: dict[str, Any], data: bytes, response_model: type[T], stats: CallStats
    ) -> T:
        wrapped, _ = _prepared(response_model)
        tries = self.config.max_validation_retries + 1

        def attempt() -> None:
            stats.attempts += 1

        def retry() -> None:
            stats.network_retries += 1

        for n in range(1, tries + 1):
            try:
                gate = self._gate
                async with gate or contextlib.nullcontext():
                    completion = await self._transport.complete(
                        data, on_attempt=attempt, on_retry=retry
                    )
                if gate is not None:
                    # Let the request that takes the freed slot go out (and
                    # answers already in read) before this one is worked on.
                    await asyncio.sleep(0)
            except TransportError as e:
                raise self._fail(self._describe(e), stats) from e
            stats.usage = stats.usage + _usage_of(completion)
            try:
                return self._handlers.response_parser(  # type: ignore[no-any-return]
                    response=completion,
                    response_model=wrapped,
                    validation_context=None,
                    strict=True,  # as instructor's create validates
                    stream=False,
                    is_async=True,
                )
            except IncompleteOutputException as e:
                salvaged = salvage_truncated(completion, response_model)
                if salvaged is None:
                    error = ExtractionValidationError(
                        f"model output was cut off at max_tokens={self.config.max_tokens}"
                    )
                    raise self._fail(error, stats) from e
                stats.truncated += 1
                return salvaged
            except _PARSE_ERRORS as e:
                stats.validation_retries += 1  # every answer that broke it, the last one too
                if n == tries:
                    error = ExtractionValidationError(
                        f"model output broke the schema after {tries} attempt(s): "
                        f"{schema_violation(e)}"
                    )
                    raise self._fail(error, stats) from e
                # instructor's re-ask: the answer and the validation error as new
                # messages (its handlers extend the list they are given: a copy)
                body = self._handlers.reask_handler(
                    kwargs={**body, "messages": list(body["messages"])},
                    response=completion,
                    exception=e,
                )
                data = encode_body(body)
            except Exception as e:  # an answer instructor cannot even read: no re-ask
                error = ExtractionValidationError(
                    f"model output broke the schema: {schema_violation(e)}"
                )
                raise self._fail(error, stats) from e
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _fail(error: ExtractorError, stats: CallStats) -> ExtractorError:
        error.attempts = stats.attempts
        error.usage = stats.usage  # what the failed document cost, retries included
        return error

    def _describe(self, exc: TransportError) -> ExtractorError:
        where = self._transport.base_url
        if exc.kind == "unreachable":
            return EndpointUnreachableError(f"{where}: {exc}")
        if exc.status == 401:
            return ProviderError(f"{where}: authentication failed (check OPENAI_API_KEY)")
        if exc.status == 404:
            return ProviderError(f"{where}: model {self.model!r} not found ({exc.detail})")
        return ProviderError(f"{where}: {exc}")

    async def aclose(self) -> None:
        await self._transport.aclose()
