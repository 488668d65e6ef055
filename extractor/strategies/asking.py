"""Put one choice to the model under a schema built for that request.

Each question becomes a pydantic model whose one field is a `Literal` of the
options, so llama.cpp's JSON-schema constrained decoding can only produce a
valid option. The messages keep a stable prefix (the fixed instructions, then
the passage, then the question) so that the server's prompt cache reuses the
work of a document's earlier choices. The templates are
`prompts/choice_system.j2` and `prompts/choice_user.j2`, rendered in a
sandbox; their hash is the staged prompt version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, create_model

from extractor.errors import ConfigurationError, ExtractionValidationError
from extractor.llm import CallStats, StructuredClient
from extractor.strategies.choices import NONE, Question
from extractor.templates import default_prompt_dir

FILES = ("choice_system.j2", "choice_user.j2")


@dataclass(frozen=True)
class ChoicePrompts:
    system: str
    user: Any
    version: str

    def render(self, context: str, question: Question) -> list[dict[str, str]]:
        user = self.user.render(context=context, question=question.prompt, options=question.options)
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
def answer_model(options: tuple[str, ...]) -> type[BaseModel]:
    """A response model that admits exactly these options."""
    return create_model("Choice", answer=(Literal[options], ...))  # type: ignore[valid-type]


class ModelAsker:
    """Asks the model; None when its answer is unusable (the rule then stands)."""

    def __init__(self, client: StructuredClient, kinds: frozenset[str]) -> None:
        self.client = client
        self.kinds = kinds
        self.prompts = choice_prompts()

    def asks(self, question: Question) -> bool:
        """Whether this question goes to the model: its kind is asked, or its kind's
        ``-unsure`` variant is and the rule has no answer ("speaker-unsure")."""
        if question.kind in self.kinds:
            return True
        return question.rule == NONE and f"{question.kind}-unsure" in self.kinds

    async def ask(self, context: str, question: Question, stats: CallStats) -> str | None:
        messages = self.prompts.render(context, question)
        try:
            result = await self.client.create(messages, answer_model(question.options), stats)
        except ExtractionValidationError:
            return None
        answer = getattr(result, "answer", None)
        return answer if answer in question.options else None
