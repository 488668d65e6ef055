"""Choices whose options hold quotes, backslashes, Arabic and Cyrillic, put to
the real embedded server (`make smoke`).

    python tools/grammar_smoke.py [--model qwen2.5-coder-0.5b]

An option holding a double quote once made llama-cpp-python's
schema-to-grammar step fail, and the server died on the next request. Each
question here offers such options; the check passes when every request is
answered (no endpoint failure), every answer maps back to one of the
question's options, and the server is still alive at the end. Exits 1
otherwise, naming the question.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.config import resolve_config  # noqa: E402
from extractor.llm import CallStats  # noqa: E402
from extractor.pipeline import Extractor  # noqa: E402
from extractor.staged.asking import ModelAsker  # noqa: E402
from extractor.staged.questions import NONE, Question  # noqa: E402

CASES = (
    (
        'Idlib Media Center, "One rocket hit the market," said a spokesman.',
        ('Idlib Media Center, "One rocket hit', "a spokesman", NONE),
    ),
    (
        "The file C:\\reports\\idlib.txt was cited by the monitor, the group said.",
        ("C:\\reports\\idlib.txt", "the group", 'the "monitor" \\ group', NONE),
    ),
    (
        "قال المرصد السوري لحقوق الإنسان إن الغارات قتلت خمسة مدنيين.",
        ("المرصد السوري لحقوق الإنسان", "الغارات", NONE),
    ),
    (
        "Министерство обороны заявило, что ракета попала в склад.",
        ("Министерство обороны", "ракета", NONE),
    ),
)


async def check(model: str | None) -> list[str]:
    config = resolve_config(provider="local", strategy="staged", local_model=model)
    problems = []
    async with Extractor(config) as extractor:
        assert extractor._client is not None and extractor._server is not None
        asker = ModelAsker(extractor._client, frozenset({"speaker"}))
        for i, (passage, options) in enumerate(CASES):
            q = Question("speaker", (i,), 0, "Who said it?", options, options[0])
            answer = await asker.ask(passage, q, CallStats())
            if asker.failures or answer not in options:
                problems.append(f"case {i} ({options[0]!r}): answer {answer!r}")
            if not extractor._server.alive():
                problems.append(f"case {i} ({options[0]!r}): the server died")
                break
            print(f"case {i}: {answer!r}", file=sys.stderr)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None, help="an embedded model (default: the default)")
    problems = asyncio.run(check(parser.parse_args().model))
    for problem in problems:
        print(f"grammar smoke: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
