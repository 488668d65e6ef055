"""The choice schema carries labels, never option text.

llama-cpp-python's JSON-schema-to-grammar step failed on an enum value that
held a double quote ("failed to parse grammar"), and the server died on the
next request. The model now answers with an option's label ("1", "2", ...,
"none"); the prompt lists the texts; the label is mapped back here.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from extractor.staged.asking import ModelAsker, answer_model, choice_model, labels
from extractor.staged.questions import NONE, Question

HARD = (
    'Idlib Media Center, "One rocket hit',
    "C:\\path\\to",
    "المرصد السوري لحقوق الإنسان",
    "Министерство обороны",
    NONE,
)


def _question(options: tuple[str, ...] = HARD) -> Question:
    return Question("speaker", (0,), 0, 'Who is the speaker of "said"?', options, options[0])


def test_labels_number_the_real_options_and_keep_none() -> None:
    assert labels(HARD) == ("1", "2", "3", "4", NONE)
    assert labels(("only", NONE)) == ("1", NONE)


def test_the_schema_holds_only_plain_ascii_labels() -> None:
    schema = choice_model(_question()).model_json_schema()
    enum = schema["properties"]["answer"]["enum"]
    assert enum == ["1", "2", "3", "4", "none"]
    dumped = json.dumps(schema)
    assert dumped.isascii() and "\\" not in dumped and "rocket" not in dumped
    with pytest.raises(ValueError):
        choice_model(_question()).model_validate({"answer": HARD[0]})


def test_the_prompt_lists_each_option_text_as_written_beside_its_label() -> None:
    from extractor.staged.asking import choice_prompts

    user = choice_prompts().render("A passage.", _question())[-1]["content"]
    for label, option in zip(labels(HARD)[:-1], HARD[:-1], strict=True):
        assert f"\n{label}. {option}\n" in user
    assert "\n- none\n" in user


class _Answering:
    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.models: list[type] = []

    async def create(self, messages: list[dict[str, str]], response_model: type, stats: object):  # type: ignore[no-untyped-def]
        self.models.append(response_model)
        return response_model(answer=self.answer)


@pytest.mark.parametrize(("label", "text"), [*zip(labels(HARD), HARD, strict=True)])
def test_a_label_maps_back_to_its_option_text(label: str, text: str) -> None:
    client = _Answering(label)
    asker = ModelAsker(client, frozenset({"speaker"}))  # type: ignore[arg-type]
    assert asyncio.run(asker.ask("A passage.", _question(), None)) == text  # type: ignore[arg-type]
    assert client.models == [answer_model(labels(HARD))]
