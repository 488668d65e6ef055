"""Prompt templates: Jinja2 files in `prompts/`, rendered in a sandbox.

Templates are validated when loaded (they must render with strict undefined
variables, and every few-shot example must be a valid draft whose evidence
occurs verbatim in its own text). The prompt version is a hash of the
rendered template set, so any change to a template or an example changes the
version recorded in every result.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import ValidationError

from .draft import Draft, EventTypeLit, StatementTypeLit
from .errors import ConfigurationError

STATEMENT_TYPES: dict[str, str] = {
    "deny": "rejects an allegation or a report",
    "accuse": "attributes an attack or harm to someone",
    "confirm": "acknowledges an event or the speaker's own action",
    "claim": "asserts a fact or figure without assigning blame (a death toll, what was hit)",
    "condemn": "judges morally",
    "appeal": "calls on someone to act",
    "support": "endorses",
    "comment": "anything else",
}
assert set(STATEMENT_TYPES) == set(StatementTypeLit.__args__)  # type: ignore[attr-defined]

TEMPLATE_FILES = ("system.j2", "user.j2", "examples.json")


def default_prompt_dir() -> Path:
    """`prompts/` of the source tree, or the copy shipped in the wheel."""
    here = Path(__file__).resolve().parent
    repo = here.parent / "prompts"
    return repo if (repo / "system.j2").is_file() else here / "prompts"


@dataclass(frozen=True)
class Example:
    text: str
    output: Draft

    @property
    def output_json(self) -> str:
        return self.output.model_dump_json()


@dataclass(frozen=True)
class PromptSet:
    system: str
    user_template: Any
    user_source: str
    examples: tuple[Example, ...]
    version: str

    def render(
        self, text: str, *, published: str | None = None, title: str | None = None
    ) -> list[dict[str, str]]:
        user = self.user_template.render(text=text, published=published, title=title)
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": user},
        ]


def _load_examples(path: Path) -> tuple[Example, ...]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ConfigurationError(f"{path}: cannot read few-shot examples: {e}") from e
    examples = []
    for i, item in enumerate(raw):
        try:
            draft = Draft.model_validate(item["output"])
        except (KeyError, ValidationError) as e:
            raise ConfigurationError(f"{path}: example {i} is not a valid draft: {e}") from e
        text = item["text"]
        quotes = [q for inc in draft.incidents for q in inc.evidence]
        quotes += [c.evidence for inc in draft.incidents for c in inc.casualties]
        quotes += [s.evidence for s in draft.statements]
        missing = [q for q in quotes if q not in text]
        if missing:
            raise ConfigurationError(
                f"{path}: example {i} evidence not found in its text: {missing[0]!r}"
            )
        examples.append(Example(text=text, output=draft))
    return tuple(examples)


def load_prompts(directory: str | Path | None = None) -> PromptSet:
    """Load, validate and version the prompt templates."""
    root = Path(directory) if directory else default_prompt_dir()
    env = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    try:
        system_src = (root / "system.j2").read_text(encoding="utf-8")
        user_src = (root / "user.j2").read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigurationError(f"cannot read prompt templates in {root}: {e}") from e
    examples = _load_examples(root / "examples.json")
    try:
        system = env.from_string(system_src).render(
            event_types=list(EventTypeLit.__args__),  # type: ignore[attr-defined]
            statement_types=STATEMENT_TYPES,
            examples=examples,
        )
        user_template = env.from_string(user_src)
        user_template.render(text="probe", published="2000-01-01", title="probe")
    except TemplateError as e:
        raise ConfigurationError(f"prompt template error in {root}: {e}") from e
    digest = hashlib.sha256()
    for part in (system, user_src, json.dumps(Draft.model_json_schema(), sort_keys=True)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return PromptSet(
        system=system,
        user_template=user_template,
        user_source=user_src,
        examples=examples,
        version=digest.hexdigest()[:12],
    )


@cache
def default_prompts() -> PromptSet:
    return load_prompts()
