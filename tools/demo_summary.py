"""What `make demo` did, in one block: strategy, model, choices, time.

    python tools/demo_summary.py runs/demo/results.jsonl --started 1796000000.5

Reads the run's results (their provenance) and prints, on stderr, the
strategy and model every document went through, how many choices the model
made and how many its rules made, and the extraction time since `--started` (seconds since the epoch,
when the caller began the run).
`python tools/demo_summary.py --use-model` answers through its exit status
whether the staged strategy puts any kind of choice to the embedded model
(`MODEL_KINDS`): 0 when it does, 1 when the demo should run `rules`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.strategies import MODEL_KINDS  # noqa: E402


def summary(results: Path, seconds: float) -> str:
    strategies: Counter[str] = Counter()
    models: Counter[str] = Counter()
    model_choices = rule_choices = fallbacks = docs = 0
    for line in results.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        provenance = json.loads(line)["provenance"]
        docs += 1
        strategies[provenance["strategy"]] += 1
        models[provenance["model"]] += 1
        model_choices += provenance.get("model_choices", 0)
        rule_choices += provenance.get("rule_choices", 0)
        fallbacks += provenance.get("rule_fallbacks", 0)
    kinds = ", ".join(sorted(MODEL_KINDS)) or "none"
    model = ", ".join(sorted(models))
    if model == "none":
        model = "none (no kind of choice beats its rule: README, 'Model against rule')"
    return "\n".join(
        [
            f"documents:      {docs}",
            f"strategy:       {', '.join(sorted(strategies))}",
            f"model:          {model}",
            f"kinds asked:    {kinds}",
            f"model choices:  {model_choices} (rule choices {rule_choices}, "
            f"rule fallbacks {fallbacks})",
            f"extraction:     {seconds:.0f} s",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, nargs="?")
    parser.add_argument("--started", type=float, default=None)
    parser.add_argument("--use-model", action="store_true")
    args = parser.parse_args()
    if args.use_model:
        return 0 if MODEL_KINDS else 1
    if args.results is None:
        parser.error("results.jsonl is required")
    seconds = time.time() - args.started if args.started is not None else 0.0
    print(summary(args.results, seconds), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
