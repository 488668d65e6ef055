"""Measure each kind of staged choice, model against rule, on the gold.

    python tools/choice_ablation.py run --model qwen2.5-coder-0.5b \\
        --sets devset2-dev devset2-test --kinds speaker-unsure claimant-unsure
    python tools/choice_ablation.py table --out runs/ablation > docs/model-vs-rule.md

`run` starts the embedded server once (the model named, as
``EXTRACTOR_LOCAL_MODEL`` would pick it) and extracts each set once per kind
of choice, with only that kind put to the model (every other choice by its
rule); a kind's ``-unsure`` variant asks only where the rule has no answer.
Each run goes to ``<out>/<model>/<set>-<kind>/results.jsonl`` (a finished
run is kept and not redone), the rules alone to ``<out>/rules/<set>/``, with
``timing.json`` beside it (seconds, choices put to the model). `table` scores
every finished run with ``extractor eval`` and prints, per model, kind, set
and language (the gold's ``language``), the strict F1 of the record type the
choice decides (speaker: statements; claimant and campaign: claims) for the
model run and for the rules run. ``--variant fewshot`` adds worked examples
to the choice prompt (`FEWSHOT`); its runs go to ``<out>/<model>+fewshot/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.config import resolve_config  # noqa: E402
from extractor.pipeline import Extractor  # noqa: E402
from extractor.strategies.staged import StagedStrategy  # noqa: E402

SETS = {
    "seeds": ROOT / "seeds",
    "devset": ROOT / "evals" / "devset",
    "devset2-dev": ROOT / "evals" / "devset2" / "dev",
    "devset2-test": ROOT / "evals" / "devset2" / "test",
}
CHOICE_KINDS = ("speaker", "claimant", "campaign")
KINDS = (*(f"{k}-unsure" for k in CHOICE_KINDS), *CHOICE_KINDS)
RECORD_OF = {"speaker": "statement", "claimant": "claim", "campaign": "claim"}

# `--variant fewshot`: the system prompt followed by worked examples (made up,
# in the shape of the real questions; none is from a gold set).
FEWSHOT = """

Examples.

Passage: The health ministry said 12 people were killed when shells hit the market.
Question: Who is the speaker of "said" in this sentence?
Options:
1. The health ministry
2. shells
3. the market
- none
Answer: {"answer": "1"}

Passage: "We will respond," the army spokesman told reporters after drones struck the base.
Question: Who is the speaker of "told" in this sentence?
Options:
1. drones
2. the army spokesman
3. reporters
- none
Answer: {"answer": "2"}

Passage: Two children were among the dead, local officials said on Monday.
Question: Who gave the figure "Two children"?
Options:
1. local officials
2. Monday
- none
Answer: {"answer": "1"}

Passage: Since the offensive began in March, 340 civilians have been killed in the province.
Question: Is "340 civilians" the toll of one attack, or a campaign total over several days or places?
Options:
1. one attack
2. campaign total
Answer: {"answer": "2"}

Passage: An air strike on a school in the town killed nine people on Tuesday.
Question: Is "nine people" the toll of one attack, or a campaign total over several days or places?
Options:
1. one attack
2. campaign total
Answer: {"answer": "1"}"""


def use_variant(variant: str) -> None:
    """Put the variant's choice prompts in place of the shipped ones (this process only)."""
    if variant == "plain":
        return
    from dataclasses import replace

    from extractor.staged import asking

    prompts = replace(asking.choice_prompts(), system=asking.choice_prompts().system + FEWSHOT)
    asking.choice_prompts = lambda: prompts  # type: ignore[assignment]


async def _extract_set(extractor: Extractor, folder: Path) -> tuple[list[str], int]:
    lines, asked = [], 0
    for path in sorted(folder.glob("*.txt")):
        result = await extractor.aextract(
            path.read_text(encoding="utf-8"), doc_id=path.stem, source=str(path.relative_to(ROOT))
        )
        asked += result.provenance.model_choices + result.provenance.rule_fallbacks
        lines.append(result.model_dump_json() + "\n")
    return lines, asked


def _write(target: Path, lines: list[str], seconds: float, asked: int) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / "results.jsonl").write_text("".join(lines), encoding="utf-8")
    timing = {"seconds": round(seconds, 1), "choices": asked}
    (target / "timing.json").write_text(json.dumps(timing) + "\n", encoding="utf-8")
    print(
        f"{target.relative_to(target.parents[1])}: {seconds:.1f}s, {asked} choice(s)",
        file=sys.stderr,
        flush=True,
    )


async def run(out: Path, model: str, sets: list[str], kinds: list[str], variant: str) -> int:
    rules = resolve_config(provider="local", strategy="rules")
    async with Extractor(rules) as extractor:
        for name in sets:
            target = out / "rules" / name
            if not (target / "results.jsonl").exists():
                began = time.perf_counter()
                lines, _ = await _extract_set(extractor, SETS[name])
                _write(target, lines, time.perf_counter() - began, 0)
    if not kinds:
        return 0
    config = resolve_config(provider="local", strategy="staged", local_model=model)
    async with Extractor(config) as extractor:
        for kind in kinds:
            extractor.strategy = StagedStrategy(frozenset({kind}))
            for name in sets:
                label = model if variant == "plain" else f"{model}+{variant}"
                target = out / label / f"{name}-{kind}"
                if (target / "results.jsonl").exists():
                    continue
                began = time.perf_counter()
                lines, asked = await _extract_set(extractor, SETS[name])
                _write(target, lines, time.perf_counter() - began, asked)
    return 0


def _gold(name: str) -> Path:
    return SETS[name] / "annotations"


def scores(pred: Path, name: str) -> dict[str, dict[str, float]]:
    """Strict F1 per record type, over all documents ("all") and per gold language."""
    cli = Path(sys.executable).with_name("extractor")
    report = json.loads(
        subprocess.run(
            [str(cli), "eval", "--gold", str(_gold(name)), "--pred", str(pred),
             "--texts", str(SETS[name]), "--json"],
            check=True, capture_output=True, text=True,
        ).stdout
    )  # fmt: skip
    language = {
        p.stem: json.loads(p.read_text(encoding="utf-8")).get("language", "?")
        for p in _gold(name).glob("*.json")
    }
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for doc in report["documents"]:
        for group in ("all", language.get(doc["doc_id"], "?")):
            for record in ("claim", "statement"):
                row = counts[group][record]
                for i, field in enumerate(("gold", "pred", "matched")):
                    row[i] += doc[record][field]
    out: dict[str, dict[str, float]] = {}
    for group, by_record in counts.items():
        out[group] = {}
        for record, (gold, pred, matched) in by_record.items():
            p = matched / pred if pred else 0.0
            r = matched / gold if gold else 0.0
            out[group][record] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def table(out: Path) -> str:
    rows = [
        "| model | kind | set | language | choices asked | s / choice | model F1 | rule F1 | Δ |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    rule_scores = {
        d.name: scores(d, d.name) for d in sorted((out / "rules").glob("*")) if d.name in SETS
    }
    for model_dir in sorted(p for p in out.iterdir() if p.is_dir() and p.name != "rules"):
        for name in SETS:
            for kind in KINDS:
                run_dir = model_dir / f"{name}-{kind}"
                if not (run_dir / "results.jsonl").exists() or name not in rule_scores:
                    continue
                timing = json.loads((run_dir / "timing.json").read_text(encoding="utf-8"))
                per = timing["seconds"] / timing["choices"] if timing["choices"] else 0.0
                record = RECORD_OF[kind.removesuffix("-unsure")]
                model_scores = scores(run_dir, name)
                for group in sorted(model_scores, key=lambda g: (g != "all", g)):
                    m = model_scores[group][record]
                    r = rule_scores[name].get(group, {}).get(record, 0.0)
                    asked = timing["choices"] if group == "all" else ""
                    speed = f"{per:.1f}" if group == "all" and per else ""
                    rows.append(
                        f"| {model_dir.name} | {kind} | {name} | {group} | {asked} | {speed} "
                        f"| {m:.3f} | {r:.3f} | {m - r:+.3f} |"
                    )
    return "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run")
    run_p.add_argument("--out", type=Path, default=ROOT / "runs" / "ablation")
    run_p.add_argument("--model", default="qwen2.5-coder-0.5b")
    run_p.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    run_p.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    run_p.add_argument("--variant", default="plain", choices=("plain", "fewshot"))
    table_p = sub.add_parser("table")
    table_p.add_argument("--out", type=Path, default=ROOT / "runs" / "ablation")
    args = parser.parse_args()
    if args.command == "table":
        sys.stdout.write(table(args.out))
        return 0
    use_variant(args.variant)
    return asyncio.run(run(args.out, args.model, args.sets, args.kinds, args.variant))


if __name__ == "__main__":
    sys.exit(main())
