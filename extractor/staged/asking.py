"""Put one choice to the model under a schema built for that request.

The model answers with an option's label, not its text: the options are
listed numbered in the prompt ("1. the ministry"), and the response schema's
one field is a `Literal` of the labels ("1", "2", ..., "none"), so llama.cpp's
JSON-schema constrained decoding can only produce a valid option, and no
option text (quotes, backslashes, any script) ever reaches the grammar. The
label is mapped back to its option's text here. The messages keep a stable
prefix (the fixed instructions, then the passage, then the question) so that
the server's prompt cache reuses the work of a document's earlier choices.
The templates are `prompts/choice_system.j2` and `prompts/choice_user.j2`,
rendered in a sandbox; their hash is the staged prompt version.

A request the endpoint fails (an error status after retries, a timeout, a
server that died) is a fallback to the rule, never a failed document; its
input is logged and kept in the user cache (`failed_request_dir`) so that a
crash can be reported upstream with what caused it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, create_model

from extractor.errors import (
    ConfigurationError,
    EndpointUnreachableError,
    ExtractionValidationError,
    ProviderError,
)
from extractor.llm import CallStats, StructuredClient
from extractor.staged.questions import NONE, Question
from extractor.templates import default_prompt_dir

FILES = ("choice_system.j2", "choice_user.j2")
KEEP_FAILED_REQUESTS = 50

log = logging.getLogger(__name__)


def labels(options: tuple[str, ...]) -> tuple[str, ...]:
    """Each option's answer label: its number among the real options, "none" for none."""
    out, n = [], 0
    for option in options:
        if option == NONE:
            out.append(NONE)
        else:
            n += 1
            out.append(str(n))
    return tuple(out)


@dataclass(frozen=True)
class ChoicePrompts:
    system: str
    user: Any
    version: str

    def render(self, context: str, question: Question) -> list[dict[str, str]]:
        options = list(zip(labels(question.options), question.options, strict=True))
        user = self.user.render(context=context, question=question.prompt, options=options)
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]


@cache
def choice_prompts() -> ChoicePrompts:
    root = default_prompt_dir()
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    try:
        system_src, user_src = ((root / name).read_text(encoding="utf-8") for name in FILES)
    except OSError as e:
        raise ConfigurationError(f"cannot read choice prompts in {root}: {e}") from e
    version = hashlib.sha256((system_src + "\0" + user_src).encode("utf-8")).hexdigest()[:12]
    return ChoicePrompts(
        env.from_string(system_src).render().strip(), env.from_string(user_src), version
    )


@lru_cache(maxsize=512)
def answer_model(answers: tuple[str, ...]) -> type[BaseModel]:
    """A response model that admits exactly these answers (a choice's labels)."""
    return create_model("Choice", answer=(Literal[answers], ...))  # type: ignore[valid-type]


def choice_model(question: Question) -> type[BaseModel]:
    """The response model of a question: one of its options' labels."""
    return answer_model(labels(question.options))


def failed_request_dir() -> Path:
    """``$XDG_CACHE_HOME/conflict-extractor/failed-requests`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflict-extractor" / "failed-requests"


def report_failed_request(
    messages: list[dict[str, str]], schema: dict[str, Any], error: Exception
) -> Path | None:
    """Log a failed request's input at WARNING and keep it as JSON in the user cache.

    Returns the file written (None when the cache folder cannot be written:
    the log line still carries the request). The oldest files beyond
    `KEEP_FAILED_REQUESTS` are removed.
    """
    request = {"error": str(error), "messages": messages, "schema": schema}
    text = json.dumps(request, ensure_ascii=False, indent=1)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    folder = failed_request_dir()
    path: Path | None = folder / f"{stamp}-{digest}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        assert path is not None
        path.write_text(text, encoding="utf-8")
        for old in sorted(folder.glob("*.json"))[:-KEEP_FAILED_REQUESTS]:
            old.unlink(missing_ok=True)
    except OSError:
        path = None
    log.warning(
        "a model choice failed (%s); its rule answers. The request (kept in %s): %s",
        error,
        path or "no file",
        json.dumps({"messages": messages, "schema": schema}, ensure_ascii=False),
    )
    return path


class ModelAsker:
    """Asks the model; None when its answer is unusable (the rule then stands).

    One asker serves one document. Once the endpoint cannot be reached (the
    embedded server died) it asks nothing more: the document's remaining
    choices take their rules at once, and the extractor restarts the server
    before the next document.
    """

    def __init__(self, client: StructuredClient, kinds: frozenset[str]) -> None:
        self.client = client
        self.kinds = kinds
        self.prompts = choice_prompts()
        self.failures = 0
        self.unreachable = False

    def asks(self, question: Question) -> bool:
        """Whether this question goes to the model: its kind is asked, or its kind's
        ``-unsure`` variant is and the rule has no answer ("speaker-unsure")."""
        if question.kind in self.kinds:
            return True
        return question.rule == NONE and f"{question.kind}-unsure" in self.kinds

    async def ask(self, context: str, question: Question, stats: CallStats) -> str | None:
        if self.unreachable:
            return None
        messages = self.prompts.render(context, question)
        model = choice_model(question)
        try:
            result = await self.client.create(messages, model, stats)
        except ExtractionValidationError:
            return None
        except ProviderError as e:
            self.failures += 1
            self.unreachable = isinstance(e, EndpointUnreachableError)
            report_failed_request(messages, model.model_json_schema(), e)
            return None
        answer = getattr(result, "answer", None)
        by_label = dict(zip(labels(question.options), question.options, strict=True))
        return by_label.get(answer) if isinstance(answer, str) else None
